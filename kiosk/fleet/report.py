"""The kiosk's status report: one JSON document the platform keeps and the fleet page shows.

Built from what the kiosk already knows, without touching the network: the doctor's checks (name,
status, one line in English and one in 繁體中文; never the checks' data), queue counts by state and
the age of the oldest instruction still waiting, the open alerts (code, count, time; not their
detail), the sync worker's view (circuit, last sync, clock skew), versions, update slot and state.
No instruction, member or card content ever goes in: a check's summary names readers, counts and ages, never a person.
The schema is the platform's contract: docs/platform-api.yaml, `KioskStatusReport`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kiosk import doctor
from kiosk.ports.staff_queue import StateSummary
from kiosk.ports.status import StaffAlert, SyncStatus

SCHEMA = 1
MAX_SUMMARY = 200
WAITING_STATES = ("queued", "sending")


@dataclass(frozen=True)
class KioskIdentity:
    device_name: str
    shop_id: str
    update_channel: str


@dataclass
class ReportSources:
    """Callables the composition root fills from the running services; each may raise (the
    doctor turns a raising probe into a failed check; the others are left out of the report)."""

    identity: Callable[[], KioskIdentity]
    doctor_inputs: Callable[[], doctor.DoctorInputs]
    sync: Callable[[], SyncStatus]
    alerts: Callable[[], Sequence[StaffAlert]]
    clock: Callable[[], float] = time.time


def update_state(status: Mapping[str, Any] | None) -> dict[str, Any]:
    """The installer's status (kiosk/update) as the fleet sees it: idle | pending | installed |
    failed | not_installed (a development run without slots)."""
    if not status:
        return {"state": "unknown", "slot": None, "version": None, "detail": ""}
    slot, version = status.get("slot"), status.get("version")
    history = [h for h in status.get("history") or [] if isinstance(h, Mapping)]
    last = history[-1] if history else {}
    state = "idle"
    detail = ""
    if status.get("pending"):
        state = "pending"
    elif last.get("outcome") == "rolled_back":
        state = "failed"
        detail = f"{last.get('version', '?')}: {last.get('detail', '')!s}"
    elif last.get("outcome") == "installed":
        state = "installed"
    elif slot is None:
        state = "not_installed"
    return {"state": state, "slot": slot if isinstance(slot, str) else None,
            "version": version if isinstance(version, str) else None, "detail": detail[:MAX_SUMMARY]}


def _overall(checks: Sequence[doctor.Check]) -> str:
    if any(c.status is doctor.Status.FAIL for c in checks):
        return "fail"
    if any(c.status is doctor.Status.WARN for c in checks):
        return "warn"
    return "ok"


def _queue(summary: Sequence[StateSummary]) -> dict[str, Any]:
    waiting = [s.oldest_age_s for s in summary if s.state in WAITING_STATES and s.oldest_age_s is not None]
    return {"counts": {s.state: s.count for s in summary},
            "oldest_pending_age_s": round(max(waiting), 1) if waiting else None}


def build(sources: ReportSources) -> dict[str, Any]:
    """One report, now. The doctor's platform check reads the sync worker's latest view instead of
    asking the network (the worker probes it on its own schedule)."""
    sync = sources.sync()
    inputs = replace(sources.doctor_inputs(), platform_reachable=lambda: bool(sync.online), audit_verify=None)
    queue_summary: list[StateSummary] = []
    real_queue = inputs.queue

    def queue() -> list[StateSummary]:
        queue_summary[:] = real_queue()
        return queue_summary

    inputs.queue = queue
    report = doctor.run(inputs)
    ident = sources.identity()
    versions = report.facts.get("versions") or {}
    update = update_state(report.facts.get("bundle"))
    try:
        alerts = [{"code": a.code, "count": a.count, "raised_at": a.raised_at} for a in sources.alerts()]
    except Exception:
        alerts = []
    return {
        "schema": SCHEMA,
        "generated_at": round(sources.clock(), 3),
        "kiosk": {"device_name": ident.device_name, "shop_id": ident.shop_id, "channel": ident.update_channel,
                  "version": str(versions.get("kiosk") or report.facts.get("version") or ""),
                  "slot": update["slot"], "python": str(versions.get("python") or "")},
        "health": _overall(report.checks),
        "checks": [{"name": c.name, "status": c.status.value, "summary": c.summary[:MAX_SUMMARY],
                    "summary_zh": (c.summary_zh or c.summary)[:MAX_SUMMARY]} for c in report.checks],
        "queue": _queue(queue_summary),
        "alerts": alerts,
        "sync": {"online": sync.online, "circuit": sync.circuit, "last_sync_at": sync.last_sync_at,
                 "last_error": sync.last_error[:MAX_SUMMARY]},
        "clock_skew_s": None if sync.clock_skew_s is None else round(sync.clock_skew_s, 1),
        "update": update,
    }
