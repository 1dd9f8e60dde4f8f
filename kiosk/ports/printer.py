"""The receipt printer (drivers/printer): what a slip holds, and what printing it gave.

A slip is laid out by the kiosk (kiosk/receipt_slip.py) as lines of text and one QR payload; the
driver decides how they reach paper. Printing never raises to its caller: every outcome, including
a defect in the driver, is one of the typed results below, so a screen can say what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class LineStyle(str, Enum):
    TITLE = "title"  # large, bold
    REFERENCE = "reference"  # the reference number: the largest text on the slip
    HEADING = "heading"  # bold, body size
    BODY = "body"
    SMALL = "small"
    RULE = "rule"  # a horizontal line; its text is ignored


@dataclass(frozen=True)
class SlipLine:
    text: str
    style: LineStyle = LineStyle.BODY
    centred: bool = False


@dataclass(frozen=True)
class ReceiptSlip:
    """What goes on paper, top to bottom: `lines`, the QR code of `qr_payload` after the line
    index `qr_after` (or at the end), then a cut. Carries nothing but what the member needs."""

    kiosk_ref: str
    lines: tuple[SlipLine, ...]
    qr_payload: str
    qr_after: int | None = None

    def text(self) -> str:
        """The slip's words, one line each (for a screen reader, a log-free test, a text printer)."""
        return "\n".join(line.text for line in self.lines if line.style is not LineStyle.RULE)


class PrinterState(str, Enum):
    """What the printer answered to a status query (ESC/POS DLE EOT)."""

    READY = "ready"
    PAPER_OUT = "paper_out"
    PAPER_LOW = "paper_low"  # still prints; staff should change the roll soon
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # no answer, or the printer says it is off line for another reason
    NOT_CONFIGURED = "not_configured"

    @property
    def can_print(self) -> bool:
        return self in (PrinterState.READY, PrinterState.PAPER_LOW)


@dataclass(frozen=True)
class Printed:
    paper_low: bool = False


@dataclass(frozen=True)
class PaperOut:
    """No paper (before printing, or it ran out during it: the slip may be cut short)."""

    during: bool = False


@dataclass(frozen=True)
class Offline:
    """No answer from the printer, its cover open, or it reports itself off line."""

    cover_open: bool = False


@dataclass(frozen=True)
class Failed:
    """Anything else: the device could not be opened or written to. `reason` is for the
    technician's log (an exception's class name), never shown to a member."""

    reason: str


PrintResult = Printed | PaperOut | Offline | Failed


class ReceiptPrinter(Protocol):
    def status(self) -> PrinterState:
        """Ask the printer now; blocks for at most about a second. Never raises."""
        ...

    def print_slip(self, slip: ReceiptSlip) -> PrintResult:
        """Check, print, check again; blocks (call it off the UI thread). Never raises."""
        ...

    def describe(self) -> str:
        """Where the printer is, for the technician (e.g. `serial /dev/ttyUSB0`)."""
        ...

    def close(self) -> None: ...
