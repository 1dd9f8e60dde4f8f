"""Measuring speech rendered to WAV files (tests/drivers/test_speech_espeak.py, tests/ui/test_ui_a11y.py)."""

from __future__ import annotations

import array
import math
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

SILENCE_RMS = 200.0  # 16-bit samples: espeak-ng speech at the quietest step is well above this


@dataclass(frozen=True)
class WavFigures:
    rms: float
    seconds: float
    rate: int
    samples: array.array[int]


def wav_figures(path: Path) -> WavFigures:
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2), "mono 16-bit expected"
        rate = w.getframerate()
        samples = array.array("h", w.readframes(w.getnframes()))
    rms = math.sqrt(sum(x * x for x in samples) / len(samples)) if samples else 0.0
    return WavFigures(rms, len(samples) / rate if rate else 0.0, rate, samples)


def espeak_reference(ssml: str, voice: str, out: Path, amplitude: int, rate_wpm: int) -> WavFigures:
    """The same SSML rendered by espeak-ng called directly with `voice`: what the kiosk's WAV is
    compared with, built here from espeak-ng's own options rather than the kiosk's code."""
    subprocess.run(["espeak-ng", "-m", "-v", voice, "-a", str(amplitude), "-s", str(rate_wpm), "-w", str(out),
                    "--stdin"], input=ssml.encode(), check=True, timeout=60, capture_output=True)
    return wav_figures(out)
