"""Backoff and the circuit breaker that keeps a dead platform from costing more than one probe per
interval.

Closed: requests flow. Any failure (transport error, timeout, 5xx, 429) opens the circuit for a
delay drawn by the backoff: full jitter, U(0, min(cap, base * 2^n)), never less than the platform's
Retry-After (itself capped). While open nothing is sent and a wake-up (a new instruction) does not
cut the wait short. When the delay is over the circuit is half-open: exactly one request, the probe,
may go; success closes it (and resets the backoff), failure opens it again for a longer delay.

Full jitter is what spreads a fleet: after a long outage every terminal sits at the cap with its
next probe at an independent uniform point of the interval, so their return is spread over it
instead of arriving as one wave (bench/fleet.py measures it).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from enum import Enum


class Backoff:
    """Exponential backoff with full jitter: wait ~ U(0, min(cap, base * 2^n))."""

    def __init__(self, base_s: float, cap_s: float, rng: random.Random | None = None) -> None:
        self.base_s = base_s
        self.cap_s = cap_s
        self.failures = 0
        self._rng = rng or random.Random()

    def reset(self) -> None:
        self.failures = 0

    def next_delay(self, retry_after: float | None = None) -> float:
        ceiling = min(self.cap_s, self.base_s * (2 ** min(self.failures, 30)))
        self.failures += 1
        delay = self._rng.uniform(0, ceiling)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.cap_s))
        return delay


class CircuitState(str, Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(self, backoff: Backoff, clock: Callable[[], float] = time.monotonic) -> None:
        self.backoff = backoff
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._failed = False  # True from a failure until the next success
        self._probe_out = False

    @property
    def state(self) -> CircuitState:
        with self._lock:
            return self._state()

    def _state(self) -> CircuitState:
        if not self._failed:
            return CircuitState.CLOSED
        return CircuitState.OPEN if self._clock() < self._open_until else CircuitState.HALF_OPEN

    def seconds_until_probe(self) -> float:
        with self._lock:
            return max(0.0, self._open_until - self._clock()) if self._failed else 0.0

    def allow(self) -> bool:
        """May a request go now? In half-open only the first caller gets the probe slot."""
        with self._lock:
            state = self._state()
            if state is CircuitState.CLOSED:
                return True
            if state is CircuitState.HALF_OPEN and not self._probe_out:
                self._probe_out = True
                return True
            return False

    def record_success(self) -> None:
        with self._lock:
            self._failed = False
            self._probe_out = False
            self._open_until = 0.0
            self.backoff.reset()

    def record_failure(self, retry_after: float | None = None) -> float:
        """Open (again) and return how long until the next probe."""
        with self._lock:
            delay = self.backoff.next_delay(retry_after)
            self._failed = True
            self._probe_out = False
            self._open_until = self._clock() + delay
            return delay
