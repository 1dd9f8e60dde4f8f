"""The `kiosk` command as scripts and technicians use it, in real subprocesses where it matters."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk import cli
from kiosk.config import KioskConfig
from kiosk.domain import Identity, Instruction
from offline_cache.keystore import FileKeystore
from offline_cache.outbox import SqliteOutbox
from tests.support.platform import NO_SIGN_IN


def run_cli(*args: str, stdin: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, env=env)


@pytest.mark.parametrize("command", [[], ["run"], ["doctor"], ["queue", "list"], ["sync"], ["enrol"], ["validate"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert "usage: kiosk" in result.stdout and "--data-dir" in result.stdout


def test_validate_reports_bilingual_errors_and_exit_code(tmp_path: Path) -> None:
    bad = run_cli("validate", "-", stdin=json.dumps({"type": "CHANGE_PARTICULARS", "values": {"mobile": "123"}}))
    assert bad.returncode == 1
    code, field, message = bad.stdout.strip().split("\t")
    assert (code, field) == ("MOBILE_FORMAT", "mobile")
    assert "8 位數字" in message and "8 digits" in message
    good = tmp_path / "ok.json"
    good.write_text(json.dumps({"type": "CHANGE_PARTICULARS", "values": {"mobile": "91234567"}}))
    ok = run_cli("validate", str(good))
    assert ok.returncode == 0 and ok.stdout.strip() == "ok"
    garbage = run_cli("validate", "-", stdin="not json")
    assert garbage.returncode == 2 and "JSON" in garbage.stderr


def test_run_without_a_display_says_so(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = run_cli("run", "--data-dir", str(tmp_path), env=env)
    assert result.returncode == 2
    assert "No display" in result.stderr and "沒有可用的顯示器" in result.stderr


@pytest.mark.sim_args(*NO_SIGN_IN)  # a typed member's instruction, queued by the CLI without a sign-in
def test_queue_list_and_sync_once(tmp_path: Path, platform_sim: Any, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "kiosk"
    base = ["--data-dir", str(data), "--platform-url", platform_sim.url]
    assert cli.main(["enrol", "TEST-CODE-1", *base]) == 0
    cfg = KioskConfig(data_dir=data)
    keys = FileKeystore(cfg.keystore_dir)
    outbox = SqliteOutbox(cfg.db_path, keys.data_key(), keys.member_salt())
    receipt = outbox.enqueue(Instruction("CHANGE_PARTICULARS", Identity("A123456(3)", name_en="CHAN TAI MAN"),
                                         {"mobile": "91234567"}))
    outbox.close()
    capsys.readouterr()

    assert cli.main(["queue", "list", "--json", *base]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["kiosk_ref"], r["state"]) for r in rows] == [(receipt.kiosk_ref, "queued")]
    assert "A123456" not in json.dumps(rows) and "CHAN TAI MAN" not in json.dumps(rows)

    assert cli.main(["sync", "--once", *base]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["accepted"] == 1 and summary["queue"] == {"accepted": 1}
    assert [i["kiosk_ref"] for i in platform_sim.admin_instructions()] == [receipt.kiosk_ref]


def test_enrol_with_a_used_code_fails_cleanly(tmp_path: Path, platform_sim: Any) -> None:
    base = ["--data-dir", str(tmp_path / "a"), "--platform-url", platform_sim.url]
    assert cli.main(["enrol", "TEST-CODE-1", *base]) == 0
    other = ["--data-dir", str(tmp_path / "b"), "--platform-url", platform_sim.url]
    assert cli.main(["enrol", "TEST-CODE-1", *other]) == 1


@pytest.mark.parametrize("argv", [
    ["run", "--windowed", "--data-dir", "/tmp/x"],
    ["validate", "--example", "list"],
    ["staff", "add", "S001", "--role", "technician", "--pin-stdin"],
    ["update", "status", "--root", "/tmp/r"],
    ["queue", "list"],
])
def test_a_parser_built_for_one_command_reads_it_as_the_whole_parser_does(argv: list[str]) -> None:
    full = cli.build_parser().parse_args(argv)
    only = cli.build_parser(argv[0]).parse_args(argv)
    assert vars(only) == vars(full)
    # and it holds that command alone (what makes `kiosk run` quicker to start)
    sub = next(a for a in cli.build_parser(argv[0])._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == [argv[0]]


def test_the_cli_names_every_staff_command_it_loads_on_demand() -> None:
    from kiosk import staff_cli

    assert set(cli.STAFF_COMMANDS) == set(staff_cli.COMMANDS)
    assert not set(cli.STAFF_COMMANDS) & set(cli.COMMANDS)


def test_version_is_printed_on_stdout() -> None:
    out = subprocess.run([sys.executable, "-m", "kiosk.cli", "--version"], capture_output=True, text=True,
                         timeout=60, check=False)
    assert out.returncode == 0 and out.stdout.startswith("empf-kiosk ") and out.stderr == ""
