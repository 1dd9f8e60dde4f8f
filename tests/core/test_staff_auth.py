"""Staff sign-in: PINs, technician one-time codes, lockout with a doubling wait, idle timeout, the
card-removal hook and role permissions, with the audit log they write (real files)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from kiosk.modes.auth import (
    AnyOf,
    OneTimeCodeAuthenticator,
    OneTimeCodes,
    PinAuthenticator,
    PinRegistry,
    check_pin_strength,
    hotp,
)
from kiosk.modes.lockout import Lockout
from kiosk.modes.roles import Action
from kiosk.modes.staff import SignOutReason, StaffDesk
from kiosk.ports.staff import Principal, Refused, Role, SignInAttempt, SignInMethod, SignInRefused
from offline_cache.audit import FileAuditLog, load_key

PIN = "482915"
TECH_PIN = "730416"


class Clock:
    def __init__(self, t: float = 1_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


class CardAuthenticator:
    """A stand-in for the staff card of issue 4, through the same port: PIN checked "on the card" in
    `reader`, principal bound to that reader."""

    def __init__(self, pins: dict[str, tuple[str, Role]]) -> None:
        self.pins = pins

    def methods(self) -> Sequence[SignInMethod]:
        return (SignInMethod.CARD,)

    def authenticate(self, attempt: SignInAttempt) -> Principal:
        entry = self.pins.get(attempt.reader)
        if entry is None or entry[0] != attempt.secret:
            raise SignInRefused("CARD_PIN_WRONG", "密碼不正確。", "Wrong PIN.")
        return Principal("C042", entry[1], "SHOP-01", SignInMethod.CARD, card_reader=attempt.reader)


@pytest.fixture
def registry(tmp_path: Path) -> PinRegistry:
    reg = PinRegistry(tmp_path / "keys" / "staff.json")
    reg.register("s001", PIN, Role.STAFF, "SHOP-01")
    reg.register("T900", TECH_PIN, Role.TECHNICIAN, "FIELD")
    return reg


@pytest.fixture
def audit(tmp_path: Path) -> FileAuditLog:
    return FileAuditLog(tmp_path / "audit", load_key(tmp_path / "keys"))


def make_desk(tmp_path: Path, registry: PinRegistry, audit: FileAuditLog, wall: Clock, mono: Clock,
              *extra: object) -> StaffDesk:
    auth = AnyOf(PinAuthenticator(registry), *extra)  # type: ignore[arg-type]
    return StaffDesk(auth, Lockout(tmp_path / "staff" / "lockout.json", clock=wall), audit,
                     idle_timeout_s=lambda: 120.0, shop=lambda: "SHOP-01", monotonic=mono)


def pin(staff_id: str, secret: str) -> SignInAttempt:
    return SignInAttempt(SignInMethod.PIN, secret, staff_id=staff_id)


def events(audit: FileAuditLog) -> list[tuple[str, str]]:
    return [(e["event"], e["outcome"]) for e in audit.entries(1000)]


def test_pin_rules() -> None:
    for bad in ("12345", "1234567890123", "12a456", "111111", "123456", "987654"):
        with pytest.raises(Refused) as e:
            check_pin_strength(bad)
        assert e.value.message_zh and e.value.message_en
    check_pin_strength(PIN)


def test_registry_keeps_hashes_only(registry: PinRegistry) -> None:
    text = registry.path.read_text()
    assert PIN not in text and TECH_PIN not in text
    assert registry.path.stat().st_mode & 0o777 == 0o600
    assert registry.list() == [("S001", "staff", "SHOP-01"), ("T900", "technician", "FIELD")]


def test_sign_in_with_the_right_pin(tmp_path: Path, registry: PinRegistry, audit: FileAuditLog) -> None:
    desk = make_desk(tmp_path, registry, audit, Clock(), Clock())
    result = desk.sign_in(pin("S001", PIN))
    assert result.ok and result.principal is not None
    assert (result.principal.staff_id, result.principal.role, result.principal.shop) == ("S001", Role.STAFF, "SHOP-01")
    assert desk.principal == result.principal
    assert events(audit) == [("staff.sign_in", "ok")]
    assert PIN not in audit.path.read_text()


def test_wrong_pin_and_unknown_staff_are_refused_alike(tmp_path: Path, registry: PinRegistry,
                                                       audit: FileAuditLog) -> None:
    desk = make_desk(tmp_path, registry, audit, Clock(), Clock())
    wrong = desk.sign_in(pin("S001", "000111"))
    unknown = desk.sign_in(pin("S777", PIN))
    assert wrong.refusal is not None and unknown.refusal is not None
    assert wrong.refusal.code == unknown.refusal.code == "SIGN_IN_WRONG"  # which ids exist stays secret
    assert "PIN" in wrong.refusal.message_en and "密碼" in wrong.refusal.message_zh
    assert desk.principal is None
    assert events(audit) == [("staff.sign_in_refused", "refused")] * 2
    assert "000111" not in audit.path.read_text()


def test_five_wrong_pins_lock_with_a_doubling_wait(tmp_path: Path, registry: PinRegistry,
                                                   audit: FileAuditLog) -> None:
    wall = Clock()
    desk = make_desk(tmp_path, registry, audit, wall, Clock())
    for _ in range(4):
        r = desk.sign_in(pin("S001", "000111"))
        assert r.locked_for_s == 0 and r.refusal is not None and r.refusal.code == "SIGN_IN_WRONG"
    fifth = desk.sign_in(pin("S001", "000111"))
    assert fifth.refusal is not None and fifth.refusal.code == "SIGN_IN_LOCKED" and fifth.locked_for_s == 30
    assert "30" in fifth.refusal.message_en and "30" in fifth.refusal.message_zh
    # Even the right PIN waits, and the wait does not count as a guess.
    wall.t += 29
    blocked = desk.sign_in(pin("S001", PIN))
    assert not blocked.ok and blocked.refusal is not None and blocked.refusal.code == "SIGN_IN_LOCKED"
    assert desk.lockout.failures == 5
    waits = []
    for _ in range(3):
        wall.t += desk.lockout.remaining() + 0.1
        r = desk.sign_in(pin("S001", "000111"))
        waits.append(r.locked_for_s)
    assert waits == [60, 120, 240]
    # A restart keeps the count and the wait.
    again = make_desk(tmp_path, registry, audit, wall, Clock())
    assert again.lockout.failures == 8 and again.lockout.remaining() == pytest.approx(240, abs=0.2)
    wall.t += 240.1
    ok = again.sign_in(pin("S001", PIN))
    assert ok.ok and again.lockout.failures == 0 and again.lockout.remaining() == 0
    assert ("staff.locked_out", "refused") in events(audit)


def test_a_clock_set_back_does_not_stretch_the_lock(tmp_path: Path) -> None:
    wall = Clock()
    lock = Lockout(tmp_path / "l.json", clock=wall, max_delay_s=3600)
    for _ in range(5):
        lock.failed()
    wall.t -= 10 * 86400  # someone sets the clock back ten days
    assert lock.remaining() <= 3600


def test_a_damaged_lockout_file_stays_locked(tmp_path: Path) -> None:
    path = tmp_path / "l.json"
    path.write_text("{broken")
    assert Lockout(path, clock=Clock()).remaining() > 0


def test_idle_timeout_signs_out(tmp_path: Path, registry: PinRegistry, audit: FileAuditLog) -> None:
    mono = Clock(50.0)
    desk = make_desk(tmp_path, registry, audit, Clock(), mono)
    assert desk.sign_in(pin("S001", PIN)).ok
    mono.t += 100
    assert not desk.tick() and desk.principal is not None
    desk.touch()  # staff activity
    mono.t += 119
    assert not desk.tick()
    mono.t += 2
    assert desk.tick() and desk.principal is None
    assert desk.last_sign_out_reason == SignOutReason.IDLE
    last = audit.entries(1)[-1]
    assert last["event"] == "staff.sign_out" and last["detail"]["reason"] == "idle"


def test_pulling_the_card_ends_a_card_session_only(tmp_path: Path, registry: PinRegistry,
                                                   audit: FileAuditLog) -> None:
    card = CardAuthenticator({"Reader 1": ("1379", Role.STAFF)})
    desk = make_desk(tmp_path, registry, audit, Clock(), Clock(), card)
    assert SignInMethod.CARD in desk.methods() and SignInMethod.PIN in desk.methods()
    assert desk.sign_in(SignInAttempt(SignInMethod.CARD, "1379", reader="Reader 1")).ok
    p = desk.principal
    assert p is not None and p.ends_on_card_removal
    assert not desk.card_removed("Reader 0")  # another reader: the member's card, say
    assert desk.principal is p
    assert desk.card_removed("Reader 1")
    assert desk.principal is None and desk.last_sign_out_reason == SignOutReason.CARD_REMOVED
    # A PIN session has no card to pull.
    assert desk.sign_in(pin("S001", PIN)).ok
    assert not desk.card_removed("Reader 1") and desk.principal is not None


def test_permissions_by_role(tmp_path: Path, registry: PinRegistry, audit: FileAuditLog) -> None:
    desk = make_desk(tmp_path, registry, audit, Clock(), Clock())
    with pytest.raises(Refused) as e:
        desk.require(Action.VIEW_DASHBOARD)
    assert e.value.code == "NOT_SIGNED_IN"
    assert desk.sign_in(pin("S001", PIN)).ok
    assert desk.require(Action.VOID).staff_id == "S001"
    for tech_only in (Action.RUN_DOCTOR, Action.ENROL, Action.EXPORT_LOGS, Action.CHANGE_SETTINGS,
                      Action.INSTALL_UPDATE, Action.QUIT_KIOSK, Action.ROTATE_SECRET):
        with pytest.raises(Refused) as e:
            desk.require(tech_only)
        assert e.value.code == "NOT_PERMITTED" and "技術人員" in e.value.message_zh
    assert desk.sign_in(pin("T900", TECH_PIN)).ok  # replaces the staff session
    assert desk.require(Action.RUN_DOCTOR).role is Role.TECHNICIAN
    assert ("staff.sign_out", "ok") in events(audit)


def test_hotp_matches_rfc_4226() -> None:
    key = b"12345678901234567890"
    assert [hotp(key, c, 6) for c in range(3)] == ["755224", "287082", "359152"]
    assert hotp(key, 0, 8) == "84755224"


def test_one_time_codes_work_once_and_in_order(tmp_path: Path, registry: PinRegistry, audit: FileAuditLog) -> None:
    import base64

    codes = OneTimeCodes(tmp_path / "keys" / "otp.key", tmp_path / "keys" / "otp.json")
    desk = make_desk(tmp_path, registry, audit, Clock(), Clock(), OneTimeCodeAuthenticator(codes, lambda: "SHOP-9"))
    assert SignInMethod.ONE_TIME_CODE not in desk.methods()  # not provisioned yet
    operator_key = base64.b32decode(codes.provision())  # what the operator keeps
    assert SignInMethod.ONE_TIME_CODE in desk.methods()

    def code(counter: int) -> SignInAttempt:
        return SignInAttempt(SignInMethod.ONE_TIME_CODE, hotp(operator_key, counter))

    r = desk.sign_in(code(2))  # the operator issued 0 and 1 to others who never used them
    assert r.ok and r.principal is not None
    assert (r.principal.role, r.principal.staff_id, r.principal.shop) == (Role.TECHNICIAN, "OTP-2", "SHOP-9")
    desk.sign_out()
    for used in (2, 1, 0):  # spent, and everything issued before it
        refused = desk.sign_in(code(used))
        assert refused.refusal is not None and refused.refusal.code == "SIGN_IN_WRONG_CODE"
    too_far = desk.sign_in(code(3 + 50))
    assert too_far.refusal is not None and too_far.refusal.code == "SIGN_IN_WRONG_CODE"
    desk.lockout.succeeded()
    assert desk.sign_in(code(3)).ok
    assert json.loads(codes.state_path.read_text())["counter"] == 4
