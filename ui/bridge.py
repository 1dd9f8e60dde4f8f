"""Adapters between threads the core uses and Qt's GUI thread.

Card events arrive on the PC/SC monitor thread, card reads and the durable enqueue block: neither
may touch a widget or the Session from those threads. `CardBridge` turns the driver's callbacks into
queued Qt signals; `Worker` runs a blocking call on a QThreadPool and hands the result back on the
GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

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


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as e:  # delivered to the GUI thread, which decides what the member sees
            self._relay.failed.emit(e)
            return
        self._relay.finished.emit(result)


class Worker:
    """Runs blocking calls off the GUI thread; callbacks run on the GUI thread."""

    def __init__(self, max_threads: int = 2) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max_threads)
        # Relays must outlive their job: a QObject collected before the queued signal arrives
        # would drop the result on the floor.
        self._pending: set[_Relay] = set()

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        relay = _Relay(on_done, on_error, self._pending.discard)
        self._pending.add(relay)
        self.pool.start(_Job(fn, relay))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, timeout_ms: int = 5000) -> bool:
        return self.pool.waitForDone(timeout_ms)
