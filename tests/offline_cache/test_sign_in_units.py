"""The simulator's sign-in parts in process: assertions (platform_sim/sign_in.py), one-time codes
(platform_sim/one_time_codes.py) and the cancel cut-off (platform_sim/receipts.py)."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path

import pytest

from platform_sim.member_errors import MemberError
from platform_sim.one_time_codes import LOCK_S, OneTimeCodes
from platform_sim.receipts import cancel_deadline
from platform_sim.sign_in import DELIVERY_WINDOW_S, SignIns
from platform_sim.store import Store


class Clock:
    def __init__(self) -> None:
        self.now = 1_780_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "platform.sqlite3")


def test_assertions_bind_member_kiosk_and_time(store: Store) -> None:
    clock = Clock()
    signs = SignIns(store, clock)
    token = signs.issue("A123456(3)", "dev-1", "sms_otp")["assertion"]
    assert signs.check(token, "a123456 (3)", "dev-1", window_s=DELIVERY_WINDOW_S) is None
    assert signs.check(token, "CA182361(1)", "dev-1", window_s=DELIVERY_WINDOW_S) == "SIGN_IN_OTHER_MEMBER"
    assert signs.check(token, "A123456(3)", "dev-2", window_s=DELIVERY_WINDOW_S) == "SIGN_IN_OTHER_KIOSK"
    assert signs.check("", "A123456(3)", "dev-1", window_s=DELIVERY_WINDOW_S) == "SIGN_IN_REQUIRED"
    clock.now += DELIVERY_WINDOW_S + 1
    assert signs.check(token, "A123456(3)", "dev-1", window_s=DELIVERY_WINDOW_S) == "SIGN_IN_EXPIRED"
    # The same key after a restart (it lives in the store): an assertion outlives the process.
    assert SignIns(store, clock).read(token) is not None


def test_altered_or_foreign_assertions_are_invalid(store: Store, tmp_path: Path) -> None:
    clock = Clock()
    signs = SignIns(store, clock)
    token = signs.issue("A123456(3)", "dev-1", "iamsmart")["assertion"]
    head, claims, mac = token.split(".")
    doc = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    assert "A123456" not in json.dumps(doc)  # the member is a keyed hash
    doc["dev"] = "dev-2"
    moved = base64.urlsafe_b64encode(json.dumps(doc).encode()).rstrip(b"=").decode()
    other_platform = SignIns(Store(tmp_path / "other.sqlite3"), clock)
    for bad in (f"{head}.{moved}.{mac}", f"v2.{claims}.{mac}", f"{head}.{claims}", "v1.!!.??", 42, "x" * 5000,
                other_platform.issue("A123456(3)", "dev-1", "sms_otp")["assertion"]):
        assert signs.read(bad) is None, bad
        assert signs.check(bad, "A123456(3)", "dev-1", window_s=60) == "SIGN_IN_INVALID"
    future = SignIns(store, lambda: clock.now + 3600).issue("A123456(3)", "dev-1", "sms_otp")["assertion"]
    assert signs.check(future, "A123456(3)", "dev-1", window_s=60) == "SIGN_IN_INVALID"


def test_codes_are_kept_only_as_a_keyed_hash() -> None:
    codes = OneTimeCodes(Clock())
    challenge, code = codes.new_code("dev-1", "member-hash", "A1234563")
    assert len(code) == 6 and code.isdigit()
    assert code not in repr(challenge) and code.encode() not in challenge.code_mac
    assert not any(code in str(v) for v in vars(challenge).values())


def test_wrong_codes_count_per_member_and_lock_for_fifteen_minutes() -> None:
    clock = Clock()
    codes = OneTimeCodes(clock)
    first, _ = codes.new_code("dev-1", "m", "A1234563")
    second, right = codes.new_code("dev-1", "m", "A1234563")
    for _ in range(3):
        with pytest.raises(MemberError, match="OTP_WRONG"):
            codes.verify("dev-1", first.challenge_id, "000000" if right != "000000" else "111111")
    for wrong in ("12345", "abcdef"):  # not six digits: still a wrong try
        with pytest.raises(MemberError) as caught:
            codes.verify("dev-1", second.challenge_id, wrong)
    assert caught.value.code == "OTP_LOCKED" and caught.value.extra["retry_after_s"] == LOCK_S
    with pytest.raises(MemberError, match="OTP_LOCKED"):
        codes.new_code("dev-1", "m", "A1234563")
    clock.now += LOCK_S + 1
    with pytest.raises(MemberError, match="OTP_EXPIRED"):  # the lock killed the open codes
        codes.verify("dev-1", second.challenge_id, right)
    third, code = codes.new_code("dev-1", "m", "A1234563")
    with pytest.raises(MemberError, match="OTP_EXPIRED"):  # another kiosk cannot use it
        codes.verify("dev-2", third.challenge_id, code)
    assert codes.verify("dev-1", third.challenge_id, code).number == "A1234563"


@pytest.mark.parametrize(("received", "deadline"), [
    ("2026-12-07T15:59:00+08:00", "2026-12-07T16:00:00+08:00"),  # Monday before 16:00: the same day
    ("2026-12-07T16:00:00+08:00", "2026-12-08T16:00:00+08:00"),  # at 16:00: the next working day
    ("2026-12-11T17:00:00+08:00", "2026-12-14T16:00:00+08:00"),  # Friday evening: Monday
    ("2026-12-06T10:00:00+08:00", "2026-12-07T16:00:00+08:00"),  # Sunday: Monday
    ("2026-12-07T07:30:00+00:00", "2026-12-07T16:00:00+08:00"),  # UTC input, 15:30 in Hong Kong
])
def test_fund_switch_cancel_deadline(received: str, deadline: str) -> None:
    assert cancel_deadline(received) == datetime.fromisoformat(deadline)
