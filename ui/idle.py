"""The idle warning: a dimmed page, a countdown and one big "I need more time" button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.strings import tr
from ui.theme import PALETTE, SPACING
from ui.widgets import button, label

PANEL_WIDTH = 1100


class IdleOverlay(QWidget):
    """Covers the whole window (a child of the central widget, resized with it), so nothing under
    it can be pressed by accident while the member decides."""

    def __init__(self, on_more_time: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.panel = QFrame()
        self.panel.setObjectName("overlayPanel")
        self.panel.setFixedWidth(PANEL_WIDTH)  # narrower on a narrow window (resizeEvent)
        col = QVBoxLayout(self.panel)
        col.setContentsMargins(64, 48, 64, 48)
        col.setSpacing(SPACING)
        self.title = label(name="title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.seconds = label(name="hero")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.body = label()
        self.body.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.more_time = button(tr("idle_more_time", "zh_HK"), "hero")
        self.more_time.clicked.connect(on_more_time)
        col.addWidget(self.title)
        col.addWidget(self.seconds)
        col.addWidget(self.body)
        col.addSpacing(16)
        col.addWidget(self.more_time)
        outer.addWidget(self.panel)
        self.hide()

    def show_countdown(self, seconds: int, lang: str) -> None:
        self.title.setText(tr("idle_title", lang))
        self.seconds.setText(str(seconds))
        self.body.setText(tr("idle_body", lang, n=seconds))
        self.more_time.setText(tr("idle_more_time", lang))
        self._fit_panel()
        if self.isHidden():
            host = self.parentWidget()
            if host is not None:
                self.setGeometry(host.rect())
            self.show()
            self.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A portrait screen is 1080 px wide: the panel keeps a margin of dimmed page around it.
        self.panel.setFixedWidth(min(PANEL_WIDTH, event.size().width() - 2 * SPACING))
        self._fit_panel()
        super().resizeEvent(event)

    def _fit_panel(self) -> None:
        """As high as its wrapped texts need at its width (a centred panel otherwise gets the
        height of one long line, and cuts the body at large text)."""
        col = self.panel.layout()
        if col is not None:
            self.panel.setMinimumHeight(col.totalHeightForWidth(self.panel.width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(PALETTE.overlay_scrim))
        p.end()
