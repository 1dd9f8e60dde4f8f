"""What an eMRTD read can end in besides an identity (see drivers.cards.profile.ProfileOutcome)."""

from __future__ import annotations

from typing import ClassVar

from kiosk.ports import CardErrorCode

from ..profile import ProfileOutcome


class AccessKeyRequired(ProfileOutcome):
    """The card holds the eMRTD application, but its chip opens only with the MRZ key."""

    code: ClassVar[CardErrorCode] = CardErrorCode.KEY_REQUIRED


class WrongAccessKey(ProfileOutcome):
    """The chip refused the access key: a mistyped document number or date (the member can fix it)."""

    code: ClassVar[CardErrorCode] = CardErrorCode.WRONG_KEY


class DocumentForged(ProfileOutcome):
    """Passive authentication proved the chip's data altered or signed by someone the issuing
    country's CSCA never certified (or revoked), or Active/Chip Authentication proved the chip is not
    the one the country issued (a clone). The message names the check that failed, never data."""

    code: ClassVar[CardErrorCode] = CardErrorCode.FORGED

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
