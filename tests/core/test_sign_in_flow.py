"""The sign-in flow (kiosk/core/flows/sign_in.py) without a screen: what needs it, the code's steps,
refusals, iAM Smart's sign-in, the confirm's check, the wipe."""

from __future__ import annotations

import time

from kiosk.core.effects import AuditMember, CheckCode, FetchAccount, SaveInstruction, SendCode
from kiosk.core.session import Session
from kiosk.core.state import Screen, SignInPhase
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.account import MemberAccount
from kiosk.domain.assurance import SignIn, SignInMethod
from kiosk.ports import IamSmartPoll, IamSmartState
from tests.support.member import CHALLENGE, sign_in_by_code

HKID = "A123456(3)"


def at_menu(effects: list[object]) -> Session:
    s = Session()
    s.on_effect(effects.append)
    s.start()
    assert s.identify_typed(HKID)
    return s


def test_money_and_details_need_a_sign_in_and_open_their_form_after_it() -> None:
    effects: list[object] = []
    s = at_menu(effects)
    for code in ("WITHDRAWAL_CLAIM", "FUND_SWITCH", "TRANSFER_BENEFITS", "CHANGE_PARTICULARS"):
        assert s.needs_sign_in(code)
    assert not s.needs_sign_in("VOLUNTARY_CONTRIBUTION")
    s.choose("WITHDRAWAL_CLAIM")
    assert s.state.screen is Screen.SIGN_IN and s.state.instruction_type is None
    assert s.state.signing_in is not None and s.state.signing_in.wanted == "WITHDRAWAL_CLAIM"
    s.code_requested()
    assert [e for e in effects if isinstance(e, SendCode)] == [SendCode(HKID)]
    assert s.state.signing_in.phase is SignInPhase.SENDING
    s.code_sent(CHALLENGE)
    s.code_typed("12a3 4567")  # letters and spaces dropped, at most six digits
    assert s.state.signing_in.code == "123456"
    s.code_submitted()
    assert [e for e in effects if isinstance(e, CheckCode)] == [CheckCode(CHALLENGE.challenge_id, "123456", HKID)]
    s.signed_in(SignIn(HKID, SignInMethod.SMS_OTP, "v1.a.b", time.time(), time.time() + 900))
    assert s.state.signed_in and s.state.screen is Screen.FORM and s.state.instruction_type == "WITHDRAWAL_CLAIM"
    assert any(isinstance(e, FetchAccount) for e in effects)
    audit = [e for e in effects if isinstance(e, AuditMember)]
    assert audit == [AuditMember("member.sign_in", "ok", (("method", "sms_otp"),))]
    assert HKID not in repr(audit) and "v1.a.b" not in repr(s.state)


def test_a_short_code_is_not_sent_and_a_wrong_one_says_the_tries_left() -> None:
    effects: list[object] = []
    s = at_menu(effects)
    s.choose("FUND_SWITCH")
    s.code_requested()
    s.code_sent(CHALLENGE)
    s.code_typed("123")
    s.code_submitted()
    assert not any(isinstance(e, CheckCode) for e in effects) and s.state.notice is not None
    s.code_typed("123456")
    s.code_submitted()
    s.sign_in_refused("OTP_WRONG", ("錯", "wrong"), tries_left=3)
    view = s.state.signing_in
    assert view is not None and view.phase is SignInPhase.CODE and view.tries_left == 3 and view.code == ""
    s.code_typed("654321")
    s.code_submitted()
    s.sign_in_refused("OTP_LOCKED", ("鎖", "locked."), retry_after_s=900)
    assert s.state.signing_in.phase is SignInPhase.LOCKED
    assert s.state.notice is not None and "15 minutes" in s.state.notice[1]
    assert [e.event for e in effects if isinstance(e, AuditMember)] == ["member.sign_in_refused",
                                                                       "member.codes_locked"]


def test_no_mobile_and_offline_keep_only_the_ways_that_work() -> None:
    s = at_menu([])
    s.choose("TRANSFER_BENEFITS")
    s.code_requested()
    s.sign_in_refused("MEMBER_NO_MOBILE", ("無", "none"))
    assert s.state.signing_in.phase is SignInPhase.NO_MOBILE
    s.back()
    assert s.state.signing_in.phase is SignInPhase.CHOOSING
    s.code_requested()
    s.sign_in_unavailable()
    assert s.state.signing_in.phase is SignInPhase.OFFLINE and s.state.notice is not None
    assert "voluntary contribution" in s.state.notice[1]
    s.back()
    assert s.state.screen is Screen.MENU and s.state.signing_in is None


def test_a_sign_in_for_someone_else_is_dropped() -> None:
    s = at_menu([])
    s.choose("FUND_SWITCH")
    s.code_requested()
    s.code_sent(CHALLENGE)
    s.code_typed("123456")
    s.code_submitted()
    s.signed_in(SignIn("CA182361(1)", SignInMethod.SMS_OTP, "v1.x.y"))
    assert not s.state.signed_in and s.state.screen is Screen.SIGN_IN


def test_iamsmart_at_identify_signs_in_and_the_sign_in_screen_returns_to_its_instruction() -> None:
    s = Session()
    s.start()
    s.iamsmart_requested()
    who = Identity(HKID, name_en="CHAN TAI MAN", source=IdentitySource.IAMSMART)
    s.iamsmart_progress(IamSmartPoll(IamSmartState.COMPLETED, identity=who,
                                     sign_in=SignIn(HKID, SignInMethod.IAMSMART, "v1.i.s")))
    assert s.state.screen is Screen.MENU and s.state.signed_in
    s.choose("FUND_SWITCH")
    assert s.state.screen is Screen.FORM

    t = Session()
    t.start()
    assert t.identify_typed(HKID)
    t.choose("CHANGE_PARTICULARS")
    t.sign_in_with_iamsmart()
    assert t.state.screen is Screen.IAMSMART
    t.back()
    assert t.state.screen is Screen.SIGN_IN  # leaving iAM Smart returns to the choice it came from
    t.sign_in_with_iamsmart()
    t.iamsmart_progress(IamSmartPoll(IamSmartState.COMPLETED, identity=who,
                                     sign_in=SignIn(HKID, SignInMethod.IAMSMART, "v1.i.s")))
    assert t.state.screen is Screen.FORM and t.state.instruction_type == "CHANGE_PARTICULARS"


def test_confirm_never_queues_below_the_level_and_the_instruction_carries_the_sign_in() -> None:
    effects: list[object] = []
    s = at_menu(effects)
    sign_in_by_code(s, assertion="v1.carried.here")
    s.back()
    s.choose("CHANGE_PARTICULARS")
    s.set_field("changes", ["mobile"])
    s.set_field("mobile", "91234567")
    s.submit_form()
    assert s.state.screen is Screen.REVIEW
    item = s.confirm_started()
    assert item is not None and item.sign_in is not None and item.sign_in.assertion == "v1.carried.here"
    assert any(isinstance(e, SaveInstruction) for e in effects)
    assert "v1.carried.here" not in repr(item)

    # The same review without the sign-in (forged state): no save, the sign-in screen instead.
    from dataclasses import replace

    u = at_menu([])
    u.state = replace(s.state, sign_in=None, saving=False)
    assert u.confirm_started() is None and u.state.screen is Screen.SIGN_IN
    assert u.state.signing_in is not None and u.state.signing_in.returns_to is Screen.REVIEW


def test_the_wipe_forgets_the_sign_in_and_the_account() -> None:
    s = at_menu([])
    sign_in_by_code(s)
    s.account_loaded(MemberAccount(True, "2026-12-06"))
    assert s.state.account is not None
    s.wipe()
    assert s.state.sign_in is None and s.state.account is None and s.state.signing_in is None


def test_the_iamsmart_screen_opens_its_platform_session_as_an_effect_and_leaving_ends_it() -> None:
    from kiosk.core.effects import EndIamSmart, StartIamSmart

    effects: list[object] = []
    s = Session()
    s.on_effect(effects.append)
    s.start()
    s.iamsmart_requested()
    assert effects == [StartIamSmart("login")]
    s.iamsmart_failed()
    s.iamsmart_retry()
    assert effects == [StartIamSmart("login"), StartIamSmart("login")]
    s.back()
    assert effects[-1] == EndIamSmart() and s.state.screen is Screen.IDENTIFY
    effects.clear()
    assert s.identify_typed(HKID)
    s.choose("MEMBER_REGISTRATION")
    s.registration_iamsmart()
    assert effects == [StartIamSmart("register")]
    s.wipe()  # the idle timeout on the iAM Smart screen ends its session too
    assert effects[-1] == EndIamSmart()
