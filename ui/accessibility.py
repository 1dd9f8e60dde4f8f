"""Accessibility for the member in front of the kiosk: large text, high contrast, spoken guidance.

All three are chosen on the attract screen (Session.set_accessibility) and last until the session
is wiped, so the next member starts from the normal look and silence.

Spoken guidance uses QtTextToSpeech when the system has an engine with a voice for the language:
Cantonese (yue / zh_HK) first for 繁體中文, then another Chinese voice; Mandarin (zh_CN first) for
简体中文 and nothing else (a Cantonese voice reading Simplified would not be what was chosen);
English for English.
Without one it is silent and says so (`Speaker.available`), never an error. On Debian a voice
comes from speech-dispatcher with espeak-ng (which has Cantonese); the "mock" engine Qt ships is
used by the tests only (EMPF_KIOSK_TTS_ENGINE=mock).
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from kiosk.core.state import SessionState
from ui import theme

log = logging.getLogger(__name__)

ENV_ENGINE = "EMPF_KIOSK_TTS_ENGINE"
# Languages a Chinese text may be read in, best first.
_ZH_LANGUAGES = (QLocale.Language.Cantonese, QLocale.Language.Chinese)


def best_locale(locales: list[QLocale], lang: str) -> QLocale | None:
    """The voice locale to read `lang` in, from those an engine has; None: stay silent."""
    if lang == "zh_CN":  # Mandarin, the Mainland's first; never Cantonese for Simplified text
        mandarin = [loc for loc in locales if loc.language() is QLocale.Language.Chinese]
        return next((loc for loc in mandarin if loc.territory() == QLocale.Country.China),
                    mandarin[0] if mandarin else None)
    if lang.startswith("zh"):
        hk = [loc for loc in locales if loc.territory() == QLocale.Country.HongKong]
        for language in _ZH_LANGUAGES:
            for pool in (hk, locales):
                found = next((loc for loc in pool if loc.language() is language), None)
                if found is not None:
                    return found
        return None
    return next((loc for loc in locales if loc.language() is QLocale.Language.English), None)


def theme_of(state: SessionState) -> theme.Theme:
    return theme.theme_for(state.high_contrast, state.large_text)


def apply_theme(state: SessionState) -> bool:
    """Restyle the application for this member's choices; True when something changed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    return theme.apply(app, theme_of(state))


class Speaker:
    """Says a screen's text in the member's language, if the system can."""

    def __init__(self, engine: str | None = None) -> None:
        self._engine_name = engine if engine is not None else os.environ.get(ENV_ENGINE, "")
        self._tts: object | None = None
        self._tried = False
        self.reason = ""  # why it is silent, for technicians
        self.last_spoken: tuple[str, str] | None = None  # (locale, text), for tests

    def _engine(self) -> object | None:
        if self._tried:
            return self._tts
        self._tried = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as e:
            self.reason = f"QtTextToSpeech missing: {e}"
            return None
        engines = [e for e in QTextToSpeech.availableEngines() if e != "mock" or self._engine_name == "mock"]
        if self._engine_name:
            engines = [e for e in engines if e == self._engine_name]
        for name in engines:
            tts = QTextToSpeech(name)
            if tts.state() is not QTextToSpeech.State.Error and tts.availableLocales():
                self._tts = tts
                return tts
        self.reason = "no text-to-speech engine with a voice (" + ", ".join(engines or ["none installed"]) + ")"
        log.info("spoken guidance silent: %s", self.reason)
        return None

    def locale_for(self, lang: str) -> QLocale | None:
        """The best locale this engine has for `lang`, or None (then it stays silent)."""
        tts = self._engine()
        if tts is None:
            return None
        from PySide6.QtTextToSpeech import QTextToSpeech

        assert isinstance(tts, QTextToSpeech)
        return best_locale(list(tts.availableLocales()), lang)

    def available(self, lang: str) -> bool:
        return self.locale_for(lang) is not None

    def say(self, text: str, lang: str) -> bool:
        """Speak `text` (stopping anything still being said); False when there is no voice."""
        locale = self.locale_for(lang)
        if locale is None or not text.strip():
            return False
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = self._tts
        assert isinstance(tts, QTextToSpeech)
        tts.stop()
        tts.setLocale(locale)
        tts.say(text)
        self.last_spoken = (locale.name(), text)
        return True

    def stop(self) -> None:
        if self._tts is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech

            assert isinstance(self._tts, QTextToSpeech)
            self._tts.stop()
        self.last_spoken = None
