"""The platform's text policy: what no member types is refused, whatever the kiosk checked.

The platform's own copy of the kiosk's policy (kiosk/domain/text_policy.py), kept apart on purpose:
the platform is built by another team to docs/platform-api.yaml and trusts no kiosk.
tests/domain/test_text_policy.py checks that both give the same verdict on every code point.

- Refused anywhere in a request: controls (Cc, TAB/LF/CR included: a kiosk folds them into
  spaces before sending), format characters (Cf: U+202E right-to-left override, zero-width
  joiners, soft hyphens), surrogates (Cs), private use (Co), unassigned code points (Cn), and the
  separators U+2028/U+2029.
- Text must be in Unicode NFC: one spelling for every name, so a stored name compares equal to the
  same name typed again.
- Codes in the request's envelope (idempotency keys, refs, type codes, member keys) are ASCII.
"""

from __future__ import annotations

import unicodedata

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
LINE_SEPARATORS = frozenset({"\u2028", "\u2029"})


def refused_char(ch: str) -> bool:
    return ch in LINE_SEPARATORS or unicodedata.category(ch) in REFUSED_CATEGORIES


def text_problem(text: str) -> str | None:
    """What is wrong with `text` (`U+202E`, `not NFC`), or None. Never quotes the text itself."""
    for ch in text:
        if refused_char(ch):
            return f"U+{ord(ch):04X}"
    if not unicodedata.is_normalized("NFC", text):
        return "not NFC"
    return None
