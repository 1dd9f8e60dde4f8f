"""What a card profile is: one kind of card the kiosk can read an identity from.

Profiles are tried in order (see `registry.py`). A profile that finds its application missing
raises `NotThisCard` so the next one gets a turn; one that finds its application but cannot
make sense of the data raises `CardDataError`. Transport failures (`drivers.pcsc.errors`)
pass through untouched: the reader decides what they mean.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from kiosk.domain import Identity
from kiosk.domain.mrz import MrzKey
from kiosk.ports import CardErrorCode

# Status words that mean "no such application here" to a SELECT: file or application not
# found, function not supported, instruction or class not supported.
NOT_THIS_CARD_SW = frozenset({0x6A82, 0x6A81, 0x6D00, 0x6E00})


class NotThisCard(Exception):
    """The card does not carry this profile's application."""


class CardDataError(Exception):
    """The application is there but its data is malformed or not acceptable.

    The message is for technicians: it names fields and lengths, never their content.
    """


class ProfileOutcome(Exception):
    """Neither an identity nor a fault: the profile knows the card, but the kiosk must first ask
    for something (the MRZ key of an ePassport) or must refuse the document (it failed passive
    authentication). `code` is what the reader reports; the message is for technicians."""

    code: ClassVar[CardErrorCode] = CardErrorCode.UNREADABLE


class Card(Protocol):
    """The card as a profile sees it: an open exclusive channel."""

    @property
    def reader(self) -> str: ...

    @property
    def atr(self) -> bytes: ...

    def exchange(self, apdu: bytes) -> bytes: ...


class CardProfile(Protocol):
    @property
    def name(self) -> str:
        """Short and stable, for logs and configuration (e.g. `simple-identity`)."""

    def matches(self, atr: bytes) -> bool:
        """A cheap first filter on the ATR; True when selecting the application is worth a try."""

    def read(self, card: Card) -> Identity:
        """Read the identity; raise NotThisCard, CardDataError or a transport error."""


class KeyedCardProfile(CardProfile, Protocol):
    """A profile whose card opens only with key material (ICAO 9303: the MRZ key for BAC; a CAN
    for PACE later). The registry hands the key to `read_with_key`; `read` means no key."""

    def read_with_key(self, card: Card, key: MrzKey | None) -> Identity: ...
