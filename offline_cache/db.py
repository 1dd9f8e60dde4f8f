"""Opening the kiosk's SQLite files the one way they must be opened: WAL, synchronous=FULL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils


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
