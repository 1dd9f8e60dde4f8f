"""READY=1 to systemd (kiosk/sd_notify.py) once the attract screen is painted: the protocol on a real
Unix socket, and `kiosk run` itself notifying, then stopping on SIGTERM as systemd stops it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import sd_notify

ROOT = Path(__file__).resolve().parents[2]


def _listening(folder: Path) -> tuple[socket.socket, str]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    address = str(folder / "notify")
    sock.bind(address)
    sock.settimeout(60)
    return sock, address


def test_notify_sends_the_state_to_the_socket_systemd_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sock, address = _listening(tmp_path)
    with sock:
        monkeypatch.setenv("NOTIFY_SOCKET", address)
        assert sd_notify.notify("READY=1") is True
        assert sock.recv(64) == b"READY=1"


def test_claimed_the_socket_leaves_the_environment_and_still_works(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sock, address = _listening(tmp_path)
    with sock:
        monkeypatch.setenv("NOTIFY_SOCKET", address)
        monkeypatch.setattr(sd_notify, "_claimed", None)
        sd_notify.claim()
        assert "NOTIFY_SOCKET" not in os.environ  # a process the kiosk starts cannot speak for it
        assert sd_notify.notify() is True
        assert sock.recv(64) == b"READY=1"


def test_without_a_service_manager_or_with_a_dead_socket_nothing_happens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    monkeypatch.setattr(sd_notify, "_claimed", None)
    assert sd_notify.notify() is False
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "nobody-listens"))
    assert sd_notify.notify() is False  # logged, never raised: the kiosk runs on


def test_kiosk_run_says_ready_after_its_first_paint_and_stops_on_sigterm(tmp_path: Path) -> None:
    sock, address = _listening(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=address)
    argv = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())", "run", "--windowed",
            "--size", "1080x1920", "--data-dir", str(tmp_path / "data"), "--platform-url", "http://127.0.0.1:9"]
    with sock:
        started = time.monotonic()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert sock.recv(64) == b"READY=1", "no readiness notification"
            assert proc.poll() is None  # ready means running, not finished
            assert time.monotonic() - started < 60
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err[-2000:]
    assert (tmp_path / "data" / "logs" / "kiosk.log").exists()


def test_size_is_for_a_window_only(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "kiosk.cli", "run", "--size", "1080x1920", "--data-dir",
                          str(tmp_path)], cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 2 and "--windowed" in out.stderr
    bad = subprocess.run([sys.executable, "-m", "kiosk.cli", "run", "--windowed", "--size", "big"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode == 2 and "1920x1080" in bad.stderr
