"""Small icons painted with QPainter, so that state never depends on colour alone and no image
files or symbol fonts are needed (a missing glyph would show as a box)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QWidget

from ui import theme
from ui.theme import PALETTE

ICON_PX = 36  # state icons on checkable buttons, before the text-size factor

# Each icon is painted once per size and colour and the same QPixmap handed out again. QLabel
# draws its pixmap through QIcon, which caches what it draws in QPixmapCache under the pixmap's
# key: a fresh pixmap per error shown or per key pressed filled that cache with copies, session
# after session (see bench/startup.py). QPixmap is copy-on-write, so sharing one is safe.
_reused = lru_cache(maxsize=128)


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pm, p


@_reused
def online(size: int = 32, colour: str = PALETTE.on_status) -> QPixmap:
    """A filled disc with a tick."""
    pm, p = _canvas(size)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#3FB950"))
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    pen = QPen(QColor(colour), size / 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.drawPolyline(QPolygonF([QPointF(size * .28, size * .52), QPointF(size * .44, size * .68),
                              QPointF(size * .72, size * .36)]))
    p.end()
    return pm


@_reused
def offline(size: int = 32, colour: str = PALETTE.on_status) -> QPixmap:
    """A hollow ring with a diagonal cross: reads as "not connected" without any colour."""
    pm, p = _canvas(size)
    pen = QPen(QColor("#F2A33A"), size / 9)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    m = size / 9
    p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
    pen = QPen(QColor(colour), size / 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(size * .34, size * .34), QPointF(size * .66, size * .66))
    p.drawLine(QPointF(size * .66, size * .34), QPointF(size * .34, size * .66))
    p.end()
    return pm


@_reused
def unknown(size: int = 32, colour: str = PALETTE.on_status) -> QPixmap:
    """A dashed ring: still looking for the network."""
    pm, p = _canvas(size)
    pen = QPen(QColor(colour), size / 9, Qt.PenStyle.DashLine)
    p.setPen(pen)
    m = size / 9
    p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
    p.end()
    return pm


@_reused
def warning(size: int = 32, colour: str = PALETTE.error) -> QPixmap:
    """A triangle with an exclamation mark, for errors next to fields and in notices."""
    pm, p = _canvas(size)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    path = QPainterPath()
    path.moveTo(size / 2, size * .06)
    path.lineTo(size * .97, size * .92)
    path.lineTo(size * .03, size * .92)
    path.closeSubpath()
    p.drawPath(path)
    p.setBrush(QColor("#FFFFFF"))
    p.drawRoundedRect(QRectF(size * .45, size * .34, size * .1, size * .32), size * .04, size * .04)
    p.drawEllipse(QRectF(size * .44, size * .72, size * .12, size * .12))
    p.end()
    return pm


@_reused
def info(size: int = 32, colour: str = PALETTE.notice) -> QPixmap:
    """A circled "i" for neutral notices."""
    pm, p = _canvas(size)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    p.setBrush(QColor("#FFFFFF"))
    p.drawEllipse(QRectF(size * .44, size * .2, size * .12, size * .12))
    p.drawRoundedRect(QRectF(size * .45, size * .4, size * .1, size * .4), size * .04, size * .04)
    p.end()
    return pm


class CardPicture(QWidget):
    """A card going into a reader slot, with an arrow: the "insert your card" hint.

    When `reading` is set the arrow is replaced by a progress ring driven by `phase` (0..1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(420, 360)
        self.reading = False
        self.phase = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        scale = min(w / 420, h / 360)
        p.translate((w - 420 * scale) / 2, (h - 360 * scale) / 2)
        p.scale(scale, scale)
        # the reader
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(PALETTE.status_bg))
        p.drawRoundedRect(QRectF(40, 250, 340, 90), 18, 18)
        p.setBrush(QColor("#0B0F12"))
        p.drawRoundedRect(QRectF(80, 262, 260, 16), 8, 8)  # the slot
        # the card, half in the slot
        p.setBrush(QColor("#D9EEF0"))
        p.setPen(QPen(QColor(PALETTE.primary), 4))
        p.drawRoundedRect(QRectF(100, 90, 220, 180), 16, 16)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#C9A227"))  # the chip, facing up
        p.drawRoundedRect(QRectF(130, 190, 56, 44), 8, 8)
        p.setBrush(QColor(PALETTE.primary))
        p.drawEllipse(QRectF(240, 112, 56, 56))  # the photo
        p.drawRoundedRect(QRectF(130, 120, 90, 12), 6, 6)
        p.drawRoundedRect(QRectF(130, 146, 70, 12), 6, 6)
        pen = QPen(QColor(PALETTE.primary), 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        if self.reading:
            p.setPen(pen)
            start = int(-self.phase * 360 * 16)
            p.drawArc(QRectF(175, 6, 70, 70), start, 270 * 16)
        else:
            p.setPen(pen)  # an arrow pointing down into the slot
            p.drawLine(QPointF(210, 10), QPointF(210, 70))
            p.drawPolyline(QPolygonF([QPointF(186, 48), QPointF(210, 72), QPointF(234, 48)]))
        p.end()


# The radio and tick-box icons of checkable buttons (ui/form_widgets, the attract screen's toggles).
def _radio(size: int, colour: str, on: bool) -> QPixmap:
    pm, p = _canvas(size)
    p.setPen(QPen(QColor(colour), size / 10))
    p.setBrush(Qt.BrushStyle.NoBrush)
    m = size / 8
    p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
    if on:
        p.setBrush(QColor(colour))
        p.setPen(Qt.PenStyle.NoPen)
        c = size * 0.3
        p.drawEllipse(QRectF(c, c, size - 2 * c, size - 2 * c))
    p.end()
    return pm


def _box(size: int, colour: str, on: bool) -> QPixmap:
    pm, p = _canvas(size)
    p.setPen(QPen(QColor(colour), size / 10))
    p.setBrush(Qt.BrushStyle.NoBrush)
    m = size / 8
    p.drawRoundedRect(QRectF(m, m, size - 2 * m, size - 2 * m), size / 10, size / 10)
    if on:
        p.setPen(QPen(QColor(colour), size / 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
        p.drawPolyline(QPolygonF([QPointF(size * .27, size * .52), QPointF(size * .44, size * .69),
                                  QPointF(size * .74, size * .33)]))
    p.end()
    return pm


# One icon per look, reused: Qt caches every pixmap it draws for an icon in QPixmapCache under the
# source pixmap's key, so a freshly painted icon per button and per language switch filled that
# cache (10 MB) with copies within a few dozen sessions. A handful of entries (2 shapes x the
# palettes x the text sizes), never member data.
_STATE_ICONS: dict[tuple[str, int, str, str], QIcon] = {}


def state_icon(shape: str) -> QIcon:
    """A radio ("radio") or tick box ("box") for a checkable button: the On state is filled/ticked,
    in the button's own text colour for each state."""
    pal = theme.palette()
    size = theme.active().size(ICON_PX)
    key = (shape, size, pal.text, pal.on_primary)
    icon = _STATE_ICONS.get(key)
    if icon is None:
        paint = _radio if shape == "radio" else _box
        icon = QIcon()
        icon.addPixmap(paint(size, pal.text, False), QIcon.Mode.Normal, QIcon.State.Off)
        icon.addPixmap(paint(size, pal.on_primary, True), QIcon.Mode.Normal, QIcon.State.On)
        _STATE_ICONS[key] = icon
    return icon
