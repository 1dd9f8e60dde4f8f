"""The same code read twice within a second is one read."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

WINDOW_S = 1.0
MAX_TRACKED = 64  # a handful of codes are in view at once; older entries can go


class Dedup:
    """`fresh(payload)` is True for a read to act on, False for a repeat.

    A code counts as a repeat while it keeps being seen less than `window_s` apart: a code held in
    front of the camera for ten seconds is one read, and it counts again once it has been out of
    sight (or unscanned) for `window_s`. Thread-safe: sources call it from their own threads.
    """

    def __init__(self, window_s: float = WINDOW_S, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self._monotonic = monotonic
        self._last: OrderedDict[bytes, float] = OrderedDict()
        self._lock = threading.Lock()

    def fresh(self, payload: bytes, at: float | None = None) -> bool:
        now = self._monotonic() if at is None else at
        with self._lock:
            last = self._last.pop(payload, None)
            self._last[payload] = now
            while len(self._last) > MAX_TRACKED:
                self._last.popitem(last=False)
        return last is None or now - last >= self.window_s

    def forget(self) -> None:
        """A new member: the previous member's code may be scanned again at once."""
        with self._lock:
            self._last.clear()
