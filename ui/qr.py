"""The receipt's QR code, painted straight from qrcode's module matrix (no PIL at run time)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.receipt_slip import QR_PREFIX, qr_payload

__all__ = ["QR_PREFIX", "payload", "qr_image"]


def payload(kiosk_ref: str) -> str:
    """What the QR carries: the kiosk reference only, never anything about the member (the same as
    the printed receipt's code, kiosk/receipt_slip.py)."""
    return qr_payload(kiosk_ref)


def qr_image(text: str, module_px: int = 10, border: int = 4) -> QImage:
    """Black modules on white with the standard 4-module quiet zone, so phone cameras read it."""
    code = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    n = len(matrix)
    image = QImage(n * module_px, n * module_px, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    p = QPainter(image)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#000000"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                p.drawRect(x * module_px, y * module_px, module_px, module_px)
    p.end()
    return image
