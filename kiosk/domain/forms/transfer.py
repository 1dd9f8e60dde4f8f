"""Transfer of benefits (轉移權益): the three forms.

P(P) employee choice: the employee's mandatory part in the current employment's contribution
account, to a personal account, once a calendar year. P(C) consolidation: a personal account or a
former employment's contribution account, to a personal account or the current contribution
account. P(T): a TVC account to a TVC account in another scheme.
"""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..messages import error
from ..model import FormContext, InstructionType, Rule, Step, Values, is_
from ..rules import different
from .common import label_of, yes_no

FORMS = (
    Choice("PP", "把現職的僱員供款轉到個人帳戶", "Move my own contributions from my current job to a personal account",
           "僱員自選安排 P(P)", "Employee choice arrangement, P(P)"),
    Choice("PC", "合併以前工作或個人帳戶的權益", "Combine the money from former jobs or personal accounts",
           "整合個人帳戶 P(C)", "Personal account consolidation, P(C)"),
    Choice("PT", "把可扣稅的自願性供款轉到另一計劃", "Move tax-deductible voluntary contributions to another scheme",
           "可扣稅自願性供款帳戶轉移 P(T)", "TVC account transfer, P(T)"),
)
ACCOUNT_TYPES = (
    Choice("CONTRIBUTION", "現職的供款帳戶", "Contribution account (current job)"),
    Choice("FORMER_EMPLOYMENT", "前僱主的供款帳戶", "Contribution account (former job)"),
    Choice("PERSONAL", "個人帳戶", "Personal account"),
    Choice("TVC", "可扣稅自願性供款帳戶", "Tax-deductible voluntary contributions account",
           "TVC 帳戶", "TVC account"),
)
# form -> (account types it may move from, account types it may move to)
TRANSFER_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "PP": (("CONTRIBUTION",), ("PERSONAL",)),
    "PC": (("FORMER_EMPLOYMENT", "PERSONAL"), ("PERSONAL", "CONTRIBUTION")),
    "PT": (("TVC",), ("TVC",)),
}


def _fixed_types(values: dict[str, Any]) -> dict[str, Any]:
    """P(P) and P(T) have one account type each way: a caller need not say it."""
    allowed = TRANSFER_KINDS.get(str(values.get("form")))
    if allowed:
        for name, options in (("original_account_type", allowed[0]), ("new_account_type", allowed[1])):
            if values.get(name) in (None, "") and len(options) == 1:
                values[name] = options[0]
    return values


def _types_allowed(values: Values, ctx: FormContext) -> list[ValidationError]:
    form = values.get("form")
    allowed = TRANSFER_KINDS.get(str(form))
    src, dst = values.get("original_account_type"), values.get("new_account_type")
    if not allowed or src is None or dst is None:
        return []
    if src in allowed[0] and dst in allowed[1]:
        return []
    field = "original_account_type" if src not in allowed[0] else "new_account_type"
    return [error("TRANSFER_ACCOUNT_TYPE", field, kind=label_of(FORMS, form),
                  from_type=label_of(ACCOUNT_TYPES, src), to_type=label_of(ACCOUNT_TYPES, dst))]


def _pp_once(values: Values, ctx: FormContext) -> list[ValidationError]:
    if values.get("form") == "PP" and values.get("pp_this_year") is True:
        return [error("PP_ONCE_A_YEAR", "pp_this_year")]
    return []


TRANSFER_BENEFITS = InstructionType(
    "TRANSFER_BENEFITS", "轉移權益", "Transfer of benefits",
    (
        FieldSpec("form", "轉移類別", "Kind of transfer", Kind.CHOICE, choices=FORMS),
        yes_no("pp_this_year", "今年是否已作僱員自選轉移？", "Already made an employee-choice transfer this year?",
               required=False),
        FieldSpec("original_account_type", "原有帳戶類別", "Original account type", Kind.CHOICE, required=False,
                  choices=ACCOUNT_TYPES),
        FieldSpec("original_scheme", "原有計劃", "Original scheme", Kind.TEXT, max_length=80,
                  help_zh="計劃名稱或註冊編號", help_en="The scheme's name or registration number"),
        FieldSpec("original_account", "原有戶口號碼", "Original account number", Kind.ACCOUNT_NO, own_account=True),
        FieldSpec("new_scheme", "新計劃", "New scheme", Kind.TEXT, max_length=80,
                  help_zh="計劃名稱或註冊編號", help_en="The scheme's name or registration number"),
        FieldSpec("new_account_type", "新帳戶類別", "New account type", Kind.CHOICE, required=False,
                  choices=ACCOUNT_TYPES),
        FieldSpec("new_account", "新戶口號碼", "New account number", Kind.ACCOUNT_NO),
    ),
    rules=(
        different("original_account", "new_account", "TRANSFER_SAME_ACCOUNT"),
        Rule(("TRANSFER_ACCOUNT_TYPE",), ("form", "original_account_type", "new_account_type"), _types_allowed,
             "account types allowed for the kind of transfer (TRANSFER_KINDS)"),
        Rule(("PP_ONCE_A_YEAR",), ("form", "pp_this_year"), _pp_once, "P(P) at most once a calendar year"),
    ),
    steps=(
        Step("form", "你想作哪一類轉移？", "Which kind of transfer?", ("form",)),
        Step("pp_this_year", "今年（公曆年）是否已作過僱員自選轉移？",
             "Have you already made an employee-choice transfer this calendar year?", ("pp_this_year",),
             when=is_("form", "PP"), required=True, help_zh="每個公曆年只可轉移一次。",
             help_en="It can be done once a calendar year."),
        Step("original_account_type", "要轉出的是哪類帳戶？", "Which kind of account are you moving from?",
             ("original_account_type",), when=is_("form", "PC"), required=True),
        Step("original_scheme", "原有計劃是？", "Which scheme is it in now?", ("original_scheme",)),
        Step("original_account", "原有戶口號碼是？", "What is the account number now?", ("original_account",)),
        Step("new_scheme", "要轉往哪個計劃？", "Which scheme is it going to?", ("new_scheme",)),
        Step("new_account_type", "要轉入哪類帳戶？", "Which kind of account is it going to?", ("new_account_type",),
             when=is_("form", "PC"), required=True),
        Step("new_account", "新戶口號碼是？", "What is the new account number?", ("new_account",)),
    ),
    derive=_fixed_types,
    summary_zh="把強積金轉往另一個計劃或帳戶", summary_en="Move MPF benefits to another scheme or account",
)
