"""简体中文 through the real widgets: a member picks 简 on the attract screen, walks every
instruction type to the receipt with nothing on screen left in Traditional characters, is refused
in Simplified for a wrong answer and loses nothing, and the next member starts in the kiosk's
default language again."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from devtools.form_driver import fill_field, walk_form
from kiosk.config import KioskConfig
from kiosk.core.state import Screen
from kiosk.domain import FormContext, build
from kiosk.domain.examples import example
from kiosk.simplified import han_re, to_simplified
from tests.support.ui import TYPED_HKID, open_window, type_hkid_and_continue, visible_texts
from tests.ui.test_ui_forms import INVALID, TYPES, open_type
from ui.main_window import MainWindow

HAN_RE = han_re()
NOW = dt.datetime(2026, 11, 26, 10, 0)


def typed_chinese(values: dict[str, Any]) -> list[str]:
    """The member's own Chinese answers (a name, an address): shown as typed, never converted."""
    out: list[str] = []
    for v in values.values():
        items = v if isinstance(v, list) else [v]
        for item in items:
            texts = item.values() if isinstance(item, dict) else [item]
            out += [t for t in texts if isinstance(t, str) and HAN_RE.search(t)]
    return out


def traditional_left(w: MainWindow, values: dict[str, Any]) -> list[str]:
    """Texts on screen that would still change under the conversion (the member's answers aside)."""
    own = typed_chinese(values)
    return [t for t in visible_texts(w) if to_simplified(t) != t and not any(o and o[:1] in t for o in own)]


def at_menu_in_simplified(w: MainWindow) -> None:
    w.session.now = lambda: NOW
    w.header.lang_cn.click()  # chosen on the attract screen, before Start
    assert w.session.state.lang == "zh_CN"
    assert w.attract.hero_zh.text() == "积金易自助服务站"
    w.attract.start_button.click()
    assert w.session.state.lang == "zh_CN"  # carried into the member's session
    type_hkid_and_continue(w)
    assert w.session.state.screen is Screen.MENU


@pytest.mark.parametrize("code", TYPES)
def test_every_type_attract_to_receipt_in_simplified(code: str, qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        at_menu_in_simplified(w)
        assert traditional_left(w, {}) == []
        open_type(w, code)
        values = example(code, NOW.date())
        left: list[str] = []
        questions: list[str] = []

        def look(step: str) -> None:
            questions.append(w.form.title.text())
            left.extend(f"{step}: {t}" for t in traditional_left(w, values))

        assert walk_form(w.form, values, on_step=look), w.session.state.errors
        assert left == []
        assert all(q and HAN_RE.search(q) for q in questions), questions  # asked in Chinese
        assert w.session.state.screen is Screen.REVIEW
        assert traditional_left(w, values) == []
        assert w.review.title.text() == "请核对你的指示"
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
        assert traditional_left(w, values) == []
        (instruction,) = services.enqueued
        member = instruction.member  # typed; registration's from iAM Smart (devtools/form_driver.open_form)
        assert member.hkid == TYPED_HKID
        ctx = FormContext(now=NOW, member=member, employer=w.session.state.employer)  # a statement's employer
        # The language shows the texts only: what is queued is the same as in 繁 or EN.
        assert dict(instruction.values) == dict(build(code, member, values, ctx).values)
        w.receipt.done_button.click()
        assert w.session.state.screen is Screen.ATTRACT
        assert w.session.state.lang == "zh_HK"  # the next member starts in the kiosk's default
        assert w.header.lang_zh.isChecked() and w.attract.hero_zh.text() == "積金易自助服務站"


@pytest.mark.parametrize("code", ["FUND_SWITCH", "CHANGE_PARTICULARS", "WITHDRAWAL_CLAIM"])
def test_a_wrong_answer_is_refused_in_simplified_and_nothing_is_lost(code: str, qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    field, bad, error_code = INVALID[code]
    with open_window(qtbot, services) as w:
        at_menu_in_simplified(w)
        open_type(w, code)
        values = {**example(code, NOW.date()), field: bad}
        assert not walk_form(w.form, values)
        err = next(e for e in w.session.state.errors if e.code == error_code)
        shown = " ".join(visible_texts(w))
        assert err.message("zh_CN") in shown
        assert err.message("zh_CN") == to_simplified(err.message_zh)
        assert err.message_zh not in shown or err.message_zh == err.message("zh_CN")
        assert traditional_left(w, values) == []
        w.header.lang_zh.click()  # the same refusal, now in Traditional, still on its step
        assert err.message_zh in " ".join(visible_texts(w))
        w.header.lang_cn.click()
        good = example(code, NOW.date())
        step = w.session.current_step()
        assert step is not None
        if field not in step.fields:
            while field not in w.form.editors:
                w.form.back_button.click()
        fill_field(w.form, w.form.editors[field], good[field])
        assert walk_form(w.form, good), w.session.state.errors
        assert services.enqueued == []


def test_the_attract_screen_offers_three_languages_each_in_its_own_script(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        buttons = w.header.lang_buttons
        assert [(lang, b.text(), b.accessibleName()) for lang, b in buttons.items()] == [
            ("zh_HK", "繁", "繁體中文"), ("zh_CN", "简", "简体中文"), ("en", "EN", "English")]
        for large in (False, True):
            if large:
                w.attract.large_button.click()
            for lang, b in buttons.items():
                b.click()
                assert b.isVisible() and b.height() >= 60 and b.width() >= 60, (lang, b.size())
                assert [x.isChecked() for x in buttons.values()] == [x is b for x in buttons.values()]
                assert b.text() == {"zh_HK": "繁", "zh_CN": "简", "en": "EN"}[lang]  # never translated
        w.header.offer(("zh_HK", "en"))  # a kiosk configured without 简体中文
        assert not buttons["zh_CN"].isVisible() and buttons["zh_HK"].isVisible()
        w.header.offer(("zh_CN",))  # one language: no switch at all
        assert not any(b.isVisible() for b in buttons.values())


def test_a_kiosk_whose_default_is_simplified_comes_back_to_it(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path, config=KioskConfig(default_lang="zh_CN"))
    with open_window(qtbot, services) as w:
        assert w.session.state.lang == "zh_CN" and w.header.lang_cn.isChecked()
        w.header.lang_en.click()
        w.attract.start_button.click()
        w.session.wipe()  # the member walked away
        assert w.session.state.lang == "zh_CN"
        assert w.attract.start_button.text() == "开始  Start"


def test_simplified_is_read_in_mandarin_never_cantonese() -> None:
    from drivers.speech import espeak

    assert espeak.VOICES == {"zh_HK": "yue", "zh_CN": "cmn-latn-pinyin", "en": "en-gb"}
    assert {s.voice for s in espeak.segments("zh_CN", [("你想更改哪些资料？", False)])} == {"cmn-latn-pinyin"}


def test_every_simplified_character_has_a_glyph(qapp: object) -> None:
    """No boxes: the kiosk's font has every character any zh_CN text can show (the converted
    screen strings and every core string; fonts-noto-cjk is pan-CJK, Simplified included)."""
    from PySide6.QtGui import QFont, QFontMetrics

    from ui import theme
    from ui.i18n.simplified_gen import han_strings
    from ui.strings import STRINGS, tr

    font = QFont()
    font.setFamilies(list(theme.FONT_FAMILIES))
    metrics = QFontMetrics(font)
    # Character ranges of a regular expression (kiosk/domain/fields.py's Chinese-name rule) are not text.
    ranges = re.compile(f"{HAN_RE.pattern}-{HAN_RE.pattern}")
    texts = [tr(k, "zh_CN") for k in STRINGS] + [to_simplified(s) for _, s in han_strings() if not ranges.search(s)]
    chars = {c for t in texts for c in HAN_RE.findall(t)}
    assert len(chars) > 500
    assert sorted(c for c in chars if not metrics.inFontUcs4(ord(c))) == []


@pytest.mark.xvfb
def test_screenshots_in_simplified(tmp_path: Path) -> None:
    """zh_CN is opt-in in the screenshot matrix (`--langs`): two screens of it here, not blank."""
    import os
    import subprocess
    import sys

    from PIL import Image, ImageStat

    from devtools.shots import HEIGHT, WIDTH

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{WIDTH}x24", sys.executable, "-m", "devtools.screenshots",
         "--out", str(out), "--langs", "zh_CN", "--orientations", "landscape",
         "--modes", "normal", "--screens", "form-FUND_SWITCH-errors"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    shots = sorted((out / "landscape-normal").glob("*.png"))
    assert [p.name for p in shots] == ["form-FUND_SWITCH-errors-zh_CN.png"]
    with Image.open(shots[0]) as im:
        assert im.size == (WIDTH, HEIGHT)
        assert ImageStat.Stat(im.convert("L")).var[0] > 300


def test_the_languages_bench_runs_and_ends_with_its_figures() -> None:
    """bench/languages.py at a tiny count: it runs and its last line is its JSON (no timing asserted)."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "bench/languages.py", "--switches", "2", "--rounds", "1"], cwd=root,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) == {"conversion_us", "baseline_us", "conversion_ratio", "strings", "switch_zh_hk_ms",
                            "switch_zh_cn_ms", "switch_ratio"}
    assert figures["strings"] > 500 and all(v > 0 for v in figures.values())


def test_the_passport_key_step_switches_language_and_keeps_the_typed_details(qtbot: QtBot, tmp_path: Path) -> None:
    from devtools.mrz_screenshots import StandInPassport

    cards = StandInPassport()
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.attract.start_button.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MRZ, timeout=3000)
        w.mrz.select_field("document_number")
        w.mrz.keyboard.press("K1234")  # half typed
        before = {name: e.text() for name, e in w.mrz.edits.items()}
        assert before["document_number"] == "K1234"
        w.header.lang_zh.click()
        zh = w.mrz.title.text()
        w.header.lang_cn.click()
        assert w.mrz.title.text() == to_simplified(zh) == "请输入证件资料以读取芯片"
        assert traditional_left(w, {}) == []
        w.header.lang_en.click()
        assert w.mrz.title.text() == "Type the document's details to open its chip"
        assert {name: e.text() for name, e in w.mrz.edits.items()} == before
        assert w.session.state.screen is Screen.MRZ


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_header_fits_three_language_buttons(size: tuple[int, int], qtbot: QtBot, tmp_path: Path) -> None:
    """With 繁 / 简 / EN and "call staff" the header drops the brand, then the words beside the step
    bar, then (a portrait screen at large text) the bar, before anything overlaps or is cut."""
    from PySide6.QtWidgets import QApplication

    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.resize(*size)
        w.session.now = lambda: NOW
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        w.menu.buttons["FUND_SWITCH"].click()
        for large in (False, True):
            if large:
                w.session.set_accessibility(large_text=True)
            for lang, button in w.header.lang_buttons.items():
                button.click()
                for _ in range(3):
                    QApplication.processEvents()
                h = w.header
                parts = [x for x in (h.brand, h.step, h.step_bar, h.call_staff, *h.lang_buttons.values())
                         if x.isVisible()]
                where = f"{size} large={large} {lang}"
                assert h.call_staff.isVisible() and all(b.isVisible() for b in h.lang_buttons.values()), where
                # Only a portrait screen at large text gives the step bar's room to "call staff".
                assert h.step_bar.isVisible() or (size == (1080, 1920) and large), where
                for i, a in enumerate(parts):
                    assert h.rect().contains(a.geometry()), f"{where}: {a.objectName() or type(a).__name__} outside"
                    assert a.width() >= max(a.sizeHint().width(), a.minimumWidth()), f"{where}: {a.objectName()} cut"
                    for b in parts[i + 1:]:
                        overlap = a.geometry().intersects(b.geometry())
                        assert not overlap, f"{where}: {a.objectName()} / {b.objectName()}"
                if size[0] == 1920 and not large:
                    assert h.brand.isVisible() and h.step.isVisible(), where  # room for everything
