"""One-time sign-in codes sent by SMS to the mobile number the platform holds for a member.

A code is 6 digits, lives CODE_TTL_S (5 minutes), is good for one sign-in, and is bound to the
kiosk that asked for it. MAX_WRONG wrong codes for one member (over all of that member's codes)
lock that member's codes for LOCK_S (15 minutes): no new code is sent and none is accepted until
then. A right code clears the count. Only a keyed hash of each code is kept (HMAC-SHA256 under a
key made at start-up, in memory): the platform can check a code, not read it back. Codes and
challenges live in memory, so a restart forgets them; the member asks for a new code.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from platform_sim.member_errors import MemberError

CODE_TTL_S = 300
MAX_WRONG = 5
LOCK_S = 900
MAX_CHALLENGES = 1000
_CODE = re.compile(r"^[0-9]{6}$")


@dataclass
class Challenge:
    challenge_id: str
    device_id: str
    member: str  # keyed hash of the member's HKID number (platform_sim/sign_in.py)
    number: str  # the HKID number, to issue the assertion once the code is right
    code_mac: bytes
    expires_at: float
    used: bool = False


@dataclass
class _Tries:
    wrong: int = 0
    locked_until: float = 0.0


class OneTimeCodes:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._key = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._challenges: OrderedDict[str, Challenge] = OrderedDict()
        self._tries: dict[str, _Tries] = {}

    def _mac(self, challenge_id: str, code: str) -> bytes:
        return hmac.new(self._key, f"{challenge_id}:{code}".encode(), hashlib.sha256).digest()

    def _refuse_if_locked(self, member: str, now: float) -> None:
        tries = self._tries.get(member)
        if tries is not None and tries.locked_until > now:
            wait = int(tries.locked_until - now) + 1
            raise MemberError(423, "OTP_LOCKED", retry_after_s=wait)

    def new_code(self, device_id: str, member: str, number: str) -> tuple[Challenge, str]:
        """A new challenge and its code in clear (for the SMS only). Raises OTP_LOCKED."""
        now = self._clock()
        code = f"{secrets.randbelow(1_000_000):06d}"
        challenge_id = "otp-" + secrets.token_hex(12)
        with self._lock:
            self._refuse_if_locked(member, now)
            c = Challenge(challenge_id, device_id, member, number, self._mac(challenge_id, code), now + CODE_TTL_S)
            self._challenges[challenge_id] = c
            while len(self._challenges) > MAX_CHALLENGES:  # bounded: the oldest go first
                self._challenges.popitem(last=False)
        return c, code

    def verify(self, device_id: str, challenge_id: str, code: str) -> Challenge:
        """The challenge when `code` is right (it is then used up); raises MemberError otherwise."""
        now = self._clock()
        with self._lock:
            c = self._challenges.get(challenge_id)
            if c is None or c.device_id != device_id:
                raise MemberError(410, "OTP_EXPIRED")  # another kiosk's challenge does not exist here
            self._refuse_if_locked(c.member, now)
            if c.used or now >= c.expires_at:
                raise MemberError(410, "OTP_EXPIRED")
            right = bool(_CODE.match(code)) and hmac.compare_digest(c.code_mac, self._mac(challenge_id, code))
            tries = self._tries.setdefault(c.member, _Tries())
            if right:
                c.used = True
                tries.wrong = 0
                return c
            tries.wrong += 1
            if tries.wrong >= MAX_WRONG:
                tries.wrong = 0
                tries.locked_until = now + LOCK_S
                for other in self._challenges.values():  # every open code of this member dies with the lock
                    if other.member == c.member:
                        other.used = True
                raise MemberError(423, "OTP_LOCKED", retry_after_s=LOCK_S)
            raise MemberError(403, "OTP_WRONG", tries_left=MAX_WRONG - tries.wrong)
