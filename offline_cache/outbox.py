"""The outbox: instructions confirmed at the kiosk, durable on disk until the platform has them.

States: queued -> sending -> accepted | rejected | queued (retry later). The idempotency key is
assigned at enqueue and never changes, so a retry after any failure is safe. Personal data is
sealed with AES-256-GCM; only the pseudonymous member key is stored in the clear, for ordering.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk.domain import Instruction
from kiosk.ports import (
    ItemResult,
    ItemStatus,
    OutboxItem,
    OutboxState,
    QueueCounts,
    QueueRefused,
    Receipt,
)

from .crypto import PayloadCipher
from .db import connect

log = logging.getLogger(__name__)

_REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread

SCHEMA: dict[str, Any] = {
    "id": int,
    "kiosk_ref": str,
    "idempotency_key": str,
    "type": str,
    "member_key": str,
    "payload": bytes,
    "state": str,
    "attempts": int,
    "next_attempt_at": float,
    "queued_at": str,
    "updated_at": str,
    "platform_ref": str,
    "reason_code": str,
    "reason_zh": str,
    "reason_en": str,
    "last_error": str,
}


def _utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def new_kiosk_ref(today: dt.date | None = None) -> str:
    """Short enough to read out over the phone: `EK-261126-7QX4M2`."""
    day = (today or dt.date.today()).strftime("%y%m%d")
    return f"EK-{day}-" + "".join(secrets.choice(_REF_ALPHABET) for _ in range(6))


def member_payload(instruction: Instruction) -> dict[str, Any]:
    m = instruction.member
    return {
        "member": {
            "hkid": m.hkid,
            "name_en": m.name_en,
            "name_zh": m.name_zh,
            "date_of_birth": m.date_of_birth,
            "source": m.source.value,
        },
        "values": dict(instruction.values),
    }


class SqliteOutbox:
    def __init__(
        self,
        path: Path,
        data_key: bytes,
        member_salt: bytes,
        *,
        max_pending: int = 10_000,
        min_free_bytes: int = 50 * 1024 * 1024,
        retention_days: float = 7.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._cipher = PayloadCipher(data_key)
        self._salt = member_salt
        self.max_pending = max_pending
        self.min_free_bytes = min_free_bytes
        self.retention_days = retention_days
        self._clock = clock
        self._lock = threading.RLock()
        self.db = connect(path)
        self._create()
        self.recovered = self._recover_sending()

    # ------------------------------------------------------------ set-up
    def _create(self) -> None:
        table = self.db["outbox"]
        if not table.exists():
            self.db.create_table(
                "outbox", SCHEMA, pk="id",
                not_null={"kiosk_ref", "idempotency_key", "type", "member_key", "state", "attempts",
                          "next_attempt_at", "queued_at", "updated_at"},
                defaults={"attempts": 0, "next_attempt_at": 0.0},
            )
            self.db.execute("CREATE UNIQUE INDEX IF NOT EXISTS outbox_key ON outbox(idempotency_key)")
            self.db.execute("CREATE UNIQUE INDEX IF NOT EXISTS outbox_ref ON outbox(kiosk_ref)")
            self.db.execute("CREATE INDEX IF NOT EXISTS outbox_due ON outbox(state, next_attempt_at)")
            self.db.execute("CREATE INDEX IF NOT EXISTS outbox_member ON outbox(member_key, id)")

    def _recover_sending(self) -> int:
        """A crash while sending leaves rows claimed: they go back to queued (the key makes it safe)."""
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE outbox SET state='queued', next_attempt_at=0, updated_at=? WHERE state='sending'",
                (_utcnow(),),
            )
            return cur.rowcount

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self.db.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self.db.conn.close()

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT under the outbox's lock, for modules that keep their own tables
        in this database (offline_cache.staff_actions)."""
        return self._tx()

    # ------------------------------------------------------------ enqueue
    def _check_capacity(self, conn: sqlite3.Connection) -> None:
        pending = conn.execute("SELECT count(*) FROM outbox WHERE state IN ('queued','sending')").fetchone()[0]
        if pending >= self.max_pending:
            raise QueueRefused(
                "QUEUE_FULL",
                "本機暫時未能接收新指示（等待傳送的指示已滿），請通知職員。你之前的指示不受影響。",
                "This kiosk cannot take new instructions right now (its queue is full). Please tell the "
                "staff. Instructions already given are not affected.",
            )
        if shutil.disk_usage(self.path.parent).free < self.min_free_bytes:
            raise QueueRefused(
                "DISK_LOW",
                "本機儲存空間不足，暫時未能接收新指示，請通知職員。你之前的指示不受影響。",
                "This kiosk is low on storage and cannot take new instructions right now. Please tell the "
                "staff. Instructions already given are not affected.",
            )

    def enqueue(self, instruction: Instruction,
                within: Callable[[sqlite3.Connection, Receipt], None] | None = None) -> Receipt:
        """Returns only after the row is committed and the WAL fsynced. `within` runs inside the same
        transaction after the insert (staff actions link an amendment to it atomically); if it
        raises, nothing is queued and the exception comes back to the caller."""
        key = str(uuid.uuid4())
        now = _utcnow()
        sealed = self._cipher.seal(member_payload(instruction), key)
        member_key = instruction.member.member_key(self._salt)
        for _ in range(5):  # a kiosk_ref collision is ~1 in 10^9 a day; retry a fresh one
            ref = new_kiosk_ref()
            try:
                with self._tx() as conn:
                    self._check_capacity(conn)
                    conn.execute(
                        "INSERT INTO outbox (kiosk_ref, idempotency_key, type, member_key, payload, state,"
                        " attempts, next_attempt_at, queued_at, updated_at) VALUES (?,?,?,?,?,?,0,0,?,?)",
                        (ref, key, instruction.type, member_key, sealed, OutboxState.QUEUED.value, now, now),
                    )
                    if within is not None:
                        within(conn, Receipt(kiosk_ref=ref, idempotency_key=key, queued_at=now))
            except sqlite3.IntegrityError:
                continue
            except sqlite3.OperationalError as e:
                if "full" in str(e).lower():
                    raise QueueRefused("DISK_FULL", "本機儲存空間已滿，未能儲存指示，請通知職員。",
                                       "This kiosk's storage is full; the instruction was not saved. "
                                       "Please tell the staff.") from e
                raise
            log.info("queued %s key=%s type=%s", ref, key, instruction.type)
            return Receipt(kiosk_ref=ref, idempotency_key=key, queued_at=now)
        raise RuntimeError("could not allocate a unique kiosk reference")

    # ------------------------------------------------------------ sync side
    def next_batch(self, limit: int) -> list[OutboxItem]:
        """Claim due items, oldest first. A member's item waits while an earlier one of the same
        member is still on its way, so each member's instructions reach the platform in order."""
        now = self._clock()
        with self._tx() as conn:
            rows = conn.execute(
                """
                SELECT o.id, o.kiosk_ref, o.idempotency_key, o.type, o.member_key, o.payload, o.queued_at,
                       o.attempts
                FROM outbox o
                WHERE o.state = 'queued' AND o.next_attempt_at <= ?
                  AND NOT EXISTS (
                    SELECT 1 FROM outbox p
                    WHERE p.member_key = o.member_key AND p.id < o.id
                      AND (p.state = 'sending' OR (p.state = 'queued' AND p.next_attempt_at > ?)))
                ORDER BY o.id LIMIT ?
                """,
                (now, now, limit),
            ).fetchall()
            if not rows:
                return []
            ids = [r[0] for r in rows]
            conn.execute(
                f"UPDATE outbox SET state='sending', attempts=attempts+1, updated_at=? "
                f"WHERE id IN ({','.join('?' * len(ids))})",
                (_utcnow(), *ids),
            )
        items = []
        damaged = []
        for r in rows:
            try:
                payload = self._cipher.open(r[5], r[2])
            except Exception:  # damaged or tampered row: never send a guess, hand it to staff
                damaged.append(r[2])
                continue
            items.append(OutboxItem(
                row_id=r[0], kiosk_ref=r[1], idempotency_key=r[2], type=r[3], member_key=r[4],
                payload=payload, queued_at=r[6], attempts=r[7] + 1,
            ))
        if damaged:
            log.error("%d outbox rows could not be decrypted; set aside for staff", len(damaged))
            self.mark([ItemResult(k, ItemStatus.REJECTED, reason_code="LOCAL_DATA_UNREADABLE",
                                  reason_zh="本機儲存的資料已損壞，未能傳送，請職員協助重新辦理。",
                                  reason_en="The data stored on this kiosk is damaged and could not be sent; "
                                            "staff will help redo it.") for k in damaged])
        return items

    def mark(self, results: Sequence[ItemResult], retry_at: float | None = None) -> None:
        """Apply the platform's per-item answers in one transaction."""
        now = _utcnow()
        with self._tx() as conn:
            for res in results:
                if res.status in (ItemStatus.ACCEPTED, ItemStatus.DUPLICATE):
                    conn.execute(
                        "UPDATE outbox SET state='accepted', platform_ref=?, last_error=NULL, updated_at=? "
                        "WHERE idempotency_key=? AND state='sending'",
                        (res.platform_ref, now, res.idempotency_key),
                    )
                elif res.status is ItemStatus.REJECTED:
                    conn.execute(
                        "UPDATE outbox SET state='rejected', reason_code=?, reason_zh=?, reason_en=?, "
                        "updated_at=? WHERE idempotency_key=? AND state='sending'",
                        (res.reason_code, res.reason_zh, res.reason_en, now, res.idempotency_key),
                    )
                else:
                    conn.execute(
                        "UPDATE outbox SET state='queued', next_attempt_at=?, last_error=?, updated_at=? "
                        "WHERE idempotency_key=? AND state='sending'",
                        (retry_at or self._clock(), res.reason_code or "retry", now, res.idempotency_key),
                    )

    def release(self, keys: Sequence[str], error: str, retry_at: float) -> None:
        if not keys:
            return
        with self._tx() as conn:
            conn.execute(
                f"UPDATE outbox SET state='queued', next_attempt_at=?, last_error=?, updated_at=? "
                f"WHERE state='sending' AND idempotency_key IN ({','.join('?' * len(keys))})",
                (retry_at, error[:200], _utcnow(), *keys),
            )

    # ------------------------------------------------------------ queries
    def counts(self) -> QueueCounts:
        with self._lock:
            rows = self.db.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
        return QueueCounts({state: n for state, n in rows})

    def next_due_at(self) -> float | None:
        with self._lock:
            row = self.db.conn.execute(
                "SELECT min(next_attempt_at) FROM outbox WHERE state='queued'").fetchone()
        return None if row[0] is None else float(row[0])

    def list(self, limit: int = 200, kiosk_ref: str | None = None) -> list[dict[str, Any]]:
        """Rows without personal data, newest first, for `kiosk queue list` and staff."""
        where, args = ("WHERE kiosk_ref = ?", (kiosk_ref,)) if kiosk_ref else ("", ())
        with self._lock:
            cur = self.db.conn.execute(
                "SELECT kiosk_ref, idempotency_key, type, state, attempts, queued_at, updated_at, platform_ref,"
                f" reason_code, reason_en, last_error FROM outbox {where} ORDER BY id DESC LIMIT ?",
                (*args, limit))
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def states(self, kiosk_refs: Sequence[str]) -> dict[str, str]:
        if not kiosk_refs:
            return {}
        with self._lock:
            rows = self.db.conn.execute(
                f"SELECT kiosk_ref, state FROM outbox WHERE kiosk_ref IN ({','.join('?' * len(kiosk_refs))})",
                tuple(kiosk_refs)).fetchall()
        return dict(rows)

    def open_payload(self, kiosk_ref: str) -> dict[str, Any] | None:
        """The decrypted payload of one instruction (for staff amending it), None if purged or unknown."""
        with self._lock:
            row = self.db.conn.execute("SELECT payload, idempotency_key FROM outbox WHERE kiosk_ref = ?",
                                       (kiosk_ref,)).fetchone()
        if row is None or row[0] is None:
            return None
        return self._cipher.open(row[0], row[1])

    def get(self, kiosk_ref: str) -> dict[str, Any] | None:
        rows = self.list(limit=1, kiosk_ref=kiosk_ref)
        return rows[0] if rows else None

    # ------------------------------------------------------------ retention
    def purge(self) -> int:
        """Drop the personal data of accepted instructions older than the retention window."""
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=self.retention_days)
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE outbox SET payload=NULL WHERE state='accepted' AND payload IS NOT NULL AND updated_at < ?",
                (cutoff.isoformat(timespec="milliseconds"),),
            )
            return cur.rowcount


def receipt_dict(receipt: Receipt) -> dict[str, str]:
    return asdict(receipt)
