"""The instruction types the platform takes, their fields and form-level rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ValidationError
from .fields import Choice, FieldSpec, Kind, check_field
from .identity import Identity

FormRule = Callable[[Mapping[str, Any]], list[ValidationError]]


@dataclass(frozen=True)
class InstructionType:
    code: str
    title_zh: str
    title_en: str
    fields: tuple[FieldSpec, ...]
    rules: tuple[FormRule, ...] = ()
    by_employer: bool = False

    def title(self, lang: str) -> str:
        return self.title_zh if lang.startswith("zh") else self.title_en

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


@dataclass(frozen=True)
class Instruction:
    """A validated instruction, ready to be queued. `values` holds clean values only."""

    type: str
    member: Identity
    values: Mapping[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Instruction({self.type}, member={self.member!r})"


def _at_least_one(*names: str) -> FormRule:
    def rule(values: Mapping[str, Any]) -> list[ValidationError]:
        if all(values.get(n) is None for n in names):
            return [ValidationError("NOTHING_CHANGED", "請最少填寫一項要更改的資料。",
                                    "Fill in at least one item to change.")]
        return []
    return rule


def _date_order(start: str, end: str) -> FormRule:
    def rule(values: Mapping[str, Any]) -> list[ValidationError]:
        a, b = values.get(start), values.get(end)
        if a and b and b < a:
            return [ValidationError("PERIOD_ORDER", "結束日期不可早於開始日期。",
                                    "The end date cannot be before the start date.", field=end)]
        return []
    return rule


def _not_future(name: str) -> FormRule:
    def rule(values: Mapping[str, Any]) -> list[ValidationError]:
        v = values.get(name)
        if v and v > dt.date.today().isoformat():
            return [ValidationError("DATE_IN_FUTURE", "日期不可在將來。", "The date cannot be in the future.",
                                    field=name)]
        return []
    return rule


def _instalments_only_for_retirement(values: Mapping[str, Any]) -> list[ValidationError]:
    if values.get("payment") == "INSTALMENTS" and values.get("ground") not in ("AGE_65", "EARLY_RETIREMENT_60"):
        return [ValidationError("INSTALMENTS_NOT_ALLOWED",
                                "只有年滿65歲或60歲提早退休的提取可選擇分期。",
                                "Instalments are only for withdrawals at age 65 or early retirement at 60.",
                                field="payment")]
    return []


def _transfer_to_another_account(values: Mapping[str, Any]) -> list[ValidationError]:
    if values.get("original_account") and values.get("original_account") == values.get("new_account"):
        return [ValidationError("TRANSFER_SAME_ACCOUNT", "原有及新戶口不可相同。",
                                "The original and new accounts cannot be the same.", field="new_account")]
    return []


LANGUAGE = (Choice("zh", "中文", "Chinese"), Choice("en", "英文", "English"))

MEMBER_REGISTRATION = InstructionType(
    "MEMBER_REGISTRATION", "成員登記", "Member registration",
    (
        FieldSpec("name_en", "英文姓名", "Name in English", Kind.NAME_EN, personal=True),
        FieldSpec("name_zh", "中文姓名", "Name in Chinese", Kind.NAME_ZH, required=False, personal=True),
        FieldSpec("date_of_birth", "出生日期", "Date of birth", Kind.DATE, personal=True),
        FieldSpec("mobile", "手提電話", "Mobile number", Kind.MOBILE, personal=True),
        FieldSpec("email", "電郵地址", "Email address", Kind.EMAIL, required=False, personal=True),
        FieldSpec("language", "通訊語言", "Correspondence language", Kind.CHOICE, choices=LANGUAGE),
    ),
    rules=(_not_future("date_of_birth"),),
)

CHANGE_PARTICULARS = InstructionType(
    "CHANGE_PARTICULARS", "更改個人資料", "Change of personal particulars",
    (
        FieldSpec("mobile", "新手提電話", "New mobile number", Kind.MOBILE, required=False, personal=True),
        FieldSpec("email", "新電郵地址", "New email address", Kind.EMAIL, required=False, personal=True),
        FieldSpec("address", "新通訊地址", "New correspondence address", Kind.TEXT, required=False,
                  personal=True, max_length=200),
        FieldSpec("language", "通訊語言", "Correspondence language", Kind.CHOICE, required=False,
                  choices=LANGUAGE),
    ),
    rules=(_at_least_one("mobile", "email", "address", "language"),),
)

FUND_SWITCH = InstructionType(
    "FUND_SWITCH", "更改投資授權 / 轉換基金", "Change of investment mandate / fund switching",
    (
        FieldSpec("scheme_account", "計劃戶口號碼", "Scheme account number", Kind.ACCOUNT_NO),
        FieldSpec("allocation", "基金分配 (%)", "Fund allocation (%)", Kind.ALLOCATION),
    ),
)

TRANSFER_BENEFITS = InstructionType(
    "TRANSFER_BENEFITS", "轉移權益", "Transfer of benefits",
    (
        FieldSpec("form", "轉移類別", "Kind of transfer", Kind.CHOICE, choices=(
            Choice("PP", "僱員自選安排 (P(P))", "Employee choice, P(P)"),
            Choice("PC", "整合個人帳戶 (P(C))", "Consolidate personal accounts, P(C)"),
            Choice("PT", "可扣稅自願性供款 (P(T))", "Tax-deductible voluntary contributions, P(T)"),
        )),
        FieldSpec("original_scheme", "原有計劃", "Original scheme", Kind.ACCOUNT_NO),
        FieldSpec("original_account", "原有戶口號碼", "Original account number", Kind.ACCOUNT_NO),
        FieldSpec("new_scheme", "新計劃", "New scheme", Kind.ACCOUNT_NO),
        FieldSpec("new_account", "新戶口號碼", "New account number", Kind.ACCOUNT_NO),
    ),
    rules=(_transfer_to_another_account,),
)

WITHDRAWAL_CLAIM = InstructionType(
    "WITHDRAWAL_CLAIM", "提取權益申索", "Withdrawal claim",
    (
        FieldSpec("ground", "提取理由", "Ground for withdrawal", Kind.CHOICE, choices=(
            Choice("AGE_65", "年滿65歲", "Reaching age 65"),
            Choice("EARLY_RETIREMENT_60", "60歲提早退休", "Early retirement at 60"),
            Choice("PERMANENT_DEPARTURE", "永久離開香港", "Permanent departure from Hong Kong"),
            Choice("TOTAL_INCAPACITY", "完全喪失行為能力", "Total incapacity"),
            Choice("TERMINAL_ILLNESS", "罹患末期疾病", "Terminal illness"),
            Choice("SMALL_BALANCE", "小額結餘", "Small balance"),
            Choice("DEATH", "身故", "Death"),
        )),
        FieldSpec("payment", "支付方式", "Payment", Kind.CHOICE, choices=(
            Choice("LUMP_SUM", "一筆過", "Lump sum"), Choice("INSTALMENTS", "分期", "Instalments"))),
        FieldSpec("bank_account", "收款銀行戶口", "Bank account for payment", Kind.BANK_ACCOUNT, personal=True),
    ),
    rules=(_instalments_only_for_retirement,),
)

CONTRIBUTION_DATA = InstructionType(
    "CONTRIBUTION_DATA", "僱主供款資料", "Employer contribution data",
    (
        FieldSpec("scheme_registration_no", "計劃註冊編號", "Scheme registration number", Kind.ACCOUNT_NO),
        FieldSpec("employer_account_no", "僱主戶口號碼", "Employer account number", Kind.ACCOUNT_NO),
        FieldSpec("paying_company", "付款公司", "Paying company", Kind.TEXT),
        FieldSpec("period_start", "糧期開始", "Payroll period start", Kind.DATE),
        FieldSpec("period_end", "糧期結束", "Payroll period end", Kind.DATE),
        FieldSpec("relevant_income", "有關入息", "Relevant income", Kind.MONEY),
        FieldSpec("employer_mandatory", "僱主強制性供款", "Employer mandatory contribution", Kind.MONEY),
        FieldSpec("employee_mandatory", "僱員強制性供款", "Employee mandatory contribution", Kind.MONEY),
    ),
    rules=(_date_order("period_start", "period_end"),),
    by_employer=True,
)

TYPES: dict[str, InstructionType] = {
    t.code: t
    for t in (MEMBER_REGISTRATION, CHANGE_PARTICULARS, FUND_SWITCH, TRANSFER_BENEFITS, WITHDRAWAL_CLAIM,
              CONTRIBUTION_DATA)
}


def get_type(code: str) -> InstructionType:
    try:
        return TYPES[code]
    except KeyError:
        raise ValidationError("UNKNOWN_INSTRUCTION", "不支援此類指示。",
                              f"This kind of instruction ({code}) is not supported.") from None


def validate(itype: InstructionType, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[ValidationError]]:
    """Check every field, then the form's rules. Returns the clean values and every error found."""
    values: dict[str, Any] = {}
    errors: list[ValidationError] = []
    for spec in itype.fields:
        try:
            values[spec.name] = check_field(spec, raw.get(spec.name))
        except ValidationError as e:
            errors.append(e)
            values[spec.name] = None
    if not errors:
        for rule in itype.rules:
            errors.extend(rule(values))
    return values, errors


def build(code: str, member: Identity, raw: Mapping[str, Any]) -> Instruction:
    """Validate and build an Instruction; raises the first ValidationError."""
    itype = get_type(code)
    values, errors = validate(itype, raw)
    if errors:
        raise errors[0]
    return Instruction(code, member, {k: v for k, v in values.items() if v is not None})
