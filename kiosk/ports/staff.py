"""Staff sign-in as a port: who is at the kiosk (`Principal`), how they prove it (`StaffAuthenticator`,
implemented by kiosk.modes.auth for PINs and one-time codes and by drivers/cards/staff for the staff
card), and `Refused`, the bilingual refusal every staff and technician operation raises.

What each role may do (kiosk.modes.roles) and the sign-in rules (kiosk.modes.staff) are not here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from kiosk.languages import choose


class Refused(Exception):
    """Something a staff member or technician asked for was not done, and why.

    `code` is stable (tests, the audit log, support); the messages are for people. The text never
    quotes personal data."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return choose(self.message_zh, self.message_en, lang)


class Role(str, Enum):
    STAFF = "staff"  # shop staff helping walk-ins
    TECHNICIAN = "technician"  # field technicians: everything staff may do, and the machine


class SignInMethod(str, Enum):
    PIN = "pin"  # staff number + PIN
    CARD = "card"  # staff card + PIN verified on the card (drivers/cards/staff)
    ONE_TIME_CODE = "one_time_code"  # technician code from the operator, for a kiosk whose reader is broken


@dataclass(frozen=True)
class Principal:
    """Who is signed in. `card_reader` is set when a card vouches for them: pulling that card ends
    the staff session (StaffDesk.card_removed). What they may do: kiosk.modes.roles.may."""

    staff_id: str
    role: Role
    shop: str
    method: SignInMethod
    card_reader: str = ""

    @property
    def ends_on_card_removal(self) -> bool:
        return bool(self.card_reader)


@dataclass(frozen=True)
class SignInAttempt:
    method: SignInMethod
    secret: str = field(repr=False)  # the PIN or the one-time code; never logged
    staff_id: str = ""
    reader: str = ""  # for a card: the reader holding it


@dataclass(frozen=True)
class CardHolder:
    """Who a staff card says it belongs to, read before the PIN (the certificate is public and
    checked against the staff CA): the PIN pad shows it so staff know the card was recognised."""

    staff_id: str
    role: Role
    shop: str
    reader: str


class SignInRefused(Refused):
    """Wrong PIN, unknown staff number, used code... `counts` is False for refusals that are not a
    guess (e.g. the method is not available here) and so must not feed the lockout."""

    def __init__(self, code: str, message_zh: str, message_en: str, counts: bool = True) -> None:
        super().__init__(code, message_zh, message_en)
        self.counts = counts


class StaffAuthenticator(Protocol):
    """Proves who is at the kiosk. Implementations: kiosk.modes.auth's PinAuthenticator and
    OneTimeCodeAuthenticator, and the staff card (drivers/cards/staff)."""

    def methods(self) -> Sequence[SignInMethod]: ...

    def authenticate(self, attempt: SignInAttempt) -> Principal:
        """The principal, or raises SignInRefused. May block (scrypt, a card): call it off the UI thread."""
        ...


class CardHolderReader(Protocol):
    """An authenticator that can say whose staff card is in a reader without its PIN."""

    def card_holder(self, reader: str) -> CardHolder:
        """The card's holder, or raises SignInRefused (never counts: nothing was guessed)."""
        ...


_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,15}$")


def normalise_staff_id(raw: str) -> str:
    """A staff number as every sign-in method and the staff card's certificate write it."""
    text = raw.strip().upper()
    if not _ID.match(text):
        raise Refused("STAFF_ID_FORMAT", "職員編號須為 2 至 16 個英文字母、數字或 -。",
                      "The staff number must be 2 to 16 letters, digits or -.")
    return text
