"""The kiosk's heartbeat to systemd from the Qt event loop (decisions in kiosk/watchdog.py).

A QTimer on the GUI thread sends WATCHDOG=1 (and STATUS=) at half of systemd's WatchdogSec: while
the event loop turns, systemd hears from it; when the loop is stuck, the timer does not fire, no
beat is sent, and systemd restarts the kiosk. A thread would keep beating for a frozen screen.

EMPF_KIOSK_FREEZE_ON_SIGUSR1=SECONDS (tests and a technician checking the unit's watchdog only):
SIGUSR1 then blocks the event loop for that many seconds from inside a slot, as a hung slot would;
the process and its other threads run on.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QTimer

from kiosk import watchdog

log = logging.getLogger(__name__)

FREEZE_ENV = "EMPF_KIOSK_FREEZE_ON_SIGUSR1"


class EventLoopHeartbeat(QObject):
    """Beats every `interval_s` while the event loop runs; `status` names what the kiosk is doing."""

    def __init__(self, interval_s: float, status: Callable[[], str | None],
                 heartbeat: watchdog.Heartbeat | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.heartbeat = heartbeat or watchdog.Heartbeat()
        self._status = status
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(interval_s * 1000)))
        self._timer.timeout.connect(self.beat)

    def start(self) -> None:
        self.beat()  # at once: the first interval may already be half gone by the first paint
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def beat(self) -> None:
        try:
            status = self._status()
        except Exception:  # a status that cannot be read still beats: the loop is alive
            log.exception("kiosk status for systemd")
            status = None
        self.heartbeat.beat(status)


def start_heartbeat(status: Callable[[], str | None], parent: QObject | None = None) -> EventLoopHeartbeat | None:
    """The heartbeat when systemd asked for one (WATCHDOG_USEC for this process), else None."""
    interval = watchdog.interval_s()
    if interval is None:
        return None
    beat = EventLoopHeartbeat(interval, status, parent=parent)
    beat.start()
    log.info("watchdog: WATCHDOG=1 every %.1f s from the event loop", interval)
    return beat


def install_freeze_hook() -> Callable[[], None]:
    """With EMPF_KIOSK_FREEZE_ON_SIGUSR1 set, SIGUSR1 blocks the event loop; returns the undo."""
    seconds_text = os.environ.get(FREEZE_ENV, "")
    if not seconds_text or threading.current_thread() is not threading.main_thread():
        return lambda: None
    seconds = min(float(seconds_text), 600.0)  # bounded: the hook never hangs a kiosk for good

    def freeze() -> None:
        log.warning("event loop frozen for %.1f s on SIGUSR1 (%s)", seconds, FREEZE_ENV)
        time.sleep(seconds)  # in a slot, on the GUI thread: no timer, paint or tap runs meanwhile
        log.warning("event loop running again")

    def handler(signum: int, frame: FrameType | None) -> None:
        QTimer.singleShot(0, freeze)  # block from inside the loop, as a hung slot does

    previous = signal.signal(signal.SIGUSR1, handler)

    def undo() -> None:
        signal.signal(signal.SIGUSR1, previous)

    return undo
