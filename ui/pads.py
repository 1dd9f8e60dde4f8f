"""The on-screen keys: a large keyboard and a number pad that type into one line edit at a time,
and mark it, so a member on a touch screen sees which field the keys will fill. The Chinese
virtual keyboard (ui/chinese_input.py) marks its field the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.strings import tr
from ui.widgets import button


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
        # A key that cannot be used is not shown (a greyed "." on a date pad is one more thing to
        # puzzle over); the others keep their places, so the digits never move.
        self._keys["."].setVisible(mode == "money")
        self._keys["-"].setVisible(mode in ("account", "date"))

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


