"""Handwriting recognition as the UI sees it (drivers/handwriting implements it).

The handwriting pad sits deep inside the on-screen keyboard, which is built in several places (the
form, the self-test, tests), so the recogniser is not handed down through each constructor: the
composition root names where it comes from once, with `provide` (kiosk/app.py; devtools/fakes.py
for windows on fake services), and the pad asks `provided()` when a member first writes. Until
something is provided the pad says handwriting is not available and the keyboard still works.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

Point = tuple[float, float]


class HandwritingRecogniser(Protocol):
    """Strokes (each a list of points) in, up to `n` candidate characters out, best first, in
    Traditional ("traditional") or Simplified ("simplified") forms. Thread-safe; may block."""

    def recognise(self, strokes: Sequence[Sequence[Point]], n: int = 10, script: str = "traditional") -> list[str]: ...


class Handwriting(Protocol):
    def unavailable_reason(self) -> str:
        """'' when handwriting can be recognised here, else why not (for technicians and logs)."""
        ...

    def recogniser(self) -> HandwritingRecogniser: ...


_source: Callable[[], Handwriting] | None = None


def provide(source: Callable[[], Handwriting] | None) -> None:
    """Where recognisers come from (called by the composition root; None: nowhere)."""
    global _source
    _source = source


def provided() -> Handwriting | None:
    return _source() if _source is not None else None
