"""Registration's identity rule in the session (no Qt): a member identified by a typed HKID, or by a
card read without a staff check, who chooses registration gets the choice screen (iAM Smart, or
shop staff) instead of a form they cannot finish; either way on, the form opens and says how the
identity was checked; Back and a staff "not seen" return to the choice; nothing else changes."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.core.flows.registration import may_register
from kiosk.core.session import Session
from kiosk.core.state import Assistance, Screen
from kiosk.core.texts import REGISTRATION_STAFF_DECLINED
from kiosk.domain import Identity, IdentitySource
from kiosk.ports import IamSmartPoll, IamSmartState

HKID = "A123456(3)"  # fictional
TYPED = Identity(HKID)
CARD = Identity(HKID, name_en="CHAN TAI MAN", source=IdentitySource.CARD, reader="Reader 0")
IAMSMART = Identity(HKID, name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1960-01-01",
                    source=IdentitySource.IAMSMART)
REG = "MEMBER_REGISTRATION"


def at_menu(identity: Identity = TYPED, lang: str = "zh_HK") -> Session:
    s = Session(default_lang=lang)
    s.now = lambda: dt.datetime(2026, 11, 26, 10, 0)
    s.start()
    if identity.source is IdentitySource.TYPED and not identity.verified_by_staff:
        assert s.identify_typed(identity.hkid)  # the member alone types the number
    else:
        s.identified(identity)  # as a card read or iAM Smart does
    assert s.state.screen is Screen.MENU
    return s


def at_choice(identity: Identity = TYPED, lang: str = "zh_HK") -> Session:
    s = at_menu(identity, lang)
    s.choose(REG)
    assert s.state.screen is Screen.REGISTRATION_IDENTITY
    assert s.state.registration_pending and s.state.instruction_type is None and s.state.form_raw == {}
    return s


@pytest.mark.parametrize(
    ("identity", "allowed"),
    [
        (TYPED, False),
        (CARD, False),
        (Identity(HKID, source=IdentitySource.CARD, verified_by_staff="S001"), True),
        (Identity(HKID, verified_by_staff="S001"), True),
        (IAMSMART, True),
        (None, False),
    ],
)
def test_who_may_register(identity: Identity | None, allowed: bool) -> None:
    assert may_register(identity) is allowed


@pytest.mark.parametrize("identity", [TYPED, CARD], ids=["typed", "card"])
def test_typed_or_read_hkid_gets_the_choice_not_the_form(identity: Identity) -> None:
    s = at_choice(identity)
    assert s.step() == (2, 5)  # it stands for the menu step
    s.back()
    assert s.state.screen is Screen.MENU and not s.state.registration_pending
    assert s.state.identity == identity  # still identified for everything else
    s.choose("VOLUNTARY_CONTRIBUTION")  # other forms are not affected
    assert s.state.screen is Screen.FORM


def test_allowed_identities_go_straight_to_the_form() -> None:
    s = at_menu(IAMSMART)
    s.choose(REG)
    assert s.state.screen is Screen.FORM and s.state.form_raw["identity_source"] == "IAMSMART"


def test_use_iamsmart_then_the_form_opens_prefilled() -> None:
    s = at_choice()
    s.registration_iamsmart()
    assert s.state.screen is Screen.IAMSMART and s.state.iamsmart is not None
    s.back()  # not now: back to the choice, not to identifying again
    assert s.state.screen is Screen.REGISTRATION_IDENTITY and s.state.identity == TYPED
    s.registration_iamsmart()
    s.iamsmart_progress(IamSmartPoll(IamSmartState.CANCELLED))
    assert s.state.screen is Screen.REGISTRATION_IDENTITY
    s.registration_iamsmart()
    s.iamsmart_progress(IamSmartPoll(IamSmartState.COMPLETED, identity=IAMSMART))
    assert s.state.screen is Screen.FORM and s.state.instruction_type == REG
    assert s.state.identity is IAMSMART and not s.state.registration_pending
    raw = s.state.form_raw
    assert (raw["identity_source"], raw["name_en"], raw["name_zh"]) == ("IAMSMART", "CHAN TAI MAN", "陳大文")
    assert s.prefilled_from("name_zh") == "iamsmart"
    for name, value in (("mobile", "91234567"), ("language", "zh")):
        assert s.set_field(name, value) is None
    assert s.submit_form() == [] and s.state.screen is Screen.REVIEW
    assert s.instruction().values["identity_source"] == "IAMSMART"


def test_ask_staff_explains_then_staff_sign_in_and_confirm() -> None:
    s = at_choice()
    s.registration_ask_staff()
    assert s.state.screen is Screen.REGISTRATION_IDENTITY and s.state.registration_staff_asked
    s.back()  # back to the two choices first
    assert s.state.screen is Screen.REGISTRATION_IDENTITY and not s.state.registration_staff_asked
    s.registration_ask_staff()
    assert s.mark_assisted("S001", "staff", "SHOP-01")  # staff signed in beside the member
    assert s.state.screen is Screen.STAFF_CONFIRM and s.state.staff_check == TYPED
    s.staff_check_confirmed(Identity(HKID, verified_by_staff="S001"))
    assert s.state.screen is Screen.FORM and s.state.instruction_type == REG
    assert s.state.form_raw["identity_source"] == "CARD_STAFF_CHECKED"
    for name, value in (("name_en", "CHAN TAI MAN"), ("date_of_birth", "1960"), ("mobile", "91234567"),
                        ("language", "en")):
        assert s.set_field(name, value) is None
    assert s.submit_form() == []
    instruction = s.instruction()
    assert instruction.member.verified_by_staff == "S001" and instruction.values["identity_source"] == \
        "CARD_STAFF_CHECKED"


def test_a_card_read_goes_through_the_staff_check_too() -> None:
    s = at_choice(CARD)
    s.registration_ask_staff()
    s.mark_assisted("S001", "staff", "SHOP-01")
    assert s.state.screen is Screen.STAFF_CONFIRM and s.state.staff_check == CARD
    s.staff_check_confirmed(Identity(HKID, name_en="CHAN TAI MAN", source=IdentitySource.CARD,
                                     verified_by_staff="S001"))
    assert s.state.screen is Screen.FORM and s.state.form_raw["name_en"] == "CHAN TAI MAN"


def test_staff_already_signed_in_check_at_once() -> None:
    s = at_menu(CARD)
    s.mark_assisted("S001", "staff", "SHOP-01")  # staff signed in after the card was read
    s.choose(REG)
    assert s.state.screen is Screen.REGISTRATION_IDENTITY
    s.registration_ask_staff()
    assert s.state.screen is Screen.STAFF_CONFIRM


@pytest.mark.parametrize("lang", ["zh_HK", "en"])
def test_staff_not_seen_returns_to_the_choice_with_a_reason(lang: str) -> None:
    s = at_choice(TYPED, lang)
    s.registration_ask_staff()
    s.mark_assisted("S001", "staff", "SHOP-01")
    s.back()  # on the staff confirmation, Back is "not seen"
    assert s.state.screen is Screen.REGISTRATION_IDENTITY and s.state.notice == REGISTRATION_STAFF_DECLINED
    assert s.state.identity == TYPED and s.state.staff_check is None and s.state.registration_pending
    zh, en = REGISTRATION_STAFF_DECLINED
    assert "智方便" in zh and "iAM Smart" in en
    s.registration_iamsmart()  # still possible
    assert s.state.screen is Screen.IAMSMART and s.state.notice is None


def test_the_wipe_forgets_the_pending_registration() -> None:
    s = at_choice()
    s.registration_ask_staff()
    s.wipe()
    assert s.state.screen is Screen.ATTRACT and not s.state.registration_pending
    assert not s.state.registration_staff_asked and s.state.identity is None


def test_choice_actions_do_nothing_elsewhere() -> None:
    s = at_menu()
    s.registration_iamsmart()
    s.registration_ask_staff()
    assert s.state.screen is Screen.MENU and s.state.iamsmart is None and not s.state.registration_staff_asked


def test_an_amended_registration_needs_the_check_again() -> None:
    """Staff amend a rejected registration: the member identifies again; a card read alone does not
    carry the old form's identity_source over (it is set from the new identity)."""
    s = Session()
    s.start_amendment(REG, {"identity_source": "CARD_STAFF_CHECKED", "name_en": "CHAN TAI MAN"},
                      Assistance("S001", "staff", "SHOP-01", "EK-1"))
    s.identified(CARD)
    assert s.state.screen is Screen.REGISTRATION_IDENTITY and "identity_source" not in s.state.form_raw
    s.registration_ask_staff()  # staff are signed in (assisted): straight to the check
    assert s.state.screen is Screen.STAFF_CONFIRM
    s.staff_check_confirmed(Identity(HKID, source=IdentitySource.CARD, verified_by_staff="S001"))
    assert s.state.screen is Screen.FORM and s.state.form_raw["identity_source"] == "CARD_STAFF_CHECKED"
    assert s.state.form_raw["name_en"] == "CHAN TAI MAN"
