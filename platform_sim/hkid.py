"""HKID check-character validation, the platform's own copy (see DOMAIN.md).

The platform must not trust the kiosk's validation, so this is an independent implementation.
"""

from __future__ import annotations

import re

_SHAPE = re.compile(r"^([A-Z]{1,2})([0-9]{6})([0-9A])$")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
_SPACE_VALUE = 36


def normalise(raw: str) -> str:
    """Upper case without spaces or brackets: `a123456 (3)` -> `A1234563`."""
    return "".join(ch for ch in raw.upper() if ch not in " ()")


def _value(ch: str) -> int:
    if ch == " ":
        return _SPACE_VALUE
    if ch.isdigit():
        return int(ch)
    return ord(ch) - ord("A") + 10


def check_character(body: str) -> str:
    """The check character for a prefix and six digits, e.g. `A123456` -> `3`."""
    padded = body.rjust(8)  # a one-letter prefix counts as a leading space
    total = sum(_value(ch) * w for ch, w in zip(padded, _WEIGHTS, strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


def is_valid(raw: object) -> bool:
    if not isinstance(raw, str) or not raw.isascii():  # before upper(): "ſ" (U+017F) upper-cases to "S"
        return False
    match = _SHAPE.match(normalise(raw))
    if match is None:
        return False
    prefix, digits, check = match.groups()
    return check_character(prefix + digits) == check
