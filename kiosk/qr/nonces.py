"""Nonces of prepared-instruction codes this kiosk has queued: each code is submitted once.

A nonce is claimed just before its instruction is queued and released if queueing fails; a crash in
between leaves it claimed (the member makes a new code: the safe side of the trade). A record is
kept until its code has expired, after which the code is refused for its age anyway. The platform
must still check nonces itself: one kiosk cannot know what another has taken.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

# Expired records are kept this much longer, so a kiosk clock that was behind cannot revive a code.
GRACE_S = 24 * 3600


class NonceStore(Protocol):
    def used(self, kid: str, nonce: str) -> bool: ...
    def claim(self, kid: str, nonce: str, expires_at: float) -> bool:
        """Record the nonce; False (and nothing changed) when it was already recorded."""
    def release(self, kid: str, nonce: str) -> None:
        """Forget a claim whose instruction was not queued after all."""
    def purge(self) -> int:
        """Drop records whose codes expired more than GRACE_S ago; returns how many."""


class MemoryNonceStore:
    """For tests and tools; forgets everything when the process ends."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], float] = {}

    def used(self, kid: str, nonce: str) -> bool:
        with self._lock:
            return (kid, nonce) in self._seen

    def claim(self, kid: str, nonce: str, expires_at: float) -> bool:
        with self._lock:
            if (kid, nonce) in self._seen:
                return False
            self._seen[(kid, nonce)] = expires_at
            return True

    def release(self, kid: str, nonce: str) -> None:
        with self._lock:
            self._seen.pop((kid, nonce), None)

    def purge(self) -> int:
        cutoff = self._clock() - GRACE_S
        with self._lock:
            old = [k for k, exp in self._seen.items() if exp < cutoff]
            for k in old:
                del self._seen[k]
        return len(old)


class SqliteNonceStore:
    """Durable: a claim is on disk (WAL, synchronous=FULL) before claim() returns."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")  # per connection, so on every open
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS qr_nonces (kid TEXT NOT NULL, nonce TEXT NOT NULL,"
            " expires_at REAL NOT NULL, claimed_at REAL NOT NULL, PRIMARY KEY (kid, nonce))")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def used(self, kid: str, nonce: str) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM qr_nonces WHERE kid = ? AND nonce = ?", (kid, nonce)).fetchone()
        return row is not None

    def claim(self, kid: str, nonce: str, expires_at: float) -> bool:
        with self._lock:
            cur = self._conn.execute(
                "INSERT OR IGNORE INTO qr_nonces (kid, nonce, expires_at, claimed_at) VALUES (?, ?, ?, ?)",
                (kid, nonce, expires_at, self._clock()))
            return cur.rowcount == 1

    def release(self, kid: str, nonce: str) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM qr_nonces WHERE kid = ? AND nonce = ?", (kid, nonce))

    def purge(self) -> int:
        with self._lock:
            cur = self._conn.execute("DELETE FROM qr_nonces WHERE expires_at < ?", (self._clock() - GRACE_S,))
            return cur.rowcount
