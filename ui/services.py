"""What the UI needs from the rest of the kiosk, as a Protocol the composition root satisfies.

The UI never chooses implementations: kiosk/app.py builds the real object (PC/SC reader, SQLite
outbox, sync status), tests and screenshots pass ui.fakes.FakeServices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from kiosk.config import KioskConfig
from kiosk.ports import CardReader, Receipt
from kiosk.status import KioskStatus

if TYPE_CHECKING:  # annotations only: the form model loads after the first paint
    from kiosk.core.confirm import ConfirmRequest, ConfirmResult
    from kiosk.domain import Instruction


class KioskServicesLike(Protocol):
    @property
    def config(self) -> KioskConfig: ...

    @property
    def cards(self) -> CardReader:
        """Events arrive on a driver thread; read_identity blocks (the UI calls it on a worker)."""
        ...

    def enqueue(self, instruction: Instruction) -> Receipt:
        """Durable write before it returns; blocks (the UI calls it on a worker).

        May raise kiosk.ports.QueueRefused (message_zh, message_en) or any other exception."""
        ...

    def confirm(self, request: ConfirmRequest) -> ConfirmResult:
        """The confirm use case (kiosk/core/confirm.py): a prepared code's nonce claimed, the
        instruction queued (assisted, linked), a typed result; blocks (the UI calls it on a worker)."""
        ...

    def status(self) -> KioskStatus:
        """Cheap and thread-safe; polled once a second for the status strip."""
        ...

    def announcements(self) -> list[tuple[str, str]]:
        """(zh, en) pairs for the attract screen."""
        ...
