"""Building blocks shared by the screens: buttons, message boxes, the header with the progress
indicator and language toggle, the status strip and menu buttons (the on-screen keys are in
ui/pads.py)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.languages import NAMES as LANGUAGE_NAMES
from kiosk.ports.status import KioskStatus
from ui import icons, theme
from ui.strings import tr
from ui.theme import SPACING

ICON_PX = 36


def button(text: str = "", role: str = "", parent: QWidget | None = None) -> QPushButton:
    """A touch button. `role` is its style: "primary", "big", "menuItem", "key", "choice", "lang"."""
    b = QPushButton(text, parent)
    if role:
        b.setObjectName(role)
    # Focus rectangles mean nothing on a touch screen, and keypad keys must not steal the focus
    # from the field they type into.
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return b


def label(text: str = "", name: str = "", wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    lab = QLabel(text, parent)
    if name:
        lab.setObjectName(name)
    lab.setWordWrap(wrap)
    lab.setTextFormat(Qt.TextFormat.PlainText)  # member data is never interpreted as rich text
    return lab


def line_edit(parent: QWidget | None = None, *, input_method: bool = False) -> QLineEdit:
    """A field typed with the kiosk's own keys. `input_method` only for Chinese text: the virtual
    keyboard (ui/chinese_input.py) types there, and nowhere else (a keyboard-wedge scanner's
    keystrokes must never become Cangjie radicals)."""
    edit = QLineEdit(parent)
    # No copy/paste menu or drag: nothing should leave a field, and a long press on a touch
    # screen must not pop up a desktop menu.
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    edit.setDragEnabled(False)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, input_method)
    return edit


_GRAVEYARD: list[QWidget] = []


def _graveyard() -> QWidget:
    """A hidden widget that holds removed widgets until Qt deletes them (deleteLater).

    Out of the screen's widget tree at once, yet still owned by C++: with setParent(None) each one
    was owned by its Python wrapper instead, and Python's cycle collector could then delete it at
    any moment, also in the middle of Qt's event handling. The full screenshot matrix, run as one
    process, has crashed (SIGSEGV in layout handling); this removes one possible cause, not one
    shown to be the cause (docs/ui.md, known problems)."""
    if not _GRAVEYARD:
        _GRAVEYARD.append(QWidget())
        _GRAVEYARD[0].setObjectName("removedWidgets")
    return _GRAVEYARD[0]


def clear_layout(layout: QLayout) -> None:
    """Remove and destroy every widget in `layout`, at once as far as anyone can see.

    deleteLater alone leaves the widget painted (and findable) until control returns to the event
    loop; member data must be gone from the screen and the widget tree immediately."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        w = item.widget()
        if w is not None:
            w.hide()
            w.setParent(_graveyard())
            w.deleteLater()
        elif (inner := item.layout()) is not None:
            clear_layout(inner)
        # takeAt() hands the item (the QWidgetItem around a widget, a stretch, a nested layout)
        # to the caller, who must delete it: PySide does not, and every step and review cleared
        # leaked its items, ~5 kB a session (docs/memory.md). The widget is not deleted with it.
        shiboken6.delete(item)


def _show_message(box: QWidget, text_label: QLabel, text: str | None) -> None:
    """Show `text` in the box, or hide the box (and forget the old text) when there is none."""
    if text:
        text_label.setText(text)
        box.show()
    else:
        text_label.clear()
        box.hide()


class MessageBox(QFrame):
    """An icon and a message in a framed box; hidden while there is nothing to say.

    kind "error" shows a warning triangle, "notice" a circled i: the meaning never rests on colour.
    """

    def __init__(self, kind: str = "error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("errorBox" if kind == "error" else "noticeBox")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(16)
        self.icon = QLabel()
        self.icon.setPixmap(icons.warning(ICON_PX) if kind == "error" else icons.info(ICON_PX))
        self.icon.setFixedSize(QSize(ICON_PX, ICON_PX))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = label()
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.hide()

    def set_message(self, text: str | None) -> None:
        _show_message(self, self.text, text)


class FieldError(QWidget):
    """The error under one field: a warning icon and the message, or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.icon = QLabel()
        self.icon.setPixmap(icons.warning(28))
        self.icon.setFixedSize(28, 28)
        self.text = label(name="fieldError")  # colour from the theme: it changes with high contrast
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.hide()

    def set_message(self, text: str | None) -> None:
        _show_message(self, self.text, text)

    def message(self) -> str:
        """The shown message, '' when hidden (for tests: visibility depends on the window)."""
        return "" if self.isHidden() else self.text.text()


class StepBar(QWidget):
    """N segments, the first `done` filled, the current one outlined thicker: a glanceable progress
    indicator beside the "Step n of m" text (which carries the meaning for screen readers and eyes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = 0
        self.of = 5
        self.setFixedSize(260, 20)

    def set_step(self, step: int, of: int) -> None:
        self.step, self.of = step, of
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = 8
        w = (self.width() - gap * (self.of - 1)) / max(self.of, 1)
        colour = QColor(theme.palette().on_header)
        for i in range(self.of):
            r = QRectF(i * (w + gap), 4, w, 12)
            p.setPen(colour)
            p.setBrush(colour if i < self.step else Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r, 6, 6)
        p.end()


class Header(QFrame):
    """Brand, progress, "call staff" (on the member's screens, not attract) and the 繁 / 简 / EN
    language buttons, above every screen (attract included)."""

    language_requested = Signal(str)
    staff_requested = Signal()  # the member pressed "call staff" (ui/staff/call_alert.py answers)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")  # its height comes from the style sheet (large text makes it taller)
        row = QHBoxLayout(self)
        row.setContentsMargins(48, 0, 48, 0)
        row.setSpacing(SPACING)
        self.brand = label(wrap=False, name="brand")
        self.step = label(wrap=False, name="step")
        self.step_bar = StepBar()
        # Each button is labelled in its own script, whatever the language on screen.
        self.lang_zh = button(tr("lang_zh", "zh_HK"), "lang")
        self.lang_cn = button(tr("lang_cn", "zh_CN"), "lang")
        self.lang_en = button(tr("lang_en", "en"), "lang")
        self.lang_buttons = {"zh_HK": self.lang_zh, "zh_CN": self.lang_cn, "en": self.lang_en}
        group = QButtonGroup(self)
        for lang, b in self.lang_buttons.items():
            b.setCheckable(True)
            group.addButton(b)
            # Names for assistive tech and tests: the buttons' visible text is deliberately short.
            b.setAccessibleName(LANGUAGE_NAMES[lang])
            b.clicked.connect(lambda _=False, lang=lang: self.language_requested.emit(lang))
        # Checked while the member waits for staff; hidden on attract (no member to help yet).
        self.call_staff = button(tr("call_staff", "zh_HK"), "callStaff")
        self.call_staff.setCheckable(True)
        self.call_staff.clicked.connect(self._call_pressed)
        self.call_staff.hide()
        row.addWidget(self.brand)
        row.addStretch(1)
        row.addWidget(self.step)
        row.addWidget(self.step_bar)
        row.addStretch(1)
        row.addWidget(self.call_staff)
        for b in self.lang_buttons.values():
            row.addWidget(b)
        self._showing = False

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        """On a portrait screen, or at large text, the header has room for the progress, "call
        staff" and the language buttons only: the brand goes first, then the words beside the bar,
        then the bar."""
        # The step bar has a fixed size and no size hint (-1); a language not offered takes no room.
        shown = [b for b in (*self.lang_buttons.values(), self.call_staff) if not b.isHidden()]
        need = sum(max(w.sizeHint().width(), w.minimumWidth()) for w in (self.brand, self.step, self.step_bar, *shown))
        room = self.width() - 96 - (2 + len(shown)) * SPACING
        self.brand.setVisible(need <= room)
        if need > room:
            need -= self.brand.sizeHint().width()
        self.step.setVisible(self._showing and need <= room)
        if need > room:
            need -= self.step.sizeHint().width()
        # Last, the bar itself: "call staff" and the languages matter more (portrait, large text).
        self.step_bar.setVisible(self._showing and need <= room)

    def _call_pressed(self) -> None:
        self.call_staff.setChecked(True)  # a second press does not take the call back
        self.staff_requested.emit()

    def show_call(self, offered: bool, called: bool, lang: str) -> None:
        """The "call staff" button: on the member's screens (`offered`), saying so once called."""
        self.call_staff.setVisible(offered)
        self.call_staff.setChecked(called)
        self.call_staff.setText(tr("staff_called" if called else "call_staff", lang))
        self.call_staff.setAccessibleName(self.call_staff.text())
        self._fit()

    def offer(self, languages: tuple[str, ...]) -> None:
        """Show the buttons of the languages this kiosk offers (none when it offers one only)."""
        for lang, b in self.lang_buttons.items():
            b.setVisible(len(languages) > 1 and lang in languages)

    def present(self, lang: str, step: int, of: int) -> None:
        self.brand.setText(tr("brand", lang))
        # zh_HK's button also stands for any other Traditional zh_* a configuration might name.
        chosen = lang if lang in self.lang_buttons else ("zh_HK" if lang.startswith("zh") else "en")
        self.lang_buttons[chosen].setChecked(True)
        showing = step > 0
        self._showing = showing
        self.step.setVisible(showing)
        self.step_bar.setVisible(showing)
        if showing:
            self.step.setText(tr("step", lang, n=step, of=of))
            self.step_bar.set_step(step, of)
        self._fit()


class StatusStrip(QFrame):
    """Online/offline (icon and words). Not how many instructions wait to be sent: the queue is for
    staff (their desk shows it), not for the member and whoever stands behind them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status")
        row = QHBoxLayout(self)
        row.setContentsMargins(48, 0, 48, 0)
        row.setSpacing(12)
        self.icon = QLabel()
        self.icon.setFixedSize(30, 30)
        self.network = label(wrap=False)
        row.addWidget(self.icon)
        row.addWidget(self.network)
        row.addStretch(1)
        self._status: KioskStatus | None = None
        self._failed = False

    def set_status(self, status: KioskStatus | None, lang: str) -> None:
        """`None` means the status could not be read (shown as unknown, never as a crash)."""
        self._status = status
        if status is None:
            key, pixmap = "status_unknown", icons.unknown(30)
        elif status.online is None:
            key, pixmap = "checking", icons.unknown(30)
        elif status.online:
            key, pixmap = "online", icons.online(30)
        else:
            key, pixmap = "offline", icons.offline(30)
        self.network.setText(tr(key, lang))
        self.icon.setPixmap(pixmap)

    def retranslate(self, lang: str) -> None:
        self.set_status(self._status, lang)


class MenuButton(QPushButton):
    """A big menu choice: the instruction's name and a line saying what it is for. Both wrap (a
    plain QPushButton would cut long English titles, or any title at large text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("menuItem")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        col = QVBoxLayout(self)
        col.setContentsMargins(36, 10, 56, 10)
        col.setSpacing(2)
        self.heading = label(name="menuHeading")
        self.summary = label(name="menuSummary")
        for lab in (self.heading, self.summary):
            # The labels are painted on the button; presses go to the button.
            lab.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            col.addWidget(lab)
        self.arrow = label("›", "menuHeading", wrap=False)
        self.arrow.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.arrow.setParent(self)

    def set_texts(self, heading: str, summary: str) -> None:
        self.heading.setText(heading)
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self.setAccessibleName(heading)
        self._fit_height()
        self.updateGeometry()

    def text(self) -> str:  # tests and screen readers see the heading
        return self.heading.text()

    def sizeHint(self) -> QSize:
        lay = self.layout()
        hint = lay.sizeHint() if lay is not None else super().sizeHint()
        return QSize(max(hint.width(), 200), max(hint.height(), theme.active().size(100)))

    def minimumSizeHint(self) -> QSize:
        # Narrow is fine, the texts wrap (_fit_height keeps the height they need at the width): a
        # wide minimum would push the menu's second column out of the window at large text.
        hint = self.sizeHint()
        return QSize(min(hint.width(), 320), hint.height())

    def event(self, event: QEvent) -> bool:
        done = super().event(event)  # first: the layout takes the labels' new sizes
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_height()  # a label's text or font changed (language, large text)
        return done

    def _fit_height(self) -> None:
        """As high as the wrapped texts need at the width the button has now (a minimum the
        grid and the scroll area respect; height-for-width alone is not asked for there)."""
        lay = self.layout()
        if self.width() > 0 and lay is not None:
            # From the labels themselves: the layout's own height-for-width is cached and can be
            # from the old fonts; invalidating it here would ask for another layout pass, forever.
            m = lay.contentsMargins()
            inner = self.width() - m.left() - m.right()
            shown = [lab for lab in (self.heading, self.summary) if not lab.isHidden()]
            texts = sum(lab.heightForWidth(inner) for lab in shown) + lay.spacing() * (len(shown) - 1)
            need = max(m.top() + texts + m.bottom(), theme.active().size(100))
            if need != self.minimumHeight():
                self.setMinimumHeight(need)
            if self.isVisible() and self.height() < need:
                # The menu's grid keeps its row heights until told (seen: buttons drawn over each
                # other after a language switch at large text).
                host = self.parentWidget()
                grid = host.layout() if host is not None else None
                if grid is not None:
                    grid.invalidate()
            elif self.height() >= need and any(lab.height() < lab.heightForWidth(lab.width()) for lab in shown):
                # Tall enough, but the labels were placed from the cached sizes of the old fonts.
                lay.invalidate()
                lay.activate()

    def fit_height(self) -> None:
        """Fit the height to the texts now (a page showing again after its texts changed)."""
        self._fit_height()

    def hasHeightForWidth(self) -> bool:
        # No: _fit_height keeps a minimum height for the width instead, which the menu's grid and
        # scroll area honour (with height-for-width as well, they disagreed after a language
        # switch at large text and drew the buttons over one another).
        return False

    def heightForWidth(self, width: int) -> int:
        lay = self.layout()
        return lay.totalHeightForWidth(width) if lay is not None else super().heightForWidth(width)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_height()
        hint = self.arrow.sizeHint()
        self.arrow.setGeometry(self.width() - hint.width() - 20, (self.height() - hint.height()) // 2,
                               hint.width(), hint.height())
