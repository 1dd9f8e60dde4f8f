"""Entry points the composition root (kiosk/app.py) calls.

`quit_kiosk` (ui/lockdown.py) is here too: the way out the signal handlers take."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui import lockdown, theme
from ui.chinese_input import enable_virtual_keyboard
from ui.compat import protect_none_refcount
from ui.lockdown import quit_kiosk
from ui.main_window import MainWindow

__all__ = ["after_first_paint", "build_main_window", "ensure_app", "quit_kiosk", "run_kiosk", "show_kiosk"]
from ui.services import KioskServicesLike

log = logging.getLogger(__name__)


def ensure_app() -> QApplication:
    """The QApplication, created once with the kiosk's font and style sheet."""
    protect_none_refcount()
    enable_virtual_keyboard()  # before the QApplication: Chinese entry (ui/chinese_input.py)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    if not app.property("empf_themed"):
        if not theme.font_family():
            log.warning("no Noto Sans CJK font: Chinese text may show as boxes (install fonts-noto-cjk)")
        app.setFont(theme.app_font())
        app.setPalette(theme.apply_palette(app.palette()))
        app.setStyleSheet(theme.stylesheet())
        app.setProperty("empf_themed", True)
        from ui import i18n

        i18n.install()  # Qt Linguist translations over the built-in table (ui/i18n)
    return app


def build_main_window(services: KioskServicesLike) -> MainWindow:
    """A started main window (every page built, clock running, card reader watched), not yet shown."""
    ensure_app()
    window = MainWindow(services)
    window.start()
    return window


class _FirstPaint(QObject):
    """Calls `then` on the first event-loop turn after `window` (or a widget in it) has painted.

    It watches the window and the widgets in it, not the whole application: an application-wide
    Python filter makes PySide wrap every object that gets an event, and an object of a class it
    has not seen (the virtual keyboard's input context) makes it create every lazily loaded class
    of QtCore, QtGui and QtWidgets first: about 20 ms before the first paint."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        self._watched = [window, *window.findChildren(QWidget)]
        for w in self._watched:
            w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        then = self._then
        if then is not None and event.type() == QEvent.Type.Paint:
            self._then = None
            for w in self._watched:
                if shiboken6.isValid(w):  # a page may have replaced some of its widgets since
                    w.removeEventFilter(self)
            self._watched = []
            QTimer.singleShot(0, then)  # after this paint (and its flush to the screen) has finished
        return False


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Run `then` once the window has been painted for the first time and the loop is idle again."""
    _FirstPaint(window, then)


def show_kiosk(services: KioskServicesLike, *, windowed: bool = False, size: tuple[int, int] | None = None,
               on_ready: Callable[[], None] | None = None) -> MainWindow:
    """Show the attract screen as soon as it can be painted; everything else (the other pages, the
    services' storage, staff mode, QR sources, card reader) starts in idle time right after the first
    paint (MainWindow.warm_up), after `on_ready` (the composition root's: systemd's READY=1).
    Needs the QApplication (ensure_app)."""
    app = ensure_app()
    window = MainWindow(services)
    if windowed:
        window.resize(*(size or (1920 // 2, 1080 // 2)))
        window.show()
    else:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        # Without a window manager (a kiosk's bare X session) fullscreen is only a hint: cover the
        # screen ourselves as well.
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()
        lockdown.hide_cursor()

    def ready() -> None:
        if on_ready is not None:
            on_ready()
        window.warm_up()

    after_first_paint(window, ready)
    return window


def _install_signal_handlers() -> dict[int, object]:
    """SIGTERM (systemd stopping the kiosk) and Ctrl+C quit through quit_kiosk, unless the
    composition root installed handlers of its own. Returns what to restore afterwards."""
    replaced: dict[int, object] = {}
    if threading.current_thread() is not threading.main_thread():
        return replaced

    def handler(signum: int, frame: FrameType | None) -> None:
        # Runs between Python bytecodes; hand over to the event loop rather than closing windows here.
        QTimer.singleShot(0, lambda: quit_kiosk(128 + signum))

    for sig, default in ((signal.SIGTERM, signal.SIG_DFL), (signal.SIGINT, signal.default_int_handler)):
        if signal.getsignal(sig) is default:
            replaced[sig] = signal.signal(sig, handler)
    return replaced


def _status_line(window: MainWindow, services: KioskServicesLike) -> str:
    """systemd's STATUS= for the kiosk: the screen shown, the queue, the platform link."""
    from kiosk.watchdog import status_line

    return status_line(window.session.state.screen.value, services.status())


def run_kiosk(services: KioskServicesLike, *, windowed: bool = False, size: tuple[int, int] | None = None,
              on_ready: Callable[[], None] | None = None) -> int:
    """Show the kiosk and run the event loop; returns the exit code (3: already running)."""
    app = ensure_app()
    instance = lockdown.SingleInstance(services.config.data_dir / "kiosk.lock")
    if not instance.acquire():
        log.error("another kiosk process holds %s", instance.path)
        print(" / ".join(lockdown.ALREADY_RUNNING), file=sys.stderr)
        return 3
    watching: list[Callable[[], None]] = []  # what stops the heartbeat and the freeze hook

    def ready() -> None:
        if on_ready is not None:
            on_ready()
        # systemd's watchdog, fed from this event loop (ui/watchdog.py): a frozen loop is restarted.
        # From READY=1 on, as systemd counts it; imported here, after the first paint.
        from ui import watchdog as loop_watchdog

        heartbeat = loop_watchdog.start_heartbeat(lambda: _status_line(window, services), parent=window)
        if heartbeat is not None:
            watching.append(heartbeat.stop)
        watching.append(loop_watchdog.install_freeze_hook())

    window = show_kiosk(services, windowed=windowed, size=size, on_ready=ready)
    lockdown.activate(window)
    replaced = _install_signal_handlers()
    # Python runs signal handlers only when it gets control; the Qt loop is C++, so wake it up.
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    try:
        code = app.exec()
    finally:
        wake.stop()
        for stop in watching:
            stop()
        for sig, previous in replaced.items():
            signal.signal(sig, previous)  # type: ignore[arg-type]
    window.allow_close()
    window.close()  # a no-op if quit_kiosk closed it already
    instance.release()
    return int(code)
