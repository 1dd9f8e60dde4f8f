"""Lockdown helpers: one kiosk per data folder (released on exit or crash), the pointer hidden on
touch builds, and run_kiosk refusing to start twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ui import lockdown

ROOT = Path(__file__).resolve().parents[2]


def test_single_instance_lock(tmp_path: Path) -> None:
    first = lockdown.SingleInstance(tmp_path / "kiosk.lock")
    second = lockdown.SingleInstance(tmp_path / "kiosk.lock")
    assert first.acquire()
    assert not second.acquire()
    # Another process is refused too, and gets it once the first lets go.
    probe = ("import sys; from pathlib import Path; from ui.lockdown import SingleInstance; "
             f"sys.exit(0 if SingleInstance(Path({str(tmp_path / 'kiosk.lock')!r})).acquire() else 7)")
    assert subprocess.run([sys.executable, "-c", probe], cwd=ROOT, timeout=60).returncode == 7
    first.release()
    assert subprocess.run([sys.executable, "-c", probe], cwd=ROOT, timeout=60).returncode == 0
    assert second.acquire()
    second.release()


def test_a_dead_kiosk_does_not_block_the_next(tmp_path: Path) -> None:
    hold = ("import os; from pathlib import Path; from ui.lockdown import SingleInstance; "
            f"assert SingleInstance(Path({str(tmp_path / 'kiosk.lock')!r})).acquire(); os._exit(9)")
    assert subprocess.run([sys.executable, "-c", hold], cwd=ROOT, timeout=60).returncode == 9
    assert lockdown.SingleInstance(tmp_path / "kiosk.lock").acquire()


def test_run_kiosk_refuses_a_second_instance(tmp_path: Path, qapp: QApplication) -> None:
    from devtools.fakes import FakeServices
    from kiosk.config import KioskConfig
    from ui.app import run_kiosk

    held = lockdown.SingleInstance(tmp_path / "kiosk.lock")
    assert held.acquire()
    try:
        services = FakeServices(data_dir=tmp_path, config=KioskConfig(data_dir=tmp_path))
        assert run_kiosk(services, windowed=True) == 3  # returns at once, nothing shown
    finally:
        held.release()


@pytest.mark.parametrize("force", [True, False])
def test_cursor_hidden_on_touch_builds(force: bool, qapp: QApplication) -> None:
    try:
        assert lockdown.hide_cursor(force) is force
        cursor = QGuiApplication.overrideCursor()
        assert (cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor) is force
    finally:
        while QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
