"""Screenshots of reading aloud, for people to look at: the bar under the header (Read again, the
volume steps) on the attract screen, a form question and its errors, the quietest step, and the bar
saying reading aloud is not available on a kiosk without espeak-ng.

    xvfb-run -a -s "-screen 0 1920x1920x24" .venv/bin/python -m devtools.screenshots --walks speech \
        --out artifacts/screenshots

The readings go to WAV files in a temporary folder (ui.accessibility.Speaker's wav_dir), never to a
sound card.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from devtools.fakes import FakeClock, FakeServices
from devtools.shots import Camera, start_member, wait_for
from drivers.speech.espeak import Espeak
from ui.accessibility import Speaker
from ui.main_window import MainWindow

SCREENS = ("speech-attract", "speech-form", "speech-form-errors", "speech-quietest", "speech-unavailable")


def services(_tmp: Path) -> FakeServices:
    return FakeServices()


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    if not any(shot.wanted(name) for name in SCREENS):
        return  # --quick's other orientations and modes, --screens naming other screens
    s = window.session
    with tempfile.TemporaryDirectory(prefix="empf-speech-shots-") as wavs:
        window.speaker = Speaker(Espeak, wav_dir=Path(wavs))
        s.wipe()
        s.set_language(lang)
        s.set_accessibility(large_text=mode[0], high_contrast=mode[1], speech=True)
        wait_for(window.read_aloud.bar.again_button.isEnabled, 30)  # the probe answered (its own thread)
        shot("speech-attract")
        start_member(window, lang, mode)
        window.identify.keypad.press("A123456(3)")
        window.identify.continue_button.click()
        window.menu.buttons["CHANGE_PARTICULARS"].click()
        shot("speech-form")
        window.form.next_button.click()  # nothing ticked: the error, read aloud too
        shot("speech-form-errors")
        for _ in range(5):
            window.read_aloud.bar.quieter_button.click()
        shot("speech-quietest")
        window.speaker.wait(30)
        window.speaker = Speaker(lambda: Espeak("no-such-espeak-ng"))
        s.wipe()
        s.set_language(lang)
        s.set_accessibility(large_text=mode[0], high_contrast=mode[1], speech=True)
        wait_for(window.read_aloud.bar.unavailable.isVisible, 30)
        shot("speech-unavailable")
        s.wipe()
