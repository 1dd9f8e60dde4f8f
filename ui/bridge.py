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


class _Relay(QObject):
    """Lives on the GUI thread; its own slots receive the worker's signals there."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 forget: Callable[[_Relay], None]) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._forget = forget
        self.finished.connect(self._deliver)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver(self, result: object) -> None:
        self._forget(self)
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        self._forget(self)
        assert isinstance(error, BaseException)
        self._on_error(error)


class Worker:
    """Runs blocking calls off the GUI thread; callbacks run on the GUI thread.

    The calls run on a Python thread pool, not a QThreadPool: a QRunnable made in Python is a
    wrapper that Qt deletes on the pool's thread, and under load (a job submitted from another
    job's callback while the machine is busy) PySide 6.8 left dozens of those wrappers alive, each
    holding its call and callbacks, and with them the member's sign-in (tests/ui/test_bridge.py).
    A relay emitting from a Python thread is a queued call to the GUI thread, as from any thread.
    """

    def __init__(self, max_threads: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=max_threads, thread_name_prefix="kiosk-worker")
        # Relays must outlive their job: a QObject collected before the queued signal arrives
        # would drop the result on the floor.
        self._pending: set[_Relay] = set()
        self._running: set[Future[None]] = set()
        self._lock = threading.Lock()  # the set is emptied from the pool's threads

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        relay = _Relay(on_done, on_error, self._pending.discard)
        self._pending.add(relay)
        future = self._pool.submit(_run, fn, relay)
        with self._lock:
            self._running.add(future)
        future.add_done_callback(self._finished)

    def _finished(self, future: Future[None]) -> None:
        with self._lock:
            self._running.discard(future)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, timeout_ms: int = 5000) -> bool:
        """True once every call submitted so far has returned (its callback may still be queued)."""
        with self._lock:
            running = set(self._running)
        _done, not_done = wait(running, timeout=timeout_ms / 1000)
        return not not_done


def _run(fn: Callable[[], Any], relay: _Relay) -> None:
    try:
        result = fn()
    except Exception as e:  # delivered to the GUI thread, which decides what the member sees
        relay.failed.emit(e)
        return
    relay.finished.emit(result)
