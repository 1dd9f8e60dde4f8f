"""The contribution statement's check while a member's row is being typed: what the mandatory rules
give for the relevant income typed so far, and whether the typed amounts agree with it.

The form's rules (contribution.py) refuse a difference without a reason when the statement is
checked; this is the same comparison, made on the half-typed row, so the employer sees a difference
as they type it (ui/rows_editor.py RowsEditor shows it). Given the form's context, the employer VC
the member's plan gives is worked out too (contribution_vc.py), with what the plan still needs."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import dates, mpf
from ..model import FormContext, Values
from ..vc_plans import Expected, Missing, agrees
from .contribution import expected_mandatory
from .contribution_vc import recomputed


@dataclass(frozen=True)
class TypedRowCheck:
    expected: mpf.Mandatory
    matches: bool  # the typed employer and employee mandatory amounts agree with `expected`
    vc: Expected | Missing | None = None  # the employer VC the member's plan gives (None: no plan known)
    vc_matches: bool | None = None  # the typed employer VC agrees with `vc` (None unless it is Expected)


def _money(raw: Any) -> Decimal | None:
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _clean_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of a typed row the mandatory rules read, cleaned; {} without a usable income."""
    income = _money(row.get("relevant_income"))
    if income is None or income < 0:
        return {}
    out: dict[str, Any] = {"relevant_income": f"{income:.2f}", "_income": income}
    if row.get("employment_date"):
        with contextlib.suppress(ValueError):  # not a date yet: the rules leave the holiday out
            out["employment_date"] = dates.parse(str(row["employment_date"])).isoformat()
    for name in ("member_account_no", "hkid", "grade"):
        if row.get(name):
            out[name] = str(row[name]).strip().upper()
    for name in ("basic_salary", "employee_voluntary"):
        amount = _money(row.get(name))
        if amount is not None and amount >= 0:
            out[name] = f"{amount:.2f}"
    years = str(row.get("years_of_service") or "").strip()
    if years.isdigit() and len(years) <= 2:
        out["years_of_service"] = int(years)
    return out


def _vc(row: Mapping[str, Any], clean: dict[str, Any], values: Values,
        ctx: FormContext) -> tuple[Expected | Missing | None, bool | None]:
    vc = recomputed(clean, values, ctx, "er")
    if not isinstance(vc, Expected):
        return vc, None
    typed = _money(row.get("employer_voluntary"))
    return vc, agrees(typed if typed is not None else Decimal(0), vc.amount)


def check_typed_row(row: Mapping[str, Any], values: Values, ctx: FormContext | None = None) -> TypedRowCheck | None:
    """None while the row's relevant income or the statement's period is not usable yet. With the
    form's context, the employer VC of the member's plan too."""
    clean = _clean_row(row)
    expected = expected_mandatory(clean, values) if clean else None
    if expected is None:
        return None
    income = clean["_income"]
    typed_er, typed_ee = _money(row.get("employer_mandatory")), _money(row.get("employee_mandatory"))
    same = (typed_er is not None and mpf.acceptable(typed_er, expected.employer, income)
            and typed_ee is not None and (typed_ee == expected.employee or mpf.acceptable(
                typed_ee, expected.employee, income if expected.employee else None)))
    vc, vc_matches = _vc(row, clean, values, ctx) if ctx is not None else (None, None)
    return TypedRowCheck(expected, bool(same), vc, vc_matches)
