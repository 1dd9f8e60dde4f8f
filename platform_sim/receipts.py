"""Instructions looked up by their receipt reference (the kiosk's reference), and cancels.

The status needs no sign-in (a member with a receipt at any kiosk may ask whether it arrived); its
details and a cancel need the sign-in of the member who gave it. A fund switch can be cancelled
until the cut-off of its dealing day: 16:00 Hong Kong time on the working day it was received if
that was before 16:00, else 16:00 on the next working day. The simulator's working days are Monday
to Friday (it knows no public holidays). Other types are not cancelled at a kiosk: the hotline.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from platform_sim import hkid
from platform_sim.member_errors import MemberError
from platform_sim.store import HONG_KONG, Store, iso_time

CANCELLABLE_TYPES = frozenset({"FUND_SWITCH"})
CUTOFF = time(16, 0)
HOTLINE = "183 2622"
MAX_LISTED = 20

_SCHEMA = """CREATE TABLE IF NOT EXISTS instruction_cancellations (
    idempotency_key TEXT PRIMARY KEY,
    cancelled_at    REAL NOT NULL,
    device_id       TEXT NOT NULL
)"""

_NEXT_STEPS = {
    "received": ("平台已收到指示，正在處理。如有查詢，請致電積金易熱線 183 2622。",
                 "The platform has the instruction and is processing it. Questions: eMPF hotline 183 2622."),
    "cancelled": ("指示已取消，平台不會處理。", "The instruction was cancelled; the platform will not act on it."),
    "rejected": ("平台未有接受此指示，請按原因處理後重新提交，或請職員協助。",
                 "The platform did not accept this instruction: act on the reason and resubmit, or ask staff."),
}


def cancel_deadline(received_at: str) -> datetime:
    """16:00 HKT on the dealing day of an instruction received at `received_at` (ISO 8601)."""
    received = datetime.fromisoformat(received_at).astimezone(HONG_KONG)
    day = received.date()
    if day.weekday() >= 5 or received.time() >= CUTOFF:
        day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
    return datetime.combine(day, CUTOFF, HONG_KONG)


@dataclass(frozen=True)
class Found:
    idempotency_key: str
    outcome: str
    platform_ref: str | None
    kiosk_ref: str
    type: str
    received_at: str
    payload: dict[str, Any] | None
    reason: dict[str, str] | None
    cancelled_at: float | None

    @property
    def status(self) -> str:
        if self.outcome == "rejected":
            return "rejected"
        return "cancelled" if self.cancelled_at is not None else "received"

    def member_number(self) -> str:
        member = (self.payload or {}).get("member")
        number = member.get("hkid") if isinstance(member, dict) else None
        return hkid.normalise(number) if isinstance(number, str) and hkid.is_valid(number) else ""

    def status_document(self, now: float) -> dict[str, Any]:
        doc: dict[str, Any] = {"kiosk_ref": self.kiosk_ref, "platform_ref": self.platform_ref, "type": self.type,
                               "status": self.status, "received_at": self.received_at, "cancellable": False,
                               "cancel_by": None, "reason": self.reason}
        if self.type in CANCELLABLE_TYPES and self.status == "received":
            deadline = cancel_deadline(self.received_at)
            doc["cancel_by"] = deadline.isoformat(timespec="minutes")
            doc["cancellable"] = now < deadline.timestamp()
        zh, en = _NEXT_STEPS[self.status]
        doc["next_step_zh"], doc["next_step_en"], doc["hotline"] = zh, en, HOTLINE
        return doc


class Receipts:
    def __init__(self, store: Store) -> None:
        self._store = store
        with store.transaction() as conn:
            conn.execute(_SCHEMA)

    def find(self, kiosk_ref: str) -> Found | None:
        """The latest instruction with this receipt reference, accepted or rejected."""
        with self._store.read() as conn:
            row = conn.execute(
                "SELECT i.idempotency_key, outcome, platform_ref, kiosk_ref, type, received_at, payload, reason,"
                " c.cancelled_at FROM instructions i LEFT JOIN instruction_cancellations c"
                " ON c.idempotency_key = i.idempotency_key WHERE kiosk_ref = ? ORDER BY i.rowid DESC LIMIT 1",
                (kiosk_ref,)).fetchone()
        return None if row is None else _found(row)

    def is_cancelled(self, idempotency_key: str) -> bool:
        with self._store.read() as conn:
            return conn.execute("SELECT 1 FROM instruction_cancellations WHERE idempotency_key = ?",
                                (idempotency_key,)).fetchone() is not None

    def of_member(self, number: str) -> list[dict[str, Any]]:
        """The member's latest accepted instructions (status view, newest first)."""
        wanted = hkid.normalise(number)
        out: list[dict[str, Any]] = []
        with self._store.read() as conn:
            rows = conn.execute(
                "SELECT i.idempotency_key, outcome, platform_ref, kiosk_ref, type, received_at, payload, reason,"
                " c.cancelled_at FROM instructions i LEFT JOIN instruction_cancellations c"
                " ON c.idempotency_key = i.idempotency_key WHERE outcome = 'accepted' ORDER BY i.rowid DESC"
            ).fetchall()
        for row in rows:  # the simulator scans: a real platform indexes instructions by member
            found = _found(row)
            if found.member_number() == wanted:
                doc = found.status_document(0.0)
                out.append({k: doc[k] for k in ("kiosk_ref", "platform_ref", "type", "status", "received_at")})
                if len(out) >= MAX_LISTED:
                    break
        return out

    def cancel(self, found: Found, device_id: str, now: float) -> None:
        """Cancel `found` (already checked to belong to the signed-in member); raises MemberError."""
        if found.type not in CANCELLABLE_TYPES or found.status == "rejected":
            raise MemberError(409, "CANCEL_NOT_ALLOWED")
        if found.status == "cancelled":
            return  # a second tap (or a resend) changes nothing
        if now >= cancel_deadline(found.received_at).timestamp():
            raise MemberError(409, "CANCEL_TOO_LATE")
        with self._store.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO instruction_cancellations (idempotency_key, cancelled_at, device_id)"
                         " VALUES (?, ?, ?)", (found.idempotency_key, now, device_id))


def _found(row: sqlite3.Row) -> Found:
    return Found(row["idempotency_key"], row["outcome"], row["platform_ref"], row["kiosk_ref"], row["type"],
                 row["received_at"], json.loads(row["payload"]) if row["payload"] else None,
                 json.loads(row["reason"]) if row["reason"] else None, row["cancelled_at"])


def as_of(now: float) -> str:
    return iso_time(now)
