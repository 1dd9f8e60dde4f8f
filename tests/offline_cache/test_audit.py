"""The audit log on real files: appends chain, and every kind of tampering is found by verify."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.ports.audit import AuditEvent
from offline_cache.audit import FileAuditLog, load_key, open_audit_log


def _write(log: FileAuditLog, n: int) -> None:
    for i in range(n):
        log.record(AuditEvent.SYNC_FORCED.value, role="staff", actor="S001", shop="SHOP-01", outcome="ok",
                   detail={"n": i})


def _lines(log: FileAuditLog) -> list[bytes]:
    return log.path.read_bytes().splitlines(keepends=True)


@pytest.fixture
def log(tmp_path: Path) -> FileAuditLog:
    return FileAuditLog(tmp_path / "audit", load_key(tmp_path / "keys"))


def test_each_line_carries_the_previous_hash(log: FileAuditLog) -> None:
    _write(log, 3)
    docs = [json.loads(x) for x in _lines(log)]
    assert [d["seq"] for d in docs] == [1, 2, 3]
    assert docs[0]["prev"] == "0" * 64
    assert docs[1]["prev"] == docs[0]["hash"] and docs[2]["prev"] == docs[1]["hash"]
    assert {d["event"] for d in docs} == {"sync.forced"}
    assert docs[0]["role"] == "staff" and docs[0]["shop"] == "SHOP-01" and docs[0]["outcome"] == "ok"
    assert len({d["id"] for d in docs}) == 3
    result = log.verify()
    assert result.ok and result.lines == 3


def test_unregistered_event_or_outcome_is_refused(log: FileAuditLog) -> None:
    with pytest.raises(ValueError):
        log.record("staff.made_up", role="staff", actor="S001", shop="X", outcome="ok")
    with pytest.raises(ValueError):
        log.record("staff.sign_in", role="staff", actor="S001", shop="X", outcome="maybe")
    with pytest.raises(TypeError):
        log.record("staff.sign_in", role="staff", actor="S001", shop="X", outcome="ok",
                   detail={"x": ["nested"]})  # type: ignore[dict-item]
    assert not log.path.exists()


def test_an_edited_line_is_found(log: FileAuditLog) -> None:
    _write(log, 4)
    lines = _lines(log)
    lines[1] = lines[1].replace(b'"actor":"S001"', b'"actor":"S999"')
    log.path.write_bytes(b"".join(lines))
    result = log.verify()
    assert not result.ok
    assert [(p.line, p.kind) for p in result.problems] == [(2, "edited")]


def test_a_removed_line_is_found(log: FileAuditLog) -> None:
    _write(log, 4)
    lines = _lines(log)
    del lines[1]
    log.path.write_bytes(b"".join(lines))
    kinds = [(p.line, p.kind) for p in log.verify().problems]
    assert (2, "removed") in kinds


def test_reordered_lines_are_found(log: FileAuditLog) -> None:
    _write(log, 4)
    lines = _lines(log)
    lines[1], lines[2] = lines[2], lines[1]
    log.path.write_bytes(b"".join(lines))
    kinds = {p.kind for p in log.verify().problems}
    assert "reordered" in kinds


def test_lines_cut_off_the_end_are_found(log: FileAuditLog) -> None:
    _write(log, 4)
    lines = _lines(log)
    log.path.write_bytes(b"".join(lines[:2]))
    problems = log.verify().problems
    assert [p.kind for p in problems] == ["truncated"]


def test_a_deleted_head_is_reported(log: FileAuditLog) -> None:
    _write(log, 2)
    log.head_path.unlink()
    assert [p.kind for p in log.verify().problems] == ["head_missing"]


def test_a_forged_chain_without_the_key_is_found(tmp_path: Path, log: FileAuditLog) -> None:
    """Someone rewrites the whole file with their own key: every line fails against ours."""
    _write(log, 2)
    forger = FileAuditLog(tmp_path / "forged", b"\x01" * 32)
    _write(forger, 2)
    log.path.write_bytes(forger.path.read_bytes())
    log.head_path.write_bytes(forger.head_path.read_bytes())
    kinds = [p.kind for p in log.verify().problems]
    assert kinds.count("edited") >= 2


def test_a_line_cut_by_a_power_cut_is_reported_and_the_log_goes_on(log: FileAuditLog) -> None:
    _write(log, 2)
    with log.path.open("ab") as f:
        f.write(b'{"seq": 3, "id": "x')  # the machine lost power mid-write
    assert [p.kind for p in log.verify().problems] == ["incomplete"]
    _write(log, 1)
    docs = [json.loads(x) for x in _lines(log) if x.strip().endswith(b"}")]
    assert docs[-1]["seq"] == 3 and docs[-1]["prev"] == docs[1]["hash"]
    kinds = [(p.line, p.kind) for p in log.verify().problems]
    assert kinds == [(3, "unreadable")]


def _append_many(data_dir: str, n: int) -> None:
    log = open_audit_log(Path(data_dir))
    _write(log, n)


def test_two_processes_appending_keep_one_chain(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_many, args=(str(tmp_path), 25)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    log = open_audit_log(tmp_path)
    result = log.verify()
    assert result.ok, result.problems
    assert result.lines == 50


def test_cli_audit_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = open_audit_log(tmp_path)
    _write(log, 3)
    assert cli.main(["audit", "verify", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "3" in out and "ok" in out.lower()
    lines = _lines(log)
    lines[0] = lines[0].replace(b'"outcome":"ok"', b'"outcome":"refused"')
    log.path.write_bytes(b"".join(lines))
    assert cli.main(["audit", "verify", "--data-dir", str(tmp_path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["problems"][0]["line"] == 1 and report["problems"][0]["kind"] == "edited"
