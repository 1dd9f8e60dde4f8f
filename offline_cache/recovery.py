"""Opening the outbox at start-up, surviving a damaged database.

`PRAGMA quick_check` first. A damaged database is moved aside intact (with its -wal and -shm, by
rename, so not a byte changes) into `damaged/<time>/` beside it, a fresh database is opened, staff
are alerted, and what can still be read from the damaged one is put back in the queue with its
original idempotency keys (the platform answers "duplicate" for any it already holds). The same
re-queueing is available to a technician afterwards: `kiosk queue recover`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import alerts as alert_texts
from .integrity import is_corruption, quick_check
from .outbox import SqliteOutbox
from .outbox_rows import ImportResult
from .salvage import SalvageReport, salvage

log = logging.getLogger(__name__)

DAMAGED_DIR = "damaged"
_SUFFIXES = ("", "-wal", "-shm")


@dataclass(frozen=True)
class Quarantined:
    directory: Path
    database: Path  # the damaged main file, at its new place
    verdict: str


@dataclass
class StartupReport:
    integrity: str = "ok"
    quarantined: Quarantined | None = None
    salvage: SalvageReport | None = None
    requeued: ImportResult | None = None
    notes: list[str] = field(default_factory=list)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def quarantine(db_path: Path, verdict: str, now: Callable[[], dt.datetime] | None = None) -> Quarantined:
    """Move the database and its -wal/-shm aside by rename (same filesystem: nothing is rewritten)."""
    stamp = (now or (lambda: dt.datetime.now(dt.UTC)))().strftime("%Y%m%dT%H%M%S%fZ")
    target = db_path.parent / DAMAGED_DIR / stamp
    target.mkdir(parents=True, mode=0o700)
    for suffix in _SUFFIXES:
        src = Path(f"{db_path}{suffix}")
        if src.exists():
            os.rename(src, target / src.name)
    (target / "REASON.txt").write_text(f"{verdict}\n", encoding="utf-8")
    _fsync_dir(target)
    _fsync_dir(db_path.parent)
    log.error("database %s was damaged (%s); moved aside to %s", db_path.name, verdict, target)
    return Quarantined(target, target / db_path.name, verdict)


def damaged_databases(db_path: Path) -> list[Path]:
    """Damaged databases set aside beside `db_path`, oldest first."""
    root = db_path.parent / DAMAGED_DIR
    if not root.is_dir():
        return []
    return sorted(p / db_path.name for p in root.iterdir() if (p / db_path.name).exists())


def requeue_from(damaged: Path, outbox: SqliteOutbox, data_key: bytes) -> tuple[SalvageReport, ImportResult]:
    """Read what can be read from a damaged database and put it back in `outbox`. Idempotent: keys
    already present are skipped, so it can be run again (or after a partial run) safely."""
    report = salvage(damaged, data_key)
    result = outbox.import_items(report.items, origin=f"salvage:{damaged.parent.name}")
    record = {"salvaged_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "summary": report.summary(),
              "imported": result.imported, "already_present": result.already_present,
              "conflicts": list(result.conflicts), "lost_row_ids": report.unreadable_ids[:1000],
              "undecryptable_refs": report.undecryptable[:1000]}
    (damaged.parent / "salvage.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    return report, result


def open_outbox(path: Path, data_key: bytes, member_salt: bytes, *, auto_requeue: bool = True,
                **settings: Any) -> tuple[SqliteOutbox, StartupReport]:
    """The outbox at `path`, opened safely; the report says what start-up found and did."""
    report = StartupReport(integrity=quick_check(path))
    if report.integrity.startswith("damaged"):
        report.quarantined = quarantine(path, report.integrity)
    elif report.integrity.startswith("unknown"):
        # Locked or unreadable for a reason other than corruption: leave it where it is, and let
        # opening it raise the real error rather than hide it behind a fresh empty queue.
        report.notes.append(f"integrity not checked: {report.integrity}")
    try:
        outbox = SqliteOutbox(path, data_key, member_salt, **settings)
    except sqlite3.DatabaseError as e:
        if report.quarantined is not None or not is_corruption(e):
            raise
        report.integrity = f"damaged: {e}"
        report.quarantined = quarantine(path, report.integrity)
        outbox = SqliteOutbox(path, data_key, member_salt, **settings)
    q = report.quarantined
    if q is not None:
        detail = f"moved to {q.directory}"
        if auto_requeue:
            try:
                report.salvage, report.requeued = requeue_from(q.database, outbox, data_key)
                detail += f"; {report.salvage.summary()}; {report.requeued.imported} queued again"
            except Exception as e:  # salvage is best effort: the fresh queue must still open
                log.exception("salvage of %s failed", q.database)
                detail += f"; salvage failed ({type(e).__name__}): run `kiosk queue recover`"
        else:
            detail += "; run `kiosk queue recover` to queue again what can be read"
        outbox.alerts.raise_alert(alert_texts.DB_DAMAGED, detail)
    return outbox, report
