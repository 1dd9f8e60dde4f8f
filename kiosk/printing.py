"""The kiosk's receipt printer as the UI and the doctor use it: which printer (the `printer`
setting), the slip for a saved instruction, and printing it with a typed result.

The setting is one of
  none               no printer: the receipt screen offers no printout
  virtual            the virtual printer (drivers/printer/virtual.py): pages saved as PNG files in
                     the data folder's `printed-receipts/` (tests and `kiosk run --demo`)
  serial:PATH[@BAUD] an ESC/POS printer on a serial port, e.g. serial:/dev/ttyUSB0@19200
  usb:VID:PID        an ESC/POS printer on USB, vendor and product id in hexadecimal, e.g. usb:0416:5011

The driver is built on first use, on a worker thread: it loads Pillow and python-escpos, which
the attract screen's first paint need not wait for.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable

from kiosk.ports import Receipt
from kiosk.ports.printer import Failed, PrinterState, PrintResult, ReceiptPrinter

log = logging.getLogger(__name__)

NONE = "none"
VIRTUAL = "virtual"
PRINTED_DIR = "printed-receipts"  # the virtual printer's pages, in the data folder
_SERIAL = re.compile(r"^serial:(/[^\s@]+)(?:@(\d{3,7}))?$")
_USB = re.compile(r"^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$")

Built = tuple[ReceiptPrinter, Callable[[], None] | None]  # the printer, and what stops it (virtual)


def check_printer_setting(raw: str) -> str:
    """The setting, tidied; a bilingual ValidationError when it names no printer."""
    text = raw.strip()
    if text in ("", NONE):
        return NONE
    if text == VIRTUAL or _SERIAL.match(text) or _USB.match(text):
        return text
    from kiosk.domain import ValidationError  # the form model: not before the first paint

    raise ValidationError("SETTING_PRINTER",
                          "打印機設定只可為 none、virtual、serial:/dev/裝置 或 usb:廠商編號:產品編號。",
                          "The printer must be none, virtual, serial:/dev/DEVICE or usb:VID:PID (hexadecimal).",
                          field="printer")


class PrinterService:
    """The configured printer, built by `build` on first use. Thread-safe; never raises to its caller."""

    def __init__(self, setting: str, build: Callable[[], Built], *, auto_print: bool = False) -> None:
        self.setting = setting
        self.auto_print = auto_print
        self._build = build
        self._built: Built | None = None
        self._lock = threading.Lock()

    def _printer(self) -> ReceiptPrinter:
        with self._lock:
            if self._built is None:
                self._built = self._build()
            return self._built[0]

    def print_receipt(self, receipt: Receipt, lang: str, *, instruction: tuple[str, str] | None = None,
                      instruction_type: str | None = None, masked_hkid: str = "") -> PrintResult:
        """Lay the slip out and print it; blocks (call it off the UI thread)."""
        from kiosk.receipt_slip import slip_for

        try:
            slip = slip_for(receipt, lang, instruction=instruction, instruction_type=instruction_type,
                            masked_hkid=masked_hkid)
            return self._printer().print_slip(slip)
        except Exception as e:  # the driver answers with a result; this is a defect, kept from the member
            log.error("receipt printing raised %s", type(e).__name__)
            return Failed(type(e).__name__)

    def status(self) -> PrinterState:
        try:
            return self._printer().status()
        except Exception as e:
            log.error("printer status raised %s", type(e).__name__)
            return PrinterState.OFFLINE

    def describe(self) -> str:
        try:
            return self._printer().describe()
        except Exception as e:
            return f"{self.setting} ({type(e).__name__})"

    def close(self) -> None:
        with self._lock:
            built, self._built = self._built, None
        if built is not None:
            printer, stop = built
            printer.close()
            if stop is not None:
                stop()
