"""The warm-up gets the Chinese keyboard ready before the first member who needs it, and leaves
nothing behind (ui/chinese_input.ChineseInput.prime_step, StartUp.prime_chinese in ui/start_up.py).

What the keyboard's engine holds is read through its QML objects (ChineseInput.engine_state):
counts and names, not timings (bench/chinese_keyboard.py has those). The input context is one per
process and other tests' keyboards would already have created its input method, so the check that
warm-up creates it runs in a process of its own.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeClock, FakeServices
from devtools.form_driver import fill_step, open_form
from kiosk.core.state import Screen
from kiosk.domain.examples import example
from tests.support.ui import line_edit_texts, open_window, type_hkid_and_continue
from ui.chinese_input import MODES, PRIME_KEY
from ui.main_window import MainWindow
from ui.screens.form import FormScreen

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 11, 26, 10, 0)


def _turns(n: int = 5) -> None:
    for _ in range(n):
        QCoreApplication.processEvents()


def _texts() -> list[str]:
    return [w.text() for w in QApplication.allWidgets() if isinstance(w, QLineEdit) and w.text()]


def run_child(data_dir: Path) -> dict[str, Any]:
    """A fresh kiosk process: the keyboard's state when its panel is merely built (what a member's
    first Chinese field found before), then a whole warm-up's, and what it left behind."""
    from ui.app import ensure_app

    ensure_app()
    out: dict[str, Any] = {}
    # Control: the panel alone, no priming: the input context never had the focus, so no input
    # method (this is what makes the check below able to fail).
    bare = MainWindow(FakeServices(data_dir=data_dir / "bare"), monotonic=FakeClock())
    bare.resize(1920, 1080)
    bare.show()
    _turns()
    out["built_only_available"] = bare.form.chinese.available()
    _turns()
    out["built_only"] = bare.form.chinese.engine_state()
    bare.allow_close()
    bare.close()
    bare.deleteLater()
    _turns()

    w = MainWindow(FakeServices(data_dir=data_dir / "kiosk"), monotonic=FakeClock())
    w.resize(1920, 1080)
    w.show()
    _turns()
    focus_before = QApplication.focusWidget()
    w.warm_up()
    deadline = time.monotonic() + 240
    while w.warming() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    _turns()
    out["warming"] = w.warming()
    out["primed"] = w.form.chinese.primed()
    out["after_warm_up"] = w.form.chinese.engine_state()
    out["focus_same"] = QApplication.focusWidget() is focus_before
    out["focus_is_line_edit"] = isinstance(QApplication.focusWidget(), QLineEdit)
    out["texts"] = _texts()
    out["screen"] = w.session.state.screen.name
    out["keyboard_shown"] = w.form.chinese.isVisible()
    out["form_shown"] = w.form.isVisible()
    w.allow_close()
    w.close()
    return out


def test_warm_up_creates_the_cangjie_input_method_and_leaves_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "tests.ui.test_chinese_input_prime", str(tmp_path)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    r = json.loads(lines[-1])
    if not r["built_only_available"]:
        pytest.skip("Qt Virtual Keyboard unavailable here")
    # Before: a built panel has no input method until a field for Chinese has had the focus.
    assert r["built_only"]["input_method"] == "" and r["built_only"]["modes"] == [], r["built_only"]
    # After warm-up: the Traditional Chinese input method with Cangjie (and Zhuyin) is there and
    # in Cangjie, and it has looked a key up.
    state = r["after_warm_up"]
    assert not r["warming"] and r["primed"], r
    assert state["input_method"].endswith("TCInputMethod"), state
    assert MODES["cangjie"] in state["modes"] and MODES["zhuyin"] in state["modes"], state
    assert state["mode"] == MODES["cangjie"], state
    # ...and nothing is left: no composition, no candidates, the focus given back, no text in any
    # field, the window's focus where it was, nothing shown.
    assert state["preedit"] == 0 and state["candidates"] == 0 and state["context_focus"] == 0, state
    assert r["texts"] == [] and r["focus_same"] and not r["focus_is_line_edit"], r
    assert r["screen"] == "ATTRACT" and not r["keyboard_shown"] and not r["form_shown"], r


def _to_chinese_name(w: MainWindow, lang: str = "zh_HK") -> FormScreen:
    """A member reading `lang` at the employee enrolment's Chinese name, the keyboard up."""
    w.session.now = lambda: NOW
    w.attract.start_button.click()
    w.session.set_language(lang)
    type_hkid_and_continue(w)
    open_form(w, "EMPLOYEE_ENROLMENT")
    form = w.form
    values = {k: v for k, v in example("EMPLOYEE_ENROLMENT", NOW.date()).items() if k != "name_zh"}
    for _ in range(10):
        if "name_zh" in form.editors:
            break
        fill_step(form, values)
        form.next_button.click()
    assert "name_zh" in form.editors
    form.select_field("name_zh")
    _turns()
    return form


def test_priming_gives_the_focus_back_when_a_member_arrives(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        c = w.form.chinese
        if not c.available():
            pytest.skip(f"Qt Virtual Keyboard unavailable here: {c.unavailable_reason()}")
        assert c.prime_step(True) is False  # built (already): next, the focus
        assert c.prime_step(True) is False  # the input context has the focus lent to it
        assert c.engine_state()["context_focus"] == 1
        # A member taps Start before the input method is asked for: priming stops, gives it back.
        w.attract.start_button.click()
        assert c.prime_step(w.session.state.screen is Screen.ATTRACT) is True
        state = c.engine_state()
        # Given back as Qt itself has it for the focus now (the identity screen's field: Qt
        # answers that a line edit takes input method text even where the kiosk turned it off).
        real = QGuiApplication.inputMethod().queryFocusObject(Qt.InputMethodQuery.ImEnabled, None)
        assert state["context_focus"] == int(bool(real)), (state, real)
        assert state["preedit"] == 0 and state["candidates"] == 0, state
        assert not c.primed() and not any(line_edit_texts(w))
        # The member's own Chinese name still types.
        w.session.wipe()
        form = _to_chinese_name(w)
        assert form.chinese.engine_state()["context_focus"] == 1  # the member's field has it now
        form.chinese.type_cangjie([("hqm", "生")])
        edit = form.editors["name_zh"].edit
        assert edit is not None and edit.text() == "生"


def test_priming_leaves_a_members_field_alone(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        form = _to_chinese_name(w)
        c = form.chinese
        if not c.available():
            pytest.skip(f"Qt Virtual Keyboard unavailable here: {c.unavailable_reason()}")
        c.press("人")  # half-typed
        before = c.engine_state()
        assert before["preedit"] == 1 and before["context_focus"] == 1, before
        # Priming while a field for Chinese has the focus (the input context's focus is real):
        # the panel is there, and the next step sees the focus taken and stops without a key.
        assert c.prime_step(True) is False and c.engine_state() == before
        assert c.prime_step(True) is True and c.engine_state() == before and not c.primed()
        # The warm-up's own step, while the member is on the form: stops, asks for no more turns.
        pending = list(w.startup.pending)
        w.startup.prime_chinese()
        assert w.startup.pending == pending and c.engine_state() == before
        assert PRIME_KEY not in "".join(c.candidates())
        edit = form.editors["name_zh"].edit
        assert edit is not None and edit.text() == ""


def test_a_wipe_drops_a_half_typed_composition(qtbot: QtBot, tmp_path: Path) -> None:
    """Radicals typed but no character chosen when the session ends (timeout, Cancel): dropped, not
    committed into the field being destroyed (which sent them to a session with no form: an error
    in a slot, which pytest-qt turns into a failure here)."""
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        form = _to_chinese_name(w)
        if not form.chinese.available():
            pytest.skip(f"Qt Virtual Keyboard unavailable here: {form.chinese.unavailable_reason()}")
        form.chinese.press("口")
        assert form.chinese.engine_state()["preedit"] == 1
        w.session.wipe()
        _turns()
        state = form.chinese.engine_state()
        assert w.session.state.screen is Screen.ATTRACT
        assert state["preedit"] == 0 and state["candidates"] == 0 and state["context_focus"] == 0, state
        assert "name_zh" not in w.session.state.form_raw
        assert not any(line_edit_texts(w))


def test_the_keyboard_changes_layout_between_members_without_waiting(qtbot: QtBot, tmp_path: Path) -> None:
    """An English member's Chinese name opens the English layout; the next 繁體中文 member's needs
    Cangjie, whose input method the keyboard creates only for a focused field. The form used to
    ask for the mode before giving the field the focus, so set_mode waited out its 2 s and gave up
    (the next 简体中文 member's Pinyin the same). Every mode asked for is now the mode got."""
    got: list[tuple[str, int]] = []
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        c = w.form.chinese
        if not c.available():
            pytest.skip(f"Qt Virtual Keyboard unavailable here: {c.unavailable_reason()}")
        set_mode = c.set_mode

        def recording(mode: str) -> int:
            result = set_mode(mode)
            got.append((mode, result))
            return result

        c.set_mode = recording  # type: ignore[method-assign]
        for lang in ("en", "zh_HK", "zh_CN", "zh_HK"):
            _to_chinese_name(w, lang)
            w.session.wipe()
            _turns()
    assert {m for m, _ in got} == {"cangjie", "pinyin"}, got
    assert all(result == MODES[mode] for mode, result in got), got


if __name__ == "__main__":  # the fresh-process child: python -m tests.ui.test_chinese_input_prime DATA_DIR
    print(json.dumps(run_child(Path(sys.argv[1]))), flush=True)
