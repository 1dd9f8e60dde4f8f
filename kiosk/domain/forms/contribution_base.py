"""What the contribution statement's rule modules share: its rows, its period, and each row's
mandatory contributions as the rules compute them (kiosk/domain/mpf.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .. import dates, mpf
from ..fields import Choice
from ..model import Values
from ..rules import as_date, as_money

# A difference between a typed amount and the computed one is accepted only with one of these;
# there is deliberately no "no difference" choice: without a difference, no reason is asked.
DIFFERENCE_REASONS = (
    Choice("BACKPAY", "補發薪金的調整", "Adjustment for back pay"),
    Choice("CORRECTION", "更正以往糧期的供款", "Correction of an earlier period"),
    Choice("PART_PERIOD", "只受僱部分糧期", "Employed part of the period"),
    Choice("PLAN_CHANGE", "供款計劃更改已另行提交", "Plan change sent separately"),
    Choice("AGREED", "與受託人協定的其他計算", "Other calculation agreed with the trustee"),
)
WHAT = {
    "employer_mandatory": ("僱主強制性供款", "employer mandatory contribution"),
    "employee_mandatory": ("僱員強制性供款", "employee mandatory contribution"),
    "employer_voluntary": ("僱主自願性供款", "employer voluntary contribution"),
    "employee_voluntary": ("僱員自願性供款", "employee voluntary contribution"),
}


def members(values: Values) -> list[dict[str, Any]]:
    rows = values.get("members")
    return list(rows) if isinstance(rows, list) else []


def period(values: Values) -> tuple[str, dt.date, dt.date] | None:
    kind, start, end = values.get("wage_period"), as_date(values.get("period_start")), as_date(values.get("period_end"))
    if kind not in mpf.WAGE_PERIODS or start is None or end is None or end < start:
        return None
    return str(kind), start, end


def expected_mandatory(row: dict[str, Any], values: Values) -> mpf.Mandatory | None:
    """What the rules say this row's mandatory contributions are (None without a usable period)."""
    p = period(values)
    if p is None or row.get("relevant_income") is None:
        return None
    kind, start, end = p
    income = as_money(row["relevant_income"])
    holiday = mpf.in_holiday(as_date(row.get("employment_date")), start)
    return mpf.mandatory(income, kind, dates.inclusive_days(start, end), holiday=holiday)


def max_level(values: Values) -> Decimal | None:
    """The period's maximum relevant income (None for the casual daily table or no period)."""
    p = period(values)
    if p is None or p[0] == "CASUAL_DAILY":
        return None
    return mpf.period_levels(p[0], dates.inclusive_days(p[1], p[2])).maximum


def basis_income(row: dict[str, Any], values: Values) -> Decimal | None:
    top = max_level(values)
    return None if top is None else min(as_money(row.get("relevant_income")), top)
