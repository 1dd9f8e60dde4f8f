"""run_kiosk: the event loop runs, fullscreen and frameless unless windowed, and quits cleanly.

Each case runs in its own interpreter: after QApplication.exec() returns, Qt treats the application
as closing, which would break every later test sharing pytest-qt's QApplication."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, os, signal, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from ui.app import ensure_app, quit_kiosk, run_kiosk
from devtools.fakes import FakeServices
from ui.main_window import MainWindow

mode = sys.argv[1]
app = ensure_app()
services = FakeServices(data_dir=__import__("pathlib").Path(sys.argv[2]))
seen = {}

def window():
    return next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)

def inspect(tries=100):
    w = window()
    if w is not None and w.warming() and tries:
        QTimer.singleShot(50, lambda: inspect(tries - 1))  # the reader starts in idle time after the first paint
        return
    seen["window"] = w is not None
    seen["frameless"] = bool(w.windowFlags() & Qt.WindowType.FramelessWindowHint)
    seen["fullscreen"] = w.isFullScreen()
    seen["reader"] = services.cards.events is w.bridge
    if mode == "quit":
        app.quit()  # refused: Qt 6 asks the windows first, and the kiosk window says no
        QTimer.singleShot(200, explicit)
    else:
        os.kill(os.getpid(), signal.SIGTERM)  # systemd stopping the kiosk

def explicit():
    seen["survived quit()"] = window() is not None
    quit_kiosk(0)

QTimer.singleShot(300, inspect)
seen["code"] = run_kiosk(services, windowed=(mode == "sigterm"))
seen["reader stopped"] = services.cards.events is None
seen["sigterm restored"] = signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
print(json.dumps(seen))
"""


def _run(mode: str, tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_run_kiosk_fullscreen_refuses_quit_until_explicit(tmp_path: Path) -> None:
    assert _run("quit", tmp_path) == {
        "window": True, "frameless": True, "fullscreen": True, "reader": True,
        "survived quit()": True, "code": 0, "reader stopped": True, "sigterm restored": True}


def test_run_kiosk_windowed_quits_on_sigterm(tmp_path: Path) -> None:
    assert _run("sigterm", tmp_path) == {
        "window": True, "frameless": False, "fullscreen": False, "reader": True,
        "code": 128 + 15, "reader stopped": True, "sigterm restored": True}
