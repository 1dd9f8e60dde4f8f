"""run_kiosk: the event loop runs, fullscreen and frameless unless windowed, and quits cleanly."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ui.app import quit_kiosk, run_kiosk
from ui.fakes import FakeServices
from ui.main_window import MainWindow


def _kiosk_window(app: QApplication) -> MainWindow | None:
    return next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


def test_run_kiosk_fullscreen_then_quit(qapp: QApplication, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    seen: dict[str, object] = {}

    def inspect_then_quit() -> None:
        w = _kiosk_window(qapp)
        seen["window"] = w is not None
        if w is not None:
            seen["frameless"] = bool(w.windowFlags() & Qt.WindowType.FramelessWindowHint)
            seen["fullscreen"] = w.isFullScreen()
            seen["reader"] = services.cards.events is w.bridge
        qapp.quit()  # refused: Qt 6 asks the windows first, and the kiosk window says no
        QTimer.singleShot(200, check_still_up_then_quit)

    def check_still_up_then_quit() -> None:
        seen["survived quit()"] = _kiosk_window(qapp) is not None
        quit_kiosk(0)  # the explicit path

    QTimer.singleShot(300, inspect_then_quit)
    assert run_kiosk(services) == 0
    assert seen == {"window": True, "frameless": True, "fullscreen": True, "reader": True,
                    "survived quit()": True}
    assert services.cards.events is None  # the reader was stopped on the way out


def test_run_kiosk_windowed_quits_on_sigterm(qapp: QApplication, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    seen: dict[str, bool] = {}

    def inspect_then_quit() -> None:
        w = _kiosk_window(qapp)
        seen["frameless"] = w is not None and bool(w.windowFlags() & Qt.WindowType.FramelessWindowHint)
        os.kill(os.getpid(), signal.SIGTERM)  # systemd stopping the kiosk

    QTimer.singleShot(300, inspect_then_quit)
    assert run_kiosk(services, windowed=True) == 128 + signal.SIGTERM
    assert seen == {"frameless": False}
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers put back
