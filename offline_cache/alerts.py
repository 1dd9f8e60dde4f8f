"""Alerts for shop staff and technicians, kept in the outbox database.

An alert is a condition someone must act on: the queue is full, the disk is low, the database was
found damaged and moved aside, the clock is off. The same condition raised again updates one open
alert (count and time) instead of piling up rows; the staff dashboard lists the open ones and a
staff member acknowledges them. Texts are for staff, bilingual, and never hold personal data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from kiosk.ports.status import StaffAlert

_SCHEMA = """
CREATE TABLE IF NOT EXISTS alerts (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    message_zh  TEXT NOT NULL,
    message_en  TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    raised_at   TEXT NOT NULL,
    count       INTEGER NOT NULL DEFAULT 1,
    cleared_at  TEXT
);
CREATE INDEX IF NOT EXISTS alerts_open ON alerts(code) WHERE cleared_at IS NULL;
"""


@dataclass(frozen=True)
class AlertText:
    code: str
    message_zh: str
    message_en: str


QUEUE_FULL = AlertText(
    "QUEUE_FULL",
    "等待傳送的指示已達上限，本機暫停接收新指示。請檢查網絡連線，或聯絡技術人員匯出指示。",
    "The queue of instructions waiting for the platform is full; the kiosk refuses new ones. Check the "
    "network, or call a technician to export the queue.",
)
DISK_LOW = AlertText(
    "DISK_LOW",
    "本機儲存空間不足，暫停接收新指示。請聯絡技術人員。",
    "The kiosk is low on disk space and refuses new instructions. Call a technician.",
)
DB_DAMAGED = AlertText(
    "DB_DAMAGED",
    "本機的指示資料庫已損壞，已另存並開啟新的資料庫；可讀回的指示已重新排隊。請聯絡技術人員檢查。",
    "The kiosk's instruction database was damaged: it was set aside and a fresh one opened; what could be "
    "read back was queued again. Call a technician to check it.",
)
CLOCK_SKEW = AlertText(
    "CLOCK_SKEW",
    "本機時鐘與平台時間相差過大，已自動調整傳送時間；請技術人員校正時鐘。",
    "The kiosk's clock differs from the platform's; requests are corrected automatically, but a "
    "technician should set the clock.",
)
DATA_UNREADABLE = AlertText(
    "LOCAL_DATA_UNREADABLE",
    "部分已儲存的指示無法讀取，未能傳送，請職員協助會員重新辦理。",
    "Some stored instructions could not be read and were not sent; staff should help the members redo them.",
)


class AlertStore:
    """Alerts in the outbox's own database file (the outbox passes its transaction and read helpers)."""

    def __init__(self, tx: Callable[[], AbstractContextManager[sqlite3.Connection]],
                 read: Callable[[], AbstractContextManager[sqlite3.Connection]],
                 now: Callable[[], str]) -> None:
        self._tx = tx
        self._read = read
        self._now = now
        with self._tx() as conn:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)

    def raise_alert(self, alert: AlertText, detail: str = "") -> None:
        """Open the alert, or bump the open one with the same code."""
        now = self._now()
        with self._tx() as conn:
            bumped = conn.execute(
                "UPDATE alerts SET count = count + 1, raised_at = ?, detail = ? WHERE code = ? AND cleared_at IS NULL",
                (now, detail[:500], alert.code)).rowcount
            if not bumped:
                conn.execute(
                    "INSERT INTO alerts (code, message_zh, message_en, detail, raised_at) VALUES (?,?,?,?,?)",
                    (alert.code, alert.message_zh, alert.message_en, detail[:500], now))

    def clear(self, code: str) -> int:
        """The condition went away (e.g. the queue drained): close the open alert of this code."""
        with self._tx() as conn:
            return conn.execute("UPDATE alerts SET cleared_at = ? WHERE code = ? AND cleared_at IS NULL",
                                (self._now(), code)).rowcount

    def acknowledge(self, alert_id: int) -> bool:
        """A staff member has seen it and acted."""
        with self._tx() as conn:
            return conn.execute("UPDATE alerts SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL",
                                (self._now(), alert_id)).rowcount == 1

    def open_alerts(self) -> tuple[StaffAlert, ...]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, code, message_zh, message_en, detail, raised_at, count FROM alerts "
                "WHERE cleared_at IS NULL ORDER BY id").fetchall()
        return tuple(StaffAlert(id=int(r[0]), code=str(r[1]), message_zh=str(r[2]), message_en=str(r[3]),
                                detail=str(r[4]), raised_at=str(r[5]), count=int(r[6])) for r in rows)

    def is_open(self, code: str) -> bool:
        with self._read() as conn:
            return conn.execute("SELECT 1 FROM alerts WHERE code = ? AND cleared_at IS NULL",
                                (code,)).fetchone() is not None
