"""Recognising a staff card where members' cards are read.

A staff card is not an identity card: in the member registry its profile only SELECTs the staff
application and answers `StaffCardPresented` (CardErrorCode.STAFF_CARD), so the kiosk can offer
staff sign-in instead of telling a staff member their card is unknown.
"""

from __future__ import annotations

from typing import ClassVar

from kiosk.domain import Identity
from kiosk.ports import CardErrorCode

from ..profile import Card, ProfileOutcome
from . import card as staff_card


class StaffCardPresented(ProfileOutcome):
    code: ClassVar[CardErrorCode] = CardErrorCode.STAFF_CARD


class StaffCardProfile:
    name = "staff-card"

    def matches(self, atr: bytes) -> bool:
        return True

    def read(self, card: Card) -> Identity:
        staff_card.select(card)  # NotThisCard when the application is absent
        raise StaffCardPresented("a staff card: sign in to staff mode with it")
