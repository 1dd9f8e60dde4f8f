"""Start-up time and memory of the kiosk UI, beside a bare PySide6 window measured in the same run.

    .venv/bin/python bench/startup.py [--runs 5] [--sessions 1000]

1. Start-up: from process start (the parent's clock before it spawns the child) to the first
   interactive attract screen: shown, laid out, painted (the child reports on the first event-loop
   turn after the window's first paint event, so the paint has finished), and the loop idle, so a
   tap would be handled. Median of --runs, against a child that shows a bare 1920x1080 QWidget and
   reports the same way. Goal: startup_ratio <= 2. The kiosk child does what `kiosk run` does
   (real KioskServices in a temporary folder whose storage opens after the first paint, the sync
   worker asked to start, MainWindow.warm_up after the first paint), with a fake card reader.
   Both children read bytecode the warm-up start wrote (see _env).
2. Memory: resident set size of the kiosk at its attract screen, and after --sessions simulated
   member sessions (start, typed HKID, an instruction filled in step by step through the widgets,
   confirm, receipt, done; the nine instruction types in turn) against after the first session,
   in one process that first warmed up as `kiosk run` does and waited at attract.
   Goal: memory_growth <= 0.05. Also the growth after 100 sessions, the RSS warmed up before the
   first member and the peak RSS. What grows and what keeps it flat: docs/memory.md.

Runs offscreen unless a display is set. The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM = 100  # sessions after which Qt's caches (glyphs, style, the Chinese keyboard's QML) have filled


def rss_kb(field: str = "VmRSS") -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def peak_kb() -> int:
    """The highest resident size the process has had (during a session, not only between them)."""
    return rss_kb("VmHWM")


# ---------------------------------------------------------------- children


def _ready_after_first_paint(window: object, report: str) -> None:
    """Print READY on the first event-loop turn after `window` has painted for the first time: it is
    shown, laid out and painted (flushed to the screen), and the loop is idle, so a tap would be
    handled. (A zero timer alone fires before the first paint: Qt paints on a later turn.)

    The filter watches the window and its widgets, not the application: an application-wide Python
    filter would itself cost the kiosk ~20 ms (PySide wraps every object that gets an event, and
    the virtual keyboard's input context, a class it does not know, makes it load every lazily
    loaded Qt class first), a cost of the measuring, not of the kiosk."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    instance = QApplication.instance()
    assert instance is not None and isinstance(window, QWidget)
    app = instance
    watched = [window, *window.findChildren(QWidget)]

    def done() -> None:
        print(f"READY {rss_kb()} {report}", flush=True)
        app.exit(0)

    class FirstPaint(QObject):
        fired = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if not self.fired and event.type() == QEvent.Type.Paint:
                self.fired = True
                for w in watched:
                    w.removeEventFilter(self)
                QTimer.singleShot(0, done)
            return False

    watcher = FirstPaint(window)
    for w in watched:
        w.installEventFilter(watcher)


def child_bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    w = QWidget()
    w.resize(1920, 1080)
    w.show()
    _ready_after_first_paint(w, "bare")
    return app.exec()


def child_kiosk() -> int:
    """What `kiosk run` does (kiosk/cli.py cmd_run, ui/app.py show_kiosk), windowed at 1920x1080:
    services whose storage opens after the first paint, the sync worker asked to start, the attract
    screen shown, everything else warmed up after the first paint. A fake card reader (no pcscd)."""
    sys.path.insert(0, str(ROOT))
    from kiosk.app import KioskServices
    from kiosk.config import KioskConfig
    from ui.app import after_first_paint, ensure_app
    from ui.fakes import FakeCardReader
    from ui.main_window import MainWindow

    app = ensure_app()
    with tempfile.TemporaryDirectory(prefix="empf-bench-") as tmp:
        cfg = KioskConfig(data_dir=Path(tmp), platform_url="http://127.0.0.1:9")
        services = KioskServices(cfg, cards=FakeCardReader(), open_now=False)
        services.start()
        window = MainWindow(services)
        window.resize(1920, 1080)
        window.show()
        after_first_paint(window, window.warm_up)
        _ready_after_first_paint(window, "kiosk")
        code = app.exec()
        window.allow_close()
        window.close()
        services.close()
    return code


def child_ui() -> int:
    """The UI alone on fake services: how much of the start-up is the UI's own."""
    sys.path.insert(0, str(ROOT))
    from ui.app import after_first_paint, ensure_app
    from ui.fakes import FakeServices
    from ui.main_window import MainWindow

    app = ensure_app()
    window = MainWindow(FakeServices())
    window.resize(1920, 1080)
    window.show()
    after_first_paint(window, window.warm_up)
    _ready_after_first_paint(window, "ui")
    code = app.exec()
    window.allow_close()
    window.close()
    return code


def child_sessions(count: int) -> int:
    """Simulated member sessions; prints RSS after the first and after the last."""
    import datetime as dt
    import gc

    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication, QEvent

    from kiosk.domain.examples import example
    from kiosk.session import EMPLOYER_FORMS, MEMBER_FORMS, Screen
    from ui.app import ensure_app
    from ui.fakes import FakeClock, FakeServices
    from ui.form_driver import open_form, walk_form
    from ui.main_window import MainWindow

    app = ensure_app()
    now = dt.datetime(2026, 11, 26, 10, 0)
    with tempfile.TemporaryDirectory(prefix="empf-bench-") as tmp:
        services = FakeServices(data_dir=Path(tmp))
        window = MainWindow(services, monotonic=FakeClock())
        window.session.now = lambda: now
        window.resize(1920, 1080)
        window.show()
        # As `kiosk run` does: warm-up in idle time after the first paint (pages, card reader,
        # the forms drawn once off screen), and the kiosk waits at attract for its first member.
        window.warm_up()
        deadline = time.monotonic() + 300
        while window.warming() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
        if window.warming():
            raise RuntimeError("warm-up did not finish in 300 s")
        gc.collect()
        idle = rss_kb()  # at attract, warmed up, before anyone came
        s = window.session
        types = (*MEMBER_FORMS, *EMPLOYER_FORMS)
        first = last = warm = 0
        trace = int(os.environ.get("EMPF_BENCH_TRACE", "0"))  # print RSS every N sessions
        started = time.monotonic()
        for i in range(count):
            code = types[i % len(types)]
            window.attract.start_button.click()
            window.identify.keypad.press("A123456(3)")
            window.identify.continue_button.click()
            # The menu's button (behind "For employers" for theirs). A typed HKID cannot register
            # alone: the identity choice screen's "Use iAM Smart" and iAM Smart's identity.
            open_form(window, code)
            if not walk_form(window.form, example(code, now.date())):
                raise RuntimeError(f"{code}: did not reach review: {s.state.errors}")
            window.review.confirm_button.click()
            for _ in range(500):  # the enqueue runs on a worker thread
                if s.state.screen is Screen.RECEIPT:
                    break
                QCoreApplication.processEvents()
                time.sleep(0.002)
            window.receipt.done_button.click()
            services.enqueued.clear()  # the fake's own records, not the kiosk's
            services.enqueue_threads.clear()
            # What the event loop of a running kiosk does between taps: posted events, then the
            # widgets whose deleteLater() is due (processEvents() alone leaves those).
            QCoreApplication.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            if trace and i % trace == 0:
                gc.collect()
                from PySide6.QtWidgets import QApplication

                print(f"TRACE {i} {rss_kb()} widgets={len(QApplication.allWidgets())} objects={len(gc.get_objects())}",
                      file=sys.stderr, flush=True)
            if i in (0, WARM - 1, count - 1):
                gc.collect()
                for _ in range(5):
                    QCoreApplication.processEvents()
                if i == 0:
                    first = rss_kb()
                if i == WARM - 1:
                    warm = rss_kb()
                if i == count - 1:
                    last = rss_kb()
        print(f"SESSIONS {count} {first} {last} {time.monotonic() - started:.1f} {warm or first} {idle} {peak_kb()}",
              flush=True)
        window.allow_close()
        window.close()
    app.processEvents()
    return 0


# ---------------------------------------------------------------- parent


_PYCACHE: list[str] = []  # this run's bytecode folder (main() makes it and removes it)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    # Bytecode as an installed kiosk has it (the PyInstaller bundle carries it; a venv writes it on
    # the first start): written by the warm-up start of each kind into this run's own folder, read
    # by the timed ones, for the bare window and the kiosk alike. PYTHONDONTWRITEBYTECODE (set on
    # some developer machines) would otherwise compile every project module on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if _PYCACHE:
        env["PYTHONPYCACHEPREFIX"] = _PYCACHE[0]
    return env


def _time_child(kind: str) -> tuple[float, int]:
    """(milliseconds from spawning to READY, RSS in kB at READY)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind], cwd=ROOT, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    rss = 0
    elapsed = 0.0
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = (time.perf_counter() - started) * 1000
            rss = int(line.split()[1])
            break
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    if not elapsed:
        raise RuntimeError(f"{kind} child never became ready (exit {proc.returncode})")
    return elapsed, rss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups of each kind (median taken)")
    parser.add_argument("--sessions", type=int, default=1000, help="simulated member sessions")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "bare":
        return child_bare()
    if args.child == "kiosk":
        return child_kiosk()
    if args.child == "ui":
        return child_ui()
    if args.child == "sessions":
        return child_sessions(args.sessions)
    with tempfile.TemporaryDirectory(prefix="empf-bench-pyc-") as pycache:
        _PYCACHE.append(pycache)
        return _measure(args)


def _measure(args: argparse.Namespace) -> int:

    bare: list[tuple[float, int]] = []
    kiosk: list[tuple[float, int]] = []
    ui_only: list[tuple[float, int]] = []
    _time_child("bare")  # warm the file and bytecode caches for all: the first start of anything is slow
    _time_child("kiosk")
    _time_child("ui")
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        bare.append(_time_child("bare"))
        kiosk.append(_time_child("kiosk"))
        ui_only.append(_time_child("ui"))
    bare_ms = statistics.median(t for t, _ in bare)
    kiosk_ms = statistics.median(t for t, _ in kiosk)
    kiosk_rss = statistics.median(r for _, r in kiosk) / 1024
    bare_rss = statistics.median(r for _, r in bare) / 1024
    ui_ms = statistics.median(t for t, _ in ui_only)
    print(f"bare PySide6 window: {bare_ms:.0f} ms, {bare_rss:.1f} MB")
    print(f"kiosk attract screen: {kiosk_ms:.0f} ms, {kiosk_rss:.1f} MB  (ratio {kiosk_ms / bare_ms:.2f}, goal <= 2)")
    print(f"  of which the UI on fake services: {ui_ms:.0f} ms (ratio {ui_ms / bare_ms:.2f}); the rest is the "
          f"composition root (kiosk.app imports and services)")

    out = subprocess.run([sys.executable, __file__, "--child", "sessions", "--sessions", str(args.sessions)],
                         cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=3600, check=False)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("SESSIONS")), "")
    if not line:
        print(out.stdout[-2000:], out.stderr[-2000:], file=sys.stderr)
        raise RuntimeError("the sessions child failed")
    _, count, first_kb, last_kb, seconds, warm_kb, idle_kb, peak = line.split()
    growth = (int(last_kb) - int(first_kb)) / int(first_kb)
    warm_growth = (int(last_kb) - int(warm_kb)) / int(warm_kb)
    print(f"{count} member sessions in {float(seconds):.0f} s: RSS {int(first_kb) / 1024:.1f} MB after the first, "
          f"{int(last_kb) / 1024:.1f} MB after the last (growth {growth:.1%}, goal <= 5%); "
          f"{int(warm_kb) / 1024:.1f} MB after {WARM} (growth from there {warm_growth:.1%}); "
          f"{int(idle_kb) / 1024:.1f} MB warmed up before the first member, peak {int(peak) / 1024:.1f} MB")
    print(json.dumps({
        "startup_ratio": round(kiosk_ms / bare_ms, 3),
        "startup_ms": round(kiosk_ms, 1),
        "rss_mb": round(kiosk_rss, 1),
        "memory_growth": round(growth, 4),
        "baseline_ms": round(bare_ms, 1),
        "baseline_rss_mb": round(bare_rss, 1),
        "sessions": int(count),
        "rss_first_session_mb": round(int(first_kb) / 1024, 1),
        "rss_last_session_mb": round(int(last_kb) / 1024, 1),
        "memory_growth_after_warmup": round(warm_growth, 4),
        "rss_idle_before_first_session_mb": round(int(idle_kb) / 1024, 1),
        "rss_peak_sessions_mb": round(int(peak) / 1024, 1),
        "ui_only_ms": round(ui_ms, 1),
        "ui_only_ratio": round(ui_ms / bare_ms, 3),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
