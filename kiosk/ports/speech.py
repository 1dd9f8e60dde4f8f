"""Reading aloud: the speech engine the UI's Speaker drives (drivers/speech/espeak.py implements it;
the composition root, kiosk/app.py, hands the UI a factory so nothing is loaded before a member
turns reading aloud on). docs/speech.md."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

Phrases = Sequence[tuple[str, bool]]  # (text, spell): kiosk.core.read_aloud.Phrase as plain values


class SpeechEngine(Protocol):
    """Every method but stop() waits for the engine: call them off the GUI thread."""

    def languages(self) -> frozenset[str]:
        """The member's languages (zh_HK, zh_CN, en) this machine can read aloud."""
        ...

    def unavailable_reason(self) -> str:
        """Why `languages()` is empty or short ("" when all three are there), for technicians."""
        ...

    def render(self, lang: str, phrases: Phrases, path: Path, *, volume: int) -> Path:
        """The reading as a WAV file (volume: a step of kiosk.core.state.SPEECH_VOLUME_STEPS)."""
        ...

    def play(self, lang: str, phrases: Phrases, *, volume: int, cancel: threading.Event | None = None) -> bool:
        """Say it on the sound card; False when `cancel` was set or stop() ended it."""
        ...

    def stop(self) -> None:
        """End what is being said now (any thread)."""
        ...
