"""`kiosk validate`: the same rules, headless, for support staff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.domain import TYPES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["validate", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("type_code", list(TYPES))
def test_every_example_validates(type_code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--example", type_code)
    assert code == 0
    doc = json.loads(out)
    assert doc["type"] == type_code
    f = tmp_path / "x.json"
    f.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, str(f))
    assert code == 0 and out.strip().splitlines()[-1] == "ok"


def test_mismatch_is_reported_with_the_computed_amount(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(cli_example(capsys, "CONTRIBUTION_DATA"))
    doc["values"]["members"][0]["employee_mandatory"] = "0"
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run(capsys, str(f), "--lang", "en")
    assert code == 1
    (line,) = out.strip().splitlines()
    c, field, message = line.split("\t")
    assert (c, field) == ("CONTRIBUTION_MISMATCH", "members[1].employee_mandatory")
    assert "should be HK$1,500.00" in message and "第" not in message


def cli_example(capsys: pytest.CaptureFixture[str], type_code: str) -> str:
    _, out, _ = run(capsys, "--example", type_code)
    return out


def test_today_and_member_make_the_check_reproducible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = {"type": "FUND_SWITCH", "values": {"scheme_account": "ACC-0001", "allocation": {"CAF": 100}}}
    f = tmp_path / "fs.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    _, before, _ = run(capsys, str(f), "--today", "2026-11-26T15:59", "--lang", "en")
    _, after, _ = run(capsys, str(f), "--today", "2026-11-26T16:00", "--lang", "en")
    assert "NOTE_CUTOFF_TODAY" in before and "(2026-11-26)" in before
    assert "NOTE_CUTOFF_NEXT" in after and "2026-11-27" in after
    claim = {"type": "WITHDRAWAL_CLAIM", "member": {"hkid": "A123456(3)", "date_of_birth": "1961-11-27",
                                                    "signed_in_by": "sms_otp"},
             "values": {"ground": "AGE_65", "payment": "LUMP_SUM", "bank_account": "004-123-456789",
                        "bank_own": "yes", "declaration": "yes"}}
    f.write_text(json.dumps(claim), encoding="utf-8")
    code, out, _ = run(capsys, str(f), "--today", "2026-11-26")
    assert code == 1 and out.startswith("AGE_NOT_REACHED\tground\t") and "2026-11-27" in out
    assert run(capsys, str(f), "--today", "2026-11-27")[0] == 0


@pytest.mark.parametrize("argv", [["--example", "NOPE"], ["--today", "tomorrow", "-"], []])
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("{}"))
    code, _, err = run(capsys, *argv)
    assert code == 2 and err
