"""Withdrawal claim (提取權益申索): the grounds and their conditions, as a table.

Age grounds need the member's age (from the card's date of birth, or asked); only the age grounds
may be paid in instalments; each ground has its declaration and its documents. Documents are
shown to staff or posted: the kiosk lists them and asks the claimant to confirm they have them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import dates
from ..errors import Notice, ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..messages import error, notice
from ..model import FormContext, InstructionType, Note, Rule, Step, Test, Values, is_
from ..rules import as_date, at_most_days_ahead, birth_date, not_future, only_when
from .common import confirm


@dataclass(frozen=True)
class Ground:
    label_zh: str
    label_en: str
    min_age: int | None  # age needed on the day of the claim
    instalments: bool  # may be paid in instalments
    declaration_zh: str
    declaration_en: str
    documents: tuple[tuple[str, str], ...]


_ID = ("身份證明文件副本", "a copy of your identity document")
_BANK = ("銀行戶口證明（例如月結單）", "proof of the bank account (e.g. a statement)")
GROUNDS: dict[str, Ground] = {
    "AGE_65": Ground("年滿65歲", "Reaching age 65", 65, True,
                     "我已年滿65歲，現申索提取全部或部分權益。",
                     "I have reached 65 and claim all or part of my benefits.", (_ID, _BANK)),
    "EARLY_RETIREMENT_60": Ground("60歲提早退休", "Early retirement at 60", 60, True,
                                  "我已年滿60歲，並已永久停止受僱及自僱，不會再工作。",
                                  "I am 60 or over and have permanently stopped all employment and "
                                  "self-employment.",
                                  (_ID, ("法定聲明（提早退休）", "a statutory declaration (early retirement)"), _BANK)),
    "PERMANENT_DEPARTURE": Ground("永久離開香港", "Permanent departure from Hong Kong", None, False,
                                  "我已經或即將永久離開香港，並從未以此理由提取權益。",
                                  "I have left or am about to leave Hong Kong permanently, and have never "
                                  "withdrawn on this ground before.",
                                  (_ID, ("法定聲明（永久離港）", "a statutory declaration (permanent departure)"),
                                   ("可在香港以外地方居留的證明", "proof of the right to live outside Hong Kong"),
                                   _BANK)),
    "TOTAL_INCAPACITY": Ground("完全喪失行為能力", "Total incapacity", None, False,
                               "我因健康理由永久不能再擔任受僱前的工作。",
                               "Because of ill health I can never again do the kind of work I did.",
                               (_ID, ("註冊醫生或中醫的證明書", "a certificate from a registered doctor or "
                                      "Chinese medicine practitioner"), _BANK)),
    "TERMINAL_ILLNESS": Ground("罹患末期疾病", "Terminal illness", None, False,
                               "我罹患末期疾病，預期壽命不超過12個月。",
                               "I have a terminal illness and my life expectancy is 12 months or less.",
                               (_ID, ("註冊醫生的證明書", "a certificate from a registered doctor"), _BANK)),
    "SMALL_BALANCE": Ground("小額結餘", "Small balance", None, False,
                            "我的累算權益不多於5,000港元，過去12個月沒有任何強積金計劃的供款，"
                            "而且我沒有其他強積金帳戶。",
                            "My benefits are HK$5,000 or less, no contributions were made to any MPF "
                            "scheme for 12 months, and I have no other MPF account.",
                            (_ID, ("法定聲明（小額結餘）", "a statutory declaration (small balance)"), _BANK)),
    "DEATH": Ground("身故", "Death", None, False,
                    "我是已故成員的遺產代理人或受益人。",
                    "I am the deceased member's personal representative or beneficiary.",
                    (("死亡證明書", "the death certificate"),
                     ("遺囑認證書或遺產管理書", "the grant of probate or letters of administration"), _ID, _BANK)),
}
AGE_GROUNDS = tuple(code for code, g in GROUNDS.items() if g.min_age is not None)
INSTALMENT_GROUNDS = tuple(code for code, g in GROUNDS.items() if g.instalments)
DEPARTURE_DAYS_AHEAD = 90  # the kiosk's own limit: a claim for a departure far ahead is premature

PAYMENTS = (Choice("LUMP_SUM", "一筆過", "Lump sum"), Choice("INSTALMENTS", "分期", "Instalments"))


def _birth(values: Values, ctx: FormContext) -> str:
    return str(values.get("date_of_birth") or (ctx.member.date_of_birth if ctx.member else "") or "")


def _age_reached(values: Values, ctx: FormContext) -> list[ValidationError]:
    ground = GROUNDS.get(str(values.get("ground")))
    born = as_date(_birth(values, ctx))
    if ground is None or ground.min_age is None or born is None:
        return []
    age = dates.age_on(born, ctx.today)
    # Blame the typed date when there is one (the member may have mistyped it), else the ground.
    field = "date_of_birth" if values.get("date_of_birth") else "ground"
    if age < ground.min_age:
        on = dates.birthday_at(born, ground.min_age).isoformat()
        return [error("AGE_NOT_REACHED", field, ground=(ground.label_zh, ground.label_en), age=ground.min_age,
                      on=on)]
    if values.get("ground") == "EARLY_RETIREMENT_60" and age >= 65:
        return [error("EARLY_RETIREMENT_AFTER_65", field)]
    return []


def _not_own_death(values: Values, ctx: FormContext) -> list[ValidationError]:
    if values.get("ground") == "DEATH" and ctx.member and values.get("deceased_hkid") == ctx.member.hkid:
        return [error("DEATH_SELF", "deceased_hkid")]
    return []


def _documents(values: Values, ctx: FormContext) -> list[Notice]:
    ground = GROUNDS.get(str(values.get("ground")))
    if ground is None:
        return []
    return [notice("NOTE_DOCUMENTS", documents=("、".join(zh for zh, _ in ground.documents),
                                                "; ".join(en for _, en in ground.documents)))]


def _declaration_steps() -> tuple[Step, ...]:
    return tuple(
        Step(f"declaration_{code.lower()}", "請細閱並確認以下聲明", "Please read and confirm this declaration",
             ("declaration",), when=is_("ground", code), required=True,
             help_zh=g.declaration_zh + "\n所需文件：" + "、".join(zh for zh, _ in g.documents),
             help_en=g.declaration_en + "\nDocuments needed: " + "; ".join(en for _, en in g.documents))
        for code, g in GROUNDS.items())


_NEEDS_BIRTH = Test(lambda v, ctx: v.get("ground") in AGE_GROUNDS and not (ctx.member and ctx.member.date_of_birth),
                    "an age ground, and the member's identity has no date of birth")

WITHDRAWAL_CLAIM = InstructionType(
    "WITHDRAWAL_CLAIM", "提取權益申索", "Withdrawal claim",
    (
        FieldSpec("ground", "提取理由", "Ground for withdrawal", Kind.CHOICE,
                  choices=tuple(Choice(code, g.label_zh, g.label_en) for code, g in GROUNDS.items())),
        FieldSpec("date_of_birth", "出生日期", "Date of birth", Kind.DATE, required=False, personal=True,
                  partial_date=True, help_zh="年年年年-月月-日日", help_en="YYYY-MM-DD"),
        FieldSpec("departure_date", "離港日期", "Date of departure", Kind.DATE, required=False),
        FieldSpec("deceased_hkid", "已故成員的身份證號碼", "HKID number of the deceased member", Kind.HKID,
                  required=False, personal=True),
        FieldSpec("date_of_death", "死亡日期", "Date of death", Kind.DATE, required=False),
        FieldSpec("payment", "支付方式", "Payment", Kind.CHOICE, required=False, choices=PAYMENTS),
        FieldSpec("bank_account", "收款銀行戶口", "Bank account for payment", Kind.BANK_ACCOUNT, personal=True,
                  help_zh="銀行編號-分行編號-戶口號碼，例如 004-123-456789",
                  help_en="Bank code-branch code-account number, e.g. 004-123-456789"),
        confirm("bank_own", "收款戶口屬申索人本人", "The account is in the claimant's own name"),
        confirm("declaration", "聲明", "Declaration"),
    ),
    rules=(
        only_when("payment", "INSTALMENTS", is_("ground", *INSTALMENT_GROUNDS), "INSTALMENTS_NOT_ALLOWED"),
        birth_date("date_of_birth"),
        Rule(("AGE_NOT_REACHED", "EARLY_RETIREMENT_AFTER_65"), ("ground",), _age_reached,
             "the age the ground needs (GROUNDS.min_age), from the card's date of birth or the one typed"),
        at_most_days_ahead("departure_date", DEPARTURE_DAYS_AHEAD),
        not_future("date_of_death"),
        Rule(("DEATH_SELF",), ("ground", "deceased_hkid"), _not_own_death, "the deceased is not the claimant"),
    ),
    steps=(
        Step("ground", "你以甚麼理由提取？", "Why are you withdrawing?", ("ground",)),
        Step("date_of_birth", "你的出生日期是？", "What is your date of birth?", ("date_of_birth",),
             when=_NEEDS_BIRTH, required=True),
        Step("departure_date", "你哪天離開香港？", "When do you leave (or did you leave) Hong Kong?",
             ("departure_date",), when=is_("ground", "PERMANENT_DEPARTURE"), required=True),
        Step("deceased_hkid", "已故成員的身份證號碼是？", "What was the deceased member's HKID number?",
             ("deceased_hkid",), when=is_("ground", "DEATH"), required=True),
        Step("date_of_death", "死亡日期是？", "What was the date of death?", ("date_of_death",),
             when=is_("ground", "DEATH"), required=True),
        Step("payment", "你想怎樣收取款項？", "How would you like to be paid?", ("payment",),
             when=is_("ground", *INSTALMENT_GROUNDS), required=True,
             help_zh="分期：每次提取時另行通知受託人。",
             help_en="Instalments: tell the trustee each time you want one."),
        Step("bank_account", "款項存入哪個銀行戶口？", "Which bank account should be paid?", ("bank_account",)),
        Step("bank_own", "這個銀行戶口是否屬於你本人？", "Is this bank account in your own name?", ("bank_own",),
             help_zh="款項只會存入申索人本人的戶口。", help_en="Payments go only to the claimant's own account."),
        *_declaration_steps(),
    ),
    notes=(Note(("NOTE_DOCUMENTS",), ("ground",), _documents, "documents the ground needs"),),
    summary_zh="65歲、提早退休、永久離港等", summary_en="At 65, early retirement, leaving Hong Kong and more",
)
