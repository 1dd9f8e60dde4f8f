"""Card insert/remove events from pcscd, delivered to a `kiosk.ports.CardEvents`.

Why not pyscard's `CardMonitor`: its thread is a process-wide singleton that cannot be
stopped, and when pcscd restarts it prints a traceback and stops for good (checked with
pyscard 2.3.1), so a kiosk would silently go deaf to cards. This watcher is one thread per
`PcscMonitor`, wakes at least every `poll_seconds` to check for `stop()`, is woken at once by
SCardCancel, and reconnects to pcscd after it restarts.

Latency: pcscd polls card presence about every 0.4 s, so inserts and removals arrive
0.0-0.4 s after they happen, whichever monitor is used.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial

from smartcard import scard

from kiosk.ports import CardEvents

from .context import PNP_NOTIFICATION, Context, ReaderState
from .errors import CardIOError, ReaderNotFound

log = logging.getLogger(__name__)


class PcscMonitor:
    """Watches every reader pcscd knows. Cards already present at `start()` are reported as
    inserted; cards in readers that vanish, or behind a pcscd that stops, as removed."""

    def __init__(self, events: CardEvents, *, poll_seconds: float = 0.5, reconnect_seconds: float = 1.0) -> None:
        self._events = events
        self._poll_ms = max(1, int(poll_seconds * 1000))
        self._reconnect_seconds = reconnect_seconds
        self._stop = threading.Event()
        self._lock = threading.Lock()  # guards _context between the watcher and stop()
        self._context: Context | None = None
        self._thread: threading.Thread | None = None
        self._cards: dict[str, ReaderState] = {}  # reader -> state when its card was reported
        self._known: dict[str, int] = {}  # reader -> last event state, for the next wait

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="pcsc-monitor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        with self._lock:
            if self._context is not None:
                self._context.cancel()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning("card monitor did not stop within %.1f s", timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def present(self) -> dict[str, bytes]:
        """Readers holding a card, with its ATR, as last reported."""
        return {reader: state.atr for reader, state in list(self._cards.items())}

    # ------------------------------------------------------------ watcher thread

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                context = self._connect()
                if context is None:
                    self._stop.wait(self._reconnect_seconds)
                    continue
                try:
                    self._watch(context)
                except CardIOError as exc:
                    log.warning("card monitor lost pcscd: %s", exc)
                    self._drop_all()
                    self._stop.wait(self._reconnect_seconds)
                finally:
                    with self._lock:
                        self._context = None
                    context.release()
        finally:
            log.info("card monitor stopped")

    def _connect(self) -> Context | None:
        try:
            context = Context()
        except CardIOError as exc:
            log.debug("card monitor: %s", exc)
            return None
        with self._lock:
            if self._stop.is_set():
                context.release()
                return None
            self._context = context
        self._known.clear()
        log.info("card monitor connected to pcscd")
        return context

    def _watch(self, context: Context) -> None:
        while not self._stop.is_set():
            readers = context.readers()
            for gone in set(self._cards) - set(readers):
                self._removed(gone)
            # The PnP pseudo-reader wakes the wait when a reader is plugged in or out.
            names = [*readers, PNP_NOTIFICATION]
            try:
                states = context.wait_change(
                    [(name, self._known.get(name, scard.SCARD_STATE_UNAWARE)) for name in names],
                    self._poll_ms,
                )
            except ReaderNotFound:
                continue  # a reader went away during the wait: list them again
            if states is None:
                continue  # timeout or cancelled: look at the reader list and the stop flag again
            for state in states:
                self._known[state.reader] = state.event_state & ~scard.SCARD_STATE_CHANGED
                if state.reader != PNP_NOTIFICATION:
                    self._update(state)

    def _update(self, state: ReaderState) -> None:
        before = self._cards.get(state.reader)
        if before is not None and (not state.present or state.counter != before.counter):
            # Gone, or pulled and re-inserted between two looks (the event counter moved).
            self._removed(state.reader)
            before = None
        if state.present and before is None:
            self._cards[state.reader] = state
            log.info("card inserted: reader=%s atr=%s", state.reader, state.atr.hex())
            self._deliver(partial(self._events.card_inserted, state.reader, state.atr))

    def _removed(self, reader: str) -> None:
        if self._cards.pop(reader, None) is not None:
            log.info("card removed: reader=%s", reader)
            self._deliver(partial(self._events.card_removed, reader))

    def _drop_all(self) -> None:
        for reader in list(self._cards):
            self._removed(reader)

    @staticmethod
    def _deliver(callback: Callable[[], None]) -> None:
        try:
            callback()
        except Exception:
            # A listener's bug must not stop card events for the rest of the session.
            log.exception("card event listener failed")
