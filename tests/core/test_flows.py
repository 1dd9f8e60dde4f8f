"""The session's flows as pure functions: a state and an event in, a new state and effects out.
No Session object, no Qt, no clock but the one passed in."""

from __future__ import annotations

import datetime as dt
import logging

from kiosk.core.catalogue import Surroundings
from kiosk.core.confirm import Confirmed, NotConfirmed
from kiosk.core.effects import LogEvent, OfferStaffSignIn, ReadCard, SaveInstruction
from kiosk.core.flows import common, iamsmart, identify, mrz, navigation, registration, review
from kiosk.core.flows.identified import identified
from kiosk.core.state import (
    Assistance,
    IamSmartPhase,
    IamSmartView,
    RegistrationStep,
    Screen,
    SessionState,
)
from kiosk.core.texts import CARD_MESSAGES, MRZ_MESSAGES, STAFF_CHECK_DECLINED
from kiosk.domain.assurance import SignIn, SignInMethod
from kiosk.domain.funds import DEFAULT_FUNDS
from kiosk.domain.identity import Identity, IdentitySource
from kiosk.ports import CardError, CardErrorCode, CardReadResult, IamSmartPoll, IamSmartState, Receipt

HKID = "A123456(3)"  # fictional
CARD = Identity(HKID, name_en="CHAN TAI MAN", source=IdentitySource.CARD)
ENV = Surroundings("zh_HK", DEFAULT_FUNDS, frozenset(), lambda: dt.datetime(2026, 11, 26, 10, 0), 100.0)
STAFF = Assistance("S0042", "shop_staff", "TST-01")


def at_identify(**changes: object) -> SessionState:
    return common.start(SessionState(lang="en")).state if not changes else \
        common.quiet(common.start(SessionState(lang="en")).state, **changes)


def test_a_step_never_changes_the_state_it_was_given() -> None:
    before = at_identify()
    after = identify.typed(before, ENV, "a123456 3")
    assert before.screen is Screen.IDENTIFY and before.identity is None
    assert after.state.screen is Screen.MENU and after.state.identity is not None
    assert after.state.identity.hkid == HKID and after.effects == ()


def test_a_typed_number_in_an_assisted_session_waits_for_staff_to_see_the_card() -> None:
    t = identify.typed(at_identify(assisted=STAFF), ENV, HKID)
    assert t.state.screen is Screen.STAFF_CONFIRM and t.state.identity is None
    assert t.state.staff_check is not None and t.state.staff_check.hkid == HKID
    declined = identify.staff_check_declined(t.state)
    assert declined.state.screen is Screen.IDENTIFY and declined.state.staff_check is None
    assert declined.state.notice == STAFF_CHECK_DECLINED


def test_a_card_on_attract_starts_a_session_and_asks_for_a_read() -> None:
    attract = SessionState(lang="en", read_token=4)
    t = identify.card_inserted(attract, "Reader 0")
    assert t.state.screen is Screen.IDENTIFY and t.state.started_by_card and t.state.card_reading
    assert t.effects == (ReadCard("Reader 0", 5),)


def test_a_card_mid_session_is_offered_to_staff_and_a_second_card_during_a_read_is_ignored() -> None:
    at_menu = identified(at_identify(), CARD, ENV)
    t = identify.card_inserted(at_menu, "Reader 1")
    assert t.effects == (OfferStaffSignIn("Reader 1"),) and t.state is at_menu
    reading = identify.read_started(at_identify(), "Reader 0").state
    assert identify.card_inserted(reading, "Reader 1").effects == ()


def test_a_read_that_comes_back_after_the_member_left_the_step_is_dropped() -> None:
    reading = identify.read_started(at_identify(), "Reader 0").state
    stale = reading.read_token - 1
    t = identify.read_finished(reading, ENV, CardReadResult(identity=CARD), "Reader 0", stale)
    assert t.state is reading and not t.notify
    done = identify.read_finished(reading, ENV, CardReadResult(error=CardError(CardErrorCode.REMOVED, "pulled")),
                                  "Reader 0", reading.read_token)
    assert done.state.notice == CARD_MESSAGES[CardErrorCode.REMOVED] and not done.state.card_reading


def test_the_mrz_step_reads_with_the_typed_key_and_gives_up_after_three_wrong_keys() -> None:
    needs_key = CardReadResult(error=CardError(CardErrorCode.KEY_REQUIRED, "BAC"))
    s = identify.read_finished(identify.read_started(at_identify(), "Reader 0").state, ENV, needs_key, "Reader 0").state
    assert s.screen is Screen.MRZ and s.mrz is not None
    for name, text in (("document_number", "L898902C3"), ("date_of_birth", "1969-08-06"),
                       ("date_of_expiry", "2034-06-23")):
        s = mrz.typed(s, name, text).state
    wrong = CardReadResult(error=CardError(CardErrorCode.WRONG_KEY, "no"))
    for tries_left in (2, 1, 0):
        t = mrz.submitted(s)
        assert t.effects and isinstance(t.effects[0], ReadCard) and t.effects[0].key is not None
        s = mrz.read_finished(t.state, ENV, wrong).state
        if tries_left:
            assert s.mrz is not None and s.mrz.tries_left == tries_left
    assert s.screen is Screen.IDENTIFY and s.notice == MRZ_MESSAGES["no_tries"]


def test_registration_with_a_typed_number_waits_for_iamsmart_or_staff() -> None:
    typed = identify.typed(at_identify(), ENV, HKID).state
    choosing = registration.choice(typed)
    assert choosing.screen is Screen.REGISTRATION_IDENTITY and choosing.registration is RegistrationStep.CHOOSING
    waiting = registration.ask_staff(choosing).state
    assert waiting.registration is RegistrationStep.WAITING_FOR_STAFF and waiting.registration_staff_asked
    staff_came = review.mark_assisted(waiting, "S0042", "shop_staff", "TST-01")
    assert staff_came.answer is True and staff_came.state.screen is Screen.STAFF_CONFIRM
    checked = identify.staff_check_confirmed(staff_came.state, ENV, Identity(HKID, verified_by_staff="S0042"))
    assert checked.state.screen is Screen.FORM and checked.state.instruction_type == "MEMBER_REGISTRATION"
    assert checked.state.form_raw["identity_source"] == "CARD_STAFF_CHECKED"
    assert checked.state.registration is RegistrationStep.NONE


def test_iamsmart_for_someone_else_is_not_used_and_the_log_line_names_no_number() -> None:
    s = common.quiet(identify.typed(at_identify(), ENV, HKID).state, screen=Screen.IAMSMART, iamsmart=IamSmartView())
    other = Identity("Z683365(A)", name_en="WONG SIU MING", source=IdentitySource.IAMSMART)
    t = iamsmart.progress(s, ENV, IamSmartPoll(IamSmartState.COMPLETED, identity=other))
    assert t.state.iamsmart is not None and t.state.iamsmart.phase is IamSmartPhase.MISMATCH
    assert t.state.identity is not None and t.state.identity.hkid == HKID
    logs = [e for e in t.effects if isinstance(e, LogEvent)]
    assert logs and logs[0].level == logging.WARNING
    assert "Z683365" not in logs[0].message and "A123456" not in logs[0].message


def test_confirm_asks_for_the_use_case_once_and_its_answer_ends_the_form() -> None:
    s = common.quiet(identified(at_identify(), CARD, ENV), screen=Screen.REVIEW, instruction_type="CHANGE_PARTICULARS",
                     form_values={"mobile": "91234567"}, form_raw={"mobile": "91234567"}, assisted=STAFF,
                     sign_in=SignIn(CARD.hkid, SignInMethod.SMS_OTP, "v1.x.y"))
    t = review.confirm_started(s)
    assert t.state.saving and len(t.effects) == 1 and isinstance(t.effects[0], SaveInstruction)
    request = t.effects[0].request
    assert request.assisted == STAFF and request.instruction.values == {"mobile": "91234567"}
    assert review.confirm_started(t.state).effects == ()  # a double tap queues nothing more
    refused = review.confirm_finished(t.state, NotConfirmed("QUEUE_FULL", ("滿", "full")))
    assert refused.state.notice == ("滿", "full") and not refused.state.saving
    assert refused.state.form_values == {"mobile": "91234567"}  # nothing the member typed is lost
    receipt = Receipt(kiosk_ref="K7-2611-0001", idempotency_key="x", queued_at="2026-11-26T10:00:00+08:00")
    done = review.confirm_finished(t.state, Confirmed(receipt))
    assert done.state.screen is Screen.RECEIPT and done.state.form_values == {} and done.state.form_raw == {}


def test_back_from_the_menu_forgets_the_identity_and_back_from_identify_wipes() -> None:
    at_menu = identified(at_identify(), CARD, ENV)
    t = navigation.back(at_menu, ENV)
    assert t.state.screen is Screen.IDENTIFY and t.state.identity is None
    wiped = navigation.back(t.state, ENV).state
    assert wiped.screen is Screen.ATTRACT and wiped.lang == "zh_HK" and wiped.visit == t.state.visit + 1


def test_a_registration_code_for_a_typed_number_waits_for_iamsmart_then_goes_to_review() -> None:
    from kiosk.core.flows import qr
    from kiosk.qr import PreparedInstruction
    from tests.support.qr import Signer, interpreter

    signer = Signer()
    values = {"identity_source": "IAMSMART", "name_en": "CHAN TAI MAN", "name_zh": "陳大文",
              "date_of_birth": "1960-01-01", "mobile": "91234567", "email": "chan@example.com", "language": "zh"}
    code = interpreter(signer)[0].interpret(signer.code("MEMBER_REGISTRATION", values=values).encode())
    assert isinstance(code, PreparedInstruction)
    typed = identify.typed(at_identify(), ENV, HKID).state
    t = qr.received(typed, ENV, code)
    # The code's claim of IAMSMART is not believed: the member is asked to prove it.
    assert t.answer == "pending" and t.state.screen is Screen.REGISTRATION_IDENTITY
    assert t.state.prepared is code and t.state.registration is RegistrationStep.CHOOSING
    on_phone = registration.use_iamsmart(t.state).state
    assert on_phone.screen is Screen.IAMSMART and iamsmart.before(on_phone) is Screen.REGISTRATION_IDENTITY
    me = Identity(HKID, name_en="CHAN TAI MAN", source=IdentitySource.IAMSMART)
    done = iamsmart.progress(on_phone, ENV, IamSmartPoll(IamSmartState.COMPLETED, identity=me)).state
    assert done.screen is Screen.REVIEW and done.instruction_type == "MEMBER_REGISTRATION"
    assert done.form_values["identity_source"] == "IAMSMART" and done.registration is RegistrationStep.NONE
