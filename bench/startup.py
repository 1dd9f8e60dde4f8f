"""Start-up time and memory of the kiosk UI, beside a bare PySide6 window measured in the same run.

    .venv/bin/python bench/startup.py [--runs 5] [--sessions 1000]

1. Start-up: from process start (the parent's clock before it spawns the child) to the first
   interactive attract screen: shown, laid out, painted, and the loop idle, so a tap would be handled.
   The kiosk child is `kiosk run --windowed --size 1920x1080` itself (the console script's code, a
   data folder kept between runs as a kiosk restarting keeps it, an unreachable platform), and the
   moment is the kiosk's own systemd readiness notification: READY=1 on $NOTIFY_SOCKET, sent on the
   first event-loop turn after the first paint (ui/app.py, kiosk/sd_notify.py). The baseline is a
   bare 1920x1080 QWidget in a `python -c` of its own that notifies the same way at the same moment.
   Median of --runs, interleaved. Goal: startup_ratio <= 2. The resident size of each is read from
   /proc when its notification arrives. Both read bytecode their first (warm-up) start wrote.
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


def rss_kb(field: str = "VmRSS", pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def peak_kb() -> int:
    """The highest resident size the process has had (during a session, not only between them)."""
    return rss_kb("VmHWM")


# ---------------------------------------------------------------- children


BARE_WINDOW = r"""
import os, socket, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1920, 1080)
window.show()


def ready():  # what kiosk/sd_notify.py sends
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as s:
        s.connect(os.environ["NOTIFY_SOCKET"])
        s.sendall(b"READY=1")


class FirstPaint(QObject):  # what ui/app.after_first_paint does: the window's first paint, then a turn
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.parent() is not None:
            window.removeEventFilter(self)
            self.setParent(None)
            QTimer.singleShot(0, ready)
        return False


watcher = FirstPaint(window)
window.installEventFilter(watcher)
sys.exit(app.exec())
"""

# What the `kiosk` console script runs (pip writes it: `from kiosk.cli import main; sys.exit(main())`).
KIOSK = "import sys; from kiosk.cli import main; sys.exit(main())"


def child_sessions(count: int) -> int:
    """Simulated member sessions; prints RSS after the first and after the last."""
    import datetime as dt
    import gc

    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication, QEvent

    from devtools.fakes import FakeClock, FakeServices
    from devtools.form_driver import open_form, walk_form
    from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS, Screen
    from kiosk.domain.examples import example
    from ui.app import ensure_app
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
            window.review.read_through()  # Confirm waits for the whole review
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


def _time_child(kind: str, data_dir: Path) -> tuple[float, int]:
    """(milliseconds from spawning to READY=1 on the notify socket, RSS in kB then). The child is
    then stopped with SIGTERM, as systemd stops the kiosk."""
    import signal
    import socket

    if kind == "bare":
        argv = [sys.executable, "-c", BARE_WINDOW]
    else:
        argv = [sys.executable, "-c", KIOSK, "run", "--windowed", "--size", "1920x1080",
                "--data-dir", str(data_dir), "--platform-url", "http://127.0.0.1:9"]
    with tempfile.TemporaryDirectory(prefix="empf-bench-notify-") as folder, \
            socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        address = str(Path(folder) / "notify")
        sock.bind(address)
        sock.settimeout(60)
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=dict(_env(), NOTIFY_SOCKET=address),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            message = sock.recv(64)
            elapsed = (time.perf_counter() - started) * 1000
            rss = rss_kb(pid=proc.pid)
        except TimeoutError:
            message, elapsed, rss = b"", 0.0, 0
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
    if message != b"READY=1":
        raise RuntimeError(f"{kind} child never became ready (exit {proc.returncode})")
    return elapsed, rss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups of each kind (median taken)")
    parser.add_argument("--sessions", type=int, default=1000, help="simulated member sessions")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "sessions":
        return child_sessions(args.sessions)
    with tempfile.TemporaryDirectory(prefix="empf-bench-pyc-") as pycache:
        _PYCACHE.append(pycache)
        return _measure(args)


def _measure(args: argparse.Namespace) -> int:

    bare: list[tuple[float, int]] = []
    kiosk: list[tuple[float, int]] = []
    with tempfile.TemporaryDirectory(prefix="empf-bench-data-") as data:
        data_dir = Path(data)
        _time_child("bare", data_dir)  # warm the file and bytecode caches: the first start of anything is slow
        _time_child("kiosk", data_dir)  # and the kiosk's first start in its data folder makes its keys
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            bare.append(_time_child("bare", data_dir))
            kiosk.append(_time_child("kiosk", data_dir))
    bare_ms = statistics.median(t for t, _ in bare)
    kiosk_ms = statistics.median(t for t, _ in kiosk)
    kiosk_rss = statistics.median(r for _, r in kiosk) / 1024
    bare_rss = statistics.median(r for _, r in bare) / 1024
    print(f"bare PySide6 window: {bare_ms:.0f} ms, {bare_rss:.1f} MB")
    print(f"kiosk run, attract screen: {kiosk_ms:.0f} ms, {kiosk_rss:.1f} MB  "
          f"(ratio {kiosk_ms / bare_ms:.2f}, goal <= 2)")

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
        "startup_runs": args.runs,
        "startup_ms_each": [round(t, 1) for t, _ in kiosk],
        "baseline_ms_each": [round(t, 1) for t, _ in bare],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
