"""Members' accounts as the simulated platform holds them: fictional seed data for the demo and tests.

Every name, number and amount here is made up. A123456(3) (CHAN TAI MAN, 陳大文) is the demo member
the simulated iAM Smart phone signs in by default; CA182361(1) is a second member (tests sign in
as one and deliver for the other); Z683365(A) is a valid HKID number with no eMPF account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from platform_sim import catalogue, hkid

# Per fund: MPF risk class (1 lowest to 7, from the fund's volatility) and fund expense ratio (%).
FUND_FACTS = catalogue.FUND_FACTS
UNIT_PRICES: Mapping[str, float] = {
    "CAF": 2.1834, "A65": 1.5521, "MPFCON": 1.0412, "GLBEQ": 3.4410, "HKEQ": 1.9876, "BOND": 1.1203,
}


@dataclass(frozen=True)
class SchemeAccount:
    scheme_code: str
    scheme_zh: str
    scheme_en: str
    account_no: str
    account_type: str  # CONTRIBUTION (current employment), PERSONAL (former employment), TVC, SVC
    units: Mapping[str, float]  # fund code -> units held


@dataclass(frozen=True)
class Contribution:
    account_no: str
    period: str  # YYYY-MM
    paid_on: str  # YYYY-MM-DD
    employer: float
    employee: float


@dataclass(frozen=True)
class Member:
    number: str  # normalised HKID number
    name_en: str
    name_zh: str
    mobile: str  # 8 digits; "" when the platform holds none
    accounts: tuple[SchemeAccount, ...]
    contributions: tuple[Contribution, ...]


_SCHEME = ("SIMMPF", "模擬強積金計劃", "Simulated MPF Scheme")

MEMBERS: Mapping[str, Member] = {m.number: m for m in (
    Member("A1234563", "CHAN TAI MAN", "陳大文", "91234567",
           (SchemeAccount(*_SCHEME, "ACC-0001", "CONTRIBUTION", {"CAF": 41230.5512, "HKEQ": 8120.0}),
            SchemeAccount(*_SCHEME, "ACC-0002", "PERSONAL", {"A65": 20511.1402}),
            SchemeAccount(*_SCHEME, "TVC-0003", "TVC", {"MPFCON": 14408.9}),),
           (Contribution("ACC-0001", "2026-09", "2026-10-10", 1500.0, 1500.0),
            Contribution("ACC-0001", "2026-10", "2026-11-10", 1500.0, 1500.0),
            Contribution("TVC-0003", "2026-10", "2026-10-15", 0.0, 5000.0))),
    Member("CA1823611", "WONG MEI LING", "黃美玲", "61234567",
           (SchemeAccount(*_SCHEME, "ACC-0101", "CONTRIBUTION", {"CAF": 10200.0}),),
           (Contribution("ACC-0101", "2026-10", "2026-11-10", 1200.0, 1200.0),)),
)}


def member(number: str) -> Member | None:
    return MEMBERS.get(hkid.normalise(number)) if hkid.is_valid(number) else None


def masked_mobile(mobile: str) -> str:
    """`91234567` -> `****4567`: enough for the member to recognise their phone."""
    return "****" + mobile[-4:]


def _fund(code: str, units: float) -> dict[str, Any]:
    names = {f.code: f for f in catalogue.FUNDS}
    risk, fer = FUND_FACTS[code]
    price = UNIT_PRICES[code]
    return {"code": code, "name_zh": names[code].name_zh, "name_en": names[code].name_en, "risk_class": risk,
            "fund_expense_ratio_pct": fer, "units": units, "unit_price": price,
            "balance": round(units * price, 2)}


def account_document(m: Member, instructions: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    """The body of POST /v1/members/account for a signed-in member."""
    schemes = []
    for a in m.accounts:
        funds = [_fund(code, units) for code, units in a.units.items()]
        schemes.append({"scheme_code": a.scheme_code, "scheme_zh": a.scheme_zh, "scheme_en": a.scheme_en,
                        "account_no": a.account_no, "account_type": a.account_type, "funds": funds,
                        "balance": round(sum(f["balance"] for f in funds), 2)})
    return {
        "registered": True,
        "as_of": as_of,
        "member": {"name_en": m.name_en, "name_zh": m.name_zh, "mobile_masked": masked_mobile(m.mobile)},
        "schemes": schemes,
        "recent_contributions": [
            {"account_no": c.account_no, "period": c.period, "paid_on": c.paid_on, "employer": c.employer,
             "employee": c.employee} for c in m.contributions],
        "instructions": instructions,
    }


def unregistered_document(as_of: str) -> dict[str, Any]:
    return {"registered": False, "as_of": as_of, "member": None, "schemes": [], "recent_contributions": [],
            "instructions": []}
