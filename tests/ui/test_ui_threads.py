"""The durable enqueue blocks for as long as the disk takes; the screen must stay alive meanwhile."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from kiosk.core.state import Screen
from tests.support.ui import open_window, to_form, type_into


def test_gui_thread_not_blocked_during_slow_enqueue(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path, enqueue_delay_s=1.0)
    with open_window(qtbot, services) as w:
        to_form(w, qtbot, items=("mobile",))
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()

        beats: list[float] = []
        heartbeat = QTimer()
        heartbeat.setInterval(50)
        heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
        heartbeat.start()

        started = time.monotonic()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        assert time.monotonic() - started < 0.3  # the click returned at once
        assert w.session.state.saving
        assert not w.review.confirm_button.isEnabled() and not w.review.back_button.isEnabled()
        assert w.review.confirm_button.text() == "正在儲存…"
        assert not w.review.saving.isHidden()

        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=4000)
        heartbeat.stop()
        elapsed = time.monotonic() - started
        assert elapsed >= 0.9
        # The event loop kept turning while the write was in progress.
        during = [b for b in beats if b - started < 0.95]
        assert len(during) >= 8, f"only {len(during)} timer ticks during a 1 s write"
        assert services.enqueue_threads and services.enqueue_threads[0] != threading.main_thread().name


def test_idle_never_wipes_while_saving(qtbot: QtBot, tmp_path: Path) -> None:
    from devtools.fakes import FakeClock

    clock = FakeClock()
    services = FakeServices(data_dir=tmp_path, enqueue_delay_s=0.5)
    with open_window(qtbot, services, clock) as w:
        to_form(w, qtbot, items=("mobile",))
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        clock.advance(500)
        w.tick()
        assert w.session.state.screen is Screen.REVIEW and w.overlay.isHidden()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
