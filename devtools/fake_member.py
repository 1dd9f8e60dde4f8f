"""A member platform in memory, for screenshots and the UI's own tests (kiosk.ports.MemberPlatform,
and kiosk.ports.employer.EmployerPlatform for an employer's authorised person).

Its members and accounts are the simulator's fictional ones (platform_sim/accounts.py), read
through the kiosk's own parser, so a screen shows what the real platform would send. Tests of the
sign-in itself run against the simulator over HTTP (tests/e2e); this stands in where a screen only
needs answers. The code it "sends" is kept in `sent` as the simulated phone would show it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from kiosk.domain.account import InstructionStatus, MemberAccount
from kiosk.domain.assurance import SignIn, SignInMethod
from kiosk.domain.employer import Employer, EmployerSummary, employer_from_doc
from kiosk.ports import PlatformError
from kiosk.ports.member import SignInRefused, SmsChallenge
from platform_sim.errors import MESSAGES as ERRORS
from platform_sim.member_errors import MESSAGES  # the platform's own wording

WRONG, LOCKED, NO_MOBILE = MESSAGES["OTP_WRONG"], MESSAGES["OTP_LOCKED"], MESSAGES["MEMBER_NO_MOBILE"]


def simulator_employer(employer_id: str = "EMP-0001") -> Employer:
    """One of the simulator's fictional employers (platform_sim/employers.py), as the kiosk parses
    the platform's answer for it."""
    from platform_sim import employers

    return employer_from_doc({"as_of": "2026-12-06T10:00:00+08:00", **employers.employer_document(employer_id)})


@dataclass
class FakeMemberPlatform:
    code: str = "246810"  # every code it sends
    online: bool = True
    delay_s: float = 0.0
    tries: int = 5
    sent: list[tuple[str, str]] = field(default_factory=list)  # (masked mobile, code) as the phone shows
    # Every valid number is a member with a fictional mobile who acts for EMP-0001 (UI tests whose
    # member's number is made up, e.g. to find it left behind after a wipe).
    any_member: bool = False
    _challenges: dict[str, str] = field(default_factory=dict)  # challenge id -> canonical HKID
    _wrong: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _reach(self) -> None:
        time.sleep(self.delay_s)
        if not self.online:
            raise PlatformError("fake platform offline")

    def sms_start(self, hkid: str) -> SmsChallenge:
        from platform_sim import accounts

        self._reach()
        member = accounts.member(hkid)
        if member is None and self.any_member:
            member = accounts.member("A123456(3)")
        if member is None:
            raise SignInRefused("no mobile", "MEMBER_NO_MOBILE", *NO_MOBILE)
        if self._wrong >= self.tries:
            raise SignInRefused("locked", "OTP_LOCKED", *LOCKED, retry_after=900)
        with self._lock:
            challenge = f"otp-{len(self._challenges):024x}"
            self._challenges[challenge] = hkid
            self.sent.append((accounts.masked_mobile(member.mobile), self.code))
        return SmsChallenge(challenge, accounts.masked_mobile(member.mobile), 300.0)

    def sms_verify(self, challenge_id: str, code: str, hkid: str = "") -> SignIn:
        self._reach()
        with self._lock:
            if self._wrong >= self.tries:
                raise SignInRefused("locked", "OTP_LOCKED", *LOCKED, retry_after=900)
            if code != self.code or challenge_id not in self._challenges:
                self._wrong += 1
                if self._wrong >= self.tries:
                    raise SignInRefused("locked", "OTP_LOCKED", *LOCKED, retry_after=900)
                raise SignInRefused("wrong", "OTP_WRONG", *WRONG, tries_left=self.tries - self._wrong)
            self._wrong = 0
            member = self._challenges.pop(challenge_id)
        now = time.time()
        return SignIn(hkid or member, SignInMethod.SMS_OTP, "v1.fake.assertion", now, now + 900)

    def account(self, sign_in: SignIn) -> MemberAccount:
        from offline_cache.sign_in_client import parse_account
        from platform_sim import accounts

        self._reach()
        member = accounts.member(sign_in.hkid)
        if member is None:
            return parse_account(accounts.unregistered_document("2026-12-06T10:00:00+08:00"))
        return parse_account(accounts.account_document(member, [], "2026-12-06T10:00:00+08:00"))

    def my_employers(self, sign_in: SignIn) -> tuple[EmployerSummary, ...]:
        from platform_sim import employers

        self._reach()
        return tuple(EmployerSummary(e["employer_id"], e["name_zh"], e["name_en"])
                     for e in employers.EMPLOYERS.values() if self._acts_for(e["employer_id"], sign_in.hkid))

    def _acts_for(self, employer_id: str, hkid: str) -> bool:
        from platform_sim import employers

        return employers.authorised(employer_id, hkid) or (self.any_member and employer_id == "EMP-0001")

    def employer_account(self, sign_in: SignIn, employer_id: str) -> Employer:

        self._reach()
        if not self._acts_for(employer_id, sign_in.hkid):
            raise SignInRefused("not authorised", "EMPLOYER_NOT_AUTHORISED", *ERRORS["EMPLOYER_NOT_AUTHORISED"])
        return simulator_employer(employer_id)

    def receipt_status(self, kiosk_ref: str) -> InstructionStatus:
        self._reach()
        raise SignInRefused("unknown", "RECEIPT_UNKNOWN", *MESSAGES["RECEIPT_UNKNOWN"])

    def receipt_details(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus:
        return self.receipt_status(kiosk_ref)

    def cancel(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus:
        return self.receipt_status(kiosk_ref)
