"""What every screenshot walk uses: the matrix's sizes, modes and languages, a kiosk window on
fake services with time held still, waiting for Qt to settle, and the Camera that takes (and,
with `check`, inspects: devtools/layout_check.py) each picture."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop

from devtools.fakes import FakeClock, FakeServices
from ui.app import ensure_app
from ui.main_window import MainWindow

WIDTH, HEIGHT = 1920, 1080
ORIENTATIONS: dict[str, tuple[int, int]] = {"landscape": (WIDTH, HEIGHT), "portrait": (HEIGHT, WIDTH)}
MODES: dict[str, tuple[bool, bool]] = {"normal": (False, False), "large": (True, False), "contrast": (False, True)}
LANGS = ("zh_HK", "en")  # zh_CN (derived from zh_HK by conversion) only when asked: --langs
TODAY = dt.datetime(2026, 11, 26, 10, 0)  # fixed, so the pictures do not change from day to day


def settle(ms: int = 30) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)


def settle_layout(rounds: int = 4) -> None:
    """Let layouts that depend on one another (a width, then the wrapped height it gives) finish:
    a picture taken half-way shows text cut that the member would never see."""
    from PySide6.QtCore import QEvent

    for _ in range(rounds):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        settle(15)


def wait_for(cond: Callable[[], bool], timeout_s: float = 5.0) -> None:
    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError("the UI did not get there")
        settle(10)


def take(window: MainWindow, out: Path, name: str, lang: str) -> Path:
    """One picture of the window as it is now: out/<name>-<lang>.png (other screenshot walks use it)."""
    settle()
    path = out / f"{name}-{lang}.png"
    pixmap = window.grab()
    if not pixmap.save(str(path), "PNG", 80):
        raise OSError(f"could not write {path}")
    return path


class Camera:
    """Takes the pictures for one orientation, mode and language, when the screen name is wanted;
    with `check`, also lists the layout problems of what it photographs (devtools/layout_check.py)."""

    def __init__(self, window: MainWindow, out: Path, wanted: Callable[[str], bool], *,
                 size: tuple[int, int] = (WIDTH, HEIGHT), check: bool = False, grab: bool = True) -> None:
        self.window = window
        self.out = out
        self.wanted = wanted
        self.size = size
        self.check = check
        self.grab = grab
        self.lang = "zh_HK"
        self.shots: list[Path] = []
        self.problems: list[str] = []

    def __call__(self, name: str) -> None:
        if not self.wanted(name):
            return
        settle_layout()
        where = f"{self.out.name}/{name}-{self.lang}"
        if (self.window.width(), self.window.height()) != self.size:
            # The layout asked for more than the screen: something is cut off.
            self.problems.append(f"{where}: window grew to {self.window.width()}x{self.window.height()}")
        if self.check:
            from devtools.layout_check import problems

            self.problems.extend(f"{where}: {p}" for p in problems(self.window))
        if self.grab:
            # PNG at low compression (quality 80): the matrix is large, the files are for looking at.
            self.shots.append(take(self.window, self.out, name, self.lang))


Walk = Callable[[MainWindow, FakeClock, Camera, str, tuple[bool, bool]], None]


def open_window(services: FakeServices, clock: FakeClock, size: tuple[int, int] = (WIDTH, HEIGHT)) -> MainWindow:
    """A shown, active kiosk window on `services` with time held still (the walks move it)."""
    from PySide6.QtTest import QTest

    ensure_app()
    window = MainWindow(services, monotonic=clock)
    window.session.now = lambda: TODAY
    window.start()
    window.clock.stop()  # the script moves time itself
    window.resize(*size)
    window.show()
    # No window manager under Xvfb: activate the window ourselves, or no field gets the keyboard
    # focus and the Chinese input method has nothing to type into.
    QTest.qWaitForWindowExposed(window, 5000)
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)
    settle(50)
    return window


def close_window(window: MainWindow) -> None:
    window.session.wipe()
    window.shutdown()
    window.allow_close()
    window.close()
    # Destroyed now, not when Python lets go of it: a closed window left alive kept receiving
    # events (its editors' layout requests, its timers) while the next walk's window opened, and
    # the full matrix crashed there twice (SIGSEGV in a field editor's event()).
    window.deleteLater()
    app = QCoreApplication.instance()
    if app is not None:
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        app.processEvents()
    cleanup = getattr(window.services, "screenshot_cleanup", None)
    if cleanup is not None:
        cleanup()  # what the walk's services started (the staff walk's platform simulator)


def start_member(window: MainWindow, lang: str, mode: tuple[bool, bool]) -> None:
    """A fresh member session in `lang` and `mode`. Session.start() forgets everything (as a wipe
    does) but keeps the language and accessibility choices, so the theme is not switched back
    and forth for every picture (a restyle of the whole kiosk takes a good part of a second)."""
    s = window.session
    if s.state.lang != lang:
        s.set_language(lang)
    if (s.state.large_text, s.state.high_contrast) != mode:
        s.set_accessibility(large_text=mode[0], high_contrast=mode[1])
    s.start()
