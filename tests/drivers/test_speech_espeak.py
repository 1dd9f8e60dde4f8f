"""Reading aloud with the real espeak-ng (installed by scripts/setup.sh): each member's language is
rendered to a WAV file that is not silent and is in that language's voice, references are spelled,
the volume steps get louder, and a machine without espeak-ng is silent without an error.

What proves the voice: the kiosk's WAV is sample for sample the one espeak-ng makes when called
directly with the expected voice, differs from the other voices' renderings of the same words, and
that voice's phonemes for the words are the language's (Jyutping for Cantonese, pinyin tones for
Mandarin). espeak-ng is deterministic, so equal samples mean the same voice and text.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from drivers.speech import espeak, mandarin
from drivers.speech.espeak import Espeak, Segment, SpeechUnavailable
from tests.support.speech import SILENCE_RMS, WavFigures, espeak_reference, wav_figures

QUESTION = {
    "zh_HK": "你的新手提電話號碼是？",
    "zh_CN": "你的新手机号码是？",
    "en": "What is your new mobile number?",
}
# What each voice is given for the question: the characters, or (Mandarin) pinyin written out here.
AS_GIVEN = {
    "yue": QUESTION["zh_HK"],
    "cmn-latn-pinyin": "ni3 de5 xin1 shou3 ji1 hao4 ma3 shi4 ?",
    "en-gb": QUESTION["en"],
}
VOICE = {"zh_HK": "yue", "zh_CN": "cmn-latn-pinyin", "en": "en-gb"}


@pytest.fixture(scope="module")
def engine() -> Espeak:
    e = Espeak()
    assert e.path() is not None, "espeak-ng missing: run scripts/setup.sh"
    return e


def _reference(voice: str, text: str, out: Path) -> WavFigures:
    return espeak_reference(f"<speak>{text}</speak>", voice, out, espeak.volume_amplitude(espeak.DEFAULT_VOLUME),
                            espeak.RATE_WPM)


def test_this_machine_reads_all_three_languages(engine: Espeak) -> None:
    assert {"yue", "cmn-latn-pinyin", "en-gb"} <= engine.voices()
    assert engine.languages() == {"zh_HK", "zh_CN", "en"}


@pytest.mark.parametrize("lang", ["zh_HK", "zh_CN", "en"])
def test_each_language_is_audible_and_in_its_own_voice(engine: Espeak, lang: str, tmp_path: Path) -> None:
    wav = engine.render(lang, [(QUESTION[lang], False)], tmp_path / f"{lang}.wav")
    got = wav_figures(wav)
    print(f"{lang}: rms={got.rms:.0f} seconds={got.seconds:.2f} rate={got.rate}")
    assert got.rms > SILENCE_RMS and got.seconds > 1.0
    references = {voice: _reference(voice, text, tmp_path / f"ref-{voice}.wav") for voice, text in AS_GIVEN.items()}
    # The same samples as espeak-ng's own rendering with the expected voice, and not the others'.
    assert got.samples == references[VOICE[lang]].samples
    for voice, ref in references.items():
        if voice != VOICE[lang]:
            assert got.samples != ref.samples, voice
    # Other voices reading the same characters sound different too (Cantonese vs Mandarin).
    if lang.startswith("zh"):
        other = "cmn-latn-pinyin" if lang == "zh_HK" else "yue"
        assert got.samples != _reference(other, QUESTION[lang], tmp_path / "other.wav").samples


def test_the_voices_speak_the_languages_they_are_chosen_for(engine: Espeak) -> None:
    # 你好 in Cantonese is nei5 hou2 (Jyutping); in Mandarin ni3 hao3 (espeak-ng writes its tones as
    # pitch contours: 35, 214); "mobile" in English.
    cantonese = engine.phonemes(espeak.segments("zh_HK", [("你好", False)])[0])
    mandarin_ = engine.phonemes(espeak.segments("zh_CN", [("你好", False)])[0])
    english = engine.phonemes(espeak.segments("en", [("mobile", False)])[0])
    assert "n'ei5" in cantonese and "h'ou2" in cantonese, cantonese
    assert "n'i35" in mandarin_ and "'Au214" in mandarin_, mandarin_
    assert "m'oUbaIl" in english, english


def test_simplified_chinese_becomes_pinyin_read_by_word_with_latin_in_english() -> None:
    assert mandarin.to_pinyin(QUESTION["zh_CN"]) == AS_GIVEN["cmn-latn-pinyin"]
    assert mandarin.to_pinyin("银行") == "yin2 hang2"  # not yin2 xing2, as character by character
    voices = [s.voice for s in espeak.segments("zh_CN", [("请登入eMPF帐户", False)])]
    assert voices == ["cmn-latn-pinyin", "en-gb", "cmn-latn-pinyin"]


@pytest.mark.parametrize("lang", ["zh_HK", "zh_CN", "en"])
def test_a_reference_is_spelled_character_by_character(engine: Espeak, lang: str) -> None:
    said = " ".join(engine.phonemes(s, ipa=True) for s in espeak.segments(lang, [("EK-261206-7QX4M2", True)]))
    said = said.replace("ˈ", "").replace("ˌ", "")  # stress marks
    letters = re.sub(r"[0-9ɜ]", "", said)  # the Chinese voices mark the letters' tones
    for letter in ("iː", "keɪ", "kjuː", "ɛks", "ɛm"):  # E K Q X M as English letter names
        assert letter in letters, (letter, said)
    digits = {"en": ("tuː", "sɪks", "wɒn", "ziəɹəʊ", "sɛvən", "fɔː"),
              "zh_HK": ("ji6", "lu6k", "ja1t", "linɡ4", "ca1t", "seiɜ"),
              "zh_CN": ("ər5", "liou5", "ji5", "liɜŋ", "tɕhi5", "si̪5")}[lang]
    for digit in digits:
        assert digit in said, (digit, said)
    # Each digit on its own: never "two hundred and sixty-one thousand…" / 二十六萬….
    assert "θˈaʊzənd" not in said and "hˈʌndɹɪd" not in said
    assert "maa6n" not in said and "baak" not in said


def test_the_volume_steps_get_louder(engine: Espeak, tmp_path: Path) -> None:
    levels = [wav_figures(engine.render("zh_HK", [(QUESTION["zh_HK"], False)], tmp_path / f"{step}.wav",
                                        volume=step)).rms for step in range(len(espeak.VOLUME_STEPS))]
    print("rms by volume step:", [round(r) for r in levels])
    assert all(a < b for a, b in itertools.pairwise(levels)), levels
    assert levels[0] > SILENCE_RMS  # the quietest step is still heard in headphones
    assert levels[-1] / levels[0] > 4


def test_the_volume_steps_match_the_sessions() -> None:
    from kiosk.core.state import SPEECH_VOLUME_DEFAULT, SPEECH_VOLUME_STEPS

    assert len(espeak.VOLUME_STEPS) == SPEECH_VOLUME_STEPS and espeak.DEFAULT_VOLUME == SPEECH_VOLUME_DEFAULT


def test_the_text_never_goes_on_the_command_line() -> None:
    argv = espeak.command(Segment("yue", "<speak>A123456(7)</speak>"), amplitude=80)
    assert argv[-1] == "--stdin" and not any("A123456" in a for a in argv)


def test_without_espeak_ng_nothing_can_be_read_and_rendering_says_why(tmp_path: Path) -> None:
    missing = Espeak(binary="no-such-espeak-ng")
    assert missing.languages() == frozenset()
    with pytest.raises(SpeechUnavailable, match="not installed"):
        missing.render("en", [("Hello", False)], tmp_path / "x.wav")
