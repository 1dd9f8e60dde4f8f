"""Sign-in lockout: after 5 wrong PINs (or codes) the kiosk waits before it takes another, and every
further wrong one doubles the wait. The count survives a restart: pulling the plug does not reset it."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path


class Lockout:
    def __init__(self, path: Path | None, *, threshold: int = 5, base_delay_s: float = 30.0,
                 max_delay_s: float = 3600.0, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.threshold = threshold
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self._clock = clock
        self._lock = threading.Lock()
        self.failures = 0
        self.locked_until = 0.0
        self._load()

    def _load(self) -> None:
        if self.path is None:
            return
        try:
            doc = json.loads(self.path.read_text())
            self.failures = max(0, int(doc["failures"]))
            self.locked_until = float(doc["locked_until"])
        except FileNotFoundError:
            return
        except (ValueError, KeyError, TypeError):
            # A damaged file must not unlock the kiosk: treat it as locked at the threshold.
            self.failures = self.threshold
            self.locked_until = self._clock() + self.base_delay_s

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"failures": self.failures, "locked_until": self.locked_until}))
        os.replace(tmp, self.path)

    def delay_for(self, failures: int) -> float:
        """The wait after `failures` wrong attempts in a row: 0 below the threshold, then doubling."""
        if failures < self.threshold:
            return 0.0
        return float(min(self.max_delay_s, self.base_delay_s * 2.0 ** min(failures - self.threshold, 30)))

    def remaining(self) -> float:
        """Seconds before another attempt is taken (0: go ahead)."""
        with self._lock:
            now = self._clock()
            # A clock set backwards must not stretch the wait past the longest one.
            if self.locked_until - now > self.max_delay_s:
                self.locked_until = now + self.max_delay_s
            return max(0.0, self.locked_until - now)

    def failed(self) -> float:
        """Count a wrong attempt; returns the wait it imposes."""
        with self._lock:
            self.failures += 1
            delay = self.delay_for(self.failures)
            if delay:
                self.locked_until = self._clock() + delay
            self._save()
            return delay

    def succeeded(self) -> None:
        with self._lock:
            if self.failures or self.locked_until:
                self.failures = 0
                self.locked_until = 0.0
                self._save()
