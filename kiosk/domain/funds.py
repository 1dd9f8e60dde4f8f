"""The funds a member can choose. The real list comes from the platform's kiosk configuration
(cached for offline use); DEFAULT_FUNDS is what the kiosk offers until it has one, and matches
the platform simulator. CAF and A65 (the Default Investment Strategy funds) exist in every scheme.

A fund's risk class (1, lowest, to 7) and fund expense ratio (its yearly costs, % of the balance)
come with the platform's configuration and, for a signed-in member, with their account
(`with_facts`); the defaults carry none, as the real figures differ from scheme to scheme, and the
screens then say where to find them instead of showing a figure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from kiosk.languages import choose


@dataclass(frozen=True)
class Fund:
    code: str
    name_zh: str
    name_en: str
    risk_class: int = 0  # 1 (lowest) to 7; 0 when not known
    expense_ratio_pct: float | None = None  # fund expense ratio, % a year; None when not known

    def name(self, lang: str) -> str:
        return choose(self.name_zh, self.name_en, lang)


class FundFacts(Protocol):
    """What an account's holding says about its fund (kiosk.domain.account.FundHolding)."""

    @property
    def code(self) -> str: ...
    @property
    def risk_class(self) -> int: ...
    @property
    def fund_expense_ratio_pct(self) -> float: ...


def _risk(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7 else 0


def _ratio(value: object) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 100
    return float(value) if ok else None  # type: ignore[arg-type]


def with_facts(funds: Iterable[Fund], holdings: Iterable[FundFacts]) -> tuple[Fund, ...]:
    """`funds` with the risk class and expense ratio the member's account gives for each."""
    facts = {h.code.upper(): h for h in holdings}
    out = []
    for f in funds:
        h = facts.get(f.code)
        out.append(replace(f, risk_class=_risk(h.risk_class) or f.risk_class,
                           expense_ratio_pct=_ratio(h.fund_expense_ratio_pct)) if h is not None else f)
    return tuple(out)


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
            out.append(Fund(code, zh, en, _risk(item.get("risk_class")), _ratio(item.get("fund_expense_ratio_pct"))))
    return tuple(out)
