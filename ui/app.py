"""Entry points the composition root (kiosk/app.py) calls."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui import theme
from ui.compat import protect_none_refcount
from ui.main_window import MainWindow
from ui.services import KioskServicesLike

log = logging.getLogger(__name__)


def ensure_app() -> QApplication:
    """The QApplication, created once with the kiosk's font and style sheet."""
    protect_none_refcount()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    if not app.property("empf_themed"):
        if not theme.font_family():
            log.warning("no Noto Sans CJK font: Chinese text may show as boxes (install fonts-noto-cjk)")
        app.setFont(theme.app_font())
        app.setPalette(theme.apply_palette(app.palette()))
        app.setStyleSheet(theme.stylesheet())
        app.setProperty("empf_themed", True)
    return app


def build_main_window(services: KioskServicesLike) -> MainWindow:
    """A started main window (clock running, card reader watched), not yet shown."""
    ensure_app()
    window = MainWindow(services)
    window.start()
    return window


def run_kiosk(services: KioskServicesLike, *, windowed: bool = False) -> int:
    """Show the kiosk and run the event loop; returns the exit code."""
    app = ensure_app()
    window = build_main_window(services)
    if windowed:
        window.resize(1920 // 2, 1080 // 2)
        window.show()
    else:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        window.showFullScreen()
    # Quitting the application is the explicit path (SIGTERM handler, technician menu): it closes
    # the window through allow_close so that the card reader stops and the last write finishes.
    app.aboutToQuit.connect(window.allow_close)
    app.aboutToQuit.connect(window.shutdown)
    code = app.exec()
    window.allow_close()
    window.close()
    return int(code)
