"""Helpers shared by the UI tests (no tests here): opening a window on fake services, walking it."""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeClock, FakeServices
from kiosk.core.state import Screen
from ui.app import ensure_app
from ui.main_window import MainWindow

TYPED_HKID = "A123456(3)"  # fictional, valid check digit


@contextmanager
def open_window(qtbot: QtBot, services: FakeServices, clock: FakeClock | None = None,
                run_clock: bool = False) -> Iterator[MainWindow]:
    """A shown, started main window. The once-a-second QTimer is stopped unless `run_clock`, so
    tests move time with the fake clock and call tick() themselves."""
    ensure_app()
    window = MainWindow(services, monotonic=clock or FakeClock())
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.start()
    if not run_clock:
        window.clock.stop()
    window.show()
    try:
        yield window
    finally:
        window.allow_close()
        window.close()


def sign_in_with_code(window: MainWindow, qtbot: QtBot) -> None:
    """Sign the identified member in on screen with a one-time code (the fake platform's, as its
    phone shows it): from the sign-in screen if an instruction asked for it (its form opens), else
    through the menu's "Sign in" and back to the menu."""
    from devtools.fake_member import FakeMemberPlatform
    from kiosk.core.state import SignInPhase

    member = window.services.member
    assert isinstance(member, FakeMemberPlatform)
    from_menu = window.session.state.screen is not Screen.SIGN_IN
    if from_menu:
        assert window.session.state.screen is Screen.MENU
        window.menu.account_button.click()
    page = window.page(Screen.SIGN_IN)
    assert window.stack.currentWidget() is page
    page.code_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.session.state.signing_in is not None
                    and window.session.state.signing_in.phase is SignInPhase.CODE, timeout=10_000)
    page.pad.press(member.code)  # type: ignore[attr-defined]
    page.check_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.session.state.signed_in, timeout=10_000)
    if from_menu:
        assert window.session.state.screen is Screen.ACCOUNT
        window.page(Screen.ACCOUNT).back_button.click()
        assert window.session.state.screen is Screen.MENU


def line_edit_texts(root: QWidget) -> list[str]:
    return [e.text() for e in root.findChildren(QLineEdit)]


def visible_texts(root: QWidget) -> list[str]:
    """Every text a member could see right now: labels, buttons and fields that are shown."""
    out: list[str] = []
    for w in root.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QPushButton | QLineEdit):
            out.append(w.text())
    return out


def type_hkid_and_continue(window: MainWindow, text: str = TYPED_HKID) -> None:
    window.identify.keypad.press(text)
    window.identify.continue_button.click()


CP_ITEMS = ("mobile", "email", "address", "language")


def to_form(window: MainWindow, qtbot: QtBot, items: tuple[str, ...] = CP_ITEMS) -> None:
    """Identify, choose a change of particulars, sign in, tick `items` and go to the first one's step."""
    window.attract.start_button.click()
    type_hkid_and_continue(window)
    assert window.session.state.screen is Screen.MENU
    window.menu.buttons["CHANGE_PARTICULARS"].click()
    sign_in_with_code(window, qtbot)
    assert window.session.state.screen is Screen.FORM
    for item in items:
        window.form.editors["changes"].choice_buttons[item].click()
    if items:
        window.form.next_button.click()


def go_to_field(window: MainWindow, field: str) -> None:
    """Show the step that asks `field` (as Back or review's Change would)."""
    if field in window.form.editors:
        return
    s = window.session
    assert s.state.instruction_type is not None
    from kiosk.domain import get_type

    step = next(st for st in get_type(s.state.instruction_type).plan() if field in st.fields)
    s.goto_step(step.name)
    assert field in window.form.editors, f"{field}: its step is not asked"


def type_into(window: MainWindow, field: str, text: str) -> None:
    """Go to the field's step, touch the field, then press the on-screen keys, as a member does."""
    go_to_field(window, field)
    window.form.select_field(field)
    window.form.type_into(field, text)


def choose(window: MainWindow, field: str, value: str) -> None:
    """Go to the field's step and press the option."""
    go_to_field(window, field)
    window.form.editors[field].choice_buttons[value].click()


def finish_form(window: MainWindow) -> None:
    """Press Next until the form is done (review) or a step refuses (errors shown)."""
    for _ in range(40):  # bounded: no form has 40 steps
        if window.session.state.screen is not Screen.FORM:
            return
        window.form.next_button.click()
        if window.session.state.errors:
            return


def to_pil(image: QImage) -> Image.Image:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(buf.data().data()))).convert("RGB")


def translators_edit(ts: Path, key: str = "next", text: str = "Continue ›") -> None:
    """What a translator does in Linguist: change one entry's translation in a .ts file."""
    tree = ET.parse(ts)
    for msg in tree.getroot().iter("message"):
        if msg.findtext("source") == key:
            translation = msg.find("translation")
            assert translation is not None
            translation.text = text
    tree.write(ts, encoding="utf-8")
