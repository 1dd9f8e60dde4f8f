"""The machine readable zone (ICAO 9303 parts 3-5): check digits, the key to a chip, full MRZ parsing.

The chip of an ePassport or ICAO ID card only talks to a reader that proves it has seen the data
page: Basic Access Control derives its keys from the document number, the date of birth and the
date of expiry, each followed by its 7-3-1 check digit. Members or staff type those three fields
(or a scanner types the whole MRZ); this module checks what was typed and says, in both
languages, what to look at again. Standard library only, like the rest of the domain.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import Enum

from .errors import ValidationError

FILLER = "<"
_WEIGHTS = (7, 3, 1)
# Document numbers are at most 9 characters in the MRZ field; TD1 cards may extend them into the
# optional data (up to 22 in practice). The key uses the whole number.
MAX_DOCUMENT_NUMBER = 22
_DOC_CHARS = re.compile(r"^[A-Z0-9<]+$")
_MRZ_CHARS = re.compile(r"^[A-Z0-9<]+$")


def char_value(ch: str) -> int:
    """0-9 as themselves, A-Z as 10-35, the filler `<` as 0 (ICAO 9303-3, 4.9)."""
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == FILLER:
        return 0
    raise ValueError(f"character {ch!r} cannot appear in an MRZ")


def check_digit(field: str) -> str:
    """The 7-3-1 check digit of an MRZ field, as a character."""
    return str(sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def _error(code: str, zh: str, en: str, field: str) -> ValidationError:
    return ValidationError(code, zh, en, field=field)


def _doc_number_error() -> ValidationError:
    return _error(
        "MRZ_DOCUMENT_NUMBER",
        "證件號碼只可包含英文字母及數字，請按證件資料頁上的號碼輸入。",
        "The document number has letters and digits only. Please type it as printed on the "
        "document's data page.",
        "document_number",
    )


def _date_error(field: str) -> ValidationError:
    if field == "date_of_birth":
        return _error(
            "MRZ_DATE_OF_BIRTH",
            "出生日期不正確，請按「年-月-日」輸入，例如 1969-08-06。",
            "The date of birth is not valid. Please type year-month-day, for example 1969-08-06.",
            field,
        )
    return _error(
        "MRZ_DATE_OF_EXPIRY",
        "有效期至日期不正確，請按「年-月-日」輸入，例如 2034-06-23。",
        "The date of expiry is not valid. Please type year-month-day, for example 2034-06-23.",
        field,
    )


def normalise_document_number(text: str) -> str:
    """Upper case without spaces or dashes; raise ValidationError for anything else."""
    compact = re.sub(r"[\s\-]+", "", text or "").upper().rstrip(FILLER)
    if not compact or len(compact) > MAX_DOCUMENT_NUMBER or not _DOC_CHARS.match(compact):
        raise _doc_number_error()
    return compact


def _yymmdd_valid(text: str) -> bool:
    """Six digits forming a calendar date in some century (unknown parts `<` are allowed)."""
    if len(text) != 6 or not all(c.isdigit() or c == FILLER for c in text):
        return False
    if FILLER in text:
        return True  # ICAO allows unknown day/month as fillers; the chip key uses them as printed
    month, day = int(text[2:4]), int(text[4:6])
    if not 1 <= month <= 12:
        return False
    # 2000 is a leap year, so 29 February passes for any YY; the chip decides the rest.
    try:
        datetime.date(2000, month, day)
    except ValueError:
        return False
    return True


def normalise_date(text: str, field: str) -> str:
    """A date as the MRZ holds it (YYMMDD), from what a person typed.

    The kiosk asks for `YYYY-MM-DD`, as for every other date (the number pad types the dashes).
    Also accepted: `YYMMDD` as in the MRZ; day first as printed in Hong Kong documents
    (`DD/MM/YYYY`, `DD-MM-YYYY`, `DD MM YYYY`, `DD.MM.YYYY`, or eight digits `DDMMYYYY`).
    Anything else raises ValidationError naming the field.
    """
    raw = (text or "").strip()
    if re.fullmatch(r"[0-9<]{6}", raw):
        if _yymmdd_valid(raw):
            return raw
        raise _date_error(field)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    day_first = re.fullmatch(r"(\d{1,2})[/\-. ]+(\d{1,2})[/\-. ]+(\d{4})", raw) or re.fullmatch(
        r"(\d{2})(\d{2})(\d{4})", raw
    )
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif day_first:
        day, month, year = (int(g) for g in day_first.groups())
    else:
        raise _date_error(field)
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise _date_error(field) from None
    return f"{year % 100:02d}{month:02d}{day:02d}"


@dataclass(frozen=True)
class MrzKey:
    """What Basic Access Control needs: document number, date of birth, date of expiry (YYMMDD).

    Build it with `MrzKey.typed(...)` from what a person typed, or `from_mrz(...)` from a whole
    MRZ. `repr` hides the values: they identify a person.
    """

    document_number: str  # without trailing fillers
    date_of_birth: str  # YYMMDD
    date_of_expiry: str  # YYMMDD

    @classmethod
    def typed(cls, document_number: str, date_of_birth: str, date_of_expiry: str) -> MrzKey:
        """Check all three and raise the first problem (field order as on the screen)."""
        return cls(
            normalise_document_number(document_number),
            normalise_date(date_of_birth, "date_of_birth"),
            normalise_date(date_of_expiry, "date_of_expiry"),
        )

    @property
    def mrz_information(self) -> str:
        """Document number (padded to 9 with `<`), date of birth and date of expiry, each with
        its check digit: the input of the BAC key seed (ICAO 9303-11, 4.3.2 and appendix D.2)."""
        number = self.document_number.ljust(9, FILLER)
        return (
            number + check_digit(number)
            + self.date_of_birth + check_digit(self.date_of_birth)
            + self.date_of_expiry + check_digit(self.date_of_expiry)
        )

    def __repr__(self) -> str:
        return f"MrzKey(document_number=<{len(self.document_number)} chars>, dates=<hidden>)"

    __str__ = __repr__


def key_errors(document_number: str, date_of_birth: str, date_of_expiry: str) -> list[ValidationError]:
    """Every problem with a typed key at once, so the screen can mark all fields together."""
    errors: list[ValidationError] = []
    try:
        normalise_document_number(document_number)
    except ValidationError as e:
        errors.append(e)
    for text, field in ((date_of_birth, "date_of_birth"), (date_of_expiry, "date_of_expiry")):
        try:
            normalise_date(text, field)
        except ValidationError as e:
            errors.append(e)
    return errors


# ---------------------------------------------------------------- whole MRZ


class MrzFormat(str, Enum):
    TD1 = "TD1"  # ID cards: 3 lines of 30
    TD2 = "TD2"  # 2 lines of 36
    TD3 = "TD3"  # passports: 2 lines of 44


_LAYOUT = {90: MrzFormat.TD1, 72: MrzFormat.TD2, 88: MrzFormat.TD3}


@dataclass(frozen=True)
class MrzData:
    """The fields of a machine readable zone. Dates stay as YYMMDD; see `iso_birth`/`iso_expiry`."""

    format: MrzFormat
    document_code: str  # e.g. P, PA, I, ID (fillers removed)
    issuing_state: str  # three letters, e.g. CHN, UTO
    surname: str
    given_names: str
    document_number: str
    nationality: str
    date_of_birth: str  # YYMMDD
    sex: str  # M, F or X (from `<`)
    date_of_expiry: str  # YYMMDD
    optional_data: str  # fillers removed; line 1 and 2 optional data joined for TD1

    @property
    def key(self) -> MrzKey:
        return MrzKey(self.document_number, self.date_of_birth, self.date_of_expiry)

    @property
    def name(self) -> str:
        """Surname first, as Hong Kong writes English names: `CHAN TAI MAN`."""
        return " ".join(p for p in (self.surname, self.given_names) if p)

    @property
    def is_passport(self) -> bool:
        return self.document_code.startswith("P")

    def iso_birth(self, today: datetime.date) -> str:
        return yymmdd_to_iso(self.date_of_birth, today, past=True)

    def iso_expiry(self, today: datetime.date) -> str:
        return yymmdd_to_iso(self.date_of_expiry, today, past=False)

    def __repr__(self) -> str:
        return f"MrzData({self.format.value}, {self.document_code}, {self.issuing_state}, <personal data hidden>)"

    __str__ = __repr__


def yymmdd_to_iso(value: str, today: datetime.date, *, past: bool) -> str:
    """A two-digit-year date as ISO. Birth dates are never in the future; expiry dates lie at
    most 50 years ahead. Empty when the MRZ leaves parts of it unknown (`<`)."""
    if not re.fullmatch(r"\d{6}", value):
        return ""
    yy, month, day = int(value[:2]), int(value[2:4]), int(value[4:])
    year = 2000 + yy
    limit = today.year if past else today.year + 50
    if year > limit:
        year -= 100
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _format_error() -> ValidationError:
    return _error(
        "MRZ_FORMAT",
        "未能讀取機讀區，請逐項輸入證件號碼、出生日期及有效期至日期。",
        "The machine readable zone could not be read. Please type the document number, the date "
        "of birth and the date of expiry one by one.",
        "mrz",
    )


def _check_error(what: str) -> ValidationError:
    return _error(
        "MRZ_CHECK_DIGIT",
        "機讀區的核對數字不符，請重新掃描或逐項輸入。",
        f"A check digit in the machine readable zone does not match ({what}). Please scan again or "
        "type the fields one by one.",
        "mrz",
    )


def _verify(field: str, digit: str, what: str) -> None:
    if check_digit(field) != digit:
        raise _check_error(what)


def _names(field: str) -> tuple[str, str]:
    surname, _, given = field.partition("<<")
    return surname.replace(FILLER, " ").strip(), given.replace(FILLER, " ").strip()


def parse(text: str) -> MrzData:
    """The fields of a whole MRZ (TD1, TD2 or TD3), every check digit verified.

    Line breaks and spaces are ignored, so scanner output and copy-paste both work.
    """
    compact = re.sub(r"\s+", "", text or "").upper()
    fmt = _LAYOUT.get(len(compact))
    if fmt is None or not _MRZ_CHARS.match(compact):
        raise _format_error()
    if fmt is MrzFormat.TD1:
        return _parse_td1(compact[:30], compact[30:60], compact[60:])
    width = 36 if fmt is MrzFormat.TD2 else 44
    return _parse_td23(fmt, compact[:width], compact[width:])


def _parse_td23(fmt: MrzFormat, line1: str, line2: str) -> MrzData:
    optional_end = 35 if fmt is MrzFormat.TD2 else 42
    _verify(line2[0:9], line2[9], "document number")
    _verify(line2[13:19], line2[19], "date of birth")
    _verify(line2[21:27], line2[27], "date of expiry")
    if fmt is MrzFormat.TD3:
        optional = line2[28:42]
        # An all-filler personal number may have a check digit of `<` (ICAO 9303-4, 4.2.2.2).
        if not (optional.strip(FILLER) == "" and line2[42] in (FILLER, "0")):
            _verify(optional, line2[42], "personal number")
        composite = line2[0:10] + line2[13:20] + line2[21:43]
    else:
        optional = line2[28:35]
        composite = line2[0:10] + line2[13:20] + line2[21:35]
    _verify(composite, line2[optional_end + 1], "composite")
    surname, given = _names(line1[5:])
    return MrzData(
        format=fmt,
        document_code=line1[0:2].rstrip(FILLER),
        issuing_state=line1[2:5].replace(FILLER, ""),
        surname=surname,
        given_names=given,
        document_number=line2[0:9].rstrip(FILLER),
        nationality=line2[10:13].replace(FILLER, ""),
        date_of_birth=line2[13:19],
        sex=_sex(line2[20]),
        date_of_expiry=line2[21:27],
        optional_data=optional.strip(FILLER),
    )


def _parse_td1(line1: str, line2: str, line3: str) -> MrzData:
    number, digit, optional1 = line1[5:14], line1[14], line1[15:30]
    if digit == FILLER:
        # Extended document number (ICAO 9303-5, 4.2.4): its tail and check digit start the
        # optional data, followed by a filler.
        tail, sep, rest = optional1.partition(FILLER)
        if not sep or len(tail) < 2:
            raise _format_error()
        number, digit, optional1 = number + tail[:-1], tail[-1], rest
    _verify(number, digit, "document number")
    _verify(line2[0:6], line2[6], "date of birth")
    _verify(line2[8:14], line2[14], "date of expiry")
    _verify(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29], line2[29], "composite")
    surname, given = _names(line3)
    return MrzData(
        format=MrzFormat.TD1,
        document_code=line1[0:2].rstrip(FILLER),
        issuing_state=line1[2:5].replace(FILLER, ""),
        surname=surname,
        given_names=given,
        document_number=number.rstrip(FILLER),
        nationality=line2[15:18].replace(FILLER, ""),
        date_of_birth=line2[0:6],
        sex=_sex(line2[7]),
        date_of_expiry=line2[8:14],
        optional_data=(optional1.strip(FILLER) + FILLER + line2[18:29].strip(FILLER)).strip(FILLER),
    )


def _sex(ch: str) -> str:
    return ch if ch in ("M", "F") else "X"
