"""A statement file in the documented template (docs/examples/statement-template.csv) for the
simulator's employer EMP-0001: 30 of its staff, amounts as its agreed plans give them, except the
employer voluntary contribution of the rows asked to be wrong."""

from __future__ import annotations

import csv
import io
from typing import Any

from kiosk.domain.employer import Employer
from kiosk.domain.forms.contribution import ROW_FIELDS
from kiosk.domain.forms.contribution_vc import recomputed
from kiosk.domain.model import FormContext
from kiosk.domain.statement_csv import TEMPLATE_HEADER
from kiosk.domain.vc_plans import Expected

# The statement's other steps for EMP-0001, October 2026 (scheme MT24680, the second company pays).
HEAD: dict[str, Any] = {
    "scheme_registration_no": "MT24680", "employer_account_no": "ER-2001", "paying_company_br": "31234568-000",
    "wage_period": "MONTHLY", "period_start": "2026-10-01", "period_end": "2026-10-31",
    "er_vc_period_start": "2026-10-01", "er_vc_period_end": "2026-10-31",
    "ee_vc_basis": "FIXED", "ee_vc_amount": "200", "ee_vc_period_start": "2026-10-01",
    "ee_vc_period_end": "2026-10-31"}
WRONG_VC = "1.00"


def statement_rows(employer: Employer, ctx: FormContext, head: dict[str, Any] = HEAD) -> list[dict[str, str]]:
    """30 rows, right: the staff MB-2010 to MB-2039, mandatory 5% of relevant income, the employer
    VC its plan gives."""
    staff = [e for e in employer.employees if e.member_account_no.startswith("MB-")
             and 2010 <= int(e.member_account_no[3:]) < 2040]
    rows = []
    for i, e in enumerate(staff):
        income = 12000 + 500 * i  # below the 30,000 maximum: mandatory is 5% of it
        row = {"member_account_no": e.member_account_no, "relevant_income": f"{income}.00",
               "employer_mandatory": f"{income * 0.05:.2f}", "employee_mandatory": f"{income * 0.05:.2f}",
               "basic_salary": f"{income - 2000}.00", "employee_voluntary": "200.00"}
        vc = recomputed(row, head, ctx, "er")
        assert isinstance(vc, Expected)
        rows.append({**row, "employer_voluntary": f"{vc.amount:.2f}"})
    assert len(rows) == 30
    return rows


def template_csv_bytes(rows: list[dict[str, str]]) -> bytes:
    """The rows under the template's bilingual header, as a spreadsheet's "CSV UTF-8" saves them."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(TEMPLATE_HEADER)
    for row in rows:
        writer.writerow([row.get(s.name, "") for s in ROW_FIELDS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def with_wrong_vc(rows: list[dict[str, str]], indexes: tuple[int, ...]) -> list[dict[str, str]]:
    out = [dict(r) for r in rows]
    for i in indexes:
        out[i]["employer_voluntary"] = WRONG_VC
    return out
