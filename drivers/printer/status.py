"""ESC/POS real-time status (DLE EOT n): the bytes a printer answers, read as a PrinterState.

Every answer byte has bit 1 and bit 4 set and bit 0 and bit 7 clear (0b0xx1xx10); a byte that is
not shaped so is not a status answer (line noise, a late answer to something else).
  n=1 printer status:      bit 3 off line
  n=2 off-line cause:      bit 2 cover open, bit 5 printing stopped by paper end, bit 6 error
  n=4 roll paper sensor:   bits 2-3 paper near its end, bits 5-6 paper end
"""

from __future__ import annotations

from kiosk.ports.printer import PrinterState

DLE_EOT = b"\x10\x04"
PRINTER = 1
OFFLINE_CAUSE = 2
ROLL_PAPER = 4

FIXED_MASK = 0b1001_0011
FIXED_BITS = 0b0001_0010


def query(n: int) -> bytes:
    return DLE_EOT + bytes([n])


def is_status_byte(b: int) -> bool:
    return b & FIXED_MASK == FIXED_BITS


def status_byte(flags: int) -> int:
    """A well-formed answer byte carrying `flags` (the virtual printer answers with these)."""
    return FIXED_BITS | (flags & ~FIXED_MASK & 0xFF)


OFFLINE_BIT = 0x08
COVER_OPEN_BIT = 0x04
PAPER_END_STOP_BIT = 0x20
ERROR_BIT = 0x40
NEAR_END_BITS = 0x0C
PAPER_END_BITS = 0x60


def decide(printer: int | None, cause: int | None, paper: int | None) -> PrinterState:
    """The state from the three answers (None: no answer)."""
    if printer is None:
        return PrinterState.OFFLINE
    if paper is not None and paper & PAPER_END_BITS:
        return PrinterState.PAPER_OUT
    if printer & OFFLINE_BIT:
        if cause is not None and cause & COVER_OPEN_BIT:
            return PrinterState.COVER_OPEN
        if cause is not None and cause & PAPER_END_STOP_BIT:
            return PrinterState.PAPER_OUT
        return PrinterState.OFFLINE
    if paper is not None and paper & NEAR_END_BITS:
        return PrinterState.PAPER_LOW
    return PrinterState.READY
