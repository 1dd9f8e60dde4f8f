"""Accessibility for the member in front of the kiosk: large text, high contrast, reading aloud.

All are chosen on the attract screen (Session.set_accessibility) and last until the session is
wiped, so the next member starts from the normal look, silence and the middle volume.

Reading aloud uses the services' speech engine (kiosk.ports.speech; espeak-ng in the kiosk,
docs/speech.md): Cantonese for 繁體中文, Mandarin for 简体中文, English for English. What a screen
says comes from kiosk.core.read_aloud.reading (pure, tested without Qt); the Speaker here only runs
the engine, on a worker thread, so the GUI never waits for speech. Without an engine (or a voice for
the language) it is silent and says so (`Speaker.available`, the bar under the header), never an
error.

EMPF_KIOSK_SPEECH_WAV_DIR: write each reading to a WAV file there instead of the sound card (tests,
and a demo on a machine without one). EMPF_KIOSK_SPEECH=off: no reading aloud at all.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from kiosk.core.state import SPEECH_VOLUME_DEFAULT, SessionState
from ui import theme

if TYPE_CHECKING:  # what-to-read loads when a member first turns reading aloud on
    from kiosk.core.read_aloud import Reading
    from kiosk.ports.speech import SpeechEngine

log = logging.getLogger(__name__)

ENV_SWITCH = "EMPF_KIOSK_SPEECH"
ENV_WAV_DIR = "EMPF_KIOSK_SPEECH_WAV_DIR"


def theme_of(state: SessionState) -> theme.Theme:
    return theme.theme_for(state.high_contrast, state.large_text)


def apply_theme(state: SessionState) -> bool:
    """Restyle the application for this member's choices; True when something changed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    return theme.apply(app, theme_of(state))


class Speaker:
    """Reads a screen aloud in the member's language, if this machine can, off the GUI thread."""

    def __init__(self, engine: Callable[[], SpeechEngine] | None, *, wav_dir: Path | None = None,
                 enabled: bool | None = None) -> None:
        """`engine` makes the engine (on the probe's thread, the first time it is needed); None: silent."""
        self._make_engine = engine
        env_dir = os.environ.get(ENV_WAV_DIR, "")
        self.wav_dir = wav_dir if wav_dir is not None else (Path(env_dir) if env_dir else None)
        self._enabled = enabled if enabled is not None else os.environ.get(ENV_SWITCH, "") != "off"
        self._engine: SpeechEngine | None = None
        self._languages: frozenset[str] | None = None
        self._probe: threading.Thread | None = None
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._numbers = itertools.count(1)
        self.reason = ""  # why it is silent, for technicians
        self.last_spoken: Reading | None = None  # what was last sent to the engine (tests, doctor)
        self.last_error = ""
        self.written: list[Path] = []  # the WAV files made (wav_dir only), in the order they were done
        self.last_wav: Path | None = None  # where the latest reading goes (wav_dir only)

    # ------------------------------------------------------------ which languages
    def probe(self) -> None:
        """Find the engine and its voices on a worker thread (warm-up calls this after the first paint)."""
        if self._probe is None and self._languages is None:
            self._probe = threading.Thread(target=self._find_languages, name="speech-probe", daemon=True)
            self._probe.start()

    def _find_languages(self) -> None:
        engine: SpeechEngine | None = None
        languages: frozenset[str] = frozenset()
        if not self._enabled:
            self.reason = f"turned off ({ENV_SWITCH}=off)"
        elif self._make_engine is None:
            self.reason = "no speech engine in this kiosk's services"
        else:
            try:
                engine = self._make_engine()
                languages = engine.languages()
                self.reason = engine.unavailable_reason()
            except Exception as e:  # a broken engine: silent, and the reason for the technician
                self.reason = f"speech engine failed: {type(e).__name__}"
        self._engine = engine
        self._languages = languages
        if self.reason:
            log.info("reading aloud: %s", self.reason)

    def known(self) -> bool:
        """True once the probe has found out which languages can be read (it starts it if need be)."""
        if self._languages is None:
            self.probe()
        return self._languages is not None

    def languages(self, wait: float = 0.0) -> frozenset[str]:
        """The member's languages that can be read aloud here; empty while the probe has no answer
        (the GUI never waits for it: `wait` is for tests and tools)."""
        if not self.known() and wait > 0 and self._probe is not None:
            self._probe.join(wait)
        return self._languages or frozenset()

    def available(self, lang: str, wait: float = 0.0) -> bool:
        return lang in self.languages(wait)

    # ------------------------------------------------------------ speaking
    def say(self, reading: Reading, volume: int | None = None) -> bool:
        """Start reading (stopping anything still being said); False when there is no voice for it.
        Returns at once: the engine runs on a worker thread."""
        if not reading or not self.available(reading.lang):
            return False
        engine = self._engine
        assert engine is not None
        self.stop()
        cancel = threading.Event()
        self._cancel = cancel
        self.last_spoken = reading
        phrases = [(p.text, p.spell) for p in reading.phrases]
        step = SPEECH_VOLUME_DEFAULT if volume is None else volume
        wav = self.wav_dir / f"reading-{os.getpid()}-{next(self._numbers):04d}-{reading.lang}.wav" \
            if self.wav_dir is not None else None
        self.last_wav = wav

        def run() -> None:
            try:
                if wav is None:
                    engine.play(reading.lang, phrases, volume=step, cancel=cancel)
                elif not cancel.is_set():
                    engine.render(reading.lang, phrases, wav, volume=step)
                    self.written.append(wav)
            except Exception as e:  # a broken engine must not take the kiosk down: silent, and logged
                self.last_error = type(e).__name__
                log.warning("reading aloud failed: %s", type(e).__name__)

        self._thread = threading.Thread(target=run, name="speech", daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout: float = 30.0) -> bool:
        """Until what is being said has ended (tests, the doctor); False if it has not by `timeout`."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def stop(self) -> None:
        """Stop at once (a new screen, a wipe); does not wait for the engine to exit."""
        self._cancel.set()
        if self._engine is not None:
            self._engine.stop()
        self.last_spoken = None
