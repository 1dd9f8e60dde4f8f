"""Every voluntary-contribution basis in kiosk/domain/vc_plans.py, with its boundaries: the table
that decides what a member's employer VC should be."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.domain.vc_plans import BASES, Expected, Missing, Tier, VcInputs, VcPlan, agrees, expected_vc, plan_from_doc

D = Decimal
SERVICE = (Tier("0", D("0")), Tier("2", D("5")), Tier("10", D("10")))
GRADES = (Tier("A", D("10")), Tier("B", D("5")))


def inputs(**kw: object) -> VcInputs:
    base: dict[str, object] = {"relevant_income": D("20000"), "employer_mandatory": D("1000"),
                               "max_level": D("30000")}
    base.update(kw)
    return VcInputs(**base)  # type: ignore[arg-type]


CASES = [
    # (plan, inputs, expected amount or the missing input)
    (VcPlan("P", "PERCENT_RI", rate=D("5")), inputs(), D("1000.00")),
    (VcPlan("P", "PERCENT_RI", rate=D("2.5")), inputs(relevant_income=D("7099.99")), D("177.50")),  # half-up
    (VcPlan("P", "PERCENT_RI", rate=D("5"), cap=D("800")), inputs(), D("800.00")),  # capped
    (VcPlan("P", "PERCENT_RI", rate=D("5"), cap=D("1000")), inputs(), D("1000.00")),  # exactly at the cap
    (VcPlan("P", "PERCENT_RI_ABOVE_MAX", rate=D("5")), inputs(relevant_income=D("30000")), D("0.00")),
    (VcPlan("P", "PERCENT_RI_ABOVE_MAX", rate=D("5")), inputs(relevant_income=D("30000.01")), D("0.00")),
    (VcPlan("P", "PERCENT_RI_ABOVE_MAX", rate=D("5")), inputs(relevant_income=D("50000")), D("1000.00")),
    (VcPlan("P", "PERCENT_BASIC", rate=D("7")), inputs(basic_salary=D("20000")), D("1400.00")),
    (VcPlan("P", "PERCENT_BASIC", rate=D("7")), inputs(), "basic_salary"),
    (VcPlan("P", "PERCENT_BASIC", rate=D("7")), inputs(basic_salary=D("0")), D("0.00")),
    # 7% of a basic salary of 20,000 less the mandatory 5% of 25,000 (a published university example).
    (VcPlan("P", "TOPUP_BASIC", rate=D("7")), inputs(basic_salary=D("20000"), employer_mandatory=D("1250")),
     D("150.00")),
    (VcPlan("P", "TOPUP_BASIC", rate=D("12")), inputs(basic_salary=D("20000"), employer_mandatory=D("1250")),
     D("1150.00")),
    (VcPlan("P", "TOPUP_BASIC", rate=D("5")), inputs(basic_salary=D("20000"), employer_mandatory=D("1250")),
     D("0.00")),  # never below zero
    (VcPlan("P", "TOPUP_BASIC", rate=D("7")), inputs(), "basic_salary"),
    (VcPlan("P", "FIXED", amount=D("500")), inputs(), D("500.00")),
    (VcPlan("P", "FIXED", amount=D("500"), cap=D("300")), inputs(), D("300.00")),
    (VcPlan("P", "TIERED_SERVICE", tiers=SERVICE), inputs(years_of_service=1), D("0.00")),
    (VcPlan("P", "TIERED_SERVICE", tiers=SERVICE), inputs(years_of_service=2), D("1000.00")),  # from 2 years
    (VcPlan("P", "TIERED_SERVICE", tiers=SERVICE), inputs(years_of_service=9), D("1000.00")),
    (VcPlan("P", "TIERED_SERVICE", tiers=SERVICE), inputs(years_of_service=10), D("2000.00")),  # from 10 years
    (VcPlan("P", "TIERED_SERVICE", tiers=SERVICE), inputs(), "years_of_service"),
    (VcPlan("P", "TIERED_SERVICE", tiers=SERVICE[1:]), inputs(years_of_service=0), D("0.00")),  # below every tier
    (VcPlan("P", "TIERED_SERVICE", tiers=SERVICE, on="basic_salary"),
     inputs(years_of_service=10, basic_salary=D("15000")), D("1500.00")),
    (VcPlan("P", "TIERED_SERVICE", tiers=SERVICE, on="basic_salary"), inputs(years_of_service=10), "basic_salary"),
    (VcPlan("P", "TIERED_GRADE", tiers=GRADES), inputs(grade="A"), D("2000.00")),
    (VcPlan("P", "TIERED_GRADE", tiers=GRADES), inputs(grade="B"), D("1000.00")),
    (VcPlan("P", "TIERED_GRADE", tiers=GRADES), inputs(grade="C"), "grade?"),  # not one of the plan's grades
    (VcPlan("P", "TIERED_GRADE", tiers=GRADES), inputs(), "grade"),
    (VcPlan("P", "TIERED_GRADE", tiers=GRADES, cap=D("1500")), inputs(grade="A"), D("1500.00")),
    (VcPlan("P", "MATCH_EE", rate=D("100")), inputs(employee_voluntary=D("600")), D("600.00")),
    (VcPlan("P", "MATCH_EE", rate=D("50")), inputs(employee_voluntary=D("600")), D("300.00")),
    (VcPlan("P", "MATCH_EE", rate=D("100"), cap=D("500")), inputs(employee_voluntary=D("600")), D("500.00")),
    (VcPlan("P", "MATCH_EE", rate=D("100")), inputs(employee_voluntary=D("0")), D("0.00")),
    (VcPlan("P", "MATCH_EE", rate=D("100")), inputs(), "employee_voluntary"),
]


@pytest.mark.parametrize(("plan", "given", "want"), CASES)
def test_each_basis_recomputes_the_employer_vc(plan: VcPlan, given: VcInputs, want: Decimal | str) -> None:
    assert plan.problem() is None
    got = expected_vc(plan, given)
    if isinstance(want, str):
        assert isinstance(got, Missing)
        assert (got.input, got.unknown_grade) == (want.rstrip("?"), want.endswith("?"))
    else:
        assert isinstance(got, Expected) and got.amount == want
        assert got.how_zh and got.how_en and got.how_zh != got.how_en


def test_every_basis_in_the_table_has_a_case() -> None:
    assert {plan.basis for plan, _, _ in CASES} == set(BASES)


@pytest.mark.parametrize(
    ("doc", "problem"),
    [
        ({"code": "A", "basis": "PERCENT_RI", "rate": 5}, None),
        ({"code": "A", "basis": "PERCENT_RI"}, "needs a rate"),
        ({"code": "A", "basis": "PERCENT_RI", "rate": 0}, "needs a rate"),
        ({"code": "A", "basis": "PERCENT_RI", "rate": 100.01}, "needs a rate"),
        ({"code": "A", "basis": "FIXED"}, "needs an amount"),
        ({"code": "A", "basis": "FIXED", "amount": "abc"}, "number"),
        ({"code": "A", "basis": "TIERED_GRADE", "tiers": []}, "needs tiers"),
        ({"code": "A", "basis": "TIERED_SERVICE", "tiers": [{"key": "five", "rate": 5}]}, "whole number"),
        ({"code": "A", "basis": "TIERED_SERVICE", "tiers": [{"key": "5", "rate": 5}], "on": "bonus"}, "tiers are"),
        ({"code": "A", "basis": "OTHER"}, "unknown basis"),
        ({"code": "A", "basis": "FIXED", "amount": 100, "cap": -1}, "cap"),
    ],
)
def test_a_plan_that_cannot_be_used_is_refused(doc: dict[str, object], problem: str | None) -> None:
    if problem is None:
        assert plan_from_doc(doc).rate == 5
    else:
        with pytest.raises(ValueError, match=problem):
            plan_from_doc(doc)


@pytest.mark.parametrize(
    ("typed", "expected", "exact", "ok"),
    [("177.50", "177.50", None, True), ("177.49", "177.50", "177.4995", True), ("177.48", "177.50", None, False),
     ("177.51", "177.50", None, False), ("177.49", "177.50", "177.50", False)],
)
def test_a_truncated_cent_is_accepted_only_when_it_is_the_truncation(typed: str, expected: str, exact: str | None,
                                                                     ok: bool) -> None:
    assert agrees(D(typed), D(expected), D(exact) if exact else None) is ok
