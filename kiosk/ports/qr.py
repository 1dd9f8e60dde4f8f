"""QR code sources: camera, keyboard-wedge and serial scanners (drivers/qr)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol


class QrSourceKind(str, Enum):
    CAMERA = "camera"  # frames decoded by zxing-cpp (a real camera, or the demo's folder of images)
    WEDGE = "wedge"  # a HID scanner typing the code as a burst of keystrokes
    SERIAL = "serial"  # a scanner on a serial port (or USB CDC-ACM)


@dataclass(frozen=True)
class QrRead:
    """One decoded code. `payload` is the raw bytes, untrusted until kiosk.qr has parsed it."""

    payload: bytes = field(repr=False)  # may hold personal data (a prepared instruction)
    symbology: str  # "QRCode", "MicroQRCode", ... as the decoder names it; "" when the scanner does not say
    source: QrSourceKind
    at: float = 0.0  # time.monotonic() when it was read (scan-to-screen latency is measured from here)


class QrEvents(Protocol):
    def qr_read(self, read: QrRead) -> None:
        """Called on a driver thread; the same code within the de-dup window arrives once."""


class QrSource(Protocol):
    def start(self, events: QrEvents) -> None:
        """Start delivering reads to `events` (on a driver thread). Starting again replaces `events`."""
    def stop(self) -> None:
        """Stop and join any thread, bounded; safe to call twice or before start."""
