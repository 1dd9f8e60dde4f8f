"""The receipt screen's printout: the Print button, the printing on a worker thread, and what the
member is told (printing, printed, out of paper, printer offline, could not print).

While a printout is under way or has failed, the receipt screen stays: the receipt timer does
not close it (MainWindow.tick asks `holds`), so a member whose slip did not come out still has the
reference on screen to write down, and Done still ends the visit. The idle wipe still applies: a
member who walked away is not kept on screen for ever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from kiosk.core.session import Session
from kiosk.ports.printer import Failed, Offline, PaperOut, Printed, PrintResult
from ui.bridge import Worker
from ui.services import KioskServicesLike

if TYPE_CHECKING:
    from ui.screens.receipt import ReceiptScreen

log = logging.getLogger(__name__)


def _message(result: PrintResult) -> str:
    if isinstance(result, Printed):
        return "printed"
    if isinstance(result, PaperOut):
        return "print_paper_out"
    if isinstance(result, Offline):
        return "print_offline"
    return "print_failed"


class ReceiptPrinting:
    def __init__(self, screen: ReceiptScreen, session: Session, services: KioskServicesLike, worker: Worker,
                 generation: Callable[[], int]) -> None:
        self.screen = screen
        self.session = session
        self.services = services
        self.worker = worker
        self._generation = generation
        self.busy = False
        self.result: PrintResult | None = None
        self._for_ref = ""
        screen.print_button.clicked.connect(self.print_now)

    @property
    def holds(self) -> bool:
        """The receipt screen must stay: printing, or the printout failed."""
        return self.busy or (self.result is not None and not isinstance(self.result, Printed))

    def shown(self) -> None:
        """The receipt screen has opened for a new receipt: offer the printout, or print at once."""
        receipt = self.session.state.receipt
        ref = receipt.kiosk_ref if receipt else ""
        if ref == self._for_ref:
            return
        self._for_ref, self.result, self.busy = ref, None, False
        printer = self.services.printer
        self.screen.show_printing(None, can_print=printer is not None, lang=self.session.state.lang)
        if printer is not None and printer.auto_print and receipt is not None:
            self.print_now()

    def print_now(self) -> None:
        printer = self.services.printer
        state = self.session.state
        receipt = state.receipt
        if printer is None or receipt is None or self.busy:
            return
        self.busy = True
        self._show("printing")
        instruction = _instruction_title(state.instruction_type)
        masked = state.identity.masked_hkid if state.identity is not None else ""
        lang, kind = state.lang, state.instruction_type
        self.worker.submit(lambda: printer.print_receipt(receipt, lang, instruction=instruction, instruction_type=kind,
                                                         masked_hkid=masked),
                           partial(self._done, self._generation(), receipt.kiosk_ref),
                           partial(self._raised, self._generation(), receipt.kiosk_ref))

    def clear(self) -> None:
        self._for_ref, self.result, self.busy = "", None, False

    # ------------------------------------------------------------ results, on the GUI thread
    def _done(self, generation: int, ref: str, result: object) -> None:
        if generation != self._generation() or ref != self._for_ref:
            return  # printed for a member who has gone
        self.busy = False
        if not isinstance(result, Printed | PaperOut | Offline | Failed):
            result = Failed(type(result).__name__)
        self.result = result
        if not isinstance(result, Printed):
            log.warning("receipt not printed: %s", type(result).__name__)
        self._show(_message(result))

    def _raised(self, generation: int, ref: str, error: BaseException) -> None:
        self._done(generation, ref, Failed(type(error).__name__))

    def _show(self, key: str) -> None:
        self.screen.show_printing(key, can_print=not self.busy, lang=self.session.state.lang,
                                  again=self.result is not None, problem=self.holds and not self.busy)


def _instruction_title(code: str | None) -> tuple[str, str] | None:
    if not code:
        return None
    from kiosk.domain.instructions import TYPES

    kind = TYPES.get(code)
    return (kind.title_zh, kind.title_en) if kind is not None else None
