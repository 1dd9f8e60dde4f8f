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
