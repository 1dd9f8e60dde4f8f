"""The platform's own check of a contribution statement (CONTRIBUTION_DATA) against the employer's
data in platform_sim/employers.py, at delivery: the same rules the kiosk applies
(kiosk/domain/forms/contribution_company.py, contribution_vc.py), written again here because the
platform does not trust the kiosk (tests/platform_sim/test_employers.py keeps the two agreeing).

A statement names its employer by scheme registration number and participation number; one for
an employer the simulator does not hold is not checked here (the simulator holds a few fictional
employers, not the platform's register). Rejections name rows and fields, never amounts typed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from platform_sim import employers, hkid
from platform_sim.errors import error

CENT = Decimal("0.01")
_BR = re.compile(r"^([0-9]{8})-?([0-9]{3})?$")


def _br(raw: Any) -> str:
    m = _BR.match(str(raw or "").replace(" ", ""))
    return f"{m[1]}-{m[2] or '000'}" if m else ""


def _dec(raw: Any) -> Decimal | None:
    if raw is None or raw == "" or isinstance(raw, bool):
        return None
    try:
        value = Decimal(str(raw).replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _pct(base: Decimal, rate: Any) -> Decimal:
    return (base * Decimal(str(rate)) / 100).quantize(CENT, ROUND_HALF_UP)


def _max_level(values: Mapping[str, Any]) -> Decimal:
    try:
        start = dt.date.fromisoformat(str(values.get("period_start")))
        end = dt.date.fromisoformat(str(values.get("period_end")))
    except ValueError:
        return Decimal(30000)
    return Decimal(30000) if values.get("wage_period") == "MONTHLY" else Decimal(1000) * ((end - start).days + 1)


def _years(row: Mapping[str, Any], employee: Mapping[str, Any], values: Mapping[str, Any]) -> int | None:
    if row.get("years_of_service") is not None:
        return int(str(row["years_of_service"]))
    since = employee.get("service_from")
    try:
        end = dt.date.fromisoformat(str(values.get("period_end")))
    except ValueError:
        return None
    if not since:
        return None
    start = dt.date.fromisoformat(since)
    return max(0, end.year - start.year - ((end.month, end.day) < (start.month, start.day)))


def expected_vc(plan: Mapping[str, Any], row: Mapping[str, Any], employee: Mapping[str, Any],
                values: Mapping[str, Any]) -> Decimal | str:
    """The employer VC the plan gives, or the name of the row's input it needs and lacks."""
    basis, income = plan["basis"], _dec(row.get("relevant_income")) or Decimal(0)
    basic = _dec(row.get("basic_salary"))
    top = _max_level(values)
    on_basic = basis in ("PERCENT_BASIC", "TOPUP_BASIC") or (basis.startswith("TIERED")
                                                              and plan.get("on") == "basic_salary")
    if on_basic and basic is None:
        return "basic_salary"
    if basis == "PERCENT_RI":
        amount = _pct(income, plan["rate"])
    elif basis == "PERCENT_RI_ABOVE_MAX":
        amount = _pct(max(Decimal(0), income - top), plan["rate"])
    elif basis == "PERCENT_BASIC":
        amount = _pct(basic or Decimal(0), plan["rate"])
    elif basis == "TOPUP_BASIC":
        amount = max(Decimal("0.00"), _pct(basic or Decimal(0), plan["rate"]) - _pct(min(income, top), 5))
    elif basis == "FIXED":
        amount = Decimal(str(plan["amount"])).quantize(CENT)
    elif basis == "MATCH_EE":
        amount = _pct(_dec(row.get("employee_voluntary")) or Decimal(0), plan["rate"])
    elif basis == "TIERED_SERVICE":
        years = _years(row, employee, values)
        if years is None:
            return "years_of_service"
        fits = [t for t in plan["tiers"] if int(t["key"]) <= years]
        rate = max(fits, key=lambda t: int(t["key"]))["rate"] if fits else 0
        amount = _pct(basic if plan.get("on") == "basic_salary" and basic is not None else income, rate)
    else:  # TIERED_GRADE
        grade = str(row.get("grade") or employee.get("grade") or "").upper()
        tier = next((t for t in plan["tiers"] if t["key"] == grade), None)
        if tier is None:
            return "grade"
        amount = _pct(basic if plan.get("on") == "basic_salary" and basic is not None else income, tier["rate"])
    cap = plan.get("cap")
    return min(amount, Decimal(str(cap)).quantize(CENT)) if cap is not None else amount


def _employee(employer: Mapping[str, Any], scheme: Any, row: Mapping[str, Any]) -> Mapping[str, Any] | None:
    account, number = row.get("member_account_no"), row.get("hkid")
    number = hkid.normalise(number) if isinstance(number, str) and number else ""
    for e in employer["employees"]:
        if e["scheme_registration_no"] != scheme:
            continue
        if (account and e["member_account_no"] == account) or (number and hkid.normalise(e.get("hkid", "")) == number):
            found: Mapping[str, Any] = e
            return found
    return None


def check_contribution(values: Mapping[str, Any]) -> dict[str, str] | None:
    """None when the statement agrees with its employer's data, else the bilingual rejection."""
    scheme = values.get("scheme_registration_no")
    employer = employers.by_participation(scheme, values.get("employer_account_no"))
    if employer is None:
        return None
    companies = {c["br_no"] for c in employer["companies"]}
    br = _br(values.get("paying_company_br"))
    if not br and len(companies) > 1:
        return error("PAYING_COMPANY_REQUIRED")
    if br and br not in companies:
        return error("PAYING_COMPANY_NOT_EMPLOYERS", "values.paying_company_br")
    plans = {p["code"]: p for p in employer["plans"]}
    rows = values.get("members")
    for i, row in enumerate(rows if isinstance(rows, list) else [], start=1):
        if not isinstance(row, dict):
            return error("MEMBER_NOT_EMPLOYEE", f"members[{i}]")
        employee = _employee(employer, scheme, row)
        if employee is None:
            return error("MEMBER_NOT_EMPLOYEE", f"members[{i}]")
        if row.get("difference_reason"):
            continue  # a declared difference goes to the trustee's review, as the kiosk shows it
        typed = _dec(row.get("employer_voluntary")) or Decimal(0)
        plan = plans.get(employee.get("plan") or "")
        if plan is None:
            if typed > 0:
                return error("VC_NO_PLAN", f"members[{i}]")
            continue
        expected = expected_vc(plan, row, employee, values)
        if isinstance(expected, str):
            return error("VC_INPUT_REQUIRED", f"members[{i}].{expected}")
        if typed != expected and expected - typed != CENT:
            return error("VC_MISMATCH", f"members[{i}].employer_voluntary, plan {plan['code']}")
    return None
