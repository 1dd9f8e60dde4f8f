"""Nothing of a member's session piles up in the UI (the memory side of issue 6).

After the first rounds of every instruction type, further member sessions through the real widgets
leave exactly as many live widgets, QObjects (by class) and objects of the kiosk's own Python
classes, functions and partials (by type) as before. Counts, not resident size or timings: those
are bench/startup.py's (docs/memory.md). Plus the measures that keep the resident size flat:
icons painted once, the pixmap cache and free heap handed back after a wipe, the forms drawn once
in warm-up without touching a member's form.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import os
import subprocess
import sys
import time
import types
import weakref
from collections import Counter
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QPixmap, QPixmapCache
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeClock, FakeServices
from devtools.form_driver import open_form, walk_form
from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS, Screen
from kiosk.domain import get_type
from kiosk.domain.examples import example
from tests.support.ui import open_window, type_hkid_and_continue
from ui import icons, memory
from ui.app import ensure_app
from ui.icons import state_icon
from ui.main_window import MainWindow
from ui.widgets import clear_layout

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 11, 26, 10, 0)
TYPES = (*MEMBER_FORMS, *EMPLOYER_FORMS)
SESSIONS = int(os.environ.get("EMPF_MEMORY_SESSIONS", "30"))  # more for a soak run
SETTLED = 10  # by then every type has been walked at least once
OURS = ("kiosk.", "ui.", "offline_cache.", "drivers.")


def settle() -> None:
    """What the running kiosk's event loop does between taps, deferred deletions included."""
    for _ in range(3):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def member_session(w: MainWindow, services: FakeServices, code: str) -> None:
    """Attract, a typed HKID, one instruction filled in through its widgets, confirm, receipt, done."""
    s = w.session
    w.attract.start_button.click()
    type_hkid_and_continue(w)
    open_form(w, code)  # the menu's button; registration through the identity choice and iAM Smart
    assert walk_form(w.form, example(code, NOW.date())), (code, s.state.errors)
    w.review.read_through()  # Confirm waits for the whole review
    w.review.confirm_button.click()
    deadline = time.monotonic() + 10
    while s.state.screen is not Screen.RECEIPT and time.monotonic() < deadline:  # the enqueue's thread
        QCoreApplication.processEvents()
        time.sleep(0.002)
    assert s.state.screen is Screen.RECEIPT, s.state.screen
    w.receipt.done_button.click()
    assert w.session.state.screen is Screen.ATTRACT
    services.enqueued.clear()  # the fake's records of what was queued, not the kiosk's
    services.enqueue_threads.clear()
    settle()


def _ours(module: object) -> bool:
    return isinstance(module, str) and module.startswith(OURS)


def census(w: MainWindow) -> Counter[str]:
    """Live widgets, the window's QObjects by class, and objects of our own code by type."""
    w.poll_status()  # the strip and the attract screen hold the same, latest status, not two ages of it
    w.worker.wait(5000)
    settle()
    gc.collect()
    counts: Counter[str] = Counter()
    counts["QApplication.allWidgets"] = len(QApplication.allWidgets())
    for child in w.findChildren(QObject):
        counts["QObject " + child.metaObject().className()] += 1
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType):  # lambdas and closures connected to signals
            if _ours(obj.__module__):
                counts["function " + obj.__module__ + "." + obj.__qualname__] += 1
        elif isinstance(obj, functools.partial):
            func = getattr(obj.func, "__qualname__", repr(obj.func))
            counts["partial " + func] += 1
        else:
            kind = type(obj)
            if _ours(kind.__module__):
                counts[kind.__module__ + "." + kind.__qualname__] += 1
    return counts


def run_census(data_dir: Path, sessions: int) -> dict[str, Any]:
    """`sessions` member sessions on one window; what grew between session SETTLED and the last."""
    ensure_app()
    services = FakeServices(data_dir=data_dir)
    w = MainWindow(services, monotonic=FakeClock())
    w.resize(1920, 1080)
    w.start()
    w.clock.stop()  # no idle wipe in the middle of a walk
    w.show()
    w.session.now = lambda: NOW
    try:
        before: Counter[str] = Counter()
        for i in range(sessions):
            member_session(w, services, TYPES[i % len(TYPES)])
            if i == SETTLED - 1:
                before = census(w)
        after: Counter[str] = Counter()
        grown: dict[str, tuple[int, int]] = {}
        for _ in range(5):  # bounded: a job's objects may take a moment to go with its pool thread
            after = census(w)
            grown = {k: (before[k], after[k]) for k in after if after[k] > before[k]}
            if not grown:
                break
            time.sleep(0.1)
    finally:
        w.allow_close()
        w.close()
    return {"grown": grown, "widgets": before["QApplication.allWidgets"],
            "forms": before["ui.screens.form.FormScreen"], "sessions": before["kiosk.core.session.Session"],
            "editors_left": sorted(k for k in after if k.startswith(EDITOR_MODULES) and k.endswith("Editor"))}


EDITOR_MODULES = ("ui.form_widgets.", "ui.field_editor.", "ui.rows_editor.")


def test_sessions_leave_no_widgets_or_objects_behind(tmp_path: Path) -> None:
    """In a process of its own: other tests' windows live on in this one and do work in the
    background (a confirm waiting for storage, a warm-up), which a census of the process sees."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "tests.ui.test_ui_memory", str(tmp_path), str(SESSIONS)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=600, check=False)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert out.returncode == 0 and lines, out.stderr[-3000:]
    result = json.loads(lines[-1])
    assert not result["grown"], f"grew between session {SETTLED} and {SESSIONS}: {result['grown']}"
    # The census sees what it should: the form's pads, the kiosk's screens and its Session.
    assert result["widgets"] > 100 and result["forms"] == 1 and result["sessions"] == 1, result
    assert result["editors_left"] == []  # no step's editor outlives the session


def test_icons_are_painted_once_and_reused() -> None:
    """A fresh pixmap per error or key press went into Qt's pixmap cache under a new key each
    time; the same size and colour now gives the same pixmap (and the same cache entry)."""
    QApplication.instance() or QApplication([])
    assert icons.warning(28).cacheKey() == icons.warning(28).cacheKey()
    assert icons.online(30, "#FFFFFF").cacheKey() == icons.online(30, "#FFFFFF").cacheKey()
    assert icons.online(30, "#FFFFFF").cacheKey() != icons.online(31, "#FFFFFF").cacheKey()
    assert state_icon("radio").cacheKey() == state_icon("radio").cacheKey()
    assert state_icon("radio").cacheKey() != state_icon("box").cacheKey()


def in_pixmap_cache(key: str) -> bool:
    return bool(QPixmapCache.find(key, QPixmap()))


def test_wipe_hands_back_the_pixmap_cache(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        w.session.now = lambda: NOW
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        pm = QPixmap(64, 64)
        assert QPixmapCache.insert("empf-test-rendering", pm)
        assert in_pixmap_cache("empf-test-rendering")
        w.session.wipe()  # the member leaves
        qtbot.waitUntil(lambda: not in_pixmap_cache("empf-test-rendering"), timeout=2000)
    assert memory.return_free_heap() is True  # glibc here: the trim really ran


def test_wipe_collects_the_sessions_cyclic_garbage(qtbot: QtBot, tmp_path: Path) -> None:
    """Objects in reference cycles are freed only by the collector; the wipe runs it (the automatic
    collector is off here, so only the wipe's collection can free the cycle)."""

    class Held:
        other: object = None

    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        w.session.now = lambda: NOW
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        held = Held()
        held.other = held  # a cycle, as a closure holding its own widget makes
        gone = weakref.ref(held)
        del held
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            assert gone() is not None  # the cycle keeps it
            w.session.wipe()  # the member leaves
            qtbot.waitUntil(lambda: gone() is None, timeout=2000)
        finally:
            if was_enabled:
                gc.enable()


def test_rehearsal_draws_every_step_and_leaves_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        form = w.form
        settle()
        widgets = len(QApplication.allWidgets())
        steps = [(code, step.name) for code in TYPES for step in get_type(code).plan()]
        assert all(form.rehearse(code, step, ("zh_HK", "en")) for code, step in steps)
        settle()
        assert form.editors == {} and form.title.text() == "" and form.form_title.text() == ""
        assert len(QApplication.allWidgets()) == widgets
        assert w.session.state.screen is Screen.ATTRACT and w.session.state.instruction_type is None


def test_rehearsal_never_touches_a_members_form(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        w.session.now = lambda: NOW
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        w.session.choose("VOLUNTARY_CONTRIBUTION")
        assert w.session.state.screen is Screen.FORM
        shown = dict(w.form.editors)
        title = w.form.title.text()
        assert shown and title
        assert w.form.rehearse("TERMINATION", get_type("TERMINATION").plan()[0].name, ("en",)) is False
        w.startup.rehearse("TERMINATION", get_type("TERMINATION").plan()[0].name)  # the warm-up's own guard
        assert w.form.editors == shown and w.form.title.text() == title
        assert w.session.state.instruction_type == "VOLUNTARY_CONTRIBUTION"


def test_clearing_a_layout_deletes_its_items(qtbot: QtBot) -> None:
    """takeAt() leaves the item (QWidgetItem, stretch, nested layout) to the caller: clear_layout
    deletes each one, and the widgets go as well, so nothing is left per step or review."""
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    grid = QGridLayout()
    column.addLayout(grid)
    for row in range(3):
        grid.addWidget(QLabel(f"name {row}"), row, 0)
        grid.addWidget(QLabel(f"value {row}"), row, 1)
    column.addWidget(QLabel("alone"))
    column.addStretch(1)
    items = [column.itemAt(i) for i in range(column.count())] + [grid.itemAt(i) for i in range(grid.count())]
    labels = host.findChildren(QLabel)
    assert len(items) == 9 and len(labels) == 7
    clear_layout(column)
    settle()
    assert column.count() == 0
    assert not any(shiboken6.isValid(item) for item in items)
    assert not any(shiboken6.isValid(lab) for lab in labels)


if __name__ == "__main__":  # the census child: python -m tests.ui.test_ui_memory DATA_DIR SESSIONS
    print(json.dumps(run_census(Path(sys.argv[1]), int(sys.argv[2]))), flush=True)
