"""Kiosk lockdown helpers: one kiosk process per data folder, no pointer on touch screens, and
the window activated even without a window manager (so fields get the keyboard focus).

The rest of the lockdown lives in the main window: frameless fullscreen, close and Alt+F4
refused, no context menus; leaving is only through staff or technician mode (quit_kiosk)."""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import IO, Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QGuiApplication, QInputDevice
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

ENV_HIDE_CURSOR = "EMPF_KIOSK_HIDE_CURSOR"  # "1" always hide, "0" never; unset: hide on a touch screen
ALREADY_RUNNING = ("本自助服務站程式已在執行中。", "The kiosk is already running on this terminal.")


@runtime_checkable
class LockedWindow(Protocol):
    """A window that refuses to close until told it may (ui/main_window.py's MainWindow)."""

    def allow_close(self) -> None: ...

    def close(self) -> bool: ...


class SingleInstance:
    """An exclusive lock on a file in the data folder, held for the process's life (the kernel
    releases it if the process dies, so a crash never leaves the kiosk unable to start)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+b")  # noqa: SIM115 - kept open on purpose: the lock lives with it
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            f.close()
            return False
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()).encode())
        f.flush()
        self._file = f
        return True

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def has_touch_screen() -> bool:
    return any(d.type() == QInputDevice.DeviceType.TouchScreen for d in QInputDevice.devices())


def hide_cursor(force: bool | None = None) -> bool:
    """Blank the pointer on touch builds (EMPF_KIOSK_HIDE_CURSOR, else when a touch screen is
    attached); returns whether it is hidden."""
    setting = os.environ.get(ENV_HIDE_CURSOR, "")
    hide = force if force is not None else (setting == "1" or (setting != "0" and has_touch_screen()))
    if hide and QGuiApplication.overrideCursor() is None:
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    return hide


def activate(window: QWidget) -> None:
    """Raise and activate: a bare X session has no window manager to give the window the focus."""
    window.raise_()
    window.activateWindow()


# The exit code that asks the service manager to start the kiosk again (the unit's
# RestartForceExitStatus=): an update was installed, or a technician pressed Restart. Exit code 0
# (Close the kiosk) leaves the service stopped; the unit restarts on failures only.
EXIT_RESTART = 75


def quit_kiosk(code: int = 0) -> None:
    """The explicit way out (SIGTERM, a technician's command, tests).

    QApplication.quit() is not enough: in Qt 6 it first asks every window to close, and the kiosk
    window refuses (that is the lockdown). This lets the windows close, then ends the event loop;
    closing stops the card reader and waits for an enqueue in progress."""
    app = QApplication.instance()
    if app is None:
        return
    # Closing the last window would also make Qt quit on its own, with exit code 0, from an event
    # that can be handled after the exit below: the service would read a SIGTERM (143) or a
    # restart request (75) as a clean stop. Only this exit ends the kiosk.
    if isinstance(app, QGuiApplication):
        app.setQuitOnLastWindowClosed(False)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, LockedWindow):
            w.allow_close()
            w.close()
    app.exit(code)
