"""Serial scanners through pyserial, against a real pseudo-terminal pair (the scanner is the pty's
master side, the kiosk opens the slave device like /dev/ttyACM0)."""

from __future__ import annotations

import contextlib
import os
import threading
import time
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.qr.serial_scanner import SerialScanner
from kiosk.ports import QrRead, QrSourceKind

WAIT_S = 5.0


class Collect:
    def __init__(self) -> None:
        self.reads: list[QrRead] = []
        self.cond = threading.Condition()

    def qr_read(self, read: QrRead) -> None:
        with self.cond:
            self.reads.append(read)
            self.cond.notify_all()

    def wait_for(self, n: int) -> list[bytes]:
        deadline = time.monotonic() + WAIT_S
        with self.cond:
            while len(self.reads) < n and time.monotonic() < deadline:
                self.cond.wait(0.05)
            return [r.payload for r in self.reads]


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    tty.setraw(slave)  # no echo, no line editing: bytes through as a scanner sends them
    name = os.ttyname(slave)
    yield master, name
    for fd in (master, slave):
        with contextlib.suppress(OSError):  # the test may have closed the master (cable pulled)
            os.close(fd)


def start(name: str, **kw: float) -> tuple[SerialScanner, Collect]:
    got = Collect()
    scanner = SerialScanner(name, 9600, reopen_s=0.1, **kw)  # type: ignore[arg-type]
    scanner.start(got)
    assert scanner.connected.wait(WAIT_S)
    return scanner, got


def test_codes_with_cr_lf_and_crlf(pty_pair: tuple[int, str]) -> None:
    master, name = pty_pair
    scanner, got = start(name)
    try:
        os.write(master, b"RSD1234567890123456\r")
        os.write(master, b"BLD1234567890123456\n")
        os.write(master, b"EMPF:P1:ABC\r\n")
        os.write(master, b"\r\n\r\n")  # empty lines are nothing
        assert got.wait_for(3) == [b"RSD1234567890123456", b"BLD1234567890123456", b"EMPF:P1:ABC"]
        assert {r.source for r in got.reads} == {QrSourceKind.SERIAL}
    finally:
        scanner.stop()


def test_code_split_across_writes(pty_pair: tuple[int, str]) -> None:
    master, name = pty_pair
    scanner, got = start(name, silence_s=1.0)
    try:
        for part in (b"RSD12345", b"67890", b"123456\r"):
            os.write(master, part)
            time.sleep(0.05)
        assert got.wait_for(1) == [b"RSD1234567890123456"]
    finally:
        scanner.stop()


def test_scanner_without_suffix_ends_on_silence(pty_pair: tuple[int, str]) -> None:
    master, name = pty_pair
    scanner, got = start(name, silence_s=0.2)
    try:
        os.write(master, b"SCH-001234")
        assert got.wait_for(1) == [b"SCH-001234"]
    finally:
        scanner.stop()


def test_overlong_line_is_cut_and_marked(pty_pair: tuple[int, str]) -> None:
    master, name = pty_pair
    scanner, got = start(name, max_line=100)
    try:
        os.write(master, b"9" * 5000 + b"\r" + b"RSD1234567890123456\r")
        payloads = got.wait_for(2)
        assert len(payloads[0]) == 101 and payloads[0].endswith(b"\x00")  # refused downstream as too large
        assert payloads[1] == b"RSD1234567890123456"  # and the next code is fine
    finally:
        scanner.stop()


def test_missing_port_retries_and_stop_is_bounded() -> None:
    scanner = SerialScanner("/dev/does-not-exist-qr", reopen_s=0.05)
    scanner.start(Collect())
    time.sleep(0.3)
    assert not scanner.connected.is_set()
    started = time.monotonic()
    scanner.stop()
    assert time.monotonic() - started < 5


def test_unplugged_and_plugged_in_again(tmp_path: Path) -> None:
    """The kiosk names the scanner by a stable link (as udev's /dev/serial/by-id/... is); the cable
    is pulled (the pty goes away), then a scanner appears behind the same link again."""
    link = tmp_path / "scanner"
    master, slave = os.openpty()
    tty.setraw(slave)
    link.symlink_to(os.ttyname(slave))
    got = Collect()
    scanner = SerialScanner(str(link), reopen_s=0.05)
    scanner.start(got)
    second: tuple[int, int] | None = None
    try:
        assert scanner.connected.wait(WAIT_S)
        os.write(master, b"RSD1234567890123456\r")
        assert got.wait_for(1) == [b"RSD1234567890123456"]
        os.close(master)  # pulled: reads fail (EIO) and the device node goes away
        os.close(slave)
        deadline = time.monotonic() + WAIT_S
        while scanner.connected.is_set() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not scanner.connected.is_set()
        time.sleep(0.2)  # a few reopen attempts fail while nothing is there
        second = os.openpty()
        tty.setraw(second[1])
        link.unlink()
        link.symlink_to(os.ttyname(second[1]))  # plugged in again
        deadline = time.monotonic() + WAIT_S
        while not scanner.connected.is_set() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert scanner.connected.is_set() and scanner.opens == 2
        os.write(second[0], b"BLD1234567890123456\r")
        assert got.wait_for(2) == [b"RSD1234567890123456", b"BLD1234567890123456"]
    finally:
        scanner.stop()
        for fd in second or ():
            with contextlib.suppress(OSError):
                os.close(fd)
    assert not scanner.connected.is_set()
