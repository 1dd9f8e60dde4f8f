"""A slip drawn as 1-bit images for ESC/POS raster printing (GS v 0).

Thermal printers' Chinese code pages differ from model to model (Big5, GB18030 or none, and no
HKSCS characters), so no text is sent as characters: every line is drawn here with Noto Sans CJK
(fonts-noto-cjk, installed by scripts/setup.sh) and printed as an image, which any ESC/POS
printer with raster graphics prints the same way. The QR code is drawn here too (module size and
quiet zone chosen, not left to the printer's firmware) unless the driver is told to send it as the
printer's own QR command.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from kiosk.ports.printer import LineStyle, ReceiptSlip, SlipLine

PAPER_80MM_DOTS = 576  # 72 mm printable at 203 dpi
PAPER_58MM_DOTS = 384
MARGIN_DOTS = 8
QR_MODULE_DOTS = 8  # 1 mm modules at 203 dpi: read by phone cameras at arm's length
QR_QUIET_MODULES = 4

FONT_PX = {LineStyle.TITLE: 40, LineStyle.REFERENCE: 52, LineStyle.HEADING: 28, LineStyle.BODY: 28,
           LineStyle.SMALL: 22, LineStyle.RULE: 0}
BOLD = {LineStyle.TITLE, LineStyle.REFERENCE, LineStyle.HEADING}
LINE_GAP = 6

_FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-{w}.ttc",
               "/usr/share/fonts/noto-cjk/NotoSansCJK-{w}.ttc")
# Face names inside the collection, best first: Hong Kong glyph forms, then Taiwan's.
_FACES = ("Noto Sans CJK HK", "Noto Sans CJK TC")


class FontMissing(RuntimeError):
    """No CJK font: install fonts-noto-cjk (scripts/setup.sh does)."""


@functools.cache
def _font_file(weight: str) -> str:
    for pattern in _FONT_FILES:
        path = pattern.format(w=weight)
        if Path(path).exists():
            return path
    if shutil.which("fc-match"):
        out = subprocess.run(["fc-match", "-f", "%{file}", f"Noto Sans CJK HK:{weight.lower()}"],
                             capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        if out.endswith((".ttc", ".otf", ".ttf")) and Path(out).exists():
            return out
    raise FontMissing("no Noto Sans CJK font (apt-get install fonts-noto-cjk)")


@functools.cache
def _face_index(path: str) -> int:
    """The index of the Hong Kong (else Taiwan) face in a font collection."""
    found: dict[str, int] = {}
    for index in range(16):
        try:
            family = ImageFont.truetype(path, 12, index=index).getname()[0]
        except OSError:
            break
        found.setdefault(family or "", index)
    return next((found[f] for f in _FACES if f in found), 0)


@functools.cache
def font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = _font_file("Bold" if bold else "Regular")
    return ImageFont.truetype(path, px, index=_face_index(path))


_NO_LINE_START = set("）」』】〉》，。、：；！？・…,.:;!?)")  # a line does not begin with these


def _tokens(text: str) -> list[str]:
    """Break points: after every CJK character, and at spaces between Latin words; closing
    punctuation stays with what it closes."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch in _NO_LINE_START and out and not word:
            out[-1] += ch
        elif ch == " ":
            out.append(word + " ")
            word = ""
        elif ord(ch) >= 0x2E80:  # CJK and full-width punctuation: a break is allowed around each
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        trial = current + token
        if current and face.getlength(trial.rstrip()) > width:
            lines.append(current.rstrip())
            current = token.lstrip() if token.strip() else ""
        else:
            current = trial
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def draw_lines(lines: tuple[SlipLine, ...] | list[SlipLine], width: int = PAPER_80MM_DOTS) -> Image.Image:
    """The lines as one 1-bit image `width` dots wide (black on white, as thermal paper prints)."""
    inner = width - 2 * MARGIN_DOTS
    rows: list[tuple[str, ImageFont.FreeTypeFont, bool] | None] = []  # None: a rule
    height = LINE_GAP
    for line in lines:
        if line.style is LineStyle.RULE:
            rows.append(None)
            height += 3 + 2 * LINE_GAP
            continue
        face = font(FONT_PX[line.style], line.style in BOLD)
        for part in wrap(line.text, face, inner):
            rows.append((part, face, line.centred))
            height += FONT_PX[line.style] + LINE_GAP + LINE_GAP // 2
    image = Image.new("1", (width, height), 1)
    pen = ImageDraw.Draw(image)
    y = LINE_GAP
    for row in rows:
        if row is None:
            y += LINE_GAP
            pen.rectangle((MARGIN_DOTS, y, width - MARGIN_DOTS, y + 2), fill=0)
            y += 3 + LINE_GAP
            continue
        text, face, centred = row
        x = MARGIN_DOTS + max(0, (inner - int(face.getlength(text))) // 2) if centred else MARGIN_DOTS
        pen.text((x, y), text, font=face, fill=0)
        y += int(face.size) + LINE_GAP + LINE_GAP // 2
    return image


def draw_qr(payload: str, width: int = PAPER_80MM_DOTS, module: int = QR_MODULE_DOTS) -> Image.Image:
    """The QR code (error correction M, 4-module quiet zone), centred on a strip `width` dots wide."""
    code = qrcode.QRCode(border=QR_QUIET_MODULES, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    side = len(matrix) * module
    image = Image.new("1", (width, side), 1)
    pen = ImageDraw.Draw(image)
    left = (width - side) // 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pen.rectangle((left + x * module, y * module, left + (x + 1) * module - 1,
                               (y + 1) * module - 1), fill=0)
    return image


@dataclass(frozen=True)
class SlipImages:
    """The slip as printed: the lines above the QR code, the code, the lines below it."""

    above: Image.Image
    qr: Image.Image
    below: Image.Image | None


def draw_slip(slip: ReceiptSlip, width: int = PAPER_80MM_DOTS, qr_module: int = QR_MODULE_DOTS) -> SlipImages:
    split = len(slip.lines) if slip.qr_after is None else slip.qr_after
    above, below = slip.lines[:split], slip.lines[split:]
    return SlipImages(draw_lines(above, width), draw_qr(slip.qr_payload, width, qr_module),
                      draw_lines(below, width) if below else None)
