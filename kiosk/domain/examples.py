"""A valid filled-in form for every instruction type, with fictional data only.

Used by the tests, the screenshot walk, the startup bench and `kiosk validate --example TYPE`
(support staff start from it). Dates are relative to `today` so the examples stay valid.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def example(code: str, today: dt.date | None = None) -> dict[str, Any]:
    t = today or dt.date.today()
    month_start = (t.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month
    month_end = t.replace(day=1) - dt.timedelta(days=1)
    examples: dict[str, dict[str, Any]] = {
        "MEMBER_REGISTRATION": {  # identified through iAM Smart (a typed HKID cannot register)
            "identity_source": "IAMSMART",
            "name_en": "CHAN TAI MAN", "name_zh": "陳大文", "date_of_birth": "1960-01-01",
            "mobile": "91234567", "email": "chan@example.com", "language": "zh",
        },
        "CHANGE_PARTICULARS": {
            "changes": ["mobile", "address"], "mobile": "91234567",
            "address": "九龍彌敦道1號 12樓A室",
        },
        "FUND_SWITCH": {
            "scheme_account": "ACC-0001", "kind": "BOTH", "allocation": {"CAF": 60, "HKEQ": 40},
            "switch_out": {"GLBEQ": 50}, "switch_in": {"A65": 100},
        },
        "TRANSFER_BENEFITS": {
            "form": "PC", "original_account_type": "PERSONAL", "original_scheme": "EXAMPLE MPF SCHEME A",
            "original_account": "ACC-0002", "new_scheme": "EXAMPLE MPF SCHEME B", "new_account_type": "PERSONAL",
            "new_account": "PA-67890",
        },
        "WITHDRAWAL_CLAIM": {
            "ground": "AGE_65", "date_of_birth": "1960-01-01", "payment": "LUMP_SUM",
            "bank_account": "004-123-456789", "bank_own": "yes", "declaration": "yes",
        },
        "VOLUNTARY_CONTRIBUTION": {
            "vc_type": "TVC", "account_no": "", "frequency": "ONE_OFF", "tvc_paid": "10000",
            "amount": "20000", "payment_method": "DIRECT_DEBIT", "bank_account": "004-123-456789",
        },
        "EMPLOYEE_ENROLMENT": {
            "employer_account_no": "ER-0001", "name_en": "WONG SIU MING", "name_zh": "黃小明", "id_type": "HKID",
            "hkid": "A123456(3)", "date_of_birth": "1990-05-20", "gender": "M",
            "employment_date": (t - dt.timedelta(days=10)).isoformat(),
            "scheme_join_date": (t - dt.timedelta(days=10)).isoformat(), "employee_type": "NEW",
            "mobile": "61234567", "allocation": {"CAF": 100},
        },
        "TERMINATION": {
            "employer_account_no": "ER-0001", "employee_hkid": "A123456(3)", "employee_name": "WONG SIU MING",
            "employment_date": "2020-01-02", "last_day": (t - dt.timedelta(days=3)).isoformat(),
            "reason": "RESIGN", "lsp_sp_paid": "no",
        },
        "CONTRIBUTION_DATA": {
            # The simulator's employer EMP-0001 (platform_sim/employers.py): its scheme, account and
            # first company; its plans give the same VC as 5% of relevant income for these two rows.
            "scheme_registration_no": "MT24680", "employer_account_no": "ER-2001",
            "paying_company": "HARBOUR LANTERN TRADING LIMITED", "paying_company_br": "31234567-000",
            "wage_period": "MONTHLY", "period_start": month_start.isoformat(), "period_end": month_end.isoformat(),
            "members": [
                {"hkid": "A123456(3)", "member_account_no": "ACC-0001", "relevant_income": "30000",
                 "employer_mandatory": "1500", "employee_mandatory": "1500", "employer_voluntary": "1500",
                 "basic_salary": "15000", "grade": "A"},
                {"member_account_no": "MB-2003", "relevant_income": "6000", "employer_mandatory": "300",
                 "employee_mandatory": "0", "employer_voluntary": "300", "basic_salary": "6000"},
            ],
            "er_vc_basis": "PERCENT_RI", "er_vc_rate": "5", "er_vc_period_start": month_start.isoformat(),
            "er_vc_period_end": month_end.isoformat(),
        },
    }
    return examples[code]
