"""The contribution statement's as-you-type check (kiosk/domain/forms/contribution_check.py): the
same comparison the form's rules make, on a half-typed row."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.domain.forms.contribution_check import check_typed_row

OCTOBER: dict[str, Any] = {"wage_period": "MONTHLY", "period_start": "2026-10-01", "period_end": "2026-10-31"}


@pytest.mark.parametrize(
    ("row", "matches"),
    [
        ({"relevant_income": "20000", "employer_mandatory": "1000", "employee_mandatory": "1000"}, True),
        ({"relevant_income": "20,000.00", "employer_mandatory": "1000.00", "employee_mandatory": "1000"}, True),
        ({"relevant_income": "20000", "employer_mandatory": "1000", "employee_mandatory": "0"}, False),
        ({"relevant_income": "20000", "employer_mandatory": "1000"}, False),  # employee's not typed yet
        ({"relevant_income": "7099.99", "employer_mandatory": "355", "employee_mandatory": "0"}, True),
        ({"relevant_income": "45000", "employer_mandatory": "2250", "employee_mandatory": "2250"}, False),
        # A new employee in the contribution holiday: the employee pays nothing this period.
        ({"relevant_income": "20000", "employer_mandatory": "1000", "employee_mandatory": "0",
          "employment_date": "2026-10-15"}, True),
    ],
)
def test_the_typed_amounts_are_compared_with_the_rules(row: dict[str, str], matches: bool) -> None:
    check = check_typed_row(row, OCTOBER)
    assert check is not None and check.matches is matches


def test_the_expected_amounts_follow_the_caps() -> None:
    check = check_typed_row({"relevant_income": "45000"}, OCTOBER)
    assert check is not None and (check.expected.employer, check.expected.employee) == (1500, 1500)


@pytest.mark.parametrize(
    ("row", "values"),
    [
        ({}, OCTOBER),
        ({"relevant_income": "abc"}, OCTOBER),
        ({"relevant_income": "-1"}, OCTOBER),
        ({"relevant_income": "NaN"}, OCTOBER),
        ({"relevant_income": "20000"}, {**OCTOBER, "period_end": None}),  # no period yet: nothing to say
    ],
)
def test_nothing_is_said_until_income_and_period_are_usable(row: dict[str, str], values: dict[str, Any]) -> None:
    assert check_typed_row(row, values) is None


# ---------------------------------------------------------------- the employer VC of the member's plan

GROUP_OCTOBER: dict[str, Any] = {**OCTOBER, "scheme_registration_no": "MT24680"}


def _group_ctx() -> Any:
    from kiosk.domain import FormContext
    from kiosk.domain.employer import employer_from_doc
    from platform_sim.employers import employer_document

    return FormContext.on("2026-11-05", employer=employer_from_doc(employer_document("EMP-0001")))


@pytest.mark.parametrize(
    ("row", "amount", "matches"),
    [
        # WONG MEI LING, 11 years of service: 10% of relevant income.
        ({"member_account_no": "acc-0101", "relevant_income": "20,000", "employer_voluntary": "2000"}, "2000.00",
         True),
        ({"member_account_no": "ACC-0101", "relevant_income": "20000", "employer_voluntary": "1000"}, "2000.00",
         False),
        ({"member_account_no": "ACC-0101", "relevant_income": "20000", "years_of_service": "5"}, "1000.00", False),
        # 5% of basic salary: nothing to say about the amount until the basic salary is typed.
        ({"member_account_no": "MB-2003", "relevant_income": "18000"}, "basic_salary", None),
        ({"member_account_no": "MB-2003", "relevant_income": "18000", "basic_salary": "16000",
          "employer_voluntary": "800"}, "800.00", True),
        ({"member_account_no": "MB-9999", "relevant_income": "18000"}, None, None),  # not an employee: no plan
    ],
)
def test_the_plans_vc_is_worked_out_while_typing(row: dict[str, str], amount: str | None,
                                                  matches: bool | None) -> None:
    from kiosk.domain.vc_plans import Expected, Missing

    check = check_typed_row(row, GROUP_OCTOBER, _group_ctx())
    assert check is not None and check.vc_matches is matches
    if amount is None:
        assert check.vc is None
    elif isinstance(check.vc, Missing):
        assert check.vc.input == amount
    else:
        assert isinstance(check.vc, Expected) and f"{check.vc.amount:.2f}" == amount


def test_without_the_context_only_the_mandatory_part_is_checked() -> None:
    check = check_typed_row({"member_account_no": "ACC-0101", "relevant_income": "20000"}, GROUP_OCTOBER)
    assert check is not None and (check.vc, check.vc_matches) == (None, None)
