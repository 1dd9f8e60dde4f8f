"""The receipt printer over python-escpos: a serial or USB ESC/POS thermal printer.

Each print opens the device, asks the printer's state (DLE EOT), prints the slip as raster images
(GS v 0: raster.py says why text goes as images) with its QR code, cuts, asks again, and closes;
nothing is held open between members, so a printer unplugged and plugged back in just works.

The QR code goes as part of the raster by default: it needs nothing of the printer beyond the
raster graphics the text already needs, and its module size and quiet zone are the kiosk's, not
the firmware's (cheap printers differ in which GS ( k functions, sizes and error levels they
support). `native_qr=True` sends the printer's own QR command (GS ( k) instead.

Every outcome is a kiosk.ports.printer result; nothing is raised to the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from drivers.printer import status
from drivers.printer.raster import PAPER_80MM_DOTS, draw_slip
from kiosk.ports.printer import Failed, Offline, PaperOut, Printed, PrinterState, PrintResult, ReceiptSlip

if TYPE_CHECKING:
    from escpos.escpos import Escpos

log = logging.getLogger(__name__)
T = TypeVar("T")

REPLY_TIMEOUT_S = 0.5  # a printer answers DLE EOT within milliseconds; silence this long is "off line"
WRITE_TIMEOUT_S = 20.0  # a slip is ~100 kB: 50 s at 19200 baud would be a stuck port, not a slow one
ESC_INIT = b"\x1b@"
ALIGN_CENTRE = b"\x1ba\x01"
ALIGN_LEFT = b"\x1ba\x00"


class DeviceGone(OSError):
    """The printer's device could not be opened (unplugged, switched off, wrong path)."""


class Link(Protocol):
    """One way of reaching a printer: opens it as a python-escpos printer and reads its replies."""

    def open(self) -> Escpos: ...
    def reply(self, printer: Escpos) -> bytes:
        """The bytes the printer sent back since the last query, at most one status byte's wait."""
        ...
    def describe(self) -> str: ...


@dataclass(frozen=True)
class SerialLink:
    path: str
    baudrate: int = 19200
    timeout_s: float = REPLY_TIMEOUT_S

    def open(self) -> Escpos:
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Serial

        printer = Serial(devfile=self.path, baudrate=self.baudrate, timeout=self.timeout_s)
        try:
            printer.open()
        except DeviceNotFoundError as e:
            raise DeviceGone(self.path) from e
        device = printer.device
        device.write_timeout = WRITE_TIMEOUT_S
        device.reset_input_buffer()
        return printer

    def reply(self, printer: Escpos) -> bytes:
        return bytes(printer.device.read(1))  # waits timeout_s at most

    def describe(self) -> str:
        return f"serial {self.path} {self.baudrate} baud"


@dataclass(frozen=True)
class UsbLink:
    vendor_id: int
    product_id: int
    timeout_s: float = REPLY_TIMEOUT_S

    def open(self) -> Escpos:
        from escpos.exceptions import DeviceNotFoundError, USBNotFoundError
        from escpos.printer import Usb

        printer = Usb(self.vendor_id, self.product_id, timeout=int(WRITE_TIMEOUT_S * 1000))
        try:
            printer.open()
        except (DeviceNotFoundError, USBNotFoundError) as e:
            raise DeviceGone(self.describe()) from e
        return printer

    def reply(self, printer: Escpos) -> bytes:
        import usb.core

        try:
            return bytes(printer.device.read(printer.in_ep, 16, int(self.timeout_s * 1000)))
        except usb.core.USBTimeoutError:
            return b""

    def describe(self) -> str:
        return f"USB {self.vendor_id:04x}:{self.product_id:04x}"


class EscposReceiptPrinter:
    """kiosk.ports.printer.ReceiptPrinter on an ESC/POS printer reached through `link`."""

    def __init__(self, link: Link, *, width: int = PAPER_80MM_DOTS, native_qr: bool = False,
                 qr_module_dots: int = 8) -> None:
        self.link = link
        self.width = width
        self.native_qr = native_qr
        self.qr_module_dots = qr_module_dots

    def describe(self) -> str:
        return self.link.describe()

    def close(self) -> None:
        """Nothing stays open between prints."""

    def status(self) -> PrinterState:
        def ask(printer: Escpos) -> PrinterState:
            return self._state(printer)
        outcome = self._with_printer(ask)
        return outcome if isinstance(outcome, PrinterState) else PrinterState.OFFLINE

    def print_slip(self, slip: ReceiptSlip) -> PrintResult:
        def run(printer: Escpos) -> PrintResult:
            before = self._state(printer)
            refused = _refusal(before, during=False)
            if refused is not None:
                return refused
            self._send(printer, slip)
            after = self._state(printer)
            refused = _refusal(after, during=True)
            return refused if refused is not None else Printed(paper_low=after is PrinterState.PAPER_LOW)
        outcome = self._with_printer(run)
        if isinstance(outcome, PrinterState):
            return Offline()
        return outcome

    # ------------------------------------------------------------ parts
    def _with_printer(self, work: Callable[[Escpos], T]) -> T | PrinterState | Failed:
        try:
            printer = self.link.open()
        except DeviceGone:
            return PrinterState.OFFLINE
        except Exception as e:  # a driver defect or an odd device: typed, never raised to the UI
            log.warning("printer %s did not open: %s", self.link.describe(), type(e).__name__)
            return Failed(type(e).__name__)
        try:
            return work(printer)
        except Exception as e:
            log.warning("printer %s failed: %s", self.link.describe(), type(e).__name__)
            return Failed(type(e).__name__)
        finally:
            try:
                printer.close()
            except Exception:
                log.debug("printer close failed", exc_info=True)

    def _ask(self, printer: Escpos, n: int) -> int | None:
        printer._raw(status.query(n))
        for b in self.link.reply(printer):
            if status.is_status_byte(b):
                return b
        return None

    def _state(self, printer: Escpos) -> PrinterState:
        first = self._ask(printer, status.PRINTER)
        if first is None:
            return PrinterState.OFFLINE
        cause = self._ask(printer, status.OFFLINE_CAUSE) if first & status.OFFLINE_BIT else None
        paper = self._ask(printer, status.ROLL_PAPER)
        return status.decide(first, cause, paper)

    def _send(self, printer: Escpos, slip: ReceiptSlip) -> None:
        images = draw_slip(slip, self.width, self.qr_module_dots)
        # This printer's paper width, on this instance only (python-escpos's profiles are shared
        # class data): without it python-escpos prints a warning to stdout for every image.
        profile = printer.profile
        profile.profile_data = {**profile.profile_data, "media": {"width": {"pixels": self.width}}}
        printer._raw(ESC_INIT)
        printer.image(images.above, impl="bitImageRaster", center=False)
        if self.native_qr:
            from escpos.constants import QR_ECLEVEL_M, QR_MODEL_2

            printer._raw(ALIGN_CENTRE)
            printer.qr(slip.qr_payload, ec=QR_ECLEVEL_M, size=self.qr_module_dots, model=QR_MODEL_2, native=True)
            printer._raw(b"\n" + ALIGN_LEFT)
        else:
            printer.image(images.qr, impl="bitImageRaster", center=False)
        if images.below is not None:
            printer.image(images.below, impl="bitImageRaster", center=False)
        printer.cut(feed=True)


def _refusal(state: PrinterState, *, during: bool) -> PrintResult | None:
    if state is PrinterState.PAPER_OUT:
        return PaperOut(during=during)
    if state is PrinterState.COVER_OPEN:
        return Offline(cover_open=True)
    if state is PrinterState.OFFLINE:
        return Offline()
    return None


def printer_from_spec(spec: str, *, native_qr: bool = False) -> EscposReceiptPrinter:
    """`serial:/dev/ttyUSB0[@BAUD]` or `usb:VID:PID` (hexadecimal) -> the printer; ValueError otherwise."""
    kind, _, rest = spec.partition(":")
    if kind == "serial" and rest.startswith("/"):
        path, _, baud = rest.partition("@")
        return EscposReceiptPrinter(SerialLink(path, int(baud) if baud else 19200), native_qr=native_qr)
    if kind == "usb":
        vid, _, pid = rest.partition(":")
        return EscposReceiptPrinter(UsbLink(int(vid, 16), int(pid, 16)), native_qr=native_qr)
    raise ValueError(f"not a printer: {spec!r}")
