"""The funds a member can choose. The real list comes from the platform's kiosk configuration
(cached for offline use); DEFAULT_FUNDS is what the kiosk offers until it has one, and matches
the platform simulator. CAF and A65 (the Default Investment Strategy funds) exist in every scheme."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.languages import choose


@dataclass(frozen=True)
class Fund:
    code: str
    name_zh: str
    name_en: str

    def name(self, lang: str) -> str:
        return choose(self.name_zh, self.name_en, lang)


DEFAULT_FUNDS: tuple[Fund, ...] = (
    Fund("CAF", "核心累積基金", "Core Accumulation Fund"),
    Fund("A65", "65歲後基金", "Age 65 Plus Fund"),
    Fund("MPFCON", "強積金保守基金", "MPF Conservative Fund"),
    Fund("GLBEQ", "環球股票基金", "Global Equity Fund"),
    Fund("HKEQ", "香港股票基金", "Hong Kong Equity Fund"),
    Fund("BOND", "環球債券基金", "Global Bond Fund"),
)


def from_config(items: Iterable[Mapping[str, Any]]) -> tuple[Fund, ...]:
    """Funds from the platform's configuration document; malformed entries are skipped."""
    out: list[Fund] = []
    for item in items:
        try:
            code, zh, en = str(item["code"]).upper(), str(item["name_zh"]), str(item["name_en"])
        except (KeyError, TypeError):
            continue
        if code and zh and en:
            out.append(Fund(code, zh, en))
    return tuple(out)
