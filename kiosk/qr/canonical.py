"""The canonical JSON encoding signed in prepared-instruction codes, and its strict reader.

Canonical means: UTF-8, object keys sorted by code point, no insignificant whitespace, strings as
`json.dumps(ensure_ascii=False)` writes them, integers only (no floats: their text form is not
unique), no NaN/Infinity. The reader accepts a document only if writing it again gives the very
same bytes, which also refuses duplicate keys and every other way of saying the same thing twice:
one message, one encoding, one signature.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 8
MAX_INT = 2**53 - 1  # what every JSON reader (and JavaScript on a helper's phone) holds exactly


class CanonicalError(ValueError):
    """Not canonical JSON (or not JSON at all)."""


def _check(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise CanonicalError("nested too deeply")
    if value is None or isinstance(value, bool | str):
        return
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise CanonicalError("integer out of range")
        return
    if isinstance(value, list):
        for item in value:
            _check(item, depth + 1)
        return
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise CanonicalError("object keys must be strings")
            _check(v, depth + 1)
        return
    raise CanonicalError(f"{type(value).__name__} is not allowed")


def dumps(value: Any) -> bytes:
    """The canonical bytes of `value` (raises CanonicalError for floats and other non-JSON values)."""
    _check(value, 0)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _no_float(text: str) -> Any:
    raise CanonicalError("numbers must be integers")


def _no_constant(name: str) -> Any:
    raise CanonicalError(f"{name} is not JSON")


def _bound_nesting(data: bytes) -> None:
    """Refuse deep nesting before the recursive parser sees it: a wall of brackets would otherwise
    reach Python's recursion limit. Brackets inside strings do not count."""
    depth = 0
    in_string = escaped = False
    for b in data:
        if in_string:
            if escaped:
                escaped = False
            elif b == 0x5C:  # backslash
                escaped = True
            elif b == 0x22:  # quote
                in_string = False
        elif b == 0x22:
            in_string = True
        elif b in b"[{":
            depth += 1
            if depth > MAX_DEPTH + 1:
                raise CanonicalError("nested too deeply")
        elif b in b"]}":
            depth -= 1


def loads(data: bytes) -> Any:
    """Parse canonical JSON; raises CanonicalError for anything else."""
    _bound_nesting(data)
    try:
        value = json.loads(data.decode("utf-8"), parse_float=_no_float, parse_constant=_no_constant)
    except CanonicalError:
        raise
    except (ValueError, RecursionError) as e:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise CanonicalError(f"not JSON: {type(e).__name__}") from None
    if dumps(value) != data:
        raise CanonicalError("not in canonical form")
    return value
