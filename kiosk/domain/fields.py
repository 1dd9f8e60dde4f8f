"""Field kinds and their checks: each turns typed text into a clean value or a ValidationError."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from . import hkid
from .errors import ValidationError


class Kind(str, Enum):
    TEXT = "text"
    NAME_EN = "name_en"
    NAME_ZH = "name_zh"
    HKID = "hkid"
    DATE = "date"
    MOBILE = "mobile"
    EMAIL = "email"
    CHOICE = "choice"
    MONEY = "money"
    BANK_ACCOUNT = "bank_account"
    ACCOUNT_NO = "account_no"
    ALLOCATION = "allocation"


@dataclass(frozen=True)
class Choice:
    value: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_zh: str
    label_en: str
    kind: Kind
    required: bool = True
    personal: bool = False  # masked on review screens, encrypted at rest
    choices: tuple[Choice, ...] = ()
    max_length: int = 120

    def label(self, lang: str) -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en


def _err(spec: FieldSpec, code: str, zh: str, en: str) -> ValidationError:
    return ValidationError(code, f"{spec.label_zh}：{zh}", f"{spec.label_en}: {en}", field=spec.name)


def _text(spec: FieldSpec, raw: Any) -> str:
    value = " ".join(str(raw).split())
    if len(value) > spec.max_length:
        raise _err(spec, "TOO_LONG", f"不可多於 {spec.max_length} 個字元。",
                   f"must be at most {spec.max_length} characters.")
    return value


_NAME_EN = re.compile(r"^[A-Za-z][A-Za-z ,.'-]*$")
_NAME_ZH = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·]+$")


def _name_en(spec: FieldSpec, raw: Any) -> str:
    value = _text(spec, raw).upper()
    if not _NAME_EN.match(value):
        raise _err(spec, "NAME_EN_FORMAT", "只可使用英文字母、空格、連字號及撇號。",
                   "use English letters, spaces, hyphens and apostrophes only.")
    return value


def _name_zh(spec: FieldSpec, raw: Any) -> str:
    value = _text(spec, raw).replace(" ", "")
    if not _NAME_ZH.match(value):
        raise _err(spec, "NAME_ZH_FORMAT", "只可使用中文字。", "use Chinese characters only.")
    return value


def _hkid(spec: FieldSpec, raw: Any) -> str:
    return hkid.normalise(str(raw))


def _date(spec: FieldSpec, raw: Any) -> str:
    text = str(raw).strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise _err(spec, "DATE_FORMAT", "日期格式應為 年年年年-月月-日日，例如 1970-01-31。",
                   "enter the date as YYYY-MM-DD, for example 1970-01-31.") from None


_MOBILE = re.compile(r"^[4-9][0-9]{7}$")


def _mobile(spec: FieldSpec, raw: Any) -> str:
    digits = re.sub(r"[\s-]", "", str(raw))
    if digits.startswith("+852"):
        digits = digits[4:]
    if not _MOBILE.match(digits):
        raise _err(spec, "MOBILE_FORMAT", "香港手提電話號碼應為 8 位數字，並以 4 至 9 開頭。",
                   "a Hong Kong mobile number has 8 digits and starts with 4 to 9.")
    return digits


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def _email(spec: FieldSpec, raw: Any) -> str:
    value = str(raw).strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise _err(spec, "EMAIL_FORMAT", "電郵地址格式不正確，例如 chan@example.com。",
                   "the email address is not valid, for example chan@example.com.")
    return value.lower()


def _choice(spec: FieldSpec, raw: Any) -> str:
    value = str(raw).strip()
    if value not in {c.value for c in spec.choices}:
        raise _err(spec, "CHOICE_INVALID", "請從列出的選項中選擇。", "choose one of the options shown.")
    return value


def _money(spec: FieldSpec, raw: Any) -> str:
    text = str(raw).replace(",", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise _err(spec, "MONEY_FORMAT", "金額須為不少於零的數字，最多兩個小數位。",
                   "the amount must be a number of at least zero with at most 2 decimal places.")
    if amount > Decimal("100000000"):
        raise _err(spec, "MONEY_TOO_LARGE", "金額過大，請核對。", "the amount is too large; please check it.")
    return f"{amount:.2f}"


_BANK = re.compile(r"^([0-9]{3})-?([0-9]{3})-?([0-9]{6,9})$")


def _bank_account(spec: FieldSpec, raw: Any) -> str:
    compact = re.sub(r"\s", "", str(raw))
    m = _BANK.match(compact)
    if not m:
        raise _err(spec, "BANK_ACCOUNT_FORMAT",
                   "銀行戶口應為銀行編號(3位)、分行編號(3位)及戶口號碼(6至9位)。",
                   "a bank account is a 3-digit bank code, a 3-digit branch code and a 6-9 digit account number.")
    return "-".join(m.groups())


_ACCOUNT = re.compile(r"^[A-Z0-9-]{4,30}$")


def _account_no(spec: FieldSpec, raw: Any) -> str:
    value = re.sub(r"\s", "", str(raw)).upper()
    if not _ACCOUNT.match(value):
        raise _err(spec, "ACCOUNT_FORMAT", "號碼只可包含英文字母、數字及連字號(4至30個字元)。",
                   "use 4 to 30 letters, digits or hyphens.")
    return value


_FUND = re.compile(r"^[A-Z0-9]{2,12}$")


def _allocation(spec: FieldSpec, raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict) or not raw:
        raise _err(spec, "ALLOCATION_EMPTY", "請最少選擇一個基金。", "choose at least one fund.")
    result: dict[str, int] = {}
    for code, pct in raw.items():
        fund = str(code).strip().upper()
        if not _FUND.match(fund):
            raise _err(spec, "FUND_CODE_FORMAT", f"基金代號 {code} 格式不正確。", f"fund code {code} is not valid.")
        try:
            value = int(str(pct).strip())
        except ValueError:
            value = -1
        if not 1 <= value <= 100:
            raise _err(spec, "ALLOCATION_PERCENT", "每個基金的百分比須為 1 至 100 的整數。",
                       "each fund's percentage must be a whole number from 1 to 100.")
        result[fund] = result.get(fund, 0) + value
    if sum(result.values()) != 100:
        raise _err(spec, "ALLOCATION_TOTAL", f"百分比總和須為 100（現為 {sum(result.values())}）。",
                   f"the percentages must total 100 (now {sum(result.values())}).")
    return result


CHECKS: dict[Kind, Callable[[FieldSpec, Any], Any]] = {
    Kind.TEXT: _text,
    Kind.NAME_EN: _name_en,
    Kind.NAME_ZH: _name_zh,
    Kind.HKID: _hkid,
    Kind.DATE: _date,
    Kind.MOBILE: _mobile,
    Kind.EMAIL: _email,
    Kind.CHOICE: _choice,
    Kind.MONEY: _money,
    Kind.BANK_ACCOUNT: _bank_account,
    Kind.ACCOUNT_NO: _account_no,
    Kind.ALLOCATION: _allocation,
}


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (isinstance(raw, dict) and not raw)


def check_field(spec: FieldSpec, raw: Any) -> Any:
    """The clean value of one field; raises ValidationError. Blank optional fields give None."""
    if is_blank(raw):
        if spec.required:
            raise _err(spec, "REQUIRED", "必須填寫。", "this is required.")
        return None
    return CHECKS[spec.kind](spec, raw)
