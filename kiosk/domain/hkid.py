"""Hong Kong identity card numbers: normalising, the check character, and masking.

The check character: a one-letter prefix is left-padded with a space to 8 characters;
space = 36, A-Z = 10-35, digits as themselves; weights 9..2; check = (11 - sum mod 11) mod 11,
written 'A' for 10.
"""

from __future__ import annotations

import re

from .errors import ValidationError

_SHAPE = re.compile(r"^([A-Z]{1,2})([0-9]{6})\(?([0-9A])\)?$")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def _value(ch: str) -> int:
    if ch == " ":
        return 36
    if ch.isdigit():
        return int(ch)
    return ord(ch) - ord("A") + 10


def check_character(prefix: str, digits: str) -> str:
    """The check character for a prefix of 1-2 capital letters and six digits."""
    body = (prefix.rjust(2) + digits)
    total = sum(w * _value(c) for w, c in zip(_WEIGHTS, body, strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


def _error_format() -> ValidationError:
    return ValidationError(
        "HKID_FORMAT",
        "身份證號碼格式不正確，應為一至兩個英文字母、六個數字及括號內的核對碼，例如 A123456(3)。",
        "The HKID number should be one or two letters, six digits and a check character, "
        "for example A123456(3).",
        field="hkid",
    )


def normalise(text: str) -> str:
    """Return the canonical form `A123456(3)`; raise ValidationError for anything invalid.

    Accepts lower case, spaces and missing brackets, as members and scanners type them.
    """
    if not isinstance(text, str):
        raise _error_format()
    compact = re.sub(r"\s+", "", text)
    if len(compact) > 12 or not compact.isascii():  # ASCII before upper(): "ſ" upper-cases to "S"
        raise _error_format()
    compact = compact.upper()
    if len(compact) > 12:
        raise _error_format()
    m = _SHAPE.match(compact)
    if not m:
        raise _error_format()
    prefix, digits, given = m.groups()
    # Brackets must be both present or both absent.
    if compact.count("(") != compact.count(")"):
        raise _error_format()
    expected = check_character(prefix, digits)
    if given != expected:
        raise ValidationError(
            "HKID_CHECK_DIGIT",
            "身份證號碼的核對碼不符，請核對括號內的數字或字母。",
            "The check character of the HKID number does not match. "
            "Please check the character in brackets.",
            field="hkid",
        )
    return f"{prefix}{digits}({given})"


def is_valid(text: str) -> bool:
    try:
        normalise(text)
    except ValidationError:
        return False
    return True


def mask(canonical: str) -> str:
    """Masked for screens and receipts, per the PCPD code: `A12****(*)`."""
    m = _SHAPE.match(canonical.replace(" ", "").upper())
    if not m:
        return "****"
    prefix, digits, _ = m.groups()
    return f"{prefix}{digits[:2]}****(*)"
