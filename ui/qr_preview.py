"""The camera's live picture with a guide frame: where to hold the phone.

Painted by hand (not QVideoWidget) so the same widget shows camera frames and the demo's pictures,
and so the guide can sit on top without a native child window in the way. The picture is mirrored
like a looking glass, which is what people expect of a camera facing them; decoding uses the
unmirrored frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import PALETTE

GUIDE_FRACTION = 0.62  # the guide square's side, as a fraction of the preview's shorter side


class CameraPreview(QWidget):
    def __init__(self, parent: QWidget | None = None, mirror: bool = True) -> None:
        super().__init__(parent)
        self.mirror = mirror
        self._image: QImage | None = None
        self.message = ""  # shown when there is no picture (camera unavailable, starting)
        self.found = False  # briefly True when a code was read: the guide turns green
        self.setMinimumSize(480, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self.update()

    @property
    def has_image(self) -> bool:
        return self._image is not None and not self._image.isNull()

    def guide_rect(self) -> QRectF:
        side = min(self.width(), self.height()) * GUIDE_FRACTION
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), QColor("#1B1F23"))
        if self._image is not None and not self._image.isNull():
            img = self._image.flipped(Qt.Orientation.Horizontal) if self.mirror else self._image
            scaled = img.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                Qt.TransformationMode.FastTransformation)
            p.drawImage((self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2, scaled)
        guide = self.guide_rect()
        # Dim everything outside the guide so the eye goes to the square.
        outside = QPainterPath()
        outside.addRect(QRectF(self.rect()))
        inner = QPainterPath()
        inner.addRoundedRect(guide, 18, 18)
        p.fillPath(outside.subtracted(inner), QColor(0, 0, 0, 120))
        # Corner brackets: white with a dark rim, so they show on a white phone and a dark room alike.
        arm = guide.width() * 0.18
        corners = ((guide.left(), guide.top(), 1, 1), (guide.right(), guide.top(), -1, 1),
                   (guide.left(), guide.bottom(), 1, -1), (guide.right(), guide.bottom(), -1, -1))
        for pen in (QPen(QColor(0, 0, 0, 170), 16), QPen(QColor(PALETTE.ok if self.found else "#FFFFFF"), 9)):
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            for cx, cy, dx, dy in corners:
                p.drawLine(int(cx), int(cy), int(cx + dx * arm), int(cy))
                p.drawLine(int(cx), int(cy), int(cx), int(cy + dy * arm))
        if not self.has_image and self.message:
            p.setPen(QColor("#FFFFFF"))
            font = p.font()
            font.setPixelSize(26)
            p.setFont(font)
            p.drawText(guide.adjusted(24, 24, -24, -24).toRect(),
                       int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.message)
        p.end()
