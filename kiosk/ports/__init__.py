"""The interfaces the core depends on, and the types that cross them. Implementations live in
drivers/ and offline_cache/ (which import only kiosk.domain and kiosk.ports from the kiosk);
only the composition root (kiosk/app.py) chooses them.

- cards: CardReader and what a read gives (drivers/cards, drivers/pcsc)
- outbox: Outbox, its states and receipts, the Transaction an enqueue runs in (offline_cache.outbox)
- platform: PlatformClient and its errors (offline_cache.platform_client)
- qr, iamsmart: QR sources (drivers/qr) and the iAM Smart hand-off
- device: Clock, Keystore (offline_cache.keystore)
- status: KioskStatus, the health snapshot the status strip, staff and the doctor read
- staff, staff_queue, audit: staff sign-in, what staff see of and do to the outbox, the audit log
- member: member sign-in, account and receipts (offline_cache.sign_in_client)

This package re-exports the member-side ports (cards to device) so `from kiosk.ports import
CardReader` works; status, staff, staff_queue, audit and member are imported from their own modules.
"""

from kiosk.ports.cards import CardError, CardErrorCode, CardEvents, CardReader, CardReadResult
from kiosk.ports.device import Clock, Keystore, Listener
from kiosk.ports.iamsmart import IamSmartClient, IamSmartPoll, IamSmartState, IamSmartTicket
from kiosk.ports.outbox import (
    ItemResult,
    ItemStatus,
    Outbox,
    OutboxItem,
    OutboxState,
    QueueCounts,
    QueueRefused,
    Receipt,
    Transaction,
    TransactionStep,
)
from kiosk.ports.platform import AuthError, BatchRefused, PlatformClient, PlatformError
from kiosk.ports.qr import QrEvents, QrRead, QrSource, QrSourceKind

__all__ = [
    "AuthError", "BatchRefused", "CardError", "CardErrorCode", "CardEvents", "CardReadResult", "CardReader",
    "Clock", "IamSmartClient", "IamSmartPoll", "IamSmartState", "IamSmartTicket", "ItemResult", "ItemStatus",
    "Keystore", "Listener", "Outbox", "OutboxItem", "OutboxState", "PlatformClient", "PlatformError",
    "QrEvents", "QrRead", "QrSource", "QrSourceKind", "QueueCounts", "QueueRefused", "Receipt", "Transaction",
    "TransactionStep",
]
