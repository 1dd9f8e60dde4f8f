"""Editors for the fields of one form step, one class per kind of answer.

Each editor shows its label, its input, a help line and its error, keeps nothing the Session does
not also hold (what is typed goes to `FormHost.field_changed` at once), and empties itself on
`clear()`. Text is typed with the pads the form screen owns (ui/widgets.py Keyboard and NumPad,
ui/chinese_input.py); choices, yes/no, declarations and fund percentages are pressed, never typed.
State never rests on colour alone: chosen buttons carry a filled radio or a ticked box as well.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import mpf
from kiosk.domain.fields import CHINESE_KINDS, FieldSpec, Kind
from kiosk.domain.forms.contribution_check import check_typed_row
from kiosk.domain.funds import Fund
from ui import theme
from ui.icons import ICON_PX, state_icon
from ui.strings import pick, tr
from ui.widgets import FieldError, button, clear_layout, label, line_edit

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


def _checkable(text: str, role: str, shape: str) -> QPushButton:
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


class TextEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, host: FormHost, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(spec, host, required, parent)
        edit = line_edit(input_method=spec.kind in CHINESE_KINDS)
        edit.setMaxLength(spec.max_length)
        edit.setAccessibleName(spec.name)
        edit.setPlaceholderText(PLACEHOLDERS.get(spec.kind, ""))
        edit.textChanged.connect(self.send)
        self.edit = edit
        self.body.addWidget(edit)
        host.watch(edit, spec.kind)

    def _show_value(self, raw: Any) -> None:
        assert self.edit is not None
        text = "" if raw is None else str(raw)
        if self.edit.text() != text:
            self.edit.setText(text)


class ChoiceEditor(FieldEditor):
    """One button per option, one of them chosen (radio icon); yes/no are two big buttons."""

    def __init__(self, spec: FieldSpec, host: FormHost, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(spec, host, required, parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.SPACING)
        grid.setVerticalSpacing(theme.SPACING // 2 + 4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        values = [c.value for c in spec.choices] + ([] if required else [""])
        columns = 2 if len(values) > 4 or spec.kind is Kind.YES_NO else 1
        for value in values:
            b = _checkable("", "choice", "radio")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(partial(self._chosen, value))
            self.group.addButton(b)
            self.choice_buttons[value] = b
        self.body.addLayout(grid)
        self.flow(grid, list(self.choice_buttons.values()), columns)

    def _chosen(self, value: str) -> None:
        self.send(value)

    def _show_value(self, raw: Any) -> None:
        value = _choice_text(raw)
        for v, b in self.choice_buttons.items():
            b.setChecked(v == value and (raw is not None or v == ""))

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        icon = state_icon("radio")
        for value, b in self.choice_buttons.items():
            c = self.spec.choice(value)
            b.setText(c.label(lang) if c else tr("choice_none", lang))
            b.setIcon(icon)


def _choice_text(raw: Any) -> str:
    if raw is True:
        return "yes"
    if raw is False:
        return "no"
    return "" if raw is None else str(raw)


class MultiChoiceEditor(FieldEditor):
    """Several options, each a toggle with a tick box."""

    def __init__(self, spec: FieldSpec, host: FormHost, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(spec, host, required, parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.SPACING)
        grid.setVerticalSpacing(theme.SPACING // 2 + 4)
        columns = 2 if len(spec.choices) > 4 else 1
        for c in spec.choices:
            b = _checkable("", "toggle", "box")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.toggled.connect(self._toggled)
            self.choice_buttons[c.value] = b
        self.body.addLayout(grid)
        self.flow(grid, list(self.choice_buttons.values()), columns)

    def _toggled(self, _: bool) -> None:
        self.send([v for v, b in self.choice_buttons.items() if b.isChecked()])

    def _show_value(self, raw: Any) -> None:
        chosen = set(raw) if isinstance(raw, list | tuple | set) else set()
        for v, b in self.choice_buttons.items():
            b.setChecked(v in chosen)

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        icon = state_icon("box")
        for value, b in self.choice_buttons.items():
            c = self.spec.choice(value)
            b.setText(c.label(lang) if c else value)
            b.setIcon(icon)


class ConfirmEditor(FieldEditor):
    """A declaration: one big toggle, "I confirm", with a tick box."""

    def __init__(self, spec: FieldSpec, host: FormHost, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(spec, host, required, parent)
        b = _checkable("", "toggle", "box")
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.toggled.connect(lambda on: self.send("yes" if on else ""))
        self.choice_buttons["yes"] = b
        self.body.addWidget(b)

    def _show_value(self, raw: Any) -> None:
        self.choice_buttons["yes"].setChecked(raw in (True, "yes"))

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        b = self.choice_buttons["yes"]
        b.setText(tr("i_confirm", lang))
        b.setIcon(state_icon("box"))


class AllocationEditor(FieldEditor):
    """Percent per fund with −10 −1 +1 +10 keys and a running total: nothing to type.

    ALLOCATION must total 100 (the total line says how far off it is, with an icon, not only a
    colour); SWITCH_OUT is a percentage of each fund's balance, 0 to 100 each."""

    STEPS = (-10, -1, 1, 10)

    def __init__(self, spec: FieldSpec, host: FormHost, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(spec, host, required, parent)
        self.values: dict[str, int] = {}
        self.value_labels: dict[str, QLabel] = {}
        self.name_labels: dict[str, QLabel] = {}
        self.step_buttons: dict[tuple[str, int], QPushButton] = {}
        self._funds = host.funds()
        for fund in self._funds:
            row = QFrame()
            row.setObjectName("fundRow")
            col = QVBoxLayout(row)
            col.setContentsMargins(16, 8, 16, 8)
            col.setSpacing(6)
            name = label(name="fieldLabel")
            self.name_labels[fund.code] = name
            col.addWidget(name)
            line = QHBoxLayout()
            line.setSpacing(12)
            col.addLayout(line)
            for delta in self.STEPS[:2]:
                line.addWidget(self._step_button(fund.code, delta))
            value = label("0%", "value", wrap=False)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setMinimumWidth(theme.active().size(110))
            self.value_labels[fund.code] = value
            line.addWidget(value)
            for delta in self.STEPS[2:]:
                line.addWidget(self._step_button(fund.code, delta))
            line.addStretch(1)
            self.body.addWidget(row)
        self.total = label(name="fieldLabel")
        self.total_icon = QLabel()
        total_row = QHBoxLayout()
        total_row.addWidget(self.total_icon)
        total_row.addWidget(self.total, 1)
        self.body.addLayout(total_row)

    def _step_button(self, code: str, delta: int) -> QPushButton:
        b = button(f"{delta:+d}", "step")
        b.setAccessibleName(f"{code} {delta:+d}")
        b.clicked.connect(partial(self.change, code, delta))
        self.step_buttons[(code, delta)] = b
        return b

    def change(self, code: str, delta: int) -> None:
        """Press a step key; the percentage stays within 0-100."""
        self.values[code] = max(0, min(100, self.values.get(code, 0) + delta))
        if not self.values[code]:
            del self.values[code]
        self._refresh()
        self.send(dict(self.values))

    def set_percent(self, code: str, percent: int) -> None:
        """Press the keys that take `code` to `percent` (tests, the screenshot walk)."""
        for _ in range(30):  # bounded: at most 10 tens and a few ones
            now = self.values.get(code, 0)
            diff = percent - now
            if diff == 0:
                return
            step = 10 if diff >= 10 else -10 if diff <= -10 else (1 if diff > 0 else -1)
            self.step_buttons[(code, step)].click()
        raise RuntimeError("could not reach the percentage")

    def _show_value(self, raw: Any) -> None:
        self.values = {}
        if isinstance(raw, dict):
            for k, v in raw.items():
                try:
                    n = int(str(v))
                except ValueError:
                    continue
                if n > 0:
                    self.values[str(k).upper()] = min(n, 100)
        self._refresh()

    def _refresh(self) -> None:
        for code, lab in self.value_labels.items():
            lab.setText(f"{self.values.get(code, 0)}%")
        self._total_text(self.host.lang)

    def _total_text(self, lang: str) -> None:
        total = sum(self.values.values())
        size = theme.active().size(30)
        from ui import icons

        if self.spec.kind is Kind.SWITCH_OUT:
            self.total.setText(tr("switch_out_count", lang, n=len(self.values)))
            self.total_icon.clear()
            return
        ok = total == 100
        self.total.setText(tr("allocation_total_ok" if ok else "allocation_total_off", lang, total=total,
                              left=100 - total))
        self.total.setObjectName("okText" if ok else "fieldError")
        self.total.style().unpolish(self.total)
        self.total.style().polish(self.total)
        self.total_icon.setPixmap(icons.online(size, theme.palette().on_primary) if ok else icons.warning(size))

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        for fund in self._funds:
            self.name_labels[fund.code].setText(f"{fund.name(lang)} ({fund.code})")
        self._total_text(lang)

    def clear(self) -> None:
        self.values = {}
        self._refresh()


class RowsEditor(FieldEditor):
    """Contribution data: one member at a time, the recomputed amounts beside what was typed.

    The employer moves between members with ‹ and ›, adds and removes them; every sub-field is
    typed with the shared pads. Under the amounts a line says what the rules give for this
    member's relevant income, so a difference is seen while typing, not after."""

    TYPED = ("hkid", "member_account_no", "name", "relevant_income", "employer_mandatory", "employee_mandatory",
             "employer_voluntary", "employee_voluntary", "surcharge", "employment_date")

    def __init__(self, spec: FieldSpec, host: FormHost, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(spec, host, required, parent)
        self.rows: list[dict[str, Any]] = [{}]
        self.index = 0
        # Paging: big ‹ and › either side of "Member 2 of 3", then add and remove on their own row.
        nav = QHBoxLayout()
        nav.setSpacing(theme.SPACING)
        self.position = label(name="progress", wrap=False)
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prev_button = button("‹", "step")
        self.next_button = button("›", "step")
        for b in (self.prev_button, self.next_button):
            b.setMinimumWidth(theme.active().size(120))
            b.setAccessibleName("previous member" if b is self.prev_button else "next member")
        self.add_button = button("", "")
        self.remove_button = button("", "")
        self.prev_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(lambda: self.go(self.index + 1))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.position, 1)
        nav.addWidget(self.next_button)
        self.body.addLayout(nav)
        edit_row = QHBoxLayout()
        edit_row.setSpacing(theme.SPACING)
        for b in (self.add_button, self.remove_button):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            edit_row.addWidget(b)

        # One member on one card: two columns of fields when the card is wide, one when it is not
        # (portrait, large text; resizeEvent).
        self.member_card = QFrame()
        self.member_card.setObjectName("card")
        card = QVBoxLayout(self.member_card)
        card.setContentsMargins(24, 16, 24, 16)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(theme.SPACING)
        self.grid.setVerticalSpacing(8)
        card.addLayout(self.grid)
        self.sub_edits: dict[str, QLineEdit] = {}
        self.sub_labels: dict[str, QLabel] = {}
        self.sub_errors: dict[str, FieldError] = {}
        self._cells: list[QWidget] = []
        subs = {s.name: s for s in spec.row_fields}
        for name in self.TYPED:
            sub = subs[name]
            lab = label(name="fieldLabel")
            edit = line_edit()
            edit.setAccessibleName(f"{spec.name}.{name}")
            edit.setPlaceholderText(PLACEHOLDERS.get(sub.kind, "") if sub.kind is not Kind.HKID else "")
            edit.textChanged.connect(partial(self._typed, name))
            err = FieldError()
            self.sub_edits[name], self.sub_labels[name], self.sub_errors[name] = edit, lab, err
            cell = QWidget()
            cell_box = QVBoxLayout(cell)
            cell_box.setContentsMargins(0, 0, 0, 0)
            cell_box.setSpacing(4)
            cell_box.addWidget(lab)
            cell_box.addWidget(edit)
            cell_box.addWidget(err)
            self._cells.append(cell)
            host.watch(edit, sub.kind)
            edit.installEventFilter(self)  # a touched field scrolls into view (eventFilter)

        # What the rules give for this member, beside what was typed: an icon and words (a tick and
        # "matches", or a warning sign and "differs"), never colour alone.
        self.check_box = QFrame()
        self.check_box.setObjectName("noticeBox")
        line = QHBoxLayout(self.check_box)
        line.setContentsMargins(20, 12, 20, 12)
        line.setSpacing(16)
        self.computed = label(name="fieldLabel")
        self.computed_icon = QLabel()
        line.addWidget(self.computed_icon, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.computed, 1)
        self.body.addWidget(self.check_box)
        reason = subs["difference_reason"]
        self.reason_label = label(name="fieldLabel")
        self.body.addWidget(self.reason_label)
        self.reasons = QGridLayout()
        self.reasons.setHorizontalSpacing(theme.SPACING)
        self.reasons.setVerticalSpacing(theme.SPACING // 2)
        self.reason_group = QButtonGroup(self)
        for value in [c.value for c in reason.choices] + [""]:
            b = _checkable("", "choice", "radio")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(partial(self._reason, value))
            self.reason_group.addButton(b)
            self.choice_buttons[value] = b
        self.body.addLayout(self.reasons)
        # The check and its reasons first (what the employer must act on shows without scrolling),
        # then the member's fields, then adding and removing members.
        self.body.addWidget(self.member_card)
        self.body.addLayout(edit_row)
        self._reason_spec = reason
        self.columns = 0
        self._place_cells(2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            area = self.parentWidget()
            while area is not None and not isinstance(area, QScrollArea):
                area = area.parentWidget()
            if area is not None:
                # The field the keys type into must show, with its caption and error.
                area.ensureWidgetVisible(watched, 0, theme.active().size(90))
        return super().eventFilter(watched, event)

    def _place_cells(self, columns: int) -> None:
        """The fields of one member in `columns` columns, and the reasons likewise."""
        if columns == self.columns:
            return
        self.columns = columns
        for cell in self._cells:
            self.grid.removeWidget(cell)
        for i, cell in enumerate(self._cells):
            self.grid.addWidget(cell, *divmod(i, columns))
        for c in range(2):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        buttons = list(self.choice_buttons.values())
        for b in buttons:
            self.reasons.removeWidget(b)
        for i, b in enumerate(buttons):
            self.reasons.addWidget(b, *divmod(i, columns))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Two columns need room for two fields and their captions side by side at this text size.
        wide = event.size().width() >= 900 and not theme.active().large
        self._place_cells(2 if wide else 1)
        super().resizeEvent(event)

    # ------------------------------------------------------------ editing
    def _typed(self, name: str, text: str) -> None:
        if self._quiet:
            return
        self.rows[self.index][name] = text
        self._show_computed()
        self.send([dict(r) for r in self.rows])

    def _reason(self, value: str) -> None:
        self.rows[self.index]["difference_reason"] = value
        self._show_computed()
        self.send([dict(r) for r in self.rows])

    def go(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.index = index
            self._show_row()

    def add_row(self) -> None:
        self.rows.append({})
        self.go(len(self.rows) - 1)
        self.send([dict(r) for r in self.rows])

    def remove_row(self) -> None:
        if len(self.rows) == 1:
            self.rows = [{}]
        else:
            self.rows.pop(self.index)
        self.index = min(self.index, len(self.rows) - 1)
        self._show_row()
        self.send([dict(r) for r in self.rows])

    def type_row(self, values: dict[str, str], press: Callable[[QLineEdit, str], None]) -> None:
        """Fill the current member by touching each field and pressing keys (tests, screenshots)."""
        for name, text in values.items():
            if name == "difference_reason":
                self.choice_buttons[text].click()
            elif text:
                press(self.sub_edits[name], str(text))

    # ------------------------------------------------------------ showing
    def _show_value(self, raw: Any) -> None:
        rows = [dict(r) for r in raw if isinstance(r, dict)] if isinstance(raw, list) else []
        self.rows = rows or [{}]
        self.index = min(self.index, len(self.rows) - 1)
        self._show_row()

    def _show_row(self) -> None:
        row = self.rows[self.index]
        was, self._quiet = self._quiet, True
        try:
            for name, edit in self.sub_edits.items():
                text = "" if row.get(name) is None else str(row.get(name))
                if edit.text() != text:
                    edit.setText(text)
                self.sub_errors[name].set_message(None)
            reason = str(row.get("difference_reason") or "")
            for v, b in self.choice_buttons.items():
                b.setChecked(v == reason)
        finally:
            self._quiet = was
        self.retranslate(self.host.lang)

    def _show_computed(self) -> None:
        lang = self.host.lang
        check = check_typed_row(self.rows[self.index], self.host.form_values())
        size = theme.active().size(30)
        from ui import icons

        if check is None:
            self.computed.setText(tr("rows_computed_none", lang))
            self.computed_icon.setPixmap(icons.info(size, theme.palette().notice))
            self._restyle_check("noticeBox", "fieldLabel")
            self._show_reasons(False)
            return
        expected, same = check.expected, check.matches
        basis = pick((expected.basis_zh, expected.basis_en), lang)
        self.computed.setText(tr("rows_computed", lang, er=mpf.money(expected.employer),
                                 ee=mpf.money(expected.employee), basis=basis)
                              + "\n" + tr("rows_no_difference" if same else "rows_computed_differs", lang))
        self._restyle_check("okBox" if same else "errorBox", "okText" if same else "fieldError")
        p = theme.palette()
        self.computed_icon.setPixmap(icons.online(size, p.ok) if same else icons.warning(size, p.error))
        # The reasons matter only for a difference (or once one was chosen): one decision at a time.
        self._show_reasons(not same or bool(self.rows[self.index].get("difference_reason")))

    def _restyle_check(self, box: str, text: str) -> None:
        self.check_box.setObjectName(box)
        self.computed.setObjectName(text)
        for w in (self.check_box, self.computed):
            w.style().unpolish(w)
            w.style().polish(w)

    def _show_reasons(self, on: bool) -> None:
        self.reason_label.setVisible(on)
        for b in self.choice_buttons.values():
            b.setVisible(on)

    def sub_error(self, field: str, message: str | None) -> bool:
        # field looks like "members[2].employee_mandatory"
        head, _, sub = field.partition("].")
        try:
            row = int(head.split("[")[1]) - 1
        except (IndexError, ValueError):
            return False
        if row != self.index or sub not in self.sub_errors:
            return False
        self.sub_errors[sub].set_message(message)
        return True

    def line_edits(self) -> list[QLineEdit]:
        return list(self.sub_edits.values())

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        subs = {s.name: s for s in self.spec.row_fields}
        self.position.setText(tr("rows_position", lang, n=self.index + 1, of=len(self.rows)))
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.rows) - 1)
        self.add_button.setText(tr("rows_add", lang))
        self.remove_button.setText(tr("rows_remove", lang))
        for name, lab in self.sub_labels.items():
            sub = subs[name]
            lab.setText(sub.label(lang) + ("" if sub.required else "  " + tr("optional", lang)))
        self.reason_label.setText(self._reason_spec.label(lang) + "  " + tr("optional", lang))
        icon = state_icon("radio")
        for value, b in self.choice_buttons.items():
            c = self._reason_spec.choice(value)
            b.setText(c.label(lang) if c else tr("rows_no_difference", lang))
            b.setIcon(icon)
        self._show_computed()

    def clear(self) -> None:
        super().clear()
        self.rows = [{}]
        self.index = 0


EDITORS: dict[Kind, type[FieldEditor]] = {
    Kind.CHOICE: ChoiceEditor,
    Kind.YES_NO: ChoiceEditor,
    Kind.MULTI_CHOICE: MultiChoiceEditor,
    Kind.CONFIRM: ConfirmEditor,
    Kind.ALLOCATION: AllocationEditor,
    Kind.SWITCH_OUT: AllocationEditor,
    Kind.ROWS: RowsEditor,
}


def make_editor(spec: FieldSpec, host: FormHost, required: bool) -> FieldEditor:
    return EDITORS.get(spec.kind, TextEditor)(spec, host, required)


def destroy(layout: QVBoxLayout | QGridLayout | QHBoxLayout, editors: list[FieldEditor]) -> None:
    """Empty every editor, then take them off the screen and out of the widget tree."""
    for e in editors:
        e.clear()
    clear_layout(layout)


class PressFilter(QObject):
    """Calls `on_press(edit)` when a watched line edit is touched or focused."""

    def __init__(self, on_press: Callable[[QLineEdit], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_press = on_press

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress) and isinstance(watched, QLineEdit):
            self._on_press(watched)
        return False
