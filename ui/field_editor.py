"""What every field editor of a form step shares: the editor frame (label, input, help line, error),
the host protocol the form screen satisfies, which pad types each kind, and button text that wraps
to fit. The editors themselves are in ui/form_widgets.py and ui/rows_editor.py.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.fields import FieldSpec, Kind
from kiosk.domain.funds import Fund
from ui import theme
from ui.icons import ICON_PX, state_icon
from ui.strings import tr
from ui.widgets import FieldError, button, label

# How each kind is typed: which pad, and in which mode.
PADS: dict[Kind, tuple[str, str]] = {
    Kind.DATE: ("numpad", "date"),
    Kind.MOBILE: ("numpad", "phone"),
    Kind.MONEY: ("numpad", "money"),
    Kind.PERCENT: ("numpad", "money"),
    Kind.INTEGER: ("numpad", "number"),
    Kind.BANK_ACCOUNT: ("numpad", "account"),
    Kind.NAME_ZH: ("chinese", ""),
    Kind.ADDRESS: ("chinese", ""),
    Kind.EMAIL: ("keyboard", "lower"),
}
PLACEHOLDERS = {Kind.MOBILE: "91234567", Kind.EMAIL: "chan@example.com", Kind.DATE: "1970-01-31",
                Kind.MONEY: "0.00", Kind.BANK_ACCOUNT: "004-123-456789", Kind.HKID: "A123456(3)"}


def pad_for(kind: Kind) -> tuple[str, str]:
    return PADS.get(kind, ("keyboard", "upper"))


class FormHost(Protocol):
    """What an editor needs from the form screen."""

    lang: str

    def field_changed(self, name: str, raw: Any) -> None: ...
    def watch(self, edit: QLineEdit, kind: Kind) -> None:
        """Type into `edit` with the pad for `kind` when the member touches it."""
    def form_values(self) -> dict[str, Any]:
        """The whole form's values that check out so far (for computed amounts)."""
    def funds(self) -> tuple[Fund, ...]: ...


# ---------------------------------------------------------------- painted state icons


def checkable(text: str, role: str, shape: str) -> QPushButton:
    b = button(text, role)
    b.setCheckable(True)
    b.setIcon(state_icon(shape))
    size = theme.active().size(ICON_PX)
    b.setIconSize(QSize(size, size))
    return b


# ---------------------------------------------------------------- the editors


def _full_text(b: QPushButton) -> str:
    """The button's text before _wrap_to() broke it into lines (a newly set text is taken as is)."""
    stored = b.property("full_text")
    if "\n" not in b.text() or not isinstance(stored, str):
        b.setProperty("full_text", b.text())
        return b.text()
    return stored


def _bold_metrics(b: QPushButton) -> QFontMetrics:
    bold = QFont(b.font())
    bold.setBold(True)  # a chosen choice is bold (ui/theme.py)
    return QFontMetrics(bold)


def _unwrapped_width(b: QPushButton) -> int:
    """The button's size hint width for its whole text on one line."""
    lines = b.text().splitlines() or [""]
    fm = b.fontMetrics()
    overhead = b.sizeHint().width() - max(fm.horizontalAdvance(t) for t in lines)
    return overhead + fm.horizontalAdvance(_full_text(b))


def _wrap_to(b: QPushButton, room: int) -> None:
    full = _full_text(b)
    fm = b.fontMetrics()
    lines = b.text().splitlines() or [""]
    text_room = room - (b.sizeHint().width() - max(fm.horizontalAdvance(t) for t in lines))
    bold = _bold_metrics(b)
    if text_room <= 0 or bold.horizontalAdvance(full) <= text_room:
        wrapped = full
    else:
        # Words where there are spaces (English), characters where there are none (Chinese).
        parts = full.split(" ") if " " in full else list(full)
        sep = " " if " " in full else ""
        out: list[str] = []
        line = ""
        for part in parts:
            candidate = f"{line}{sep}{part}" if line else part
            if line and bold.horizontalAdvance(candidate) > text_room:
                out.append(line)
                line = part
            else:
                line = candidate
        out.append(line)
        wrapped = "\n".join(out)
    if b.text() != wrapped:
        b.setText(wrapped)


class FieldEditor(QFrame):
    """Label, input, help and error of one field."""

    def __init__(self, spec: FieldSpec, host: FormHost, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.host = host
        self.required = required
        self.edit: QLineEdit | None = None
        self.choice_buttons: dict[str, QPushButton] = {}
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(10)
        self.title = label(name="fieldLabel")
        self.help = label(name="help")
        self.error = FieldError()
        self.column.addWidget(self.title)
        self.body = QVBoxLayout()
        self.body.setSpacing(theme.SPACING)
        self.column.addLayout(self.body)
        self.column.addWidget(self.help)
        self.column.addWidget(self.error)
        self._quiet = False  # True while the Session's value is put into the widgets
        self.show_title = True  # False when the step's question already says what the field is
        # Grids of choice buttons: (grid, buttons, most columns, columns now); one column when
        # the buttons' texts do not fit side by side (portrait, large text: resizeEvent).
        self._flows: list[tuple[QGridLayout, list[QPushButton], int, list[int]]] = []

    def flow(self, grid: QGridLayout, buttons: list[QPushButton], columns: int) -> None:
        self._flows.append((grid, buttons, columns, [0]))
        self._reflow(10**6)

    def _reflow(self, width: int) -> None:
        for grid, buttons, most, now in self._flows:
            widest = max((_unwrapped_width(b) for b in buttons), default=0)
            columns = most if most * widest + (most - 1) * grid.horizontalSpacing() <= width else 1
            if columns != now[0]:
                now[0] = columns
                for b in buttons:
                    grid.removeWidget(b)
                for i, b in enumerate(buttons):
                    grid.addWidget(b, i // columns, i % columns)
            # A choice longer than the screen is wide (portrait at large text) goes on two lines
            # or more: a button cannot wrap its text, and a cut choice cannot be read.
            room = (width - (columns - 1) * grid.horizontalSpacing()) // columns
            for b in buttons:
                _wrap_to(b, room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._reflow(event.size().width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self._flows and self.width() > 0:
            self._reflow(self.width())  # the texts changed (language, large text)
        return super().event(event)

    def hide_title(self) -> None:
        self.show_title = False
        self.title.hide()

    def send(self, raw: Any) -> None:
        if not self._quiet:
            self.host.field_changed(self.spec.name, raw)

    def set_value(self, raw: Any) -> None:
        self._quiet = True
        try:
            self._show_value(raw)
        finally:
            self._quiet = False

    def _show_value(self, raw: Any) -> None:
        raise NotImplementedError

    def retranslate(self, lang: str) -> None:
        optional = "" if self.required else "  " + tr("optional", lang)
        self.title.setText(self.spec.label(lang) + optional)
        help_text = self.spec.help(lang)
        if not self.show_title and not self.required and self.spec.kind not in (Kind.MULTI_CHOICE, Kind.CONFIRM):
            help_text = (tr("optional_hint", lang) + " " + help_text).strip()
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))

    def show_error(self, message: str | None) -> None:
        self.error.set_message(message)
        if self.edit is not None:
            self.edit.setProperty("invalid", message is not None)
            self.edit.style().unpolish(self.edit)
            self.edit.style().polish(self.edit)

    def line_edits(self) -> list[QLineEdit]:
        return [self.edit] if self.edit is not None else []

    def sub_error(self, field: str, message: str | None) -> bool:
        """An error about a part of this field (a row's amount); False when it has no such part."""
        return False

    def clear(self) -> None:
        """Empty every input now (setText also drops the undo history). Not an answer: the
        Session keeps what was chosen (a step's widgets go when the member moves on)."""
        self._quiet = True
        try:
            for edit in self.line_edits():
                edit.blockSignals(True)
                edit.setText("")
                edit.blockSignals(False)
            for b in self.choice_buttons.values():
                b.setChecked(False)
        finally:
            self._quiet = False
