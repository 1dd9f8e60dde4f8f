"""Start-up: the attract screen first, everything else after the first paint (docs/ui.md, "Start-up").

- The modules the attract screen does not need stay out of the start-up import path (module counts
  in a fresh interpreter, not timings).
- A tap on Start before warm-up has built the identify page still works: the page is built on demand.
- A confirm before the services' storage has opened waits for it: the instruction is on disk.
- Storage that cannot open gives the member a bilingual "cannot save", not a crash or a lost answer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader, FakeClock, FakeServices
from devtools.form_driver import walk_form
from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.core.state import Screen
from kiosk.domain import FormContext, Identity, IdentitySource, build
from kiosk.domain.examples import example
from kiosk.services import KioskServices, OpenFailed
from tests.support.member import sign_in_by_code
from ui.app import after_first_paint, ensure_app
from ui.main_window import MainWindow
from ui.start_up import WARM_ORDER

ROOT = Path(__file__).resolve().parents[2]

# Top-level packages (and Qt modules) the attract screen must not wait for: HTTP, SQLite helpers,
# crypto, image/QR libraries, numpy (camera frames), card and serial drivers, the simulator, and
# Qt's multimedia/QML/text-to-speech modules.
HEAVY = {"requests", "urllib3", "sqlite_utils", "cryptography", "numpy", "zxingcpp", "qrcode", "PIL",
         "smartcard", "serial", "platform_sim", "starlette", "uvicorn", "offline_cache", "drivers"}
HEAVY_QT = {"PySide6.QtMultimedia", "PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtQuickWidgets",
            "PySide6.QtTextToSpeech", "PySide6.QtNetwork"}
HEAVY_KIOSK = ("kiosk.staff", "kiosk.update", "kiosk.qr", "kiosk.doctor", "kiosk.iamsmart", "ui.staff",
               "ui.camera", "ui.qr_controller", "ui.qr", "kiosk.domain.instructions", "ui.screens.form",
               "kiosk.domain.model", "kiosk.domain.fields", "kiosk.domain.mrz", "kiosk.simplified_table",
               "ui.form_widgets", "hashlib",
               "ui.screens.identify", "ui.screens.review")

PROBE = r"""
import json, os, sys, tempfile
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import ui.app, ui.main_window, kiosk.app
imported = set(sys.modules)
from kiosk.config import KioskConfig
from devtools.fakes import FakeCardReader
app = ui.app.ensure_app()
services = kiosk.app.build_services(KioskConfig(data_dir=Path(sys.argv[1]), platform_url="http://127.0.0.1:9"),
                                   cards=FakeCardReader(), open_now=False)
window = ui.main_window.MainWindow(services)
window.resize(1280, 720)
from PySide6 import QtWidgets
from PySide6.QtCore import QObject
class Everything(QObject):  # with sys.argv[2]: what an application-wide filter does (the probe can fail)
    def eventFilter(self, watched, event):
        return False
everything = Everything()
if len(sys.argv) > 2:
    app.installEventFilter(everything)
window.show()
lazy = {}
def painted():
    # PySide loads its Qt classes lazily; a Python filter on the whole application that sees an
    # object of a class it does not know (the virtual keyboard's) makes it load them all (~20 ms).
    lazy["at_first_paint"] = "QWizard" not in vars(QtWidgets)
ui.app.after_first_paint(window, painted)
for _ in range(200):
    app.processEvents()
    if lazy:
        break
shown = set(sys.modules)
pages = sorted(p.value for p in window.screens)
import linecache
read = sorted(k for k in linecache.cache if "/ui/" in k or "/kiosk/" in k)  # sources PySide read (ui/compat)
print(json.dumps({"imported": sorted(imported), "shown": sorted(shown), "pages": pages,
                  "open": services.is_open(), "lazy": lazy, "sources_read": read,
                  "scan_replaced": ui.compat.skip_feature_source_scan()}))
window.allow_close()
window.close()
services.close()
"""


# `kiosk run` itself, up to its READY=1 (sent on the first turn after the first paint).
RUN_PROBE = r"""
import json, os, sys
import kiosk.sd_notify

def ready(state="READY=1"):
    print(json.dumps(sorted(sys.modules)), flush=True)
    os._exit(0)

kiosk.sd_notify.notify = ready
from kiosk.cli import main
sys.exit(main())
"""


def _heavy(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY_QT or m.startswith(HEAVY_KIOSK))


def test_the_attract_screen_needs_none_of_the_heavy_modules(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    # Importing the composition root and the window: none of them.
    assert _heavy(seen["imported"]) == []
    # Building and showing the attract screen: still none, one page built, storage not opened yet.
    assert _heavy(seen["shown"]) == []
    assert seen["pages"] == ["attract"]
    assert seen["open"] is False
    # Nothing watches every event of the application before the first paint (ui/app._FirstPaint):
    # PySide's Qt classes are still unloaded then; the same probe loads them with such a filter.
    assert seen["lazy"] == {"at_first_paint": True}
    # PySide's __feature__ hook did not read the kiosk's modules' source files (ui/compat.py), and
    # this PySide still has the check that the work-around replaces.
    assert seen["sources_read"] == [] and seen["scan_replaced"] is True
    watched = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "watched"), "filter"], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=120, check=False)
    assert watched.returncode == 0, watched.stderr[-3000:]
    assert json.loads(watched.stdout.strip().splitlines()[-1])["lazy"] == {"at_first_paint": False}
    # The probe can fail: the same interpreter after a start() has them (else the list above is empty
    # for a reason other than laziness).
    full = subprocess.run([sys.executable, "-c", "import os, sys, tempfile\n"
                           "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
                           "from pathlib import Path\n"
                           "from kiosk.app import build_services\nfrom kiosk.config import KioskConfig\n"
                           "from ui.app import build_main_window\nfrom devtools.fakes import FakeCardReader\n"
                           "s = build_services(KioskConfig(data_dir=Path(sys.argv[1]), "
                           "platform_url='http://127.0.0.1:9'), cards=FakeCardReader())\n"
                           "w = build_main_window(s)\nprint(' '.join(sorted(sys.modules)))\n"
                           "w.allow_close(); w.close(); s.close()\n", str(tmp_path / "full")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert full.returncode == 0, full.stderr[-3000:]
    loaded = _heavy(full.stdout.split())
    for expected in ("sqlite_utils", "requests", "cryptography", "numpy", "kiosk.staff", "ui.qr_controller",
                     "kiosk.domain.instructions", "ui.screens.form", "kiosk.domain.model", "ui.form_widgets"):
        assert any(m == expected or m.startswith(expected + ".") for m in loaded), expected


@pytest.fixture
def fresh_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    ensure_app()
    window = MainWindow(FakeServices(data_dir=tmp_path), monotonic=FakeClock())
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    yield window
    window.allow_close()
    window.close()


def _screen(w: MainWindow) -> Screen:
    return w.session.state.screen


def test_a_tap_before_warm_up_reaches_the_identify_page(qtbot: QtBot, fresh_window: MainWindow) -> None:
    w = fresh_window
    painted: list[bool] = []
    after_first_paint(w, lambda: painted.append(True))
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    assert list(w.screens) == [Screen.ATTRACT]  # nothing else built before the first paint
    w.warm_up()
    assert w.warming()
    QTest.mouseClick(w.attract.start_button, Qt.MouseButton.LeftButton)  # a real press and release
    # Handled at once, ahead of warm-up: the identify page was built for it and is on screen.
    assert _screen(w) is Screen.IDENTIFY
    assert w.stack.currentWidget() is w.screens[Screen.IDENTIFY]
    assert Screen.MENU not in w.screens
    assert w.identify.isVisible()
    w.identify.keypad.press("A123456(3)")
    w.identify.continue_button.click()
    assert _screen(w) is Screen.MENU
    qtbot.waitUntil(lambda: not w.warming(), timeout=10_000)
    assert set(WARM_ORDER) <= set(w.screens)  # warm-up finished the rest, each page once
    # Every member page, none left to build while a member waits (staff mode adds STAFF_CONFIRM).
    assert set(Screen) - {Screen.STAFF_CONFIRM} <= set(w.screens)
    assert w.stack.count() == len(w.screens)
    assert w.clock.isActive()
    assert getattr(w.services.cards, "events", None) is w.bridge  # FakeCardReader records its listener


def _services(data_dir: Path) -> KioskServices:
    return build_services(KioskConfig(data_dir=data_dir, platform_url="http://127.0.0.1:9", idle_timeout_s=600),
                          cards=FakeCardReader(), open_now=False)


def _to_review(qtbot: QtBot, w: MainWindow) -> None:
    today = dt.date(2026, 11, 26)
    w.session.now = lambda: dt.datetime(2026, 11, 26, 10, 0)
    w.attract.start_button.click()
    w.identify.keypad.press("A123456(3)")
    w.identify.continue_button.click()
    w.session.choose("CHANGE_PARTICULARS")
    sign_in_by_code(w.session)  # the core's events: no platform here
    assert walk_form(w.form, example("CHANGE_PARTICULARS", today)), w.session.state.errors
    assert w.session.state.screen is Screen.REVIEW


def test_a_confirm_before_the_storage_opened_is_saved(qtbot: QtBot, tmp_path: Path) -> None:
    services = _services(tmp_path / "kiosk")
    ensure_app()
    w = MainWindow(services, monotonic=FakeClock())
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    try:
        assert not services.is_open()  # nobody has asked for the storage yet
        _to_review(qtbot, w)
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()  # the worker's enqueue opens the storage, then writes
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=30_000)
        receipt = w.session.state.receipt
        assert receipt is not None
        assert services.is_open()
        assert services.outbox.states([receipt.kiosk_ref]) == {receipt.kiosk_ref: "queued"}
    finally:
        w.allow_close()
        w.close()
        services.close()
    # On disk, not only in memory: a new process's view of the folder has it.
    again = _services(tmp_path / "kiosk")
    try:
        assert again.outbox.counts().by_state.get("queued") == 1
    finally:
        again.close()


def test_enqueues_during_a_background_opening_wait_and_all_land(tmp_path: Path) -> None:
    services = _services(tmp_path / "kiosk")
    member = Identity(hkid="A123456(3)", source=IdentitySource.TYPED)
    ctx = FormContext(now=dt.datetime(2026, 11, 26, 10, 0), member=member)
    instruction = build("CHANGE_PARTICULARS", member, example("CHANGE_PARTICULARS", dt.date(2026, 11, 26)), ctx)
    refs: list[str] = []
    errors: list[BaseException] = []

    def confirm() -> None:
        try:
            refs.append(services.enqueue(instruction).kiosk_ref)
        except BaseException as e:  # reported below
            errors.append(e)

    services.open_in_background()
    threads = [threading.Thread(target=confirm) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert errors == []
        assert len(set(refs)) == 3
        assert services.outbox.counts().by_state.get("queued") == 3
    finally:
        services.close()


def test_storage_that_cannot_open_refuses_the_confirm_in_both_languages(qtbot: QtBot, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    services = _services(blocked)
    ensure_app()
    w = MainWindow(services, monotonic=FakeClock())
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    try:
        w.warm_up()  # the background opening fails; warm-up carries on without staff mode and QR
        qtbot.waitUntil(lambda: not w.warming(), timeout=30_000)
        assert isinstance(services.open_failed(), OSError)
        assert w.staff_panel is None or not services.is_open()
        _to_review(qtbot, w)
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: not w.session.state.saving, timeout=30_000)
        assert w.session.state.screen is Screen.REVIEW  # the answers are still there to show staff
        assert w.session.state.notice == (OpenFailed.message_zh, OpenFailed.message_en)
    finally:
        w.allow_close()
        w.close()
        services.close()


def test_kiosk_run_reaches_ready_without_the_heavy_modules(tmp_path: Path) -> None:
    """The whole start: the command line, the configuration and the log file too (the session-2
    probe above built the services directly, and so missed the command line importing the staff
    desk, the updater, requests and sqlite-utils)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", RUN_PROBE, "run", "--windowed", "--data-dir", str(tmp_path),
                          "--platform-url", "http://127.0.0.1:9"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    modules = json.loads(out.stdout.strip().splitlines()[-1])
    assert "ui.main_window" in modules  # it did get as far as the window
    assert _heavy(modules) == []
    slow = {"logging.handlers", "importlib.metadata", "kiosk.staff_cli", "kiosk.doctor", "socket"}
    assert sorted(slow & set(modules)) == []
