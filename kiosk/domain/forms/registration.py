"""Member registration (成員登記).

The identity comes from iAM Smart (the QR hand-off, issue 5's screens) or from a card read that
staff have checked; `identity_source` and `iamsmart_ref` are set by that flow, not asked. The
member is asked for names, date of birth, contact and correspondence language.

Registration from a typed (or merely card-read) HKID number is refused (REG_IDENTITY_UNVERIFIED):
face-scan registration from an HKID copy was stopped in 2025 after forged cards were used, so the
identity must be iAM Smart's, or a card a member of shop staff has looked at. The platform checks
the same (IDENTITY_UNVERIFIED); kiosk/core/flows/registration.py sends a member without either to a choice screen
instead of a form they cannot finish.
"""

from __future__ import annotations

from ..errors import ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..identity import Identity, IdentitySource
from ..messages import error
from ..model import FormContext, InstructionType, Rule, Step, Values
from ..rules import at_least_one, birth_date
from .common import LANGUAGE

IAMSMART = "IAMSMART"
CARD_STAFF_CHECKED = "CARD_STAFF_CHECKED"
SOURCES = (Choice(IAMSMART, "智方便", "iAM Smart"),
           Choice(CARD_STAFF_CHECKED, "身份證明文件（職員已核對）", "Identity card checked by staff"))


def identity_source_of(member: Identity) -> str | None:
    """How the kiosk checked this member's identity, as `identity_source` says it: a staff
    member's confirmation of the card, else iAM Smart, else None (a typed or merely read number)."""
    if member.verified_by_staff:
        return CARD_STAFF_CHECKED
    if member.source is IdentitySource.IAMSMART:
        return IAMSMART
    return None


def identity_checked(name: str = "identity_source") -> Rule:
    """`name` says iAM Smart or a staff check, and (when the rules know the member) the member's
    identity bears it out: an iAM Smart identity, or one a staff member confirmed. Without a
    member (`kiosk validate` of a file with no member block) only the value is checked."""
    def check(values: Values, ctx: FormContext) -> list[ValidationError]:
        source = values.get(name)
        member = ctx.member
        if source == IAMSMART:
            ok = member is None or member.source is IdentitySource.IAMSMART
        elif source == CARD_STAFF_CHECKED:
            ok = member is None or bool(member.verified_by_staff)
        else:  # missing: a typed or merely read HKID number
            ok = False
        return [] if ok else [error("REG_IDENTITY_UNVERIFIED")]
    return Rule(("REG_IDENTITY_UNVERIFIED",), (name,), check,
                f"{name} is IAMSMART (an iAM Smart identity) or CARD_STAFF_CHECKED (staff confirmed the card)")

MEMBER_REGISTRATION = InstructionType(
    "MEMBER_REGISTRATION", "成員登記", "Member registration",
    (
        FieldSpec("identity_source", "身份核實方式", "Identity checked by", Kind.CHOICE, required=False,
                  choices=SOURCES),
        FieldSpec("iamsmart_ref", "智方便參考編號", "iAM Smart reference", Kind.ACCOUNT_NO, required=False),
        FieldSpec("name_en", "英文姓名", "Name in English", Kind.NAME_EN, personal=True, prefill="name_en",
                  help_zh="與身份證上相同，例如 CHAN TAI MAN", help_en="As on your identity card, e.g. CHAN TAI MAN"),
        FieldSpec("name_zh", "中文姓名", "Name in Chinese", Kind.NAME_ZH, required=False, personal=True,
                  prefill="name_zh", help_zh="如有，例如 陳大文", help_en="If you have one, e.g. 陳大文"),
        FieldSpec("date_of_birth", "出生日期", "Date of birth", Kind.DATE, personal=True, partial_date=True,
                  prefill="date_of_birth",
                  help_zh="年年年年-月月-日日；只知年份或年月亦可（以該年或該月最後一日計）",
                  help_en="YYYY-MM-DD; the year or year and month alone will do (taken as the last day)"),
        FieldSpec("mobile", "手提電話", "Mobile number", Kind.MOBILE, required=False, personal=True,
                  help_zh="8 位數字，例如 91234567", help_en="8 digits, e.g. 91234567"),
        FieldSpec("email", "電郵地址", "Email address", Kind.EMAIL, required=False, personal=True),
        FieldSpec("language", "通訊語言", "Correspondence language", Kind.CHOICE, choices=LANGUAGE),
    ),
    rules=(
        identity_checked(),
        birth_date("date_of_birth"),
        at_least_one("mobile", "email", code="CONTACT_REQUIRED"),
    ),
    steps=(
        Step("name_en", "你的英文姓名是？", "What is your name in English?", ("name_en",)),
        Step("name_zh", "你的中文姓名是？", "What is your name in Chinese?", ("name_zh",)),
        Step("date_of_birth", "你的出生日期是？", "What is your date of birth?", ("date_of_birth",)),
        Step("mobile", "你的手提電話號碼是？", "What is your mobile number?", ("mobile",),
             help_zh="手提電話或電郵最少填寫一項。", help_en="Give a mobile number or an email address, or both."),
        Step("email", "你的電郵地址是？", "What is your email address?", ("email",),
             help_zh="手提電話或電郵最少填寫一項。", help_en="Give a mobile number or an email address, or both."),
        Step("language", "你想以哪種語言收取通知？", "Which language should letters be in?", ("language",)),
    ),
    summary_zh="開立積金易帳戶", summary_en="Open your eMPF account",
)
