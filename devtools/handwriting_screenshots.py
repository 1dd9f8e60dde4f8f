"""Screenshots of Chinese handwriting on the form, for people to look at: the name written by hand
(陳大 typed, 文 written, its candidates showing), the address half written (九龍旺角 typed, 彌 written),
and the same address step on the keyboard page (Cangjie, a candidate showing).

    xvfb-run -a -s "-screen 0 1920x1920x24" .venv/bin/python -m devtools.screenshots --walks handwriting \
        --out artifacts/screenshots

(every orientation and mode, both languages; the walk of devtools/screenshots.py named "handwriting").
The strokes are devtools/data/handwriting_strokes.json, drawn with mouse events on the writing box.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from devtools.fakes import FakeClock, FakeServices
from devtools.form_driver import open_form
from devtools.shots import Camera, settle, start_member, wait_for
from kiosk.core.state import Screen
from ui.handwriting_pad import HandwritingPad
from ui.main_window import MainWindow

SCREENS = ("handwriting-name", "handwriting-address", "keyboard-address")
STROKES: dict[str, list[list[list[float]]]] = json.loads(
    (Path(__file__).with_name("data") / "handwriting_strokes.json").read_text(encoding="utf-8"))["chars"]


def services(_tmp: Path) -> FakeServices:
    return FakeServices(online=True)


def write(pad: HandwritingPad, char: str) -> None:
    """Draw `char` in the middle of the writing box with mouse events, a point every few pixels,
    and wait for its candidates."""
    box = pad.box.square()
    side = box.width() * 0.8
    left, top = box.left() + box.width() * 0.1, box.top() + box.height() * 0.1
    for stroke in STROKES[char]:
        pts = [QPointF(left + x * side, top + y * side) for x, y in stroke]
        dense: list[QPoint] = []
        for a, b in pairwise(pts):
            steps = max(1, int((b - a).manhattanLength() / 6))
            dense += [(a + (b - a) * (i / steps)).toPoint() for i in range(steps)]
        dense.append(pts[-1].toPoint())
        QTest.mousePress(pad.box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, dense[0])
        for p in dense[1:]:
            QTest.mouseMove(pad.box, p)
        QTest.mouseRelease(pad.box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, dense[-1])
    wait_for(lambda: pad.answered() and bool(pad.candidates()))


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    s = window.session
    start_member(window, lang, mode)
    window.identify.keypad.press("A123456(3)")
    window.identify.continue_button.click()
    wait_for(lambda: s.state.screen is Screen.MENU)
    open_form(window, "CHANGE_PARTICULARS")
    s.set_field("changes", ["address", "name"])
    form = window.form
    chinese = form.chinese
    if not chinese.available():
        return

    s.goto_step("name")
    form.select_field("name_zh")
    chinese.show_page("write")
    pad = chinese.handwriting
    target = pad.target()
    if target is not None:
        target.setText("陳大")
    write(pad, "文")
    settle(50)
    shot("handwriting-name")

    s.goto_step("address")
    chinese.show_page("write")
    pad = chinese.handwriting
    target = pad.target()
    if target is not None:
        target.setText("九龍旺角")
    write(pad, "彌")
    settle(50)
    shot("handwriting-address")

    pad.rewrite()
    chinese.show_page("keys")
    chinese.set_mode("cangjie")
    chinese.press("弓")
    wait_for(lambda: bool(chinese.candidates()))
    settle(150)  # the panel's re-fit after the candidate bar filled
    shot("keyboard-address")
    chinese.reset()
    s.wipe()
