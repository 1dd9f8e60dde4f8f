"""Member sign-in, the member's own account and receipts (docs/sign-in.md), as the platform offers
them to a kiosk (offline_cache.sign_in_client.MemberPlatformClient)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.ports.platform import PlatformError

if TYPE_CHECKING:
    from kiosk.domain.account import InstructionStatus, MemberAccount
    from kiosk.domain.assurance import SignIn


class SignInRefused(PlatformError):
    """The platform answered, and said no: wrong or expired code, locked codes, no mobile held, a
    sign-in from another member or kiosk, a cancel too late. Bilingual; retrying the same will not help
    (`retry_after` says when codes unlock; `tries_left` counts wrong codes left)."""

    def __init__(self, message: str, code: str, message_zh: str, message_en: str, *,
                 retry_after: float | None = None, tries_left: int | None = None) -> None:
        super().__init__(message, retry_after=retry_after)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.tries_left = tries_left


@dataclass(frozen=True)
class SmsChallenge:
    """A one-time code is on its way to the member's registered mobile."""

    challenge_id: str
    sent_to: str  # masked, e.g. ****4567
    expires_in_s: float
    code_length: int = 6


class MemberPlatform(Protocol):
    """Sign-in, the member's own account and receipts (docs/sign-in.md)."""

    def sms_start(self, hkid: str) -> SmsChallenge: ...
    def sms_verify(self, challenge_id: str, code: str, hkid: str = "") -> SignIn:
        """`hkid` names the member the challenge was for (the assertion does not)."""
        ...
    def account(self, sign_in: SignIn) -> MemberAccount: ...
    def receipt_status(self, kiosk_ref: str) -> InstructionStatus: ...
    def receipt_details(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus: ...
    def cancel(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus: ...
