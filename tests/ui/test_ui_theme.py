"""Readable and touchable: contrast, sizes, fonts, strings in both languages, kiosk lockdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from kiosk.core.state import Screen
from tests.support.ui import open_window, to_form, type_into
from ui import theme
from ui.strings import STRINGS, tr


@pytest.mark.parametrize(("what", "fg", "bg"), theme.TEXT_PAIRS)
def test_text_contrast_at_least_4_5(what: str, fg: str, bg: str) -> None:
    ratio = theme.contrast_ratio(getattr(theme.PALETTE, fg), getattr(theme.PALETTE, bg))
    assert ratio >= 4.5, f"{what}: {ratio:.2f}:1"


def test_contrast_formula() -> None:
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_sizes() -> None:
    assert theme.BASE_FONT_PX >= 20 and theme.SMALL_FONT_PX >= 20
    assert theme.BUTTON_MIN_HEIGHT >= 60 and theme.KEY_MIN_HEIGHT >= 60


def test_strings_have_both_languages() -> None:
    for key, (zh, en) in STRINGS.items():
        assert zh.strip() and en.strip(), key
    assert tr("step", "zh_HK", n=2, of=5) == "第 2 步，共 5 步"
    assert tr("step", "en", n=2, of=5) == "Step 2 of 5"


def test_cjk_font_is_used(qapp: QApplication) -> None:
    assert any(f.startswith("Noto Sans CJK") for f in QFontDatabase.families())
    assert theme.font_family() in theme.FONT_FAMILIES


def test_buttons_are_big_enough_on_every_screen(qtbot: QtBot, tmp_path: Path) -> None:
    def check() -> None:
        for b in w.findChildren(QPushButton):
            if b.isVisible():
                assert b.height() >= 60, f"{b.text()!r} is {b.height()} px high"

    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        check()
        to_form(w, qtbot, items=("mobile",))
        check()
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        check()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
        check()


def test_close_is_refused_unless_allowed(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        event = QCloseEvent()
        w.closeEvent(event)
        assert not event.isAccepted()
        assert not w.close()  # what Alt+F4 or a window manager's close button does
        assert w.isVisible()
        alt_f4 = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        assert w.eventFilter(w, alt_f4) is True  # swallowed
        assert w.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
        w.allow_close()
        assert w.close()
