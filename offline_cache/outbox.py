"""The outbox: instructions confirmed at the kiosk, durable on disk until the platform has them.

States: queued -> sending -> accepted | rejected | queued (retry later). The idempotency key is
assigned at enqueue and never changes (not even when the row travels to another terminal in an
export bundle), so a retry after any failure is safe. The personal payload is sealed with
AES-256-GCM bound to that key; only a salted pseudonym of the member is stored in the clear, for
ordering, and it is blanked with the payload when the retention window ends.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.domain import Identity, Instruction
from kiosk.ports import (
    ItemResult,
    ItemStatus,
    OutboxItem,
    OutboxState,
    QueueCounts,
    QueueRefused,
    Receipt,
    Transaction,
    TransactionStep,
)

from . import alerts as alert_texts
from .alerts import AlertStore
from .crypto import PayloadCipher
from .db import connect, scrub
from .json_payload import JsonPayload
from .outbox_capacity import QueueCapacity
from .outbox_rows import (
    SCHEMA,
    ImportResult,
    TransferItem,
    iso_utc,
    member_key_of,
    member_payload,
    new_idempotency_key,
    new_kiosk_ref,
)

log = logging.getLogger(__name__)

_DAY_S = 86_400.0

# States whose rows are still the kiosk's job to deliver.
UNSYNCED = tuple(s.value for s in OutboxState if s.unsynced)
# States after which personal data has no further use on this kiosk.
SETTLED = tuple(s.value for s in OutboxState if s.settled)
# The states as SQL literals, written into the statements' text rather than bound: the partial
# index on queued rows (outbox_queued) is used only by a query whose WHERE repeats its own text.
QUEUED, SENDING, ACCEPTED, REJECTED = (f"'{s.value}'" for s in (OutboxState.QUEUED, OutboxState.SENDING,
                                                                  OutboxState.ACCEPTED, OutboxState.REJECTED))


@dataclass(frozen=True)
class SqliteTransaction:
    """kiosk.ports.Transaction over SQLite: the connection inside BEGIN IMMEDIATE ... COMMIT."""

    connection: sqlite3.Connection


def connection_of(tx: Transaction) -> sqlite3.Connection:
    """The SQLite connection of a transaction this outbox opened."""
    if not isinstance(tx, SqliteTransaction):
        raise TypeError(f"not an outbox transaction: {type(tx).__name__}")
    return tx.connection

_Items = list[TransferItem]  # module-level aliases: inside the class, `list` is a method
_Refs = list[str]


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
        status_retention_days: float | None = 400.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._cipher = PayloadCipher(data_key)
        self._salt = member_salt
        self.capacity = QueueCapacity(path.parent, max_pending, min_free_bytes)
        self.retention_days = retention_days
        self.status_retention_days = status_retention_days
        self._clock = clock
        self._lock = threading.RLock()
        self.db = connect(path)
        self._create()
        self.alerts = AlertStore(self._tx, self._read, self._now)
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
        elif "origin" not in table.columns_dict:  # a database from before bundles and salvage
            self.db.execute("ALTER TABLE outbox ADD COLUMN origin TEXT")
        self.db.execute("CREATE UNIQUE INDEX IF NOT EXISTS outbox_key ON outbox(idempotency_key)")
        self.db.execute("CREATE UNIQUE INDEX IF NOT EXISTS outbox_ref ON outbox(kiosk_ref)")
        self.db.execute("CREATE INDEX IF NOT EXISTS outbox_due ON outbox(state, next_attempt_at)")
        self.db.execute("CREATE INDEX IF NOT EXISTS outbox_member ON outbox(member_key, id)")
        # next_batch walks queued rows in id order and stops at its limit: without this partial index
        # it would sort every queued row on each pass (slow with a 10,000-row backlog).
        self.db.execute(f"CREATE INDEX IF NOT EXISTS outbox_queued ON outbox(id) WHERE state = {QUEUED}")

    def _recover_sending(self) -> int:
        """A crash while sending leaves rows claimed: they go back to queued (the key makes it safe)."""
        with self._tx() as conn:
            cur = conn.execute(
                f"UPDATE outbox SET state={QUEUED}, next_attempt_at=0, updated_at=? WHERE state={SENDING}",
                (self._now(),),
            )
            return cur.rowcount

    def _now(self) -> str:
        return iso_utc(self._clock())

    @contextmanager
    def _tx(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT under the lock. durable=False skips the fsync of this commit:
        only for changes a crash may undo harmlessly (a later durable commit fsyncs them anyway)."""
        with self._lock:
            conn = self.db.conn
            if not durable:
                conn.execute("PRAGMA synchronous=NORMAL")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:  # SQLite may have rolled back already (e.g. disk full)
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                if not durable:
                    conn.execute("PRAGMA synchronous=FULL")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self.db.conn

    def close(self) -> None:
        with self._lock:
            self.db.conn.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT under the outbox's lock, for modules that keep their own tables
        in this database (offline_cache.staff_actions)."""
        return self._tx()

    # ------------------------------------------------------------ enqueue
    def enqueue(self, instruction: Instruction,
                within: TransactionStep | None = None) -> Receipt:
        """Returns only after the row is committed and the WAL fsynced. `within` runs inside the same
        transaction after the insert (staff actions link an amendment to it atomically); if it
        raises, nothing is queued and the exception comes back to the caller."""
        key = new_idempotency_key()
        now = self._now()
        sealed = self._cipher.seal(member_payload(instruction), key)
        member_key = instruction.member.member_key(self._salt)
        for _ in range(5):  # a kiosk_ref collision is ~1 in 10^9 a day; retry a fresh one
            ref = new_kiosk_ref()
            try:
                with self._lock:
                    try:
                        with self._tx() as conn:
                            self.capacity.check(conn)
                            conn.execute(
                                "INSERT INTO outbox (kiosk_ref, idempotency_key, type, member_key, payload, state,"
                                " attempts, next_attempt_at, queued_at, updated_at)"
                                " VALUES (?,?,?,?,?,'queued',0,0,?,?)",
                                (ref, key, instruction.type, member_key, sealed, now, now),
                            )
                            if within is not None:
                                receipt = Receipt(kiosk_ref=ref, idempotency_key=key, queued_at=now)
                                within(SqliteTransaction(conn), receipt)
                        self.capacity.added(self.alerts)  # under the lock: mark() may reset the count
                    finally:
                        self.capacity.raise_refusal(self.alerts)
            except sqlite3.IntegrityError:
                continue
            except sqlite3.OperationalError as e:
                if "full" in str(e).lower():
                    self.capacity.disk_full()
                    self.capacity.raise_refusal(self.alerts)
                    raise QueueRefused("DISK_FULL", "本機儲存空間已滿，未能儲存指示，請通知職員。",
                                       "This kiosk's storage is full; the instruction was not saved. "
                                       "Please tell the staff.") from e
                raise
            log.info("queued %s key=%s type=%s", ref, key, instruction.type)
            return Receipt(kiosk_ref=ref, idempotency_key=key, queued_at=now)
        raise RuntimeError("could not allocate a unique kiosk reference")

    # ------------------------------------------------------------ sync side
    def next_batch(self, limit: int) -> list[OutboxItem]:
        """Claim due items, oldest first, at most one per member: a member's next instruction waits
        until the one before it has its answer (accepted or rejected), so each member's instructions
        reach the platform in the order confirmed, whatever happens to a batch on the way."""
        now = self._clock()
        with self._lock:  # most calls find nothing due: answer that without taking the write lock
            if self.db.conn.execute("SELECT 1 FROM outbox INDEXED BY outbox_due "
                                    f"WHERE state={QUEUED} AND next_attempt_at <= ? LIMIT 1",
                                    (now,)).fetchone() is None:
                return []
        # The claim need not be durable: if it is lost in a crash the rows are simply still queued,
        # which is what start-up recovery would make of them anyway.
        with self._tx(durable=False) as conn:
            rows = self._claim(conn, limit, now)
        return self._open_claimed(rows)

    def mark(self, results: Sequence[ItemResult], retry_at: float | None = None) -> None:
        """Apply the platform's per-item answers in one transaction. Only rows still claimed
        ('sending') change, so a late or repeated answer can never move a row backwards.

        Not fsynced (synchronous=NORMAL for this commit): the only promise that needs an fsync is
        the receipt's (enqueue). If a power cut takes back an answer applied here, the row is simply
        sent again under the same idempotency key and the platform answers as before (duplicate,
        same reference; or the same rejection). The next enqueue's fsync makes it durable anyway."""
        with self._tx(durable=False) as conn:
            self._apply_answers(conn, results, retry_at)

    def mark_and_claim(self, results: Sequence[ItemResult], limit: int,
                       retry_at: float | None = None) -> list[OutboxItem]:
        """mark(results) and then next_batch(limit), in one transaction: the sync engine's step
        between two batches. One commit instead of two, and the index pages both change (the
        claimed and answered rows' state) are written to the WAL once."""
        with self._tx(durable=False) as conn:
            self._apply_answers(conn, results, retry_at)
            rows = self._claim(conn, limit, self._clock())
        return self._open_claimed(rows)

    def _claim(self, conn: sqlite3.Connection, limit: int, now: float) -> list[tuple[Any, ...]]:
        """Inside a transaction: the due rows next_batch hands out, set to 'sending'."""
        rows: list[tuple[Any, ...]] = conn.execute(
            f"""
            SELECT o.id, o.kiosk_ref, o.idempotency_key, o.type, o.member_key, o.payload, o.queued_at,
                   o.attempts
            FROM outbox o INDEXED BY outbox_queued
            WHERE o.state = {QUEUED} AND o.next_attempt_at <= ?
              AND NOT EXISTS (
                SELECT 1 FROM outbox p
                WHERE p.member_key = o.member_key AND p.id < o.id AND p.state IN ({QUEUED}, {SENDING}))
            ORDER BY o.id LIMIT ?
            """,
            (now, limit),
        ).fetchall()
        if rows:
            ids = [r[0] for r in rows]
            conn.execute(
                f"UPDATE outbox SET state={SENDING}, attempts=attempts+1, updated_at=? "
                f"WHERE id IN ({','.join('?' * len(ids))})",
                (self._now(), *ids),
            )
        return rows

    def _open_claimed(self, rows: Sequence[tuple[Any, ...]]) -> list[OutboxItem]:
        """Claimed rows as items to send; a row that does not open is rejected for staff instead."""
        items = []
        damaged = []
        for r in rows:
            try:
                if r[5] is None:
                    raise ValueError("no payload")
                # The authenticated text, sent on as it is (parsed only if something reads it).
                payload = JsonPayload(self._cipher.open_bytes(r[5], r[2]))
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
            self.alerts.raise_alert(alert_texts.DATA_UNREADABLE, f"{len(damaged)} row(s)")
        return items

    def _apply_answers(self, conn: sqlite3.Connection, results: Sequence[ItemResult],
                       retry_at: float | None) -> None:
        now = self._now()
        accepted = [(r.platform_ref, now, r.idempotency_key) for r in results
                    if r.status in (ItemStatus.ACCEPTED, ItemStatus.DUPLICATE)]
        rejected = [(r.reason_code, r.reason_zh, r.reason_en, now, r.idempotency_key) for r in results
                    if r.status is ItemStatus.REJECTED]
        retry = [(retry_at or self._clock(), r.reason_code or "retry", now, r.idempotency_key) for r in results
                 if r.status not in (ItemStatus.ACCEPTED, ItemStatus.DUPLICATE, ItemStatus.REJECTED)]
        self.capacity.forget_count()  # (under the lock) re-counted at the next enqueue
        conn.executemany(
            f"UPDATE outbox SET state={ACCEPTED}, platform_ref=?, last_error=NULL, updated_at=? "
            f"WHERE idempotency_key=? AND state={SENDING}", accepted)
        conn.executemany(
            f"UPDATE outbox SET state={REJECTED}, reason_code=?, reason_zh=?, reason_en=?, updated_at=? "
            f"WHERE idempotency_key=? AND state={SENDING}", rejected)
        conn.executemany(
            f"UPDATE outbox SET state={QUEUED}, next_attempt_at=?, last_error=?, updated_at=? "
            f"WHERE idempotency_key=? AND state={SENDING}", retry)

    def release(self, keys: Sequence[str], error: str, retry_at: float) -> None:
        """Claimed rows back to queued after a failure whose outcome is unknown (the key makes the
        resend safe). Not fsynced: a crash before the next durable commit is recovered the same way."""
        if not keys:
            return
        with self._tx(durable=False) as conn:
            conn.execute(
                f"UPDATE outbox SET state={QUEUED}, next_attempt_at=?, last_error=?, updated_at=? "
                f"WHERE state={SENDING} AND idempotency_key IN ({','.join('?' * len(keys))})",
                (retry_at, error[:200], self._now(), *keys),
            )

    def release_claimed(self, error: str) -> int:
        """Every claimed row back to queued (the sync round that claimed them failed in a way that
        left them behind). Safe at any time: an answer that still arrives finds no claimed row and
        the resend gets the platform's duplicate answer."""
        with self._tx(durable=False) as conn:
            return conn.execute(
                f"UPDATE outbox SET state={QUEUED}, next_attempt_at=0, last_error=?, updated_at=? "
                f"WHERE state={SENDING}",
                (error[:200], self._now())).rowcount

    # ------------------------------------------------------------ queries
    def counts(self) -> QueueCounts:
        with self._lock:
            rows = self.db.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
        return QueueCounts({state: n for state, n in rows})

    def next_due_at(self) -> float | None:
        with self._lock:
            row = self.db.conn.execute(
                f"SELECT min(next_attempt_at) FROM outbox WHERE state={QUEUED}").fetchone()
        return None if row[0] is None else float(row[0])

    def of_member(self, member: Identity, limit: int = 20) -> list[dict[str, Any]]:
        """One member's rows (as `list` gives them: no payload), newest first, found by the ordering
        pseudonym (kiosk.domain.Identity.member_key), for the member's own account screen."""
        key = member.member_key(self._salt)
        with self._lock:
            cur = self.db.conn.execute(
                "SELECT kiosk_ref, type, state, queued_at, platform_ref, reason_code, reason_en FROM outbox"
                " WHERE member_key = ? ORDER BY id DESC LIMIT ?", (key, limit))
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def list(self, limit: int = 200, kiosk_ref: str | None = None) -> list[dict[str, Any]]:
        """Rows without personal data, newest first, for `kiosk queue list` and staff."""
        where, args = ("WHERE kiosk_ref = ?", (kiosk_ref,)) if kiosk_ref else ("", ())
        with self._lock:
            cur = self.db.conn.execute(
                "SELECT kiosk_ref, idempotency_key, type, state, attempts, queued_at, updated_at, platform_ref,"
                f" reason_code, reason_en, last_error, origin FROM outbox {where} ORDER BY id DESC LIMIT ?",
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

    # ------------------------------------------------------------ moving instructions between outboxes
    def export_unsynced(self) -> tuple[_Items, _Refs]:
        """Every instruction not yet delivered (queued or sending), decrypted, oldest first, for an
        export bundle; plus the kiosk_refs of rows that could not be decrypted (left for staff)."""
        with self._lock:
            rows = self.db.conn.execute(
                "SELECT kiosk_ref, idempotency_key, type, queued_at, payload, state, attempts FROM outbox "
                f"WHERE state IN ({QUEUED},{SENDING}) ORDER BY id").fetchall()
        items: _Items = []
        unreadable: _Refs = []
        for ref, key, itype, queued_at, blob, _state, attempts in rows:
            try:
                payload = self._cipher.open(blob, key)
            except Exception:
                unreadable.append(ref)
                continue
            items.append(TransferItem(ref, key, itype, queued_at, payload, OutboxState.QUEUED.value, attempts))
        return items, unreadable

    def import_items(self, items: Sequence[TransferItem], origin: str) -> ImportResult:
        """Add instructions from another outbox, keeping their kiosk_ref and idempotency key, in one
        transaction. A key this outbox already holds is skipped, so importing twice, or into the
        terminal they came from, never makes a second copy. Unsynced items arrive as queued; status
        rows (salvage) keep their state. The queue cap does not apply: these were already receipted."""
        imported = present = 0
        conflicts: list[str] = []
        now = self._now()
        with self._tx() as conn:
            self.capacity.forget_count()
            for it in items:
                if conn.execute("SELECT 1 FROM outbox WHERE idempotency_key=?", (it.idempotency_key,)).fetchone():
                    present += 1
                    continue
                if conn.execute("SELECT 1 FROM outbox WHERE kiosk_ref=?", (it.kiosk_ref,)).fetchone():
                    conflicts.append(it.kiosk_ref)
                    continue
                state = OutboxState.QUEUED.value if it.state in UNSYNCED else it.state
                sealed = None if it.payload is None else self._cipher.seal(it.payload, it.idempotency_key)
                member_key = "" if it.payload is None else member_key_of(it.payload, self._salt)
                if state == OutboxState.QUEUED.value and sealed is None:
                    conflicts.append(it.kiosk_ref)  # nothing to send: cannot be queued
                    continue
                conn.execute(
                    "INSERT INTO outbox (kiosk_ref, idempotency_key, type, member_key, payload, state, attempts,"
                    " next_attempt_at, queued_at, updated_at, platform_ref, reason_code, reason_zh, reason_en,"
                    " origin) VALUES (?,?,?,?,?,?,?,0,?,?,?,?,?,?,?)",
                    (it.kiosk_ref, it.idempotency_key, it.type, member_key, sealed, state, it.attempts,
                     it.queued_at, now, it.platform_ref or None, it.reason_code or None, it.reason_zh or None,
                     it.reason_en or None, origin[:200]),
                )
                imported += 1
        log.info("imported %d instruction(s) from %s; %d already here; %d conflicts",
                 imported, origin, present, len(conflicts))
        return ImportResult(imported, present, tuple(conflicts))

    # ------------------------------------------------------------ retention
    def purge(self, now: float | None = None) -> int:
        """Drop the personal data (payload and member pseudonym) of settled instructions whose last
        change is older than the retention window, keeping the status row (references, type, state,
        times); delete status rows past `status_retention_days`. Then scrub: secure_delete has
        zeroed the freed bytes in the page images, and a TRUNCATE checkpoint writes those images over
        the old ones in the main file and empties the WAL, so no purged byte stays on the disk's
        live files. Returns how many rows lost their personal data."""
        now_ts = self._clock() if now is None else now
        cutoff = iso_utc(now_ts - self.retention_days * _DAY_S)
        settled = ",".join(f"'{s}'" for s in SETTLED)
        with self._tx() as conn:
            purged = conn.execute(
                f"UPDATE outbox SET payload=NULL, member_key='' WHERE state IN ({settled}) "
                "AND (payload IS NOT NULL OR member_key != '') AND updated_at < ?", (cutoff,)).rowcount
            deleted = 0
            if self.status_retention_days is not None:
                old = iso_utc(now_ts - self.status_retention_days * _DAY_S)
                deleted = conn.execute(f"DELETE FROM outbox WHERE state IN ({settled}) AND updated_at < ?",
                                       (old,)).rowcount
        if purged or deleted:
            log.info("retention: personal data purged from %d instruction(s), %d old status row(s) deleted",
                     purged, deleted)
            with self._lock:
                scrub(self.db.conn)
        return purged

    def payload_bytes(self, kiosk_ref: str) -> bytes | None:
        """The sealed payload as stored (tests and the retention check look for it in the files)."""
        with self._lock:
            row = self.db.conn.execute("SELECT payload FROM outbox WHERE kiosk_ref=?", (kiosk_ref,)).fetchone()
        return None if row is None or row[0] is None else bytes(row[0])

