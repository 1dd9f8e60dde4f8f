"""Accessibility: contrast of every text/background pair in both palettes (from the theme and from
the style sheet itself), large text at 200%, touch targets with space between them, reading aloud
with the real espeak-ng (to WAV files: the test machine has no sound card) and saying it is not
available without it, Chinese typed on the virtual keyboard."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from devtools.form_driver import fill_step, open_form
from drivers.speech.espeak import Espeak
from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS, Screen
from kiosk.domain.examples import example
from tests.support.speech import SILENCE_RMS, WavFigures, espeak_reference, wav_figures
from tests.support.ui import open_window, sign_in_with_code, type_hkid_and_continue
from ui import theme
from ui.accessibility import Speaker
from ui.main_window import MainWindow

NOW = dt.datetime(2026, 11, 26, 10, 0)


@pytest.mark.parametrize("palette", list(theme.PALETTES.values()), ids=list(theme.PALETTES))
@pytest.mark.parametrize(("what", "fg", "bg"), theme.TEXT_PAIRS)
def test_every_text_pair_in_every_palette_is_4_5_to_1(palette: theme.Palette, what: str, fg: str, bg: str) -> None:
    ratio = theme.contrast_ratio(getattr(palette, fg), getattr(palette, bg))
    assert ratio >= 4.5, f"{palette.name} {what}: {ratio:.2f}:1"


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COLOR = re.compile(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})")
_BACKGROUND = re.compile(r"background:\s*(#[0-9A-Fa-f]{6})")


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("large", [False, True])
def test_style_sheet_pairs_read_from_the_sheet(high_contrast: bool, large: bool) -> None:
    """Every rule of the generated style sheet that sets both a text colour and a background."""
    sheet = theme.stylesheet(theme.theme_for(high_contrast, large))
    checked = 0
    for selector, body in _RULE.findall(sheet):
        fg, bg = _COLOR.search(body), _BACKGROUND.search(body)
        if fg and bg:
            ratio = theme.contrast_ratio(fg.group(1), bg.group(1))
            assert ratio >= 4.5, f"{selector.strip()}: {fg.group(1)} on {bg.group(1)} is {ratio:.2f}:1"
            checked += 1
    assert checked >= 15  # the parse found the rules (a sheet the regex misread would check nothing)


def test_large_text_doubles_the_text_and_resets_for_the_next_member(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        normal = app.font().pixelSize()
        w.attract.large_button.click()
        w.attract.contrast_button.click()
        assert theme.active() == theme.Theme(theme.HIGH_CONTRAST, 2.0)
        assert app.font().pixelSize() == 2 * normal
        assert w.attract.large_button.isChecked() and w.attract.contrast_button.isChecked()
        w.attract.start_button.click()
        assert w.session.state.large_text and w.session.state.high_contrast  # chosen before Start, kept
        type_hkid_and_continue(w)
        w.session.wipe()  # the member walked away
        assert theme.active() == theme.Theme()
        assert app.font().pixelSize() == normal
        assert not w.attract.large_button.isChecked()


def _targets(w: MainWindow) -> list[QPushButton]:
    page = w.stack.currentWidget()
    out = []
    for b in [*page.findChildren(QPushButton), *w.header.lang_buttons.values()]:
        if b.isVisible() and b.width() > 0:
            out.append(b)
    return out


def _check_targets(w: MainWindow, where: str) -> None:
    for _ in range(3):  # let pending layout requests run: geometry is settled by then
        QApplication.processEvents()
    buttons = _targets(w)
    for b in buttons:
        assert b.height() >= 60, f"{where}: {b.text()!r} is {b.height()} px high"
    # Space between them: no two touch targets closer than 8 px (a finger must not hit two).
    # What can be touched is what shows: a button half scrolled out of its list is clipped there.
    rects = [(b, r.translated(b.mapTo(w, r.topLeft()) - r.topLeft()))
             for b in buttons if not (r := b.visibleRegion().boundingRect()).isEmpty()]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            grown = ra.adjusted(-7, -7, 7, 7)
            assert not grown.intersects(rb), (f"{where}: {a.text()!r} and {b.text()!r} touch "
                                              f"({type(a.parent()).__name__} {ra}, {type(b.parent()).__name__} {rb})")


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_touch_targets_on_every_step_of_every_type(large: bool, qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.session.now = lambda: NOW
        if large:
            w.attract.large_button.click()
        _check_targets(w, "attract")
        for code in (*MEMBER_FORMS, *EMPLOYER_FORMS):
            w.session.start()
            type_hkid_and_continue(w)
            _check_targets(w, "menu")
            if code == "MEMBER_REGISTRATION":  # a typed HKID gets registration's identity choice first
                w.menu.buttons[code].click()
                QApplication.processEvents()
                _check_targets(w, "registration identity")
                w.session.back()
            open_form(w, code)
            values = example(code, NOW.date())
            for _ in range(40):
                if w.session.state.screen is not Screen.FORM:
                    break
                step = w.session.current_step()
                assert step is not None
                QApplication.processEvents()
                _check_targets(w, f"{code}/{step.name}")
                fill_step(w.form, values)
                w.form.next_button.click()
            assert w.session.state.screen is Screen.REVIEW, code
            _check_targets(w, f"{code}/review")


def test_without_espeak_ng_read_aloud_says_it_is_unavailable(qtbot: QtBot, tmp_path: Path) -> None:
    nothing = Speaker(lambda: Espeak("no-such-espeak-ng"))
    assert not nothing.available("en", wait=10) and nothing.known() and not nothing.available("zh_HK")
    assert "not installed" in nothing.reason  # says why, for technicians
    none = Speaker(None)  # services without a speech engine
    assert not none.available("en", wait=10) and none.reason == "no speech engine in this kiosk's services"
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.speaker = nothing
        w.header.lang_en.click()
        w.attract.speech_button.click()  # not nothing: the bar says it cannot read aloud here
        bar = w.read_aloud.bar
        qtbot.waitUntil(bar.unavailable.isVisible, timeout=10_000)  # once the probe (on its thread) answered
        assert bar.isVisible() and bar.unavailable.isVisible()
        assert bar.unavailable.text.text().startswith("Reading aloud is not available")
        assert not bar.again_button.isVisible() and nothing.last_spoken is None
        w.attract.start_button.click()  # and the kiosk carries on, silent
        assert w.session.state.screen is Screen.IDENTIFY and bar.unavailable.isVisible()


def _wait_for_wav(w: MainWindow) -> WavFigures:
    """The latest reading's WAV, once written."""
    assert w.speaker.wait(30)
    wav = w.speaker.last_wav
    assert wav is not None and wav in w.speaker.written, (wav, w.speaker.written)
    return wav_figures(wav)


def test_read_aloud_reads_each_screen_its_choices_and_errors_in_cantonese(qtbot: QtBot, tmp_path: Path) -> None:
    from drivers.speech import espeak

    wavs = tmp_path / "wavs"
    wavs.mkdir()
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.speaker = Speaker(Espeak, wav_dir=wavs)  # the real espeak-ng, to WAV files rather than a sound card
        w.attract.speech_button.click()
        bar = w.read_aloud.bar
        assert bar.isVisible()
        qtbot.waitUntil(bar.again_button.isEnabled, timeout=10_000)  # once the probe (on its thread) answered
        assert bar.again_button.isVisible() and not bar.unavailable.isVisible()
        said = w.speaker.last_spoken  # the attract screen's own words
        assert said is not None and [p.text for p in said.phrases][:1] == ["積金易自助服務站"], said
        _wait_for_wav(w)
        w.attract.start_button.click()
        assert w.speaker.last_spoken is not None and w.speaker.last_spoken.lang == "zh_HK"
        _wait_for_wav(w)
        type_hkid_and_continue(w)
        said = w.speaker.last_spoken  # the menu: its title and its instructions as choices
        assert said is not None and said.phrases[-1].text.startswith("可選擇：")
        assert w.menu.buttons["CHANGE_PARTICULARS"].text() in said.phrases[-1].text, said
        w.menu.buttons["CHANGE_PARTICULARS"].click()
        said = w.speaker.last_spoken  # a change of details needs a sign-in first: that screen is read
        assert said is not None and said.phrases[0].text == "請先登入", said
        sign_in_with_code(w, qtbot)
        said = w.speaker.last_spoken
        assert said is not None and said.phrases[0].text == "你想更改哪些資料？"
        assert any(p.text.startswith("可選擇：") and "手提電話" in p.text for p in said.phrases), said
        question = _wait_for_wav(w)
        assert question.rms > SILENCE_RMS and question.seconds > 2
        # The kiosk's WAV is espeak-ng's Cantonese voice reading that text at the member's volume.
        segment = espeak.segments("zh_HK", [(p.text, p.spell) for p in said.phrases])[0]
        assert segment.voice == "yue"
        reference = espeak_reference(segment.ssml, "yue", tmp_path / "ref.wav",
                                     espeak.volume_amplitude(w.session.state.speech_volume), espeak.RATE_WPM)
        assert question.samples == reference.samples
        # Next with nothing ticked: the error is read, not the question again.
        w.form.next_button.click()
        assert w.session.state.errors
        said = w.speaker.last_spoken
        assert said is not None and said.phrases[0].text == "請注意：", said
        assert said.phrases[1].text == w.session.state.errors[0].message("zh_HK")
        # Louder: the member's step, said at that step; Read again reads the whole screen.
        before = w.session.state.speech_volume
        bar.louder_button.click()
        assert w.session.state.speech_volume == before + 1
        assert w.speaker.last_spoken is not None and w.speaker.last_spoken.text() == f"音量 {before + 2} / 5"
        bar.again_button.click()
        assert w.speaker.last_spoken is not None and w.speaker.last_spoken.phrases[0].text == "你想更改哪些資料？"
        assert w.speaker.wait(30)
        w.session.wipe()
        assert w.speaker.last_spoken is None and not bar.isVisible()  # stopped; nothing for the next member
        assert not w.session.state.speech and w.session.state.speech_volume == before


def test_chinese_name_typed_with_cangjie_on_the_virtual_keyboard(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "MEMBER_REGISTRATION")  # through iAM Smart, which fills in a Chinese name
        w.session.set_field("name_zh", "")  # typed here instead
        w.session.goto_step("name_zh")
        form = w.form
        if not form.chinese.available():
            pytest.skip(f"Qt Virtual Keyboard unavailable here: {form.chinese.unavailable_reason()}")
        assert form.chinese.isVisible() and not form.keyboard.isVisible()
        assert form.chinese.set_mode("cangjie") == 4
        form.chinese.type_cangjie([("nldw", "陳"), ("k", "大"), ("yk", "文")])
        assert form.editors["name_zh"].edit is not None and form.editors["name_zh"].edit.text() == "陳大文"
        assert w.session.state.form_raw["name_zh"] == "陳大文"
        # Only Chinese fields take input-method text: a scanner's keystrokes elsewhere stay Latin.
        w.session.goto_step("mobile")
        edit = form.editors["mobile"].edit
        assert edit is not None and not edit.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)



def test_speaking_returns_at_once_and_the_engine_works_on_another_thread(tmp_path: Path) -> None:
    from kiosk.core.read_aloud import Phrase, Reading

    speaker = Speaker(Espeak, wav_dir=tmp_path)
    assert speaker.available("en", wait=10)
    long = Reading("en", tuple(Phrase(f"Question {n}: what is your new mobile number?") for n in range(30)))
    started = time.perf_counter()
    assert speaker.say(long)
    returned = time.perf_counter() - started
    assert speaker.wait(60)
    done = time.perf_counter() - started
    print(f"say() returned in {returned * 1000:.1f} ms; the engine took {done * 1000:.0f} ms")
    assert returned < 0.05 and done > 5 * returned
    assert speaker.last_wav is not None and wav_figures(speaker.last_wav).seconds > 60  # 30 questions


def test_the_receipt_reference_is_read_spelled_in_english(qtbot: QtBot, tmp_path: Path) -> None:
    from devtools.form_driver import walk_form
    from drivers.speech import espeak

    wavs = tmp_path / "wavs"
    wavs.mkdir()
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.speaker = Speaker(Espeak, wav_dir=wavs)
        w.header.lang_en.click()
        w.attract.speech_button.click()
        qtbot.waitUntil(w.read_aloud.bar.again_button.isEnabled, timeout=10_000)
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "CHANGE_PARTICULARS")
        assert walk_form(w.form, example("CHANGE_PARTICULARS", NOW.date()))
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=10_000)
        receipt = w.session.state.receipt
        assert receipt is not None
        said = w.speaker.last_spoken
        assert said is not None and said.lang == "en"
        spelled = [p for p in said.phrases if p.spell]
        assert [p.text for p in spelled] == [receipt.kiosk_ref] * 2, said
        figures = _wait_for_wav(w)
        print(f"receipt: rms={figures.rms:.0f} seconds={figures.seconds:.2f}")
        assert figures.rms > SILENCE_RMS and figures.seconds > 10  # the reference, character by character, twice
        # What espeak-ng says for the reference: its letters' names, each digit on its own.
        engine = Espeak()
        ref = receipt.kiosk_ref
        said_ipa = " ".join(engine.phonemes(s, ipa=True) for s in espeak.segments("en", [(ref, True)]))
        assert len(said_ipa.split()) >= len(ref.replace("-", "")), said_ipa  # one word a character


def test_the_gui_does_not_wait_for_the_speech_probe(qtbot: QtBot, tmp_path: Path) -> None:
    def slow_engine() -> Espeak:  # a machine where finding the voices takes a while
        time.sleep(1.0)
        return Espeak()

    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.speaker = Speaker(slow_engine, wav_dir=tmp_path)
        bar = w.read_aloud.bar
        started = time.perf_counter()
        w.attract.speech_button.click()
        assert time.perf_counter() - started < 0.5  # the click did not wait for the probe
        # Meanwhile: the controls, not yet usable, and no "not available".
        assert bar.isVisible() and bar.again_button.isVisible() and not bar.again_button.isEnabled()
        assert not bar.unavailable.isVisible() and w.speaker.last_spoken is None
        qtbot.waitUntil(bar.again_button.isEnabled, timeout=10_000)
        assert w.speaker.last_spoken is not None  # the screen is read once the probe answered
        assert w.speaker.wait(30)
