"""Kiosk status reports in the simulator's SQLite file: the latest per kiosk, and a bounded history.

History keeps the last HISTORY_PER_KIOSK reports of each kiosk (a kiosk reports every few minutes,
so a few hours of them) and is trimmed in the same transaction that adds one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from platform_sim.store import Store

HISTORY_PER_KIOSK = 50

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kiosk_status (
    device_id    TEXT PRIMARY KEY,
    received_at  REAL NOT NULL,
    report       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kiosk_status_history (
    id           INTEGER PRIMARY KEY,
    device_id    TEXT NOT NULL,
    received_at  REAL NOT NULL,
    report       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kiosk_status_history_device ON kiosk_status_history(device_id, id);
"""


@dataclass(frozen=True)
class KioskRecord:
    device_id: str
    enrolled_name: str  # the name given at enrolment (the report's own name may differ)
    received_at: float
    report: dict[str, Any]


class FleetStore:
    def __init__(self, store: Store, history_per_kiosk: int = HISTORY_PER_KIOSK) -> None:
        self._store = store
        self.history_per_kiosk = history_per_kiosk
        with store.transaction() as conn:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)

    def record(self, device_id: str, report: dict[str, Any], now: float) -> None:
        text = json.dumps(report, ensure_ascii=False, separators=(",", ":"))
        with self._store.transaction() as conn:
            conn.execute("INSERT INTO kiosk_status (device_id, received_at, report) VALUES (?, ?, ?) "
                         "ON CONFLICT (device_id) DO UPDATE SET received_at = excluded.received_at, "
                         "report = excluded.report", (device_id, now, text))
            conn.execute("INSERT INTO kiosk_status_history (device_id, received_at, report) VALUES (?, ?, ?)",
                         (device_id, now, text))
            conn.execute("DELETE FROM kiosk_status_history WHERE device_id = ? AND id <= (SELECT id FROM "
                         "kiosk_status_history WHERE device_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
                         (device_id, device_id, self.history_per_kiosk))

    def latest(self) -> list[KioskRecord]:
        """Every kiosk that has reported, with its latest report."""
        with self._store.read() as conn:
            rows = conn.execute(
                "SELECT s.device_id, coalesce(d.device_name, ''), s.received_at, s.report FROM kiosk_status s "
                "LEFT JOIN devices d ON d.device_id = s.device_id ORDER BY s.device_id").fetchall()
        return [KioskRecord(str(r[0]), str(r[1]), float(r[2]), json.loads(r[3])) for r in rows]

    def history(self, device_id: str) -> list[tuple[float, dict[str, Any]]]:
        """The kept reports of one kiosk, oldest first."""
        with self._store.read() as conn:
            rows = conn.execute("SELECT received_at, report FROM kiosk_status_history WHERE device_id = ? "
                                "ORDER BY id", (device_id,)).fetchall()
        return [(float(r[0]), json.loads(r[1])) for r in rows]
