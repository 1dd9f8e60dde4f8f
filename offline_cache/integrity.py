"""Database integrity checks for start-up and `kiosk doctor`.

Only SQLite's own verdicts of corruption count as "damaged": a locked database, a missing
permission or a failing disk is a different problem, and moving a healthy database aside because
another process held a lock would be a disaster of its own.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Primary result codes (the low byte of an extended code).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


def is_corruption(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def quick_check(path: Path, timeout_s: float = 5.0) -> str:
    """'ok', 'missing', 'damaged: <what SQLite found>' or 'unknown: <why it could not be checked>'.

    Read-only: the check never writes the file (a read-only connection does not checkpoint the WAL
    when it closes), so a damaged database is still intact when it is moved aside.
    """
    if not path.exists():
        return "missing"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout_s)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as e:
        return f"damaged: {e}" if is_corruption(e) else f"unknown: {e}"
    if rows and rows[0][0] == "ok":
        return "ok"
    return f"damaged: {rows[0][0] if rows else 'no answer'}" + (f" (+{len(rows) - 1} more)" if len(rows) > 1 else "")
