"""Employer contribution data (僱主供款資料): a remittance statement for one payroll period.

Where the platform's first phase failed: amounts that did not match the rules, employer voluntary
contributions without their basis, several companies without the paying one. So, here:
- each member's mandatory contributions are recomputed from relevant income (minimum and maximum
  levels for the wage period, the new-employee holiday) and any difference from what was typed is
  an error, unless the employer gives a reason for it, in which case it is shown on review;
- voluntary contributions are recomputed for each member from the employer's agreed plan
  (contribution_vc.py, kiosk/domain/vc_plans.py) or the basis the statement states;
- the paying company is required and must be the employer's (contribution_company.py);
- the contribution day is shown, and a statement checked after it is flagged late with the 5%
  surcharge on its mandatory part (kiosk/domain/contribution_day.py).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .. import dates, mpf
from ..contribution_day import contribution_day, is_overdue, surcharge
from ..errors import Notice, ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..messages import error, notice
from ..model import FormContext, InstructionType, Note, Rule, Step, Test, Values
from ..rules import as_date, as_money, date_order
from .common import label_of, money
from .contribution_base import (
    DIFFERENCE_REASONS,
    WHAT,
    basis_income,
    expected_mandatory,
    members,
    period,
)
from .contribution_company import (
    asks_paying_company,
    check_paying_company,
    check_scheme,
    company_notes,
)
from .contribution_vc import EE_BASES, RATE_BASES, STATEMENT_BASES, WHO, basis_choices, check_vc, vc_notes

__all__ = ["CONTRIBUTION_DATA", "DIFFERENCE_REASONS", "expected_mandatory"]
MAX_MEMBERS = 1000  # a statement from a file (kiosk/domain/statement_csv.py) may hold this many rows

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
    money("basic_salary", "基本薪金", "Basic salary", required=False),
    FieldSpec("years_of_service", "服務年資（年）", "Years of service", Kind.INTEGER, required=False,
              min_value=Decimal(0), max_value=Decimal(60)),
    FieldSpec("grade", "職級", "Grade", Kind.TEXT, required=False, max_length=20),
    FieldSpec("employment_date", "受僱日期（新僱員）", "Employment date (new employees)", Kind.DATE, required=False,
              help_zh="首 30 日及其後首個不完整糧期，僱員無須供款。",
              help_en="No employee contribution for the first 30 days and the next incomplete wage period."),
    FieldSpec("difference_reason", "與計算金額不同的原因", "Reason for a difference", Kind.CHOICE, required=False,
              choices=DIFFERENCE_REASONS, help_zh="只在金額與計算所得不同時選擇。",
              help_en="Choose one only when an amount differs from the computed one."),
)


def _has_vc(column: str) -> Test:
    return Test(lambda v, ctx: any(as_money(r.get(column)) > 0 for r in members(v)),
                f"a member has a {column.replace('_', ' ')}")


# ---------------------------------------------------------------- the period


def _period_length(values: Values, ctx: FormContext) -> list[ValidationError]:
    p = period(values)
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


def _mismatches(row: dict[str, Any], values: Values) -> list[tuple[str, Decimal, Decimal, tuple[str, str]]]:
    """(column, typed, expected, basis) for each mandatory amount that differs from the rules."""
    exp = expected_mandatory(row, values)
    if exp is None:
        return []
    income = basis_income(row, values)
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
    p = period(values)
    for i, row in enumerate(members(values), start=1):
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


def _vc_recomputed(who: str) -> Rule:
    label, _ = WHO[who]
    return Rule(("VC_MISMATCH", "VC_INPUT_REQUIRED", "VC_GRADE_UNKNOWN", "VC_NO_PLAN", "MEMBER_NOT_EMPLOYEE"),
                ("scheme_registration_no", "wage_period", "period_start", "period_end", "members",
                 f"{who}_vc_basis", f"{who}_vc_rate", f"{who}_vc_amount"), check_vc(who),
                f"{label[1]} VC per member equal the recomputed ones (the member's agreed plan, or the "
                "statement's basis), unless a reason is given")


def _statement_states_basis(who: str) -> Test:
    """The statement states the basis itself: always for employee VC, for employer VC only
    without the employer's data (then each member's plan is known)."""
    return Test(lambda v, ctx: who == "ee" or ctx.employer is None,
                "employee VC, or employer VC without the employer's data")


def _vc_fields(who: str) -> tuple[FieldSpec, ...]:
    (zh, en), _ = WHO[who]
    return (
        FieldSpec(f"{who}_vc_basis", f"{zh}自願性供款的計算基礎", f"Basis of {en} voluntary contributions",
                  Kind.CHOICE, required=False, choices=basis_choices(STATEMENT_BASES if who == "er" else EE_BASES)),
        FieldSpec(f"{who}_vc_rate", f"{zh}自願性供款百分率", f"{en.capitalize()} voluntary contribution rate (%)",
                  Kind.PERCENT, required=False, min_value=Decimal("0.01")),
        money(f"{who}_vc_amount", f"{zh}自願性供款固定金額", f"{en.capitalize()} voluntary contribution amount",
              required=False),
        FieldSpec(f"{who}_vc_period_start", f"{zh}自願性供款期開始", f"{en.capitalize()} VC period start", Kind.DATE,
                  required=False),
        FieldSpec(f"{who}_vc_period_end", f"{zh}自願性供款期結束", f"{en.capitalize()} VC period end", Kind.DATE,
                  required=False),
    )


def _vc_steps(who: str) -> tuple[Step, ...]:
    (zh, en), column = WHO[who]
    has = _has_vc(column)
    states = _statement_states_basis(who)
    asked = Test(lambda v, c: has(v, c) and states(v, c), f"{has.doc} and {states.doc}")

    def basis_in(codes: tuple[str, ...], what: str) -> Test:
        return Test(lambda v, c: asked(v, c) and v.get(f"{who}_vc_basis") in codes, f"{asked.doc} and the basis {what}")

    return (
        Step(f"{who}_vc_basis", f"{zh}自願性供款是怎樣計算的？",
             f"How are the {en} voluntary contributions worked out?", (f"{who}_vc_basis",), when=asked,
             required=True),
        Step(f"{who}_vc_rate", f"{zh}自願性供款的百分率是？", f"What percentage is the {en} voluntary contribution?",
             (f"{who}_vc_rate",), when=basis_in(RATE_BASES, "is a percentage"), required=True),
        Step(f"{who}_vc_amount", f"{zh}自願性供款的固定金額是？",
             f"What fixed amount is the {en} voluntary contribution?",
             (f"{who}_vc_amount",), when=basis_in(("FIXED",), "is a fixed amount"), required=True),
        Step(f"{who}_vc_period", f"{zh}自願性供款涵蓋哪段期間？",
             f"Which period do the {en} voluntary contributions cover?",
             (f"{who}_vc_period_start", f"{who}_vc_period_end"), when=has, required=True),
    )


# ---------------------------------------------------------------- notices


def _mandatory_total(values: Values) -> Decimal:
    return sum((as_money(r.get("employer_mandatory")) + as_money(r.get("employee_mandatory"))
                for r in members(values)), Decimal("0"))


def contribution_day_notes(values: Values, ctx: FormContext) -> list[Notice]:
    """The period's contribution day (and why it moved); past it, the late warning with the surcharge."""
    p = period(values)
    if p is None:
        return []
    due = contribution_day(p[2], p[0], ctx.holidays)
    if is_overdue(ctx.today, due):
        total = _mandatory_total(values)
        return [notice("WARN_CONTRIBUTION_OVERDUE", day=due.day.isoformat(), mandatory=mpf.money(total),
                       surcharge=mpf.money(surcharge(total)))]
    if due.moved_because:
        return [notice("NOTE_CONTRIBUTION_DAY_MOVED", day=due.day.isoformat(), nominal=due.nominal.isoformat(),
                       why=(due.why_zh(), due.why_en()))]
    return [notice("NOTE_CONTRIBUTION_DAY", day=due.day.isoformat())]


def _notes(values: Values, ctx: FormContext) -> list[Notice]:
    out: list[Notice] = company_notes(values, ctx)
    for i, row in enumerate(members(values), start=1):
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
    return out + vc_notes(values, ctx) + contribution_day_notes(values, ctx)


CONTRIBUTION_DATA = InstructionType(
    "CONTRIBUTION_DATA", "僱主供款資料", "Employer contribution data",
    (
        FieldSpec("scheme_registration_no", "計劃註冊編號", "Scheme registration number", Kind.ACCOUNT_NO),
        FieldSpec("employer_account_no", "僱主帳戶號碼", "Employer account number", Kind.ACCOUNT_NO,
                  help_zh="長度因計劃而異", help_en="Its length differs between schemes"),
        FieldSpec("paying_company_br", "付款公司商業登記號碼", "Paying company's BR number", Kind.BR_NO,
                  help_zh="須為僱主名下的公司", help_en="One of the employer's companies"),
        FieldSpec("paying_company", "付款公司名稱", "Paying company's name", Kind.TEXT, required=False),
        FieldSpec("payroll_group", "薪金組別", "Payroll group", Kind.ACCOUNT_NO, required=False,
                  help_zh="如計劃有設定", help_en="If the scheme set one up"),
        FieldSpec("wage_period", "糧期類別", "Wage period", Kind.CHOICE,
                  choices=tuple(Choice(p.code, p.label_zh, p.label_en) for p in mpf.WAGE_PERIODS.values())),
        FieldSpec("period_start", "糧期開始", "Payroll period start", Kind.DATE),
        FieldSpec("period_end", "糧期結束", "Payroll period end", Kind.DATE),
        FieldSpec("members", "成員供款", "Members' contributions", Kind.ROWS, row_fields=ROW_FIELDS,
                  max_rows=MAX_MEMBERS),
        *_vc_fields("er"),
        *_vc_fields("ee"),
    ),
    rules=(
        Rule(("SCHEME_NOT_EMPLOYERS", "PARTICIPATION_MISMATCH"), ("scheme_registration_no", "employer_account_no"),
             check_scheme, "with the employer's data: a scheme it joins, with its own participation number"),
        Rule(("PAYING_COMPANY_NOT_EMPLOYERS",), ("paying_company_br",), check_paying_company,
             "with the employer's data: the paying company is one of the employer's (the only one when it has one)"),
        date_order("period_start", "period_end"),
        Rule(("PERIOD_LENGTH",), ("wage_period", "period_start", "period_end"), _period_length,
             "the period's length fits the wage period (mpf.WAGE_PERIODS)"),
        Rule(("MEMBER_ID_REQUIRED", "DUPLICATE_MEMBER", "EMPLOYED_AFTER_PERIOD", "CONTRIBUTION_MISMATCH"),
             ("wage_period", "period_start", "period_end", "members"), _rows,
             "each member identified once; mandatory amounts equal the recomputed ones unless a reason is given"),
        _vc_recomputed("er"),
        date_order("er_vc_period_start", "er_vc_period_end"),
        _vc_recomputed("ee"),
        date_order("ee_vc_period_start", "ee_vc_period_end"),
    ),
    steps=(
        Step("scheme_registration_no", "計劃註冊編號是？", "What is the scheme registration number?",
             ("scheme_registration_no",)),
        Step("employer_account_no", "僱主帳戶號碼是？", "What is the employer account number?",
             ("employer_account_no",)),
        Step("paying_company", "哪一間公司付款？", "Which company pays?", ("paying_company_br", "paying_company"),
             when=Test(asks_paying_company, "the employer's data is not known or shows more than one company"),
             # Asked only when the employer has several companies: why the choice matters.
             help_zh="請選擇以銀行戶口支付這次供款的公司：選錯公司是供款被拒最常見的原因。",
             help_en="Pick the paying company: a wrong one is why most statements fail."),
        Step("payroll_group", "薪金組別是？", "Which payroll group?", ("payroll_group",)),
        Step("wage_period", "糧期是怎樣的？", "What is the wage period?", ("wage_period",)),
        Step("period", "這次供款的糧期是？", "Which payroll period is this for?", ("period_start", "period_end")),
        Step("members", "每名成員的入息及供款", "Each member's income and contributions", ("members",),
             help_zh="本機會按有關入息及協定的自願性供款計劃計算供款；如有不同，須更正或說明原因。",
             # One line at large text in landscape, where five rows of keys share the height with it.
             help_en="Contributions are worked out for you; correct or explain any difference."),
        *_vc_steps("er"),
        *_vc_steps("ee"),
    ),
    notes=(Note(("NOTE_PAYING_COMPANY", "NOTE_CONTRIBUTION_ROW", "NOTE_HOLIDAY", "NOTE_DIFFERENCE_DECLARED",
                 "NOTE_VC_ROW", "NOTE_CONTRIBUTION_DAY", "NOTE_CONTRIBUTION_DAY_MOVED", "WARN_CONTRIBUTION_OVERDUE"),
                ("members",), _notes, "paying company, computed contributions and VC, holidays, declared "
                                      "differences, contribution day and late warning"),),
    by_employer=True,
    summary_zh="每月供款結算書", summary_en="The remittance statement for a payroll period",
)
