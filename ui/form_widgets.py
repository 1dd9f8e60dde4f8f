"""Editors for the fields of one form step, one class per kind of answer.

Each editor shows its label, its input, a help line and its error, keeps nothing the Session does
not also hold (what is typed goes to `FormHost.field_changed` at once), and empties itself on
`clear()`. Text is typed with the pads the form screen owns (ui/pads.py Keyboard and NumPad,
ui/chinese_input.py); choices, yes/no, declarations and fund percentages are pressed, never typed.
State never rests on colour alone: chosen buttons carry a filled radio or a ticked box as well.
"""


from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.fields import CHINESE_KINDS, FieldSpec, Kind
from kiosk.domain.funds import Fund
from ui import theme
from ui.field_editor import PLACEHOLDERS, FieldEditor, FormHost, checkable
from ui.icons import state_icon
from ui.rows_editor import RowsEditor
from ui.strings import tr
from ui.widgets import button, clear_layout, label, line_edit


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
            b = checkable("", "choice", "radio")
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
        # The official names (P(P), TVC…) in the small type of the help line under the buttons: a
        # member with a letter that uses those names finds them here.
        terms = [c.term(lang) for c in self.spec.choices if c.term(lang)]
        if terms:
            sep = "；" if lang.startswith("zh") else "; "
            help_text = self.help.text()
            self.help.setText("\n".join(t for t in (help_text, tr("official_terms", lang) + sep.join(terms)) if t))
            self.help.show()


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
            b = checkable("", "toggle", "box")
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
        b = checkable("", "toggle", "box")
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
        self.fact_labels: dict[str, QLabel] = {}
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
            facts = label(name="term")  # risk class and yearly costs, where the member chooses
            self.fact_labels[fund.code] = facts
            col.addWidget(facts)
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
            self.fact_labels[fund.code].setText(fund_facts(fund, lang))
        self._total_text(lang)

    def clear(self) -> None:
        self.values = {}
        self._refresh()


EDITORS: dict[Kind, type[FieldEditor]] = {
    Kind.CHOICE: ChoiceEditor,
    Kind.YES_NO: ChoiceEditor,
    Kind.MULTI_CHOICE: MultiChoiceEditor,
    Kind.CONFIRM: ConfirmEditor,
    Kind.ALLOCATION: AllocationEditor,
    Kind.SWITCH_OUT: AllocationEditor,
    Kind.ROWS: RowsEditor,
}


def fund_facts(fund: Fund, lang: str) -> str:
    """"Risk class 4 (1 lowest, 7 highest) · Fund expense ratio 0.75% a year", or where to find them."""
    if not fund.risk_class and fund.expense_ratio_pct is None:
        return tr("fund_facts_unknown", lang)
    parts = []
    if fund.risk_class:
        parts.append(tr("fund_risk", lang, risk=fund.risk_class))
    if fund.expense_ratio_pct is not None:
        parts.append(tr("fund_fee", lang, fee=f"{fund.expense_ratio_pct:.2f}"))
    return " · ".join(parts)


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
