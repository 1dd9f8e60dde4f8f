"""Reading what can still be read from a damaged outbox database.

The table is read by rowid ranges; a range whose pages are damaged fails as a whole, so it is split
in halves until the failing rows are isolated (bounded by a query budget: a damaged right-most leaf
would otherwise make every id above it fail one by one). Each row read is trusted only as far as it
proves itself: the payload must open under the data key bound to the row's idempotency key (AES-GCM
authenticates it), and the key and reference must have their proper shape.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.ports import OutboxState

from .crypto import PayloadCipher
from .outbox_rows import TransferItem

log = logging.getLogger(__name__)

_COLUMNS = ("id, kiosk_ref, idempotency_key, type, payload, state, attempts, queued_at, platform_ref, "
            "reason_code, reason_zh, reason_en")
_KNOWN_STATES = {s.value for s in OutboxState}
_REF = re.compile(r"^[A-Z0-9-]{4,40}$")
_MAX_ID_FALLBACK = 1 << 24


@dataclass
class SalvageReport:
    source: Path
    rows_read: int = 0
    unreadable_ids: list[int] = field(default_factory=list)  # rows lost with their damaged pages
    gave_up_above: int | None = None  # the query budget ran out; ids above this were not tried
    undecryptable: list[str] = field(default_factory=list)  # kiosk_refs whose payload does not open
    malformed: int = 0  # rows whose key, reference or state is not believable
    items: list[TransferItem] = field(default_factory=list, repr=False)
    error: str = ""  # the table could not be read at all

    @property
    def unsynced(self) -> int:
        return sum(1 for i in self.items if i.state == OutboxState.QUEUED.value)

    def summary(self) -> str:
        text = (f"{self.rows_read} row(s) read, {self.unsynced} to send again, "
                f"{len(self.unreadable_ids)} lost in damaged pages, {len(self.undecryptable)} undecryptable, "
                f"{self.malformed} malformed")
        if self.gave_up_above is not None:
            text += f", gave up above id {self.gave_up_above}"
        return text + (f"; error: {self.error}" if self.error else "")


def salvage(db_path: Path, data_key: bytes, query_budget: int = 50_000) -> SalvageReport:
    report = SalvageReport(db_path)
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error as e:
        report.error = str(e)
        return report
    try:
        rows = _read_all(conn, report, query_budget)
    finally:
        conn.close()
    cipher = PayloadCipher(data_key)
    for row in rows:
        item = _believable(row, cipher, report)
        if item is not None:
            report.items.append(item)
    log.info("salvage of %s: %s", db_path.name, report.summary())
    return report


def _read_all(conn: sqlite3.Connection, report: SalvageReport, budget: int) -> list[tuple[object, ...]]:
    try:
        top = conn.execute("SELECT max(id) FROM outbox").fetchone()[0]
    except sqlite3.Error:
        top = None
        for index in ("outbox_key", "outbox_ref", "outbox_due"):
            try:
                top = conn.execute(f"SELECT max(id) FROM outbox INDEXED BY {index}").fetchone()[0]
                break
            except sqlite3.Error:
                continue
        if top is None:
            top = _MAX_ID_FALLBACK
    if top is None:  # an empty table
        return []
    out: list[tuple[object, ...]] = []
    remaining = [budget]
    try:
        _read_range(conn, 1, int(top), out, report, remaining)
    except sqlite3.Error as e:  # not damage of rows: e.g. the schema itself is unreadable
        report.error = str(e)
    report.rows_read = len(out)
    out.sort(key=lambda r: int(r[0]))  # type: ignore[call-overload]
    return out


def _read_range(conn: sqlite3.Connection, lo: int, hi: int, out: list[tuple[object, ...]],
                report: SalvageReport, remaining: list[int]) -> None:
    stack = [(lo, hi)]
    while stack:
        a, b = stack.pop()
        if remaining[0] <= 0:
            report.gave_up_above = a - 1 if report.gave_up_above is None else min(report.gave_up_above, a - 1)
            continue
        remaining[0] -= 1
        try:
            out.extend(conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id BETWEEN ? AND ?", (a, b)).fetchall())
        except sqlite3.DatabaseError as e:
            if "no such table" in str(e) or "no such column" in str(e):
                raise
            if a == b:
                report.unreadable_ids.append(a)
                continue
            mid = (a + b) // 2
            stack.append((mid + 1, b))
            stack.append((a, mid))


def _believable(row: tuple[object, ...], cipher: PayloadCipher, report: SalvageReport) -> TransferItem | None:
    (_id, ref, key, itype, blob, state, attempts, queued_at, platform_ref,
     reason_code, reason_zh, reason_en) = row
    try:
        uuid.UUID(str(key))
    except ValueError:
        report.malformed += 1
        return None
    if not (isinstance(ref, str) and _REF.match(ref) and isinstance(itype, str) and itype
            and isinstance(state, str) and state in _KNOWN_STATES and isinstance(queued_at, str)):
        report.malformed += 1
        return None
    payload = None
    if isinstance(blob, bytes):
        try:
            payload = cipher.open(blob, str(key))
        except Exception:
            report.undecryptable.append(ref)
            return None
    # An "accepted" row without its platform reference is not proof of delivery: send it again
    # (the platform answers duplicate if it already holds the key).
    delivered = state == OutboxState.ACCEPTED.value and isinstance(platform_ref, str) and bool(platform_ref)
    if OutboxState(state).unsynced or (state == OutboxState.ACCEPTED.value and not delivered):
        if payload is None:
            report.undecryptable.append(ref)
            return None
        state = OutboxState.QUEUED.value
    return TransferItem(
        kiosk_ref=ref, idempotency_key=str(key), type=itype, queued_at=queued_at, payload=payload, state=state,
        attempts=int(attempts) if isinstance(attempts, int) else 0,
        platform_ref=platform_ref if isinstance(platform_ref, str) else "",
        reason_code=reason_code if isinstance(reason_code, str) else "",
        reason_zh=reason_zh if isinstance(reason_zh, str) else "",
        reason_en=reason_en if isinstance(reason_en, str) else "",
    )
