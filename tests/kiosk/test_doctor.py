"""`kiosk doctor`: each check passes and fails on real conditions (the simulator's clock offset, a
stopped platform, a damaged database, a tampered audit log, an old queue), and the JSON keeps the
keys scripts rely on."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from kiosk import cli, doctor
from kiosk.doctor import Check, DoctorInputs, Status
from kiosk.domain import Identity, Instruction
from offline_cache.audit import open_audit_log
from offline_cache.integrity import quick_check
from offline_cache.keystore import FileKeystore
from offline_cache.outbox import SqliteOutbox
from offline_cache.platform_client import HttpPlatformClient
from offline_cache.staff_actions import read_only_overview
from tests.support.platform import TEST_ENROLMENT_CODE, SimProcess


def inputs_for(data: Path, url: str, **changes: Any) -> DoctorInputs:
    keys = FileKeystore(data / "keys")
    client = HttpPlatformClient(url, keys.device_credentials, timeout_s=3)
    audit = open_audit_log(data)
    db = data / "outbox.sqlite"

    def verify() -> tuple[int, list[str]]:
        r = audit.verify()
        return r.lines, [str(p) for p in r.problems]

    base: dict[str, Any] = dict(
        data_dir=data, db_path=db, platform_url=url, readers=lambda: ["Reader 0"],
        platform_reachable=client.health, clock_skew_s=lambda: client.clock_skew_s,
        enrolled=lambda: keys.device_credentials() is not None, queue=lambda: read_only_overview(db),
        database_check=lambda: quick_check(db), audit_verify=verify)
    base.update(changes)
    return DoctorInputs(**base)


def enrolled_kiosk(tmp_path: Path, sim: SimProcess) -> Path:
    data = tmp_path / "kiosk"
    assert cli.main(["enrol", TEST_ENROLMENT_CODE, "--data-dir", str(data), "--platform-url", sim.url]) == 0
    return data


def statuses(report: doctor.DoctorReport) -> dict[str, str]:
    return {c.name: c.status.value for c in report.checks}


def test_a_healthy_kiosk_passes(tmp_path: Path, platform_sim: SimProcess) -> None:
    data = enrolled_kiosk(tmp_path, platform_sim)
    report = doctor.run(inputs_for(data, platform_sim.url))
    got = statuses(report)
    for name in ("card_readers", "platform", "enrolment", "clock", "disk", "database", "queue", "audit_log"):
        assert got[name] == "pass", (name, report.check(name).summary)
    assert got["versions"] == "info" and report.ok
    assert "all checks passed" in doctor.format_text(report)


@pytest.mark.parametrize(("offset", "expected"), [(120, "warn"), (900, "fail")])
def test_clock_skew_is_judged(tmp_path: Path, offset: int, expected: str) -> None:
    with SimProcess(tmp_path / "sim", enrolment_codes=[TEST_ENROLMENT_CODE],
                    extra_args=["--clock-offset", str(offset)]) as sim:
        data = enrolled_kiosk(tmp_path, sim)
        report = doctor.run(inputs_for(data, sim.url))
    clock = report.check("clock")
    assert clock.status.value == expected
    assert clock.data["skew_s"] == pytest.approx(offset, abs=3)
    assert report.facts["platform"]["clock_skew_s"] == pytest.approx(offset, abs=3)


def test_no_platform_no_enrolment_no_reader(tmp_path: Path) -> None:
    def no_pcsc() -> list[str]:
        raise RuntimeError("EstablishContextException 0x8010001D")
    report = doctor.run(inputs_for(tmp_path, "http://127.0.0.1:9", readers=no_pcsc))
    got = statuses(report)
    assert (got["platform"], got["enrolment"], got["card_readers"], got["clock"]) == ("fail", "fail", "fail", "info")
    assert got["database"] == "warn"  # not created yet
    assert report.facts["readers_error"] == "RuntimeError" and not report.ok
    assert "pcscd" in report.check("card_readers").summary


def test_damaged_database_tampered_audit_and_full_disk_fail(tmp_path: Path) -> None:
    (tmp_path / "outbox.sqlite").write_bytes(b"this is not a database" * 200)
    audit = open_audit_log(tmp_path)
    audit.record("tech.doctor", role="technician", actor="T900", shop="X", outcome="ok")
    audit.record("tech.doctor", role="technician", actor="T900", shop="X", outcome="ok")
    lines = audit.path.read_bytes().splitlines(keepends=True)
    audit.path.write_bytes(lines[1])  # the first entry removed
    report = doctor.run(inputs_for(tmp_path, "http://127.0.0.1:9", disk_fail_bytes=1 << 62,
                                   queue=lambda: []))
    got = statuses(report)
    assert got["database"] == "fail" and "damaged" in report.check("database").summary
    assert got["audit_log"] == "fail" and "removed" in report.check("audit_log").summary
    assert got["disk"] == "fail" and "refuses" in report.check("disk").summary


def test_an_old_queue_and_rejected_items_are_flagged(tmp_path: Path) -> None:
    keys = FileKeystore(tmp_path / "keys")
    box = SqliteOutbox(tmp_path / "outbox.sqlite", keys.data_key(), keys.member_salt())
    box.enqueue(Instruction("CHANGE_PARTICULARS", Identity("A123456(3)"), {"mobile": "91234567"}))
    box.close()
    db = tmp_path / "outbox.sqlite"
    later = time.time() + 2 * 86400
    report = doctor.run(inputs_for(tmp_path, "http://127.0.0.1:9", queue=lambda: read_only_overview(db, lambda: later)))
    assert report.check("queue").status is Status.FAIL and "over a day" in report.check("queue").summary
    soon = time.time() + 2 * 3600
    report = doctor.run(inputs_for(tmp_path, "http://127.0.0.1:9", queue=lambda: read_only_overview(db, lambda: soon)))
    assert report.check("queue").status is Status.WARN


def test_a_probe_that_raises_is_a_failed_check_not_a_crash(tmp_path: Path) -> None:
    def qr_scanner() -> Check:
        raise OSError("device vanished")
    report = doctor.run(inputs_for(tmp_path, "http://127.0.0.1:9", device_probes=[qr_scanner]))
    check = report.check("qr_scanner")
    assert check.status is Status.FAIL and "OSError" in check.summary


def test_scanner_and_camera_probes(tmp_path: Path) -> None:
    port = tmp_path / "ttyACM0"
    assert doctor.scanner_probe(lambda: [str(port)])().status is Status.FAIL
    port.write_text("")
    assert doctor.scanner_probe(lambda: [str(port)])().status is Status.PASS
    assert doctor.scanner_probe(lambda: [])().status is Status.INFO
    assert doctor.camera_probe(str(tmp_path / "video*"))().status is Status.INFO
    (tmp_path / "video0").write_text("")
    assert doctor.camera_probe(str(tmp_path / "video*"))().status is Status.PASS


def test_cli_json_keeps_the_contract_and_exit_code(tmp_path: Path, platform_sim: SimProcess,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = enrolled_kiosk(tmp_path, platform_sim)
    capsys.readouterr()
    code = cli.main(["doctor", "--json", "--data-dir", str(data), "--platform-url", platform_sim.url])
    report = json.loads(capsys.readouterr().out)
    for key in ("version", "readers", "platform", "queue", "database", "checks", "ok"):
        assert key in report
    assert report["platform"]["url"] == platform_sim.url and report["platform"]["reachable"] is True
    assert isinstance(report["readers"], list) and report["queue"] == {}
    assert report["database"]["path"] == str(data / "outbox.sqlite")
    assert {c["name"] for c in report["checks"]} >= {"versions", "card_readers", "platform", "clock", "disk",
                                                     "database", "queue", "audit_log", "camera", "qr_scanner"}
    assert all(c["status"] in ("pass", "warn", "fail", "info") for c in report["checks"])
    assert code == (0 if report["ok"] else 1)
    # Nothing answers here: the text report says FAIL and the exit status is 1.
    assert cli.main(["doctor", "--data-dir", str(data), "--platform-url", "http://127.0.0.1:9"]) == 1
    text = capsys.readouterr().out
    assert "[FAIL] platform" in text and "[PASS] disk" in text
