"""Termination of employment (僱員離職), by the employer: last day, reason code, and whether a
long-service or severance payment was made."""

from __future__ import annotations

from ..errors import ValidationError
from ..fields import FieldSpec, Kind
from ..messages import error
from ..model import FormContext, InstructionType, Rule, Step, Values, is_
from ..rules import as_money, at_least_one, at_most_days_ahead, date_order
from .common import choices, money, yes_no

REASONS: dict[str, tuple[str, str]] = {
    "RESIGN": ("辭職", "Resignation"),
    "RETIRE": ("退休", "Retirement"),
    "EARLY_RETIRE": ("提早退休", "Early retirement"),
    "DISMIS": ("解僱", "Dismissal"),
    "SUM_DISMISS": ("即時解僱", "Summary dismissal"),
    "REDUNDANCY": ("裁員", "Redundancy"),
    "LAID_OFF": ("停工", "Laid off"),
    "CONTRACT_END": ("合約期滿", "End of contract"),
    "DEATH": ("身故", "Death"),
    "ILL_HEALTH": ("健康欠佳", "Ill health"),
    "TOTAL_INCAP": ("完全喪失行為能力", "Total incapacity"),
}
LAST_DAY_DAYS_AHEAD = 30  # notice of a termination already agreed, not a plan


def _lsp_amount(values: Values, ctx: FormContext) -> list[ValidationError]:
    if values.get("lsp_sp_paid") is True:
        if values.get("lsp_sp_amount") is None:
            return [error("LSP_SP_AMOUNT_REQUIRED", "lsp_sp_amount")]
        if as_money(values.get("lsp_sp_amount")) <= 0:
            return [error("AMOUNT_ZERO", "lsp_sp_amount")]
    return []


TERMINATION = InstructionType(
    "TERMINATION", "僱員離職通知", "Termination of employment",
    (
        FieldSpec("employer_account_no", "僱主帳戶號碼", "Employer account number", Kind.ACCOUNT_NO),
        FieldSpec("employee_hkid", "僱員身份證號碼", "Employee's HKID number", Kind.HKID, required=False,
                  personal=True),
        FieldSpec("member_account_no", "僱員成員帳戶號碼", "Employee's member account number", Kind.ACCOUNT_NO,
                  required=False),
        FieldSpec("employee_name", "僱員英文姓名", "Employee's name in English", Kind.NAME_EN, personal=True),
        FieldSpec("employment_date", "受僱日期", "Employment date", Kind.DATE, required=False),
        FieldSpec("last_day", "最後受僱日", "Last day of employment", Kind.DATE),
        FieldSpec("reason", "離職原因", "Reason", Kind.CHOICE, choices=choices(REASONS)),
        yes_no("lsp_sp_paid", "有否支付長期服務金或遣散費？", "Was a long-service or severance payment made?"),
        money("lsp_sp_amount", "長期服務金 / 遣散費金額", "Long-service / severance payment", required=False),
    ),
    rules=(
        at_least_one("employee_hkid", "member_account_no", code="EMPLOYEE_REF_REQUIRED"),
        date_order("employment_date", "last_day", "LAST_DAY_BEFORE_EMPLOYMENT"),
        at_most_days_ahead("last_day", LAST_DAY_DAYS_AHEAD),
        Rule(("LSP_SP_AMOUNT_REQUIRED", "AMOUNT_ZERO"), ("lsp_sp_paid", "lsp_sp_amount"), _lsp_amount,
             "a payment made needs its amount, more than zero"),
    ),
    steps=(
        Step("employer_account_no", "僱主帳戶號碼是？", "What is the employer account number?",
             ("employer_account_no",)),
        Step("employee_ref", "僱員的身份證號碼或成員帳戶號碼是？",
             "What is the employee's HKID number or member account number?", ("employee_hkid", "member_account_no"),
             help_zh="填寫其中一項即可。", help_en="Either one will do."),
        Step("employee_name", "僱員的英文姓名是？", "What is the employee's name in English?", ("employee_name",)),
        Step("employment_date", "僱員哪天開始受僱？", "When did the employment start?", ("employment_date",)),
        Step("last_day", "最後受僱日是哪天？", "What was the last day of employment?", ("last_day",)),
        Step("reason", "離職原因是？", "Why did the employment end?", ("reason",)),
        Step("lsp_sp_paid", "有否支付長期服務金或遣散費？", "Was a long-service or severance payment made?",
             ("lsp_sp_paid",)),
        Step("lsp_sp_amount", "金額是多少？", "How much was paid?", ("lsp_sp_amount",),
             when=is_("lsp_sp_paid", True), required=True),
    ),
    by_employer=True,
    summary_zh="通知僱員最後受僱日及原因", summary_en="Report an employee's last day and the reason",
)
