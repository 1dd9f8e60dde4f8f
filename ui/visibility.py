"""What a member must see is on screen: scroll areas that say there is more below and know when
all of them has been shown, and errors that scroll into view, take the focus and are announced.

At 200% text a review or a form step is often taller than the screen. A member who does not know
the page scrolls reads the first lines and presses Confirm, or presses Next and sees nothing
happen because the error is below the fold. So:

- `PagedScroll` is a vertical scroll area with a "▼ More below" button (`more_button`, for the
  screen's footer): it shows while the content is taller than the area, and a tap pages down;
  at the bottom it reads "▲ Back to top". It shows by whether the content overflows, not by where
  it is scrolled to, so scrolling never changes the area's height (an error scrolled into view
  stays in view).
  `seen_all()` is True once the bottom of the content has been on screen (it fitted, or the member
  scrolled or paged down to it); `reset_seen()` starts again (new content). `seen_changed` fires
  when that changes, so a screen can keep Confirm disabled until then.
- `bring_into_view(widget, focus)` scrolls every scroll area holding `widget` so that it shows,
  gives `focus` (the field the error is about, else the error itself) the keyboard focus and
  raises an accessibility alert, so a screen reader reads the error out.

`devtools/layout_check.py` checks the result: essential content (errors, keys, review rows, the
fields of a form) outside the visible part of a scroll area is a layout problem unless that
area's "More below" shows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QShowEvent
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QPushButton, QScrollArea, QScroller, QWidget

from ui.strings import tr
from ui.widgets import button

ESSENTIAL = "essential"  # a dynamic property: this widget must be seen (devtools/layout_check.py)


def mark_essential(widget: QWidget, on: bool = True) -> QWidget:
    widget.setProperty(ESSENTIAL, on)
    return widget


class PagedScroll(QScrollArea):
    """A vertical scroll area with a "More below" button and a record of having been read through."""

    seen_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A finger dragging the content scrolls it, as on a phone.
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.more_button: QPushButton = button(tr("more_below", "zh_HK"), "more")
        self.more_button.setMinimumWidth(240)
        self.more_button.clicked.connect(self._pressed)
        self.more_button.hide()
        self._seen = False
        self._lang = "zh_HK"
        self.gated: list[QWidget] = []  # enabled only once seen_all(): the screen does that, the check looks
        # Checked once the layout has settled (a 0 ms timer coalesces the many layout events of one
        # change): between a new content and its layout the range is briefly 0, which would look as
        # if everything fitted.
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)
        self._check.timeout.connect(self._update)
        bar = self.verticalScrollBar()
        # The range follows the content's and the viewport's sizes: no event filter is needed
        # (one on the content, calling QScrollArea's own, nested without end on some layouts).
        bar.valueChanged.connect(self._later)
        bar.rangeChanged.connect(self._later)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.settle()

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self._label()

    def _label(self) -> None:
        text = tr("back_to_top" if self.at_bottom() else "more_below", self._lang)
        if self.more_button.text() != text:
            self.more_button.setText(text)

    def _pressed(self) -> None:
        if self.at_bottom():
            self.verticalScrollBar().setValue(0)
        else:
            self.page_down()

    def more_below(self) -> bool:
        """True while part of the content is below the visible part (what the button says)."""
        return not self.more_button.isHidden() and not self.at_bottom()

    def page_down(self) -> None:
        """One screenful further, keeping a line of what was seen at the top for context."""
        bar = self.verticalScrollBar()
        step = max(bar.pageStep() - self.fontMetrics().height() * 2, self.viewport().height() // 2, 1)
        bar.setValue(min(bar.maximum(), bar.value() + step))
        self._update()

    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def seen_all(self) -> bool:
        return self._seen

    def reset_seen(self) -> None:
        """New content: not seen yet. The check runs again once it is laid out."""
        if self._seen:
            self._seen = False
            self.seen_changed.emit(False)
        self._later()

    def _later(self, *_: object) -> None:
        self._check.start()

    def _update(self) -> None:
        content = self.widget()
        shown = self.isVisible() and content is not None and self.viewport().height() > 0
        overflows = shown and self.verticalScrollBar().maximum() > 0
        if self.more_button.isHidden() == overflows:
            self.more_button.setVisible(overflows)
        self._label()
        if shown and self.at_bottom() and not self._seen:
            self._seen = True
            self.seen_changed.emit(True)

    def settle(self) -> None:
        """Lay out what is pending and check now: a page just shown, or new content on a page that
        shows, is answered at once (Confirm enabled when the review fits), not a moment later."""
        for _ in range(2):  # the button showing or hiding changes the area's height once
            settle_layout()
            self._check.stop()
            self._update()


def settle_layout(_area: QWidget | None = None) -> None:
    """Lay out what is pending now (errors just shown), so that scrolling to them finds them."""
    for _ in range(4):  # a width, then the wrapped height it gives, then the scroll range
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def scroll_areas_of(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas that hold `widget`, innermost first."""
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def bring_into_view(widget: QWidget, focus: QWidget | None = None, margin: int = 24) -> None:
    """Scroll `widget` into view in every scroll area holding it, give the keyboard focus to
    `focus` (or to `widget`) and announce `widget` to assistive technology."""
    target = widget
    for area in scroll_areas_of(widget):
        room = area.viewport().height()
        if target.height() > room:  # taller than the area: its start at the top
            bar = area.verticalScrollBar()
            bar.setValue(bar.value() + target.mapTo(area.viewport(), QPoint(0, 0)).y())
        else:
            area.ensureWidgetVisible(target, 0, min(margin, (room - target.height()) // 2))
        target = area
    take = focus if focus is not None else widget
    if take.focusPolicy() == Qt.FocusPolicy.NoFocus:
        take.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by a screen reader, not by touch
    take.setFocus(Qt.FocusReason.OtherFocusReason)
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


def in_scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    """The innermost scroll area holding `widget`, or None."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
