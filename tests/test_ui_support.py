"""Helpers shared by the UI tests (no tests here): opening a window on fake services, walking it."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import Screen
from ui.app import ensure_app
from ui.fakes import FakeClock, FakeServices
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


def to_form(window: MainWindow, qtbot: QtBot) -> None:
    window.attract.start_button.click()
    type_hkid_and_continue(window)
    assert window.session.state.screen is Screen.MENU
    window.menu.buttons["CHANGE_PARTICULARS"].click()
    assert window.session.state.screen is Screen.FORM


def type_into(window: MainWindow, field: str, text: str) -> None:
    """Touch the field, then press the on-screen keys, as a member does."""
    window.form.select_field(field)
    window.form.keyboard.press(text)


def to_pil(image: QImage) -> Image.Image:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(buf.data().data()))).convert("RGB")
