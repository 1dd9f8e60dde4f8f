"""A statement's members from a CSV file (kiosk/domain/statement_csv.py): the bilingual template,
row-numbered bilingual errors, nothing partial."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.domain import FormContext, get_type, validate
from kiosk.domain.employer import employer_from_doc
from kiosk.domain.forms.contribution import MAX_MEMBERS
from kiosk.domain.statement_csv import TEMPLATE_HEADER, parse_statement_csv, template_csv
from platform_sim.employers import employer_document

TEMPLATE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "statement-template.csv"
HEADER = ("成員帳戶號碼 / Member account number,有關入息 / Relevant income,"
          "僱主強制性供款 / Employer mandatory contribution,僱員強制性供款 / Employee mandatory contribution,"
          "僱主自願性供款 / Employer voluntary contribution,基本薪金 / Basic salary\r\n")


def test_the_documented_template_is_the_one_the_parser_reads() -> None:
    assert TEMPLATE.read_bytes().decode("utf-8") == template_csv()
    parsed = parse_statement_csv(TEMPLATE.read_bytes())
    assert parsed.errors == [] and parsed.rows[0]["member_account_no"] == "MB-0001"
    assert all(" / " in cell for cell in TEMPLATE_HEADER)


@pytest.mark.parametrize(
    "header",
    [HEADER,
     "member_account_no,relevant_income,employer_mandatory,employee_mandatory,employer_voluntary,basic_salary\n",
     "成員帳戶號碼,有關入息,僱主強制性供款,僱員強制性供款,僱主自願性供款,基本薪金\n",
     "Member account number,RELEVANT INCOME,Employer mandatory contribution,Employee mandatory contribution,"
     "Employer voluntary contribution,Basic salary\n"],
)
def test_headers_in_either_language_or_by_code(header: str) -> None:
    data = (header + "ACC-0101,20000,1000,1000,2000,\nACC-0001,\"30,000\",1500,1500,2400,24000\n").encode()
    parsed = parse_statement_csv(b"\xef\xbb\xbf" + data)  # Excel's BOM too
    assert parsed.errors == []
    assert [r["relevant_income"] for r in parsed.rows] == ["20000.00", "30000.00"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("ACC-0101,abc,1000,1000,,\n", [("CSV_CELL", "members[1].relevant_income", "File line 2 (member 1)")]),
        ("ACC-0101,20000,1000,1000,,\n\nMB-1,20000,1000,1000,,,,extra\n",
         [("CSV_ROW_WIDTH", "members[2]", "File line 4 (member 2)")]),
        (",20000,1000,1000,,\n", [("CSV_CELL", "members[1].hkid", "needs an HKID number or a member account")]),
        ("ACC-0101,20000,1000,1000,,\nACC-0001,1,2,3,-5,\n",
         [("CSV_CELL", "members[2].employer_voluntary", "File line 3 (member 2)")]),
    ],
)
def test_every_problem_names_its_line_and_member_and_nothing_is_kept(body: str,
                                                                     expected: list[tuple[str, str, str]]) -> None:
    parsed = parse_statement_csv((HEADER + body).encode())
    assert parsed.rows == []
    assert [(e.code, e.field) for e in parsed.errors] == [(c, f) for c, f, _ in expected]
    for e, (_, _, words) in zip(parsed.errors, expected, strict=True):
        assert words in e.message_en and "檔案第" in e.message_zh


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "CSV_EMPTY"),
        (HEADER.encode(), "CSV_EMPTY"),
        ("有關入息,僱主強制性供款\n1,2\n".encode(), "CSV_MISSING_COLUMN"),
        (b"hkid,relevant_income,employer_mandatory,employee_mandatory,bonus\n", "CSV_UNKNOWN_COLUMN"),
        (b"hkid,hkid,relevant_income,employer_mandatory,employee_mandatory\n", "CSV_DUPLICATE_COLUMN"),
        (HEADER.encode("utf-16"), "CSV_ENCODING"),
        ("成員帳戶號碼,有關入息\n".encode("big5"), "CSV_ENCODING"),
        (b"x" * (2 * 1024 * 1024 + 1), "CSV_TOO_LARGE"),
        ((HEADER + "MB-1,1,1,0,,\n" * (MAX_MEMBERS + 1)).encode(), "CSV_TOO_MANY"),
    ],
)
def test_a_file_that_is_not_a_statement_says_why(data: bytes, code: str) -> None:
    parsed = parse_statement_csv(data)
    assert parsed.rows == [] and parsed.errors[0].code == code
    assert parsed.errors[0].message_zh != parsed.errors[0].message_en


def test_rows_from_a_file_go_through_the_statements_own_rules() -> None:
    data = (HEADER + "ACC-0101,20000,1000,1000,2000,\nMB-2003,18000,900,900,800,\n").encode()
    parsed = parse_statement_csv(data)
    values = {"scheme_registration_no": "MT24680", "employer_account_no": "ER-2001",
              "paying_company_br": "31234567-000", "wage_period": "MONTHLY", "period_start": "2026-10-01",
              "period_end": "2026-10-31", "members": parsed.rows, "er_vc_period_start": "2026-10-01",
              "er_vc_period_end": "2026-10-31"}
    ctx = FormContext.on("2026-11-05", employer=employer_from_doc(employer_document("EMP-0001")))
    _, errors = validate(get_type("CONTRIBUTION_DATA"), values, ctx)
    assert [(e.code, e.field) for e in errors] == [("VC_INPUT_REQUIRED", "members[2].basic_salary")]
