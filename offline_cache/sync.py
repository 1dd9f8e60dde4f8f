"""The sync engine: sends queued instructions to the platform in batches, on its own thread.

Three layers, each testable alone:
- `SyncEngine`: one pass = claim one batch, submit it, apply the per-item answers in one
  transaction. Nothing here ever drops an instruction: a batch either gets per-item answers or goes
  back to queued with the same idempotency keys.
- `SyncScheduler`: decides *when* (the circuit breaker, the idle health probe, retention
  maintenance, clock-skew alerts). It never sleeps and never starts threads: it is given a clock
  and answers "call me again in N seconds", so the very same code runs the kiosk's worker thread
  and bench/fleet.py's 1,000 simulated kiosks on a simulated clock.
- The status report to the platform (offline_cache/status_report.py), when the scheduler is given
  a reporter: sent in the same round, after the instructions, only while the circuit is closed.
- `SyncWorker`: the thread that calls the scheduler and waits as it says (a new instruction cuts
  the wait short only while the circuit is closed). The UI never waits on any of this.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.ports import AuthError, BatchRefused, ItemResult, ItemStatus, OutboxItem, PlatformClient, PlatformError
from kiosk.ports.status import SyncStatus

from . import alerts as alert_texts
from .breaker import Backoff, CircuitBreaker, CircuitState
from .outbox import SqliteOutbox
from .status_report import StatusReporter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PassResult:
    sent: int = 0
    accepted: int = 0
    rejected: int = 0
    retry: int = 0
    error: str = ""
    retry_after: float | None = None
    auth_refused: bool = False  # the platform answered 401: reachable, but this terminal is refused

    @property
    def failed(self) -> bool:
        return bool(self.error)

    def then(self, later: PassResult) -> PassResult:
        """This pass followed by `later`: sums, and the later error (if any)."""
        return PassResult(self.sent + later.sent, self.accepted + later.accepted, self.rejected + later.rejected,
                          self.retry + later.retry, later.error, later.retry_after, later.auth_refused)


def _refused_result(key: str, e: BatchRefused) -> ItemResult:
    return ItemResult(key, ItemStatus.REJECTED, reason_code=e.code or "BAD_REQUEST",
                      reason_zh=e.message_zh or "平台拒絕了此指示的格式。",
                      reason_en=e.message_en or "The platform refused this instruction as malformed.")


class SyncEngine:
    """One pass = one batch. Used by the worker thread and by `kiosk sync --once`."""

    def __init__(self, outbox: SqliteOutbox, client: PlatformClient, batch_size: int = 50,
                 clock: Callable[[], float] = time.time) -> None:
        self.outbox = outbox
        self.client = client
        self.batch_size = batch_size
        self._clock = clock

    def run_pass(self) -> PassResult:
        items = self.outbox.next_batch(self.batch_size)
        return self._send(items, claim_next=False)[0] if items else PassResult()

    def _send(self, items: list[OutboxItem], claim_next: bool) -> tuple[PassResult, list[OutboxItem]]:
        """Submit one claimed batch and apply the answers. With claim_next, once every item has its
        verdict, the next batch is claimed in the same transaction as the answers (one commit
        between two batches instead of two) and returned, already claimed, for the caller to send."""
        results, outcome = self._exchange(items)
        if results is None:
            return outcome, []
        if claim_next and all(r.status is not ItemStatus.RETRY for r in results):
            following = self.outbox.mark_and_claim(results, self.batch_size, retry_at=self._clock())
            return self._outcome(items, results), following
        return self._apply(items, results), []

    def _exchange(self, items: list[OutboxItem]) -> tuple[list[ItemResult] | None, PassResult]:
        """Submit one claimed batch. With per-item answers: (answers, -) still to be applied. Without:
        (None, outcome), the batch already released (or isolated item by item)."""
        keys = [i.idempotency_key for i in items]
        try:
            return self.client.submit(items), PassResult()
        except BatchRefused as e:
            return None, self._isolate(items, e)
        except PlatformError as e:
            # Unknown whether the platform stored them: back to queued, the key makes the retry safe.
            self.outbox.release(keys, str(e), retry_at=self._clock())
            return None, PassResult(sent=len(items), error=str(e), retry_after=e.retry_after,
                                    auth_refused=isinstance(e, AuthError))
        except Exception as e:  # a bug must not strand rows in 'sending'
            self.outbox.release(keys, f"internal error: {type(e).__name__}", retry_at=self._clock())
            log.exception("sync pass failed")
            return None, PassResult(sent=len(items), error=f"internal error: {type(e).__name__}")

    def _apply(self, items: list[OutboxItem], results: list[ItemResult], error: str = "",
               retry_after: float | None = None) -> PassResult:
        self.outbox.mark(results, retry_at=self._clock())
        return self._outcome(items, results, error, retry_after)

    @staticmethod
    def _outcome(items: list[OutboxItem], results: list[ItemResult], error: str = "",
                 retry_after: float | None = None) -> PassResult:
        counts = {s: sum(1 for r in results if r.status is s) for s in ItemStatus}
        retry = counts[ItemStatus.RETRY]
        return PassResult(
            sent=len(items),
            accepted=counts[ItemStatus.ACCEPTED] + counts[ItemStatus.DUPLICATE],
            rejected=counts[ItemStatus.REJECTED],
            retry=retry,
            error=error or ("some items had no usable answer" if retry else ""),
            retry_after=retry_after,
        )

    def _isolate(self, items: list[OutboxItem], refused: BatchRefused) -> PassResult:
        """The platform refused the whole batch as malformed and stored nothing. Resend one by one:
        the faulty item is rejected with the platform's reason, the others go through (a poison
        item must not hold everyone else's instructions hostage)."""
        if len(items) == 1:
            log.warning("platform refused instruction %s as malformed: %s", items[0].kiosk_ref, refused.code)
            return self._apply(items, [_refused_result(items[0].idempotency_key, refused)])
        log.warning("platform refused a batch of %d (%s); resending one by one", len(items), refused.code)
        results: list[ItemResult] = []
        for n, item in enumerate(items):
            try:
                results.extend(self.client.submit([item]))
            except BatchRefused as e:
                results.append(_refused_result(item.idempotency_key, e))
            except PlatformError as e:
                rest = [i.idempotency_key for i in items[n:]]
                self.outbox.release(rest, str(e), retry_at=self._clock())
                done = self._apply(items[:n], results) if results else PassResult()
                return replace(done, sent=len(items), error=str(e), retry_after=e.retry_after,
                               auth_refused=isinstance(e, AuthError))
        return self._apply(items, results)

    def drain(self, max_passes: int = 10_000) -> PassResult:
        """Send until nothing is due or a pass fails (bounded). The last pass allowed claims
        nothing after it, so no row is left claimed when the bound stops the loop."""
        total = PassResult()
        items: list[OutboxItem] = []
        for n in range(max_passes):
            items = items or self.outbox.next_batch(self.batch_size)
            if not items:
                break
            r, items = self._send(items, claim_next=n + 1 < max_passes)
            total = total.then(r)
            if r.failed:
                break
        return total


class SyncScheduler:
    """When to send, probe and tidy up; see the module docstring. Not thread-safe: one caller."""

    def __init__(
        self,
        engine: SyncEngine,
        *,
        interval_s: float = 5.0,
        health_interval_s: float | None = None,
        backoff: Backoff | None = None,
        breaker: CircuitBreaker | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        on_status: Callable[[SyncStatus], None] | None = None,
        maintenance: Callable[[], object] | None = None,
        maintenance_interval_s: float = 3600.0,
        skew_alert_s: float = 60.0,
        reporter: StatusReporter | None = None,
    ) -> None:
        self.engine = engine
        self.reporter = reporter
        self.interval_s = interval_s  # longest idle wait (the queue may change from elsewhere)
        self.health_interval_s = interval_s if health_interval_s is None else health_interval_s
        self.breaker = breaker or CircuitBreaker(backoff or Backoff(1.0, 300.0), clock)
        self._clock = clock
        self._wall = wall_clock
        self._on_status = on_status
        self._maintenance = maintenance
        self.maintenance_interval_s = maintenance_interval_s
        self.skew_alert_s = skew_alert_s
        self._next_maintenance = clock()
        self._last_contact: float | None = None
        self._skew_alerted: bool | None = None  # unknown until the first reading (may clear an old alert)
        self._lock = threading.Lock()
        self._status = SyncStatus()

    # ------------------------------------------------------------ status
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def _set_status(self, **changes: object) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]
            status = self._status
        if self._on_status:
            self._on_status(status)

    def accepts_wake(self) -> bool:
        """A new instruction may cut the wait short only while the circuit is closed: while the
        platform is failing, the next request is the scheduled probe, whatever is queued."""
        return self.breaker.state is CircuitState.CLOSED

    # ------------------------------------------------------------ one round
    def step(self) -> float:
        """Do what is due now; return the seconds until the next call (never past the next
        maintenance: retention runs on time even while the platform is down)."""
        now = self._clock()
        self._maybe_maintain(now)
        delay = self._round(now)
        if self.reporter is not None:
            delay = min(delay, self._report())
        if self._maintenance is not None:
            delay = min(delay, max(self._next_maintenance - now, 0.001))
        return delay

    def _round(self, now: float) -> float:
        probing = self.breaker.state is CircuitState.HALF_OPEN
        if not self.breaker.allow():
            wait = max(self.breaker.seconds_until_probe(), 0.001)
            self._set_status(circuit=self.breaker.state.value, next_attempt_in_s=wait)
            return wait
        try:
            result = self.engine.run_pass() if probing else self.engine.drain()
            if probing and result.sent and not result.failed:
                self.breaker.record_success()  # the probe went through: the rest may follow at once
                result = result.then(self.engine.drain())
        except Exception as e:  # the database itself failed: keep the thread alive, report, back off
            log.exception("sync round failed")
            try:  # nothing may stay claimed until the next start
                self.engine.outbox.release_claimed(f"internal error: {type(e).__name__}")
            except Exception:
                log.exception("could not release claimed instructions")
            delay = self.breaker.record_failure()
            self._set_status(last_error=f"internal error: {type(e).__name__}", circuit="open",
                             next_attempt_in_s=delay)
            return delay
        client = self.engine.client
        if result.failed:
            log.warning("sync: %s", result.error)
            delay = self.breaker.record_failure(result.retry_after)
            # A refused signature means the platform answered: online, but something to fix.
            self._set_status(online=result.auth_refused, last_error=result.error, circuit="open",
                             next_attempt_in_s=delay, clock_skew_s=self._skew())
            self._check_skew()
            return delay
        if result.sent:
            self._last_contact = now
            self.breaker.record_success()
            self._set_status(online=True, last_sync_at=self._wall(), last_error="", next_attempt_in_s=0.0,
                             circuit="closed", clock_skew_s=self._skew())
        elif probing or self._last_contact is None or now - self._last_contact >= self.health_interval_s:
            # Nothing to send: a cheap health probe keeps the online indicator (and the skew) honest.
            if not client.health():
                delay = self.breaker.record_failure()
                self._set_status(online=False, last_error="platform unreachable", circuit="open",
                                 next_attempt_in_s=delay, clock_skew_s=self._skew())
                return delay
            self._last_contact = now
            self.breaker.record_success()
            self._set_status(online=True, last_error="", next_attempt_in_s=0.0, circuit="closed",
                             clock_skew_s=self._skew())
        self._check_skew()
        return self._idle_delay(now)

    def _report(self) -> float:
        """The status report, after the instructions: not while the circuit is open (the report
        waits, only the latest kept) nor while instructions are due. At most one request."""
        reporter = self.reporter
        assert reporter is not None
        if self.breaker.state is not CircuitState.CLOSED:
            return float("inf")  # the round's own delay (the next probe) decides
        due = self.engine.outbox.next_due_at()
        if due is not None and due <= self._wall():
            return float("inf")  # instructions first: the round that sends them comes before
        now = self._clock()
        if reporter.due_in(now) > 0:
            return max(reporter.due_in(now), 0.01)
        outcome = reporter.send_due(now)
        if outcome.transport_failed:
            delay = self.breaker.record_failure(outcome.retry_after)
            self._set_status(online=False, last_error=outcome.error, circuit="open", next_attempt_in_s=delay)
            return delay
        if outcome.sent:
            self._last_contact = now
        return max(reporter.due_in(self._clock()), 0.01)

    def _idle_delay(self, now: float) -> float:
        delay = self.interval_s
        if self._last_contact is not None:
            delay = min(delay, self._last_contact + self.health_interval_s - now)
        due = self.engine.outbox.next_due_at()
        if due is not None:
            until_due = due - self._wall()
            if until_due > 0:  # a row already due but not sent waits on its member's earlier one
                delay = min(delay, until_due)
        return max(delay, 0.01)

    # ------------------------------------------------------------ housekeeping
    def _maybe_maintain(self, now: float) -> None:
        if self._maintenance is None or now < self._next_maintenance:
            return
        self._next_maintenance = now + self.maintenance_interval_s
        try:
            self._maintenance()
        except Exception:  # retention must never stop delivery
            log.exception("outbox maintenance failed")

    def _skew(self) -> float | None:
        skew = getattr(self.engine.client, "clock_skew_s", None)
        return float(skew) if isinstance(skew, int | float) else None

    def _check_skew(self) -> None:
        skew = self._skew()
        if skew is None:
            return
        off = abs(skew) >= self.skew_alert_s
        if off is self._skew_alerted:
            return
        self._skew_alerted = off
        alerts = getattr(self.engine.outbox, "alerts", None)
        if alerts is None:
            return
        try:
            if off:
                log.warning("clock skew %+.0f s against the platform", skew)
                alerts.raise_alert(alert_texts.CLOCK_SKEW, f"platform clock minus ours: {skew:+.0f} s")
            else:
                alerts.clear(alert_texts.CLOCK_SKEW.code)
        except Exception:
            log.exception("could not record the clock-skew alert")


class SyncWorker:
    """The sync thread: calls the scheduler, waits as it says. stop() ends it within one request."""

    def __init__(self, engine: SyncEngine, *, interval_s: float = 5.0, backoff: Backoff | None = None,
                 on_status: Callable[[SyncStatus], None] | None = None,
                 scheduler: SyncScheduler | None = None, **scheduler_options: object) -> None:
        self.engine = engine
        self.scheduler = scheduler or SyncScheduler(
            engine, interval_s=interval_s, backoff=backoff, on_status=on_status,
            **scheduler_options)  # type: ignore[arg-type]
        self.backoff = self.scheduler.breaker.backoff
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def interval_s(self) -> float:
        return self.scheduler.interval_s

    def status(self) -> SyncStatus:
        return self.scheduler.status()

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Something was queued: try now rather than at the next interval (unless backing off)."""
        self._wake.set()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # a wake during the step below must still cut the next wait short
            delay = self.scheduler.step()
            if delay <= 0 or self._stop.is_set():
                continue
            if self.scheduler.accepts_wake():
                self._wake.wait(delay)
            else:
                self._stop.wait(delay)


__all__ = ["AuthError", "Backoff", "CircuitBreaker", "PassResult", "SyncEngine", "SyncScheduler", "SyncWorker"]
