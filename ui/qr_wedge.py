"""Keyboard-wedge scanners on the Qt side: an application-wide key filter in front of every widget.

Each key press goes to the core's recogniser (drivers/qr/wedge.py via kiosk/app.py) first. Keys it
holds are swallowed; if they turn out to be a person typing they are given back (re-sent to the
widget they were meant for, in order) a few tens of milliseconds later; a scanner's burst never
reaches the focused field and arrives as a read through the QR hub instead. The on-screen keyboard
inserts text without key events and never meets this filter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication
from shiboken6 import getCppPointer, isValid

_TERMINATORS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}


@dataclass
class HeldKey:
    target: QObject  # checked with shiboken6.isValid before use: it may be deleted meanwhile
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    native_scan_code: int
    native_virtual_key: int
    native_modifiers: int


class WedgeOutcomeLike(Protocol):
    hold: bool
    replay: list[Any]
    scan: str | None


class WedgeLike(Protocol):
    """drivers.qr.wedge.WedgeSource as the UI sees it."""

    def key(self, text: str, at: float, token: Any, terminator: bool = False) -> WedgeOutcomeLike: ...
    def timeout(self, now: float) -> WedgeOutcomeLike: ...
    def deadline(self) -> float | None: ...
    def flush(self) -> list[Any]: ...


@dataclass
class EarlyKey:
    held: HeldKey
    text: str  # what the recogniser sees: "" for a terminator or an unprintable key
    at: float
    terminator: bool


class EarlyKeys(QObject):
    """Key presses from the first moments after start-up, before the QR sources have started
    (they wait for the services' storage to open, ui/main_window.py warm-up). A scanner's burst
    then would be typed into the screen and lost as a scan: these keys are held instead (the
    kiosk has no physical keyboard; its on-screen keyboards send no key events) and handed to the
    wedge filter when it starts (`hand_over`), or given back as typing if it never does."""

    MAX_KEYS = 4096  # bounded: beyond this the keys pass through as they come

    def __init__(self, monotonic: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self.keys: list[EarlyKey] = []
        self._installed = False
        self._clock = _EventClock(monotonic)

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or \
                len(self.keys) >= self.MAX_KEYS:
            return False
        read = _scanner_key(watched, event)
        if read is None:
            return False  # a person's key (Alt+F4 is the window's to refuse)
        text, terminator, held = read
        # Held at the window stage, the event never reaches the widget stage: recorded once.
        self.keys.append(EarlyKey(held, text, self._clock.at(event), terminator))
        return True

    def hand_over(self, wedge_filter: WedgeKeyFilter | None) -> int:
        """Stop holding; the held keys go to `wedge_filter` (started), or back to their widgets
        when there is none. Returns how many keys were held."""
        self.uninstall()
        keys, self.keys = self.keys, []
        if wedge_filter is not None:
            wedge_filter.feed_early(keys)
        else:
            _send_keys([k.held for k in keys])
        return len(keys)


def _scanner_key(watched: QObject, event: QKeyEvent) -> tuple[str, bool, HeldKey] | None:
    """What a scanner could have sent with this key press: (its printable text, whether it ends a
    code, the key as it would be delivered again); None for shortcuts and held-down keys, which
    are people, never scanners."""
    if event.isAutoRepeat() or event.modifiers() & (Qt.KeyboardModifier.ControlModifier |
                                                     Qt.KeyboardModifier.AltModifier):
        return None
    terminator = event.key() in _TERMINATORS
    text = "" if terminator else event.text()
    if text and not text.isprintable():
        text = ""
    held = HeldKey(watched, event.key(), event.modifiers(), event.text(), event.nativeScanCode(),
                   event.nativeVirtualKey(), event.nativeModifiers())
    return text, terminator, held


class _EventClock:
    """Qt key events' timestamps (ms on the window system's clock) on our monotonic clock."""

    def __init__(self, monotonic: Callable[[], float]) -> None:
        self._monotonic = monotonic
        self._offset: float | None = None

    def at(self, event: QKeyEvent) -> float:
        now = self._monotonic()
        stamp = event.timestamp()
        if not stamp:
            return now
        seconds = stamp / 1000.0
        if self._offset is None or abs(seconds + self._offset - now) > 2.0:
            self._offset = now - seconds  # first event, or the window system clock jumped
        return seconds + self._offset


def _send_keys(keys: list[HeldKey]) -> None:
    for k in keys:
        if not isValid(k.target):
            continue  # the widget is gone (a screen was cleared): the key goes with it
        QApplication.sendEvent(k.target, QKeyEvent(QEvent.Type.KeyPress, k.key, k.modifiers, k.native_scan_code,
                                                   k.native_virtual_key, k.native_modifiers, k.text))


class WedgeKeyFilter(QObject):
    def __init__(self, wedge: WedgeLike, monotonic: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wedge = wedge
        self._monotonic = monotonic
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        # Event timestamps are milliseconds on the window system's clock; translate them to ours
        # once, so gaps between keys are measured when the keys happened, not when Qt got round to
        # them (a busy GUI thread would otherwise squeeze a person's typing into a "burst").
        self._clock = _EventClock(monotonic)
        # A key event visits the window first and then the focused widget; both pass this filter.
        # The event already decided at the window is not fed to the recogniser a second time.
        self._window_event: int | None = None

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
        self._replay(self.wedge.flush())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        address = getCppPointer(event)[0]
        if not isinstance(watched, QWindow) and address == self._window_event:
            self._window_event = None
            return False  # the window stage let it through: deliver it
        self._window_event = address if isinstance(watched, QWindow) else None
        read = _scanner_key(watched, event)
        if read is None:
            return False
        text, terminator, held = read
        return self._feed(text, self._clock.at(event), held, terminator)

    def _feed(self, text: str, at: float, held: HeldKey, terminator: bool) -> bool:
        outcome = self.wedge.key(text, at, held, terminator)
        self._replay(outcome.replay)
        self._arm()
        return outcome.hold

    def feed_early(self, keys: list[EarlyKey]) -> None:
        """Keys EarlyKeys held before this filter was installed, in order, with the times they
        were pressed: a scanner's burst among them becomes a read, a person's typing is delivered."""
        for k in keys:
            if not self._feed(k.text, k.at, k.held, k.terminator):
                self._replay([k.held])  # neither held nor part of a scan: it goes where it was meant to

    def _arm(self) -> None:
        deadline = self.wedge.deadline()
        if deadline is None:
            self._timer.stop()
            return
        # A little later than the deadline: the next key may be waiting in the event queue.
        self._timer.start(max(1, int((deadline - self._monotonic()) * 1000) + 15))

    def _timed_out(self) -> None:
        outcome = self.wedge.timeout(self._monotonic())
        self._replay(outcome.replay)
        self._arm()

    def _replay(self, keys: list[Any]) -> None:
        if not keys:
            return
        self._replaying = True
        try:
            for k in keys:
                if not isinstance(k, HeldKey):
                    continue
                target = k.target
                if not isValid(target):
                    continue  # the widget is gone (a screen was cleared): the key goes with it
                event = QKeyEvent(QEvent.Type.KeyPress, k.key, k.modifiers, k.native_scan_code,
                                  k.native_virtual_key, k.native_modifiers, k.text)
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False
