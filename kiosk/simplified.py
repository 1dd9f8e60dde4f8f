"""繁體中文 -> 简体中文 for the kiosk's own texts, stdlib only.

The conversion is a reviewed phrase list (Hong Kong wording that Mainland readers say differently,
applied first, in order: a longer phrase before a shorter one inside it) and then a per-character
table generated from OpenCC's hk2s data (`python -m ui.i18n simplified` writes
kiosk/simplified_table.py; OpenCC is a dev/test dependency only, the kiosk never needs it at run
time). The table holds every Han character in the project's strings, unchanged ones too, so
tests/ui/test_i18n_simplified.py can tell when a new message brings a character the table has never
seen (run the generator then) and can check the result against OpenCC itself on every string.
"""

from __future__ import annotations

import re
from functools import cache

# Reviewed: what OpenCC's hk2s leaves in Hong Kong usage. Meaning is kept (香港身份證 stays the Hong
# Kong identity card, 强积金 stays the MPF); only words a Mainland reader would not use change.
PHRASES: tuple[tuple[str, str], ...] = (
    ("手提電話號碼", "手机号码"),  # HK "mobile phone number"
    ("手提電話", "手机号码"),
    ("甚麼", "什么"),  # hk2s gives 甚么
    ("戶口", "账户"),  # a bank / scheme account: 户口 means household registration in the Mainland
    ("咭", "卡"),  # HK loan character for "card" (身份證明咭, 職員咭)
    ("應用程式", "应用程序"),  # app
    ("私隱", "隐私"),  # privacy
    ("晶片", "芯片"),  # (card / passport) chip
    ("帳戶", "账户"),  # hk2s gives 帐户; 账户 is the Mainland standard form
    ("字元", "字符"),  # characters (a length limit)
    ("支援", "支持"),  # (technical) support
    ("預設投資策略", "预设投资策略"),  # the MPF Default Investment Strategy keeps its official name
    ("預設", "默认"),  # a default setting
    ("檔案", "文件"),  # a file
    ("登入", "登录"),  # sign in
)

# Han characters (CJK unified ideographs, extension A, compatibility, the supplementary planes).
HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"


# The table, its set and the pattern are made on first use (~5 ms together): a kiosk whose members
# never choose 简体中文 does not pay for them before its first paint.
@cache
def han_re() -> re.Pattern[str]:
    return re.compile(HAN)


@cache
def _chars() -> dict[int, str]:
    from kiosk.simplified_table import SIMPLIFIED, TRADITIONAL

    return {ord(t): s for t, s in zip(TRADITIONAL, SIMPLIFIED, strict=True) if t != s}


@cache
def _known() -> frozenset[str]:
    from kiosk.simplified_table import TRADITIONAL

    return frozenset(TRADITIONAL)


def known(char: str) -> bool:
    """Whether the table has seen this Han character (converted or deliberately unchanged)."""
    return char in _known()


# No cache on purpose: a message may quote what a member typed, and a cache would keep it past
# the wipe. A conversion is a few microseconds.
def to_simplified(text: str) -> str:
    """The Simplified text of a Traditional one. Characters outside the table pass through as
    they are (Latin text, digits, punctuation; a Han character not yet in the table shows in
    Traditional, which a reader of Simplified still reads — the coverage test stops that anyway)."""
    for traditional, simplified in PHRASES:
        if traditional in text:
            text = text.replace(traditional, simplified)
    return text.translate(_chars())
