"""The platform's SQLite store: enrolment codes, devices, and instructions by idempotency key.

One connection guarded by a lock: the server calls in from a thread pool, and SQLite's own
locking would only turn contention into busy errors. synchronous=FULL because the platform's
promise is that an answered item survives a crash (the kiosk purges its copy on that answer).
"""

from __future__ import annotations

import base64
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from platform_sim.validation import BatchItem

HONG_KONG = timezone(timedelta(hours=8), "HKT")

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS enrolment_codes (
    code        TEXT PRIMARY KEY,
    created_at  REAL NOT NULL,
    used_at     REAL,
    device_id   TEXT
);
CREATE TABLE IF NOT EXISTS devices (
    device_id   TEXT PRIMARY KEY,
    device_name TEXT NOT NULL,
    secret      BLOB NOT NULL,
    enrolled_at REAL NOT NULL
);
-- Rejected items are kept too (without their personal data) so a resend gets the same answer.
CREATE TABLE IF NOT EXISTS instructions (
    idempotency_key TEXT PRIMARY KEY,
    outcome         TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
    platform_ref    TEXT UNIQUE,
    kiosk_ref       TEXT NOT NULL,
    type            TEXT NOT NULL,
    member_key      TEXT NOT NULL,
    queued_at       TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    payload         TEXT,
    reason          TEXT
);
CREATE TABLE IF NOT EXISTS ref_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);
"""

Status = Literal["accepted", "duplicate", "rejected"]


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    secret_b64: str


@dataclass(frozen=True)
class ItemOutcome:
    idempotency_key: str
    status: Status
    platform_ref: str | None
    reason: Mapping[str, str] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "idempotency_key": self.idempotency_key,
            "status": self.status,
            "platform_ref": self.platform_ref,
            "reason": dict(self.reason) if self.reason is not None else None,
        }


def iso_time(unix: float) -> str:
    return datetime.fromtimestamp(unix, HONG_KONG).isoformat(timespec="milliseconds")


class Store:
    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")  # per connection: not persisted in the file
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.executescript(_SCHEMA)  # idempotent: every statement is IF NOT EXISTS
        self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection under the lock, for a query (other modules keep their own tables here)."""
        with self._lock:
            yield self._conn

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT under the lock, for other modules' tables in this file."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT under the lock; rolls back on any exception."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # ------------------------------------------------------------ enrolment

    def add_enrolment_code(self, code: str, now: float) -> bool:
        """Make `code` available; a code already used stays used. True when it is usable."""
        with self._transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO enrolment_codes (code, created_at) VALUES (?, ?)", (code, now))
            row = conn.execute("SELECT used_at FROM enrolment_codes WHERE code = ?", (code,)).fetchone()
        return row is not None and row["used_at"] is None

    def enrol(self, code: str, device_name: str, now: float) -> Enrolment | None:
        """Spend a one-time code on a new device; None when the code is unknown or used."""
        device_id = "dev-" + secrets.token_hex(8)
        secret = secrets.token_bytes(32)
        with self._transaction() as conn:
            spent = conn.execute(
                "UPDATE enrolment_codes SET used_at = ?, device_id = ? WHERE code = ? AND used_at IS NULL",
                (now, device_id, code),
            ).rowcount
            if spent != 1:
                return None
            conn.execute(
                "INSERT INTO devices (device_id, device_name, secret, enrolled_at) VALUES (?, ?, ?, ?)",
                (device_id, device_name, secret, now),
            )
        return Enrolment(device_id, base64.b64encode(secret).decode("ascii"))

    def device_secret(self, device_id: str) -> bytes | None:
        with self._lock:
            row = self._conn.execute("SELECT secret FROM devices WHERE device_id = ?", (device_id,)).fetchone()
        return None if row is None else bytes(row["secret"])

    # ------------------------------------------------------------ instructions

    def submit_batch(
        self,
        device_id: str,
        items: Sequence[tuple[BatchItem, Mapping[str, str] | None]],
        now: float,
    ) -> list[ItemOutcome]:
        """Store a batch in one transaction: each item with the verdict it gets if its key is new.

        A key already held answers as it did the first time, whichever device sent it, and is
        never stored twice; a key repeated inside the batch is a duplicate of its first occurrence.
        """
        received_at = iso_time(now)
        year = datetime.fromtimestamp(now, HONG_KONG).year
        outcomes: list[ItemOutcome] = []
        with self._transaction() as conn:
            for item, reason in items:
                held = conn.execute(
                    "SELECT outcome, platform_ref, reason FROM instructions WHERE idempotency_key = ?",
                    (item.idempotency_key,),
                ).fetchone()
                sent = item.key_as_sent or item.idempotency_key  # answers name the key as it was sent
                if held is not None:
                    outcomes.append(_held_outcome(sent, held))
                elif reason is not None:
                    self._insert(conn, item, device_id, received_at, None, reason)
                    outcomes.append(ItemOutcome(sent, "rejected", None, reason))
                else:
                    ref = self._next_ref(conn, year)
                    self._insert(conn, item, device_id, received_at, ref, None)
                    outcomes.append(ItemOutcome(sent, "accepted", ref, None))
        return outcomes

    @staticmethod
    def _next_ref(conn: sqlite3.Connection, year: int) -> str:
        conn.execute(
            "INSERT INTO ref_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1",
            (year,),
        )
        last = conn.execute("SELECT last FROM ref_counters WHERE year = ?", (year,)).fetchone()["last"]
        return f"EMPF-{year}-{last:06d}"

    @staticmethod
    def _insert(
        conn: sqlite3.Connection,
        item: BatchItem,
        device_id: str,
        received_at: str,
        platform_ref: str | None,
        reason: Mapping[str, str] | None,
    ) -> None:
        conn.execute(
            "INSERT INTO instructions (idempotency_key, outcome, platform_ref, kiosk_ref, type, member_key,"
            " queued_at, device_id, received_at, payload, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.idempotency_key,
                "accepted" if reason is None else "rejected",
                platform_ref,
                item.kiosk_ref,
                item.type,
                item.member_key,
                item.queued_at,
                device_id,
                received_at,
                # Data minimisation: a rejected item's personal data has no use on the platform.
                json.dumps(item.payload, ensure_ascii=False, allow_nan=False) if reason is None else None,
                json.dumps(dict(reason), ensure_ascii=False, allow_nan=False) if reason is not None else None,
            ),
        )

    def instruction(self, platform_ref: str) -> dict[str, Any] | None:
        """The status view of an accepted instruction."""
        with self._lock:
            row = self._conn.execute(
                "SELECT platform_ref, kiosk_ref, idempotency_key, type, received_at FROM instructions"
                " WHERE platform_ref = ? AND outcome = 'accepted'",
                (platform_ref,),
            ).fetchone()
        if row is None:
            return None
        return {**dict(row), "status": "received"}

    def accepted_instructions(self) -> list[dict[str, Any]]:
        """Every accepted instruction in arrival order, payload included (admin/tests only)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT idempotency_key, platform_ref, kiosk_ref, type, member_key, queued_at, device_id,"
                " received_at, payload FROM instructions WHERE outcome = 'accepted' ORDER BY rowid"
            ).fetchall()
        return [{**dict(row), "payload": _stored_json(row["payload"])} for row in rows]

    def rejected_instructions(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT idempotency_key, kiosk_ref, type, device_id, received_at, reason FROM instructions"
                " WHERE outcome = 'rejected' ORDER BY rowid"
            ).fetchall()
        return [{**dict(row), "reason": _stored_json(row["reason"])} for row in rows]


def _stored_json(text: str) -> Any:
    """A stored JSON column, readable back as JSON whatever an older store holds: NaN and
    Infinity (stored before numbers had to be finite) come back as the strings "NaN" and
    "Infinity", so listing them cannot fail."""
    return json.loads(text, parse_constant=str)


def _held_outcome(key: str, held: sqlite3.Row) -> ItemOutcome:
    if held["outcome"] == "accepted":
        return ItemOutcome(key, "duplicate", held["platform_ref"], None)
    reason: dict[str, str] = json.loads(held["reason"])
    return ItemOutcome(key, "rejected", None, reason)
