"""The receipt printer's part of the member walk (devtools/screenshots.py): the receipt screen after
a printout on a printer out of paper, the state a member must be able to read without help.

The printer is the virtual one (drivers/printer/virtual.py) on a pseudo-terminal, told it has no
paper: the walk presses Print and waits for the driver's real answer."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from kiosk.printing import Built, PrinterService
from ui.main_window import MainWindow

SCREENS = ("receipt-paper-out",)


def paper_out_printer(folder: Path) -> PrinterService:
    def build() -> Built:
        from drivers.printer.escpos_printer import EscposReceiptPrinter, SerialLink
        from drivers.printer.virtual import Mode, VirtualPrinter

        virtual = VirtualPrinter(folder / "printed-receipts").start()
        virtual.mode = Mode.PAPER_OUT
        return EscposReceiptPrinter(SerialLink(virtual.path)), virtual.stop
    return PrinterService("virtual", build)


def receipt_paper_out(window: MainWindow, shot: Callable[[str], object],
                      wait_for: Callable[[Callable[[], bool]], None]) -> None:
    """On the receipt screen: Print, the printer's answer, the picture."""
    screen = window.receipt
    if window.services.printer is None:
        return
    screen.print_button.click()
    wait_for(lambda: not window.receipt_printing.busy)
    shot("receipt-paper-out")
    with contextlib.suppress(Exception):
        window.services.printer.close()  # the pty and its thread stop with the picture taken
