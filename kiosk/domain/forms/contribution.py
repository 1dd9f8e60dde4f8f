"""Employer contribution data (僱主供款資料): a remittance statement for one payroll period.

Where the platform's first phase failed: amounts that did not match the rules, employer voluntary
contributions without their basis, several companies without the paying one. So, here:
- each member's mandatory contributions are recomputed from relevant income (minimum and maximum
  levels for the wage period, the new-employee holiday) and any difference from what was typed is
  an error, unless the employer gives a reason for it, in which case it is shown on review;
- voluntary contributions need a basis and the period they cover; a percentage-of-income basis is
  recomputed like the mandatory ones;
- an employer with more than one company must name the paying company (and its BR number).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .. import dates, mpf
from ..errors import Notice, ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..messages import error, notice
from ..model import FormContext, InstructionType, Note, Rule, Step, Test, Values, is_
from ..rules import as_date, as_money, date_order
from .common import label_of, money, yes_no

DIFFERENCE_REASONS = (
    Choice("BACKPAY", "補發薪金的調整", "Adjustment for back pay"),
    Choice("CORRECTION", "更正以往糧期的供款", "Correction of an earlier period"),
    Choice("AGREED", "與受託人協定的其他計算", "Other calculation agreed with the trustee"),
)
VC_BASES = (
    Choice("PERCENT_RI", "有關入息的百分比", "A percentage of relevant income"),
    Choice("PERCENT_BASIC", "基本薪金的百分比", "A percentage of basic salary"),
    Choice("FIXED", "固定金額", "A fixed amount"),
    Choice("OTHER", "其他計算方式（按計劃規則）", "Another calculation (per the scheme's rules)"),
)
PERCENT_BASES = ("PERCENT_RI", "PERCENT_BASIC")
WHO = {"er": (("僱主", "employer"), "employer_voluntary"), "ee": (("僱員", "employee"), "employee_voluntary")}
WHAT = {
    "employer_mandatory": ("僱主強制性供款", "employer mandatory contribution"),
    "employee_mandatory": ("僱員強制性供款", "employee mandatory contribution"),
    "employer_voluntary": ("僱主自願性供款", "employer voluntary contribution"),
    "employee_voluntary": ("僱員自願性供款", "employee voluntary contribution"),
}

ROW_FIELDS = (
    FieldSpec("hkid", "身份證號碼", "HKID number", Kind.HKID, required=False, personal=True),
    FieldSpec("member_account_no", "成員帳戶號碼", "Member account number", Kind.ACCOUNT_NO, required=False),
    FieldSpec("name", "英文姓名", "Name in English", Kind.NAME_EN, required=False, personal=True),
    money("relevant_income", "有關入息", "Relevant income"),
    money("employer_mandatory", "僱主強制性供款", "Employer mandatory contribution"),
    money("employee_mandatory", "僱員強制性供款", "Employee mandatory contribution"),
    money("employer_voluntary", "僱主自願性供款", "Employer voluntary contribution", required=False),
    money("employee_voluntary", "僱員自願性供款", "Employee voluntary contribution", required=False),
    money("surcharge", "附加費", "Surcharge", required=False),
    FieldSpec("employment_date", "受僱日期（新僱員）", "Employment date (new employees)", Kind.DATE, required=False,
              help_zh="首 30 日及其後首個不完整糧期，僱員無須供款。",
              help_en="No employee contribution for the first 30 days and the next incomplete wage period."),
    FieldSpec("difference_reason", "與計算金額不同的原因", "Reason for a difference", Kind.CHOICE, required=False,
              choices=DIFFERENCE_REASONS),
)


def _members(values: Values) -> list[dict[str, Any]]:
    rows = values.get("members")
    return list(rows) if isinstance(rows, list) else []


def _has_vc(column: str) -> Test:
    return Test(lambda v, ctx: any(as_money(r.get(column)) > 0 for r in _members(v)),
                f"a member has a {column.replace('_', ' ')}")


# ---------------------------------------------------------------- the period


def _period(values: Values) -> tuple[str, dt.date, dt.date] | None:
    kind, start, end = values.get("wage_period"), as_date(values.get("period_start")), as_date(values.get("period_end"))
    if kind not in mpf.WAGE_PERIODS or start is None or end is None or end < start:
        return None
    return str(kind), start, end


def _period_length(values: Values, ctx: FormContext) -> list[ValidationError]:
    p = _period(values)
    if p is None:
        return []
    kind, start, end = p
    spec = mpf.WAGE_PERIODS[kind]
    days = dates.inclusive_days(start, end)
    if spec.days is None:
        ok = end == dates.add_months(start, 1) - dt.timedelta(days=1)
    else:
        ok = spec.days[0] <= days <= spec.days[1]
    if ok:
        return []
    return [error("PERIOD_LENGTH", "period_end", period=(spec.label_zh, spec.label_en),
                  expected=(spec.expected_zh, spec.expected_en), days=days)]


# ---------------------------------------------------------------- the members


def expected_mandatory(row: dict[str, Any], values: Values) -> mpf.Mandatory | None:
    """What the rules say this row's mandatory contributions are (None without a usable period)."""
    p = _period(values)
    if p is None or row.get("relevant_income") is None:
        return None
    kind, start, end = p
    income = as_money(row["relevant_income"])
    holiday = mpf.in_holiday(as_date(row.get("employment_date")), start)
    return mpf.mandatory(income, kind, dates.inclusive_days(start, end), holiday=holiday)


def _basis_income(row: dict[str, Any], values: Values) -> Decimal | None:
    p = _period(values)
    if p is None or p[0] == "CASUAL_DAILY":
        return None
    levels = mpf.period_levels(p[0], dates.inclusive_days(p[1], p[2]))
    return min(as_money(row.get("relevant_income")), levels.maximum)


def _mismatches(row: dict[str, Any], values: Values) -> list[tuple[str, Decimal, Decimal, tuple[str, str]]]:
    """(column, typed, expected, basis) for each mandatory amount that differs from the rules."""
    exp = expected_mandatory(row, values)
    if exp is None:
        return []
    income = _basis_income(row, values)
    out = []
    for column, expected in (("employer_mandatory", exp.employer), ("employee_mandatory", exp.employee)):
        typed = as_money(row.get(column))
        # Below the minimum level the employee's 5% is not due at all: no rounding allowance there.
        allowance = income if expected != 0 else None
        if not mpf.acceptable(typed, expected, allowance):
            out.append((column, typed, expected, (exp.basis_zh, exp.basis_en)))
    return out


def _rows(values: Values, ctx: FormContext) -> list[ValidationError]:
    out: list[ValidationError] = []
    seen: dict[str, int] = {}
    p = _period(values)
    for i, row in enumerate(_members(values), start=1):
        ids = [x for x in (row.get("hkid"), row.get("member_account_no")) if x]
        if not ids:
            out.append(error("MEMBER_ID_REQUIRED", f"members[{i}].hkid", row=i))
        for key in ids:
            if key in seen:
                out.append(error("DUPLICATE_MEMBER", f"members[{i}].hkid", row=i, first=seen[key]))
                break
            seen[key] = i
        employed = as_date(row.get("employment_date"))
        if p is not None and employed is not None and employed > p[2]:
            out.append(error("EMPLOYED_AFTER_PERIOD", f"members[{i}].employment_date", row=i))
            continue
        if row.get("difference_reason"):
            continue  # shown on review as a declared difference instead
        for column, typed, expected, basis in _mismatches(row, values):
            out.append(error("CONTRIBUTION_MISMATCH", f"members[{i}].{column}", row=i, what=WHAT[column],
                             expected=mpf.money(expected), typed=mpf.money(typed), basis=basis))
    return out


# ---------------------------------------------------------------- voluntary contributions


def _vc_basis_given(who: str) -> Rule:
    (label, column) = WHO[who]

    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        if any(as_money(r.get(column)) > 0 for r in _members(values)) and not values.get(f"{who}_vc_basis"):
            return [error("VC_BASIS_REQUIRED", f"{who}_vc_basis", who=label)]
        return []
    return Rule(("VC_BASIS_REQUIRED",), ("members", f"{who}_vc_basis"), check,
                f"{label[1]} voluntary contributions need their basis")


def _vc_period_given(who: str) -> Rule:
    (label, column) = WHO[who]
    start, end = f"{who}_vc_period_start", f"{who}_vc_period_end"

    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        if any(as_money(r.get(column)) > 0 for r in _members(values)):
            missing = next((n for n in (start, end) if not values.get(n)), None)
            if missing:
                return [error("VC_BASIS_REQUIRED", missing, who=label)]
        return []
    return Rule(("VC_BASIS_REQUIRED",), ("members", start, end), check,
                f"{label[1]} voluntary contributions need the period they cover")


def _vc_rate(who: str) -> Rule:
    (label, column) = WHO[who]

    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        basis, rate = values.get(f"{who}_vc_basis"), values.get(f"{who}_vc_rate")
        if basis in PERCENT_BASES and rate is None:
            return [error("VC_RATE_REQUIRED", f"{who}_vc_rate")]
        if basis != "PERCENT_RI" or rate is None:
            return []
        out: list[ValidationError] = []
        for i, row in enumerate(_members(values), start=1):
            if row.get("difference_reason") or row.get(column) is None:
                continue
            income = as_money(row.get("relevant_income"))
            expected = mpf.percentage_of(income, Decimal(str(rate)))
            typed = as_money(row.get(column))
            exact_ok = typed == (income * Decimal(str(rate)) / 100).quantize(mpf.CENT, "ROUND_DOWN")
            if typed != expected and not exact_ok:
                out.append(error("CONTRIBUTION_MISMATCH", f"members[{i}].{column}", row=i, what=WHAT[column],
                                 expected=mpf.money(expected), typed=mpf.money(typed),
                                 basis=(f"有關入息的 {rate}%", f"{rate}% of relevant income")))
        return out
    return Rule(("VC_RATE_REQUIRED", "CONTRIBUTION_MISMATCH"), ("members", f"{who}_vc_basis", f"{who}_vc_rate"),
                check, f"{label[1]} VC as a percentage needs the rate; a percentage of relevant income is recomputed")


def _vc_fields(who: str) -> tuple[FieldSpec, ...]:
    (zh, en), _ = WHO[who]
    return (
        FieldSpec(f"{who}_vc_basis", f"{zh}自願性供款的計算基礎", f"Basis of {en} voluntary contributions",
                  Kind.CHOICE, required=False, choices=VC_BASES),
        FieldSpec(f"{who}_vc_rate", f"{zh}自願性供款百分率", f"{en.capitalize()} voluntary contribution rate (%)",
                  Kind.PERCENT, required=False, min_value=Decimal("0.01")),
        FieldSpec(f"{who}_vc_period_start", f"{zh}自願性供款期開始", f"{en.capitalize()} VC period start", Kind.DATE,
                  required=False),
        FieldSpec(f"{who}_vc_period_end", f"{zh}自願性供款期結束", f"{en.capitalize()} VC period end", Kind.DATE,
                  required=False),
    )


def _vc_steps(who: str) -> tuple[Step, ...]:
    (zh, en), column = WHO[who]
    when = _has_vc(column)
    return (
        Step(f"{who}_vc_basis", f"{zh}自願性供款是怎樣計算的？",
             f"How are the {en} voluntary contributions worked out?",
             (f"{who}_vc_basis",), when=when),
        Step(f"{who}_vc_rate", f"{zh}自願性供款的百分率是？", f"What percentage is the {en} voluntary contribution?",
             (f"{who}_vc_rate",), when=Test(lambda v, c: when(v, c) and v.get(f"{who}_vc_basis") in PERCENT_BASES,
                                             f"{when.doc} and the basis is a percentage"), required=True),
        Step(f"{who}_vc_period", f"{zh}自願性供款涵蓋哪段期間？",
             f"Which period do the {en} voluntary contributions cover?",
             (f"{who}_vc_period_start", f"{who}_vc_period_end"), when=when),
    )


# ---------------------------------------------------------------- notices


def _notes(values: Values, ctx: FormContext) -> list[Notice]:
    out: list[Notice] = []
    for i, row in enumerate(_members(values), start=1):
        exp = expected_mandatory(row, values)
        if exp is None:
            continue
        out.append(notice("NOTE_CONTRIBUTION_ROW", row=i, er=mpf.money(exp.employer), ee=mpf.money(exp.employee),
                          basis=(exp.basis_zh, exp.basis_en)))
        if exp.holiday:
            out.append(notice("NOTE_HOLIDAY", row=i))
        reason = row.get("difference_reason")
        if reason:
            for column, typed, expected, _ in _mismatches(row, values):
                out.append(notice("NOTE_DIFFERENCE_DECLARED", row=i, what=WHAT[column],
                                  diff=mpf.money(typed - expected), reason=label_of(DIFFERENCE_REASONS, reason)))
    p = _period(values)
    if p is not None:
        out.append(notice("NOTE_CONTRIBUTION_DAY", day=dates.contribution_day(p[2], ctx.holidays).isoformat()))
    return out


def _paying_company(values: Values, ctx: FormContext) -> list[ValidationError]:
    if values.get("several_companies") is True:
        for name in ("paying_company", "paying_company_br"):
            if not values.get(name):
                return [error("PAYING_COMPANY_REQUIRED", name)]
    return []


CONTRIBUTION_DATA = InstructionType(
    "CONTRIBUTION_DATA", "僱主供款資料", "Employer contribution data",
    (
        FieldSpec("scheme_registration_no", "計劃註冊編號", "Scheme registration number", Kind.ACCOUNT_NO),
        FieldSpec("employer_account_no", "僱主帳戶號碼", "Employer account number", Kind.ACCOUNT_NO,
                  help_zh="長度因計劃而異", help_en="Its length differs between schemes"),
        yes_no("several_companies", "僱主是否有多於一間公司？", "Does the employer have more than one company?"),
        FieldSpec("paying_company", "付款公司名稱", "Paying company's name", Kind.TEXT, required=False),
        FieldSpec("paying_company_br", "付款公司商業登記號碼", "Paying company's BR number", Kind.BR_NO,
                  required=False),
        FieldSpec("payroll_group", "薪金組別", "Payroll group", Kind.ACCOUNT_NO, required=False,
                  help_zh="如計劃有設定", help_en="If the scheme set one up"),
        FieldSpec("wage_period", "糧期類別", "Wage period", Kind.CHOICE,
                  choices=tuple(Choice(p.code, p.label_zh, p.label_en) for p in mpf.WAGE_PERIODS.values())),
        FieldSpec("period_start", "糧期開始", "Payroll period start", Kind.DATE),
        FieldSpec("period_end", "糧期結束", "Payroll period end", Kind.DATE),
        FieldSpec("members", "成員供款", "Members' contributions", Kind.ROWS, row_fields=ROW_FIELDS),
        *_vc_fields("er"),
        *_vc_fields("ee"),
    ),
    rules=(
        Rule(("PAYING_COMPANY_REQUIRED",), ("several_companies", "paying_company", "paying_company_br"),
             _paying_company, "an employer with several companies names the paying one (and its BR number)"),
        date_order("period_start", "period_end"),
        Rule(("PERIOD_LENGTH",), ("wage_period", "period_start", "period_end"), _period_length,
             "the period's length fits the wage period (mpf.WAGE_PERIODS)"),
        Rule(("MEMBER_ID_REQUIRED", "DUPLICATE_MEMBER", "EMPLOYED_AFTER_PERIOD", "CONTRIBUTION_MISMATCH"),
             ("wage_period", "period_start", "period_end", "members"), _rows,
             "each member identified once; mandatory amounts equal the recomputed ones unless a reason is given"),
        _vc_basis_given("er"), _vc_rate("er"), _vc_period_given("er"),
        date_order("er_vc_period_start", "er_vc_period_end"),
        _vc_basis_given("ee"), _vc_rate("ee"), _vc_period_given("ee"),
        date_order("ee_vc_period_start", "ee_vc_period_end"),
    ),
    steps=(
        Step("scheme_registration_no", "計劃註冊編號是？", "What is the scheme registration number?",
             ("scheme_registration_no",)),
        Step("employer_account_no", "僱主帳戶號碼是？", "What is the employer account number?",
             ("employer_account_no",)),
        Step("several_companies", "僱主是否有多於一間公司？", "Does the employer have more than one company?",
             ("several_companies",), help_zh="例如同一集團下的不同公司。",
             help_en="For example, companies in one group."),
        Step("paying_company", "哪一間公司付款？", "Which company pays?", ("paying_company", "paying_company_br"),
             when=is_("several_companies", True)),
        Step("payroll_group", "薪金組別是？", "Which payroll group?", ("payroll_group",)),
        Step("wage_period", "糧期是怎樣的？", "What is the wage period?", ("wage_period",)),
        Step("period", "這次供款的糧期是？", "Which payroll period is this for?", ("period_start", "period_end")),
        Step("members", "每名成員的入息及供款", "Each member's income and contributions", ("members",),
             help_zh="本機會按有關入息計算強積金供款；如有不同，須更正或說明原因。",
             help_en="The kiosk works out the mandatory contributions from relevant income; a difference must be "
                     "corrected or explained."),
        *_vc_steps("er"),
        *_vc_steps("ee"),
    ),
    notes=(Note(("NOTE_CONTRIBUTION_ROW", "NOTE_HOLIDAY", "NOTE_DIFFERENCE_DECLARED", "NOTE_CONTRIBUTION_DAY"),
                ("members",), _notes, "computed contributions, holidays, declared differences, contribution day"),),
    by_employer=True,
    summary_zh="每月供款結算書", summary_en="The remittance statement for a payroll period",
)
