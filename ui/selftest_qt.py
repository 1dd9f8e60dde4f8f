"""The self-test's Qt steps (kiosk/update/selftest.py runs them after its headless ones; the
composition root, kiosk.app.self_test, passes them in): the real kiosk window built offscreen on a
throw-away data folder, the kiosk's translations loaded from their .qm (not the built-in table), and
陳大文 typed with Cangjie and 陈 with Pinyin on Qt Virtual Keyboard (Chinese entry)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import KioskConfig

if TYPE_CHECKING:
    from kiosk.services import KioskServices

# Real services on a data folder (the composition root's, without a card reader or sync).
BuildServices = Callable[[KioskConfig], "KioskServices"]


def qt_steps(build_services: BuildServices) -> list[tuple[str, Callable[[Path], str]]]:
    """(name, check) for kiosk/update/selftest.run; Qt runs offscreen unless told otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return [("ui", lambda tmp: _ui(tmp, build_services)), ("translations", _translations),
            ("chinese_input", _chinese_input)]


def _ui(tmp: Path, build_services: BuildServices) -> str:
    from ui.app import build_main_window, ensure_app

    app = ensure_app()
    cfg = KioskConfig(data_dir=tmp / "ui-data", platform_url="http://127.0.0.1:9")
    services = build_services(cfg)
    try:
        window = build_main_window(services)
        window.resize(1920, 1080)
        window.show()
        app.processEvents()
        screen = window.session.state.screen.value
        window.allow_close()
        window.close()
        app.processEvents()
    finally:
        services.close()
    return f"platform {app.platformName()}, window built on {screen}"


def _translations(tmp: Path) -> str:
    from ui import i18n
    from ui.app import ensure_app

    ensure_app()  # installs the translations (ui.i18n.install) when it makes the application
    missing = sorted(set(i18n.LANGUAGES) - set(i18n.loaded_languages()))
    if missing:
        raise RuntimeError(f"no .qm loaded for {', '.join(missing)}: the built-in table is used")
    lacking = {lang: n for lang in i18n.LANGUAGES if (n := len(i18n.missing_keys(lang)))}
    if lacking:
        raise RuntimeError(f"texts missing from the .qm (the built-in table shows them): {lacking}")
    return f"{', '.join(i18n.loaded_languages())} from .qm"


def _pump(seconds: float) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _chinese_input(tmp: Path) -> str:
    """A Chinese field and the virtual keyboard in a window of their own: Cangjie (a fictional
    name), Zhuyin and Pinyin must all be there, as a member at the form would need them; and the
    handwriting recogniser reads a written character."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.app import ensure_app
    from ui.chinese_input import MODES, ChineseInput
    from ui.widgets import line_edit

    ensure_app()
    window = QWidget()
    layout = QVBoxLayout(window)
    edit = line_edit(input_method=True)
    keyboard = ChineseInput()
    layout.addWidget(edit)
    layout.addWidget(keyboard)
    window.resize(1200, 800)
    window.show()
    try:
        _pump(0.1)
        if not keyboard.available():
            raise RuntimeError(f"Qt Virtual Keyboard unavailable: {keyboard.unavailable_reason()}")
        # The input method attaches to the field that gets the focus after the keyboard exists.
        edit.clearFocus()
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        _pump(0.1)
        modes = {m: keyboard.set_mode(m) for m in ("zhuyin", "pinyin", "cangjie")}
        wrong = {m: got for m, got in modes.items() if got != MODES[m]}
        if wrong:
            raise RuntimeError(f"input modes not available (asked -> got): {wrong}")
        keyboard.type_cangjie([("nldw", "陳"), ("k", "大"), ("yk", "文")])
        keyboard.set_mode("pinyin")
        for letter in "chen":
            keyboard.press(letter)
        if not keyboard.choose("陈"):
            raise RuntimeError(f"Pinyin offered no 陈 for chen: {keyboard.candidates()[:10]}")
        if edit.text() != "陳大文陈":
            raise RuntimeError(f"typed {edit.text()!r}, expected '陳大文陈'")
        keyboard.clear()
    finally:
        edit.clear()
        window.close()
        window.deleteLater()
        _pump(0.05)
    # Handwriting: libzinnia and the models (a bundle carries its own copies) recognise a 十.
    from kiosk.ports.handwriting import provided

    source = provided()
    why = "no recogniser provided" if source is None else source.unavailable_reason()
    if why or source is None:
        raise RuntimeError(why)
    got = source.recogniser().recognise([[(200, 300), (800, 300)], [(500, 100), (500, 900)]], 5)
    if got[:1] != ["十"]:
        raise RuntimeError(f"handwriting: a written 十 was read as {got}")
    return "Cangjie 陳大文, Pinyin 陈, Zhuyin offered, handwriting 十"
