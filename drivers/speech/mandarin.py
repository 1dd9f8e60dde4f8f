"""Simplified Chinese as Mandarin. espeak-ng 1.51 (Debian 12) has two Mandarin voices: `cmn` reads
the pinyin its dictionary gives a character as if it were English ("你好" comes out as "nee three,
hay three"), `cmn-latn-pinyin` reads numbered pinyin properly. Its dictionary reads each character
alone, so a character with two readings is often wrong (银行, bank, as "yin xing"); pypinyin chooses
the reading by the word the character is in (银行 yin2 hang2, 行走 xing2 zou3), so the kiosk hands
the pinyin voice pypinyin's pinyin.

Latin letters (eMPF, HKID, a reference's letters) would be read as pinyin syllables, so they are
cut out and read by the English voice.
"""

from __future__ import annotations

import re

# Runs of Latin letters (with the digits and hyphens inside a code like "EK-261206-7QX4M2" that
# start with a letter), versus everything else.
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'\-]*")
# Chinese punctuation the pinyin voice would ignore, as the ASCII pause it understands.
_PUNCTUATION = str.maketrans({"，": ",", "、": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!",
                              "（": "(", "）": ")", "「": '"', "」": '"', "《": '"', "》": '"', "…": "..."})


def runs(text: str) -> list[tuple[bool, str]]:
    """`text` cut into (latin, part): Latin-letter runs and the Chinese (and digits) between them."""
    out: list[tuple[bool, str]] = []
    at = 0
    for m in _LATIN.finditer(text):
        if m.start() > at:
            out.append((False, text[at:m.start()]))
        out.append((True, m.group()))
        at = m.end()
    if at < len(text):
        out.append((False, text[at:]))
    return [(latin, part) for latin, part in out if part.strip()]


def to_pinyin(text: str) -> str:
    """Chinese text as numbered pinyin for the pinyin voice; digits and punctuation kept."""
    from pypinyin import Style, lazy_pinyin  # ~0.4 s and ~20 MB of dictionary: only when Mandarin is spoken

    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(s.strip() for s in syllables if s.strip()).translate(_PUNCTUATION)


def available() -> bool:
    try:
        import pypinyin  # noqa: F401
    except ImportError:
        return False
    return True
