"""Rules that many forms share, built from data (field names, codes, limits)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import dates
from .errors import ValidationError
from .messages import error
from .model import Condition, FormContext, Rule, Values


def as_date(value: Any) -> dt.date | None:
    """A clean DATE value (ISO text) as a date; None when absent."""
    if not value:
        return None
    return dt.date.fromisoformat(str(value))


def as_money(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal("0")


def at_least_one(*names: str, code: str = "NOTHING_CHANGED") -> Rule:
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        if all(values.get(n) in (None, [], {}) for n in names):
            return [error(code)]
        return []
    return Rule((code,), names, check, f"at least one of {', '.join(names)}")


def date_order(start: str, end: str, code: str = "PERIOD_ORDER") -> Rule:
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        a, b = as_date(values.get(start)), as_date(values.get(end))
        if a and b and b < a:
            return [error(code, end)]
        return []
    return Rule((code,), (start, end), check, f"{end} is not before {start}")


def not_future(name: str) -> Rule:
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        d = as_date(values.get(name))
        if d and d > ctx.today:
            return [error("DATE_IN_FUTURE", name)]
        return []
    return Rule(("DATE_IN_FUTURE",), (name,), check, f"{name} is not in the future")


def at_most_days_ahead(name: str, days: int) -> Rule:
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        d = as_date(values.get(name))
        limit = ctx.today + dt.timedelta(days=days)
        if d and d > limit:
            return [error("DATE_TOO_FAR_AHEAD", name, limit=limit.isoformat())]
        return []
    return Rule(("DATE_TOO_FAR_AHEAD",), (name,), check, f"{name} is at most {days} days from today")


def birth_date(name: str, *, card_check: bool = True) -> Rule:
    """Not in the future, not before 1900, and (when the member's card gave one) the same date."""
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        d = as_date(values.get(name))
        if d is None:
            return []
        if d > ctx.today:
            return [error("DATE_IN_FUTURE", name)]
        if d.year < 1900:
            return [error("DOB_IMPLAUSIBLE", name)]
        known = getattr(ctx.member, "date_of_birth", "") if card_check and ctx.member else ""
        if known and known != d.isoformat() and not _within_partial(d, known):
            return [error("DOB_CARD_MISMATCH", name)]
        return []
    return Rule(("DATE_IN_FUTURE", "DOB_IMPLAUSIBLE", "DOB_CARD_MISMATCH"), (name,), check,
                f"{name}: not in the future, not before 1900, the same as the identity document's")


def _within_partial(typed: dt.date, known: str) -> bool:
    """A partial date typed (31 December / month end) agrees with a full date in that year/month."""
    k = dt.date.fromisoformat(known)
    if typed == dt.date(k.year, 12, 31):
        return True
    return typed == dates.last_day_of_month(k.year, k.month)


def only_when(name: str, value: Any, when: Condition, code: str) -> Rule:
    """`name` may hold `value` only when `when` holds (e.g. instalments only at 65 or 60)."""
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        if values.get(name) == value and not when(values, ctx):
            return [error(code, name)]
        return []
    return Rule((code,), (name,), check, f"{name} = {value} only when {when.doc}")


def different(a: str, b: str, code: str) -> Rule:
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        if values.get(a) and values.get(a) == values.get(b):
            return [error(code, b)]
        return []
    return Rule((code,), (a, b), check, f"{a} and {b} differ")


def funds_known(*names: str) -> Rule:
    """Every fund code in these allocation fields is one of the scheme's (FormContext.funds)."""
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        out: list[ValidationError] = []
        for name in names:
            chosen: Mapping[str, Any] = values.get(name) or {}
            for code in chosen:
                if ctx.fund(code) is None:
                    out.append(error("FUND_UNKNOWN", name, fund=code))
                    break
        return out
    return Rule(("FUND_UNKNOWN",), names, check, "every fund code is one of the scheme's funds")
