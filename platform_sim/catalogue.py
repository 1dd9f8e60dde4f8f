"""What the platform offers: instruction types, funds, the kiosk configuration it hands out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

INSTRUCTION_TYPES = frozenset(
    {
        "MEMBER_REGISTRATION",
        "CHANGE_PARTICULARS",
        "FUND_SWITCH",
        "TRANSFER_BENEFITS",
        "WITHDRAWAL_CLAIM",
        "VOLUNTARY_CONTRIBUTION",
        "EMPLOYEE_ENROLMENT",
        "TERMINATION",
        "CONTRIBUTION_DATA",
    }
)

MAX_BATCH_ITEMS = 100


@dataclass(frozen=True)
class Fund:
    code: str
    name_zh: str
    name_en: str


FUNDS: tuple[Fund, ...] = (
    Fund("CAF", "核心累積基金", "Core Accumulation Fund"),
    Fund("A65", "65歲後基金", "Age 65 Plus Fund"),
    Fund("MPFCON", "強積金保守基金", "MPF Conservative Fund"),
    Fund("GLBEQ", "環球股票基金", "Global Equity Fund"),
    Fund("HKEQ", "香港股票基金", "Hong Kong Equity Fund"),
    Fund("BOND", "環球債券基金", "Global Bond Fund"),
)

# code -> (risk class 1-7, fund expense ratio % a year): the simulator's fictional figures.
FUND_FACTS: Mapping[str, tuple[int, float]] = {
    "CAF": (4, 0.75), "A65": (3, 0.75), "MPFCON": (1, 0.62), "GLBEQ": (6, 1.35), "HKEQ": (7, 1.28),
    "BOND": (3, 0.98),
}
FUND_CODES = frozenset(f.code for f in FUNDS)

ANNOUNCEMENTS: tuple[tuple[str, str], ...] = (
    (
        "於交易日下午4時前收到的基金轉換指示，會於當日處理。",
        "Fund switching instructions received before 4 pm on a dealing day are processed the same day.",
    ),
)

IDLE_TIMEOUT_S = 90
BATCH_SIZE = 50


def kiosk_config() -> dict[str, object]:
    """The body of GET /v1/kiosk/config."""
    return {
        "announcements": [{"zh": zh, "en": en} for zh, en in ANNOUNCEMENTS],
        "funds": [{"code": f.code, "name_zh": f.name_zh, "name_en": f.name_en, "risk_class": FUND_FACTS[f.code][0],
                   "fund_expense_ratio_pct": FUND_FACTS[f.code][1]} for f in FUNDS],
        "idle_timeout_s": IDLE_TIMEOUT_S,
        "batch_size": BATCH_SIZE,
    }
