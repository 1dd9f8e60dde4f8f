"""systemd's watchdog (kiosk/watchdog.py, ui/watchdog.py): the interval and status decisions, and a
real `kiosk run` on a real notify socket that sends WATCHDOG=1 from its event loop, and stops
sending it while that loop is frozen (EMPF_KIOSK_FREEZE_ON_SIGUSR1) though the process lives on."""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import watchdog
from kiosk.ports.status import KioskStatus, StaffAlert, SyncStatus

ROOT = Path(__file__).resolve().parents[2]


def test_the_interval_is_half_of_what_systemd_asked_for_this_process() -> None:
    assert watchdog.interval_s({"WATCHDOG_USEC": "20000000"}) == 10.0
    assert watchdog.interval_s({"WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "41"}, pid=41) == 10.0
    # Meant for another process (the shell that started us), none asked, or unreadable: no watchdog.
    assert watchdog.interval_s({"WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "40"}, pid=41) is None
    assert watchdog.interval_s({}) is None
    assert watchdog.interval_s({"WATCHDOG_USEC": "0"}) is None
    assert watchdog.interval_s({"WATCHDOG_USEC": "soon"}) is None
    assert watchdog.interval_s({"WATCHDOG_USEC": "1000", "WATCHDOG_PID": "me"}) is None


def test_claim_takes_the_watchdog_out_of_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watchdog, "_claimed", {})
    monkeypatch.setenv("WATCHDOG_USEC", "4000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    watchdog.claim()
    assert "WATCHDOG_USEC" not in os.environ and "WATCHDOG_PID" not in os.environ  # children do not inherit it
    assert watchdog.interval_s() == 2.0


def test_the_status_line_names_screen_queue_and_link_and_nothing_personal() -> None:
    status = KioskStatus(sync=SyncStatus(online=True), queue={"queued": 2, "sending": 1, "rejected": 1})
    assert watchdog.status_line("attract", status) == "attract, 3 queued, 1 rejected, online"
    assert watchdog.status_line("form", KioskStatus()) == "form, platform not reached yet"
    alert = StaffAlert(id=1, code="DISK_LOW", message_zh="", message_en="")
    assert watchdog.status_line("attract", KioskStatus(sync=SyncStatus(online=False), alerts=(alert,))) == \
        "attract, offline, 1 alert"


def test_a_beat_always_pets_and_repeats_the_status_only_when_it_changed_or_aged() -> None:
    sent: list[str] = []
    now = [0.0]

    def send(message: str) -> bool:
        sent.append(message)
        return True

    beat = watchdog.Heartbeat(send=send, clock=lambda: now[0])
    beat.beat("attract, online")
    beat.beat("attract, online")
    beat.beat("form, online")
    now[0] = watchdog.STATUS_REPEAT_S + 1
    beat.beat("form, online")
    beat.beat(None)
    assert sent == ["WATCHDOG=1\nSTATUS=attract, online", "WATCHDOG=1", "WATCHDOG=1\nSTATUS=form, online",
                    "WATCHDOG=1\nSTATUS=form, online", "WATCHDOG=1"]


def _receive(sock: socket.socket, until: float) -> list[tuple[float, str]]:
    """Every datagram that arrives before the monotonic time `until`, with its arrival time."""
    got: list[tuple[float, str]] = []
    while (left := until - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            data = sock.recv(4096)
        except TimeoutError:
            break
        got.append((time.monotonic(), data.decode()))
    return got


def _until_ready(sock: socket.socket, until: float) -> list[tuple[float, str]]:
    """The datagrams up to and including READY=1 (beats may come before it), within `until`."""
    got: list[tuple[float, str]] = []
    while (left := until - time.monotonic()) > 0:
        sock.settimeout(left)
        got.append((time.monotonic(), sock.recv(4096).decode()))
        if got[-1][1] == "READY=1":
            break
    return got


def test_kiosk_run_pets_the_watchdog_from_its_event_loop_and_stops_while_it_is_frozen(tmp_path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    address = str(tmp_path / "notify")
    sock.bind(address)
    # WatchdogSec=0.6: a beat every 0.3 s. A 3 s freeze is ten intervals without one.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=address, WATCHDOG_USEC="600000",
               EMPF_KIOSK_FREEZE_ON_SIGUSR1="3")
    env.pop("WATCHDOG_PID", None)
    argv = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())", "run", "--windowed",
            "--data-dir", str(tmp_path / "data"), "--platform-url", "http://127.0.0.1:9"]
    stderr = (tmp_path / "stderr").open("wb")  # the journal's stream, as systemd would pass it
    st = os.fstat(stderr.fileno())
    env["JOURNAL_STREAM"] = f"{st.st_dev}:{st.st_ino}"
    with sock, stderr:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            ready = _until_ready(sock, time.monotonic() + 60)
            assert ready[-1][1] == "READY=1", ready
            before = _receive(sock, time.monotonic() + 2.0)
            beats = [t for t, m in before if m.startswith("WATCHDOG=1")]
            assert len(beats) >= 4, before  # ~6 expected at 0.3 s; a busy machine may lose a few
            statuses = [m for _, m in ready + before if "STATUS=" in m]
            assert any("STATUS=attract" in m for m in statuses), statuses
            proc.send_signal(signal.SIGUSR1)
            frozen_at = time.monotonic()
            during = _receive(sock, frozen_at + 6.0)
            assert proc.poll() is None  # the process lives: only its event loop was stuck
            times = [frozen_at] + [t for t, m in during if m.startswith("WATCHDOG=1")]
            gaps = [b - a for a, b in itertools.pairwise(times)]
            assert gaps and max(gaps) >= 2.5, gaps  # no beat for the length of the freeze
            assert len(times) >= 4, during  # and beating again once the loop runs (6 s window - 3 s freeze)
            assert times[-1] - frozen_at >= 3.0
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
    journal = (tmp_path / "stderr").read_text(encoding="utf-8")
    assert proc.returncode == 128 + signal.SIGTERM, journal[-2000:]
    # In the journal with priorities, and in the file a technician exports.
    assert any(line.startswith("<4>ui.watchdog: event loop frozen for 3.0 s") for line in journal.splitlines())
    assert "<6>ui.watchdog: watchdog: WATCHDOG=1 every 0.3 s from the event loop" in journal.splitlines()
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "event loop frozen for 3.0 s" in log and "WATCHDOG=1 every 0.3 s" in log
