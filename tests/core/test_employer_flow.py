"""An employer's statement: its authorised person signs in, the employer is chosen, its data makes
the paying company, scheme and account number choices (kiosk/core/flows/employer.py)."""

from __future__ import annotations

from kiosk.core.effects import FetchEmployer, FetchEmployers
from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain.employer import EmployerSummary
from kiosk.domain.fields import Kind
from tests.support.member import employer_data, sign_in_by_code

HKID = "A123456(3)"  # the simulator's authorised person of EMP-0001


def at_menu(effects: list[object]) -> Session:
    s = Session()
    s.on_effect(effects.append)
    s.start()
    assert s.identify_typed(HKID)
    return s


def test_a_statement_needs_a_sign_in_then_the_employers_data_then_picks_not_typing() -> None:
    effects: list[object] = []
    s = at_menu(effects)
    assert s.needs_sign_in("CONTRIBUTION_DATA")  # the employer's data needs it, not the table
    s.choose("CONTRIBUTION_DATA")
    assert s.state.screen is Screen.SIGN_IN
    sign_in = sign_in_by_code(s)
    assert s.state.screen is Screen.EMPLOYER and effects[-1] == FetchEmployers(sign_in)
    data = employer_data("EMP-0001")
    two = (EmployerSummary("EMP-0001", data.name_zh, data.name_en), EmployerSummary("EMP-0009", "乙", "B"))
    s.employers_loaded(two)
    assert s.state.choosing_employer is not None and not s.state.choosing_employer.loading  # the member picks
    s.employer_chosen("EMP-0666")  # not one of theirs: nothing asked
    assert not any(isinstance(e, FetchEmployer) for e in effects)
    s.employer_chosen("EMP-0001")
    assert effects[-1] == FetchEmployer(sign_in, "EMP-0001")
    s.employer_loaded(data)
    assert s.state.screen is Screen.FORM and s.state.instruction_type == "CONTRIBUTION_DATA"
    assert s.state.employer is data
    paying = s.field_spec("paying_company_br")
    assert paying.kind is Kind.CHOICE and [c.value for c in paying.choices] == ["31234567-000", "31234568-000"]
    assert s.field_spec("scheme_registration_no").kind is Kind.CHOICE
    assert s.field_spec("period_start").kind is Kind.DATE  # the rest as it was
    s.wipe()
    assert s.state.employer is None and s.state.choosing_employer is None


def test_one_employer_is_chosen_at_once_and_one_scheme_is_filled_in() -> None:
    effects: list[object] = []
    s = at_menu(effects)
    s.choose("CONTRIBUTION_DATA")
    sign_in = sign_in_by_code(s)
    data = employer_data("EMP-0002")  # one company, one scheme
    s.employers_loaded((EmployerSummary("EMP-0002", data.name_zh, data.name_en),))
    assert effects[-1] == FetchEmployer(sign_in, "EMP-0002")
    s.employer_loaded(data)
    assert s.state.form_raw["scheme_registration_no"] == data.schemes[0].registration_no
    assert s.state.form_raw["employer_account_no"] == data.schemes[0].participation_no


def test_no_employer_not_authorised_and_offline_say_so_and_offer_back() -> None:
    s = at_menu([])
    s.choose("CONTRIBUTION_DATA")
    sign_in_by_code(s)
    s.employers_loaded(())
    assert s.state.screen is Screen.EMPLOYER and s.state.notice is not None and "authorised" in s.state.notice[1]
    s.employer_failed("EMPLOYER_NOT_AUTHORISED", ("否", "not authorised"))
    assert s.state.notice == ("否", "not authorised")
    s.employer_failed()
    assert s.state.notice is not None and "cannot be fetched" in s.state.notice[1]
    s.back()
    assert s.state.screen is Screen.MENU and s.state.choosing_employer is None
    s.choose("EMPLOYEE_ENROLMENT")  # the other employer instructions need no employer data
    assert s.state.screen is Screen.FORM
