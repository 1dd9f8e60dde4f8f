"""The receipt screen's printout against the virtual printer on a real pseudo-terminal (the kiosk's
composition root builds the printer from the `printer = virtual` setting): printed and read back;
out of paper and off line each said plainly, and the receipt staying past its timer until the
member leaves; automatic printing when the operator's setting says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeClock, FakeServices
from drivers.printer.escpos_printer import EscposReceiptPrinter, SerialLink
from drivers.printer.virtual import Mode, VirtualPrinter
from drivers.qr.decoder import ZxingDecoder
from kiosk.app import receipt_printer
from kiosk.config import KioskConfig
from kiosk.core.state import Screen
from kiosk.printing import PRINTED_DIR, PrinterService
from kiosk.receipt_slip import qr_payload
from tests.support.ui import open_window, to_form, type_into
from ui.main_window import MainWindow

WAIT_MS = 10_000


@pytest.fixture
def virtual(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(tmp_path / "pages") as printer:
        yield printer


def _service(virtual: VirtualPrinter, auto_print: bool = False) -> PrinterService:
    return PrinterService("virtual", lambda: (EscposReceiptPrinter(SerialLink(virtual.path)), None),
                          auto_print=auto_print)


def _screen(w: MainWindow) -> Screen:
    return w.session.state.screen  # read afresh (a narrowed attribute would not be, for mypy)


def _to_receipt(w: MainWindow, qtbot: QtBot) -> None:
    to_form(w, qtbot, items=("mobile",))
    type_into(w, "mobile", "91234567")
    w.form.next_button.click()
    w.review.confirm_button.click()
    qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=WAIT_MS)


def test_print_button_prints_the_receipt_and_the_screen_then_closes_on_time(
        qtbot: QtBot, tmp_path: Path) -> None:
    config = KioskConfig(data_dir=tmp_path / "kiosk", printer="virtual")
    printer = receipt_printer(config)  # the composition root's own wiring of `printer = virtual`
    assert printer is not None
    clock = FakeClock()
    services = FakeServices(data_dir=tmp_path, config=config, printer=printer)
    try:
        with open_window(qtbot, services, clock) as w:
            _to_receipt(w, qtbot)
            screen = w.receipt
            assert screen.print_button.isVisible() and screen.print_button.text() == "列印收據"
            screen.print_button.click()
            qtbot.waitUntil(lambda: screen.print_status.text() == "收據已列印，請取回。", timeout=WAIT_MS)
            ref = screen.reference.text()
            pages = sorted((tmp_path / "kiosk" / PRINTED_DIR).glob("*.png"))
            assert len(pages) == 1
            grey = np.asarray(Image.open(pages[0]).convert("L"), dtype=np.uint8)
            assert [d.payload for d in ZxingDecoder().decode(grey)] == [qr_payload(ref).encode()]
            # Printed: the receipt closes on its timer as before.
            clock.advance(config.receipt_timeout_s + 1)
            w.tick()
            assert _screen(w) is Screen.ATTRACT
    finally:
        printer.close()


@pytest.mark.parametrize(("mode", "zh", "en"), [
    (Mode.PAPER_OUT, "打印機沒有紙", "The printer is out of paper"),
    (Mode.OFFLINE, "打印機未能連線", "The printer is offline"),
])
def test_a_failed_printout_is_said_and_the_receipt_stays(qtbot: QtBot, tmp_path: Path, virtual: VirtualPrinter,
                                                         mode: Mode, zh: str, en: str) -> None:
    virtual.mode = mode
    clock = FakeClock()
    services = FakeServices(data_dir=tmp_path, printer=_service(virtual))
    with open_window(qtbot, services, clock) as w:
        _to_receipt(w, qtbot)
        screen = w.receipt
        screen.print_button.click()
        qtbot.waitUntil(lambda: screen.print_status.text().startswith(zh), timeout=WAIT_MS)
        assert screen.print_status.isVisible() and screen.print_status.objectName() == "fieldError"
        assert not screen.closing.isVisible()  # no countdown while the member has no printout
        assert screen.print_button.text() == "再列印一次" and screen.print_button.isEnabled()
        w.header.lang_en.click()
        assert screen.print_status.text().startswith(en)
        # Well past the receipt timer (60 s), and the reference is still on screen.
        for _ in range(3):
            clock.advance(services.config.receipt_timeout_s)
            w.session.touch()  # the member is still there (the idle wipe is another matter)
            w.tick()
        assert _screen(w) is Screen.RECEIPT and screen.reference.text()
        assert virtual.pages == []
        # The printer is back: printing again works, and then the receipt closes on its timer.
        virtual.mode = Mode.READY
        screen.print_button.click()
        qtbot.waitUntil(lambda: screen.print_status.text() == "Your receipt has been printed. Please take it.",
                        timeout=WAIT_MS)
        assert virtual.wait_for_pages(1)
        clock.advance(services.config.receipt_timeout_s + 1)
        w.tick()
        assert _screen(w) is Screen.ATTRACT
        # Done always ends the visit: another failed printout, then Done.
        virtual.mode = mode
        _to_receipt(w, qtbot)
        w.receipt.print_button.click()
        qtbot.waitUntil(lambda: w.receipt.print_status.text().startswith(zh), timeout=WAIT_MS)  # a new member
        w.receipt.done_button.click()
        assert _screen(w) is Screen.ATTRACT


def test_automatic_printing_and_no_button_without_a_printer(qtbot: QtBot, tmp_path: Path,
                                                            virtual: VirtualPrinter) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path, printer=_service(virtual, auto_print=True))) as w:
        _to_receipt(w, qtbot)
        assert virtual.wait_for_pages(1)  # nothing pressed: the operator's setting printed it
        qtbot.waitUntil(lambda: w.receipt.print_status.text() == "收據已列印，請取回。", timeout=WAIT_MS)
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        _to_receipt(w, qtbot)
        assert not w.receipt.print_button.isVisible() and not w.receipt.print_status.isVisible()
