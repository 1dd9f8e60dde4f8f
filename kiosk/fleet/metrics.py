"""The kiosk's Prometheus metrics, as a node-exporter textfile.

The same status report the platform gets (kiosk/fleet/report.py), rendered in the Prometheus text
exposition format and written atomically (a temporary file in the same folder, then a rename) into
the folder node-exporter's textfile collector reads (`--collector.textfile.directory`). A file, not
an HTTP endpoint: the kiosk opens no listening socket, node-exporter already runs on the machine for
its disk and memory, and a kiosk whose process froze leaves a file that stops changing, which
`node_textfile_mtime_seconds` shows (docs/fleet.md has the alert rules).
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

FILE_NAME = "empf_kiosk.prom"  # node-exporter reads *.prom only: the temporary name does not end so
CHECK_STATUSES = ("pass", "warn", "fail", "info")
HEALTH = ("ok", "warn", "fail")
CIRCUIT = ("closed", "open", "half_open")
UPDATE_STATES = ("idle", "pending", "installed", "failed", "not_installed", "unknown")


def _label(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(float(value))


class _Families:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def family(self, name: str, help_text: str, samples: Iterable[tuple[Mapping[str, object], float]]) -> None:
        rows = list(samples)
        if not rows:
            return
        self.lines.append(f"# HELP {name} {help_text}")
        self.lines.append(f"# TYPE {name} gauge")
        for labels, value in rows:
            text = ",".join(f'{k}="{_label(v)}"' for k, v in labels.items())
            self.lines.append(f"{name}{{{text}}} {_number(value)}" if text else f"{name} {_number(value)}")


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def render(report: Mapping[str, Any]) -> str:
    """The exposition text for one report (every metric a gauge, names prefixed empf_kiosk_)."""
    f = _Families()
    kiosk = report.get("kiosk") or {}
    f.family("empf_kiosk_info", "The kiosk's version, update slot, release channel, shop and name (always 1).",
             [({"version": kiosk.get("version") or "", "slot": kiosk.get("slot") or "",
                "channel": kiosk.get("channel") or "", "shop": kiosk.get("shop_id") or "",
                "device": kiosk.get("device_name") or "", "python": kiosk.get("python") or ""}, 1)])
    health = report.get("health")
    f.family("empf_kiosk_health", "Overall health from the doctor's checks (1 for the current one).",
             [({"status": h}, 1 if h == health else 0) for h in HEALTH])
    f.family("empf_kiosk_doctor_check", "Each doctor check's status (1 for the current one).",
             [({"check": c.get("name"), "status": s}, 1 if c.get("status") == s else 0)
              for c in report.get("checks") or [] if isinstance(c, Mapping) for s in CHECK_STATUSES])
    queue = report.get("queue") or {}
    counts = queue.get("counts") or {}
    f.family("empf_kiosk_queue_items", "Instructions in the outbox, by state.",
             [({"state": state}, float(n)) for state, n in sorted(counts.items())
              if _num(n) is not None])
    oldest = _num(queue.get("oldest_pending_age_s"))
    f.family("empf_kiosk_oldest_pending_age_seconds",
             "Age of the oldest instruction still waiting for the platform (0 when none waits).",
             [({}, oldest or 0.0)])
    sync = report.get("sync") or {}
    f.family("empf_kiosk_sync_circuit", "The sync circuit breaker's state (1 for the current one).",
             [({"state": s}, 1 if sync.get("circuit") == s else 0) for s in CIRCUIT])
    online = sync.get("online")
    if isinstance(online, bool):
        f.family("empf_kiosk_sync_online", "1 when the last contact with the platform succeeded.",
                 [({}, 1 if online else 0)])
    last_sync = _num(sync.get("last_sync_at"))
    if last_sync is not None:
        f.family("empf_kiosk_last_sync_timestamp_seconds",
                 "Unix time of the last batch the platform answered (this run of the kiosk).", [({}, last_sync)])
    skew = _num(report.get("clock_skew_s"))
    if skew is not None:
        f.family("empf_kiosk_clock_skew_seconds", "The platform's clock minus the kiosk's.", [({}, skew)])
    f.family("empf_kiosk_alert_open", "Open staff alerts by code (how many times raised).",
             [({"code": a.get("code")}, float(_num(a.get("count")) or 1))
              for a in report.get("alerts") or [] if isinstance(a, Mapping)])
    update = report.get("update") or {}
    f.family("empf_kiosk_update_state", "The update installer's state (1 for the current one).",
             [({"state": s}, 1 if update.get("state") == s else 0) for s in UPDATE_STATES])
    generated = _num(report.get("generated_at"))
    if generated is not None:
        f.family("empf_kiosk_report_timestamp_seconds", "Unix time this file was written.", [({}, generated)])
    return "\n".join(f.lines) + "\n"


def write_textfile(folder: Path, report: Mapping[str, Any]) -> Path:
    """Write the metrics atomically into `folder` (made if missing); returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILE_NAME
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".empf_kiosk.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(render(report))
        os.chmod(tmp, 0o644)  # node-exporter runs as its own user
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
