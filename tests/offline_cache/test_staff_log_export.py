"""Log export to a USB folder: known personal values (fictional) planted in the logs and the outbox
must be absent from everything exported; what technicians need to correlate must survive."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.domain import Identity, Instruction
from kiosk.no_card_reader import NoCardReader
from kiosk.ports.staff import Refused, Role, SignInAttempt, SignInMethod
from offline_cache.log_export import ExportRefused, Scrubber, export_logs

# Fictional people. The first is in the outbox (the kiosk knows its values); the second only
# ever appears in the logs (only the shape rules can catch it).
IN_OUTBOX = {"hkid": "A123456(3)", "name_en": "CHAN TAI MAN", "name_zh": "陳大文", "mobile": "91234567",
             "email": "chan.taiman@example.com", "address": "FLAT A, 12/F, 1 EXAMPLE ROAD, KOWLOON"}
ONLY_IN_LOGS = {"hkid": "Z683365(A)", "name_en": "WONG SIU MING", "name_zh": "黃小明", "mobile": "6123 4567",
                "email": "wong.sm@example.org", "bank": "004-123-456789",
                "secret": "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTIzNA=="}
REF = "EK-261126-7QX4M2"
KEY = "550e8400-e29b-41d4-a716-446655440000"

LOG_LINES = [
    f"2026-11-26 13:02:15,123 INFO offline_cache.outbox: queued {REF} key={KEY} type=CHANGE_PARTICULARS",
    "2026-11-26 13:02:16,001 WARNING offline_cache.sync: sync: platform answered HTTP 503",
    # Lines a careless debug statement might have written:
    f"2026-11-26 13:02:17,000 DEBUG ui.form: member {IN_OUTBOX['hkid']} {IN_OUTBOX['name_en']} "
    f"{IN_OUTBOX['name_zh']} mobile={IN_OUTBOX['mobile']} email={IN_OUTBOX['email']}",
    f"2026-11-26 13:02:18,000 DEBUG ui.form: address={IN_OUTBOX['address']} typed as a1234563 and Chan Tai Man",
    f"2026-11-26 13:02:19,000 DEBUG x: {ONLY_IN_LOGS['hkid']} Z6833650 {ONLY_IN_LOGS['name_en']} "
    f"{ONLY_IN_LOGS['name_zh']} +852 {ONLY_IN_LOGS['mobile']} {ONLY_IN_LOGS['email']}",
    f"2026-11-26 13:02:20,000 DEBUG x: bank {ONLY_IN_LOGS['bank']} 004123456789 secret={ONLY_IN_LOGS['secret']}",
]


def planted() -> list[str]:
    """Every planted value, also as it might be written without spaces or brackets."""
    values = [*IN_OUTBOX.values(), *ONLY_IN_LOGS.values(), "A1234563", "a1234563", "Z6833650", "004123456789",
              "Chan Tai Man", "61234567"]
    return values


def prepare(data: Path) -> None:
    cfg = KioskConfig(data_dir=data, platform_url="http://127.0.0.1:9")
    svc = build_services(cfg, cards=NoCardReader())
    try:
        member = Identity(IN_OUTBOX["hkid"], name_en=IN_OUTBOX["name_en"], name_zh=IN_OUTBOX["name_zh"])
        values = {k: IN_OUTBOX[k] for k in ("mobile", "email", "address")}
        svc.enqueue(Instruction("CHANGE_PARTICULARS", member, values))
    finally:
        svc.close()
    logs = data / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    (logs / "kiosk.log").write_text("\n".join(LOG_LINES[:3]) + "\n", encoding="utf-8")
    (logs / "kiosk.log.1").write_text("\n".join(LOG_LINES[3:]) + "\n", encoding="utf-8")


def exported_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def test_cli_export_has_no_personal_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, usb = tmp_path / "kiosk", tmp_path / "usb"
    usb.mkdir()
    prepare(data)
    assert cli.main(["settings", "set", "shop_id", "TST-01", "--data-dir", str(data)]) == 0  # an audit entry
    assert cli.main(["logs", "export", str(usb), "--data-dir", str(data), "--platform-url", "http://127.0.0.1:9"]) == 0
    assert "exported" in capsys.readouterr().out
    [folder] = list(usb.iterdir())
    assert folder.name.startswith("empf-kiosk-logs-") and not folder.name.endswith(".partial")
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["audit.head", "audit.jsonl", "doctor.json", "kiosk.log", "kiosk.log.1", "manifest.json"]
    text = exported_text(folder)
    for value in planted():
        assert value not in text, value
        assert value.replace(" ", "") not in text.replace(" ", ""), value
    # What correlates survives.
    assert REF in text and KEY in text and "HTTP 503" in text and "2026-11-26 13:02:15,123" in text
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {"kiosk.log", "kiosk.log.1", "doctor.json", "audit.jsonl", "audit.head"}
    assert manifest["scrubbed"]["KNOWN"] >= 5
    assert json.loads((folder / "doctor.json").read_text())["queue"] == {"queued": 1}


def test_export_refuses_a_missing_or_read_only_target(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "kiosk.log").write_text("x\n")
    with pytest.raises(ExportRefused) as e:
        export_logs(logs, tmp_path / "not-mounted", device="k1")
    assert e.value.code == "EXPORT_TARGET" and "USB" in e.value.message_zh
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o500)
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")
        with pytest.raises(ExportRefused) as e:
            export_logs(logs, ro, device="k1")
        assert e.value.code == "EXPORT_READ_ONLY"
    finally:
        os.chmod(ro, 0o700)


def test_scrubber_keeps_ordinary_log_words() -> None:
    s = Scrubber()
    line = "2026-11-26T13:02:15.123Z WARNING sync: HTTP POST /v1/instructions/batch answered 503 for 3 items"
    assert s.scrub(line) == line
    assert s.scrub("card reader Virtual PCD 00 00 ATR 3B8F8001") == "card reader Virtual PCD 00 00 ATR 3B8F8001"


def test_only_a_technician_may_export(tmp_path: Path) -> None:
    data, usb = tmp_path / "kiosk", tmp_path / "usb"
    usb.mkdir()
    prepare(data)
    svc = build_services(KioskConfig(data_dir=data, platform_url="http://127.0.0.1:9", http_timeout_s=1),
                         cards=NoCardReader())
    try:
        svc.staff.pins.register("S001", "482915", Role.STAFF, "SHOP-01")
        svc.staff.pins.register("T900", "730416", Role.TECHNICIAN, "FIELD")
        assert svc.staff.desk.sign_in(SignInAttempt(SignInMethod.PIN, "482915", staff_id="S001")).ok
        with pytest.raises(Refused):
            svc.staff.export_logs(usb)
        assert svc.staff.desk.sign_in(SignInAttempt(SignInMethod.PIN, "730416", staff_id="T900")).ok
        seen: list[tuple[int, int]] = []
        result = svc.staff.export_logs(usb, progress=lambda done, total: seen.append((done, total)))
        assert seen[-1][0] == seen[-1][1] == 5
        text = exported_text(result.folder)
        for value in planted():
            assert value not in text, value
        assert "tech.logs_exported" in [e["event"] for e in svc.staff.audit.entries(50)]
    finally:
        svc.close()
