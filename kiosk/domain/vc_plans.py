"""Employers' voluntary contributions (VC): every basis the kiosk knows, in one table.

Unlike mandatory contributions, VC arrangements are set by the scheme's governing rules and the
employer's agreement with the trustee, not by the MPF Ordinance (MPFA, "Voluntary Contributions"),
so each employer has its own plan, and one employer may have several (by grade, by service). The
bases below are the ones found in scheme and employer documents (docs/contribution-vc.md lists the
sources): a percentage of relevant income; a percentage of the part of relevant income above the
maximum level (payroll systems' "excess maximum percentage"); a percentage of basic salary; a total
employer contribution of a percentage of basic salary, the mandatory part counted in (a university's
published scheme: 7% of basic salary less the employer's 5% mandatory contribution); a fixed amount;
a rate by completed years of service or by grade; matching the employee's own VC. Any plan may be
capped at an amount a wage period.

A member's plan comes from the employer's agreed plans (kiosk/domain/employer.py); `expected_vc`
recomputes the employer VC from what the basis needs (`Basis.needs`) and says which input is
missing instead of guessing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

# What a basis may need from the member's row, with its label for messages.
INPUTS: Mapping[str, tuple[str, str]] = {
    "basic_salary": ("基本薪金", "basic salary"),
    "years_of_service": ("服務年資", "years of service"),
    "grade": ("職級", "grade"),
    "employee_voluntary": ("僱員自願性供款", "employee voluntary contribution"),
}


@dataclass(frozen=True)
class Basis:
    code: str
    label_zh: str
    label_en: str
    needs: tuple[str, ...]  # row inputs (INPUTS) the recomputation reads
    params: tuple[str, ...]  # what the plan itself must hold: rate, amount, tiers


BASES: Mapping[str, Basis] = {b.code: b for b in (
    Basis("PERCENT_RI", "有關入息的百分比", "A percentage of relevant income", (), ("rate",)),
    Basis("PERCENT_RI_ABOVE_MAX", "有關入息超出最高水平部分的百分比",
          "A percentage of relevant income above the maximum level", (), ("rate",)),
    Basis("PERCENT_BASIC", "基本薪金的百分比", "A percentage of basic salary", ("basic_salary",), ("rate",)),
    Basis("TOPUP_BASIC", "僱主供款合共為基本薪金的百分比（扣除強制性供款）",
          "Employer total a percentage of basic salary, less the mandatory part", ("basic_salary",), ("rate",)),
    Basis("FIXED", "固定金額", "A fixed amount each wage period", (), ("amount",)),
    Basis("TIERED_SERVICE", "按服務年資分級的百分比", "A percentage by years of service", ("years_of_service",),
          ("tiers",)),
    Basis("TIERED_GRADE", "按職級分級的百分比", "A percentage by grade", ("grade",), ("tiers",)),
    Basis("MATCH_EE", "按僱員自願性供款配對", "Matching the employee's voluntary contribution",
          ("employee_voluntary",), ("rate",)),
)}
TIER_INCOMES = ("relevant_income", "basic_salary")  # what a tiered rate is a percentage of


@dataclass(frozen=True)
class Tier:
    """TIERED_SERVICE: `key` is the least completed years the rate applies from ("0", "5", "10").
    TIERED_GRADE: `key` is the grade's code."""

    key: str
    rate: Decimal


@dataclass(frozen=True)
class VcPlan:
    """One agreed plan. `rate` is a percentage (MATCH_EE: of the employee's VC); `cap` limits the
    employer VC a wage period; tiered rates are a percentage of `on` (relevant income or basic salary)."""

    code: str
    basis: str
    rate: Decimal | None = None
    amount: Decimal | None = None
    tiers: tuple[Tier, ...] = ()
    on: str = "relevant_income"
    cap: Decimal | None = None

    def problem(self) -> str | None:
        """Why this plan cannot be used (English, for the one who set it up), else None."""
        basis = BASES.get(self.basis)
        if basis is None:
            return f"plan {self.code}: unknown basis {self.basis}"
        if "rate" in basis.params and (self.rate is None or not 0 < self.rate <= 100):
            return f"plan {self.code}: {self.basis} needs a rate from 0.01 to 100"
        if "amount" in basis.params and (self.amount is None or self.amount <= 0):
            return f"plan {self.code}: FIXED needs an amount above zero"
        if "tiers" in basis.params:
            if not self.tiers or any(not 0 <= t.rate <= 100 for t in self.tiers):
                return f"plan {self.code}: {self.basis} needs tiers with rates from 0 to 100"
            if self.basis == "TIERED_SERVICE" and not all(t.key.isdigit() for t in self.tiers):
                return f"plan {self.code}: service tiers start at a whole number of years"
            if self.on not in TIER_INCOMES:
                return f"plan {self.code}: tiers are a percentage of relevant_income or basic_salary"
        if self.cap is not None and self.cap < 0:
            return f"plan {self.code}: a cap is not negative"
        return None

    def needs(self) -> tuple[str, ...]:
        basis = BASES[self.basis]
        extra = ("basic_salary",) if "tiers" in basis.params and self.on == "basic_salary" else ()
        return basis.needs + extra


@dataclass(frozen=True)
class VcInputs:
    """One member's figures for one wage period. `employer_mandatory` is the computed one
    (kiosk/domain/mpf.py), `max_level` the wage period's maximum relevant income."""

    relevant_income: Decimal
    employer_mandatory: Decimal
    max_level: Decimal
    basic_salary: Decimal | None = None
    years_of_service: int | None = None
    grade: str | None = None
    employee_voluntary: Decimal | None = None


@dataclass(frozen=True)
class Expected:
    amount: Decimal
    how_zh: str
    how_en: str


@dataclass(frozen=True)
class Missing:
    """The plan needs an input the row does not hold (an INPUTS key), or the grade is not one of
    the plan's (`unknown_grade`)."""

    input: str
    unknown_grade: bool = False


def _pct(base: Decimal, rate: Decimal) -> Decimal:
    return (base * rate / 100).quantize(CENT, ROUND_HALF_UP)


def _m(value: Decimal) -> str:
    return f"{value:,.2f}"


def _r(rate: Decimal) -> str:
    return f"{rate.normalize():f}"


def _tier_rate(plan: VcPlan, inputs: VcInputs) -> tuple[Decimal, str, str] | Missing:
    if plan.basis == "TIERED_SERVICE":
        years = inputs.years_of_service
        if years is None:
            return Missing("years_of_service")
        fits = [t for t in plan.tiers if int(t.key) <= years]
        if not fits:
            return Decimal(0), f"服務 {years} 年", f"{years} years of service"
        tier = max(fits, key=lambda t: int(t.key))
        return tier.rate, f"服務 {years} 年（{tier.key} 年或以上）", f"{years} years of service ({tier.key} or more)"
    grade = inputs.grade
    if not grade:
        return Missing("grade")
    tier_or_none = next((t for t in plan.tiers if t.key == grade), None)
    if tier_or_none is None:
        return Missing("grade", unknown_grade=True)
    return tier_or_none.rate, f"職級 {grade}", f"grade {grade}"


def expected_vc(plan: VcPlan, inputs: VcInputs) -> Expected | Missing:
    """The employer VC `plan` gives for `inputs`, rounded half-up to the cent, with how it was
    worked out in both languages; Missing when the row lacks what the basis needs."""
    for name in plan.needs():
        if name != "grade" and name != "years_of_service" and getattr(inputs, name) is None:
            return Missing(name)
    b = plan.basis
    income = inputs.relevant_income
    if b == "PERCENT_RI":
        assert plan.rate is not None
        amount, zh, en = _pct(income, plan.rate), f"有關入息的 {_r(plan.rate)}%", f"{_r(plan.rate)}% of relevant income"
    elif b == "PERCENT_RI_ABOVE_MAX":
        assert plan.rate is not None
        above = max(Decimal(0), income - inputs.max_level)
        amount = _pct(above, plan.rate)
        zh = f"有關入息超出 HK${_m(inputs.max_level)} 部分的 {_r(plan.rate)}%"
        en = f"{_r(plan.rate)}% of relevant income above HK${_m(inputs.max_level)}"
    elif b in ("PERCENT_BASIC", "TOPUP_BASIC"):
        assert plan.rate is not None and inputs.basic_salary is not None
        amount = _pct(inputs.basic_salary, plan.rate)
        zh, en = f"基本薪金的 {_r(plan.rate)}%", f"{_r(plan.rate)}% of basic salary"
        if b == "TOPUP_BASIC":
            amount = max(Decimal("0.00"), amount - inputs.employer_mandatory)
            zh, en = zh + "，扣除僱主強制性供款", en + " less the employer's mandatory contribution"
    elif b == "FIXED":
        assert plan.amount is not None
        amount, zh, en = plan.amount.quantize(CENT), "固定金額", "a fixed amount"
    elif b == "MATCH_EE":
        assert plan.rate is not None and inputs.employee_voluntary is not None
        amount = _pct(inputs.employee_voluntary, plan.rate)
        zh, en = f"僱員自願性供款的 {_r(plan.rate)}%", f"{_r(plan.rate)}% of the employee's voluntary contribution"
    else:  # TIERED_SERVICE, TIERED_GRADE
        tier = _tier_rate(plan, inputs)
        if isinstance(tier, Missing):
            return tier
        rate, which_zh, which_en = tier
        base = inputs.basic_salary if plan.on == "basic_salary" else income
        assert base is not None
        of_zh, of_en = ("基本薪金", "basic salary") if plan.on == "basic_salary" else ("有關入息", "relevant income")
        amount = _pct(base, rate)
        zh, en = f"{which_zh}：{of_zh}的 {_r(rate)}%", f"{which_en}: {_r(rate)}% of {of_en}"
    if plan.cap is not None and amount > plan.cap:
        amount = plan.cap.quantize(CENT)
        zh, en = zh + f"，上限 HK${_m(plan.cap)}", en + f", capped at HK${_m(plan.cap)}"
    return Expected(amount, zh, en)


def agrees(typed: Decimal, expected: Decimal, exact: Decimal | None = None) -> bool:
    """Equal to the cent; a typed amount truncated instead of rounded half-up (one cent less) is
    accepted too, as payroll systems do both."""
    if typed == expected:
        return True
    return expected - typed == CENT and (exact is None or typed == exact.quantize(CENT, ROUND_DOWN))


def plan_from_doc(doc: Mapping[str, object]) -> VcPlan:
    """A plan from its JSON form (the platform's employer answer, a `kiosk validate` file):
    {"code", "basis", "rate"?, "amount"?, "tiers"?: [{"key", "rate"}], "on"?, "cap"?}.
    Raises ValueError naming what is wrong."""
    def dec(name: str, raw: object) -> Decimal | None:
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise ValueError(f"{name} must be a number")
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise ValueError(f"{name} must be a number") from None
        if not value.is_finite():
            raise ValueError(f"{name} must be a number")
        return value

    code, basis = doc.get("code"), doc.get("basis")
    if not isinstance(code, str) or not code or not isinstance(basis, str):
        raise ValueError("a plan needs a code and a basis")
    raw_tiers = doc.get("tiers") or []
    if not isinstance(raw_tiers, list) or not all(isinstance(t, dict) for t in raw_tiers):
        raise ValueError(f"plan {code}: tiers must be a list of {{key, rate}}")
    rates = [dec("tier rate", t.get("rate")) for t in raw_tiers]
    tiers = tuple(Tier(str(t.get("key", "")).strip().upper(), Decimal(-1) if r is None else r)
                  for t, r in zip(raw_tiers, rates, strict=True))
    on = doc.get("on") or "relevant_income"
    plan = VcPlan(code, basis, dec("rate", doc.get("rate")), dec("amount", doc.get("amount")), tiers, str(on),
                  dec("cap", doc.get("cap")))
    problem = plan.problem()
    if problem:
        raise ValueError(problem)
    return plan
