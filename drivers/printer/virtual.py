"""A virtual ESC/POS receipt printer on a pseudo-terminal, for tests and the demo.

The kiosk's driver opens it as an ordinary serial printer (its `path`, e.g. /dev/pts/7) and talks
ESC/POS to it; this end parses what arrives (escpos_parser), answers the real-time status queries
(DLE EOT) and, at each cut, saves the page as a PNG a person can look at (page.py) in `out_dir`.
It can be told to be out of paper (it answers so, and prints nothing), to have its cover open, or
to be off line (it stops answering, as an unplugged or switched-off printer does); `paper_dots`
makes the roll run out part-way through a slip.

Run on its own: `python -m drivers.printer.virtual --out DIR` prints the device path to use as
`--printer serial:PATH`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pty
import select
import threading
import tty
from enum import Enum
from pathlib import Path

from PIL import Image

from drivers.printer import status
from drivers.printer.escpos_parser import Command, EscPosParser
from drivers.printer.page import Page
from drivers.printer.raster import PAPER_80MM_DOTS

log = logging.getLogger(__name__)

POLL_S = 0.05


class Mode(str, Enum):
    READY = "ready"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # silent: no status answers, nothing printed


class VirtualPrinter:
    def __init__(self, out_dir: Path, width: int = PAPER_80MM_DOTS) -> None:
        self.out_dir = out_dir
        self.width = width
        self.mode = Mode.READY
        self.paper_dots: int | None = None  # paper left on the roll, in dot rows; None: plenty
        self.pages: list[Path] = []
        self.qr_codes: list[list[str]] = []  # per saved page: the printer-drawn QR codes' contents
        self.unknown: list[str] = []  # commands it did not know, for tests to assert on
        self.received = 0  # bytes read, all told
        self._page = Page(width)
        self._parser = EscPosParser()
        self._master = -1
        self._slave = -1
        self._path = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._printed = threading.Condition(self._lock)

    # ------------------------------------------------------------ life
    @property
    def path(self) -> str:
        """The device the driver opens as a serial printer."""
        return self._path

    def start(self) -> VirtualPrinter:
        self._master, self._slave = pty.openpty()
        tty.setraw(self._slave)  # bytes through unchanged: no echo, no newline translation
        self._path = os.ttyname(self._slave)
        # This end keeps the slave open too: the pty stays usable while the driver closes and reopens it.
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="virtual-printer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = -1

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_for_pages(self, count: int, timeout_s: float = 10.0) -> bool:
        """True once `count` pages have been saved (the bytes arrive after the driver returns)."""
        with self._printed:
            return self._printed.wait_for(lambda: len(self.pages) >= count, timeout_s)

    # ------------------------------------------------------------ the device end
    def _run(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], POLL_S)
            if not ready:
                continue
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return  # the pty is gone
            self.received += len(chunk)
            for command in self._parser.feed(chunk):
                self._handle(command)

    def _handle(self, command: Command) -> None:
        mode = self.mode
        if command.name == "status":
            answer = self._status(command.args[0], mode)
            if answer is not None:
                with contextlib.suppress(OSError):
                    os.write(self._master, bytes([answer]))
            return
        if mode in (Mode.OFFLINE, Mode.PAPER_OUT, Mode.COVER_OPEN):
            return  # a printer that cannot print drops what it is sent
        if command.name == "cut":
            self._cut()
            return
        self._page.apply(command)
        self._use_paper()
        if command.name.startswith("unknown"):
            self.unknown.append(command.name + ":" + command.args.hex())

    def _use_paper(self) -> None:
        if self.paper_dots is None:
            return
        used = sum(block.height for block in self._page.blocks)
        if used >= self.paper_dots:
            # The roll ran out mid-slip: the printer stops; what was printed stays in it, uncut.
            self._page.blocks = _trim(self._page.blocks, self.paper_dots)
            self._cut(torn=True)
            self.mode = Mode.PAPER_OUT
            self.paper_dots = 0

    def _cut(self, torn: bool = False) -> None:
        page = self._page
        self._page = Page(self.width)
        if page.empty:
            return
        with self._printed:
            number = len(self.pages) + 1
            name = f"receipt-{number:04d}{'-torn' if torn else ''}.png"
            saved = page.save(self.out_dir / name)
            self.pages.append(saved)
            self.qr_codes.append(list(page.qr_codes))
            if self.paper_dots is not None:
                self.paper_dots = max(0, self.paper_dots - page.render().height)
            self._printed.notify_all()
        log.info("virtual printer: page %d saved to %s", number, saved)

    @staticmethod
    def _status(n: int, mode: Mode) -> int | None:
        if mode is Mode.OFFLINE:
            return None
        flags = 0
        if n == status.PRINTER:
            flags = status.OFFLINE_BIT if mode in (Mode.PAPER_OUT, Mode.COVER_OPEN) else 0
        elif n == status.OFFLINE_CAUSE:
            flags = {Mode.PAPER_OUT: status.PAPER_END_STOP_BIT, Mode.COVER_OPEN: status.COVER_OPEN_BIT}.get(mode, 0)
        elif n == status.ROLL_PAPER:
            flags = {Mode.PAPER_OUT: status.PAPER_END_BITS, Mode.PAPER_LOW: status.NEAR_END_BITS}.get(mode, 0)
        return status.status_byte(flags)


def _trim(blocks: list[Image.Image], dots: int) -> list[Image.Image]:
    kept: list[Image.Image] = []
    total = 0
    for block in blocks:
        if total + block.height > dots:
            kept.append(block.crop((0, 0, block.width, dots - total)))
            break
        kept.append(block)
        total += block.height
    return kept


def main() -> None:
    import argparse
    import time

    parser = argparse.ArgumentParser(description="A virtual ESC/POS receipt printer on a pseudo-terminal.")
    parser.add_argument("--out", type=Path, required=True, help="folder for the printed pages (PNG)")
    parser.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.READY.value)
    parser.add_argument("--seconds", type=float, default=3600.0, help="stop after this long (default 1 h)")
    args = parser.parse_args()
    with VirtualPrinter(args.out) as printer:
        printer.mode = Mode(args.mode)
        print(printer.path, flush=True)
        deadline = time.monotonic() + args.seconds
        with contextlib.suppress(KeyboardInterrupt):
            while time.monotonic() < deadline:
                time.sleep(0.5)


if __name__ == "__main__":
    main()
