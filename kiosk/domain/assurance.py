"""How sure the kiosk must be of who the member is before it takes each kind of instruction.

Three kinds of assurance:

- IDENTIFIED: the member's HKID number is known, typed or read from a card. An HKID number is not a
  secret (it is on every form a member ever filled), and a card's photo check was beaten by forged
  cards, so this alone must never move money or change where the platform sends it.
- SIGNED_IN: the platform authenticated the member (iAM Smart, or a one-time code sent to the mobile
  number the platform holds) and returned a signed sign-in assertion for this member at this kiosk.
  SIGNED_IN includes IDENTIFIED.
- STAFF_VERIFIED: a member of shop staff saw the member's HKID card and recorded their staff number.
  It is its own kind, not a step between the two: it is accepted only where the table says so.

`REQUIREMENTS` is the one table, per instruction type, of what is needed and why. The platform
keeps its own copy of the rule (platform_sim/sign_in.py) and checks it again at delivery; a test
keeps the two and docs/sign-in.md in step with this table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from .errors import ValidationError
from .identity import Identity, IdentitySource


class Assurance(str, Enum):
    IDENTIFIED = "identified"
    SIGNED_IN = "signed_in"
    STAFF_VERIFIED = "staff_verified"


class SignInMethod(str, Enum):
    IAMSMART = "iamsmart"  # iAM Smart authentication on the member's phone
    SMS_OTP = "sms_otp"  # a one-time code sent to the mobile number the platform holds


@dataclass(frozen=True)
class SignIn:
    """A sign-in the platform confirmed: its method, the member, and the platform's signed assertion.

    `assertion` is opaque to the kiosk: it travels with the member's instructions and the platform
    checks it at delivery (docs/sign-in.md). It identifies the member, so it is never printed."""

    hkid: str  # canonical, e.g. A123456(3)
    method: SignInMethod
    assertion: str = field(default="", repr=False)
    signed_in_at: float = 0.0  # platform time, seconds since the epoch
    expires_at: float = 0.0  # end of the short window for account views and cancels

    def __repr__(self) -> str:
        return f"SignIn(method={self.method.value})"

    __str__ = __repr__


@dataclass(frozen=True)
class Requirement:
    """What one instruction type needs. `accepts` lists the kinds that are enough on their own;
    `iamsmart_only` narrows SIGNED_IN to iAM Smart (no account yet means no registered mobile)."""

    accepts: frozenset[Assurance]
    reason_zh: str
    reason_en: str
    iamsmart_only: bool = False

    @property
    def level(self) -> Assurance:
        """The level named in tables: SIGNED_IN when that is needed, else IDENTIFIED."""
        return Assurance.IDENTIFIED if Assurance.IDENTIFIED in self.accepts else Assurance.SIGNED_IN


_ANY = frozenset({Assurance.IDENTIFIED, Assurance.SIGNED_IN, Assurance.STAFF_VERIFIED})
_SIGNED_IN = frozenset({Assurance.SIGNED_IN})

REQUIREMENTS: Mapping[str, Requirement] = {
    "MEMBER_REGISTRATION": Requirement(
        frozenset({Assurance.SIGNED_IN, Assurance.STAFF_VERIFIED}),
        "開立帳戶的身份須由「智方便」或職員核對身份證確認：偽造的身份證曾騙過相片核對，而平台尚未有此人的手提電話。",
        "An account is opened only on an identity from iAM Smart or an HKID card checked by staff: forged "
        "cards beat the photo check, and the platform has no mobile number for this person yet.",
        iamsmart_only=True),
    "CHANGE_PARTICULARS": Requirement(
        _SIGNED_IN,
        "更改地址、電話或電郵會改變平台聯絡成員及發送一次性密碼的地方，必須先登入。",
        "Changing the address, phone or email changes where the platform reaches the member and sends "
        "one-time codes: it needs a sign-in."),
    "FUND_SWITCH": Requirement(
        _SIGNED_IN,
        "轉換基金會改變成員退休儲蓄的投資，必須先登入。",
        "A fund switch changes how the member's retirement savings are invested: it needs a sign-in."),
    "TRANSFER_BENEFITS": Requirement(
        _SIGNED_IN,
        "轉移權益會把成員的錢轉往另一個帳戶，必須先登入。",
        "A transfer moves the member's money to another account: it needs a sign-in."),
    "WITHDRAWAL_CLAIM": Requirement(
        _SIGNED_IN,
        "提取權益會把錢付到所填的銀行帳戶，必須先登入；只輸入身份證號碼並不足夠。",
        "A withdrawal pays money to the bank account given: it needs a sign-in, an HKID number alone "
        "is not enough."),
    "VOLUNTARY_CONTRIBUTION": Requirement(
        _ANY,
        "自願性供款只會把錢存入成員自己的帳戶，付款由付款人的銀行確認。",
        "A voluntary contribution only pays money into the member's own account; the payer's bank "
        "authorises the payment."),
    "EMPLOYEE_ENROLMENT": Requirement(
        _ANY,
        "僱主指示由平台按僱主的紀錄核對；成員登入不適用。",
        "An employer's instruction is checked by the platform against the employer's records; a "
        "member's sign-in does not apply."),
    "TERMINATION": Requirement(
        _ANY,
        "僱主指示由平台按僱主的紀錄核對；成員登入不適用。",
        "An employer's instruction is checked by the platform against the employer's records; a "
        "member's sign-in does not apply."),
    "CONTRIBUTION_DATA": Requirement(
        _ANY,
        "僱主指示由平台按僱主的紀錄核對；成員登入不適用。",
        "An employer's instruction is checked by the platform against the employer's records; a "
        "member's sign-in does not apply."),
}

_LEVEL_NAMES = {
    Assurance.IDENTIFIED: ("已識別", "identified"),
    Assurance.SIGNED_IN: ("已登入", "signed in"),
    Assurance.STAFF_VERIFIED: ("職員已核對", "staff-verified"),
}


def required_level(type_code: str) -> Requirement:
    """The requirement of an instruction type; an unknown type needs a sign-in (fail closed)."""
    return REQUIREMENTS.get(type_code) or Requirement(_SIGNED_IN, "", "")


def achieved(identity: Identity | None, sign_in: SignIn | None = None) -> frozenset[Assurance]:
    """Every kind of assurance the kiosk holds for `identity`. A sign-in counts only for the member
    it was made for; an identity from iAM Smart counts as an iAM Smart sign-in."""
    if identity is None:
        return frozenset()
    kinds = {Assurance.IDENTIFIED}
    if identity.source is IdentitySource.IAMSMART or (sign_in is not None and sign_in.hkid == identity.hkid):
        kinds.add(Assurance.SIGNED_IN)
    if identity.verified_by_staff:
        kinds.add(Assurance.STAFF_VERIFIED)
    return frozenset(kinds)


def _by_iamsmart(identity: Identity, sign_in: SignIn | None) -> bool:
    if identity.source is IdentitySource.IAMSMART:
        return True
    return sign_in is not None and sign_in.hkid == identity.hkid and sign_in.method is SignInMethod.IAMSMART


def check_assurance(type_code: str, identity: Identity | None,
                    sign_in: SignIn | None = None) -> ValidationError | None:
    """None when the member's assurance is enough for `type_code`, else the bilingual refusal
    (code SIGN_IN_REQUIRED; for registration REG_IDENTITY_UNVERIFIED, as its form rule says)."""
    need = required_level(type_code)
    held = achieved(identity, sign_in)
    if Assurance.IDENTIFIED in need.accepts and held:
        return None
    if identity is not None and Assurance.STAFF_VERIFIED in need.accepts and Assurance.STAFF_VERIFIED in held:
        return None
    if identity is not None and Assurance.SIGNED_IN in held and (
            not need.iamsmart_only or _by_iamsmart(identity, sign_in)):
        return None
    if type_code == "MEMBER_REGISTRATION":
        return ValidationError("REG_IDENTITY_UNVERIFIED", need.reason_zh, need.reason_en)
    return ValidationError(
        "SIGN_IN_REQUIRED",
        "此指示須先登入（「智方便」或發送到登記手提電話的一次性密碼）。" + need.reason_zh,
        "This instruction needs you to sign in (iAM Smart, or a one-time code sent to your registered "
        "mobile). " + need.reason_en)


def markdown_table() -> str:
    """The table as docs/sign-in.md shows it (a test checks the document holds exactly this)."""
    rows = ["| instruction | needs | also accepted | why |", "|---|---|---|---|"]
    for code, need in REQUIREMENTS.items():
        level = _LEVEL_NAMES[need.level][1]
        if need.iamsmart_only:
            level += " (iAM Smart)"
        also = "staff-verified" if (Assurance.STAFF_VERIFIED in need.accepts
                                    and need.level is not Assurance.IDENTIFIED) else "-"
        rows.append(f"| `{code}` | {level} | {also} | {need.reason_en} |")
    return "\n".join(rows) + "\n"
