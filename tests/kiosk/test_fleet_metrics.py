"""The kiosk's Prometheus textfile: parses as the text exposition format (prometheus_client's own
parser and a strict line check), carries the metrics the alert rules in docs/fleet.md use, and is
replaced atomically."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from kiosk.fleet.metrics import FILE_NAME, render, write_textfile
from tests.e2e.test_fleet_status import report

_NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
_LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\\\|\\"|\\n)*"'
_SAMPLE = re.compile(rf"^({_NAME})(?:\{{(?:{_LABEL})(?:,{_LABEL})*\}})? (-?[0-9.e+-]+|NaN|[+-]Inf)$")


def strict_check(text: str) -> None:
    """Every line a comment of the right form or a sample of a family declared just before it."""
    assert text.endswith("\n")
    declared: dict[str, str] = {}
    seen: set[str] = set()
    current = ""
    for line in text.splitlines():
        if line.startswith("# HELP "):
            current = line.split()[2]
            assert current not in declared, f"family {current} declared twice"
        elif line.startswith("# TYPE "):
            _, _, name, kind = line.split()
            assert name == current and kind in ("gauge", "counter")
            declared[name] = kind
        else:
            m = _SAMPLE.match(line)
            assert m, f"not a sample line: {line!r}"
            assert m.group(1) == current and current in declared
            series = line.rsplit(" ", 1)[0]
            assert series not in seen, f"duplicate series {series}"
            seen.add(series)


def sample_report() -> dict[str, object]:
    return report(
        health="fail",
        checks=[{"name": "card_readers", "status": "fail", "summary": "no card reader seen"},
                {"name": "queue", "status": "warn", "summary": "queued 3"}],
        queue={"counts": {"queued": 3, "accepted": 10}, "oldest_pending_age_s": 4000.5},
        alerts=[{"code": "QUEUE_FULL", "count": 2, "raised_at": "2026-12-06T15:00:00+08:00"}],
        sync={"online": False, "circuit": "open", "last_sync_at": 1_765_000_000.0, "last_error": "down"},
        clock_skew_s=-75.0,
        kiosk={"device_name": 'odd "name"\\ with\nnewline', "shop_id": "MK-01", "channel": "pilot",
               "version": "1.4.0", "slot": "b", "python": "3.11.2"},
        update={"state": "failed", "slot": "b", "version": "1.4.0", "detail": "1.5.0: self-test failed"})


def test_metrics_parse_as_the_exposition_format() -> None:
    text = render(sample_report())
    strict_check(text)
    families = {f.name: f for f in text_string_to_metric_families(text)}
    value = {(f.name, tuple(sorted(s.labels.items()))): s.value for f in families.values() for s in f.samples}
    assert value[("empf_kiosk_queue_items", (("state", "queued"),))] == 3
    assert value[("empf_kiosk_oldest_pending_age_seconds", ())] == 4000.5
    assert value[("empf_kiosk_sync_circuit", (("state", "open"),))] == 1
    assert value[("empf_kiosk_sync_circuit", (("state", "closed"),))] == 0
    assert value[("empf_kiosk_doctor_check", (("check", "card_readers"), ("status", "fail")))] == 1
    assert value[("empf_kiosk_clock_skew_seconds", ())] == -75.0
    assert value[("empf_kiosk_last_sync_timestamp_seconds", ())] == 1_765_000_000.0
    assert value[("empf_kiosk_alert_open", (("code", "QUEUE_FULL"),))] == 2
    assert value[("empf_kiosk_update_state", (("state", "failed"),))] == 1
    [info] = families["empf_kiosk_info"].samples
    assert info.labels["version"] == "1.4.0" and info.labels["channel"] == "pilot"
    assert info.labels["device"] == 'odd "name"\\ with\nnewline'  # escaped in the file, read back whole
    assert all(f.type == "gauge" for f in families.values())


def test_a_fresh_kiosk_without_facts_still_writes_valid_metrics() -> None:
    text = render(report(clock_skew_s=None, queue={"counts": {}, "oldest_pending_age_s": None},
                         sync={"online": None, "circuit": "closed", "last_sync_at": None, "last_error": ""}))
    strict_check(text)
    names = {f.name for f in text_string_to_metric_families(text)}
    assert "empf_kiosk_clock_skew_seconds" not in names and "empf_kiosk_sync_online" not in names
    assert {"empf_kiosk_info", "empf_kiosk_health", "empf_kiosk_oldest_pending_age_seconds"} <= names


def test_textfile_is_replaced_atomically(tmp_path: Path) -> None:
    folder = tmp_path / "textfile"
    first = write_textfile(folder, report())
    second = write_textfile(folder, sample_report())
    assert first == second == folder / FILE_NAME
    assert os.listdir(folder) == [FILE_NAME]  # no temporary file left, none ending .prom
    assert stat.S_IMODE(second.stat().st_mode) == 0o644
    assert 'empf_kiosk_health{status="fail"} 1' in second.read_text()
