"""Chinese handwriting: a box the member writes in with a finger, and the characters it may be as
large buttons; tapping one types it into the field (drivers/handwriting recognises the strokes,
through kiosk.ports.handwriting).

The pad never takes the focus: the Chinese field keeps it, and a chosen character is inserted there.
Recognition runs on a thread of its own after every stroke (20–120 ms on the kiosk's CPU) and its
answer is dropped when the strokes changed meanwhile. The recogniser is imported on first use, not at
start-up (tests/ui/test_startup.py).
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent, QTouchEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.strings import tr
from ui.widgets import button

if TYPE_CHECKING:
    from kiosk.ports.handwriting import HandwritingRecogniser

log = logging.getLogger(__name__)

CANDIDATES = 10  # buttons: two rows of five
CANVAS_MIN = 240  # px: room for a character written with a finger
INK_PX = 10
WIDE_PX = 1100  # narrower than this (portrait) the edit keys get a row of their own


class WritingBox(QWidget):
    """Where the member writes: collects strokes (mouse, or touch that Qt turns into mouse events)
    and draws them with a thick pen over a cross guide, in the active palette."""

    stroke_added = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.placeholder = ""  # shown in the empty box: what to do (or why it cannot work here)
        self._drawing = False
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(CANVAS_MIN, CANVAS_MIN)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("hw_canvas", "zh_HK"))
        # A finger on a touch screen arrives as touch events (handled in event(), first finger
        # only); a mouse, or a touch screen driven as a pointer, as mouse events.
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def _begin(self, at: QPointF) -> None:
        self._drawing = True
        self.strokes.append([at])
        self.update()

    def _extend(self, at: QPointF) -> None:
        if self._drawing and self.strokes and self.strokes[-1][-1] != at:
            self.strokes[-1].append(at)
            self.update()

    def _end(self, at: QPointF) -> None:
        if self._drawing:
            self._extend(at)
            self._drawing = False
            self.stroke_added.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QTouchEvent) and kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
                                                       QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            points = event.points()
            # From the screen position: the same for touches the window system delivered and
            # for events sent to this widget directly.
            at = self.mapFromGlobal(points[0].globalPosition()) if points else None
            if at is not None and kind == QEvent.Type.TouchBegin:
                self._begin(at)
            elif at is not None and kind == QEvent.Type.TouchUpdate:
                self._extend(at)
            elif at is not None and kind == QEvent.Type.TouchEnd:
                self._end(at)
            elif kind == QEvent.Type.TouchCancel and self._drawing:
                self._drawing = False
                self.strokes.pop()
                self.update()
            event.accept()
            return True
        return super().event(event)

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self.update()

    def clear(self) -> None:
        self.strokes = []
        self._drawing = False
        self.update()

    def square(self) -> QRectF:
        side = min(self.width(), self.height()) - 4
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = theme.palette()
        hc = p.name == "high_contrast"
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self.square()
        painter.setPen(QPen(QColor(p.border), 3 if hc else 2))
        painter.setBrush(QColor(p.surface))
        painter.drawRoundedRect(box, 12, 12)
        guide = QPen(QColor(p.border), 1, Qt.PenStyle.DashLine)
        painter.setPen(guide)
        painter.drawLine(QPointF(box.center().x(), box.top() + 8), QPointF(box.center().x(), box.bottom() - 8))
        painter.drawLine(QPointF(box.left() + 8, box.center().y()), QPointF(box.right() - 8, box.center().y()))
        if not self.strokes and self.placeholder:
            painter.setPen(QColor(p.text_muted))
            font = painter.font()
            font.setPixelSize(max(18, round(theme.active().font(theme.SMALL_FONT_PX + 2))))
            painter.setFont(font)
            text_box = box.adjusted(box.width() * 0.12, box.height() * 0.12, -box.width() * 0.12, -box.height() * 0.12)
            painter.drawText(text_box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.placeholder)
        ink = QPen(QColor(p.text), INK_PX, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(ink)
        for stroke in self.strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
            for a, b in pairwise(stroke):
                painter.drawLine(a, b)
        painter.end()


class HandwritingPad(QWidget):
    """The writing box, the candidates and the edit keys (undo a stroke, rewrite, delete)."""

    recognised = Signal(int, list)  # strokes written when asked, candidates (from the worker thread)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "zh_HK"
        self._recogniser: HandwritingRecogniser | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._target: QLineEdit | None = None
        self._unavailable: str | None = None
        self._answered = 0  # how many strokes the candidates on show were recognised from
        self.box = WritingBox()
        self.box.stroke_added.connect(self._ask)
        self.recognised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.candidate_keys: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(12)
        for i in range(CANDIDATES):
            key = button("", "candidate")
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            key.clicked.connect(lambda _=False, k=key: self.choose(k.text()))
            self.candidate_keys.append(key)
            grid.addWidget(key, i // 5, i % 5)
        self.undo_key = button("", "keyAction")
        self.rewrite_key = button("", "keyAction")
        self.delete_key = button("", "keyAction")
        self.undo_key.clicked.connect(self.undo)
        self.rewrite_key.clicked.connect(self.rewrite)
        self.delete_key.clicked.connect(self._delete)
        actions = QHBoxLayout()
        actions.setSpacing(10)
        for key in (self.undo_key, self.rewrite_key, self.delete_key):
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            actions.addWidget(key)
        self._candidates = QVBoxLayout()
        self._candidates.addLayout(grid)
        self._candidates.addStretch(1)
        self._actions = actions
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.SPACING // 2)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1)
        self._wide: bool | None = None
        self._arrange(True)
        self.retranslate(self.lang)
        self._show(0, [])

    def _arrange(self, wide: bool) -> None:
        """Wide (landscape): the box on the left, candidates and edit keys on the right. Narrow
        (portrait): the edit keys in a row of their own under both, so their words fit."""
        if wide == self._wide:
            return
        self._wide = wide
        for item in (self.box, self._candidates, self._actions):
            if isinstance(item, QWidget):
                self._grid.removeWidget(item)
            else:
                self._grid.removeItem(item)
        self._grid.addWidget(self.box, 0, 0, 2 if wide else 1, 1)
        self._grid.addLayout(self._candidates, 0, 1)
        self._grid.addLayout(self._actions, 1, 1 if wide else 0, 1, 1 if wide else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width() >= WIDE_PX)
        super().resizeEvent(event)

    # ------------------------------------------------------------ where the characters go
    def set_target(self, edit: QLineEdit | None) -> None:
        self._target = edit

    def target(self) -> QLineEdit | None:
        return self._target

    # ------------------------------------------------------------ recognition
    def recogniser(self) -> HandwritingRecogniser | None:
        """Built on first use; None (and a note under the box) when this kiosk cannot recognise."""
        if self._recogniser is None and self._unavailable is None:
            from kiosk.ports.handwriting import provided  # the composition root says where from

            source = provided()
            self._unavailable = "no recogniser provided" if source is None else source.unavailable_reason()
            if self._unavailable:
                log.warning("handwriting unavailable: %s", self._unavailable)
                self.box.placeholder = tr("hw_unavailable", self.lang)
                self.box.update()
            elif source is not None:
                self._recogniser = source.recogniser()
        return self._recogniser

    def _script(self) -> str:
        return "simplified" if self.lang == "zh_CN" else "traditional"

    def _ask(self) -> None:
        rec = self.recogniser()
        if rec is None:
            return
        strokes = [[(p.x(), p.y()) for p in s] for s in self.box.strokes]
        count = len(strokes)
        script = self._script()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handwriting")

        def done(future: Future[list[str]]) -> None:
            try:
                self.recognised.emit(count, future.result())
            except Exception as e:  # a failing recogniser leaves the pad usable (undo, rewrite)
                log.warning("handwriting recognition failed: %s", type(e).__name__)

        self._pool.submit(rec.recognise, strokes, CANDIDATES, script).add_done_callback(done)

    def _show(self, count: int, chars: list[str]) -> None:
        if count != len(self.box.strokes):
            return  # the member wrote or undid a stroke since: a newer answer is coming
        self._answered = count
        for key, char in zip(self.candidate_keys, chars + [""] * CANDIDATES, strict=False):
            key.setText(char)
            key.setEnabled(bool(char))
            key.setAccessibleName(char)

    def candidates(self) -> list[str]:
        return [k.text() for k in self.candidate_keys if k.text()]

    def answered(self) -> bool:
        """The candidates on show are for every stroke in the box (tests, the screenshot walk)."""
        return self._answered == len(self.box.strokes)

    def wait(self, timeout_s: float = 5.0) -> None:
        """Block until the recognitions asked for have finished (tests, the screenshot walk)."""
        if self._pool is not None:
            self._pool.submit(lambda: None).result(timeout=timeout_s)

    # ------------------------------------------------------------ the member's keys
    def choose(self, char: str) -> bool:
        t = self._target
        if not char or t is None or not t.isEnabled():
            return False
        t.insert(char)
        self.rewrite()
        return True

    def undo(self) -> None:
        self.box.undo()
        if self.box.strokes:
            self._ask()
        else:
            self._show(0, [])

    def rewrite(self) -> None:
        self.box.clear()
        self._show(0, [])

    def _delete(self) -> None:
        if self.box.strokes:
            self.rewrite()  # a half-written character goes first
        elif self._target is not None and self._target.isEnabled():
            self._target.backspace()

    def clear(self) -> None:
        """Nothing written survives a field change or the wipe."""
        self.rewrite()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.box.placeholder = tr("hw_unavailable" if self._unavailable else "hw_hint", lang)
        self.box.update()
        self.undo_key.setText(tr("hw_undo", lang))
        self.rewrite_key.setText(tr("hw_rewrite", lang))
        self.delete_key.setText(tr("key_delete", lang))
        self.box.setAccessibleName(tr("hw_canvas", lang))
