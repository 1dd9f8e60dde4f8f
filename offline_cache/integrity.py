"""Database integrity checks for start-up and `kiosk doctor`."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def quick_check(path: Path) -> str:
    """'ok', 'missing', or what SQLite found wrong (first line)."""
    if not path.exists():
        return "missing"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        return f"damaged: {e}"
    return "ok" if row and row[0] == "ok" else f"damaged: {row[0] if row else 'no answer'}"
