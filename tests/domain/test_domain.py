"""The domain rules, table-driven with boundary values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain import FormContext, Identity, ValidationError, build, get_type, hkid, validate
from kiosk.domain.identity import mask_name


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("A123456(3)", "A123456(3)"),
        ("a123456(3)", "A123456(3)"),
        (" A 123456 3 ", "A123456(3)"),
        ("A1234563", "A123456(3)"),
        ("CA182361(1)", "CA182361(1)"),
        ("Z683365(A)", "Z683365(A)"),
        ("z683365a", "Z683365(A)"),
    ],
)
def test_hkid_normalises_valid_numbers(text: str, canonical: str) -> None:
    assert hkid.normalise(text) == canonical


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A123456(A)", "HKID_CHECK_DIGIT"),  # the government schema's sample: not valid
        ("A123456(4)", "HKID_CHECK_DIGIT"),
        ("CA182361(2)", "HKID_CHECK_DIGIT"),
        ("A12345(3)", "HKID_FORMAT"),
        ("1234567(3)", "HKID_FORMAT"),
        ("ABC123456(3)", "HKID_FORMAT"),
        ("A123456(3", "HKID_FORMAT"),
        ("A123456(B)", "HKID_FORMAT"),
        ("", "HKID_FORMAT"),
        ("A" * 200, "HKID_FORMAT"),
    ],
)
def test_hkid_refuses_invalid_numbers_bilingually(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        hkid.normalise(text)
    assert info.value.code == code
    assert info.value.message_en and info.value.message_zh
    assert info.value.message_zh != info.value.message_en


def test_check_character_worked_examples() -> None:
    assert hkid.check_character("A", "123456") == "3"
    assert hkid.check_character("CA", "182361") == "1"
    assert hkid.check_character("Z", "683365") == "A"


@given(st.text(max_size=30))
def test_hkid_normalise_never_crashes(text: str) -> None:
    try:
        out = hkid.normalise(text)
    except ValidationError as e:
        assert e.code in {"HKID_FORMAT", "HKID_CHECK_DIGIT"}
    else:
        assert hkid.normalise(out) == out


def test_masking_hides_the_number_and_most_of_the_name() -> None:
    assert hkid.mask("A123456(3)") == "A12****(*)"
    assert "3456" not in hkid.mask("CA182361(1)")
    assert mask_name("CHAN TAI MAN") == "CHAN T** M**"
    ident = Identity("A123456(3)", name_en="CHAN TAI MAN")
    assert "123456" not in repr(ident) and "TAI" not in repr(ident)


CP = get_type("CHANGE_PARTICULARS")


@pytest.mark.parametrize(
    ("values", "codes"),
    [
        ({"mobile": "91234567"}, []),
        ({"mobile": "+852 9123 4567"}, []),
        ({"mobile": "41234567"}, []),
        ({"mobile": "31234567"}, ["MOBILE_FORMAT"]),  # landline prefix
        ({"mobile": "9123456"}, ["MOBILE_FORMAT"]),  # 7 digits
        ({"mobile": "912345678"}, ["MOBILE_FORMAT"]),  # 9 digits
        ({"email": "chan@example.com"}, []),
        ({"email": "chan@example"}, ["EMAIL_FORMAT"]),
        ({"address": "x" * 200}, []),
        ({"address": "x" * 201}, ["TOO_LONG"]),
        ({"language": "zh"}, []),
        ({"language": "fr"}, ["CHOICE_INVALID"]),
        ({}, ["NOTHING_CHANGED"]),
        ({"mobile": "  ", "email": ""}, ["NOTHING_CHANGED"]),
    ],
)
def test_change_of_particulars_rules(values: dict[str, str], codes: list[str]) -> None:
    _, errors = validate(CP, values)
    assert [e.code for e in errors] == codes
    for e in errors:
        assert e.message_zh and e.message_en


@pytest.mark.parametrize(
    ("allocation", "code"),
    [
        ({"CAF": 100}, None),
        ({"CAF": 50, "HKEQ": 50}, None),
        ({"CAF": 50, "HKEQ": 49}, "ALLOCATION_TOTAL"),
        ({"CAF": 101}, "ALLOCATION_PERCENT"),
        ({"CAF": 0, "HKEQ": 100}, "ALLOCATION_PERCENT"),
        ({"CAF": "abc"}, "ALLOCATION_PERCENT"),
        ({"C A F": 100}, "FUND_CODE_FORMAT"),
        ({}, "REQUIRED"),
    ],
)
def test_fund_allocation_must_total_100(allocation: dict[str, object], code: str | None) -> None:
    _, errors = validate(get_type("FUND_SWITCH"), {"scheme_account": "ACC-0001", "allocation": allocation})
    assert [e.code for e in errors] == ([code] if code else [])


def test_withdrawal_instalments_only_at_65_or_60() -> None:
    # The member's card gave the date of birth (so it is not asked); the declaration is ticked.
    ctx = FormContext.on("2026-11-26", member=Identity("A123456(3)", date_of_birth="1955-03-01"))
    base = {"bank_account": "004-123-456789", "bank_own": "yes", "declaration": "yes", "payment": "INSTALMENTS"}
    _, errors = validate(get_type("WITHDRAWAL_CLAIM"), {**base, "ground": "AGE_65"}, ctx)
    assert errors == []
    _, errors = validate(get_type("WITHDRAWAL_CLAIM"), {**base, "ground": "PERMANENT_DEPARTURE",
                                                        "departure_date": "2026-12-01"}, ctx)
    assert [e.code for e in errors] == ["INSTALMENTS_NOT_ALLOWED"]


def _contribution(**member: str) -> dict[str, object]:
    row = {"hkid": "A123456(3)", "relevant_income": "30000", "employer_mandatory": "1500",
           "employee_mandatory": "1500", **member}
    return {"scheme_registration_no": "MT12345", "employer_account_no": "ER-0001", "paying_company_br": "12345678-000",
            "wage_period": "MONTHLY", "period_start": "2026-10-01", "period_end": "2026-10-31", "members": [row]}


@pytest.mark.parametrize(
    ("amount", "ok"),
    [("1500", True), ("1,500.00", True), ("1500.005", False), ("-1", False), ("abc", False),
     ("NaN", False), ("1e400", False)],
)
def test_money_fields(amount: str, ok: bool) -> None:
    _, errors = validate(get_type("CONTRIBUTION_DATA"), _contribution(employee_mandatory=amount))
    assert (errors == []) is ok, errors


def test_contribution_period_order() -> None:
    values = {**_contribution(), "period_start": "2026-10-31", "period_end": "2026-10-01"}
    _, errors = validate(get_type("CONTRIBUTION_DATA"), values)
    assert [e.code for e in errors] == ["PERIOD_ORDER"]


def test_build_keeps_only_clean_values() -> None:
    instr = build("CHANGE_PARTICULARS", Identity("A123456(3)"), {"mobile": "9123 4567", "email": ""})
    assert dict(instr.values) == {"mobile": "91234567"}
    with pytest.raises(ValidationError):
        build("NO_SUCH_TYPE", Identity("A123456(3)"), {})


def test_every_type_has_bilingual_labels() -> None:
    from kiosk.domain import TYPES

    assert {"MEMBER_REGISTRATION", "CHANGE_PARTICULARS", "FUND_SWITCH", "TRANSFER_BENEFITS",
            "WITHDRAWAL_CLAIM", "VOLUNTARY_CONTRIBUTION", "EMPLOYEE_ENROLMENT", "TERMINATION",
            "CONTRIBUTION_DATA"} <= set(TYPES)
    for t in TYPES.values():
        assert t.title_zh and t.title_en
        for f in t.fields:
            assert f.label_zh and f.label_en and f.label_zh != f.label_en
