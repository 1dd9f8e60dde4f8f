"""Every instruction type's rules, table-driven: a valid example, then one change at a time, at the
boundaries. Each row: (type, changes to the example, expected error codes). None deletes a value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kiosk.domain import (
    TYPES,
    FormContext,
    Identity,
    IdentitySource,
    active_steps,
    build,
    explain,
    get_type,
    prune,
    validate,
)
from kiosk.domain.examples import example

TODAY = dt.date(2026, 11, 26)  # a Thursday
# Identified through iAM Smart: the only member who may register alone (tests/domain/test_domain_registration.py).
MEMBER = Identity("A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1960-01-01",
                  source=IdentitySource.IAMSMART)
CTX = FormContext.on(TODAY, member=MEMBER)
TYPED = FormContext.on(TODAY, member=Identity("A123456(3)"))  # typed HKID: no date of birth known


def filled(code: str, **changes: Any) -> dict[str, Any]:
    values = example(code, TODAY)
    for k, v in changes.items():
        if v is None:
            values.pop(k, None)
        else:
            values[k] = v
    return values


def codes(code: str, values: dict[str, Any], ctx: FormContext = CTX) -> list[str]:
    _, errors = validate(get_type(code), values, ctx)
    for e in errors:
        assert e.message_zh and e.message_en and e.message_zh != e.message_en, e.code
    return [e.code for e in errors]


@pytest.mark.parametrize("code", list(TYPES))
def test_every_example_is_valid_and_builds(code: str) -> None:
    assert codes(code, example(code, TODAY)) == []
    instruction = build(code, MEMBER, example(code, TODAY), CTX)
    assert instruction.type == code and instruction.values
    assert all(v is not None for v in instruction.values.values())


# ---------------------------------------------------------------- member registration

REG = "MEMBER_REGISTRATION"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"name_zh": None}, []),  # optional
        ({"name_en": "CHAN 大文"}, ["NAME_EN_FORMAT"]),
        ({"name_en": None}, ["REQUIRED"]),
        # A year, or a year and month, agrees with the card's date when it holds it.
        ({"date_of_birth": "1960"}, []),
        ({"date_of_birth": "1960-01"}, []),
        ({"date_of_birth": "1959"}, ["DOB_CARD_MISMATCH"]),
        ({"date_of_birth": "1960-02"}, ["DOB_CARD_MISMATCH"]),
        ({"date_of_birth": "1961-01-01"}, ["DOB_CARD_MISMATCH"]),
        ({"date_of_birth": "2026-11-27"}, ["DATE_IN_FUTURE"]),
        ({"date_of_birth": "1899-12-31"}, ["DOB_IMPLAUSIBLE"]),
        ({"mobile": None}, []),
        ({"email": None}, []),
        ({"mobile": None, "email": None}, ["CONTACT_REQUIRED"]),
        ({"mobile": "31234567"}, ["MOBILE_FORMAT"]),
        ({"language": "fr"}, ["CHOICE_INVALID"]),
    ],
)
def test_member_registration(changes: dict[str, Any], expected: list[str]) -> None:
    assert codes(REG, filled(REG, **changes)) == expected


def test_registration_partial_birth_dates_against_a_typed_identity() -> None:
    # A typed number registers only once staff confirmed the card; it carries no birth date.
    checked = FormContext.on(TODAY, member=Identity("A123456(3)", verified_by_staff="S001"))
    staff = {"identity_source": "CARD_STAFF_CHECKED"}
    assert codes(REG, filled(REG, date_of_birth="1960", **staff), checked) == []
    values, _ = validate(get_type(REG), filled(REG, date_of_birth="1960-02", **staff), checked)
    assert values["date_of_birth"] == "1960-02-29"  # 1960 was a leap year


# ---------------------------------------------------------------- change of particulars

CP = "CHANGE_PARTICULARS"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"changes": ["mobile"], "mobile": "91234567"}, []),
        ({"changes": ["mobile"]}, ["REQUIRED"]),  # ticked, not given
        ({"changes": []}, ["NOTHING_CHANGED"]),
        ({"changes": ["fax"]}, ["MULTI_CHOICE_INVALID"]),
        ({"changes": ["address"], "address": "香港九龍彌敦道1號 12/F"}, []),
        ({"changes": ["address"], "address": "地址" * 100}, []),  # 200 characters
        ({"changes": ["address"], "address": "地址" * 100 + "X"}, ["TOO_LONG"]),
        ({"changes": ["address"], "address": "<script>"}, ["ADDRESS_FORMAT"]),
        ({"changes": ["name"], "name_zh": "陳小文", "name_document": "DEED_POLL"}, []),
        ({"changes": ["name"], "name_zh": "陳小文"}, ["NAME_DOCUMENT_REQUIRED"]),
        ({"name_zh": "陳小文"}, ["NAME_DOCUMENT_REQUIRED"]),  # headless, changes inferred
        ({"changes": ["name"], "name_document": "DEED_POLL"}, ["REQUIRED"]),  # no name given
        ({"changes": ["language"], "language": "en"}, []),
        # A value left from an item no longer ticked is not asked, but a headless check still reads it.
        ({"changes": ["email"], "email": "chan@example.com", "mobile": "123"}, ["MOBILE_FORMAT"]),
    ],
)
def test_change_of_particulars(values: dict[str, Any], expected: list[str]) -> None:
    assert codes(CP, values) == expected


def test_unticked_items_are_pruned_not_sent() -> None:
    raw = {"changes": ["email"], "email": "chan@example.com", "mobile": "123"}
    pruned = prune(get_type(CP), raw, CTX)
    assert pruned == {"changes": ["email"], "email": "chan@example.com"}
    assert dict(build(CP, MEMBER, raw, CTX).values) == {"email": "chan@example.com"}


def test_steps_follow_the_ticked_items() -> None:
    steps = [s.name for s in active_steps(get_type(CP), {"changes": ["address", "name"]}, CTX)]
    assert steps == ["changes", "address", "name", "name_document"]


# ---------------------------------------------------------------- investment

FS = "FUND_SWITCH"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"allocation": {"CAF": 60, "HKEQ": 39}}, ["ALLOCATION_TOTAL"]),
        ({"allocation": {"CAF": 60, "HKEQ": 41}}, ["ALLOCATION_TOTAL"]),
        ({"allocation": {"CAF": 1, "HKEQ": 99}}, []),
        ({"allocation": {"CAF": 0, "HKEQ": 100}}, ["ALLOCATION_PERCENT"]),
        ({"allocation": {"XYZ": 100}}, ["FUND_UNKNOWN"]),
        ({"switch_out": {"GLBEQ": 100}}, []),
        ({"switch_out": {"GLBEQ": 101}}, ["SWITCH_PERCENT"]),
        ({"switch_out": {"GLBEQ": 0}}, ["SWITCH_PERCENT"]),
        ({"switch_out": {"A65": 50}}, ["SWITCH_SAME_FUND"]),
        ({"switch_out": None}, ["REQUIRED"]),
        ({"kind": "MANDATE", "switch_out": None, "switch_in": None}, []),
        ({"kind": "SWITCH", "allocation": None}, []),
        ({"kind": "SWITCH", "switch_in": {"A65": 50, "BOND": 50}}, []),
        ({"scheme_account": "AB"}, ["ACCOUNT_FORMAT"]),
    ],
)
def test_fund_switch(changes: dict[str, Any], expected: list[str]) -> None:
    assert codes(FS, filled(FS, **changes)) == expected


@pytest.mark.parametrize(("hour", "minute", "code"), [(15, 59, "NOTE_CUTOFF_TODAY"), (16, 0, "NOTE_CUTOFF_NEXT")])
def test_fund_switch_shows_the_cut_off(hour: int, minute: int, code: str) -> None:
    ctx = FormContext(now=dt.datetime(2026, 11, 26, hour, minute), member=MEMBER)
    values, _ = validate(get_type(FS), example(FS, TODAY), ctx)
    notes = explain(get_type(FS), values, ctx)
    assert [n.code for n in notes] == [code]
    assert "16:00" in notes[0].message_zh and "16:00" in notes[0].message_en


# ---------------------------------------------------------------- transfer

TB = "TRANSFER_BENEFITS"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"new_account": "ACC-0002"}, ["TRANSFER_SAME_ACCOUNT"]),
        ({"original_account_type": "TVC"}, ["TRANSFER_ACCOUNT_TYPE"]),
        ({"new_account_type": "TVC"}, ["TRANSFER_ACCOUNT_TYPE"]),
        ({"original_account_type": None}, ["REQUIRED"]),  # P(C) asks which account
        ({"form": "PP", "original_account_type": None, "new_account_type": None, "pp_this_year": "no"}, []),
        ({"form": "PP", "original_account_type": None, "new_account_type": None, "pp_this_year": "yes"},
         ["PP_ONCE_A_YEAR"]),
        ({"form": "PP", "original_account_type": None, "new_account_type": None}, ["REQUIRED"]),
        ({"form": "PP", "pp_this_year": "no"}, ["TRANSFER_ACCOUNT_TYPE"]),  # P(P) is from a contribution account
        ({"form": "PT", "original_account_type": None, "new_account_type": None}, []),
        ({"form": "PX"}, ["CHOICE_INVALID"]),
    ],
)
def test_transfer_of_benefits(changes: dict[str, Any], expected: list[str]) -> None:
    assert codes(TB, filled(TB, **changes)) == expected


def test_transfer_kinds_fill_their_fixed_account_types() -> None:
    values, _ = validate(get_type(TB), filled(TB, form="PT", original_account_type=None, new_account_type=None), CTX)
    assert (values["original_account_type"], values["new_account_type"]) == ("TVC", "TVC")


# ---------------------------------------------------------------- withdrawal

WC = "WITHDRAWAL_CLAIM"
AT_65 = "1961-11-26"  # 65 on TODAY
NOT_65 = "1961-11-27"


@pytest.mark.parametrize(
    ("changes", "ctx", "expected"),
    [
        ({}, TYPED, []),
        ({"date_of_birth": AT_65}, TYPED, []),
        ({"date_of_birth": NOT_65}, TYPED, ["AGE_NOT_REACHED"]),
        ({"date_of_birth": None}, TYPED, ["REQUIRED"]),  # a typed HKID carries no birth date: asked
        ({"date_of_birth": None}, CTX, []),  # the card's 1960-01-01: 66
        ({"ground": "EARLY_RETIREMENT_60", "date_of_birth": "1966-11-26"}, TYPED, []),
        ({"ground": "EARLY_RETIREMENT_60", "date_of_birth": "1966-11-27"}, TYPED, ["AGE_NOT_REACHED"]),
        ({"ground": "EARLY_RETIREMENT_60", "date_of_birth": AT_65}, TYPED, ["EARLY_RETIREMENT_AFTER_65"]),
        ({"payment": "INSTALMENTS"}, TYPED, []),
        ({"payment": None}, TYPED, ["REQUIRED"]),
        ({"ground": "TERMINAL_ILLNESS", "payment": None, "date_of_birth": None}, TYPED, []),
        ({"ground": "TERMINAL_ILLNESS", "payment": "INSTALMENTS"}, TYPED, ["INSTALMENTS_NOT_ALLOWED"]),
        ({"ground": "PERMANENT_DEPARTURE", "payment": None}, TYPED, ["REQUIRED"]),  # departure date
        ({"ground": "PERMANENT_DEPARTURE", "payment": None, "departure_date": "2027-02-24"}, TYPED, []),  # +90 d
        ({"ground": "PERMANENT_DEPARTURE", "payment": None, "departure_date": "2027-02-25"}, TYPED,
         ["DATE_TOO_FAR_AHEAD"]),
        ({"ground": "DEATH", "payment": None, "deceased_hkid": "Z683365(A)", "date_of_death": "2026-11-01"},
         CTX, []),
        ({"ground": "DEATH", "payment": None, "deceased_hkid": "A123456(3)", "date_of_death": "2026-11-01"},
         CTX, ["DEATH_SELF"]),
        ({"ground": "DEATH", "payment": None, "deceased_hkid": "Z683365(A)", "date_of_death": "2026-11-27"},
         CTX, ["DATE_IN_FUTURE"]),
        ({"ground": "SMALL_BALANCE", "payment": None, "declaration": None}, CTX, ["REQUIRED"]),
        ({"declaration": "no"}, TYPED, ["CONFIRM_REQUIRED"]),
        ({"bank_own": "no"}, TYPED, ["CONFIRM_REQUIRED"]),
        ({"bank_account": "004-123-45678"}, TYPED, ["BANK_ACCOUNT_FORMAT"]),  # 5-digit account: too short
        ({"bank_account": "004 123 123456789"}, TYPED, []),
        ({"bank_account": "004-123-1234567890"}, TYPED, ["BANK_ACCOUNT_FORMAT"]),
    ],
)
def test_withdrawal_claim(changes: dict[str, Any], ctx: FormContext, expected: list[str]) -> None:
    assert codes(WC, filled(WC, **changes), ctx) == expected


def test_withdrawal_lists_the_grounds_documents() -> None:
    values, _ = validate(get_type(WC), filled(WC, ground="PERMANENT_DEPARTURE", payment=None,
                                              departure_date="2026-12-01"), TYPED)
    notes = explain(get_type(WC), values, TYPED)
    assert [n.code for n in notes] == ["NOTE_DOCUMENTS"]
    assert "法定聲明（永久離港）" in notes[0].message_zh and "statutory declaration" in notes[0].message_en


def test_withdrawal_steps_depend_on_the_ground_and_the_card() -> None:
    plan = get_type(WC)
    by_card = [s.name for s in active_steps(plan, {"ground": "AGE_65"}, CTX)]
    typed = [s.name for s in active_steps(plan, {"ground": "AGE_65"}, TYPED)]
    assert by_card == ["ground", "payment", "bank_account", "bank_own", "declaration_age_65"]
    assert typed == ["ground", "date_of_birth", *by_card[1:]]
    assert "payment" not in [s.name for s in active_steps(plan, {"ground": "SMALL_BALANCE"}, CTX)]


# ---------------------------------------------------------------- voluntary contributions

VC = "VOLUNTARY_CONTRIBUTION"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"amount": "50000"}, []),  # 10,000 paid + 50,000 = the cap exactly
        ({"amount": "50000.01"}, ["TVC_TAX_CAP"]),
        ({"tvc_paid": "60000", "amount": "0.01"}, ["TVC_TAX_CAP"]),
        ({"tvc_paid": None, "amount": "60000"}, []),
        ({"amount": "0"}, ["AMOUNT_ZERO"]),
        ({"amount": "-5"}, ["MONEY_FORMAT"]),
        # Monthly from November: November to March is 5 months.
        ({"frequency": "MONTHLY", "amount": "10000"}, []),  # 10,000 + 5 x 10,000
        ({"frequency": "MONTHLY", "amount": "10000.01"}, ["TVC_TAX_CAP"]),
        ({"vc_type": "SVC", "amount": "1000000"}, []),  # no cap on SVC
        ({"frequency": "MONTHLY", "amount": "1000", "payment_method": "CHEQUE", "bank_account": None},
         ["MONTHLY_NEEDS_DIRECT_DEBIT"]),
        ({"bank_account": None}, ["REQUIRED"]),
        ({"payment_method": "FPS", "bank_account": None}, []),
    ],
)
def test_voluntary_contributions(changes: dict[str, Any], expected: list[str]) -> None:
    assert codes(VC, filled(VC, **changes)) == expected


def test_tvc_cap_left_is_shown() -> None:
    values, _ = validate(get_type(VC), example(VC, TODAY), CTX)
    (note,) = explain(get_type(VC), values, CTX)
    assert note.code == "NOTE_TVC_LEFT" and "30,000.00" in note.message_en and "2026/27" in note.message_zh


# ---------------------------------------------------------------- employee enrolment

EN = "EMPLOYEE_ENROLMENT"
START = (TODAY - dt.timedelta(days=10)).isoformat()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"date_of_birth": "2008-11-16"}, []),  # 18 on the employment date (2026-11-16)
        ({"date_of_birth": "2008-11-17"}, ["AGE_NOT_COVERED"]),  # 17
        ({"date_of_birth": "1961-11-17"}, []),  # 64
        ({"date_of_birth": "1961-11-16"}, ["AGE_NOT_COVERED"]),  # 65
        ({"date_of_birth": "1961-11-16", "employee_type": "EXEMPT", "exemption_reason": "ORSO"}, []),
        ({"employee_type": "EXEMPT"}, ["REQUIRED"]),
        ({"employee_type": "INTRA_GROUP", "previous_account_no": "MB-0001"}, []),
        ({"employee_type": "INTRA_GROUP"}, ["REQUIRED"]),
        ({"scheme_join_date": (TODAY - dt.timedelta(days=11)).isoformat()}, ["JOIN_BEFORE_EMPLOYMENT"]),
        ({"scheme_join_date": (TODAY + dt.timedelta(days=50)).isoformat()}, []),  # day 60
        ({"scheme_join_date": (TODAY + dt.timedelta(days=51)).isoformat()}, ["JOIN_AFTER_60_DAYS"]),
        ({"employment_date": (TODAY + dt.timedelta(days=91)).isoformat(),
          "scheme_join_date": (TODAY + dt.timedelta(days=91)).isoformat()}, ["DATE_TOO_FAR_AHEAD"]),
        ({"id_type": "PASSPORT", "hkid": None, "passport_no": "P1234567", "passport_country": "PHL"}, []),
        ({"id_type": "PASSPORT", "hkid": None, "passport_no": "P1234567"}, ["REQUIRED"]),
        ({"id_type": "PASSPORT", "hkid": None, "passport_no": "P12", "passport_country": "PH"},
         ["PASSPORT_FORMAT", "COUNTRY_FORMAT"]),
        ({"hkid": "A123456(4)"}, ["HKID_CHECK_DIGIT"]),
        ({"allocation": {"CAF": 50}}, ["ALLOCATION_TOTAL"]),
        ({"allocation": None}, []),  # default investment strategy
        ({"gender": "X"}, ["CHOICE_INVALID"]),
    ],
)
def test_employee_enrolment(changes: dict[str, Any], expected: list[str]) -> None:
    assert codes(EN, filled(EN, **changes)) == expected


@pytest.mark.parametrize(("days_ago", "late"), [(60, False), (61, True)])
def test_late_enrolment_is_a_notice_not_an_error(days_ago: int, late: bool) -> None:
    start = (TODAY - dt.timedelta(days=days_ago)).isoformat()
    values, errors = validate(get_type(EN), filled(EN, employment_date=start, scheme_join_date=start), CTX)
    assert errors == []
    assert [n.code for n in explain(get_type(EN), values, CTX)] == ["NOTE_LATE_ENROLMENT"] if late else \
        explain(get_type(EN), values, CTX) == []


# ---------------------------------------------------------------- termination

TE = "TERMINATION"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"employee_hkid": None, "member_account_no": "MB-0001"}, []),
        ({"employee_hkid": None}, ["EMPLOYEE_REF_REQUIRED"]),
        ({"last_day": "2019-12-31"}, ["LAST_DAY_BEFORE_EMPLOYMENT"]),
        ({"last_day": "2020-01-02"}, []),
        ({"last_day": (TODAY + dt.timedelta(days=30)).isoformat()}, []),
        ({"last_day": (TODAY + dt.timedelta(days=31)).isoformat()}, ["DATE_TOO_FAR_AHEAD"]),
        ({"reason": "FIRED"}, ["CHOICE_INVALID"]),
        ({"lsp_sp_paid": "yes", "lsp_sp_amount": "50000"}, []),
        ({"lsp_sp_paid": "yes"}, ["REQUIRED"]),
        ({"lsp_sp_paid": "yes", "lsp_sp_amount": "0"}, ["AMOUNT_ZERO"]),
        ({"lsp_sp_paid": "maybe"}, ["YES_NO_INVALID"]),
    ],
)
def test_termination(changes: dict[str, Any], expected: list[str]) -> None:
    assert codes(TE, filled(TE, **changes)) == expected


@pytest.mark.parametrize("reason", ["RESIGN", "RETIRE", "EARLY_RETIRE", "DISMIS", "SUM_DISMISS", "REDUNDANCY",
                                    "LAID_OFF", "CONTRACT_END", "DEATH", "ILL_HEALTH", "TOTAL_INCAP"])
def test_every_termination_reason_code(reason: str) -> None:
    assert codes(TE, filled(TE, reason=reason)) == []


# ---------------------------------------------------------------- contribution data

CD = "CONTRIBUTION_DATA"


def member(**kw: str) -> dict[str, str]:
    return {"hkid": "A123456(3)", "relevant_income": "30000", "employer_mandatory": "1500",
            "employee_mandatory": "1500", **kw}


def contribution(*rows: dict[str, str], **changes: Any) -> dict[str, Any]:
    base = filled(CD, **changes)
    base["members"] = list(rows) or base["members"]
    if not any(float(r.get("employer_voluntary", 0) or 0) > 0 for r in base["members"]):
        for k in ("er_vc_basis", "er_vc_rate", "er_vc_period_start", "er_vc_period_end"):
            base.pop(k, None)
    return base


@pytest.mark.parametrize(
    ("rows", "changes", "expected"),
    [
        ((), {}, []),
        ((member(),), {}, []),
        ((member(employee_mandatory="0"),), {}, ["CONTRIBUTION_MISMATCH"]),  # the "shows as zero" failure
        ((member(employer_mandatory="1499.99"),), {}, ["CONTRIBUTION_MISMATCH"]),
        ((member(relevant_income="7099.99", employer_mandatory="355.00", employee_mandatory="0"),), {}, []),
        ((member(relevant_income="7099.99", employer_mandatory="354.99", employee_mandatory="0"),), {}, []),
        ((member(relevant_income="7099.99", employer_mandatory="355.00", employee_mandatory="355.00"),), {},
         ["CONTRIBUTION_MISMATCH"]),
        ((member(relevant_income="7100", employer_mandatory="355", employee_mandatory="355"),), {}, []),
        ((member(relevant_income="45000"),), {}, []),  # capped at 1,500
        ((member(relevant_income="45000", employer_mandatory="2250", employee_mandatory="2250"),), {},
         ["CONTRIBUTION_MISMATCH", "CONTRIBUTION_MISMATCH"]),
        ((member(employee_mandatory="0", difference_reason="CORRECTION"),), {}, []),  # declared: shown on review
        # A new employee: the October period starts within 30 days of 15 October.
        ((member(employment_date="2026-10-15", employee_mandatory="0"),), {}, []),
        ((member(employment_date="2026-10-15"),), {}, ["CONTRIBUTION_MISMATCH"]),
        ((member(employment_date="2026-11-01"),), {}, ["EMPLOYED_AFTER_PERIOD"]),
        ((member(), member()), {}, ["DUPLICATE_MEMBER"]),
        ((member(hkid=""),), {}, ["MEMBER_ID_REQUIRED"]),
        ((member(relevant_income="abc"),), {}, ["MONEY_FORMAT"]),
        ((), {"members": []}, ["REQUIRED"]),
        ((), {"paying_company": None}, []),  # the name is the employer data's, the BR number says which
        ((), {"paying_company_br": None}, ["REQUIRED"]),  # required from the start, no question first
        ((), {"paying_company_br": "1234567"}, ["BR_FORMAT"]),
        ((), {"period_end": "2026-10-30"}, ["PERIOD_LENGTH"]),
        ((), {"period_start": "2026-10-15", "period_end": "2026-11-14"}, []),  # a month from the 15th
        ((), {"period_start": "2026-10-31", "period_end": "2026-10-01"}, ["PERIOD_ORDER"]),
    ],
)
def test_contribution_data(rows: tuple[dict[str, str], ...], changes: dict[str, Any], expected: list[str]) -> None:
    values = contribution(*rows, **changes) if "members" not in changes else filled(CD, **changes)
    assert codes(CD, values) == expected


@pytest.mark.parametrize(
    ("period", "start", "end", "row", "expected"),
    [
        ("WEEKLY", "2026-11-02", "2026-11-08", member(relevant_income="7000", employer_mandatory="350",
                                                      employee_mandatory="350"), []),
        ("WEEKLY", "2026-11-02", "2026-11-09", member(relevant_income="7000", employer_mandatory="350",
                                                      employee_mandatory="350"), ["PERIOD_LENGTH"]),
        ("WEEKLY", "2026-11-02", "2026-11-08", member(relevant_income="1959", employer_mandatory="97.95",
                                                      employee_mandatory="0"), []),
        ("DAILY", "2026-11-02", "2026-11-02", member(relevant_income="280", employer_mandatory="14",
                                                     employee_mandatory="14"), []),
        ("CASUAL_DAILY", "2026-11-02", "2026-11-02", member(relevant_income="950", employer_mandatory="50",
                                                            employee_mandatory="50"), []),
        ("CASUAL_DAILY", "2026-11-02", "2026-11-02", member(relevant_income="949.99", employer_mandatory="50",
                                                            employee_mandatory="50"), ["CONTRIBUTION_MISMATCH",
                                                                                       "CONTRIBUTION_MISMATCH"]),
    ],
)
def test_contribution_wage_periods(period: str, start: str, end: str, row: dict[str, str],
                                   expected: list[str]) -> None:
    values = contribution(row, wage_period=period, period_start=start, period_end=end)
    assert codes(CD, values) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"er_vc_basis": None}, ["REQUIRED"]),  # asked, and required, once a member has employer VC
        ({"er_vc_period_end": None}, ["REQUIRED"]),
        ({"er_vc_rate": None}, ["REQUIRED"]),  # the rate step is asked for a percentage basis
        ({"er_vc_rate": "4"}, ["VC_MISMATCH", "VC_MISMATCH"]),  # 4% of 30,000 is not 1,500 (nor of 6,000 300)
        ({"er_vc_basis": "FIXED", "er_vc_rate": None}, ["REQUIRED"]),  # the amount step
        ({"er_vc_basis": "FIXED", "er_vc_rate": None, "er_vc_amount": "1500"}, ["VC_MISMATCH"]),  # row 2: 300
        ({"er_vc_basis": "PERCENT_BASIC", "er_vc_rate": "4"}, ["VC_MISMATCH", "VC_MISMATCH"]),  # 4% of 15,000, 6,000
        ({"er_vc_basis": "OTHER"}, ["CHOICE_INVALID"]),  # "another calculation" is not a basis: say which
        ({"er_vc_period_end": "2026-09-30"}, ["PERIOD_ORDER"]),
    ],
)
def test_employer_voluntary_contributions_need_basis_and_period(changes: dict[str, Any],
                                                                 expected: list[str]) -> None:
    assert codes(CD, filled(CD, **changes)) == expected


def test_a_percent_of_basic_salary_needs_each_members_basic_salary() -> None:
    values = filled(CD, er_vc_basis="PERCENT_BASIC", er_vc_rate="4")
    values["members"] = [{k: v for k, v in row.items() if k != "basic_salary"} for row in values["members"]]
    assert codes(CD, values) == ["VC_INPUT_REQUIRED", "VC_INPUT_REQUIRED"]


def test_employee_voluntary_contributions_need_their_own_basis() -> None:
    values = contribution(member(employee_voluntary="300"))
    assert codes(CD, values) == ["REQUIRED", "REQUIRED", "REQUIRED"]  # basis; period start and end
    values.update(ee_vc_basis="FIXED", ee_vc_amount="200", ee_vc_period_start="2026-10-01",
                  ee_vc_period_end="2026-10-31")
    assert codes(CD, values) == ["VC_MISMATCH"]  # a fixed 200, not 300
    values.update(ee_vc_amount="300")
    assert codes(CD, values) == []


def test_contribution_notices_show_computed_amounts_holiday_difference_and_day() -> None:
    values_in = contribution(member(employment_date="2026-10-15", employee_mandatory="0"),
                             member(hkid="Z683365(A)", employer_mandatory="1400", difference_reason="BACKPAY"))
    on_time = FormContext.on("2026-11-10", member=MEMBER)
    values, errors = validate(get_type(CD), values_in, on_time)
    assert errors == []
    notes = explain(get_type(CD), values, on_time)
    assert [n.code for n in notes] == ["NOTE_CONTRIBUTION_ROW", "NOTE_HOLIDAY", "NOTE_CONTRIBUTION_ROW",
                                       "NOTE_DIFFERENCE_DECLARED", "NOTE_CONTRIBUTION_DAY"]
    assert "-100.00" in notes[3].message_en and "補發薪金" in notes[3].message_zh
    assert notes[-1].params["day"] == "2026-11-10"


def test_mismatch_message_names_the_expected_amount_in_both_languages() -> None:
    _, errors = validate(get_type(CD), contribution(member(employee_mandatory="0")), CTX)
    (e,) = errors
    assert e.field == "members[1].employee_mandatory"
    assert "HK$1,500.00" in e.message_en and "HK$0.00" in e.message_en
    assert "僱員強制性供款應為 HK$1,500.00" in e.message_zh


# ---------------------------------------------------------------- step-by-step checking


def test_validate_upto_a_step_waits_for_later_fields() -> None:
    itype = get_type(TB)
    raw = {"form": "PC", "original_account_type": "PERSONAL", "original_scheme": "A", "original_account": "PA-1"}
    # Later steps are not required yet, and the same-account rule waits for the new account.
    assert validate(itype, raw, CTX, upto="original_account")[1] == []
    _, errors = validate(itype, {**raw, "original_account": "x"}, CTX, upto="original_account")
    assert [e.code for e in errors] == ["ACCOUNT_FORMAT"]
    _, errors = validate(itype, {**raw, "new_scheme": "B", "new_account_type": "PERSONAL", "new_account": "PA-1"},
                         CTX, upto="new_account")
    assert [e.code for e in errors] == ["TRANSFER_SAME_ACCOUNT"]
