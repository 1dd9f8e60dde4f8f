"""The virtual card's own plumbing, where no pcscd is needed."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from drivers.virtual.identity_card import IdentityCardApplet
from drivers.virtual.vpcd import READER_NAMES, VirtualCardSlot, reader_name

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_reader_names() -> None:
    assert reader_name(0) == "Virtual PCD 00 00" and reader_name(1) == "Virtual PCD 00 01"
    assert READER_NAMES == ("Virtual PCD 00 00", "Virtual PCD 00 01")


def test_insert_without_vpcd_raises_and_starts_nothing() -> None:
    slot = VirtualCardSlot(IdentityCardApplet(), port=_free_port(), connect_timeout=1.0)
    with pytest.raises(OSError):
        slot.insert()
    assert not slot.inserted
    slot.remove()  # harmless


def test_slot_speaks_vpcd_framing() -> None:
    """A stand-in for vpcd on loopback: ATR request, power on, a SELECT, then the card is pulled."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        applet = IdentityCardApplet()
        slot = VirtualCardSlot(applet, port=server.getsockname()[1])
        slot.insert()
        conn, _ = server.accept()
        with conn:
            conn.settimeout(2)

            def ask(payload: bytes) -> bytes:
                conn.sendall(len(payload).to_bytes(2, "big") + payload)
                length = int.from_bytes(conn.recv(2), "big")
                return conn.recv(length)

            assert ask(b"\x04") == applet.atr
            conn.sendall(b"\x00\x01\x01")  # power on: not answered
            assert ask(bytes.fromhex("00A4040008F045 4D5046494401 00".replace(" ", "")))[-2:] == b"\x90\x00"
            assert slot.wait_seen(0) and slot.apdu_count == 1
            slot.remove()
            assert conn.recv(2) == b""  # the reader sees the card go
    assert slot.wait_removed(2) and not slot.inserted
    assert not [t for t in threading.enumerate() if t.name.startswith("vpcd-card")]


def test_remove_after_apdus_pulls_the_card_mid_exchange() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        slot = VirtualCardSlot(IdentityCardApplet(), port=server.getsockname()[1], remove_after_apdus=1)
        slot.insert()
        conn, _ = server.accept()
        with conn:
            conn.settimeout(2)
            apdu = bytes.fromhex("00A4020C020101")
            conn.sendall(len(apdu).to_bytes(2, "big") + apdu)
            assert conn.recv(4) == b"\x00\x02\x6a\x82"  # answered: no application selected
            conn.sendall(len(apdu).to_bytes(2, "big") + apdu)
            assert conn.recv(2) == b""  # pulled instead of answering
    assert slot.wait_removed(2)


def test_cli_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "drivers.virtual", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert out.returncode == 0
    assert "Virtual PCD 00 00" in out.stdout and "--hkid" in out.stdout and "SIGTERM" in out.stdout


def test_cli_rejects_bad_date() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "drivers.virtual", "--dob", "01/01/1970"],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )
    assert out.returncode == 2 and "ISO date" in out.stderr
