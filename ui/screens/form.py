"""Form: generated from the instruction type's FieldSpecs, each field checked as it is typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import ValidationError, get_type
from kiosk.domain.fields import FieldSpec, Kind
from kiosk.session import Session, SessionState
from ui.screens.base import ScreenBase
from ui.strings import tr
from ui.theme import SPACING
from ui.widgets import FieldError, Keyboard, MessageBox, button, clear_layout, label, line_edit

# Kinds typed into a line edit. CHOICE gets buttons; ALLOCATION has no editor yet.
TYPED_KINDS = {Kind.TEXT, Kind.NAME_EN, Kind.NAME_ZH, Kind.HKID, Kind.DATE, Kind.MOBILE, Kind.EMAIL,
               Kind.MONEY, Kind.BANK_ACCOUNT, Kind.ACCOUNT_NO}
# Show an error this long after the member stopped typing: an error after the first digit of a
# phone number would only alarm; an error left hidden until Next would surprise.
SETTLE_MS = 1200
LABEL_WIDTH = 260
PLACEHOLDERS = {Kind.MOBILE: "91234567", Kind.EMAIL: "chan@example.com", Kind.DATE: "1970-01-31"}


@dataclass
class FieldRow:
    spec: FieldSpec
    box: QWidget
    title: QLabel
    error: FieldError
    edit: QLineEdit | None = None
    group: QButtonGroup | None = None
    choice_buttons: dict[str, QPushButton] = field(default_factory=dict)


class FormScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.hint = label(name="muted")
        self.page.addWidget(self.hint)
        self.form_error = MessageBox("error")
        self.page.addWidget(self.form_error)

        columns = QHBoxLayout()
        columns.setSpacing(SPACING * 2)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_host = QWidget()
        self.fields_layout = QVBoxLayout(self.fields_host)
        self.fields_layout.setContentsMargins(0, 0, 16, 0)
        self.fields_layout.setSpacing(18)
        self.scroller.setWidget(self.fields_host)
        columns.addWidget(self.scroller, 1)
        self.keyboard = Keyboard("full")
        self.keyboard.setFixedWidth(800)
        kb_col = QVBoxLayout()
        kb_col.addStretch(1)
        kb_col.addWidget(self.keyboard)
        columns.addLayout(kb_col)
        self.page.addLayout(columns, 1)

        self.next_button = button(tr("next", "zh_HK"), "primary")
        self.next_button.clicked.connect(self._submit)
        self.add_footer(self.next_button)

        self.rows: dict[str, FieldRow] = {}
        self._built_for: str | None = None
        self._live: dict[str, ValidationError | None] = {}  # the latest check of each field
        self._touched: set[str] = set()  # fields whose errors show at once
        self._lang = "zh_HK"
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)

    # ------------------------------------------------------------ building
    def _build(self, type_code: str) -> None:
        self.clear()
        itype = get_type(type_code)
        for spec in itype.fields:
            # Label beside the field, not above it: four fields, their errors and a form-level
            # message must fit beside the keyboard without scrolling.
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(20)
            grid.setVerticalSpacing(6)
            grid.setColumnStretch(1, 1)
            row = FieldRow(spec, box, label(name="fieldLabel"), FieldError())
            row.title.setFixedWidth(LABEL_WIDTH)
            grid.addWidget(row.title, 0, 0, Qt.AlignmentFlag.AlignVCenter)
            if spec.kind in TYPED_KINDS:
                edit = line_edit()
                edit.setMaxLength(spec.max_length)
                edit.setAccessibleName(spec.name)
                edit.setPlaceholderText(PLACEHOLDERS.get(spec.kind, ""))
                edit.textChanged.connect(partial(self._changed, spec.name))
                edit.editingFinished.connect(partial(self._left, spec.name))
                edit.installEventFilter(self)
                row.edit = edit
                grid.addWidget(edit, 0, 1)
            elif spec.kind is Kind.CHOICE:
                line = QHBoxLayout()
                line.setSpacing(SPACING)
                group = QButtonGroup(box)
                group.setExclusive(True)
                values = [c.value for c in spec.choices] + ([] if spec.required else [""])
                for value in values:
                    b = button(role="choice")
                    b.setCheckable(True)
                    b.clicked.connect(partial(self._chosen, spec.name, value))
                    group.addButton(b)
                    row.choice_buttons[value] = b
                    line.addWidget(b)
                line.addStretch(1)
                row.group = group
                grid.addLayout(line, 0, 1)
            else:
                grid.addWidget(label(tr("unsupported_field", self._lang), "muted"), 0, 1)
            grid.addWidget(row.error, 1, 1)
            self.rows[spec.name] = row
            self.fields_layout.addWidget(box)
        self.fields_layout.addStretch(1)
        self._built_for = type_code
        first = next((r.edit for r in self.rows.values() if r.edit is not None), None)
        self._focus(first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A press as well as FocusIn: focus does not move while the window is inactive (no window
        # manager, a screenshot run), but the member's finger on a field always means "type here".
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress) and \
                isinstance(watched, QLineEdit) and watched is not self.keyboard.target():
            self._focus(watched)
        return super().eventFilter(watched, event)

    def select_field(self, name: str) -> None:
        """Make `name` the field the keyboard types into (as touching it does)."""
        self._focus(self.rows[name].edit)

    def _focus(self, edit: QLineEdit | None) -> None:
        self.keyboard.set_target(edit)
        spec = next((r.spec for r in self.rows.values() if r.edit is edit), None)
        # E-mail addresses are typed in lower case; everything else reads better in capitals.
        self.keyboard.set_lowercase(spec is not None and spec.kind is Kind.EMAIL)
        if edit is not None and not edit.hasFocus():
            edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ input
    def _changed(self, name: str, text: str) -> None:
        self._live[name] = self.session.set_field(name, text)
        if self._live[name] is None or name in self._touched:
            self._show_errors()
        else:
            self._settle.start()
        self.form_error.set_message(None)  # set_field dropped the form-level errors

    def _left(self, name: str) -> None:
        edit = self.rows[name].edit
        if edit is not None and edit.text():
            self._touched.add(name)
        self._show_errors()

    def _settled(self) -> None:
        self._touched.update(n for n, e in self._live.items() if e is not None)
        self._show_errors()

    def _chosen(self, name: str, value: str) -> None:
        self._live[name] = self.session.set_field(name, value)
        self._touched.add(name)
        self._show_errors()
        self.form_error.set_message(None)

    def _submit(self) -> None:
        self._settle.stop()
        self.session.submit_form()  # re-renders through the Session's listener

    # ------------------------------------------------------------ presenting
    def _error_for(self, name: str) -> ValidationError | None:
        submitted = next((e for e in self.session.state.errors if e.field == name), None)
        if submitted is not None:
            return submitted
        return self._live.get(name) if name in self._touched else None

    def _show_errors(self) -> None:
        for name, row in self.rows.items():
            err = self._error_for(name)
            row.error.set_message(err.message(self._lang) if err else None)
            if row.edit is not None:
                row.edit.setProperty("invalid", err is not None)
                row.edit.style().unpolish(row.edit)
                row.edit.style().polish(row.edit)
        # Only errors about the whole form go on top; field errors sit under their field.
        form_level = [e.message(self._lang) for e in self.session.state.errors if not e.field]
        self.form_error.set_message("\n".join(form_level) or None)

    def present(self, state: SessionState) -> None:
        super().present(state)
        self._lang = lang = state.lang
        if state.instruction_type is None:
            return
        if state.instruction_type != self._built_for:
            self._build(state.instruction_type)
        itype = get_type(state.instruction_type)
        self.title.setText(itype.title(lang))
        required = any(s.required for s in itype.fields)
        self.hint.setText(tr("form_hint_required" if required else "form_hint", lang))
        self.next_button.setText(tr("next", lang))
        self.keyboard.retranslate(lang)
        if state.errors:
            self._touched.update(e.field for e in state.errors if e.field)
        for name, row in self.rows.items():
            spec = row.spec
            row.title.setText(spec.label(lang) + ("" if spec.required else "  " + tr("optional", lang)))
            raw = state.form_raw.get(name)
            text = "" if raw is None else str(raw)
            if row.edit is not None and row.edit.text() != text:
                # The Session holds what was typed; the widget follows it (e.g. a new instruction
                # type started empty). Signals off: this is not the member typing.
                row.edit.blockSignals(True)
                row.edit.setText(text)
                row.edit.blockSignals(False)
            for value, b in row.choice_buttons.items():
                choice = next((c for c in spec.choices if c.value == value), None)
                b.setText((choice.label_zh if lang.startswith("zh") else choice.label_en) if choice
                          else tr("choice_none", lang))
                # "No change" is checked until the member picks something: nothing is ambiguous.
                b.setChecked(text == value)
        self._show_errors()

    def clear(self) -> None:
        """Destroy every field widget: nothing typed may outlive the session."""
        self._settle.stop()
        self.keyboard.set_target(None)
        for row in self.rows.values():
            if row.edit is not None:
                row.edit.removeEventFilter(self)
                row.edit.blockSignals(True)
                row.edit.setText("")  # now, not when deleteLater gets round to it
        clear_layout(self.fields_layout)
        self.rows = {}
        self._live = {}
        self._touched = set()
        self._built_for = None
        self.form_error.set_message(None)
