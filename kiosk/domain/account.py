"""The signed-in member's own account and the status of an instruction, as the platform tells them.

Typed views the kiosk's screens read (schemes and account numbers, funds with risk class and fees,
balances, recent contributions, past instructions); offline_cache/sign_in_client.py builds them
from the platform's answers. They hold personal data: they live in memory for one member's session
and their repr says nothing about the member.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.languages import choose


@dataclass(frozen=True)
class FundHolding:
    code: str
    name_zh: str
    name_en: str
    risk_class: int  # MPF risk class, 1 (lowest) to 7
    fund_expense_ratio_pct: float
    units: float
    unit_price: float
    balance: float

    def name(self, lang: str) -> str:
        return choose(self.name_zh, self.name_en, lang)


@dataclass(frozen=True)
class SchemeAccount:
    scheme_code: str
    scheme_zh: str
    scheme_en: str
    account_no: str
    account_type: str  # CONTRIBUTION, PERSONAL, TVC or SVC
    funds: tuple[FundHolding, ...]
    balance: float

    def __repr__(self) -> str:
        return f"SchemeAccount({self.account_type}, funds={len(self.funds)})"


@dataclass(frozen=True)
class Contribution:
    account_no: str
    period: str  # YYYY-MM
    paid_on: str  # YYYY-MM-DD
    employer: float
    employee: float

    def __repr__(self) -> str:
        return f"Contribution({self.period})"


@dataclass(frozen=True)
class InstructionStatus:
    """Where an instruction is on the platform, found by its receipt (kiosk) reference."""

    kiosk_ref: str
    type: str
    status: str  # received, cancelled or rejected
    platform_ref: str = ""
    received_at: str = ""
    cancellable: bool = False
    cancel_by: str = ""  # ISO 8601, Hong Kong time; "" when the type cannot be cancelled
    next_step_zh: str = ""
    next_step_en: str = ""
    hotline: str = ""
    reason_code: str = ""
    reason_zh: str = ""
    reason_en: str = ""
    values: dict[str, Any] | None = field(default=None, repr=False)  # only with the member's sign-in

    def next_step(self, lang: str) -> str:
        return choose(self.next_step_zh, self.next_step_en, lang)


@dataclass(frozen=True)
class MemberAccount:
    registered: bool
    as_of: str
    name_en: str = field(default="", repr=False)
    name_zh: str = field(default="", repr=False)
    mobile_masked: str = field(default="", repr=False)
    schemes: tuple[SchemeAccount, ...] = ()
    contributions: tuple[Contribution, ...] = field(default=(), repr=False)
    instructions: tuple[InstructionStatus, ...] = ()

    @property
    def balance(self) -> float:
        return round(sum(s.balance for s in self.schemes), 2)

    def holdings(self, account_no: str) -> tuple[FundHolding, ...]:
        """The funds held in one account (the fund switch shows them)."""
        return next((s.funds for s in self.schemes if s.account_no == account_no), ())
