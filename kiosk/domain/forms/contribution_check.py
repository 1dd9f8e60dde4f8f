"""The contribution statement's check while a member's row is being typed: what the mandatory rules
give for the relevant income typed so far, and whether the typed amounts agree with it.

The form's rules (contribution.py) refuse a difference without a reason when the statement is
checked; this is the same comparison, made on the half-typed row, so the employer sees a difference
as they type it (ui/rows_editor.py RowsEditor shows it)."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import dates, mpf
from ..model import Values
from .contribution import expected_mandatory


@dataclass(frozen=True)
class TypedRowCheck:
    expected: mpf.Mandatory
    matches: bool  # the typed employer and employee mandatory amounts agree with `expected`


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
    return out


def check_typed_row(row: Mapping[str, Any], values: Values) -> TypedRowCheck | None:
    """None while the row's relevant income or the statement's period is not usable yet."""
    clean = _clean_row(row)
    expected = expected_mandatory(clean, values) if clean else None
    if expected is None:
        return None
    income = clean["_income"]
    typed_er, typed_ee = _money(row.get("employer_mandatory")), _money(row.get("employee_mandatory"))
    same = (typed_er is not None and mpf.acceptable(typed_er, expected.employer, income)
            and typed_ee is not None and (typed_ee == expected.employee or mpf.acceptable(
                typed_ee, expected.employee, income if expected.employee else None)))
    return TypedRowCheck(expected, bool(same))
