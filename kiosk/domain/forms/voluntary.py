"""Voluntary contributions (自願性供款): TVC (tax-deductible, capped at HK$60,000 a tax year,
1 April - 31 March) and SVC (special voluntary, no cap). Open an account or pay into one."""

from __future__ import annotations

from .. import dates, mpf
from ..errors import Notice, ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..messages import error, notice
from ..model import FormContext, InstructionType, Note, Rule, Step, Values, is_
from ..rules import as_money
from .common import money

VC_TYPES = (Choice("TVC", "可扣稅的自願性供款（每年上限 60,000 港元）",
                   "Contributions you can deduct from tax (up to HK$60,000 a year)",
                   "可扣稅自願性供款 TVC", "Tax-deductible voluntary contributions, TVC"),
            Choice("SVC", "其他自願性供款（不可扣稅，沒有上限）",
                   "Other voluntary contributions (no tax deduction, no limit)",
                   "特別自願性供款 SVC", "Special voluntary contributions, SVC"))
FREQUENCIES = (Choice("ONE_OFF", "一次性", "One-off"), Choice("MONTHLY", "每月", "Monthly"))
METHODS = (Choice("DIRECT_DEBIT", "直接付款授權（自動轉賬）", "Direct debit"),
           Choice("FPS", "轉數快", "FPS"), Choice("CHEQUE", "支票", "Cheque"))


def _tvc_cap(values: Values, ctx: FormContext) -> list[ValidationError]:
    if values.get("vc_type") != "TVC" or values.get("amount") is None:
        return []
    paid = as_money(values.get("tvc_paid"))
    months = dates.months_left_in_tax_year(ctx.today) if values.get("frequency") == "MONTHLY" else 1
    total = as_money(values.get("amount")) * months
    left = mpf.tvc_left(paid)
    if paid + total > mpf.TVC_TAX_CAP:
        return [error("TVC_TAX_CAP", "amount", year=dates.tax_year_label(ctx.today), cap=mpf.money(mpf.TVC_TAX_CAP),
                      paid=mpf.money(paid), left=mpf.money(left), months=months)]
    return []


def _positive(values: Values, ctx: FormContext) -> list[ValidationError]:
    if values.get("amount") is not None and as_money(values.get("amount")) <= 0:
        return [error("AMOUNT_ZERO", "amount")]
    return []


def _monthly_by_debit(values: Values, ctx: FormContext) -> list[ValidationError]:
    if values.get("frequency") == "MONTHLY" and values.get("payment_method") not in (None, "DIRECT_DEBIT"):
        return [error("MONTHLY_NEEDS_DIRECT_DEBIT", "payment_method")]
    return []


def _left(values: Values, ctx: FormContext) -> list[Notice]:
    if values.get("vc_type") != "TVC":
        return []
    paid = as_money(values.get("tvc_paid")) + as_money(values.get("amount")) * (
        dates.months_left_in_tax_year(ctx.today) if values.get("frequency") == "MONTHLY" else 1)
    return [notice("NOTE_TVC_LEFT", year=dates.tax_year_label(ctx.today), left=mpf.money(mpf.tvc_left(paid)),
                   cap=mpf.money(mpf.TVC_TAX_CAP))]


VOLUNTARY_CONTRIBUTION = InstructionType(
    "VOLUNTARY_CONTRIBUTION", "自願性供款", "Voluntary contributions",
    (
        FieldSpec("vc_type", "供款類別", "Kind of contribution", Kind.CHOICE, choices=VC_TYPES),
        FieldSpec("account_no", "帳戶號碼", "Account number", Kind.ACCOUNT_NO, required=False,
                  help_zh="如未有此類帳戶，請留空，本機會為你開立。",
                  help_en="Leave it empty to open a new account of this kind."),
        FieldSpec("frequency", "供款次數", "How often", Kind.CHOICE, choices=FREQUENCIES),
        money("amount", "每次供款金額", "Amount each time"),
        money("tvc_paid", "本課稅年度已作的可扣稅自願性供款", "Tax-deductible contributions already paid this tax year",
              required=False),
        FieldSpec("payment_method", "付款方法", "How you pay", Kind.CHOICE, choices=METHODS),
        FieldSpec("bank_account", "付款銀行戶口", "Bank account to pay from", Kind.BANK_ACCOUNT, required=False,
                  personal=True, help_zh="銀行編號-分行編號-戶口號碼，例如 004-123-456789",
                  help_en="Bank code-branch code-account number, e.g. 004-123-456789"),
    ),
    rules=(
        Rule(("AMOUNT_ZERO",), ("amount",), _positive, "the amount is more than zero"),
        Rule(("TVC_TAX_CAP",), ("vc_type", "frequency", "amount", "tvc_paid"), _tvc_cap,
             "TVC: paid this tax year + this amount (x months left, if monthly) <= 60,000"),
        Rule(("MONTHLY_NEEDS_DIRECT_DEBIT",), ("frequency", "payment_method"), _monthly_by_debit,
             "monthly contributions are paid by direct debit"),
    ),
    steps=(
        Step("vc_type", "你想作哪一類自願性供款？", "Which kind of voluntary contribution?", ("vc_type",),
             help_zh="可扣稅的自願性供款每個課稅年度（4月1日至翌年3月31日）最多可扣稅 60,000 港元。",
             help_en="Tax-deductible contributions: up to HK$60,000 a tax year (1 April to 31 March)."),
        Step("account_no", "你的帳戶號碼是？", "What is the account number?", ("account_no",)),
        Step("frequency", "一次性還是每月供款？", "Once, or every month?", ("frequency",)),
        Step("tvc_paid", "本課稅年度你已作多少可扣稅自願性供款？",
             "How much in tax-deductible contributions have you paid this tax year already?",
             ("tvc_paid",), when=is_("vc_type", "TVC"),
             help_zh="未有請填 0。", help_en="Enter 0 if none."),
        Step("amount", "每次供款多少？", "How much each time?", ("amount",)),
        Step("payment_method", "你會怎樣付款？", "How will you pay?", ("payment_method",)),
        Step("bank_account", "從哪個銀行戶口扣款？", "Which bank account should be debited?", ("bank_account",),
             when=is_("payment_method", "DIRECT_DEBIT"), required=True),
    ),
    notes=(Note(("NOTE_TVC_LEFT",), ("vc_type", "amount"), _left, "TVC cap left this tax year"),),
    summary_zh="可扣稅或特別自願性供款", summary_en="Tax-deductible or special voluntary contributions",
)
