"""One text policy for every field a member fills and every code the kiosk reads.

1. Text is Unicode-normalised to NFC, so what is compared, stored and sent has one spelling.
2. Characters no member types are refused: controls (Cc), format characters (Cf: the
   right-to-left override U+202E, zero-width joiners, soft hyphens), surrogates (Cs), private use
   (Co), unassigned code points (Cn), and the line and paragraph separators U+2028/U+2029. The one
   documented exception: free-text fields (names, addresses, plain text) take TAB, LF and CR,
   which their own rule folds into a single space like any other whitespace.
3. References and codes (HKID and passport numbers, payment references, scheme and account
   numbers, fund codes, nonces, key ids) are compared in ASCII: non-ASCII is refused *before* any
   case mapping, because case mapping reaches ASCII from outside it (U+017F `ſ` upper-cases to
   `S`, U+0131 `ı` to `I`, U+212A Kelvin sign lower-cases to `k`), and full-width letters are
   other characters that only look alike.

platform_sim/text_policy.py is the platform's own copy of rules 1-2 (the platform trusts no kiosk);
tests/domain/test_text_policy.py checks that both give the same verdict on every code point.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
LINE_SEPARATORS = frozenset({"\u2028", "\u2029"})
WHITESPACE_CONTROLS = frozenset({"\t", "\n", "\r"})  # allowed in free-text fields only
MAX_DEPTH = 4  # lists and objects inside a field value: a table of rows holds at most this


class TextPolicyError(ValueError):
    """Text the policy refuses. `code` is the message code (kiosk/domain/messages.py)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail  # names the code point (U+202E), never the text around it


def refused_char(ch: str, *, whitespace_controls: bool = False) -> bool:
    """True for a character rule 2 refuses."""
    if whitespace_controls and ch in WHITESPACE_CONTROLS:
        return False
    return ch in LINE_SEPARATORS or unicodedata.category(ch) in REFUSED_CATEGORIES


def first_refused(text: str, *, whitespace_controls: bool = False) -> str | None:
    """The first refused character of `text` as `U+XXXX`, or None."""
    if text.isascii() and text.isprintable():
        return None  # printable ASCII holds no control, format or unassigned character: no scan needed
    for ch in text:
        if refused_char(ch, whitespace_controls=whitespace_controls):
            return f"U+{ord(ch):04X}"
    return None


def clean_text(text: str, *, whitespace_controls: bool = False) -> str:
    """`text` in NFC; raises TextPolicyError(TEXT_CONTROL) for a refused character.

    Checked before and after normalising: NFC never introduces a refused character, but a lone
    surrogate must be named before normalisation sees it."""
    bad = first_refused(text, whitespace_controls=whitespace_controls)
    if bad is None:
        text = unicodedata.normalize("NFC", text)
        bad = first_refused(text, whitespace_controls=whitespace_controls)
    if bad is not None:
        raise TextPolicyError("TEXT_CONTROL", bad)
    return text


def clean_value(value: Any, *, whitespace_controls: bool = False, depth: int = 0) -> Any:
    """`value` with every string in it (object keys too) through `clean_text`; other values as
    they are. Raises TextPolicyError."""
    if isinstance(value, str):
        return clean_text(value, whitespace_controls=whitespace_controls)
    if depth >= MAX_DEPTH:
        if isinstance(value, Mapping | list | tuple):
            raise TextPolicyError("TEXT_CONTROL", "nested too deeply")
        return value
    if isinstance(value, Mapping):
        return {clean_value(k, depth=depth + 1): clean_value(v, whitespace_controls=whitespace_controls,
                                                               depth=depth + 1)
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v, whitespace_controls=whitespace_controls, depth=depth + 1) for v in value]
    return value


def ascii_code(text: str) -> str:
    """`text` if it is ASCII, for a reference or code about to be case-mapped or compared; raises
    TextPolicyError(CODE_NOT_ASCII) otherwise. Call it before `.upper()`, never after."""
    if not text.isascii():
        bad = next(ch for ch in text if not ch.isascii())
        raise TextPolicyError("CODE_NOT_ASCII", f"U+{ord(bad):04X}")
    return text
