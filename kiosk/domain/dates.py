"""Dates as the MPF rules use them: partial birth dates, ages, tax years, working days, cut-offs.

Public holidays are not computed (they change by proclamation): callers pass the ones they know,
as a set of dates, and weekends are never working days. Typhoon signal 8 and black rainstorm days
are not known in advance either; the platform moves those.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection

_PARTIAL = re.compile(r"^([0-9]{4})(?:[-/]([0-9]{1,2})(?:[-/]([0-9]{1,2}))?)?$")
_COMPACT = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")

CUTOFF = dt.time(16, 0)  # fund switching: instructions received before 4 pm on a working day


def last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse(text: str, *, partial: bool = False) -> dt.date:
    """An ISO date (also 1970/01/31 and 19700131). With `partial`, a year alone means 31 December
    and a year and month the last day of that month, as the registration rules say. Raises ValueError."""
    t = text.strip()
    m = _COMPACT.match(t)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = _PARTIAL.match(t)
    if not m:
        raise ValueError(t)
    year, month, day = int(m[1]), m[2], m[3]
    if year < 1000:
        raise ValueError(t)
    if day is not None:
        return dt.date(year, int(month), int(day))
    if not partial:
        raise ValueError(t)
    if month is None:
        return dt.date(year, 12, 31)
    return last_day_of_month(year, int(month))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years. Someone born on 29 February turns a year older on 1 March in common years."""
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years


def birthday_at(birth: dt.date, age: int) -> dt.date:
    """The day `birth` reaches `age` (29 February -> 1 March in a common year)."""
    year = birth.year + age
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return dt.date(year, 3, 1)
    return birth.replace(year=year)


def tax_year(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Hong Kong tax year (1 April to 31 March) holding `day`."""
    start_year = day.year if day.month >= 4 else day.year - 1
    return dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31)


def tax_year_label(day: dt.date) -> str:
    start, end = tax_year(day)
    return f"{start.year}/{end.year % 100:02d}"


def months_left_in_tax_year(day: dt.date) -> int:
    """Months from `day`'s month to March, both counted (April -> 12, March -> 1)."""
    _, end = tax_year(day)
    return (end.year - day.year) * 12 + end.month - day.month + 1


def is_working_day(day: dt.date, holidays: Collection[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: dt.date, holidays: Collection[dt.date] = (), *, include: bool = True) -> dt.date:
    """`day` itself if it is a working day (and `include`), else the next one (bounded: holidays
    are a handful of days, so 40 steps are plenty)."""
    d = day if include else day + dt.timedelta(days=1)
    for _ in range(40):
        if is_working_day(d, holidays):
            return d
        d += dt.timedelta(days=1)
    raise ValueError("no working day within 40 days")


def dealing_day(now: dt.datetime, holidays: Collection[dt.date] = (), cutoff: dt.time = CUTOFF) -> dt.date:
    """The working day an instruction given at `now` is dealt with: today before the cut-off on a
    working day, else the next working day."""
    today = now.date()
    if is_working_day(today, holidays) and now.time() < cutoff:
        return today
    return next_working_day(today, holidays, include=False)


def contribution_day(period_end: dt.date, holidays: Collection[dt.date] = ()) -> dt.date:
    """The 10th of the month after the wage period ends, moved to the next working day."""
    following = add_months(period_end.replace(day=1), 1)
    return next_working_day(following.replace(day=10), holidays)


def inclusive_days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1
