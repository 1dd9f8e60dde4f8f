"""The contribution statement against the employer's own data (FormContext.employer): the paying
company, the scheme, each member's agreed VC plan; and the contribution day with its late warning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kiosk.domain import FormContext, active_steps, explain, get_type, validate
from kiosk.domain.contribution_day import contribution_day, surcharge
from kiosk.domain.employer import Employer, employer_from_doc
from kiosk.domain.forms.contribution_company import paying_company_choices
from platform_sim.employers import employer_document

CD = get_type("CONTRIBUTION_DATA")
GROUP = employer_from_doc(employer_document("EMP-0001"))  # two companies
TEA_HOUSE = employer_from_doc(employer_document("EMP-0002"))  # one company
D = dt.date


def ctx(employer: Employer | None = GROUP, today: str = "2026-11-05") -> FormContext:
    return FormContext.on(today, employer=employer)


def row(**kw: str) -> dict[str, str]:
    # WONG MEI LING: employed since 2015-03-01 on the SERVICE plan, 10% of relevant income from 10 years.
    return {"member_account_no": "ACC-0101", "relevant_income": "20000", "employer_mandatory": "1000",
            "employee_mandatory": "1000", "employer_voluntary": "2000", **kw}


def statement(*rows: dict[str, str], **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "scheme_registration_no": "MT24680", "employer_account_no": "ER-2001", "paying_company_br": "31234567-000",
        "wage_period": "MONTHLY", "period_start": "2026-10-01", "period_end": "2026-10-31",
        "members": list(rows) or [row()], "er_vc_period_start": "2026-10-01", "er_vc_period_end": "2026-10-31"}
    for k, v in changes.items():
        if v is None:
            values.pop(k, None)
        else:
            values[k] = v
    return values


def codes(values: dict[str, Any], context: FormContext | None = None) -> list[str]:
    _, errors = validate(CD, values, context or ctx())
    for e in errors:
        assert e.message_zh and e.message_en and e.message_zh != e.message_en, e.code
    return [e.code for e in errors]


# ---------------------------------------------------------------- paying company and scheme


@pytest.mark.parametrize(
    ("employer", "changes", "expected"),
    [
        (GROUP, {}, []),
        (GROUP, {"paying_company_br": "31234568000"}, []),  # the other company, typed without the hyphen
        (GROUP, {"paying_company_br": None}, ["REQUIRED"]),  # several companies: the choice is asked and required
        (GROUP, {"paying_company_br": "12345678-000"}, ["PAYING_COMPANY_NOT_EMPLOYERS"]),
        (GROUP, {"paying_company_br": "41234567-000"}, ["PAYING_COMPANY_NOT_EMPLOYERS"]),  # another employer's
        (TEA_HOUSE, {"paying_company_br": None}, []),  # one company: it pays, nothing asked
        (TEA_HOUSE, {"paying_company_br": "31234567-000"}, ["PAYING_COMPANY_NOT_EMPLOYERS"]),
        (None, {"paying_company_br": None}, ["REQUIRED"]),  # without the employer's data: still required
        (GROUP, {"scheme_registration_no": "MT99999"}, ["SCHEME_NOT_EMPLOYERS"]),
        (GROUP, {"employer_account_no": "ER-3001"}, ["PARTICIPATION_MISMATCH"]),
    ],
)
def test_the_paying_company_is_one_of_the_employers(employer: Employer | None, changes: dict[str, Any],
                                                     expected: list[str]) -> None:
    values = statement(**changes)
    if employer is TEA_HOUSE:
        values.update(employer_account_no="ER-3001", members=[
            {"member_account_no": "MB-3001", "relevant_income": "20000", "employer_mandatory": "1000",
             "employee_mandatory": "1000", "employer_voluntary": "1000"}])
    if employer is None:
        values.update(er_vc_basis="PERCENT_RI", er_vc_rate="10")
    assert codes(values, ctx(employer)) == expected


def test_one_company_is_chosen_without_asking_and_named_on_review() -> None:
    asked = [s.name for s in active_steps(CD, statement(), ctx(TEA_HOUSE))]
    assert "paying_company" not in asked
    assert "paying_company" in [s.name for s in active_steps(CD, statement(), ctx(GROUP))]
    notes = explain(CD, {**statement(paying_company_br=None), "employer_account_no": "ER-3001"}, ctx(TEA_HOUSE))
    assert notes[0].code == "NOTE_PAYING_COMPANY" and notes[0].params["br"] == "41234567-000"
    assert "KOWLOON KETTLE TEA HOUSE LIMITED" in notes[0].message_en


def test_the_pick_list_is_the_employers_own_companies() -> None:
    choices = paying_company_choices(ctx(GROUP))
    assert [c.value for c in choices] == ["31234567-000", "31234568-000"]
    assert choices[1].label_en == "HARBOUR LANTERN LOGISTICS LIMITED (31234568-000)"
    assert "海港燈籠物流有限公司" in choices[1].label_zh
    assert paying_company_choices(ctx(None)) == ()


def test_the_br_number_field_is_required_from_the_start() -> None:
    spec = CD.field("paying_company_br")
    assert spec.required
    assert "several_companies" not in {f.name for f in CD.fields}


# ---------------------------------------------------------------- each member's agreed plan


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        (row(), []),  # 11 years of service at October 2026: 10% of 20,000
        (row(employer_voluntary="1000"), ["VC_MISMATCH"]),  # the 5% tier is for 2 to 9 years
        (row(employer_voluntary="1000", years_of_service="5"), []),  # years typed on the row win
        (row(employer_voluntary="1000", difference_reason="PLAN_CHANGE"), []),  # declared: shown on review
        # CHAN TAI MAN: grade A, 10% of basic salary, capped at 2,500.
        (row(member_account_no="ACC-0001", basic_salary="18000", employer_voluntary="1800"), []),
        (row(member_account_no="ACC-0001", basic_salary="30000", employer_voluntary="2500",
             relevant_income="30000", employer_mandatory="1500", employee_mandatory="1500"), []),
        (row(member_account_no="ACC-0001", employer_voluntary="1800"), ["VC_INPUT_REQUIRED"]),
        (row(member_account_no="ACC-0001", basic_salary="18000", grade="C"), ["VC_GRADE_UNKNOWN"]),
        (row(member_account_no="MB-2003", basic_salary="16000", employer_voluntary="800"), []),  # 5% of basic
        (row(member_account_no="MB-2003", employer_voluntary="800"), ["VC_INPUT_REQUIRED"]),
        (row(member_account_no="MB-2004", employee_voluntary="600", employer_voluntary="600"), []),  # matched
        (row(member_account_no="MB-2004", employee_voluntary="1600", employer_voluntary="1000"), []),  # cap
        (row(member_account_no="MB-2004", employer_voluntary="600"), ["VC_MISMATCH"]),  # no employee VC to match
        (row(member_account_no="MB-2005", employer_voluntary="0"), []),  # no plan, no VC
        (row(member_account_no="MB-2005"), ["VC_NO_PLAN"]),
        (row(member_account_no="MB-2101"), ["MEMBER_NOT_EMPLOYEE"]),  # on the employer's other scheme
        (row(member_account_no="MB-9999"), ["MEMBER_NOT_EMPLOYEE"]),
    ],
)
def test_each_members_vc_follows_their_agreed_plan(member: dict[str, str], expected: list[str]) -> None:
    values = statement(member)
    if member.get("employee_voluntary"):
        values.update(ee_vc_basis="FIXED", ee_vc_amount=member["employee_voluntary"],
                      ee_vc_period_start="2026-10-01", ee_vc_period_end="2026-10-31")
    assert codes(values) == expected


def test_the_mismatch_names_the_plan_and_both_amounts() -> None:
    _, errors = validate(CD, statement(row(employer_voluntary="1000")), ctx())
    (e,) = errors
    assert e.field == "members[1].employer_voluntary"
    assert "HK$2,000.00" in e.message_en and "HK$1,000.00" in e.message_en and "10 or more" in e.message_en
    assert "HK$2,000.00" in e.message_zh and "服務 11 年" in e.message_zh


def test_with_the_employers_data_the_statement_asks_no_basis() -> None:
    asked = {s.name for s in active_steps(CD, statement(), ctx())}
    assert "er_vc_basis" not in asked and "er_vc_period" in asked


# ---------------------------------------------------------------- contribution day and surcharge


@pytest.mark.parametrize(
    ("period_end", "wage_period", "extra", "due", "why"),
    [
        (D(2026, 10, 31), "MONTHLY", (), D(2026, 11, 10), ()),  # a Tuesday
        (D(2026, 9, 30), "MONTHLY", (), D(2026, 10, 12), ("saturday", "sunday")),
        (D(2026, 12, 31), "MONTHLY", (), D(2027, 1, 11), ("sunday",)),
        (D(2026, 10, 31), "MONTHLY", (D(2026, 11, 10),), D(2026, 11, 11), ("holiday",)),  # a kiosk's extra day
        (D(2026, 11, 14), "WEEKLY", (), D(2026, 12, 10), ()),  # regular employees: the 10th of the next month
        # Casual employees: the 10th day after the period, here into Lunar New Year.
        (D(2026, 2, 7), "CASUAL_DAILY", (), D(2026, 2, 20), ("holiday", "holiday", "holiday")),
        (D(2027, 1, 29), "CASUAL_DAILY", (), D(2027, 2, 10), ("holiday", "holiday")),
        (D(2025, 1, 19), "CASUAL_DAILY", (), D(2025, 2, 3), ("holiday",) * 3 + ("saturday", "sunday")),
        (D(2025, 3, 25), "CASUAL_DAILY", (), D(2025, 4, 7), ("holiday", "saturday", "sunday")),  # Ching Ming
    ],
)
def test_the_contribution_day_moves_past_weekends_and_holidays(period_end: dt.date, wage_period: str,
                                                               extra: tuple[dt.date, ...], due: dt.date,
                                                               why: tuple[str, ...]) -> None:
    day = contribution_day(period_end, wage_period, extra)
    assert (day.day, day.moved_because) == (due, why)


@pytest.mark.parametrize(
    ("today", "code"),
    [("2026-11-26", "NOTE_CONTRIBUTION_DAY"), ("2026-12-10", "NOTE_CONTRIBUTION_DAY"),
     ("2026-12-11", "WARN_CONTRIBUTION_OVERDUE"), ("2026-12-20", "WARN_CONTRIBUTION_OVERDUE")],
)
def test_a_november_payroll_is_late_after_the_10th_of_december(today: str, code: str) -> None:
    values = statement(period_start="2026-11-01", period_end="2026-11-30", er_vc_period_start="2026-11-01",
                       er_vc_period_end="2026-11-30")
    clean, errors = validate(CD, values, ctx(today=today))
    assert errors == []
    last = explain(CD, clean, ctx(today=today))[-1]
    assert last.code == code
    if code.startswith("WARN"):
        assert last.params["surcharge"] == "100.00" and last.params["mandatory"] == "2,000.00"
        assert "platform assesses" in last.message_en and "平台評定" in last.message_zh


def test_a_moved_day_says_why_in_both_languages() -> None:
    values = statement(period_start="2026-09-01", period_end="2026-09-30", er_vc_period_start="2026-09-01",
                       er_vc_period_end="2026-09-30")
    clean, _ = validate(CD, values, ctx(today="2026-10-02"))
    last = explain(CD, clean, ctx(today="2026-10-02"))[-1]
    assert last.code == "NOTE_CONTRIBUTION_DAY_MOVED" and last.params["day"] == "2026-10-12"
    assert "a Saturday, a Sunday" in last.message_en and "星期六、星期日" in last.message_zh


@pytest.mark.parametrize(("total", "fee"), [("3000", "150.00"), ("0.10", "0.01"), ("0.09", "0.00"), ("0", "0.00")])
def test_the_surcharge_is_five_percent_to_the_cent(total: str, fee: str) -> None:
    from decimal import Decimal

    assert surcharge(Decimal(total)) == Decimal(fee)
