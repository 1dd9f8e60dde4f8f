"""The contribution day of a contribution period, and what paying after it means.

MPF rules (MPFA "MPF Contribution Days Calendar"; trustees' employer FAQs): for regular employees
the contributions for a period are due on the 10th day of the calendar month after the period
ends; for casual employees of an industry scheme, on the 10th day after the period's last day. A
day that is a Saturday, Sunday or public holiday moves to the next working day (so does a gale or
black rainstorm warning day, which nobody knows in advance: the platform moves those). Paying late
carries a surcharge of 5% of the contributions in default (MPFA "Tips to Avoid Surcharge"): the
kiosk shows it as a figure for the mandatory part and says that the platform assesses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import dates
from .hk_holidays import HK_GENERAL_HOLIDAYS

SURCHARGE_RATE = Decimal("0.05")
_WHY: dict[str, tuple[str, str]] = {"saturday": ("星期六", "a Saturday"), "sunday": ("星期日", "a Sunday"),
                                     "holiday": ("公眾假期", "a public holiday")}


@dataclass(frozen=True)
class ContributionDay:
    day: dt.date
    nominal: dt.date  # the 10th (or 10th day) before moving
    moved_because: tuple[str, ...]  # keys of _WHY for each day skipped, in order

    def why_zh(self) -> str:
        return "、".join(dict.fromkeys(_WHY[k][0] for k in self.moved_because))

    def why_en(self) -> str:
        return ", ".join(dict.fromkeys(_WHY[k][1] for k in self.moved_because))


def holidays_known(extra: Collection[dt.date] = ()) -> frozenset[dt.date]:
    return HK_GENERAL_HOLIDAYS | frozenset(extra)


def contribution_day(period_end: dt.date, wage_period: str = "MONTHLY",
                     extra_holidays: Collection[dt.date] = ()) -> ContributionDay:
    """The day contributions for a period ending on `period_end` are due."""
    if wage_period == "CASUAL_DAILY":
        nominal = period_end + dt.timedelta(days=10)
    else:
        nominal = dates.add_months(period_end.replace(day=1), 1).replace(day=10)
    holidays = holidays_known(extra_holidays)
    day, skipped = nominal, []
    for _ in range(40):  # bounded: Lunar New Year plus a weekend is the longest run
        if day.weekday() == 5:
            skipped.append("saturday")
        elif day.weekday() == 6:
            skipped.append("sunday")
        elif day in holidays:
            skipped.append("holiday")
        else:
            return ContributionDay(day, nominal, tuple(skipped))
        day += dt.timedelta(days=1)
    raise ValueError("no working day within 40 days")


def surcharge(mandatory_total: Decimal) -> Decimal:
    """5% of the mandatory contributions paid late, to the cent (the platform's figure rules)."""
    return (mandatory_total * SURCHARGE_RATE).quantize(Decimal("0.01"), ROUND_HALF_UP)


def is_overdue(today: dt.date, due: ContributionDay) -> bool:
    return today > due.day
