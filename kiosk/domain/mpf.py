"""Mandatory and voluntary contribution arithmetic, as tables and small functions.

Figures from the MPF Schemes Ordinance as summarised in ../shared/reference/DOMAIN.md:
5% employer + 5% employee of relevant income; a monthly minimum level of 7,100 (below it the
employee pays nothing, the employer still 5%) and a maximum of 30,000 (each side capped at 1,500);
for other wage periods 280 and 1,000 a day; a new employee's first 30 days and the first
incomplete wage period after them are an employee contribution holiday. The casual-employee
industry-scheme table is marked unconfirmed in DOMAIN.md and is kept as data so it can be replaced.

Rounding is not settled in the sources at hand: a typed amount is accepted when it equals the
exact 5% rounded half-up *or* truncated to the cent (the two common payroll practices).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

RATE = Decimal("0.05")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Levels:
    minimum: Decimal  # below it the employee pays nothing
    maximum: Decimal  # contributions are worked out on at most this income


MONTHLY_LEVELS = Levels(Decimal("7100"), Decimal("30000"))
DAILY_LEVELS = Levels(Decimal("280"), Decimal("1000"))  # times the days of a non-monthly wage period
SELF_EMPLOYED_YEARLY = Levels(Decimal("85200"), Decimal("360000"))

HOLIDAY_DAYS = 30  # a new employee's contribution holiday
ENROL_WITHIN_DAYS = 60
MEMBER_AGE = (18, 64)  # relevant employees: 18 to 64 inclusive
SURCHARGE_RATE = Decimal("0.05")
TVC_TAX_CAP = Decimal("60000")  # per tax year (1 April - 31 March)


@dataclass(frozen=True)
class WagePeriod:
    code: str
    label_zh: str
    label_en: str
    days: tuple[int, int] | None  # allowed length in days; None: one calendar month
    expected_zh: str
    expected_en: str


WAGE_PERIODS: dict[str, WagePeriod] = {p.code: p for p in (
    WagePeriod("MONTHLY", "每月", "Monthly", None, "一個曆月（例如 1 日至月底，或 15 日至下月 14 日）",
               "one calendar month (e.g. the 1st to the month's end, or the 15th to the 14th)"),
    WagePeriod("SEMI_MONTHLY", "每半月", "Semi-monthly", (13, 16), "13 至 16 日", "13 to 16 days"),
    WagePeriod("BI_WEEKLY", "每兩星期", "Every two weeks", (14, 14), "14 日", "14 days"),
    WagePeriod("WEEKLY", "每星期", "Weekly", (7, 7), "7 日", "7 days"),
    WagePeriod("DAILY", "每日", "Daily", (1, 1), "1 日", "1 day"),
    WagePeriod("CASUAL_DAILY", "行業計劃臨時僱員（每日）", "Industry scheme casual (daily)", (1, 1), "1 日", "1 day"),
)}

# Industry scheme, casual employees (construction and catering), per day of relevant income:
# (income from, employer, employee). DOMAIN.md: "not confirmed against the regulation".
CASUAL_DAILY_TABLE: tuple[tuple[Decimal, Decimal, Decimal], ...] = (
    (Decimal("0"), Decimal("10"), Decimal("0")),
    (Decimal("280"), Decimal("15"), Decimal("15")),
    (Decimal("380"), Decimal("20"), Decimal("20")),
    (Decimal("480"), Decimal("25"), Decimal("25")),
    (Decimal("580"), Decimal("30"), Decimal("30")),
    (Decimal("680"), Decimal("35"), Decimal("35")),
    (Decimal("780"), Decimal("40"), Decimal("40")),
    (Decimal("880"), Decimal("45"), Decimal("45")),
    (Decimal("950"), Decimal("50"), Decimal("50")),
)


@dataclass(frozen=True)
class Mandatory:
    """What the rules say a member's mandatory contributions for one wage period are, and why."""

    employer: Decimal
    employee: Decimal
    basis_zh: str
    basis_en: str
    holiday: bool = False


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _five_percent(income: Decimal) -> Decimal:
    return (income * RATE).quantize(CENT, ROUND_HALF_UP)


def period_levels(period: str, days: int) -> Levels:
    if period == "MONTHLY":
        return MONTHLY_LEVELS
    return Levels(DAILY_LEVELS.minimum * days, DAILY_LEVELS.maximum * days)


def in_holiday(employment_date: dt.date | None, period_start: dt.date) -> bool:
    """The employee pays nothing for a wage period that starts within the first 30 days of
    employment: such a period is either inside the holiday or the first incomplete one after it."""
    if employment_date is None:
        return False
    return period_start <= employment_date + dt.timedelta(days=HOLIDAY_DAYS - 1)


def mandatory(income: Decimal, period: str, days: int, *, holiday: bool = False) -> Mandatory:
    """The mandatory contributions on `income` for one wage period of `days` days."""
    if period == "CASUAL_DAILY":
        er, ee = next((er, ee) for lo, er, ee in reversed(CASUAL_DAILY_TABLE) if income >= lo)
        zh, en = f"行業計劃每日表，入息 HK${money(income)}", f"industry-scheme daily table, income HK${money(income)}"
        if holiday:
            return Mandatory(er, Decimal("0.00"), zh + "；新僱員供款假期", en + "; new-employee holiday", True)
        return Mandatory(er, ee, zh, en)
    levels = period_levels(period, days)
    capped = min(income, levels.maximum)
    er = _five_percent(capped)
    if income > levels.maximum:
        zh = f"入息高於最高有關入息水平 HK${money(levels.maximum)}，以上限計算"
        en = f"income above the maximum level of HK${money(levels.maximum)}, so capped"
        ee = er
    elif income < levels.minimum:
        zh = f"入息低於最低有關入息水平 HK${money(levels.minimum)}，僱員無須供款"
        en = f"income below the minimum level of HK${money(levels.minimum)}, so no employee contribution"
        ee = Decimal("0.00")
    else:
        zh, en = f"有關入息 HK${money(income)} 的 5%", f"5% of relevant income HK${money(income)}"
        ee = er
    if holiday:
        return Mandatory(er, Decimal("0.00"), zh + "；新僱員供款假期", en + "; new-employee holiday", True)
    return Mandatory(er, ee, zh, en)


def acceptable(typed: Decimal, expected: Decimal, income: Decimal | None = None) -> bool:
    """Equal to the cent, allowing truncation instead of half-up rounding of an exact 5%."""
    if typed == expected:
        return True
    if income is None:
        return False
    exact = income * RATE
    return typed == exact.quantize(CENT, ROUND_DOWN) and abs(typed - expected) <= CENT


def percentage_of(income: Decimal, rate_percent: Decimal) -> Decimal:
    return (income * rate_percent / Decimal(100)).quantize(CENT, ROUND_HALF_UP)


def tvc_left(paid_this_year: Decimal) -> Decimal:
    return max(Decimal("0"), TVC_TAX_CAP - paid_this_year)
