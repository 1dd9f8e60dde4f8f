"""The kiosk's status report to the platform: when to build one, when to send it, what to keep offline.

The report itself (doctor checks, queue, alerts, versions; no personal data) is built by a callable
the composition root provides (kiosk/fleet/report.py), so this module knows nothing of kiosk rules.
It decides only *when*:

- every `probe_interval_s` the report is built afresh (cheap: no network) and handed to `on_built`
  (the Prometheus textfile); if its *health fingerprint* (each check's status, the open alerts, the
  circuit, the update state) differs from the last one sent, it is due at once ("on change");
- every `interval_s` it is due anyway (the schedule: the platform sees a kiosk is alive);
- offline, only the latest report is kept (a newer one replaces the older, never a backlog), and it
  goes when the platform is back.

It runs inside the sync scheduler's round (offline_cache/sync.py), after the instructions: a report
never goes while instructions are due or the circuit is open, and one round sends at most one report.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.ports import AuthError, BatchRefused, PlatformError

log = logging.getLogger(__name__)

Report = dict[str, Any]


def fingerprint(report: Mapping[str, Any]) -> str:
    """What counts as a change worth telling the platform at once: a check or alert changing state,
    the circuit opening or closing, the update state. Counts and ages change every minute and wait
    for the schedule."""
    checks = report.get("checks") or []
    alerts = report.get("alerts") or []
    update = report.get("update") or {}
    sync = report.get("sync") or {}
    key = {
        "checks": sorted((str(c.get("name")), str(c.get("status"))) for c in checks if isinstance(c, dict)),
        "alerts": sorted(str(a.get("code")) for a in alerts if isinstance(a, dict)),
        "circuit": sync.get("circuit"),
        "update": update.get("state"),
        "version": (report.get("kiosk") or {}).get("version"),
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SendOutcome:
    sent: bool = False
    error: str = ""
    retry_after: float | None = None
    transport_failed: bool = False  # the platform did not answer: the circuit should open


class StatusReporter:
    """`pending()` may be read from any thread; `due_in`/`send_due` run on the sync thread."""

    def __init__(
        self,
        build: Callable[[], Report],
        send: Callable[[Mapping[str, Any]], object],
        *,
        interval_s: float = 300.0,
        probe_interval_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        on_built: Callable[[Report], object] | None = None,
    ) -> None:
        if interval_s <= 0 or probe_interval_s <= 0:
            raise ValueError("status report intervals must be positive")
        self._build = build
        self._send = send
        self.interval_s = interval_s
        self.probe_interval_s = min(probe_interval_s, interval_s)
        self._clock = clock
        self._on_built = on_built
        self._lock = threading.Lock()
        self._pending: Report | None = None  # the latest report not yet delivered (offline: only this one)
        self._sent_fingerprint: str | None = None
        self._next_probe = clock()  # build one at the first round
        self._next_scheduled = clock()  # and send it: the platform learns the kiosk started
        self._hold_until = 0.0  # after a refused signature: the pending report waits this long
        self._reason = "start"
        self._sequence = 0
        self.sent_count = 0
        self.last_sent_at: float | None = None

    # ------------------------------------------------------------ from any thread
    def pending(self) -> Report | None:
        with self._lock:
            return self._pending

    # ------------------------------------------------------------ from the sync thread
    def due_in(self, now: float) -> float:
        """Seconds until something is to be done (0: now)."""
        with self._lock:
            if self._pending is not None:
                return max(0.0, self._hold_until - now)
            return max(0.0, min(self._next_probe, self._next_scheduled) - now)

    def send_due(self, now: float) -> SendOutcome:
        """Build if a probe is due, then send the pending report if there is one (at most one request)."""
        self._maybe_build(now)
        with self._lock:
            report = self._pending
        if report is None or now < self._hold_until:
            return SendOutcome()
        try:
            self._send(report)
        except BatchRefused as e:
            # The platform read it and refuses its shape: resending the same would be refused again.
            log.warning("status report refused by the platform: %s", e.code)
            self._delivered(report, now)
            return SendOutcome(error=f"status report refused: {e.code}")
        except AuthError as e:  # not enrolled, or secret refused: the instruction path reports that
            log.info("status report not sent: %s", e)
            with self._lock:
                self._hold_until = now + self.probe_interval_s
            return SendOutcome(error=str(e))
        except PlatformError as e:
            log.info("status report kept for later: %s", e)
            return SendOutcome(error=str(e), retry_after=e.retry_after, transport_failed=True)
        self._delivered(report, now)
        return SendOutcome(sent=True)

    def _delivered(self, report: Report, now: float) -> None:
        with self._lock:
            if self._pending is report:  # a newer one built meanwhile stays pending
                self._pending = None
            self._sent_fingerprint = fingerprint(report)
            self._next_scheduled = now + self.interval_s
            self.sent_count += 1
            self.last_sent_at = now

    def _maybe_build(self, now: float) -> None:
        with self._lock:
            probe_due = now >= self._next_probe
            scheduled = now >= self._next_scheduled
            if not (probe_due or scheduled):
                return
            self._next_probe = now + self.probe_interval_s
        try:
            report = self._build()
        except Exception:  # a broken probe must not stop instructions or later reports
            log.exception("status report could not be built")
            return
        if self._on_built is not None:
            try:
                self._on_built(report)
            except Exception:
                log.exception("status report hook failed")
        changed = fingerprint(report) != self._sent_fingerprint
        with self._lock:
            if not (scheduled or changed or self._pending is not None):
                return
            reason = self._reason if self._sent_fingerprint is None else "scheduled" if scheduled else "change"
            self._sequence += 1
            # Offline, this replaces any older undelivered report: only the latest is worth sending.
            self._pending = {**report, "reason": reason, "sequence": self._sequence}
