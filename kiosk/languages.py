"""The member's languages and how a (繁體中文, English) pair becomes the text for one of them.

The core stores every message as a zh/en pair (Traditional Chinese as written for Hong Kong, and
English). 简体中文 (zh_CN) is not a third copy to keep in step: it is derived from the Traditional
text by `kiosk.simplified.to_simplified`, so a message added in zh/en is at once right in all three.
Stdlib only, no Qt: the domain, the CLI and the UI all pick their text through `choose`.
"""

from __future__ import annotations

from kiosk.simplified import to_simplified

ZH_HK = "zh_HK"
ZH_CN = "zh_CN"
EN = "en"
LANGUAGES: tuple[str, ...] = (ZH_HK, ZH_CN, EN)  # the order of the switch's buttons
NAMES: dict[str, str] = {ZH_HK: "繁體中文", ZH_CN: "简体中文", EN: "English"}  # each in its own script


def is_chinese(lang: str) -> bool:
    return lang.startswith("zh")


def choose(zh: str, en: str, lang: str) -> str:
    """The text of a zh/en pair for `lang`: the English side for English, the Chinese side for
    Chinese, converted to Simplified characters for zh_CN (any zh_* other than zh_CN stays
    Traditional: zh_HK and zh_TW read the same table)."""
    if not is_chinese(lang):
        return en
    return to_simplified(zh) if lang == ZH_CN else zh
