"""The worker that runs the kiosk's blocking calls off the GUI thread: results come back on the GUI
thread, errors too, and nothing a call held outlives it, even on a busy machine.

A worker on a QThreadPool with a QRunnable and a relay QObject per call fails the last two. A call
submitted from another call's callback (the employer's list, then the employer's data) while three
other processes keep the CPUs busy leaves its QRunnable wrapper alive with the call and callbacks it
holds: 300 rounds left 63, each keeping what its call captured (a member's sign-in, in the kiosk).
And a callback's objects go with the relay, whose last reference can go on a pool thread: a widget
held there would be destroyed off the GUI thread, which Qt forbids.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from ui.bridge import Worker

ROUNDS = 150


class Held:
    """Stands for what a call captures: a sign-in, an effect."""


@contextmanager
def busy_cpus(processes: int = 3, seconds: float = 60.0) -> Iterator[None]:
    """Other processes spinning on every core, as the whole suite or a busy kiosk does; bounded."""
    spin = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass\n"
    hogs = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(processes)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait(timeout=10)


def test_results_and_errors_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    worker = Worker()
    gui = threading.get_ident()
    seen: list[tuple[str, object, int]] = []
    worker.submit(lambda: threading.get_ident(), lambda r: seen.append(("done", r, threading.get_ident())),
                  lambda e: seen.append(("error", e, threading.get_ident())))
    worker.submit(lambda: 1 / 0, lambda r: seen.append(("done", r, threading.get_ident())),
                  lambda e: seen.append(("error", type(e).__name__, threading.get_ident())))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    done = next(s for s in seen if s[0] == "done")
    error = next(s for s in seen if s[0] == "error")
    assert done[1] != gui and done[2] == gui  # ran elsewhere, answered here
    assert error[1:] == ("ZeroDivisionError", gui)
    assert worker.wait(1000) and not worker.busy


def test_wait_reports_a_call_still_running(qtbot: QtBot) -> None:
    worker = Worker()
    release = threading.Event()
    worker.submit(lambda: release.wait(5), lambda r: None, lambda e: None)
    assert worker.busy
    assert worker.wait(50) is False
    release.set()
    assert worker.wait(5000) is True
    qtbot.waitUntil(lambda: not worker.busy, timeout=5000)


def test_chained_calls_leave_nothing_behind_on_a_busy_machine(qtbot: QtBot) -> None:
    worker = Worker()
    held: list[weakref.ref[Held]] = []
    answers: list[int] = []

    def round_trip() -> None:
        first, second = Held(), Held()
        held.extend((weakref.ref(first), weakref.ref(second)))
        worker.submit(lambda: first and 1,
                      lambda _r: worker.submit(lambda: second and 2, answers.append, lambda e: None),
                      lambda e: None)

    with busy_cpus():
        for n in range(1, ROUNDS + 1):
            round_trip()
            deadline = time.monotonic() + 5
            while len(answers) < n and time.monotonic() < deadline:
                QCoreApplication.processEvents()
                time.sleep(0.0005)
    assert len(answers) == ROUNDS
    assert worker.wait(5000)
    QCoreApplication.processEvents()
    gc.collect()
    alive = sum(ref() is not None for ref in held)
    assert alive == 0, f"{alive} of {len(held)} captured objects outlived their calls"
    assert not worker.busy


class Witness:
    """Records the thread its last reference went on (a widget's wrapper would be destroyed there)."""

    def __init__(self, threads: list[int]) -> None:
        self.threads = threads

    def __del__(self) -> None:
        self.threads.append(threading.get_ident())


def test_callbacks_let_go_on_the_gui_thread(qtbot: QtBot) -> None:
    """What a callback holds (a widget, in the kiosk) goes on the GUI thread, never on a pool's:
    Qt objects may only be destroyed on the thread they live on."""
    worker = Worker()
    gui = threading.get_ident()
    threads: list[int] = []
    answers: list[object] = []

    def submit_one() -> None:
        witness = Witness(threads)  # held by the callback alone
        worker.submit(lambda: 1, lambda r, held=witness: answers.append(r), lambda e, held=witness: None)

    with busy_cpus():
        for _ in range(ROUNDS):
            submit_one()
        qtbot.waitUntil(lambda: len(answers) == ROUNDS, timeout=20_000)
    assert worker.wait(5000)
    gc.collect()
    assert len(threads) == ROUNDS and set(threads) == {gui}
