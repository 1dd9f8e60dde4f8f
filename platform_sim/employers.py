"""Employers as the simulated platform holds them: fictional seed data for the demo and tests.

Every name and number here is made up. Each employer has its authorised persons (by the HKID
number of members in platform_sim/accounts.py), its companies (business registration numbers),
the schemes it joins (with its participation number in each), its employees on each scheme and the
voluntary-contribution plan agreed for each (the bases of kiosk/domain/vc_plans.py).

- EMP-0001 海港燈籠集團 / Harbour Lantern Group: two companies; authorised person A123456(3); 30
  more staff (MB-2010 to MB-2039, plans in turn) so that a statement from a file has rows enough.
- EMP-0002 九龍水煲茶樓 / Kowloon Kettle Tea House: one company; authorised person CA182361(1).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from platform_sim import hkid

_PLANS_IN_TURN = ("SERVICE", "BASIC-5", "MATCH", "FIXED-500", "GRADE")


def _staff(n: int) -> dict[str, Any]:
    """A generated employee of EMP-0001 on scheme MT24680 (fictional, like everything here)."""
    return {"scheme_registration_no": "MT24680", "member_account_no": f"MB-{2010 + n}",
            "name_en": f"STAFF MEMBER {n + 1}", "plan": _PLANS_IN_TURN[n % len(_PLANS_IN_TURN)],
            "grade": "AB"[n % 2], "service_from": f"{2010 + n % 15}-04-01"}


EMPLOYERS: Mapping[str, dict[str, Any]] = {
    "EMP-0001": {
        "employer_id": "EMP-0001", "name_zh": "海港燈籠集團", "name_en": "HARBOUR LANTERN GROUP",
        "authorised": ("A1234563",),
        "companies": [
            {"br_no": "31234567-000", "name_zh": "海港燈籠貿易有限公司", "name_en": "HARBOUR LANTERN TRADING LIMITED"},
            {"br_no": "31234568-000", "name_zh": "海港燈籠物流有限公司",
             "name_en": "HARBOUR LANTERN LOGISTICS LIMITED"},
        ],
        "schemes": [
            {"registration_no": "MT24680", "name_zh": "模擬強積金計劃", "name_en": "Simulated MPF Scheme",
             "participation_no": "ER-2001"},
            {"registration_no": "MT13579", "name_zh": "模擬強積金計劃（乙）", "name_en": "Simulated MPF Scheme B",
             "participation_no": "ER-2002"},
        ],
        "plans": [
            {"code": "SERVICE", "basis": "TIERED_SERVICE", "on": "relevant_income",
             "tiers": [{"key": "0", "rate": 0}, {"key": "2", "rate": 5}, {"key": "10", "rate": 10}]},
            {"code": "GRADE", "basis": "TIERED_GRADE", "on": "basic_salary",
             "tiers": [{"key": "A", "rate": 10}, {"key": "B", "rate": 5}], "cap": 2500},
            {"code": "BASIC-5", "basis": "PERCENT_BASIC", "rate": 5},
            {"code": "MATCH", "basis": "MATCH_EE", "rate": 100, "cap": 1000},
            {"code": "FIXED-500", "basis": "FIXED", "amount": 500},
        ],
        "employees": [
            {"scheme_registration_no": "MT24680", "member_account_no": "ACC-0101", "hkid": "CA182361(1)",
             "name_en": "WONG MEI LING", "plan": "SERVICE", "service_from": "2015-03-01"},
            {"scheme_registration_no": "MT24680", "member_account_no": "ACC-0001", "hkid": "A123456(3)",
             "name_en": "CHAN TAI MAN", "plan": "GRADE", "grade": "A"},
            {"scheme_registration_no": "MT24680", "member_account_no": "MB-2003", "name_en": "LEE KA YAN",
             "plan": "BASIC-5"},
            {"scheme_registration_no": "MT24680", "member_account_no": "MB-2004", "name_en": "HO CHUN KIT",
             "plan": "MATCH"},
            {"scheme_registration_no": "MT24680", "member_account_no": "MB-2005", "name_en": "NG SIU FONG",
             "plan": ""},
            {"scheme_registration_no": "MT13579", "member_account_no": "MB-2101", "name_en": "YIP WING SZE",
             "plan": "FIXED-500"},
            *(_staff(n) for n in range(30)),
        ],
    },
    "EMP-0002": {
        "employer_id": "EMP-0002", "name_zh": "九龍水煲茶樓", "name_en": "KOWLOON KETTLE TEA HOUSE",
        "authorised": ("CA1823611",),
        "companies": [
            {"br_no": "41234567-000", "name_zh": "九龍水煲茶樓有限公司", "name_en": "KOWLOON KETTLE TEA HOUSE LIMITED"},
        ],
        "schemes": [
            {"registration_no": "MT24680", "name_zh": "模擬強積金計劃", "name_en": "Simulated MPF Scheme",
             "participation_no": "ER-3001"},
        ],
        "plans": [
            {"code": "RI-5", "basis": "PERCENT_RI", "rate": 5, "cap": 1500},
            {"code": "ABOVE-MAX", "basis": "PERCENT_RI_ABOVE_MAX", "rate": 5},
        ],
        "employees": [
            {"scheme_registration_no": "MT24680", "member_account_no": "MB-3001", "name_en": "TSANG MAN WAI",
             "plan": "RI-5"},
            {"scheme_registration_no": "MT24680", "member_account_no": "MB-3002", "name_en": "LAU KWOK HUNG",
             "plan": "ABOVE-MAX"},
        ],
    },
}


def employer_document(employer_id: str) -> dict[str, Any]:
    """The body of POST /v1/employers/account: the employer without its authorised persons."""
    return {k: v for k, v in EMPLOYERS[employer_id].items() if k != "authorised"}


def authorised(employer_id: str, number: str) -> bool:
    employer = EMPLOYERS.get(employer_id)
    return employer is not None and hkid.normalise(number) in employer["authorised"]


def by_participation(scheme_registration_no: Any, participation_no: Any) -> dict[str, Any] | None:
    """The employer with that participation number in that scheme (how a statement names its employer)."""
    for employer in EMPLOYERS.values():
        for s in employer["schemes"]:
            if s["registration_no"] == scheme_registration_no and s["participation_no"] == participation_no:
                return employer
    return None
