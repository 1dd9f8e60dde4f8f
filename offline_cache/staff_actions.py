"""What staff do to the outbox: look at it by state, amend or void rejected instructions, and mark
instructions confirmed in an assisted session. Kept in its own table (`staff_actions`) in the outbox's
database, written in the outbox's own transactions (`SqliteOutbox.transaction()`: one connection,
one lock, one writer), so a state change and its record commit together. An amendment links itself inside the new
instruction's own insert transaction through `SqliteOutbox.enqueue(within=...)`.

States added here: `rejected -> amended` (a new linked instruction replaces it) and
`rejected -> voided` (with a reason). Both drop the old row's personal data at once: the new
instruction carries its own, and a voided one needs none.

Nothing this module returns for display holds a full HKID, name or bank account: members are shown
masked (kiosk.domain masks), and only `amendment_source` decrypts, for the member's own form.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kiosk.domain import hkid
from kiosk.domain.identity import mask_name
from kiosk.ports import OutboxState, Receipt, Transaction
from kiosk.ports.staff import Refused
from kiosk.ports.staff_queue import VOID_REASONS, Actor, Linker, LocalReceipt, RejectedItem, StateSummary
from kiosk.ports.staff_queue import stale as _stale

from .outbox import SqliteOutbox, connection_of

ACTIONS_SCHEMA = """
CREATE TABLE IF NOT EXISTS staff_actions (
    id INTEGER PRIMARY KEY,
    kiosk_ref TEXT NOT NULL,
    action TEXT NOT NULL,          -- assisted | amended | amends | voided
    linked_ref TEXT,
    reason TEXT,
    staff_id TEXT NOT NULL,
    role TEXT NOT NULL,
    shop TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_actions_ref ON staff_actions(kiosk_ref);
"""

def _utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _age_s(iso: str | None, now: float) -> float | None:
    if not iso:
        return None
    try:
        return max(0.0, now - dt.datetime.fromisoformat(iso).timestamp())
    except ValueError:
        return None


class StaffActionsStore:
    def __init__(self, outbox: SqliteOutbox, clock: Callable[[], float] = time.time) -> None:
        self.outbox = outbox
        self._clock = clock
        with self._tx() as conn:
            for stmt in ACTIONS_SCHEMA.split(";"):
                if stmt.strip():
                    conn.execute(stmt)

    def _tx(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return self.outbox.transaction()

    def _read(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return self.outbox.transaction()  # a read in the same serialised transaction: a consistent view

    def _open_payload(self, kiosk_ref: str) -> dict[str, Any] | None:
        return self.outbox.open_payload(kiosk_ref)

    # ------------------------------------------------------------ reading
    def overview(self) -> list[StateSummary]:
        now = self._clock()
        with self._read() as conn:
            rows = conn.execute("SELECT state, count(*), min(queued_at) FROM outbox GROUP BY state").fetchall()
        order = [s.value for s in (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.REJECTED,
                                   OutboxState.ACCEPTED, OutboxState.AMENDED, OutboxState.VOIDED)]
        rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else len(order))
        return [StateSummary(state=r[0], count=int(r[1]), oldest_age_s=_age_s(r[2], now)) for r in rows]

    def rejected(self, limit: int = 100) -> list[RejectedItem]:
        """Rejected instructions waiting for staff, oldest first, with the member masked."""
        now = self._clock()
        with self._read() as conn:
            rows = conn.execute(
                "SELECT o.kiosk_ref, o.type, o.queued_at, o.updated_at, o.reason_code, o.reason_zh, o.reason_en,"
                " EXISTS(SELECT 1 FROM staff_actions a WHERE a.kiosk_ref = o.kiosk_ref AND a.action = 'assisted')"
                " FROM outbox o WHERE o.state = ? ORDER BY o.id LIMIT ?",
                (OutboxState.REJECTED.value, limit)).fetchall()
        items = []
        for r in rows:
            masked_id, masked_name = self._masked_member(r[0])
            items.append(RejectedItem(
                kiosk_ref=r[0], type=r[1], queued_at=r[2], rejected_at=r[3], age_s=_age_s(r[2], now),
                reason_code=r[4] or "REJECTED", reason_zh=r[5] or "", reason_en=r[6] or "",
                member_hkid=masked_id, member_name=masked_name, assisted=bool(r[7])))
        return items

    def _masked_member(self, kiosk_ref: str) -> tuple[str, str]:
        try:
            payload = self._open_payload(kiosk_ref)
        except Exception:  # damaged row: it says so rather than hiding the instruction
            return "(?)", ""
        member = (payload or {}).get("member") or {}
        name_en = str(member.get("name_en") or "")
        name_zh = str(member.get("name_zh") or "")
        name = mask_name(name_en) if name_en else (name_zh[:1] + "*" * (len(name_zh) - 1) if name_zh else "")
        return hkid.mask(str(member.get("hkid") or "")), name

    def links(self, kiosk_ref: str) -> list[dict[str, Any]]:
        with self._read() as conn:
            cur = conn.execute("SELECT kiosk_ref, action, linked_ref, reason, staff_id, role, shop, at"
                               " FROM staff_actions WHERE kiosk_ref = ? ORDER BY id", (kiosk_ref,))
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def receipt(self, kiosk_ref: str) -> LocalReceipt | None:
        """The instruction with this receipt reference, without personal data; None if this kiosk
        has no such instruction (never queued here, or purged after its retention)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT kiosk_ref, type, state, queued_at, updated_at, attempts, platform_ref, reason_code,"
                " reason_zh, reason_en FROM outbox WHERE kiosk_ref = ?", (kiosk_ref,)).fetchone()
            action = conn.execute(
                "SELECT action, reason, linked_ref FROM staff_actions WHERE kiosk_ref = ? AND action IN"
                " ('voided', 'amended', 'amends') ORDER BY id DESC LIMIT 1", (kiosk_ref,)).fetchone()
        if row is None:
            return None
        return LocalReceipt(
            kiosk_ref=row[0], type=row[1], state=row[2], queued_at=row[3] or "", updated_at=row[4] or "",
            attempts=int(row[5] or 0), platform_ref=row[6] or "", reason_code=row[7] or "", reason_zh=row[8] or "",
            reason_en=row[9] or "", staff_action=action[0] if action else "",
            staff_reason=(action[1] or "") if action else "", linked_ref=(action[2] or "") if action else "")

    def personal_values(self) -> list[str]:
        """Every personal value the kiosk still holds (unpurged payloads): the log export removes
        them wherever they appear. Decrypted in memory only."""
        with self._read() as conn:
            refs = [r[0] for r in conn.execute("SELECT kiosk_ref FROM outbox WHERE payload IS NOT NULL").fetchall()]
        found: set[str] = set()
        for ref in refs:
            try:
                payload = self._open_payload(ref) or {}
            except Exception:  # a damaged row holds nothing readable to scrub
                continue
            found.update(_strings(payload.get("member")))
            found.update(_strings(payload.get("values")))
        found.discard("card")
        found.discard("typed")
        return sorted(found)

    def amendment_source(self, kiosk_ref: str) -> tuple[str, dict[str, Any]]:
        """(type, decrypted payload) of a rejected instruction, for the member's form. StaleAction if
        it is not waiting for staff any more."""
        row = self.outbox.get(kiosk_ref)
        if row is None or row["state"] != OutboxState.REJECTED.value:
            raise _stale(kiosk_ref)
        payload = self._open_payload(kiosk_ref)
        if payload is None:
            raise _stale(kiosk_ref)
        return str(row["type"]), payload

    # ------------------------------------------------------------ writing
    def _insert(self, conn: sqlite3.Connection, kiosk_ref: str, action: str, actor: Actor,
                linked_ref: str | None = None, reason: str | None = None) -> None:
        conn.execute("INSERT INTO staff_actions (kiosk_ref, action, linked_ref, reason, staff_id, role, shop, at)"
                     " VALUES (?,?,?,?,?,?,?,?)",
                     (kiosk_ref, action, linked_ref, reason, actor.staff_id, actor.role, actor.shop, _utcnow()))

    def linker(self, *, assisted_by: Actor | None, amends: str | None) -> Linker:
        """The `within` callback for SqliteOutbox.enqueue: marks the new instruction assisted and, for
        an amendment, moves the old one to `amended` in the same transaction (or refuses both)."""
        def link(tx: Transaction, receipt: Receipt) -> None:
            conn = connection_of(tx)
            if amends:
                assert assisted_by is not None, "an amendment is always made with staff"
                cur = conn.execute("UPDATE outbox SET state=?, payload=NULL, updated_at=?"
                                   " WHERE kiosk_ref=? AND state=?",
                                   (OutboxState.AMENDED.value, _utcnow(), amends, OutboxState.REJECTED.value))
                if cur.rowcount != 1:
                    raise _stale(amends)
                self._insert(conn, amends, OutboxState.AMENDED.value, assisted_by, linked_ref=receipt.kiosk_ref)
                self._insert(conn, receipt.kiosk_ref, "amends", assisted_by, linked_ref=amends)
            if assisted_by is not None:
                self._insert(conn, receipt.kiosk_ref, "assisted", assisted_by)
        return link

    def void(self, kiosk_ref: str, reason_code: str, actor: Actor) -> None:
        if reason_code not in VOID_REASONS:
            raise Refused("VOID_REASON", "請選擇作廢原因。", "Choose why the instruction is voided.")
        with self._tx() as conn:
            cur = conn.execute("UPDATE outbox SET state=?, payload=NULL, updated_at=?"
                               " WHERE kiosk_ref=? AND state=?",
                               (OutboxState.VOIDED.value, _utcnow(), kiosk_ref, OutboxState.REJECTED.value))
            if cur.rowcount != 1:
                raise _stale(kiosk_ref)
            self._insert(conn, kiosk_ref, OutboxState.VOIDED.value, actor, reason=reason_code)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1000:
        yield str(value)


def read_only_overview(db_path: Path, clock: Callable[[], float] = time.time) -> list[StateSummary]:
    """Counts and ages by state without opening the outbox for writing (`kiosk doctor` beside a
    running kiosk must not disturb it). Empty when the database does not exist yet."""
    if not db_path.exists():
        return []
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5.0)
    try:
        rows = conn.execute("SELECT state, count(*), min(queued_at) FROM outbox GROUP BY state").fetchall()
    except sqlite3.OperationalError as e:
        if "no such table" in str(e):
            return []
        raise
    finally:
        conn.close()
    now = clock()
    return [StateSummary(state=r[0], count=int(r[1]), oldest_age_s=_age_s(r[2], now)) for r in rows]
