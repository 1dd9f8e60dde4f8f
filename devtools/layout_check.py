"""Layout defects a person sees in a screenshot, found from the widgets' geometry instead.

`problems(window)` walks every widget that shows and reports, in words:
- a touch target (a button) under 60 px high;
- a button whose text needs more width than it got (Qt clips it: "‹ Bac");
- a label whose text needs more room than it got (one line too wide, or wrapped lines too tall);
- buttons or fields drawn over one another;
- a widget that sticks out of its parent (the parent clips it: half a key, a footer button cut
  at the window's edge). Inside a scroll area only sideways matters here: nothing scrolls sideways
  on a kiosk;
- essential content outside the visible part of a scroll area: an error (never: it is scrolled
  to), a key of a pad, a row of the review (anything marked `essential`, ui/visibility.py). Keys
  and rows below the fold are fine only while the area's "▼ More below" shows
  (ui/visibility.PagedScroll): a member who does not know the page scrolls never sees them otherwise;
- a button that waits for its page to be read through (PagedScroll.gated: the review's Confirm)
  enabled while part of that page has never been on screen;
- an on-screen keyboard under 90% of its normal width: the width its column gives it, up to the
  widest it is made to be (a Chinese keyboard that keeps its shape in too little height shrinks to
  70% and its keys with it).

The screenshot script prints these for every picture it takes, and tests/ui/test_ui_layout.py walks
every screen in portrait and large text and asserts there are none.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

MIN_TARGET_PX = 60
KEYBOARD_WIDTH_SHARE = 0.9  # of the width its column gives it
SLACK_PX = 2  # rounding of fractional font metrics
BOLD_WHEN_CHOSEN = ("choice", "lang")  # roles whose :checked style is bold (ui/theme.py)


def _describe(w: QWidget) -> str:
    text = ""
    if isinstance(w, QAbstractButton | QLabel):
        text = w.text().replace("\n", " ")[:40]
    name = w.objectName() or w.accessibleName()
    return f"{type(w).__name__}{'#' + name if name else ''}{' ' + repr(text) if text else ''}"


def _in_scroll_area(w: QWidget) -> bool:
    """True when `w` lies in a scroll area's content, where being below the fold is fine."""
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _text_fits(w: QWidget) -> str | None:
    if isinstance(w, QAbstractButton) and w.text() and w.layout() is None:  # with a layout: labels inside
        need = w.sizeHint().width()
        if need > w.width() + SLACK_PX:
            return f"text needs {need} px, has {w.width()}"
        if isinstance(w, QPushButton) and w.isChecked() and w.objectName() in BOLD_WHEN_CHOSEN:
            # The style sheet makes a chosen button's text bold; its size hint is for the plain
            # font. Measure the bold text against the room inside the padding.
            bold = QFont(w.font())
            bold.setBold(True)
            opt = QStyleOptionButton()
            w.initStyleOption(opt)
            room = w.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, w).width()
            if not w.icon().isNull():
                room -= w.iconSize().width() + 4
            text = max(QFontMetrics(bold).horizontalAdvance(line) for line in w.text().splitlines())
            if text > room + SLACK_PX:
                return f"chosen (bold) text needs {text} px, has {room}"
    elif isinstance(w, QLabel) and (w.text() or (w.pixmap() is not None and not w.pixmap().isNull())):
        if w.wordWrap() and w.text():
            need_h = w.heightForWidth(w.width())
            if need_h > w.height() + SLACK_PX:
                return f"wrapped text needs {need_h} px high, has {w.height()}"
        else:
            hint = w.sizeHint()
            if hint.width() > w.width() + SLACK_PX:
                return f"needs {hint.width()} px wide, has {w.width()}"
            if hint.height() > w.height() + SLACK_PX:
                return f"needs {hint.height()} px high, has {w.height()}"
    return None


def _widest(content: QWidget, room: int) -> str:
    """The innermost widgets that reach past `room` (what makes `content` too wide)."""
    culprits = []
    for child in content.findChildren(QWidget):
        if not child.isVisible():
            continue
        right = child.mapTo(content, child.rect().topRight()).x()
        if right > room + SLACK_PX and not any(c.isVisible() and c.mapTo(content, c.rect().topRight()).x() > room
                                               for c in child.findChildren(QWidget)):
            culprits.append(_describe(child))
    return f"; too wide: {', '.join(culprits[:3])}" if culprits else ""


def _sticks_out(w: QWidget) -> str | None:
    parent = w.parentWidget()
    if parent is None or isinstance(parent, QAbstractScrollArea):
        return None
    inner = parent.rect()
    own: QRect = w.geometry()
    if _in_scroll_area(w):
        # Sideways only (the content widget itself is as wide as the viewport when it fits).
        if own.left() < inner.left() - SLACK_PX or own.right() > inner.right() + SLACK_PX:
            return (f"sideways outside its {type(parent).__name__} ({own.left()}..{own.right()} of {inner.width()})"
                    + _widest(w, inner.width()))
        return None
    if not inner.adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(own):
        return (f"outside its {type(parent).__name__}: {own.x()},{own.y()} {own.width()}x{own.height()} "
                f"in {inner.width()}x{inner.height()}")
    return None


def _overlaps(window: QWidget) -> list[str]:
    """Touch targets and fields drawn over one another (a squeezed column): one press, two meanings."""
    found = []
    targets = [w for w in window.findChildren(QWidget) if isinstance(w, QAbstractButton | QLineEdit)
               and w.isVisible() and w.width() > 0 and w.height() > 0]
    by_parent: dict[int, list[QWidget]] = {}
    for w in targets:
        by_parent.setdefault(id(w.parentWidget()), []).append(w)
    for siblings in by_parent.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1:]:
                if a.geometry().adjusted(1, 1, -1, -1).intersects(b.geometry().adjusted(1, 1, -1, -1)):
                    found.append(f"{_describe(a)}: drawn over {_describe(b)}")
    return found


def _essential(w: QWidget) -> str:
    """What a member must be able to see: "error" an error, on screen whatever the page says;
    "always" keys and anything marked essential (below the fold only under "More below");
    "" anything else (a field below the fold is fine: touching it scrolls it up with its pad)."""
    from ui.pads import _Pad
    from ui.widgets import FieldError, MessageBox

    if isinstance(w, FieldError) or (isinstance(w, MessageBox) and w.kind == "error"):
        return "error"
    if w.property("essential") is True:
        return "always"
    if isinstance(w, MessageBox):
        return ""
    return "always" if isinstance(w, QAbstractButton) and isinstance(w.parentWidget(), _Pad) else ""


def _hidden_in_scroll_area(w: QWidget, cue_excuses: bool) -> str | None:
    """Where `w`, essential, lies outside the visible part of a scroll area holding it."""
    from ui.visibility import PagedScroll

    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            top = w.mapTo(viewport, QPoint(0, 0)).y()
            bottom = top + w.height()
            room = viewport.height()
            if w.height() > room and -SLACK_PX <= top <= room // 2:
                pass  # taller than the area: scrolled to, its start in the upper half, the rest a drag away
            elif top < -SLACK_PX or bottom > room + SLACK_PX:
                cue = cue_excuses and isinstance(parent, PagedScroll) and parent.more_button.isVisible() \
                    and parent.more_below()
                if not (cue and bottom > room):  # below, and the area says there is more below
                    where = "above" if top < 0 else "below"
                    why = ("an error must be scrolled to" if not cue_excuses else
                           "" if isinstance(parent, PagedScroll) else "which has no 'More below'")
                    return f"{where} the visible part of its scroll area ({top}..{bottom} of {room} px)" + (
                        f", {why}" if why else "")
        parent = parent.parentWidget()
    return None


def _gates_open_early(window: QWidget) -> list[str]:
    from ui.visibility import PagedScroll

    found = []
    for area in window.findChildren(PagedScroll):
        if not area.isVisible() or area.seen_all() or not area.gated:
            continue
        for b in area.gated:
            if b.isVisible() and b.isEnabled():
                found.append(f"{_describe(b)}: enabled before all of its page was on screen")
    return found


def _holding_layout(layout: QLayout | None, w: QWidget) -> QLayout | None:
    """The layout (inside `layout`, or itself) that holds `w` directly."""
    if layout is None:
        return None
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is w:
            return layout
        found = _holding_layout(item.layout(), w)
        if found is not None:
            return found
    return None


def _narrow_keyboard(w: QWidget) -> str | None:
    """A pad narrower than its normal width: the width its column gives it, up to the widest it is
    made to be (its maximum width; the Chinese keyboard's VIEW_MAX_WIDTH). The Chinese keyboard
    keeps its shape, so too little height makes it narrow, keys and all."""
    from ui.chinese_input import VIEW_MAX_WIDTH, ChineseInput
    from ui.pads import _Pad

    if isinstance(w, ChineseInput):
        normal = min(w.width(), VIEW_MAX_WIDTH)
        panels = [c for c in w.findChildren(QWidget) if c.parentWidget() is w and c.isVisible()]
        for panel in panels:
            if panel.width() < KEYBOARD_WIDTH_SHARE * normal:
                return f"keyboard {panel.width()} px wide, its normal width {normal} px"
        return None
    if not isinstance(w, _Pad):
        return None
    parent = w.parentWidget()
    column = _holding_layout(parent.layout(), w) if parent is not None else None
    if not isinstance(column, QVBoxLayout):
        return None  # beside other widgets in a row: its share is its width
    normal = min(column.contentsRect().width(), w.maximumWidth())
    if normal > 0 and w.width() < KEYBOARD_WIDTH_SHARE * normal:
        return f"keyboard {w.width()} px wide, its normal width {normal} px"
    return None


def problems(window: QWidget) -> list[str]:
    """Every layout defect among the widgets of `window` that show now, one line each."""
    found: list[str] = _overlaps(window) + _gates_open_early(window)
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisible() or w.width() <= 0 or w.height() <= 0 or isinstance(w, QScrollBar):
            continue
        if not w.isWindow() and w.window() is not window:
            continue  # another top-level (a pop-up); checked on its own
        issues = []
        if isinstance(w, QAbstractButton) and w.height() < MIN_TARGET_PX:
            issues.append(f"{w.height()} px high (touch targets need {MIN_TARGET_PX})")
        text_issue = _text_fits(w)
        if text_issue:
            issues.append(text_issue)
        if w is not window:
            out = _sticks_out(w)
            if out:
                issues.append(out)
            essential = _essential(w)
            if essential:
                hidden = _hidden_in_scroll_area(w, cue_excuses=essential != "error")
                if hidden:
                    issues.append(hidden)
            narrow = _narrow_keyboard(w)
            if narrow:
                issues.append(narrow)
        found.extend(f"{_describe(w)}: {issue}" for issue in issues)
    return found
