"""The card side of vsmartcard-vpcd: a virtual card that pcscd sees in a `Virtual PCD` reader.

vpcd (loaded by pcscd) listens on TCP; the card is the client. Every message both ways is a
2-byte big-endian length and a payload. One-byte messages are control codes from the reader
(power off, power on, reset, get ATR; only get ATR is answered); longer ones are command APDUs,
answered with response data + SW1 SW2. Closing the socket is pulling the card out.

For demo and tests only: a production kiosk never has the vpcd driver installed.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
from types import TracebackType

from .applet import SW_NO_PRECISE_DIAGNOSIS, Applet

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_BASE_PORT = 35963
READER_NAMES = ("Virtual PCD 00 00", "Virtual PCD 00 01")

_POWER_OFF, _POWER_ON, _RESET, _GET_ATR = 0x00, 0x01, 0x02, 0x04
# How often the serving thread wakes to check whether it was asked to stop.
_POLL_SECONDS = 0.2
# pcscd's vpcd driver writes the length and the APDU in two segments; without an immediate ACK
# the second waits on the delayed-ACK timer (~40 ms per APDU instead of ~0.1 ms).
_TCP_QUICKACK: int | None = getattr(socket, "TCP_QUICKACK", None)


def reader_name(slot: int) -> str:
    """The PC/SC reader name pcscd gives vpcd slot `slot` (0 or 1)."""
    return READER_NAMES[slot]


class _Stopped(Exception):
    """The slot was asked to stop, or the reader closed the connection."""


class VirtualCardSlot:
    """One virtual card in one vpcd slot.

    `insert()` connects to vpcd and serves the applet on a daemon thread; `remove()` closes the
    socket, which the reader sees as the card being pulled. Fault knob for tests:
    `remove_after_apdus=N` answers N command APDUs and pulls the card when the next one arrives,
    so the reader sees it vanish in the middle of an exchange.
    """

    def __init__(
        self,
        applet: Applet,
        slot: int = 0,
        *,
        port: int | None = None,
        remove_after_apdus: int | None = None,
        connect_timeout: float = 2.0,
    ) -> None:
        if slot not in (0, 1) and port is None:
            raise ValueError("vpcd has slots 0 and 1; give an explicit port for others")
        self.applet = applet
        self.slot = slot
        self.port = port if port is not None else VPCD_BASE_PORT + slot
        self.remove_after_apdus = remove_after_apdus
        self.connect_timeout = connect_timeout
        self.apdu_count = 0  # command APDUs answered since insert()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._seen = threading.Event()  # vpcd asked for the ATR: the reader knows the card

    @property
    def reader(self) -> str:
        return reader_name(self.slot)

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def insert(self) -> None:
        """Connect to vpcd and start answering. Raises OSError when vpcd is not listening."""
        if self.inserted:
            raise RuntimeError(f"a card is already inserted in slot {self.slot}")
        sock = socket.create_connection((VPCD_HOST, self.port), timeout=self.connect_timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(_POLL_SECONDS)
        self._sock = sock
        self._stop.clear()
        self._seen.clear()
        self.apdu_count = 0
        self._thread = threading.Thread(
            target=self._serve, args=(sock,), name=f"vpcd-card-{self.slot}", daemon=True
        )
        self._thread.start()
        log.info("virtual card inserted: slot=%d port=%d atr=%s", self.slot, self.port, self.applet.atr.hex())

    def remove(self, timeout: float = 2.0) -> None:
        """Pull the card: close the connection and wait (bounded) for the serving thread."""
        self._stop.set()
        sock = self._sock
        if sock is not None:
            # Wakes the serving thread's recv() at once instead of at its next poll; OSError
            # means the other side or the fault knob closed it already.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning("virtual card thread in slot %d did not stop within %.1f s", self.slot, timeout)

    def wait_seen(self, timeout: float) -> bool:
        """Wait until the reader has asked for the ATR, i.e. pcscd has noticed the card."""
        return self._seen.wait(timeout)

    def wait_removed(self, timeout: float) -> bool:
        """Wait until the card is out (after `remove()` or a fault knob pulled it)."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def __enter__(self) -> VirtualCardSlot:
        self.insert()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.remove()

    # ------------------------------------------------------------ serving thread

    def _serve(self, sock: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                message = self._receive(sock)
                if message is None:
                    continue
                if len(message) == 1:
                    self._control(sock, message[0])
                elif not self._command(sock, message):
                    break
        except _Stopped:
            pass
        except OSError as exc:
            log.info("virtual card slot %d: connection ended (%s)", self.slot, exc.__class__.__name__)
        finally:
            sock.close()
            self._stop.set()
            log.info("virtual card removed: slot=%d after %d APDUs", self.slot, self.apdu_count)

    def _control(self, sock: socket.socket, code: int) -> None:
        log.debug("slot %d: control 0x%02x", self.slot, code)
        if code == _GET_ATR:
            self._seen.set()
            self._send(sock, self.applet.atr)
        elif code in (_POWER_OFF, _POWER_ON, _RESET):
            self.applet.reset()
        else:
            log.warning("virtual card slot %d: unknown vpcd control code 0x%02x", self.slot, code)

    def _command(self, sock: socket.socket, apdu: bytes) -> bool:
        """Answer one APDU; False when the fault knob pulls the card instead."""
        if self.remove_after_apdus is not None and self.apdu_count >= self.remove_after_apdus:
            log.info("virtual card slot %d: pulled by fault knob before APDU %d", self.slot, self.apdu_count + 1)
            return False
        try:
            response = self.applet.process(apdu)
        except Exception:
            # A bug in a test applet must look like a card fault to the reader, not hang it.
            log.exception("virtual card slot %d: applet failed", self.slot)
            response = SW_NO_PRECISE_DIAGNOSIS
        if not response:
            # vpcd takes an empty answer as "nothing yet" and pcscd's SCardTransmit then waits
            # forever (seen with vsmartcard-vpcd 0.8): never send one.
            log.warning("virtual card slot %d: applet gave an empty answer; sending 6F00", self.slot)
            response = SW_NO_PRECISE_DIAGNOSIS
        self.apdu_count += 1
        # INS, lengths and SW only: the data may be personal.
        log.debug("slot %d: INS %02X, %d bytes in, %d bytes out, SW %s",
                  self.slot, apdu[1], len(apdu), len(response), response[-2:].hex().upper())
        self._send(sock, response)
        return True

    def _receive(self, sock: socket.socket) -> bytes | None:
        """One framed message, or None when nothing arrived within the poll interval."""
        header = self._recv_exact(sock, 2, idle_ok=True)
        if header is None:
            return None
        (length,) = struct.unpack(">H", header)
        body = self._recv_exact(sock, length, idle_ok=False)
        assert body is not None  # idle_ok=False never returns None
        return body

    def _recv_exact(self, sock: socket.socket, n: int, *, idle_ok: bool) -> bytes | None:
        buf = bytearray()
        while len(buf) < n:
            try:
                chunk = sock.recv(n - len(buf))
            except TimeoutError:
                if self._stop.is_set():
                    raise _Stopped() from None
                if idle_ok and not buf:
                    return None
                continue  # mid-message: keep the framing, wait for the rest
            if not chunk:
                raise _Stopped()  # vpcd (pcscd) closed the connection
            if _TCP_QUICKACK is not None:
                sock.setsockopt(socket.IPPROTO_TCP, _TCP_QUICKACK, 1)
            buf += chunk
        return bytes(buf)

    @staticmethod
    def _send(sock: socket.socket, payload: bytes) -> None:
        # One write for length and payload, so the reader never waits on a half message.
        sock.sendall(struct.pack(">H", len(payload)) + payload)
