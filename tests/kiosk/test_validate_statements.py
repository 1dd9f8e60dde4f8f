"""`kiosk validate` on employers' statements with an "employer" block (docs/examples/statement-*.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.mark.parametrize(
    ("name", "today", "exit_code", "first"),
    [
        ("statement-tiered-ok.json", "2026-11-05", 0, "note\tNOTE_PAYING_COMPANY"),
        ("statement-no-paying-company.json", "2026-11-05", 1, "REQUIRED\tpaying_company_br"),
        ("statement-other-company.json", "2026-11-05", 1, "PAYING_COMPANY_NOT_EMPLOYERS\tpaying_company_br"),
        ("statement-basic-salary-missing.json", "2026-11-05", 1, "VC_INPUT_REQUIRED\tmembers[1].basic_salary"),
        ("statement-late.json", "2026-12-20", 0, "note\tNOTE_PAYING_COMPANY"),
    ],
)
def test_statements_against_the_employers_data(name: str, today: str, exit_code: int, first: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["validate", "--today", today, str(EXAMPLES / name)])
    out = capsys.readouterr().out.splitlines()
    assert code == exit_code
    assert out[0].startswith(first)
    if name == "statement-late.json":
        assert out[-2].startswith("warning\tWARN_CONTRIBUTION_OVERDUE") and "HK$250.00" in out[-2]
        assert out[-1] == "ok"


def test_an_employer_block_that_does_not_hold_together_is_refused(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads((EXAMPLES / "statement-tiered-ok.json").read_text(encoding="utf-8"))
    doc["employer"]["plans"][0]["basis"] = "OTHER"
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    assert cli.main(["validate", str(f)]) == 2
    assert "unknown basis OTHER" in capsys.readouterr().err
