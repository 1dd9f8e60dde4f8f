"""Field kinds and their checks: each turns typed text into a clean value or a ValidationError."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any

from kiosk.languages import choose

from . import dates, hkid, text_policy
from .errors import ValidationError
from .messages import MESSAGES, error


class Kind(str, Enum):
    TEXT = "text"
    NAME_EN = "name_en"
    NAME_ZH = "name_zh"
    ADDRESS = "address"  # Chinese or English
    HKID = "hkid"
    PASSPORT = "passport"
    COUNTRY = "country"
    DATE = "date"
    MOBILE = "mobile"
    EMAIL = "email"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    YES_NO = "yes_no"
    CONFIRM = "confirm"  # a declaration that must be ticked
    MONEY = "money"
    PERCENT = "percent"
    INTEGER = "integer"
    BANK_ACCOUNT = "bank_account"
    ACCOUNT_NO = "account_no"
    BR_NO = "br_no"
    ALLOCATION = "allocation"  # fund -> whole percent, totalling 100
    SWITCH_OUT = "switch_out"  # fund -> whole percent of that fund's balance, 1-100 each
    ROWS = "rows"  # a list of records, each checked with `row_fields`


# The text policy (kiosk/domain/text_policy.py) for each kind: free-text kinds take TAB/LF/CR (folded
# into one space); code kinds are ASCII before any case mapping or comparison; every kind gets NFC
# and refuses control and format characters.
FREE_TEXT_KINDS = frozenset({Kind.TEXT, Kind.NAME_EN, Kind.NAME_ZH, Kind.ADDRESS})
CODE_KINDS = frozenset({Kind.HKID, Kind.PASSPORT, Kind.COUNTRY, Kind.DATE, Kind.MOBILE,
                        Kind.EMAIL, Kind.MONEY, Kind.PERCENT, Kind.INTEGER, Kind.BANK_ACCOUNT, Kind.ACCOUNT_NO,
                        Kind.BR_NO})

# How a kind is typed: the UI picks the keypad from this, the core does not care.
NUMERIC_KINDS = frozenset({Kind.DATE, Kind.MOBILE, Kind.MONEY, Kind.PERCENT, Kind.INTEGER, Kind.BANK_ACCOUNT})
CHINESE_KINDS = frozenset({Kind.NAME_ZH, Kind.ADDRESS})


@dataclass(frozen=True)
class Choice:
    """An option: its label in plain words, and the official term (P(P), TVC…) when the scheme's
    documents call it something a member would not say. Screens show the term in small type."""

    value: str
    label_zh: str
    label_en: str
    term_zh: str = ""
    term_en: str = ""

    def label(self, lang: str) -> str:
        return choose(self.label_zh, self.label_en, lang)

    def term(self, lang: str) -> str:
        return choose(self.term_zh, self.term_en, lang) if self.term_en else ""


YES_NO = (Choice("yes", "是", "Yes"), Choice("no", "否", "No"))


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
    partial_date: bool = False  # DATE: a year, or a year and month, will do (last possible day)
    min_value: Decimal | None = None  # MONEY, PERCENT, INTEGER
    max_value: Decimal | None = None
    row_fields: tuple[FieldSpec, ...] = ()  # ROWS
    max_rows: int = 30  # ROWS: a kiosk is not a bulk upload
    help_zh: str = ""  # one line under the field: what to type, an example
    help_en: str = ""
    prefill: str = ""  # an Identity attribute the session copies in when the field is empty
    # A scheme account number the member holds: a signed-in member picks it from their accounts
    # (kiosk/domain/own_accounts.py).
    own_account: bool = False
    transient: bool = False  # steers the form (which steps to ask) but is not sent with the instruction

    def label(self, lang: str) -> str:
        return choose(self.label_zh, self.label_en, lang)

    def help(self, lang: str) -> str:
        return choose(self.help_zh, self.help_en, lang)

    @property
    def labels(self) -> tuple[str, str]:
        return self.label_zh, self.label_en

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)


def _err(spec: FieldSpec, code: str, **params: object) -> ValidationError:
    return error(code, spec.name, label=spec.labels, **params)


def _text(spec: FieldSpec, raw: Any) -> str:
    value = " ".join(str(raw).split())
    if len(value) > spec.max_length:
        raise _err(spec, "TOO_LONG", max=spec.max_length)
    return value


_PLAIN_TEXT = re.compile(r"^[A-Za-z0-9 ,.'()&/#@:;_+-]*$")


def _plain_text(spec: FieldSpec, raw: Any) -> str:
    value = _text(spec, raw)
    if not value.isascii() or not _PLAIN_TEXT.match(value := value.upper()):  # ASCII before upper()
        raise _err(spec, "TEXT_FORMAT")
    return value


_NAME_EN = re.compile(r"^[A-Za-z][A-Za-z ,.'-]*$")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


# The two patterns with the Han ranges take ~1 ms each to compile: on first use, not at start-up.
@cache
def _name_zh_re() -> re.Pattern[str]:
    return re.compile(rf"^[{_CJK}·]+$")


@cache
def _address_re() -> re.Pattern[str]:
    return re.compile(rf"^[{_CJK}A-Za-z0-9 ,.'()&/#:;·、，。（）－-]+$")


def _name_en(spec: FieldSpec, raw: Any) -> str:
    value = _text(spec, raw)
    if not value.isascii() or not _NAME_EN.match(value := value.upper()):  # ASCII before upper()
        raise _err(spec, "NAME_EN_FORMAT")
    return value


def _name_zh(spec: FieldSpec, raw: Any) -> str:
    value = _text(spec, raw).replace(" ", "")
    if not _name_zh_re().match(value):
        raise _err(spec, "NAME_ZH_FORMAT")
    return value


def _address(spec: FieldSpec, raw: Any) -> str:
    value = _text(spec, raw)
    if not _address_re().match(value):
        raise _err(spec, "ADDRESS_FORMAT")
    return value.upper()


def _hkid(spec: FieldSpec, raw: Any) -> str:
    try:
        return hkid.normalise(str(raw))
    except ValidationError as e:  # the same message, blamed on this field
        raise ValidationError(e.code, f"{spec.label_zh}：{e.message_zh}", f"{spec.label_en}: {e.message_en}",
                              field=spec.name, label=spec.labels) from None


_PASSPORT = re.compile(r"^[A-Z0-9]{5,20}$")


def _passport(spec: FieldSpec, raw: Any) -> str:
    value = re.sub(r"[\s-]", "", str(raw)).upper()
    if not _PASSPORT.match(value):
        raise _err(spec, "PASSPORT_FORMAT")
    return value


def _country(spec: FieldSpec, raw: Any) -> str:
    value = str(raw).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise _err(spec, "COUNTRY_FORMAT")
    return value


def _date(spec: FieldSpec, raw: Any) -> str:
    try:
        return dates.parse(str(raw), partial=spec.partial_date).isoformat()
    except ValueError:
        raise _err(spec, "DATE_PARTIAL_FORMAT" if spec.partial_date else "DATE_FORMAT") from None


_MOBILE = re.compile(r"^[4-9][0-9]{7}$")


def _mobile(spec: FieldSpec, raw: Any) -> str:
    digits = re.sub(r"[\s-]", "", str(raw))
    if digits.startswith("+852"):
        digits = digits[4:]
    if not _MOBILE.match(digits):
        raise _err(spec, "MOBILE_FORMAT")
    return digits


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def _email(spec: FieldSpec, raw: Any) -> str:
    value = str(raw).strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise _err(spec, "EMAIL_FORMAT")
    return value.lower()


def _choice(spec: FieldSpec, raw: Any) -> str:
    value = str(raw).strip()
    if value not in {c.value for c in spec.choices}:
        raise _err(spec, "CHOICE_INVALID")
    return value


def _multi_choice(spec: FieldSpec, raw: Any) -> list[str]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple | set | frozenset):
        raise _err(spec, "MULTI_CHOICE_INVALID")
    chosen = {str(v).strip() for v in items}
    allowed = [c.value for c in spec.choices]
    if not chosen <= set(allowed):
        raise _err(spec, "MULTI_CHOICE_INVALID")
    return [v for v in allowed if v in chosen]  # the form's order, not the tapping order


_YES = {"yes", "y", "true", "1", "是"}
_NO = {"no", "n", "false", "0", "否"}


def _yes_no(spec: FieldSpec, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    value = str(raw).strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise _err(spec, "YES_NO_INVALID")


def _confirm(spec: FieldSpec, raw: Any) -> bool:
    if _yes_no(spec, raw) is not True:
        raise _err(spec, "CONFIRM_REQUIRED")
    return True


def _decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        return Decimal("NaN")
    text = str(raw).replace(",", "").replace("HK$", "").replace("$", "").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal("NaN")


def _two_places(amount: Decimal) -> bool:
    exponent = amount.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -2


def _money(spec: FieldSpec, raw: Any) -> str:
    amount = _decimal(raw)
    if not amount.is_finite() or amount < 0 or not _two_places(amount):
        raise _err(spec, "MONEY_FORMAT")
    if amount > Decimal("100000000"):
        raise _err(spec, "MONEY_TOO_LARGE")
    lo, hi = spec.min_value, spec.max_value
    if (lo is not None and amount < lo) or (hi is not None and amount > hi):
        raise _err(spec, "MONEY_RANGE", min=f"{lo or 0:,.2f}", max=f"{hi or Decimal('100000000'):,.2f}")
    return f"{amount:.2f}"


def _percent(spec: FieldSpec, raw: Any) -> str:
    value = _decimal(str(raw).replace("%", ""))
    lo = spec.min_value if spec.min_value is not None else Decimal(0)
    hi = spec.max_value if spec.max_value is not None else Decimal(100)
    if not value.is_finite() or not _two_places(value) or not lo <= value <= hi:
        raise _err(spec, "PERCENT_FORMAT")
    return f"{value.normalize():f}"


def _integer(spec: FieldSpec, raw: Any) -> int:
    text = str(raw).strip()
    if isinstance(raw, bool) or not re.fullmatch(r"-?[0-9]{1,9}", text):
        raise _err(spec, "NUMBER_FORMAT")
    value = int(text)
    lo, hi = spec.min_value, spec.max_value
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise _err(spec, "NUMBER_RANGE", min=lo if lo is not None else "", max=hi if hi is not None else "")
    return value


_BANK = re.compile(r"^([0-9]{3})-?([0-9]{3})-?([0-9]{6,9})$")


def _bank_account(spec: FieldSpec, raw: Any) -> str:
    compact = re.sub(r"\s", "", str(raw))
    m = _BANK.match(compact)
    if not m:
        raise _err(spec, "BANK_ACCOUNT_FORMAT")
    return "-".join(m.groups())


_ACCOUNT = re.compile(r"^[A-Z0-9-]{4,30}$")


def _account_no(spec: FieldSpec, raw: Any) -> str:
    value = re.sub(r"\s", "", str(raw)).upper()
    if not _ACCOUNT.match(value):
        raise _err(spec, "ACCOUNT_FORMAT")
    return value


_BR = re.compile(r"^([0-9]{8})(?:-?([0-9]{3}))?$")


def _br_no(spec: FieldSpec, raw: Any) -> str:
    m = _BR.match(re.sub(r"\s", "", str(raw)))
    if not m:
        raise _err(spec, "BR_FORMAT")
    return f"{m[1]}-{m[2] or '000'}"


_FUND = re.compile(r"^[A-Z0-9]{2,12}$")


def _fund_percentages(spec: FieldSpec, raw: Any, percent_code: str) -> dict[str, int]:
    if not isinstance(raw, Mapping) or not raw:
        raise _err(spec, "ALLOCATION_EMPTY")
    result: dict[str, int] = {}
    for code, pct in raw.items():
        fund = str(code).strip()
        if fund.isascii():  # before upper(): "ſ" (U+017F) upper-cases to "S"
            fund = fund.upper()
        if not _FUND.match(fund):
            raise _err(spec, "FUND_CODE_FORMAT", fund=str(code)[:20])
        text = str(pct).strip()
        value = int(text) if re.fullmatch(r"[0-9]{1,3}", text) else -1
        if not 1 <= value <= 100:
            raise _err(spec, percent_code)
        result[fund] = result.get(fund, 0) + value
    return result


def _allocation(spec: FieldSpec, raw: Any) -> dict[str, int]:
    result = _fund_percentages(spec, raw, "ALLOCATION_PERCENT")
    total = sum(result.values())
    if total != 100:
        raise _err(spec, "ALLOCATION_TOTAL", total=total)
    return result


def _switch_out(spec: FieldSpec, raw: Any) -> dict[str, int]:
    result = _fund_percentages(spec, raw, "SWITCH_PERCENT")
    if any(v > 100 for v in result.values()):
        raise _err(spec, "SWITCH_PERCENT")
    return result


def _rows(spec: FieldSpec, raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list | tuple) or not all(isinstance(r, Mapping) for r in raw):
        raise _err(spec, "ROWS_FORMAT")
    rows = [r for r in raw if not all(is_blank(v) for v in r.values())]
    if not rows:
        raise _err(spec, "ROWS_EMPTY")
    if len(rows) > spec.max_rows:
        raise _err(spec, "ROWS_TOO_MANY", max=spec.max_rows)
    clean: list[dict[str, Any]] = []
    for i, row in enumerate(rows, start=1):
        values: dict[str, Any] = {}
        for sub in spec.row_fields:
            try:
                values[sub.name] = check_field(sub, row.get(sub.name))
            except ValidationError as e:
                raise _row_error(spec, i, sub, e) from None
        clean.append(values)
    return clean


def _row_error(spec: FieldSpec, row: int, sub: FieldSpec, e: ValidationError) -> ValidationError:
    """A sub-field's error, said of its row: "第 2 名成員：有關入息：…" / "Member 2: Relevant income: …"."""
    zh_t, en_t = MESSAGES["ROW_FIELD"]
    zh, en = zh_t.format(row=row, message=e.message_zh), en_t.format(row=row, message=e.message_en)
    return ValidationError(e.code, zh, en, field=f"{spec.name}[{row}].{sub.name}", params=e.params, label=e.label)


CHECKS: dict[Kind, Callable[[FieldSpec, Any], Any]] = {
    Kind.TEXT: _plain_text,
    Kind.NAME_EN: _name_en,
    Kind.NAME_ZH: _name_zh,
    Kind.ADDRESS: _address,
    Kind.HKID: _hkid,
    Kind.PASSPORT: _passport,
    Kind.COUNTRY: _country,
    Kind.DATE: _date,
    Kind.MOBILE: _mobile,
    Kind.EMAIL: _email,
    Kind.CHOICE: _choice,
    Kind.MULTI_CHOICE: _multi_choice,
    Kind.YES_NO: _yes_no,
    Kind.CONFIRM: _confirm,
    Kind.MONEY: _money,
    Kind.PERCENT: _percent,
    Kind.INTEGER: _integer,
    Kind.BANK_ACCOUNT: _bank_account,
    Kind.ACCOUNT_NO: _account_no,
    Kind.BR_NO: _br_no,
    Kind.ALLOCATION: _allocation,
    Kind.SWITCH_OUT: _switch_out,
    Kind.ROWS: _rows,
}


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (
        isinstance(raw, dict | list | tuple) and not raw)


def check_field(spec: FieldSpec, raw: Any, *, required: bool | None = None) -> Any:
    """The clean value of one field; raises ValidationError. Blank optional fields give None.

    `required` overrides the spec's (a field on a step the member chose to fill in)."""
    if is_blank(raw):
        if spec.required if required is None else required:
            raise _err(spec, "REQUIRED")
        return None
    # ROWS: each row's fields get their own kind's policy in check_field.
    return CHECKS[spec.kind](spec, raw if spec.kind is Kind.ROWS else _policy(spec, raw))


def _policy(spec: FieldSpec, raw: Any) -> Any:
    """`raw` through the text policy for its kind: NFC, no control or format characters, and ASCII
    for codes (checked before any check upper-cases it)."""
    try:
        clean = text_policy.clean_value(raw, whitespace_controls=spec.kind in FREE_TEXT_KINDS)
        if spec.kind in CODE_KINDS and isinstance(raw, str):
            # The text as typed, before NFC: NFC maps the Kelvin sign (U+212A) to "K".
            text_policy.ascii_code(raw)
    except text_policy.TextPolicyError as e:
        raise _err(spec, e.code) from None
    return clean
