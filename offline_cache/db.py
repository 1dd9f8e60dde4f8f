"""Opening the kiosk's SQLite files the one way they must be opened: WAL, synchronous=FULL."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import sqlite_utils

log = logging.getLogger(__name__)


def connect(path: Path) -> sqlite_utils.Database:
    """A connection usable from several threads (callers serialise with their own lock).

    isolation_level=None: transactions are explicit (BEGIN IMMEDIATE ... COMMIT), so nothing is
    committed by accident and nothing waits uncommitted.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10.0)
    conn.execute("PRAGMA journal_mode=WAL")
    # synchronous is per connection: FULL fsyncs the WAL at every commit, so a receipt shown
    # means the instruction survives a power cut.
    conn.execute("PRAGMA synchronous=FULL")
    # Purged personal data must not linger in free pages.
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA foreign_keys=ON")
    return sqlite_utils.Database(conn)


def scrub(conn: sqlite3.Connection, vacuum_when_free: float = 0.5) -> str:
    """Make deleted bytes unrecoverable from the live files after a purge.

    secure_delete (set at connect) zeroes freed cells and pages in the new page images; in WAL mode
    those images sit in the WAL while the main file still holds the old ones. A TRUNCATE checkpoint
    copies them over the old pages and empties the WAL (whose stale frames would otherwise outlive
    the checkpoint). VACUUM only when much of the file is free pages: it reclaims space, not secrecy.
    Returns the checkpoint's answer, e.g. "busy=0 log=0 checkpointed=0" (busy=1: a reader held an old
    snapshot; the next purge tries again).
    """
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    if page_count and free / page_count > vacuum_when_free and free > 256:
        try:
            conn.execute("VACUUM")
        except sqlite3.OperationalError as e:  # another connection is reading: not now
            log.info("VACUUM skipped: %s", e)
    busy, wal_frames, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        log.warning("checkpoint after purge incomplete (a reader is active); retried at the next purge")
    return f"busy={busy} log={wal_frames} checkpointed={done}"
