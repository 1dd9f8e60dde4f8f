"""Adapters between threads the core uses and Qt's GUI thread.

Card events arrive on the PC/SC monitor thread, card reads and the durable enqueue block: neither
may touch a widget or the Session from those threads. `CardBridge` turns the driver's callbacks into
queued Qt signals; `Worker` runs a blocking call on a thread pool and hands the result back on the
GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class CardBridge(QObject):
    """Satisfies kiosk.ports.CardEvents. Create it on the GUI thread; call its methods from any thread.

    Emitting from a foreign thread to a QObject living on the GUI thread makes Qt queue the call,
    so the connected slots run on the GUI thread.
    """

    inserted = Signal(str)
    removed = Signal(str)

    def card_inserted(self, reader: str, atr: bytes) -> None:
        # The ATR identifies the card type, not the person; the UI does not need it.
        self.inserted.emit(reader)

    def card_removed(self, reader: str) -> None:
        self.removed.emit(reader)


class _Job:
    """One blocking call and what to do with its outcome. A plain Python object, so it does not
    matter on which thread the last reference to it goes."""

    __slots__ = ("_failed", "_fn", "_on_done", "_on_error", "_outcome")

    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        self._fn: Callable[[], Any] | None = fn
        self._on_done: Callable[[Any], None] | None = on_done
        self._on_error: Callable[[BaseException], None] | None = on_error
        self._outcome: Any = None
        self._failed = False

    def run(self) -> None:
        """On a pool thread: the call, and nothing of it kept once it has returned."""
        fn, self._fn = self._fn, None
        assert fn is not None
        try:
            self._outcome = fn()
        except Exception as e:  # delivered to the GUI thread, which decides what the member sees
            self._outcome, self._failed = e, True

    def deliver(self) -> None:
        """On the GUI thread: the callback, then the job lets go of the callbacks and the outcome."""
        on_done, on_error, outcome = self._on_done, self._on_error, self._outcome
        self._on_done = self._on_error = self._outcome = None
        if self._failed:
            assert on_error is not None and isinstance(outcome, BaseException)
            on_error(outcome)
        else:
            assert on_done is not None
            on_done(outcome)


class _Dispatcher(QObject):
    """Lives on the GUI thread for the worker's whole life; a job emitted from a pool thread is
    queued to it and delivered there."""

    answered = Signal(object)

    def __init__(self, forget: Callable[[_Job], None]) -> None:
        super().__init__()
        self._forget = forget
        self.answered.connect(self._deliver)

    @Slot(object)
    def _deliver(self, job: object) -> None:
        assert isinstance(job, _Job)
        self._forget(job)
        job.deliver()


class Worker:
    """Runs blocking calls off the GUI thread; callbacks run on the GUI thread. Create it on the
    GUI thread.

    The calls run on a Python thread pool, and their outcomes come back through one QObject made
    with the worker; nothing made per call is a Qt object. Not a QThreadPool with a QRunnable per
    call: Qt deletes a QRunnable on the pool's thread, and under load (a call submitted from another
    call's callback on a busy machine) PySide 6.11 leaves dozens of those wrappers alive, each holding
    its call and callbacks, and with them a member's sign-in. Not a QObject per call either: its last
    reference can go on a pool thread, and a Qt object must be destroyed on its own thread
    (tests/ui/test_bridge.py shows both).
    """

    def __init__(self, max_threads: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="kiosk-worker")
        self._dispatcher = _Dispatcher(self._delivered)
        self._lock = threading.Lock()  # _running changes on the pool's threads
        self._pending: set[_Job] = set()  # submitted, callback not yet run
        self._running: set[Future[None]] = set()  # submitted, call not yet returned

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        job = _Job(fn, on_done, on_error)
        with self._lock:
            self._pending.add(job)
            future = self._pool.submit(self._run, job)
            self._running.add(future)
        future.add_done_callback(self._returned)

    def _run(self, job: _Job) -> None:
        job.run()
        self._dispatcher.answered.emit(job)

    def _returned(self, future: Future[None]) -> None:
        with self._lock:
            self._running.discard(future)

    def _delivered(self, job: _Job) -> None:
        with self._lock:
            self._pending.discard(job)

    @property
    def busy(self) -> bool:
        """A call submitted whose callback has not run yet."""
        with self._lock:
            return bool(self._pending)

    def wait(self, timeout_ms: int = 5000) -> bool:
        """True once every call submitted so far has returned (its callback may still be queued)."""
        with self._lock:
            running = set(self._running)
        _done, not_done = wait(running, timeout=timeout_ms / 1000)
        return not not_done
