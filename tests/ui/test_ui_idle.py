"""Idle warning and wipe: nothing a member typed may survive into the next session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeClock, FakeServices
from kiosk.config import KioskConfig
from kiosk.core.state import Screen
from tests.support.ui import line_edit_texts, open_window, to_form, type_into


def _services(tmp_path: Path, idle_timeout_s: float = 120.0, idle_warning_s: float = 30.0,
              receipt_timeout_s: float = 60.0) -> FakeServices:
    config = KioskConfig(data_dir=tmp_path, idle_timeout_s=idle_timeout_s, idle_warning_s=idle_warning_s,
                         receipt_timeout_s=receipt_timeout_s)
    return FakeServices(data_dir=tmp_path, config=config)


def test_idle_warning_then_wipe_clears_every_widget(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    with open_window(qtbot, _services(tmp_path), clock) as w:
        to_form(w, qtbot)
        type_into(w, "mobile", "91234567")
        type_into(w, "email", "chan@example.com")
        type_into(w, "address", "FLAT C")
        QGuiApplication.clipboard().setText("91234567")
        assert any(line_edit_texts(w))

        clock.advance(100)  # 20 s left: inside the 30 s warning
        w.tick()
        assert not w.overlay.isHidden()
        assert w.overlay.seconds.text() == "20"
        assert w.overlay.title.text() == "仍在使用嗎？"
        clock.advance(5)
        w.tick()
        assert w.overlay.seconds.text() == "15"

        w.overlay.more_time.click()  # "I need more time"
        assert w.overlay.isHidden()
        assert w.session.state.screen is Screen.FORM
        assert w.form.rows["address"].edit is not None
        assert w.form.rows["address"].edit.text() == "FLAT C"  # nothing lost by asking for time
        assert w.session.state.form_raw["mobile"] == "91234567"

        clock.advance(121)
        w.tick()
        assert w.session.state.screen is Screen.ATTRACT
        assert w.stack.currentWidget() is w.attract
        assert w.overlay.isHidden()
        assert line_edit_texts(w) and all(t == "" for t in line_edit_texts(w))
        assert w.form.rows == {}  # the form's widgets were destroyed, not just emptied
        assert QGuiApplication.clipboard().text() == ""
        assert w.session.state.form_raw == {} and w.session.state.identity is None
        assert w.session.state.lang == "zh_HK"


def test_wipe_on_identify_clears_the_typed_hkid(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    with open_window(qtbot, _services(tmp_path), clock) as w:
        w.attract.start_button.click()
        w.identify.keypad.press("A1234")
        clock.advance(121)
        w.tick()
        assert w.session.state.screen is Screen.ATTRACT
        assert w.identify.entry.text() == ""
        assert not w.identify.entry.isUndoAvailable()  # Ctrl+Z cannot bring it back


def test_idle_wipe_with_the_real_timer(qtbot: QtBot, tmp_path: Path) -> None:
    """The QTimer really drives Session.tick(): tiny timeouts, real clock."""
    import time

    services = _services(tmp_path, idle_timeout_s=1.5, idle_warning_s=1.0)
    with open_window(qtbot, services, clock=time.monotonic, run_clock=True) as w:  # type: ignore[arg-type]
        to_form(w, qtbot)
        type_into(w, "mobile", "9123")
        qtbot.waitUntil(lambda: not w.overlay.isHidden(), timeout=3000)
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.ATTRACT, timeout=4000)
        assert all(t == "" for t in line_edit_texts(w))


def test_receipt_wipes_itself_after_its_timeout(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    with open_window(qtbot, _services(tmp_path, receipt_timeout_s=20.0), clock) as w:
        to_form(w, qtbot, items=("mobile",))
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
        ref = w.receipt.reference.text()
        assert ref
        assert w.receipt.closing.text() == "此畫面將於 20 秒後關閉"
        clock.advance(12)
        w.tick()
        assert w.receipt.closing.text() == "此畫面將於 8 秒後關閉"
        clock.advance(9)
        w.tick()
        assert w.session.state.screen is Screen.ATTRACT
        assert w.receipt.reference.text() == "" and w.receipt.qr.pixmap().isNull()


def test_any_touch_counts_as_activity(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    with open_window(qtbot, _services(tmp_path), clock) as w:
        to_form(w, qtbot)
        clock.advance(100)
        w.tick()
        assert not w.overlay.isHidden()
        # A real tap anywhere (here: beside the overlay's panel, not on its button) says "I am here".
        qtbot.mouseClick(w.overlay, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        qtbot.waitUntil(lambda: w.overlay.isHidden(), timeout=1000)
        assert w.session.state.screen is Screen.FORM
