"""Serial QR scanners (RS-232, or USB CDC-ACM showing up as /dev/ttyACM0) through pyserial.

The scanner sends each code followed by CR, LF or CR LF. A scanner configured without a suffix is
still read: a pause of `silence_s` after some bytes ends the code. A line longer than `max_line`
is cut and delivered marked as too large (the interpreter refuses it with a message) rather than
growing memory. When the port goes away (cable pulled, USB reset) the thread reopens it every
`reopen_s` until stopped.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

import serial

from kiosk.ports import QrEvents, QrRead, QrSourceKind

log = logging.getLogger(__name__)

MAX_LINE = 4096
JOIN_TIMEOUT_S = 5.0


class SerialScanner:
    """A QrSource (kiosk.ports) reading one serial port on its own thread."""

    def __init__(self, port: str, baudrate: int = 9600, *, silence_s: float = 0.25, reopen_s: float = 2.0,
                 max_line: int = MAX_LINE, read_timeout_s: float = 0.05,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.port = port
        self.baudrate = baudrate
        self.silence_s = silence_s
        self.reopen_s = reopen_s
        self.max_line = max_line
        self.read_timeout_s = read_timeout_s
        self._monotonic = monotonic
        self._events: QrEvents | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()  # set while the port is open (status, tests)
        self.opens = 0

    def start(self, events: QrEvents) -> None:
        self._events = events
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"qr-serial {self.port}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(JOIN_TIMEOUT_S)
            if thread.is_alive():
                log.warning("serial scanner thread on %s did not stop within %.0f s", self.port, JOIN_TIMEOUT_S)
        self._events = None

    # ------------------------------------------------------------ the thread
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                port = serial.Serial(self.port, self.baudrate, timeout=self.read_timeout_s)
            except (serial.SerialException, OSError, ValueError) as e:
                log.info("serial scanner %s not available: %s", self.port, type(e).__name__)
                self._stop.wait(self.reopen_s)
                continue
            self.opens += 1
            self.connected.set()
            try:
                self._read(port)
            except (serial.SerialException, OSError) as e:
                log.warning("serial scanner %s lost: %s", self.port, type(e).__name__)
            finally:
                self.connected.clear()
                with contextlib.suppress(serial.SerialException, OSError):
                    port.close()
            self._stop.wait(self.reopen_s)

    def _read(self, port: serial.Serial) -> None:
        line = bytearray()
        too_long = False
        last_byte_at = self._monotonic()
        while not self._stop.is_set():
            chunk = port.read(max(1, port.in_waiting))
            now = self._monotonic()
            if not chunk:
                if (line or too_long) and now - last_byte_at >= self.silence_s:
                    self._deliver(bytes(line), too_long)  # a scanner without a suffix
                    line.clear()
                    too_long = False
                continue
            last_byte_at = now
            for b in chunk:
                if b in (0x0D, 0x0A):
                    if line or too_long:
                        self._deliver(bytes(line), too_long)
                    line.clear()
                    too_long = False
                elif len(line) < self.max_line:
                    line.append(b)
                else:
                    too_long = True

    def _deliver(self, payload: bytes, too_long: bool) -> None:
        events = self._events
        if events is None:
            return
        if too_long:
            log.warning("serial scanner %s sent a code longer than %d bytes", self.port, self.max_line)
            payload = payload + b"\x00"  # over every payload limit: refused with a message downstream
        try:
            events.qr_read(QrRead(payload=payload, symbology="", source=QrSourceKind.SERIAL, at=self._monotonic()))
        except Exception:
            log.exception("QR listener failed")
