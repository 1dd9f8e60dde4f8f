"""MPF arithmetic and dates, table-driven at the boundaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kiosk.domain import dates, mpf

D = Decimal


@pytest.mark.parametrize(
    ("income", "er", "ee", "why"),
    [
        ("0", "0.00", "0.00", "below minimum"),
        ("7099.99", "355.00", "0.00", "below minimum"),  # 354.9995 -> 355.00 half-up
        ("7100", "355.00", "355.00", "5%"),
        ("7100.01", "355.00", "355.00", "5%"),
        ("15000", "750.00", "750.00", "5%"),
        ("29999.99", "1500.00", "1500.00", "5%"),
        ("30000", "1500.00", "1500.00", "5%"),
        ("30000.01", "1500.00", "1500.00", "above maximum"),
        ("100000", "1500.00", "1500.00", "above maximum"),
    ],
)
def test_monthly_mandatory_at_the_levels(income: str, er: str, ee: str, why: str) -> None:
    m = mpf.mandatory(D(income), "MONTHLY", 31)
    assert (m.employer, m.employee) == (D(er), D(ee))
    assert {"below minimum": "below the minimum", "5%": "5% of", "above maximum": "above the maximum"}[why] \
        in m.basis_en
    assert m.basis_zh  # both languages explain it


@pytest.mark.parametrize(
    ("period", "days", "income", "er", "ee"),
    [
        ("WEEKLY", 7, "1959.99", "98.00", "0.00"),  # minimum 280 x 7 = 1,960
        ("WEEKLY", 7, "1960", "98.00", "98.00"),
        ("WEEKLY", 7, "7000", "350.00", "350.00"),  # maximum 1,000 x 7
        ("WEEKLY", 7, "7000.01", "350.00", "350.00"),
        ("DAILY", 1, "279.99", "14.00", "0.00"),
        ("DAILY", 1, "280", "14.00", "14.00"),
        ("DAILY", 1, "1001", "50.00", "50.00"),
        ("SEMI_MONTHLY", 15, "4199.99", "210.00", "0.00"),
        ("SEMI_MONTHLY", 15, "15000", "750.00", "750.00"),
        ("BI_WEEKLY", 14, "14000.01", "700.00", "700.00"),
    ],
)
def test_non_monthly_levels_are_per_day(period: str, days: int, income: str, er: str, ee: str) -> None:
    m = mpf.mandatory(D(income), period, days)
    assert (m.employer, m.employee) == (D(er), D(ee))


@pytest.mark.parametrize(
    ("daily", "er", "ee"),
    [("0", "10", "0"), ("279.99", "10", "0"), ("280", "15", "15"), ("379.99", "15", "15"), ("380", "20", "20"),
     ("879.99", "40", "40"), ("880", "45", "45"), ("949.99", "45", "45"), ("950", "50", "50"), ("3000", "50", "50")],
)
def test_casual_industry_table(daily: str, er: str, ee: str) -> None:
    m = mpf.mandatory(D(daily), "CASUAL_DAILY", 1)
    assert (m.employer, m.employee) == (D(er), D(ee))


@pytest.mark.parametrize(
    ("employed", "period_start", "holiday"),
    [
        ("2026-01-01", "2026-01-01", True),  # inside the first 30 days
        ("2026-01-15", "2026-02-01", True),  # day 30 is 13 Feb: February is the first incomplete period
        ("2026-01-15", "2026-02-13", True),  # the period starts on day 30 itself
        ("2026-01-15", "2026-02-14", False),  # starts on day 31
        ("2026-01-01", "2026-02-01", False),  # day 30 is 30 Jan: February is complete
        ("2025-06-01", "2026-01-01", False),
    ],
)
def test_new_employee_holiday(employed: str, period_start: str, holiday: bool) -> None:
    assert mpf.in_holiday(dt.date.fromisoformat(employed), dt.date.fromisoformat(period_start)) is holiday
    m = mpf.mandatory(D("20000"), "MONTHLY", 31, holiday=holiday)
    assert m.employer == D("1000.00")  # the employer pays from day one
    assert m.employee == (D("0") if holiday else D("1000.00"))


@pytest.mark.parametrize(
    ("typed", "expected", "income", "ok"),
    [("355.00", "355.00", "7100", True), ("354.99", "355.00", "7099.99", True),  # truncated, not half-up
     ("354.98", "355.00", "7099.99", False), ("355.01", "355.00", "7100", False), ("0.01", "0.00", None, False)],
)
def test_rounding_allowance(typed: str, expected: str, income: str | None, ok: bool) -> None:
    assert mpf.acceptable(D(typed), D(expected), D(income) if income else None) is ok


@pytest.mark.parametrize(
    ("text", "partial", "iso"),
    [("1970-01-31", False, "1970-01-31"), ("19700131", False, "1970-01-31"), ("1970/1/31", False, "1970-01-31"),
     ("1970", True, "1970-12-31"), ("1970-02", True, "1970-02-28"), ("1972-02", True, "1972-02-29"),
     ("2000-12", True, "2000-12-31")],
)
def test_dates_and_partial_birth_dates(text: str, partial: bool, iso: str) -> None:
    assert dates.parse(text, partial=partial).isoformat() == iso


@pytest.mark.parametrize("text", ["1970", "1970-02", "70-01-31", "1970-02-30", "1970-13-01", "abc", "", "0999-01-01"])
def test_dates_refused_without_partial(text: str) -> None:
    with pytest.raises(ValueError):
        dates.parse(text)


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [("1961-11-26", "2026-11-26", 65), ("1961-11-27", "2026-11-26", 64), ("1960-02-29", "2025-02-28", 64),
     ("1960-02-29", "2025-03-01", 65)],
)
def test_age(born: str, on: str, age: int) -> None:
    assert dates.age_on(dt.date.fromisoformat(born), dt.date.fromisoformat(on)) == age


@pytest.mark.parametrize(
    ("day", "label", "months"),
    [("2026-03-31", "2025/26", 1), ("2026-04-01", "2026/27", 12), ("2026-11-26", "2026/27", 5),
     ("2027-01-01", "2026/27", 3), ("2099-12-31", "2099/00", 4)],
)
def test_tax_year(day: str, label: str, months: int) -> None:
    d = dt.date.fromisoformat(day)
    assert dates.tax_year_label(d) == label
    assert dates.months_left_in_tax_year(d) == months


HOLIDAY = dt.date(2026, 12, 25)  # a Friday


@pytest.mark.parametrize(
    ("now", "dealt"),
    [
        ("2026-11-26 15:59", "2026-11-26"),  # Thursday before the cut-off
        ("2026-11-26 16:00", "2026-11-27"),  # at the cut-off: next working day
        ("2026-11-27 16:30", "2026-11-30"),  # Friday after: Monday
        ("2026-11-28 10:00", "2026-11-30"),  # Saturday
        ("2026-12-24 17:00", "2026-12-28"),  # Thursday after, Friday a holiday: Monday
        ("2026-12-25 09:00", "2026-12-28"),  # on the holiday itself
    ],
)
def test_fund_switch_cut_off(now: str, dealt: str) -> None:
    assert dates.dealing_day(dt.datetime.fromisoformat(now), {HOLIDAY}).isoformat() == dealt


@pytest.mark.parametrize(
    ("period_end", "day"),
    [("2026-10-31", "2026-11-10"), ("2026-09-30", "2026-10-12"),  # 10 Oct 2026 is a Saturday
     ("2026-01-31", "2026-02-10"), ("2026-11-30", "2026-12-10")],
)
def test_contribution_day(period_end: str, day: str) -> None:
    assert dates.contribution_day(dt.date.fromisoformat(period_end)).isoformat() == day


def test_contribution_day_moves_past_a_holiday() -> None:
    assert dates.contribution_day(dt.date(2026, 10, 31), {dt.date(2026, 11, 10)}) == dt.date(2026, 11, 11)


def test_tvc_left() -> None:
    assert mpf.tvc_left(D("0")) == D("60000")
    assert mpf.tvc_left(D("59999.99")) == D("0.01")
    assert mpf.tvc_left(D("70000")) == D("0")
