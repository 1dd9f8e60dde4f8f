"""HID keyboard-wedge scanners: telling a scanner's burst of keystrokes from a person typing.

A wedge scanner "types" the code into whatever has the focus, a character every few milliseconds,
then Enter (or Tab). People type tens of milliseconds apart at best, and the kiosk's on-screen
keyboard inserts text without key events at all. So: hold each key press for at most `max_gap_s`;
while the next arrives within `max_gap_s` keep holding; a terminator after at least `min_length`
held characters makes the burst a scan (swallowed, never reaching the field); anything else was
typing, and the held keys are given back (replayed) in order.

`WedgeRecogniser` is the decision, with no Qt and no clock of its own (times come with the keys),
so it is tested exhaustively; ui/qr_wedge.py feeds it Qt key events. `WedgeSource` is the QrSource
that delivers recognised scans.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kiosk.ports import QrEvents, QrRead, QrSourceKind

T = TypeVar("T")  # whatever the caller needs to replay a key (a Qt event's parts, a widget)

MAX_GAP_S = 0.035  # common scanners send a character every 1-10 ms; people need 50 ms and more
MIN_LENGTH = 4  # shorter bursts (a double-tapped key, a rollover) are typing
MAX_LENGTH = 4096  # more is held no longer: the burst is cut and refused as too large downstream


@dataclass
class WedgeOutcome(Generic[T]):
    hold: bool  # True: the caller swallows this key (it is held, or ends a scan)
    replay: list[T] = field(default_factory=list)  # keys held earlier that were typing: deliver first
    scan: str | None = None  # a complete scan


@dataclass
class _Held(Generic[T]):
    text: str
    at: float
    token: T


class WedgeRecogniser(Generic[T]):
    def __init__(self, max_gap_s: float = MAX_GAP_S, min_length: int = MIN_LENGTH,
                 max_length: int = MAX_LENGTH) -> None:
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self.max_length = max_length
        self._held: list[_Held[T]] = []
        self._chars = 0
        self._overflow = False
        self._last_at = 0.0  # when the newest held (or swallowed) key came

    @property
    def holding(self) -> bool:
        return bool(self._held) or self._overflow

    def deadline(self) -> float | None:
        """When `timeout()` should be called if no key comes (None when nothing is held)."""
        return self._last_at + self.max_gap_s if self.holding else None

    def _release(self) -> list[T]:
        tokens = [h.token for h in self._held]
        self._held = []
        self._chars = 0
        self._overflow = False
        return tokens

    def key(self, text: str, at: float, token: T, terminator: bool = False) -> WedgeOutcome[T]:
        """A key press. `text` is what it types ("" for Shift and other keys that type nothing);
        `terminator` for Enter/Return/Tab; `at` in seconds (the event's own timestamp if any)."""
        if not terminator and not text:
            return WedgeOutcome(hold=False)  # modifiers: scanners press Shift for capitals; ignore
        replay: list[T] = []
        if self.holding and at - self._last_at > self.max_gap_s:
            replay = self._release()  # the burst went quiet: that was typing
        if terminator:
            if self.holding and self._chars >= self.min_length:
                scan = "".join(h.text for h in self._held)
                overflow = self._overflow
                self._release()
                if overflow:
                    scan = scan + "\x00"  # past MAX_LENGTH: guaranteed refused as too large
                return WedgeOutcome(hold=True, replay=replay, scan=scan)
            replay += self._release()
            return WedgeOutcome(hold=False, replay=replay)
        if self._chars >= self.max_length:
            # Keep swallowing a runaway burst without holding its keys (memory stays bounded).
            self._overflow = True
            self._last_at = at
            return WedgeOutcome(hold=True, replay=replay)
        self._held.append(_Held(text, at, token))
        self._chars += len(text)
        self._last_at = at
        return WedgeOutcome(hold=True, replay=replay)

    def timeout(self, now: float) -> WedgeOutcome[T]:
        """No key since the deadline: what is held was typing (or a scanner without terminator,
        which is configured wrongly and then types like a person)."""
        deadline = self.deadline()
        if deadline is None or now < deadline:
            return WedgeOutcome(hold=False)
        return WedgeOutcome(hold=False, replay=self._release())

    def flush(self) -> list[T]:
        """Give back whatever is held (focus change, shutdown)."""
        return self._release()


class WedgeSource(Generic[T]):
    """The QrSource for wedge scans, and what the UI's key filter feeds: `key()` and `timeout()`
    decide through the recogniser and deliver every recognised scan to the listener."""

    def __init__(self, recogniser: WedgeRecogniser[T] | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.recogniser: WedgeRecogniser[T] = recogniser or WedgeRecogniser()
        self._events: QrEvents | None = None
        self._monotonic = monotonic

    def start(self, events: QrEvents) -> None:
        self._events = events

    def stop(self) -> None:
        self._events = None

    @property
    def running(self) -> bool:
        return self._events is not None

    def key(self, text: str, at: float, token: T, terminator: bool = False) -> WedgeOutcome[T]:
        if self._events is None:
            return WedgeOutcome(hold=False, replay=self.recogniser.flush())
        outcome = self.recogniser.key(text, at, token, terminator)
        if outcome.scan is not None:
            self.scanned(outcome.scan)
        return outcome

    def timeout(self, now: float) -> WedgeOutcome[T]:
        return self.recogniser.timeout(now)

    def deadline(self) -> float | None:
        return self.recogniser.deadline()

    def flush(self) -> list[T]:
        return self.recogniser.flush()

    def scanned(self, text: str) -> None:
        events = self._events
        if events is None:
            return
        payload = text.encode("utf-8", errors="replace")
        events.qr_read(QrRead(payload=payload, symbology="", source=QrSourceKind.WEDGE, at=self._monotonic()))
