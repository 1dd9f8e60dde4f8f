"""The platform's clock: real time shifted by the clock_offset_s fault.

Everything that reports or judges time (health, signature freshness, received_at, 401 bodies) reads
this one clock, so a skew fault looks to the kiosk exactly like a platform whose clock is off.
"""

from __future__ import annotations

import time

from platform_sim.faults import FaultInjector


class SimClock:
    def __init__(self, faults: FaultInjector) -> None:
        self._faults = faults

    def now(self) -> float:
        return time.time() + self._faults.config.clock_offset_s
