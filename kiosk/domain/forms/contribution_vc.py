"""The contribution statement's voluntary contributions (VC), recomputed for each member.

With the employer's data (FormContext.employer, after an employer's sign-in) each member's
employer VC follows the plan agreed for that employee (kiosk/domain/vc_plans.py): the rules find
the member among the employer's employees on the statement's scheme, read what the plan's basis
needs (basic salary, years of service, grade, the employee's VC), recompute, and refuse a
difference unless the row gives a reason for it. Without the employer's data the statement says
its basis once (`er_vc_basis` with a rate or an amount) and the same recomputation runs on it;
tiered plans need the employer's data. Employee VC follow the statement's `ee_vc_basis` the same way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import mpf
from ..errors import Notice, ValidationError
from ..fields import Choice
from ..messages import error, notice
from ..model import FormContext, RuleCheck, Values
from ..rules import as_money
from ..vc_plans import BASES, INPUTS, Expected, Missing, VcInputs, VcPlan, agrees, expected_vc
from .common import label_of
from .contribution_base import DIFFERENCE_REASONS, WHAT, expected_mandatory, max_level, members, period

# Bases a statement can state for all its members at once (one rate or one amount).
STATEMENT_BASES = ("PERCENT_RI", "PERCENT_RI_ABOVE_MAX", "PERCENT_BASIC", "TOPUP_BASIC", "FIXED", "MATCH_EE")
EE_BASES = ("PERCENT_RI", "PERCENT_BASIC", "FIXED")
RATE_BASES = tuple(c for c in STATEMENT_BASES if "rate" in BASES[c].params)
WHO = {"er": (("僱主", "employer"), "employer_voluntary"), "ee": (("僱員", "employee"), "employee_voluntary")}


def basis_choices(codes: tuple[str, ...]) -> tuple[Choice, ...]:
    return tuple(Choice(c, BASES[c].label_zh, BASES[c].label_en) for c in codes)


def statement_plan(values: Values, who: str) -> VcPlan | None:
    basis = values.get(f"{who}_vc_basis")
    if basis not in BASES:
        return None
    rate, amount = values.get(f"{who}_vc_rate"), values.get(f"{who}_vc_amount")
    plan = VcPlan("STATEMENT", str(basis), Decimal(str(rate)) if rate is not None else None,
                  Decimal(str(amount)) if amount is not None else None)
    return plan if plan.problem() is None else None  # its rate or amount is not given (nor asked)


def _plan(row: dict[str, Any], values: Values, ctx: FormContext, who: str) -> tuple[VcPlan | None, Any]:
    """The member's plan and their employee record (None without the employer's data)."""
    if who == "er" and ctx.employer is not None:
        employee = ctx.employer.employee(values.get("scheme_registration_no"), row)
        plan = ctx.employer.plans.get(employee.plan) if employee is not None and employee.plan else None
        return plan, employee
    return statement_plan(values, who), None


def _inputs(row: dict[str, Any], values: Values, employee: Any) -> VcInputs | None:
    exp, top, p = expected_mandatory(row, values), max_level(values), period(values)
    if exp is None or p is None:
        return None
    raw_years = row.get("years_of_service")
    years = int(raw_years) if raw_years is not None else None
    if years is None and employee is not None:
        years = employee.years_of_service(p[2])
    grade = row.get("grade") or (employee.grade if employee is not None else None)
    basic = row.get("basic_salary")
    return VcInputs(as_money(row.get("relevant_income")), exp.employer, top if top is not None else Decimal(0),
                    as_money(basic) if basic is not None else None, years, grade or None,
                    as_money(row.get("employee_voluntary")))


def recomputed(row: dict[str, Any], values: Values, ctx: FormContext, who: str) -> Expected | Missing | None:
    """The VC the member's plan gives (None when no plan applies or the period is not usable)."""
    plan, employee = _plan(row, values, ctx, who)
    inputs = _inputs(row, values, employee) if plan is not None else None
    if plan is None or inputs is None:
        return None
    return expected_vc(plan, inputs)


def check_vc(who: str) -> RuleCheck:
    (label, column) = WHO[who]

    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        out: list[ValidationError] = []
        by_employer = who == "er" and ctx.employer is not None
        scheme_no = values.get("scheme_registration_no")
        if by_employer and ctx.employer is not None and ctx.employer.scheme(scheme_no) is None:
            return []  # SCHEME_NOT_EMPLOYERS says it: no member can be on a scheme the employer is not in
        for i, row in enumerate(members(values), start=1):
            typed = as_money(row.get(column))
            if by_employer and ctx.employer is not None:
                employee = ctx.employer.employee(values.get("scheme_registration_no"), row)
                if employee is None:
                    out.append(error("MEMBER_NOT_EMPLOYEE", f"members[{i}].hkid", row=i))
                    continue
                if not employee.plan and typed > 0 and not row.get("difference_reason"):
                    out.append(error("VC_NO_PLAN", f"members[{i}].{column}", row=i))
                    continue
            result = recomputed(row, values, ctx, who)
            if isinstance(result, Missing):
                what = INPUTS[result.input]
                code = "VC_GRADE_UNKNOWN" if result.unknown_grade else "VC_INPUT_REQUIRED"
                out.append(error(code, f"members[{i}].{result.input}", row=i, what=what))
            elif result is not None and not agrees(typed, result.amount) and not row.get("difference_reason"):
                out.append(error("VC_MISMATCH", f"members[{i}].{column}", row=i, what=WHAT[column],
                                 expected=mpf.money(result.amount), typed=mpf.money(typed),
                                 basis=(result.how_zh, result.how_en)))
        return out
    check.__doc__ = f"{label[1]} VC recomputed from each member's plan"
    return check


def vc_notes(values: Values, ctx: FormContext) -> list[Notice]:
    """Each member's recomputed VC, and the differences declared with a reason."""
    out: list[Notice] = []
    for i, row in enumerate(members(values), start=1):
        for who, (_, column) in WHO.items():
            result = recomputed(row, values, ctx, who)
            if not isinstance(result, Expected):
                continue
            out.append(notice("NOTE_VC_ROW", row=i, what=WHAT[column], amount=mpf.money(result.amount),
                              basis=(result.how_zh, result.how_en)))
            typed = as_money(row.get(column))
            reason = row.get("difference_reason")
            if reason and not agrees(typed, result.amount):
                out.append(notice("NOTE_DIFFERENCE_DECLARED", row=i, what=WHAT[column],
                                  diff=mpf.money(typed - result.amount), reason=label_of(DIFFERENCE_REASONS, reason)))
    return out
