"""The sync engine: sends queued instructions to the platform in batches, on its own thread.

Failures back off exponentially with full jitter (capped), honouring Retry-After; while the platform
is down the worker sends one probe per backoff interval, not a storm. Nothing here ever drops an
instruction: a batch either gets per-item answers, applied in one transaction, or goes back to queued.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.ports import AuthError, ItemStatus, PlatformClient, PlatformError
from kiosk.status import SyncStatus

from .outbox import SqliteOutbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PassResult:
    sent: int = 0
    accepted: int = 0
    rejected: int = 0
    retry: int = 0
    error: str = ""
    retry_after: float | None = None

    @property
    def failed(self) -> bool:
        return bool(self.error)


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
        if not items:
            return PassResult()
        keys = [i.idempotency_key for i in items]
        try:
            results = self.client.submit(items)
        except PlatformError as e:
            # Unknown whether the platform stored them: back to queued, the key makes the retry safe.
            self.outbox.release(keys, str(e), retry_at=self._clock())
            return PassResult(sent=len(items), error=str(e), retry_after=e.retry_after)
        except Exception as e:  # a bug must not strand rows in 'sending'
            self.outbox.release(keys, f"internal error: {type(e).__name__}", retry_at=self._clock())
            log.exception("sync pass failed")
            return PassResult(sent=len(items), error=f"internal error: {type(e).__name__}")
        self.outbox.mark(results, retry_at=self._clock())
        counts = {s: sum(1 for r in results if r.status is s) for s in ItemStatus}
        retry = counts[ItemStatus.RETRY]
        return PassResult(
            sent=len(items),
            accepted=counts[ItemStatus.ACCEPTED] + counts[ItemStatus.DUPLICATE],
            rejected=counts[ItemStatus.REJECTED],
            retry=retry,
            error="some items had no usable answer" if retry else "",
        )

    def drain(self, max_passes: int = 10_000) -> PassResult:
        """Send until nothing is due or a pass fails (bounded)."""
        total = PassResult()
        for _ in range(max_passes):
            r = self.run_pass()
            total = PassResult(total.sent + r.sent, total.accepted + r.accepted, total.rejected + r.rejected,
                               total.retry + r.retry, r.error, r.retry_after)
            if r.sent == 0 or r.failed:
                break
        return total


class SyncWorker:
    def __init__(self, engine: SyncEngine, *, interval_s: float = 5.0, backoff: Backoff | None = None,
                 on_status: Callable[[SyncStatus], None] | None = None) -> None:
        self.engine = engine
        self.interval_s = interval_s
        self.backoff = backoff or Backoff(1.0, 300.0)
        self._on_status = on_status
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = SyncStatus()
        self._lock = threading.Lock()

    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def _set_status(self, **changes: object) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]
            status = self._status
        if self._on_status:
            self._on_status(status)

    def start(self) -> None:
        if self._thread is None:
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
        delay = 0.0
        while not self._stop.is_set():
            if delay > 0:
                self._set_status(next_attempt_in_s=delay)
                self._stop.wait(delay)  # while backing off, a wake() does not cut the wait short
                if self._stop.is_set():
                    break
            delay = self._cycle()
            if delay == 0:
                self._wake.wait(self.interval_s)
                self._wake.clear()

    def _cycle(self) -> float:
        """One round: drain what is due. Returns the backoff delay, or 0 when all went well."""
        client = self.engine.client
        try:
            result = self.engine.drain()
        except Exception as e:  # the database itself failed: keep the thread alive, report, back off
            log.exception("sync cycle failed")
            self._set_status(last_error=f"internal error: {type(e).__name__}")
            return self.backoff.next_delay()
        skew = getattr(client, "clock_skew_s", None)
        if result.sent == 0 and not result.failed:
            # Nothing to send: a cheap health probe keeps the online indicator honest.
            online = client.health()
            self._set_status(online=online, clock_skew_s=getattr(client, "clock_skew_s", skew),
                             last_error="" if online else "platform unreachable")
            return 0.0 if online else self.backoff.next_delay()
        if result.failed:
            # A refused signature means the platform answered: online, but something to fix.
            auth = "signature" in result.error or "enrol" in result.error
            log.warning("sync: %s", result.error)
            self._set_status(online=auth, last_error=result.error, clock_skew_s=skew)
            return self.backoff.next_delay(result.retry_after)
        self.backoff.reset()
        self._set_status(online=True, last_sync_at=time.time(), last_error="", next_attempt_in_s=0.0,
                         clock_skew_s=skew)
        return 0.0


__all__ = ["AuthError", "Backoff", "PassResult", "SyncEngine", "SyncWorker"]
