"""Chinese handwriting on the form: a member writes 陳大文 and 九龍旺角彌敦道 with a finger, through
real mouse and touch events on the writing box, taps the candidates, and the field and the Session
hold the text. Recorded strokes: devtools/data/handwriting_strokes.json."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QEventPoint, QImage, QPointingDevice, QTouchEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from devtools.form_driver import open_form
from drivers.handwriting import unavailable_reason
from tests.support.ui import open_window, type_hkid_and_continue
from ui import theme
from ui.handwriting_pad import HandwritingPad
from ui.main_window import MainWindow
from ui.screens.form import FormScreen

STROKES: dict[str, list[list[list[float]]]] = json.loads(
    (Path(__file__).parents[2] / "devtools" / "data" / "handwriting_strokes.json").read_text(encoding="utf-8"))["chars"]

pytestmark = pytest.mark.skipif(bool(unavailable_reason()), reason=unavailable_reason() or "")

_touch: QPointingDevice | None = None


def _points(pad: HandwritingPad, char: str) -> list[list[QPoint]]:
    """The character's strokes mapped into the middle of the writing box, as a finger draws them:
    a point every few pixels along each stroke."""
    box = pad.box.square()
    side = box.width() * 0.8
    left, top = box.left() + box.width() * 0.1, box.top() + box.height() * 0.1
    out = []
    for stroke in STROKES[char]:
        pts = [QPointF(left + x * side, top + y * side) for x, y in stroke]
        dense: list[QPoint] = []
        for a, b in itertools.pairwise(pts):
            steps = max(1, int((b - a).manhattanLength() / 6))
            dense += [(a + (b - a) * (i / steps)).toPoint() for i in range(steps)]
        dense.append(pts[-1].toPoint())
        out.append(dense)
    return out


def write_with_mouse(pad: HandwritingPad, char: str) -> None:
    for stroke in _points(pad, char):
        QTest.mousePress(pad.box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, stroke[0])
        for p in stroke[1:]:
            QTest.mouseMove(pad.box, p)
        QTest.mouseRelease(pad.box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, stroke[-1])


def _touch_event(box: QWidget, kind: QEvent.Type, state: QEventPoint.State, at: QPoint) -> None:
    global _touch
    if _touch is None:
        _touch = QTest.createTouchDevice()
    point = QEventPoint(0, state, QPointF(at), QPointF(box.mapToGlobal(at)))
    event = QTouchEvent(kind, _touch, Qt.KeyboardModifier.NoModifier, [point])
    QApplication.sendEvent(box, event)


def write_with_finger(pad: HandwritingPad, char: str) -> None:
    """Touch events as a touch screen's driver gives them, sent to the writing box. (QTest's
    touchEvent goes through the window system, which the kiosk window in these offscreen tests
    does not pass touches on from; a bare widget gets them, tests/ui/test_handwriting_pad.py
    checks the same box takes touches from the window too.)"""
    for stroke in _points(pad, char):
        _touch_event(pad.box, QEvent.Type.TouchBegin, QEventPoint.State.Pressed, stroke[0])
        for p in stroke[1:]:
            _touch_event(pad.box, QEvent.Type.TouchUpdate, QEventPoint.State.Updated, p)
        _touch_event(pad.box, QEvent.Type.TouchEnd, QEventPoint.State.Released, stroke[-1])


def tap_candidate(qtbot: QtBot, pad: HandwritingPad, char: str) -> None:
    """Wait for the recogniser's answer to every stroke, then tap the candidate button showing `char`."""
    qtbot.waitUntil(lambda: pad.answered() and bool(pad.candidates()), timeout=5000)
    assert char in pad.candidates(), (char, pad.candidates())
    key = next(k for k in pad.candidate_keys if k.text() == char)
    QTest.mouseClick(key, Qt.MouseButton.LeftButton)


@contextmanager
def particulars_form(qtbot: QtBot, tmp_path: Path, changes: list[str]) -> Iterator[tuple[MainWindow, FormScreen]]:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "CHANGE_PARTICULARS")
        w.session.set_field("changes", changes)
        yield w, w.form


def test_a_member_writes_a_name_and_an_address_by_hand(qtbot: QtBot, tmp_path: Path) -> None:
    with particulars_form(qtbot, tmp_path, ["address", "name"]) as (w, form):
        w.session.goto_step("name")
        form.select_field("name_zh")
        chinese = form.chinese
        assert chinese.isVisible() and not form.keyboard.isVisible()
        # 繁體中文 members start on handwriting, the keyboard one tap away.
        assert chinese.page() == "write" and chinese.handwriting.isVisible()
        pad = chinese.handwriting
        for ch in "陳大文":
            write_with_mouse(pad, ch)
            assert len(pad.box.strokes) == len(STROKES[ch])
            tap_candidate(qtbot, pad, ch)
            assert pad.box.strokes == [] and pad.candidates() == []  # ready for the next character
        edit = form.editors["name_zh"].edit
        assert edit is not None and edit.text() == "陳大文"
        assert w.session.state.form_raw["name_zh"] == "陳大文"

        w.session.goto_step("address")
        pad = form.chinese.handwriting
        for i, ch in enumerate("九龍旺角彌敦道"):
            (write_with_finger if i % 2 else write_with_mouse)(pad, ch)  # a finger, and a mouse
            tap_candidate(qtbot, pad, ch)
        assert w.session.state.form_raw["address"] == "九龍旺角彌敦道"


def test_the_recorded_strokes_are_recognised_first(qtbot: QtBot, tmp_path: Path) -> None:
    """Not only somewhere among the candidates: the character each recording shows comes first
    (the name and address test taps whichever button shows it)."""
    with particulars_form(qtbot, tmp_path, ["address"]) as (w, form):
        w.session.goto_step("address")
        pad = form.chinese.handwriting
        for ch in "陳大文九龍旺角彌敦道":
            write_with_mouse(pad, ch)
            qtbot.waitUntil(lambda: pad.answered() and bool(pad.candidates()), timeout=5000)
            assert pad.candidates()[0] == ch, (ch, pad.candidates())
            pad.rewrite()


def test_undo_rewrite_delete_and_the_simplified_form(qtbot: QtBot, tmp_path: Path) -> None:
    with particulars_form(qtbot, tmp_path, ["address"]) as (w, form):
        w.session.goto_step("address")
        pad = form.chinese.handwriting
        write_with_mouse(pad, "陳")
        qtbot.waitUntil(lambda: pad.answered() and bool(pad.candidates()), timeout=5000)
        pad.undo_key.click()
        assert len(pad.box.strokes) == len(STROKES["陳"]) - 1
        pad.rewrite_key.click()
        assert pad.box.strokes == [] and pad.candidates() == []
        # The Simplified Chinese model's 黄 is offered as the Traditional 黃 to a 繁體中文 member…
        write_with_mouse(pad, "黄")
        tap_candidate(qtbot, pad, "黃")
        assert w.session.state.form_raw["address"] == "黃"
        pad.delete_key.click()  # nothing half-written: deletes the last character typed
        assert not w.session.state.form_raw.get("address")
        # …and as 黄 to a 简体中文 member, whose 陳 becomes 陈.
        w.header.lang_cn.click()
        assert form.chinese.handwriting.lang == "zh_CN"
        write_with_mouse(pad, "黄")
        tap_candidate(qtbot, pad, "黄")
        write_with_mouse(pad, "陳")
        tap_candidate(qtbot, pad, "陈")
        assert w.session.state.form_raw["address"] == "黄陈"


def test_the_page_choice_holds_for_the_session_and_resets_for_the_next_member(qtbot: QtBot,
                                                                              tmp_path: Path) -> None:
    with particulars_form(qtbot, tmp_path, ["address", "name"]) as (w, form):
        w.session.goto_step("address")
        chinese = form.chinese
        assert chinese.page() == "write"
        chinese.page_buttons["keys"].click()
        assert chinese.page() == "keys" and not chinese.handwriting.isVisible()
        if chinese._view is not None:
            assert chinese._view.isVisible()
        write_with_mouse(chinese.handwriting, "大")  # strokes on a hidden pad go nowhere
        chinese.page_buttons["write"].click()
        assert chinese.handwriting.box.strokes == [] and chinese.page_buttons["write"].isChecked()
        chinese.page_buttons["keys"].click()
        w.session.goto_step("name")  # the next Chinese field, on the page the member chose
        form.select_field("name_zh")
        assert chinese.page() == "keys" and not chinese.handwriting.isVisible()
        w.session.wipe()
        type_hkid_and_continue(w)
        open_form(w, "CHANGE_PARTICULARS")
        w.session.set_field("changes", ["address"])
        w.session.goto_step("address")
        assert chinese.page() == "write"  # the next 繁體中文 member starts on handwriting
        assert chinese.handwriting.isVisible()


def test_a_character_written_but_never_chosen_is_gone_after_the_wipe(qtbot: QtBot, tmp_path: Path) -> None:
    with particulars_form(qtbot, tmp_path, ["address"]) as (w, form):
        w.session.goto_step("address")
        pad = form.chinese.handwriting
        write_with_mouse(pad, "陳")  # the member walks away before tapping it
        qtbot.waitUntil(lambda: pad.answered() and "陳" in pad.candidates(), timeout=5000)
        w.session.wipe()
        assert pad.box.strokes == [] and pad.candidates() == [] and pad.target() is None


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_writing_box_is_drawn_in_the_palette(qtbot: QtBot, tmp_path: Path, high_contrast: bool) -> None:
    with particulars_form(qtbot, tmp_path, ["address"]) as (w, form):
        w.session.set_accessibility(large_text=True, high_contrast=high_contrast)
        w.session.goto_step("address")
        pad = form.chinese.handwriting
        write_with_mouse(pad, "大")
        image = pad.box.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        p = theme.palette()
        assert p.name == ("high_contrast" if high_contrast else "normal")
        colours = {image.pixelColor(x, y).name().upper() for x in range(0, image.width(), 3)
                   for y in range(0, image.height(), 3)}
        assert p.surface.upper() in colours and p.text.upper() in colours  # paper and ink
        assert theme.contrast_ratio(p.text, p.surface) >= 7
        for key in [*pad.candidate_keys, pad.undo_key, pad.rewrite_key, pad.delete_key]:
            assert key.height() >= 60, key.text()


def test_a_bare_writing_box_takes_touches_from_the_window_system(qtbot: QtBot) -> None:
    """The touch screen's path: QTest's touchEvent goes through the window system to the widget."""
    from ui.handwriting_pad import WritingBox

    top = QWidget()
    qtbot.addWidget(top)
    top.resize(500, 500)
    box = WritingBox(top)
    box.setGeometry(40, 40, 400, 400)
    top.show()
    qtbot.waitExposed(top)
    device = QTest.createTouchDevice()
    added: list[int] = []
    box.stroke_added.connect(lambda: added.append(len(box.strokes)))
    for y in (100, 200):
        QTest.touchEvent(box, device).press(0, QPoint(60, y), box).commit()
        QTest.touchEvent(box, device).move(0, QPoint(200, y + 5), box).commit()
        QTest.touchEvent(box, device).release(0, QPoint(340, y + 10), box).commit()
    assert added == [1, 2]
    assert [len(s) for s in box.strokes] == [3, 3]
