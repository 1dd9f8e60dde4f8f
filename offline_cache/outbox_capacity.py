"""Whether the outbox can take one more instruction: a cap on the rows waiting to be delivered and a
floor on the disk's free space, checked inside each enqueue's transaction, and the staff alerts that
go with a refusal (raised once it is refused, cleared once instructions are taken again).

The checks run on the receipt's critical path, so both figures are re-read at most once a second:
counting the waiting rows walks an index (a millisecond at 10,000 rows, which is exactly when the
kiosk is offline and busiest) and the free space is a system call. The count is kept exact for the
outbox's own enqueues and forgotten whenever anything else changes it (`forget_count`). The outbox
calls every method under its own lock.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from pathlib import Path

from kiosk.ports import OutboxState, QueueRefused

from . import alerts as alert_texts
from .alerts import AlertStore

log = logging.getLogger(__name__)

_MB = 1024 * 1024
_WAITING = ",".join(f"'{s.value}'" for s in (OutboxState.QUEUED, OutboxState.SENDING))


class QueueCapacity:
    def __init__(self, folder: Path, max_pending: int, min_free_bytes: int) -> None:
        self.folder = folder  # the database's folder: its filesystem's free space is what counts
        self.max_pending = max_pending
        self.min_free_bytes = min_free_bytes
        self._pending: int | None = None
        self._pending_at = 0.0
        self._free = 0
        self._free_at = -1e9
        self._refusal: tuple[alert_texts.AlertText, str] | None = None  # raised after the rollback
        self._alerted = True  # clear any refusal alert left open by a previous run

    def check(self, conn: sqlite3.Connection) -> None:
        """Inside the enqueue's transaction: QueueRefused if the queue is full or the disk low."""
        pending = self._pending_count(conn)
        if pending >= self.max_pending:
            self._refusal = (alert_texts.QUEUE_FULL, f"{pending} waiting, cap {self.max_pending}")
            raise QueueRefused(
                "QUEUE_FULL",
                "本機暫時未能接收新指示（等待傳送的指示已滿），請通知職員。你之前的指示不受影響。",
                "This kiosk cannot take new instructions right now (its queue is full). Please tell the "
                "staff. Instructions already given are not affected.",
            )
        free = self._free_bytes()
        if free < self.min_free_bytes:
            self._refusal = (alert_texts.DISK_LOW,
                             f"{free // _MB} MB free, floor {self.min_free_bytes // _MB} MB")
            raise QueueRefused(
                "DISK_LOW",
                "本機儲存空間不足，暫時未能接收新指示，請通知職員。你之前的指示不受影響。",
                "This kiosk is low on storage and cannot take new instructions right now. Please tell the "
                "staff. Instructions already given are not affected.",
            )

    def disk_full(self) -> None:
        """SQLite itself found the disk full (the floor was not enough): alert as for a low disk."""
        self._refusal = (alert_texts.DISK_LOW, "database or disk is full")

    def added(self, alerts: AlertStore) -> None:
        """After an enqueue committed: one more row waiting, and the refusal alerts are stale."""
        if self._pending is not None:
            self._pending += 1
        if self._alerted:
            self._alerted = False
            for alert in (alert_texts.QUEUE_FULL, alert_texts.DISK_LOW):
                alerts.clear(alert.code)

    def forget_count(self) -> None:
        """Rows changed state in some other way (answers, imports): count them again next time."""
        self._pending = None

    def raise_refusal(self, alerts: AlertStore) -> None:
        """After the enqueue's transaction ended: the alert for a refusal, if there was one."""
        refusal, self._refusal = self._refusal, None
        if refusal is None:
            return
        self._alerted = True
        try:
            alerts.raise_alert(*refusal)
        except sqlite3.Error:  # a full disk may refuse even this: the refusal itself still stands
            log.warning("could not record the %s alert", refusal[0].code)

    def _pending_count(self, conn: sqlite3.Connection) -> int:
        now = time.monotonic()
        if self._pending is None or now - self._pending_at > 1.0:
            self._pending = int(conn.execute(
                f"SELECT count(*) FROM outbox WHERE state IN ({_WAITING})").fetchone()[0])
            self._pending_at = now
        return self._pending

    def _free_bytes(self) -> int:
        now = time.monotonic()
        if now - self._free_at > 1.0:
            self._free = shutil.disk_usage(self.folder).free
            self._free_at = now
        return self._free
