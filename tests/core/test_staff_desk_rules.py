"""The staff desk's rules without Qt, on a real staff desk (PIN registry, lockout file and the
hash-chained audit log on disk): the full typed number only for signed-in staff, void only with a
reason and a second confirmation, closing the kiosk refused mid-session, and a member waiting for
staff shown masked and answered with an audit entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain import Identity
from kiosk.modes.auth import AnyOf, PinAuthenticator, PinRegistry
from kiosk.modes.hkid_check import card_to_check
from kiosk.modes.lockout import Lockout
from kiosk.modes.quitting import may_close
from kiosk.modes.staff import StaffDesk
from kiosk.modes.staff_call import answer_call, waiting_member
from kiosk.modes.void_request import VoidRequest, VoidStage
from kiosk.ports.audit import AuditEvent
from kiosk.ports.staff import Refused, Role, SignInAttempt, SignInMethod
from offline_cache.audit import FileAuditLog, load_key

PIN, TECH_PIN = "482915", "730416"
HKID = "A123456(3)"  # fictional


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def audit(tmp_path: Path) -> FileAuditLog:
    return FileAuditLog(tmp_path / "audit", load_key(tmp_path / "keys"))


@pytest.fixture
def desk(tmp_path: Path, audit: FileAuditLog) -> StaffDesk:
    pins = PinRegistry(tmp_path / "keys" / "staff.json")
    pins.register("S0042", PIN, Role.STAFF, "SHOP-01")
    pins.register("T0007", TECH_PIN, Role.TECHNICIAN, "FIELD")
    return StaffDesk(AnyOf(PinAuthenticator(pins)), Lockout(tmp_path / "lockout.json"), audit,
                     idle_timeout_s=lambda: 120.0, shop=lambda: "SHOP-01")


def sign_in(desk: StaffDesk, staff_id: str = "S0042", pin: str = PIN) -> None:
    assert desk.sign_in(SignInAttempt(SignInMethod.PIN, pin, staff_id=staff_id)).ok


def code_of(error: pytest.ExceptionInfo[Refused]) -> str:
    return error.value.code


# ---------------------------------------------------------------- the typed number, for staff only


def test_signed_in_staff_see_the_typed_number_in_full(desk: StaffDesk) -> None:
    typed = Identity(HKID, name_en="CHAN TAI MAN", name_zh="陳大文")
    with pytest.raises(Refused) as e:
        card_to_check(desk, typed)
    assert code_of(e) == "NOT_SIGNED_IN"
    sign_in(desk)
    card = card_to_check(desk, typed)
    assert (card.hkid, card.name_en, card.name_zh, card.staff_id, card.shop) == (
        HKID, "CHAN TAI MAN", "陳大文", "S0042", "SHOP-01")
    assert "123456" not in repr(card) and "CHAN" not in repr(card)  # nothing personal in a traceback


# ---------------------------------------------------------------- void: a reason, then a second yes


def test_void_has_no_reason_chosen_and_needs_a_second_confirmation() -> None:
    request = VoidRequest("EK-261126-7QX4M2")
    assert request.reason is None and request.stage is VoidStage.CHOOSING
    with pytest.raises(Refused) as e:
        request.ask_confirmation()  # "Void" with no reason picked
    assert code_of(e) == "VOID_REASON"
    with pytest.raises(Refused):
        request.choose("BECAUSE")  # not one of the listed reasons
    chosen = request.choose("DUPLICATE")
    with pytest.raises(Refused) as e:
        chosen.confirmed()  # a reason picked is not yet a void: one tap never voids
    assert code_of(e) == "VOID_NOT_CONFIRMED"
    asking = chosen.ask_confirmation()
    assert asking.stage is VoidStage.CONFIRMING
    back = asking.back()
    assert back.stage is VoidStage.CHOOSING and back.reason == "DUPLICATE"
    assert asking.confirmed() == ("EK-261126-7QX4M2", "DUPLICATE")


# ---------------------------------------------------------------- closing the kiosk


def test_closing_is_refused_mid_session_and_to_shop_staff(desk: StaffDesk) -> None:
    with pytest.raises(Refused) as e:
        may_close(desk, member_session=False)
    assert code_of(e) == "NOT_SIGNED_IN"
    sign_in(desk)
    with pytest.raises(Refused) as e:
        may_close(desk, member_session=False)
    assert code_of(e) == "NOT_PERMITTED"
    sign_in(desk, "T0007", TECH_PIN)
    with pytest.raises(Refused) as e:
        may_close(desk, member_session=True)
    assert code_of(e) == "QUIT_MEMBER_BUSY"
    assert "成員正在使用本機" in e.value.message("zh_HK") and "A member is using" in e.value.message("en")
    assert may_close(desk, member_session=False).staff_id == "T0007"


# ---------------------------------------------------------------- a member waiting for staff


def test_the_dashboard_shows_who_waits_masked_and_for_how_long(desk: StaffDesk, audit: FileAuditLog) -> None:
    clock = Clock()
    s = Session(monotonic=clock)
    s.start()
    s.call_staff()
    clock.t += 95
    with pytest.raises(Refused):
        waiting_member(desk, s.state, s.staff_waiting_s())  # nobody signed in: nothing to see
    sign_in(desk)
    waiting = waiting_member(desk, s.state, s.staff_waiting_s())
    assert waiting is not None and waiting.waited_s == 95.0 and waiting.masked_hkid == ""
    assert waiting.screen is Screen.IDENTIFY
    s.identify_typed(HKID)  # not assisted: the typed number identifies at once
    waiting = waiting_member(desk, s.state, s.staff_waiting_s())
    assert waiting is not None and waiting.masked_hkid == "A12****(*)" and waiting.screen is Screen.MENU
    assert "123456" not in repr(waiting)
    answer_call(desk, s.staff_waiting_s())
    s.staff_answered()
    assert waiting_member(desk, s.state, s.staff_waiting_s()) is None
    [entry] = [e for e in audit.entries(100) if e["event"] == AuditEvent.STAFF_CALL_ANSWERED.value]
    assert entry["actor"] == "S0042" and entry["detail"]["waited_s"] == 95
    assert "123456" not in audit.path.read_text()
