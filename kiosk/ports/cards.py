"""Card readers and what a read gives: an identity, or an error the UI explains (drivers/cards, drivers/pcsc)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # annotations only: the ports load at start-up, the form model after it
    from kiosk.domain import Identity
    from kiosk.domain.mrz import MrzKey


class CardErrorCode(str, Enum):
    REMOVED = "card_removed"  # pulled out mid-read
    UNKNOWN_CARD = "unknown_card"  # no profile understands it
    UNREADABLE = "unreadable"  # malformed data, bad status words
    NO_READER = "no_reader"
    READER_BUSY = "reader_busy"
    KEY_REQUIRED = "key_required"  # an ePassport / ICAO ID card: its chip opens with the MRZ key only
    WRONG_KEY = "wrong_key"  # the chip refused the MRZ key (document number or dates mistyped)
    FORGED = "document_forged"  # passive authentication failed: altered data, bad or untrusted signature
    STAFF_CARD = "staff_card"  # a staff card where a member's card was expected: offer staff sign-in


@dataclass(frozen=True)
class CardError:
    code: CardErrorCode
    detail: str = ""  # for technicians; never personal data


@dataclass(frozen=True)
class CardReadResult:
    """Either an identity or an error: a card read never raises into the UI."""

    identity: Identity | None = None
    error: CardError | None = None

    @property
    def ok(self) -> bool:
        return self.identity is not None


class CardEvents(Protocol):
    def card_inserted(self, reader: str, atr: bytes) -> None: ...
    def card_removed(self, reader: str) -> None: ...


class CardReader(Protocol):
    def readers(self) -> list[str]: ...
    def start(self, events: CardEvents) -> None:
        """Start watching for insert/remove; events arrive on a driver thread."""
    def stop(self) -> None: ...
    def read_identity(self, reader: str, key: MrzKey | None = None) -> CardReadResult:
        """Blocking read of the card in `reader`; call it off the UI thread. `key` opens the chip
        of an ePassport or ICAO ID card (without it such a card answers KEY_REQUIRED)."""
