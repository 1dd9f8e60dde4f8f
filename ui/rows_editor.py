"""The contribution statement's members: one member at a time, the rules' amounts beside what was
typed (kiosk/domain/forms/contribution_check.py), a reason asked for only when they differ.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import mpf
from kiosk.domain.fields import FieldSpec, Kind
from kiosk.domain.forms.contribution_check import check_typed_row
from ui import theme
from ui.field_editor import PLACEHOLDERS, FieldEditor, FormHost, checkable
from ui.icons import state_icon
from ui.strings import pick, tr
from ui.widgets import FieldError, button, label, line_edit


class RowsEditor(FieldEditor):
    """Contribution data: one member at a time, the recomputed amounts beside what was typed.

    The employer moves between members with ‹ and ›, adds and removes them; every sub-field is
    typed with the shared pads. Under the amounts a line says what the rules give for this
    member's relevant income, so a difference is seen while typing, not after."""

    # What each member's plan may need besides the amounts: basic salary (% of basic salary, grade
    # tiers on basic salary), years of service and grade (tiered plans): kiosk/domain/vc_plans.py.
    TYPED = ("hkid", "member_account_no", "name", "relevant_income", "employer_mandatory", "employee_mandatory",
             "employer_voluntary", "employee_voluntary", "basic_salary", "years_of_service", "grade", "surcharge",
             "employment_date")

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
            b = checkable("", "choice", "radio")
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
                b.setChecked(bool(reason) and v == reason)  # no reason is ever chosen for the employer
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
        # With a difference a reason is required and none is preselected; "No difference" is offered
        # only to clear a reason once the amounts agree again.
        self._show_reasons(not same or bool(self.rows[self.index].get("difference_reason")), clearable=same)
        self.reason_label.setText(self._reason_spec.label(lang) + ("  " + tr("optional", lang) if same else ""))

    def _restyle_check(self, box: str, text: str) -> None:
        self.check_box.setObjectName(box)
        self.computed.setObjectName(text)
        for w in (self.check_box, self.computed):
            w.style().unpolish(w)
            w.style().polish(w)

    def _show_reasons(self, on: bool, *, clearable: bool = False) -> None:
        self.reason_label.setVisible(on)
        for value, b in self.choice_buttons.items():
            b.setVisible(on and (bool(value) or clearable))

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
