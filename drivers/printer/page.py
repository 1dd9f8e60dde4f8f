"""What a printer puts on paper, built from parsed ESC/POS commands and saved as a PNG at each cut.

The page is what a thermal printer would print, dot for dot: raster images as sent (GS v 0), QR
codes the printer draws itself (GS ( k, drawn here with `qrcode` as a printer's firmware would),
and plain text in a Latin font (a printer's own character set: this is where wrong code pages
would show). Alignment (ESC a) places images, codes and text as a printer does.
"""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from drivers.printer.escpos_parser import Command

_QR_EC = {48: qrcode.constants.ERROR_CORRECT_L, 49: qrcode.constants.ERROR_CORRECT_M,
          50: qrcode.constants.ERROR_CORRECT_Q, 51: qrcode.constants.ERROR_CORRECT_H}
TEXT_PX = 24
MARGIN = 16  # white paper around the printable width in the PNG


def _raster(args: bytes, data: bytes) -> Image.Image:
    """GS v 0's data: rows of `x` bytes, most significant bit leftmost, 1 = a black dot."""
    width_bytes, rows = args[2] | args[3] << 8, args[4] | args[5] << 8
    # "1;I": a set bit is black, as a thermal printer reads it (PIL's plain "1" reads it as white).
    return Image.frombytes("1", (width_bytes * 8, rows), data, "raw", "1;I")


class Page:
    def __init__(self, width: int) -> None:
        self.width = width
        self.blocks: list[Image.Image] = []
        self.align = 0  # 0 left, 1 centre, 2 right
        self._text = ""
        self._qr_size = 3
        self._qr_ec = 48
        self._qr_data = b""
        self.unknown: list[str] = []
        self.qr_codes: list[str] = []  # contents of the printer's own QR codes on this page

    @property
    def empty(self) -> bool:
        return not self.blocks and not self._text

    def apply(self, command: Command) -> None:
        name = command.name
        if name == "esc_@":
            self.align, self._text = 0, ""
        elif name == "esc_a":
            self.align = command.args[0] % 48 if command.args[0] >= 48 else command.args[0]
        elif name == "text":
            self._text += command.data.decode("latin-1")
        elif name == "newline":
            self._flush_text(force=True)
        elif name == "esc_d":
            self._flush_text()
            self._feed(command.args[0] * (TEXT_PX + 6))
        elif name == "esc_J":
            self._flush_text()
            self._feed(command.args[0])
        elif name == "raster":
            self._flush_text()
            self._place(_raster(command.args, command.data))
        elif name == "2d_67":
            self._qr_size = command.data[0] if command.data else 3
        elif name == "2d_69":
            self._qr_ec = command.data[0] if command.data else 48
        elif name == "qr_store":
            self._qr_data = command.data
        elif name == "2d_81":
            self._flush_text()
            self._print_qr()
        elif name.startswith("unknown"):
            self.unknown.append(f"{name}:{command.args.hex()}")

    def _feed(self, dots: int) -> None:
        if dots > 0:
            self.blocks.append(Image.new("1", (self.width, dots), 1))

    def _place(self, image: Image.Image) -> None:
        strip = Image.new("1", (self.width, image.height), 1)
        spare = max(0, self.width - image.width)
        x = {0: 0, 1: spare // 2, 2: spare}.get(self.align, 0)
        strip.paste(image.crop((0, 0, min(image.width, self.width), image.height)), (x, 0))
        self.blocks.append(strip)

    def _flush_text(self, force: bool = False) -> None:
        if not self._text and not force:
            return
        face = ImageFont.load_default(TEXT_PX)
        line = Image.new("1", (self.width, TEXT_PX + 6), 1)
        if self._text:
            pen = ImageDraw.Draw(line)
            width = int(pen.textlength(self._text, font=face))
            spare = max(0, self.width - width)
            x = {0: 0, 1: spare // 2, 2: spare}.get(self.align, 0)
            pen.text((x, 2), self._text, font=face, fill=0)
        self.blocks.append(line)
        self._text = ""

    def _print_qr(self) -> None:
        if not self._qr_data:
            return
        content = self._qr_data.decode("utf-8", errors="replace")
        code = qrcode.QRCode(border=4, error_correction=_QR_EC.get(self._qr_ec, qrcode.constants.ERROR_CORRECT_M),
                             box_size=max(1, min(16, self._qr_size)))
        code.add_data(content)
        code.make(fit=True)
        self._place(code.make_image().get_image().convert("1"))
        self.qr_codes.append(content)

    def render(self) -> Image.Image:
        """The page as paper: white margins around the printed width, the dots in black."""
        self._flush_text()
        height = sum(b.height for b in self.blocks)
        paper = Image.new("L", (self.width + 2 * MARGIN, height + 2 * MARGIN), 255)
        y = MARGIN
        for block in self.blocks:
            paper.paste(block.convert("L"), (MARGIN, y))
            y += block.height
        return paper

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.render().save(path)
        return path
