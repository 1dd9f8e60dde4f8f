"""Layout pieces that keep a screen usable in portrait and at 200% text.

- `Footer`: Back and the screen's actions on one row when they fit; otherwise the actions above
  and Back on its own row, or every button on its own row (full width), so no button is ever cut
  at the window's edge (a portrait screen at large text has room for one wide button per row).
- `scrolling()`: a vertical-only, finger-draggable scroll area for a column whose content can be
  taller than the screen (long help texts at large text); nothing ever scrolls sideways.
- `Columns`: two panes side by side on a landscape screen, one above the other in portrait.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.theme import SPACING


def _needed(b: QPushButton) -> int:
    """The width `b`'s text needs: its size hint, and for a button that can be chosen, room for
    the text in bold (the style sheet makes a chosen button's text bold; the hint is for plain)."""
    need = b.sizeHint().width()
    if b.isCheckable() and b.text():
        bold = QFont(b.font())
        bold.setBold(True)
        lines = b.text().splitlines()
        need += max(0, max(QFontMetrics(bold).horizontalAdvance(t) for t in lines)
                    - max(b.fontMetrics().horizontalAdvance(t) for t in lines))
    return need


def room_for_bold(*buttons: QPushButton) -> None:
    """At least as wide as each button's text once chosen (in bold); call after setting the text."""
    for b in buttons:
        b.setMinimumWidth(_needed(b))


def _width(b: QPushButton) -> int:
    base = b.property("footer_min_width")
    return max(base if isinstance(base, int) else b.minimumWidth(), _needed(b))


def _hidden(b: QPushButton) -> bool:
    """Hidden on purpose (hide()); a button not yet in a shown window is not (isHidden() is)."""
    return b.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide) and \
        b.testAttribute(Qt.WidgetAttribute.WA_WState_Hidden)


class Footer(QWidget):
    """Back (left) and actions (right) on one row; in rows when they do not fit the width.

    Rows are filled from the bottom: the last row holds Back and as many of the last actions (the
    primary one is last) as fit; the other actions fill the rows above, as many to a row as fit.
    In more than one row every button is stretched to its row's width (bigger targets)."""

    def __init__(self, back: QPushButton | None, actions: tuple[QPushButton, ...],
                 parent: QWidget | None = None, *, align: str = "right") -> None:
        super().__init__(parent)
        self.align = align  # one row without Back: "right" (actions), "centre" (toggles) or "left" (tabs)
        self.back = back
        self.action_buttons = actions
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(SPACING)
        self.gap = SPACING * 2
        self.arrangement: tuple[tuple[int, ...], ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        for b in self._buttons():
            b.installEventFilter(self)  # text and visibility changes can change what fits
            b.setProperty("footer_min_width", b.minimumWidth())  # as set by the screen
        # One row until the first resize says how wide the footer is (what choose() gives for an
        # unlimited width, without measuring every button's text before the window is even shown).
        shown = [i for i, b in enumerate(self._buttons()) if not _hidden(b)]
        self._arrange((tuple(shown + [i for i in range(len(self._buttons())) if i not in shown]),))

    def _buttons(self) -> list[QPushButton]:
        return [*([self.back] if self.back is not None else []), *self.action_buttons]

    def _fits(self, row: list[QPushButton], width: int) -> bool:
        return sum(_width(b) for b in row) + self.gap * max(0, len(row) - 1) <= width

    def choose(self, width: int) -> tuple[tuple[int, ...], ...]:
        """The rows (indexes into Back + actions) for `width` pixels, top row first."""
        everything = self._buttons()
        shown = [b for b in everything if not _hidden(b)]
        actions = [b for b in self.action_buttons if not _hidden(b)]
        back = [self.back] if self.back is not None and not _hidden(self.back) else []
        last: list[QPushButton] = list(back)
        while actions and (not last or self._fits([*last, actions[-1]], width - (self.gap if back else 0))):
            last.insert(len(back), actions.pop())
        rows = [last] if last else []
        current: list[QPushButton] = []
        for b in reversed(actions):  # the rest, packed upwards
            if current and not self._fits([b, *current], width):
                rows.append(current)
                current = []
            current.insert(0, b)
        if current:
            rows.append(current)
        rows.reverse()
        hidden = [b for b in everything if b not in shown]
        if rows and hidden:
            rows[-1].extend(hidden)  # kept in the layout (they may show later), invisible
        index = {id(b): i for i, b in enumerate(everything)}
        return tuple(tuple(index[id(b)] for b in row) for row in rows)

    def _arrange(self, arrangement: tuple[tuple[int, ...], ...]) -> None:
        if arrangement == self.arrangement:
            if len(arrangement) > 1:  # the same rows, but a text may have changed: its share too
                for i in range(self.box.count()):
                    item = self.box.itemAt(i)
                    row = item.layout() if item is not None else None
                    if isinstance(row, QHBoxLayout):
                        for b in self._buttons():
                            row.setStretchFactor(b, _width(b))
            return
        self.arrangement = arrangement
        everything = self._buttons()
        while (item := self.box.takeAt(0)) is not None:
            row = item.layout()
            if row is not None:
                while (taken := row.takeAt(0)) is not None:
                    shiboken6.delete(taken)  # the layout item, not the button: takeAt leaves it to us
                row.deleteLater()
        one_row = len(arrangement) == 1
        for indexes in arrangement:
            row = QHBoxLayout()
            row.setSpacing(self.gap)
            for i in indexes:
                b = everything[i]
                b.setSizePolicy(QSizePolicy.Policy.Preferred if one_row else QSizePolicy.Policy.Expanding,
                                QSizePolicy.Policy.Fixed)
                row.addWidget(b, 0 if one_row else _width(b))  # in rows: a wider text, a wider share
                if one_row and b is self.back:
                    row.addStretch(1)  # Back left, the actions right
            if one_row and (self.back is None or _hidden(self.back)):
                if self.align != "left":
                    row.insertStretch(0, 1)
                if self.align != "right":
                    row.addStretch(1)
            self.box.addLayout(row)

    def fit(self) -> None:
        for b in self._buttons():
            if b.isCheckable() and b.minimumWidth() != _width(b):
                b.setMinimumWidth(_width(b))  # room for the bold text once chosen
        self._arrange(self.choose(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange) and self.width() > 0:
            # Once on the next turn, however many buttons changed (a language switch changes them
            # all): Qt keeps one LayoutRequest per widget in its queue, handled in event() below.
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        # A button's text changed (language, large text): its size hint changed with it.
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:
            self.fit()
        return super().event(event)


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a vertical scroll area that a finger drags; it never scrolls sideways."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    area.setWidget(content)
    return area


class Columns(QBoxLayout):
    """Side by side on a landscape page, one above the other on a portrait one: `follow(size)` from
    the page's resizeEvent."""

    def __init__(self, spacing: int = SPACING * 2) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight)
        self.setSpacing(spacing)

    @property
    def portrait(self) -> bool:
        return self.direction() == QBoxLayout.Direction.TopToBottom

    def follow(self, width: int, height: int) -> bool:
        """Switch direction for a page of width x height; True when it changed."""
        direction = QBoxLayout.Direction.TopToBottom if height > width else QBoxLayout.Direction.LeftToRight
        if direction == self.direction():
            return False
        self.setDirection(direction)
        return True
