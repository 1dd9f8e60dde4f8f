"""An employer's statement end to end, headless: the authorised person signs in (SMS code) and the
kiosk fetches the employer's data from the simulator; a 30-row file is read; the two flagged rows
are fixed; the statement is confirmed, queued and delivered once. The same statement naming a
company that is not the employer's is refused by the kiosk, and by the simulator if sent anyway.
(The employer screens are not built yet: this drives the domain, the client, the outbox and sync.)"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from kiosk.domain import FormContext, Identity, Instruction, build, get_type, validate
from kiosk.domain.employer import Employer
from kiosk.domain.forms.contribution_vc import recomputed
from kiosk.domain.statement_csv import parse_statement_csv
from kiosk.domain.vc_plans import Expected
from offline_cache.employer_client import EmployerPlatformClient
from tests.support.platform import SimProcess
from tests.support.sign_in import DEMO_HKID, sign_in_by_sms
from tests.support.sync import KioskParts

CD = get_type("CONTRIBUTION_DATA")
HEAD: dict[str, Any] = {
    "scheme_registration_no": "MT24680", "employer_account_no": "ER-2001", "paying_company_br": "31234568-000",
    "wage_period": "MONTHLY", "period_start": "2026-10-01", "period_end": "2026-10-31",
    "er_vc_period_start": "2026-10-01", "er_vc_period_end": "2026-10-31",
    "ee_vc_basis": "FIXED", "ee_vc_amount": "200", "ee_vc_period_start": "2026-10-01",
    "ee_vc_period_end": "2026-10-31"}
COLUMNS = ("member_account_no", "relevant_income", "employer_mandatory", "employee_mandatory", "basic_salary",
           "employee_voluntary", "employer_voluntary")


def payroll_file(employer: Employer, ctx: FormContext) -> tuple[bytes, list[dict[str, str]]]:
    """30 rows as a payroll export would write them (codes as headings), row 7's employer VC wrong
    and row 17's basic salary left out; also the rows as they should be."""
    staff = [e for e in employer.employees if e.member_account_no.startswith("MB-")
             and 2010 <= int(e.member_account_no[3:]) < 2040]  # the 30 staff MB-2010 to MB-2039
    good = []
    for i, e in enumerate(staff):
        income = 12000 + 500 * i  # below the 30,000 maximum: mandatory is 5% of it
        row = {"member_account_no": e.member_account_no, "relevant_income": f"{income}.00",
               "employer_mandatory": f"{income * 0.05:.2f}", "employee_mandatory": f"{income * 0.05:.2f}",
               "basic_salary": f"{income - 2000}.00", "employee_voluntary": "200.00"}
        vc = recomputed(row, HEAD, ctx, "er")
        assert isinstance(vc, Expected)
        good.append({**row, "employer_voluntary": f"{vc.amount:.2f}"})
    flagged = [dict(r) for r in good]
    flagged[6]["employer_voluntary"] = "1.00"
    flagged[16]["basic_salary"] = ""  # MB-2026, on the 5%-of-basic-salary plan
    buf = io.StringIO()
    writer = csv.DictWriter(buf, COLUMNS)
    writer.writeheader()
    writer.writerows(flagged)
    return buf.getvalue().encode(), good


def test_sign_in_import_fix_confirm_deliver_once(platform_sim: SimProcess, tmp_path: Path) -> None:
    kiosk = KioskParts(tmp_path / "kiosk", platform_sim.url)
    kiosk.enrol(platform_sim, "TEST-CODE-1")
    employer_client = EmployerPlatformClient(platform_sim.url, kiosk.keystore.device_credentials, timeout_s=5)
    try:
        employer = employer_client.employer_account(sign_in_by_sms(employer_client, platform_sim), "EMP-0001")
        ctx = FormContext.on("2026-11-05", employer=employer)
        data, good = payroll_file(employer, ctx)

        parsed = parse_statement_csv(data)
        assert parsed.errors == [] and len(parsed.rows) == 30
        _, errors = validate(CD, {**HEAD, "members": parsed.rows}, ctx)
        assert sorted((e.code, e.field) for e in errors) == [
            ("VC_INPUT_REQUIRED", "members[17].basic_salary"), ("VC_MISMATCH", "members[7].employer_voluntary")]
        assert all(e.message_zh and e.message_en for e in errors)

        rows = [dict(r) for r in parsed.rows]  # the employer fixes the two rows the kiosk flagged
        rows[6]["employer_voluntary"] = good[6]["employer_voluntary"]
        rows[16]["basic_salary"] = good[16]["basic_salary"]
        confirmed = build("CONTRIBUTION_DATA", Identity(DEMO_HKID), {**HEAD, "members": rows}, ctx)
        kiosk.outbox.enqueue(confirmed)
        kiosk.engine.drain()
        kiosk.engine.drain()  # nothing left to send: no second copy
        held = [h for h in platform_sim.admin_instructions() if h["type"] == "CONTRIBUTION_DATA"]
        assert len(held) == 1 and len(held[0]["payload"]["values"]["members"]) == 30

        wrong = {**HEAD, "members": rows, "paying_company_br": "41234567-000"}  # the tea house's company
        _, errors = validate(CD, wrong, ctx)
        assert [e.code for e in errors] == ["PAYING_COMPANY_NOT_EMPLOYERS"]
        # Sent anyway (a kiosk without the employer's data cannot tell): the platform refuses it.
        kiosk.outbox.enqueue(Instruction("CONTRIBUTION_DATA", Identity(DEMO_HKID),
                                         {**confirmed.values, "paying_company_br": "41234567-000"}))
        kiosk.engine.drain()
        assert platform_sim.admin_rejections()[-1]["reason"]["code"] == "PAYING_COMPANY_NOT_EMPLOYERS"
        assert len([h for h in platform_sim.admin_instructions() if h["type"] == "CONTRIBUTION_DATA"]) == 1
    finally:
        employer_client.close()
        kiosk.close()

