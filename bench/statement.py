"""A 500-member contribution statement from a file, to the rows an employer reviews, beside a raw parse.

    .venv/bin/python bench/statement.py              # 500 members, 15 rounds
    .venv/bin/python bench/statement.py --rows 1000 --rounds 5

What the kiosk does with a statement file from a USB stick before the review screen: parse the CSV
template (kiosk/domain/statement_csv.py, every cell checked), run the statement's rules against the
employer's data (every member's mandatory contributions and VC recomputed from their agreed plan,
kiosk/domain/forms/contribution*.py) and make the review notices (`validate_ms`). The file and the
employer are fictional and generated first (not timed): employees spread over every VC basis in
kiosk/domain/vc_plans.py, amounts correct, so the rules find nothing. The baseline is Python's
`csv.reader` over the same bytes in the same run (`raw_ms`): the least any reader of the file
costs. Medians of the rounds. The last line is JSON: rows, validate_ms, raw_ms, ratio.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.domain import FormContext, explain, get_type, validate  # noqa: E402
from kiosk.domain.employer import Employer, employer_from_doc  # noqa: E402
from kiosk.domain.forms.contribution_vc import recomputed  # noqa: E402
from kiosk.domain.statement_csv import TEMPLATE_HEADER, parse_statement_csv  # noqa: E402
from kiosk.domain.vc_plans import Expected  # noqa: E402

PLANS: list[dict[str, Any]] = [
    {"code": "RI", "basis": "PERCENT_RI", "rate": 5, "cap": 1500},
    {"code": "ABOVE", "basis": "PERCENT_RI_ABOVE_MAX", "rate": 5},
    {"code": "BASIC", "basis": "PERCENT_BASIC", "rate": 7},
    {"code": "TOPUP", "basis": "TOPUP_BASIC", "rate": 12},
    {"code": "FIXED", "basis": "FIXED", "amount": 500},
    {"code": "SERVICE", "basis": "TIERED_SERVICE", "tiers": [{"key": "0", "rate": 0}, {"key": "2", "rate": 5},
                                                             {"key": "10", "rate": 10}]},
    {"code": "GRADE", "basis": "TIERED_GRADE", "on": "basic_salary",
     "tiers": [{"key": "A", "rate": 10}, {"key": "B", "rate": 5}], "cap": 2500},
    {"code": "MATCH", "basis": "MATCH_EE", "rate": 100, "cap": 1000},
]
BASE = {"scheme_registration_no": "MT24680", "employer_account_no": "ER-9001", "paying_company_br": "51234567-000",
        "wage_period": "MONTHLY", "period_start": "2026-10-01", "period_end": "2026-10-31",
        "er_vc_period_start": "2026-10-01", "er_vc_period_end": "2026-10-31",
        "ee_vc_basis": "FIXED", "ee_vc_amount": "300", "ee_vc_period_start": "2026-10-01",
        "ee_vc_period_end": "2026-10-31"}


def employer(rows: int) -> Employer:
    return employer_from_doc({
        "employer_id": "EMP-BENCH", "name_zh": "測試僱主", "name_en": "BENCH EMPLOYER",
        "companies": [{"br_no": "51234567-000", "name_zh": "測試公司", "name_en": "BENCH LIMITED"},
                      {"br_no": "51234568-000", "name_zh": "測試分公司", "name_en": "BENCH TWO LIMITED"}],
        "schemes": [{"registration_no": "MT24680", "name_zh": "計劃", "name_en": "Scheme",
                     "participation_no": "ER-9001"}],
        "plans": PLANS,
        "employees": [{"scheme_registration_no": "MT24680", "member_account_no": f"MB-{i:05d}",
                       "plan": PLANS[i % len(PLANS)]["code"], "grade": "AB"[i % 2],
                       "service_from": f"{2000 + i % 25}-0{1 + i % 9}-15"} for i in range(rows)],
    })


def statement_file(who: Employer) -> bytes:
    """A correct statement for every employee, in the template (generated, not timed)."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(TEMPLATE_HEADER)
    ctx = FormContext.on("2026-11-05", employer=who)
    names = [h.split(" / ")[1] for h in TEMPLATE_HEADER]
    for i, e in enumerate(who.employees):
        income = Decimal(9000 + (i * 137) % 40000)
        mandatory = (min(income, Decimal(30000)) * Decimal("0.05")).quantize(Decimal("0.01"))
        row: dict[str, Any] = {"member_account_no": e.member_account_no, "relevant_income": f"{income:.2f}",
                               "employer_mandatory": f"{mandatory:.2f}", "employee_mandatory": f"{mandatory:.2f}",
                               "employee_voluntary": "300.00", "basic_salary": f"{income * Decimal('0.8'):.2f}"}
        vc = recomputed(row, BASE, ctx, "er")
        assert isinstance(vc, Expected), (e.plan, vc)
        row["employer_voluntary"] = f"{vc.amount:.2f}"
        by_label = {"Member account number": "member_account_no", "Relevant income": "relevant_income",
                    "Employer mandatory contribution": "employer_mandatory",
                    "Employee mandatory contribution": "employee_mandatory",
                    "Employer voluntary contribution": "employer_voluntary",
                    "Employee voluntary contribution": "employee_voluntary", "Basic salary": "basic_salary"}
        out.writerow([row.get(by_label.get(n, ""), "") for n in names])
    return buf.getvalue().encode("utf-8")


def file_to_review(data: bytes, ctx: FormContext) -> tuple[int, int]:
    parsed = parse_statement_csv(data)
    cd = get_type("CONTRIBUTION_DATA")
    values, errors = validate(cd, {**BASE, "members": parsed.rows}, ctx)
    notes = explain(cd, values, ctx) if not errors else []
    return len(parsed.rows), len(parsed.errors) + len(errors) + (0 if notes else 1)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=500, help="members in the statement (default 500, at most 1000)")
    p.add_argument("--rounds", type=int, default=15, help="rounds measured (default 15)")
    args = p.parse_args()
    rows, rounds = max(1, min(args.rows, 1000)), max(1, min(args.rounds, 1000))
    who = employer(rows)
    data = statement_file(who)
    ctx = FormContext.on("2026-11-05", employer=who)
    got, problems = file_to_review(data, ctx)  # warm up, and check the generated file is clean
    if got != rows or problems:
        print(f"the generated statement is not clean: {got} rows, {problems} problems", file=sys.stderr)
        return 1
    validate_s, raw_s = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        raw_rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        raw_s.append(time.perf_counter() - started)
        assert len(raw_rows) == rows + 1
        started = time.perf_counter()
        file_to_review(data, ctx)
        validate_s.append(time.perf_counter() - started)
    validate_ms, raw_ms = statistics.median(validate_s) * 1000, statistics.median(raw_s) * 1000
    print(f"file: {len(data):,} bytes, {rows} members over {len(PLANS)} VC bases, {rounds} rounds")
    print(f"file to reviewed rows (parse, rules, notices): median {validate_ms:.1f} ms")
    print(f"raw csv.reader of the same file:               median {raw_ms:.2f} ms")
    print(json.dumps({"rows": rows, "validate_ms": round(validate_ms, 2), "raw_ms": round(raw_ms, 3),
                      "ratio": round(validate_ms / raw_ms, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
