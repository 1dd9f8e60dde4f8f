"""The receipt printer driver (python-escpos) against the virtual printer on a real pseudo-terminal:
the printed page decoded back from its PNG (the QR code by the kiosk's own decoder), and a printer
out of paper, with its cover open, off line, running out mid-slip or unplugged, each answered with
its typed result within a bounded time."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from drivers.printer.escpos_parser import EscPosParser
from drivers.printer.escpos_printer import EscposReceiptPrinter, SerialLink, printer_from_spec
from drivers.printer.virtual import Mode, VirtualPrinter
from drivers.qr.decoder import ZxingDecoder
from kiosk.ports import Receipt
from kiosk.ports.printer import Offline, PaperOut, Printed, PrinterState
from kiosk.receipt_slip import qr_payload, slip_for

RECEIPT = Receipt("K7-2611-0042", "key-1", "2026-11-26T12:00:00+08:00")
SWITCH = ("基金轉換", "Fund switch")


@pytest.fixture
def virtual(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(tmp_path / "pages") as printer:
        yield printer


def _slip(lang: str = "zh_HK"):  # type: ignore[no-untyped-def]
    return slip_for(RECEIPT, lang, instruction=SWITCH, instruction_type="FUND_SWITCH", masked_hkid="A12****(*)")


def _decode(png: Path) -> list[bytes]:
    grey = np.asarray(Image.open(png).convert("L"), dtype=np.uint8)
    return [d.payload for d in ZxingDecoder().decode(grey)]


@pytest.mark.parametrize("native_qr", [False, True], ids=["raster-qr", "native-qr"])
def test_a_printed_slip_reads_back_with_its_reference(virtual: VirtualPrinter, native_qr: bool) -> None:
    printer = EscposReceiptPrinter(SerialLink(virtual.path), native_qr=native_qr)
    assert printer.status() is PrinterState.READY
    assert printer.print_slip(_slip()) == Printed()
    assert virtual.wait_for_pages(1)
    page = virtual.pages[0]
    assert page.suffix == ".png" and page.exists()
    assert _decode(page) == [qr_payload(RECEIPT.kiosk_ref).encode()]
    # The native QR command is drawn by the printer; the raster one arrives as dots.
    assert virtual.qr_codes[0] == ([qr_payload(RECEIPT.kiosk_ref)] if native_qr else [])
    assert virtual.unknown == []
    image = Image.open(page).convert("L")
    assert image.width == 576 + 32 and image.height > 1000  # 80 mm paper, a full slip
    dark = np.asarray(image) < 128
    assert 0.03 < dark.mean() < 0.4  # text and a code, not a blank or black page


def test_out_of_paper_prints_nothing_and_says_so(virtual: VirtualPrinter) -> None:
    virtual.mode = Mode.PAPER_OUT
    printer = EscposReceiptPrinter(SerialLink(virtual.path))
    assert printer.status() is PrinterState.PAPER_OUT
    assert printer.print_slip(_slip()) == PaperOut(during=False)
    virtual.mode = Mode.READY  # a roll loaded: the same printer prints
    assert printer.print_slip(_slip("en")) == Printed()
    assert virtual.wait_for_pages(1) and len(virtual.pages) == 1


def test_cover_open_and_paper_low(virtual: VirtualPrinter) -> None:
    printer = EscposReceiptPrinter(SerialLink(virtual.path))
    virtual.mode = Mode.COVER_OPEN
    assert printer.print_slip(_slip()) == Offline(cover_open=True)
    virtual.mode = Mode.PAPER_LOW
    assert printer.print_slip(_slip()) == Printed(paper_low=True)


def test_an_offline_printer_is_reported_within_a_second_or_two(virtual: VirtualPrinter) -> None:
    virtual.mode = Mode.OFFLINE  # it stops answering, as a switched-off printer does
    printer = EscposReceiptPrinter(SerialLink(virtual.path))
    started = time.monotonic()
    assert printer.print_slip(_slip()) == Offline()
    assert printer.status() is PrinterState.OFFLINE
    assert time.monotonic() - started < 3.0
    assert virtual.pages == []


def test_paper_running_out_mid_slip(virtual: VirtualPrinter) -> None:
    virtual.paper_dots = 400  # a few centimetres left on the roll
    printer = EscposReceiptPrinter(SerialLink(virtual.path))
    assert printer.print_slip(_slip()) == PaperOut(during=True)
    assert virtual.wait_for_pages(1) and virtual.pages[0].name.endswith("-torn.png")


def test_an_unplugged_printer_is_offline_not_an_exception(tmp_path: Path) -> None:
    printer = printer_from_spec(f"serial:{tmp_path}/no-such-tty")
    assert printer.status() is PrinterState.OFFLINE
    assert printer.print_slip(_slip()) == Offline()


def test_the_parser_waits_for_a_command_split_across_reads() -> None:
    stream = (b"\x1b@\x1ba\x01" + b"\x1dv0\x00\x01\x00\x02\x00\xff\x00" + b"\x10\x04\x01"
              + b"\x1d(k\x10\x001P0EMPFK:K7-0001" + b"Hi\n" + b"\x1dVA\x03")
    whole = EscPosParser().feed(stream)
    parser = EscPosParser()
    split = [c for i in range(len(stream)) for c in parser.feed(stream[i:i + 1])]
    # Text may arrive in pieces (each is printed where the last ended); every other command whole.
    assert [c for c in split if c.name != "text"] == [c for c in whole if c.name != "text"]
    assert b"".join(c.data for c in split if c.name == "text") == b"Hi" and parser.pending == 0
    assert [c.name for c in whole] == ["esc_@", "esc_a", "raster", "status", "qr_store", "text", "newline", "cut"]
    assert whole[4].data == b"EMPFK:K7-0001"
