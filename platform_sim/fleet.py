"""Kiosk status reports: the shape the platform accepts, and what makes a kiosk need a visit.

A report is checked field by field and only the known fields are kept (a kiosk cannot make the
platform store anything else). Limits: docs/platform-api.yaml, `KioskStatusReport`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_REPORT_BYTES = 32 * 1024
MAX_CHECKS = 40
MAX_ALERTS = 20
MAX_STATES = 12
REASONS = ("start", "scheduled", "change")
HEALTH = ("ok", "warn", "fail")
CHECK_STATUSES = ("pass", "warn", "fail", "info")
CIRCUIT = ("closed", "open", "half_open")
UPDATE_STATES = ("idle", "pending", "installed", "failed", "not_installed", "unknown")


class BadReport(ValueError):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _text(doc: Mapping[str, Any], key: str, limit: int, where: str, *, optional: bool = False) -> str | None:
    value = doc.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise BadReport("STATUS_INVALID", f"{where}{key} must be a string of at most {limit} characters")
    return value


def _number(doc: Mapping[str, Any], key: str, where: str, *, optional: bool = False, minimum: float | None = None
            ) -> float | None:
    value = doc.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value) or (
            minimum is not None and value < minimum):
        bound = f" >= {minimum:g}" if minimum is not None else ""
        raise BadReport("STATUS_INVALID", f"{where}{key} must be a number{bound}")
    return float(value)


def _choice(doc: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
    value = doc.get(key)
    if value not in allowed:
        raise BadReport("STATUS_INVALID", f"{where}{key} must be one of {', '.join(allowed)}")
    return str(value)


def _object(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = doc.get(key)
    if not isinstance(value, dict):
        raise BadReport("STATUS_INVALID", f"{key} must be an object")
    return value


def _list(doc: Mapping[str, Any], key: str, limit: int) -> list[Any]:
    value = doc.get(key)
    if not isinstance(value, list) or len(value) > limit:
        raise BadReport("STATUS_INVALID", f"{key} must be a list of at most {limit} entries")
    return value


def _entry(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise BadReport("STATUS_INVALID", f"{where} must be an object")
    return value


def parse_report(raw: bytes) -> dict[str, Any]:
    """The report, normalised to its known fields; BadReport (code, detail) for anything else."""
    if len(raw) > MAX_REPORT_BYTES:
        raise BadReport("STATUS_TOO_LARGE", f"{len(raw)} bytes")
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadReport("STATUS_INVALID", "the body is not JSON") from None
    if not isinstance(doc, dict):
        raise BadReport("STATUS_INVALID", "the body must be a JSON object")
    if doc.get("schema") != 1:
        raise BadReport("STATUS_INVALID", "schema must be 1")
    kiosk = _object(doc, "kiosk")
    queue = _object(doc, "queue")
    sync = _object(doc, "sync")
    update = _object(doc, "update")
    counts = queue.get("counts")
    if not isinstance(counts, dict) or len(counts) > MAX_STATES or not all(
            isinstance(k, str) and len(k) <= 20 and isinstance(v, int) and not isinstance(v, bool) and v >= 0
            for k, v in counts.items()):
        raise BadReport("STATUS_INVALID", f"queue.counts must map at most {MAX_STATES} states to counts >= 0")
    sequence = doc.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 0:
        raise BadReport("STATUS_INVALID", "sequence must be an integer >= 0")
    online = sync.get("online")
    if online is not None and not isinstance(online, bool):
        raise BadReport("STATUS_INVALID", "sync.online must be true, false or null")
    checks = []
    for n, c in enumerate(_list(doc, "checks", MAX_CHECKS)):
        c = _entry(c, f"checks[{n}]")
        checks.append({"name": _text(c, "name", 40, f"checks[{n}]."),
                       "status": _choice(c, "status", CHECK_STATUSES, f"checks[{n}]."),
                       "summary": _text(c, "summary", 200, f"checks[{n}]."),
                       "summary_zh": _text(c, "summary_zh", 200, f"checks[{n}].", optional=True)})
    alerts = []
    for n, a in enumerate(_list(doc, "alerts", MAX_ALERTS)):
        a = _entry(a, f"alerts[{n}]")
        count = a.get("count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise BadReport("STATUS_INVALID", f"alerts[{n}].count must be an integer >= 0")
        alerts.append({"code": _text(a, "code", 40, f"alerts[{n}]."), "count": count,
                       "raised_at": _text(a, "raised_at", 40, f"alerts[{n}].")})
    return {
        "schema": 1,
        "generated_at": _number(doc, "generated_at", "", minimum=0),
        "sequence": sequence,
        "reason": _choice(doc, "reason", REASONS, ""),
        "kiosk": {"device_name": _text(kiosk, "device_name", 100, "kiosk."),
                  "shop_id": _text(kiosk, "shop_id", 20, "kiosk."),
                  "channel": _text(kiosk, "channel", 20, "kiosk."),
                  "version": _text(kiosk, "version", 64, "kiosk."),
                  "slot": _text(kiosk, "slot", 8, "kiosk.", optional=True),
                  "python": _text(kiosk, "python", 20, "kiosk.")},
        "health": _choice(doc, "health", HEALTH, ""),
        "checks": checks,
        "queue": {"counts": dict(counts),
                  "oldest_pending_age_s": _number(queue, "oldest_pending_age_s", "queue.", optional=True, minimum=0)},
        "alerts": alerts,
        "sync": {"online": online, "circuit": _choice(sync, "circuit", CIRCUIT, "sync."),
                 "last_sync_at": _number(sync, "last_sync_at", "sync.", optional=True, minimum=0),
                 "last_error": _text(sync, "last_error", 200, "sync.")},
        "clock_skew_s": _number(doc, "clock_skew_s", "", optional=True),
        "update": {"state": _choice(update, "state", UPDATE_STATES, "update."),
                   "slot": _text(update, "slot", 8, "update.", optional=True),
                   "version": _text(update, "version", 64, "update.", optional=True),
                   "detail": _text(update, "detail", 200, "update.")},
    }


# ---------------------------------------------------------------- what needs a visit


@dataclass(frozen=True)
class FleetRules:
    """Thresholds of the fleet page (platform_sim --help shows the flags that set them)."""

    stale_after_s: float = 900.0  # three missed scheduled reports
    queue_stuck_s: float = 1800.0
    clock_skew_s: float = 60.0


@dataclass(frozen=True)
class Reason:
    code: str
    zh: str
    en: str


@dataclass
class Assessment:
    health: str  # ok | warn | fail
    reasons: list[Reason] = field(default_factory=list)

    @property
    def needs_visit(self) -> bool:
        return bool(self.reasons)


def span(seconds: float) -> tuple[str, str]:
    """A duration for people, in 繁體中文 and English."""
    if seconds < 120:
        return f"{seconds:.0f} 秒", f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} 分鐘", f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} 小時", f"{seconds / 3600:.1f} h"


def assess(report: Mapping[str, Any], received_at: float, now: float, rules: FleetRules) -> Assessment:
    """The kiosk's health as the operator sees it, and each reason to send a technician."""
    reasons: list[Reason] = []
    checks = {c["name"]: c for c in report.get("checks", [])}
    reader = checks.get("card_readers")
    if reader is not None and reader["status"] == "fail":
        reasons.append(Reason("READER_DEAD", f"讀卡器故障：{reader.get('summary_zh') or reader['summary']}",
                              f"card reader: {reader['summary']}"))
    oldest = report.get("queue", {}).get("oldest_pending_age_s")
    if isinstance(oldest, float | int) and oldest > rules.queue_stuck_s:
        zh, en = span(oldest)
        reasons.append(Reason("QUEUE_STUCK", f"佇列積壓：最舊的指示已等候 {zh}", f"queue stuck: oldest waits {en}"))
    skew = report.get("clock_skew_s")
    if isinstance(skew, float | int) and abs(skew) > rules.clock_skew_s:
        reasons.append(Reason("CLOCK_SKEW", f"時鐘偏差 {skew:+.0f} 秒", f"clock off by {skew:+.0f} s"))
    update = report.get("update", {})
    if update.get("state") == "failed":
        reasons.append(Reason("UPDATE_FAILED", f"更新失敗：{update.get('detail', '')}",
                              f"update failed: {update.get('detail', '')}"))
    silent = now - received_at
    if silent > rules.stale_after_s:
        zh, en = span(silent)
        reasons.append(Reason("NOT_SEEN", f"已 {zh}沒有回報", f"not seen for {en}"))
    for c in report.get("checks", []):
        if c["status"] == "fail" and c["name"] != "card_readers":
            reasons.append(Reason("CHECK_FAILED", f"{c['name']}：{c.get('summary_zh') or c['summary']}",
                                  f"{c['name']}: {c['summary']}"))
    worst = report.get("health", "ok")
    health = "fail" if reasons or worst == "fail" else worst
    return Assessment(health=health if health in HEALTH else "fail", reasons=reasons)
