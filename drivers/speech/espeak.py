"""espeak-ng, run as a program: each member's language to a voice, a volume to an amplitude, and a
reading to speech on the sound card or to a WAV file.

Voices (Debian 12's espeak-ng 1.51, docs/speech.md): `yue` (Cantonese, reads Chinese characters in
Jyutping) for 繁體中文; `cmn-latn-pinyin` (Mandarin from numbered pinyin, mandarin.py) for 简体中文;
`en-gb` for English (Hong Kong English is British in its spelling and sound). Latin letters in
Chinese text: the Cantonese voice hands them to its English one itself; for Mandarin they are cut out
and read by `en-gb`.

The text goes to espeak-ng on its standard input as SSML, never on its command line (a process list
would show it). A spelled reference is `<say-as interpret-as="characters">`, so "A" is the letter and
not the article, and "261" is "two, six, one".

Every call here waits for a program: run it off the GUI thread (ui/accessibility.py does).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from drivers.speech import mandarin
from kiosk.ports.speech import Phrases

BINARY = "espeak-ng"
VOICES: dict[str, str] = {"zh_HK": "yue", "zh_CN": "cmn-latn-pinyin", "en": "en-gb"}
LATIN_VOICE = "en-gb"
# Volume steps as espeak-ng amplitudes (-a, 0-200; 100 is its default). The lowest steps are for
# headphones, the highest for a loudspeaker in a noisy shop; a member starts at DEFAULT_VOLUME.
VOLUME_STEPS: tuple[int, ...] = (25, 50, 80, 120, 170)
DEFAULT_VOLUME = 2
RATE_WPM = 150  # words a minute; espeak-ng's default 175 is quick for an older listener
PHRASE_PAUSE_MS = 400
GROUP_PAUSE_MS = 350  # between a reference's groups ("EK" · "261206" · "7QX4M2")
SECONDS_PER_CHARACTER = 0.5  # a bound on how long one call may take: it is killed after that
MIN_SECONDS = 10.0

class SpeechUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Segment:
    """One call of espeak-ng: a voice and an SSML document."""

    voice: str
    ssml: str


def volume_amplitude(step: int) -> int:
    return VOLUME_STEPS[max(0, min(step, len(VOLUME_STEPS) - 1))]


def _break(ms: int) -> str:
    return f'<break time="{ms}ms"/>'


def _spelled_ssml(text: str) -> str:
    groups = [g for g in text.replace(" ", "-").split("-") if g]
    return _break(GROUP_PAUSE_MS).join(
        ", ".join(f'<say-as interpret-as="characters">{escape(c)}</say-as>' for c in g) for g in groups)


def _document(parts: list[str]) -> str:
    return "<speak>" + _break(PHRASE_PAUSE_MS).join(parts) + "</speak>"


def segments(lang: str, phrases: Phrases) -> list[Segment]:
    """The espeak-ng calls that read `phrases` in `lang`'s voice (one, except for Mandarin)."""
    voice = VOICES.get(lang, VOICES["en"] if not lang.startswith("zh") else VOICES["zh_HK"])
    if voice != VOICES["zh_CN"]:
        return [Segment(voice, _document([_spelled_ssml(t) if spell else escape(t) for t, spell in phrases]))]
    pieces: list[tuple[str, str]] = []  # (voice, ssml) in order, merged below
    for text, spell in phrases:
        if spell:
            for c in text:
                if c.isascii() and c.isalpha():
                    pieces.append((LATIN_VOICE, f'<say-as interpret-as="characters">{escape(c)}</say-as>'))
                elif c.isdigit():
                    pieces.append((voice, f'<say-as interpret-as="characters">{c}</say-as>'))
                else:
                    pieces.append(("", _break(GROUP_PAUSE_MS)))
        else:
            for latin, part in mandarin.runs(text):
                pieces.append((LATIN_VOICE, escape(part)) if latin else (voice, escape(mandarin.to_pinyin(part))))
        pieces.append(("", _break(PHRASE_PAUSE_MS)))
    while pieces and not pieces[-1][0]:
        pieces.pop()  # nothing to pause before
    out: list[tuple[str, list[str]]] = []
    for v, ssml in pieces:
        if not v:  # a pause ends the segment it follows
            if out:
                out[-1][1].append(ssml)
        elif out and out[-1][0] == v:
            out[-1][1].append(ssml if out[-1][1][-1].startswith("<break") else ", " + ssml)
        else:
            out.append((v, [ssml]))
    return [Segment(v, "<speak>" + " ".join(parts) + "</speak>") for v, parts in out]


def command(segment: Segment, *, amplitude: int, wav: Path | None = None, binary: str = BINARY) -> list[str]:
    argv = [binary, "-m", "-v", segment.voice, "-a", str(amplitude), "-s", str(RATE_WPM)]
    if wav is not None:
        argv += ["-w", str(wav)]
    return [*argv, "--stdin"]


def _timeout(segment: Segment) -> float:
    return MIN_SECONDS + SECONDS_PER_CHARACTER * len(segment.ssml)


class Espeak:
    """The espeak-ng program on this machine (or none: `languages()` is then empty); a
    kiosk.ports.speech.SpeechEngine."""

    def __init__(self, binary: str = BINARY) -> None:
        self.binary = binary
        self._voices: frozenset[str] | None = None
        self._lock = threading.Lock()
        self._running: subprocess.Popen[bytes] | None = None

    def path(self) -> str | None:
        return shutil.which(self.binary)

    def voices(self) -> frozenset[str]:
        """The voice names espeak-ng has (its `--voices` list, by file name: yue, en-gb, …)."""
        if self._voices is None:
            path = self.path()
            names: set[str] = set()
            if path is not None:
                try:
                    out = subprocess.run([path, "--voices"], capture_output=True, text=True, timeout=20,
                                         check=True).stdout
                except (OSError, subprocess.SubprocessError):
                    out = ""
                for line in out.splitlines()[1:]:
                    cols = line.split()
                    if len(cols) >= 5:
                        names.add(cols[1].lower())
                        names.add(cols[4].rsplit("/", 1)[-1].lower())
            self._voices = frozenset(names)
        return self._voices

    def languages(self) -> frozenset[str]:
        """The member's languages this machine can read aloud."""
        have = self.voices()
        langs = {lang for lang, voice in VOICES.items() if voice in have}
        if "zh_CN" in langs and not (LATIN_VOICE in have and mandarin.available()):
            langs.discard("zh_CN")
        return frozenset(langs)

    def unavailable_reason(self) -> str:
        if self.path() is None:
            return f"{self.binary} is not installed (scripts/setup.sh installs it)"
        missing = sorted(set(VOICES) - self.languages())
        return f"{self.binary} cannot read {', '.join(missing)} (voices: {', '.join(sorted(self.voices())[:8])}…)" \
            if missing else ""

    def phonemes(self, segment: Segment, *, ipa: bool = False) -> str:
        """What espeak-ng says for `segment`, as phoneme mnemonics (`-x`) or IPA: for tests and checks."""
        path = self._need()
        flag = "--ipa" if ipa else "-x"
        text = segment.ssml
        out = subprocess.run([path, "-q", "-m", flag, "-v", segment.voice, "--stdin"], input=text.encode(),
                             capture_output=True, timeout=MIN_SECONDS + len(text), check=True)
        return out.stdout.decode()

    def render(self, lang: str, phrases: Phrases, path: Path, *, volume: int = DEFAULT_VOLUME) -> Path:
        """The reading as one WAV file at `path` (mono, 16-bit, espeak-ng's 22,050 Hz)."""
        binary = self._need()
        parts: list[bytes] = []
        params: tuple[int, int, int] | None = None
        with tempfile.TemporaryDirectory(prefix="empf-speech-") as tmp:
            for i, segment in enumerate(segments(lang, phrases)):
                out = Path(tmp) / f"{i}.wav"
                subprocess.run(command(segment, amplitude=volume_amplitude(volume), wav=out, binary=binary),
                               input=segment.ssml.encode(), capture_output=True, timeout=_timeout(segment),
                               check=True)
                with wave.open(str(out), "rb") as w:
                    got = (w.getnchannels(), w.getsampwidth(), w.getframerate())
                    if params is not None and got != params:
                        raise SpeechUnavailable(f"voices differ in format: {params} and {got}")
                    params = got
                    parts.append(w.readframes(w.getnframes()))
        channels, width, rate = params or (1, 2, 22050)
        with wave.open(str(path), "wb") as w:
            w.setnchannels(channels)
            w.setsampwidth(width)
            w.setframerate(rate)
            w.writeframes(b"".join(parts))
        return path

    def play(self, lang: str, phrases: Phrases, *, volume: int = DEFAULT_VOLUME,
             cancel: threading.Event | None = None) -> bool:
        """Say the reading on the sound card, segment after segment; False when cancelled (stop())."""
        binary = self._need()
        for segment in segments(lang, phrases):
            with self._lock:  # stop() kills under this lock: a call it cancelled never starts
                if cancel is not None and cancel.is_set():
                    return False
                proc = subprocess.Popen(command(segment, amplitude=volume_amplitude(volume), binary=binary),
                                        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                self._running = proc
            try:
                assert proc.stdin is not None
                proc.stdin.write(segment.ssml.encode())
                proc.stdin.close()
                proc.wait(timeout=_timeout(segment))
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
            finally:
                with self._lock:
                    self._running = None
        return not (cancel is not None and cancel.is_set())

    def stop(self) -> None:
        """End what is being said now (any thread)."""
        with self._lock:
            if self._running is not None and self._running.poll() is None:
                self._running.kill()

    def _need(self) -> str:
        path = self.path()
        if path is None:
            raise SpeechUnavailable(f"{self.binary} is not installed (scripts/setup.sh installs it)")
        return path
