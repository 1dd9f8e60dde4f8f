"""Building blocks shared by the screens: buttons, message boxes, the header with the progress
indicator and language toggle, the status strip and the on-screen keyboard."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
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
            w.setParent(None)
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
    """Brand, progress and the 繁 / 简 / EN language buttons, above every screen (attract included)."""

    language_requested = Signal(str)

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
        row.addWidget(self.brand)
        row.addStretch(1)
        row.addWidget(self.step)
        row.addWidget(self.step_bar)
        row.addStretch(1)
        for b in self.lang_buttons.values():
            row.addWidget(b)
        self._showing = False

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        """On a portrait screen, or at large text, the header has room for the progress and the
        language buttons only: the brand goes first, then the words beside the bar."""
        # The step bar has a fixed size and no size hint (-1); a language not offered takes no room.
        shown = [b for b in self.lang_buttons.values() if not b.isHidden()]
        need = sum(max(w.sizeHint().width(), w.minimumWidth()) for w in (self.brand, self.step, self.step_bar, *shown))
        room = self.width() - 96 - (2 + len(shown)) * SPACING
        self.brand.setVisible(need <= room)
        if need > room:
            need -= self.brand.sizeHint().width()
        self.step.setVisible(self._showing and need <= room)

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
    """Online/offline (icon and words) and how many instructions wait to be sent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status")
        row = QHBoxLayout(self)
        row.setContentsMargins(48, 0, 48, 0)
        row.setSpacing(12)
        self.icon = QLabel()
        self.icon.setFixedSize(30, 30)
        self.network = label(wrap=False)
        self.waiting = label(wrap=False)
        row.addWidget(self.icon)
        row.addWidget(self.network)
        row.addStretch(1)
        row.addWidget(self.waiting)
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
        if status is None:
            self.waiting.clear()
            return
        n = status.waiting
        self.waiting.setText(tr("waiting_none", lang) if n == 0 else
                             tr("waiting_one", lang) if n == 1 else tr("waiting_n", lang, n=n))

    def retranslate(self, lang: str) -> None:
        self.set_status(self._status, lang)


# ---------------------------------------------------------------- on-screen keyboard


def _mark(edit: QLineEdit, on: bool) -> None:
    edit.setProperty("target", on)
    edit.style().unpolish(edit)
    edit.style().polish(edit)


mark_target = _mark  # for pads outside this module (the Chinese virtual keyboard)


_DIGITS = list("1234567890")
_QWERTY = [list("QWERTYUIOP"), list("ASDFGHJKL"), list("ZXCVBNM")]


class _Pad(QWidget):
    """Keys that type into one QLineEdit at a time (Keyboard, NumPad)."""

    _target: QLineEdit | None = None

    def set_target(self, edit: QLineEdit | None) -> None:
        """Type into `edit`, and mark it: on a touch screen the focus frame alone is too subtle to
        tell the member which field the keys will fill."""
        if self._target is not None and self._target is not edit:
            _mark(self._target, False)
        self._target = edit
        if edit is not None:
            _mark(edit, True)

    def target(self) -> QLineEdit | None:
        return self._target


class Keyboard(_Pad):
    """A large on-screen keyboard typing into one QLineEdit at a time.

    layout "hkid": digits, capital letters and brackets. "full": digits, letters (with a case key),
    and the punctuation of e-mail addresses and Hong Kong street addresses. Chinese input is not
    offered here (see docs/ui.md: Qt Virtual Keyboard with Cangjie/Zhuyin is the plan).
    """

    def __init__(self, layout: str = "full", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_name = layout
        self._lower = False
        self._letter_keys: list[QPushButton] = []
        self._actions: dict[str, QPushButton] = {}
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(10)

        def row_of(keys: list[tuple[str, str, int]]) -> None:
            line = QHBoxLayout()
            line.setSpacing(10)
            for kind, value, stretch in keys:
                # Action keys look different from character keys: Clear must not be hit for a letter.
                key = button(value if kind == "char" else "", "key" if kind == "char" else "keyAction")
                key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                if kind == "char":
                    key.clicked.connect(self._typer(value))
                    if value.isalpha():
                        self._letter_keys.append(key)
                else:
                    key.clicked.connect(self._action(value))
                    self._actions[value] = key
                line.addWidget(key, stretch)
            rows.addLayout(line)

        def chars(cs: list[str]) -> list[tuple[str, str, int]]:
            return [("char", c, 1) for c in cs]

        if layout == "hkid":
            row_of(chars(_DIGITS))
            row_of(chars(_QWERTY[0]))
            row_of(chars(_QWERTY[1]))
            row_of(chars(_QWERTY[2]) + chars(["(", ")"]))
            row_of([("action", "clear", 1), ("action", "delete", 1)])
        else:
            row_of(chars(_DIGITS))
            row_of(chars(_QWERTY[0]))
            row_of(chars(_QWERTY[1]) + chars(["@"]))
            row_of([("action", "case", 2), *chars(_QWERTY[2]), *chars([".", "-"])])
            row_of([*chars([",", "/", "#", "_", "(", ")"]), ("action", "space", 2), ("action", "delete", 2),
                    ("action", "clear", 2)])
        self.retranslate("zh_HK")

    def _typer(self, ch: str) -> Callable[[], None]:
        def typed() -> None:
            if self._target is not None and self._target.isEnabled():
                self._target.insert(ch.lower() if self._lower and ch.isalpha() else ch)
        return typed

    def _action(self, name: str) -> Callable[[], None]:
        def acted() -> None:
            if name == "case":
                self.set_lowercase(not self._lower)
                return
            t = self._target
            if t is None or not t.isEnabled():
                return
            if name == "delete":
                t.backspace()
            elif name == "clear":
                t.clear()
            elif name == "space":
                t.insert(" ")
        return acted

    def set_lowercase(self, lower: bool) -> None:
        self._lower = lower
        for key in self._letter_keys:
            key.setText(key.text().lower() if lower else key.text().upper())
        if "case" in self._actions:
            # The key shows what pressing it gives, like phone keyboards.
            self._actions["case"].setText(tr("key_case_upper" if lower else "key_case_lower", "en"))

    def retranslate(self, lang: str) -> None:
        for name, key in self._actions.items():
            if name == "case":
                key.setText(tr("key_case_upper" if self._lower else "key_case_lower", lang))
            else:
                key.setText(tr(f"key_{name}", lang))
                key.setAccessibleName(key.text())
        self._fit_delete()

    def _fit_delete(self) -> None:
        """"⌫ Delete" on the delete key when it fits, "⌫" alone when the key is narrower than the
        words (a row of the full keyboard beside a form): a cut word reads worse than a symbol."""
        key = self._actions.get("delete")
        if key is None or key.width() <= 0:
            return
        full = key.accessibleName()
        need = key.fontMetrics().horizontalAdvance(full) + 24  # the key's padding and border
        text = full if need <= key.width() else full.split(" ")[0]
        if key.text() != text:
            key.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_delete()

    def tap(self, action: str) -> None:
        """Press an action key: "delete", "clear", "space" or "case"."""
        self._actions[action].click()

    def press(self, text: str) -> None:
        """Press the key showing `text` (for tests and the screenshot script)."""
        for ch in text:
            if ch == " " and "space" in self._actions:
                self._actions["space"].click()
                continue
            for key in self.findChildren(QPushButton):
                if key.text() == ch or (ch.isalpha() and key.text().upper() == ch.upper()
                                        and key in self._letter_keys):
                    key.click()
                    break
            else:
                raise KeyError(ch)


class NumPad(_Pad):
    """Big digits for numbers, amounts, phone numbers and dates: no letters to hit by mistake.

    mode "date" puts in the dashes itself (1970-01-31 is typed 19700131); "money" offers the
    decimal point; "account" the hyphen (bank accounts 004-123-456789)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "number"
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self._keys: dict[str, QPushButton] = {}
        # Four rows: digits as on a phone, the edit keys on the right where the thumb is.
        layout = (("1", "2", "3", "delete"), ("4", "5", "6", "clear"), ("7", "8", "9", "-"), (".", "0", "", ""))
        for r, row in enumerate(layout):
            for c, name in enumerate(row):
                if not name:
                    continue
                action = name in ("delete", "clear")
                key = button("" if action else name, "keyAction" if action else "key")
                key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                key.clicked.connect(self._action(name) if action else self._typer(name))
                self._keys[name] = key
                grid.addWidget(key, r, c, 1, 2 if name == "0" else 1)
        self.retranslate("zh_HK")
        self.set_mode("number")

    def set_mode(self, mode: str) -> None:
        """"number", "money", "date", "account" (hyphens) or "phone"."""
        self.mode = mode
        self._keys["."].setEnabled(mode == "money")
        self._keys["-"].setEnabled(mode in ("account", "date"))

    def _typer(self, ch: str) -> Callable[[], None]:
        def typed() -> None:
            t = self._target
            if t is None or not t.isEnabled():
                return
            if self.mode == "date" and ch.isdigit() and len(t.text()) in (4, 7) and t.cursorPosition() == len(t.text()):
                t.insert("-")
            t.insert(ch)
        return typed

    def _action(self, name: str) -> Callable[[], None]:
        def acted() -> None:
            t = self._target
            if t is None or not t.isEnabled():
                return
            if name == "delete":
                t.backspace()
                if self.mode == "date" and t.text().endswith("-"):
                    t.backspace()
            else:
                t.clear()
        return acted

    def retranslate(self, lang: str) -> None:
        self._keys["delete"].setText(tr("key_delete", lang))
        self._keys["clear"].setText(tr("key_clear", lang))

    def press(self, text: str) -> None:
        """Press the keys for `text` (tests and the screenshot walk); dashes of a date come by themselves."""
        for ch in text:
            if self.mode == "date" and ch == "-":
                continue
            if ch == "," or ch == " ":
                continue  # thousands separators and spaces are not keys
            self._keys[ch].click()

    def tap(self, action: str) -> None:
        self._keys[action].click()


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
