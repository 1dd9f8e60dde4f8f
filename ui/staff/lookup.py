"""The staff panel's receipt lookup: a reference typed on the panel's keys or scanned (a keyboard
scanner types into the focused field and ends with Enter), then this kiosk's record and the
platform's status side by side (kiosk.modes.receipt_lookup: no personal data in either). The panel
runs the lookup on its worker thread (the platform is asked over the network)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain import get_type
from kiosk.domain.account import InstructionStatus
from kiosk.modes.receipt_lookup import ReceiptLookup
from kiosk.ports import OutboxState
from kiosk.ports.staff_queue import VOID_REASONS, LocalReceipt
from ui.layouts import Columns, scrolling
from ui.pads import Keyboard
from ui.staff.strings import tr_staff
from ui.strings import pick
from ui.theme import SPACING
from ui.widgets import MessageBox, button, clear_layout, label, line_edit

_STATES = {s.value for s in OutboxState}


def _type_title(code: str, lang: str) -> str:
    try:
        return get_type(code).title(lang)
    except Exception:  # a type this build no longer knows still shows, by its code
        return code


def _when(iso: str) -> str:
    """An ISO 8601 time as "2026-12-06 10:15" (staff read it, nothing parses it again)."""
    return iso[:16].replace("T", " ") if iso else "-"


class LookupPage(QWidget):
    def __init__(self, on_look_up: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = "zh_HK"
        self._on_look_up = on_look_up
        col = QVBoxLayout(self)
        col.setSpacing(SPACING)
        self.title = label(name="title")
        self.hint = label(name="muted")
        col.addWidget(self.title)
        col.addWidget(self.hint)
        body = Columns()
        self.columns = body
        left = QVBoxLayout()
        self.field_label = label(name="fieldLabel")
        self.field = line_edit()
        self.field.setMaxLength(200)  # room for a scanned code that carries more than the reference
        self.field.returnPressed.connect(self._submit)  # a keyboard scanner ends with Enter
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        self.look_up_button = button(role="primary")
        self.look_up_button.clicked.connect(self._submit)
        row.addWidget(self.look_up_button)
        left.addWidget(self.field_label)
        left.addLayout(row)
        self.error = MessageBox("error")
        left.addWidget(self.error)
        results = QWidget()
        self.results = QVBoxLayout(results)
        self.results.setContentsMargins(0, 0, 0, 0)
        self.results.setSpacing(SPACING // 2)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop)
        left.addWidget(scrolling(results), 1)  # long platform notes scroll rather than squeeze
        body.addLayout(left, 1)
        self.keyboard = Keyboard("hkid")  # capital letters and digits: what references are made of
        self.keyboard.setFixedWidth(820)
        self.keyboard.set_target(self.field)
        body.addWidget(self.keyboard)
        col.addLayout(body, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.columns.follow(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _submit(self) -> None:
        text = self.field.text()
        if not text.strip():
            return
        self.look_up_button.setEnabled(False)
        self.look_up_button.setText(tr_staff("checking", self._lang))
        self._on_look_up(text)

    def _done(self) -> None:
        self.look_up_button.setEnabled(True)
        self.look_up_button.setText(tr_staff("lookup_button", self._lang))

    def show_refusal(self, message: str) -> None:
        self._done()
        clear_layout(self.results)
        self.error.set_message(message)

    def show_result(self, found: ReceiptLookup) -> None:
        self._done()
        self.error.set_message(None)
        self.field.setText(found.kiosk_ref)
        clear_layout(self.results)
        lang = self._lang
        here = [self._local_lines(found.local)] if found.local else [[tr_staff("lookup_not_here", lang)]]
        self.results.addWidget(self._card(tr_staff("lookup_here", lang), here[0]))
        if found.platform is not None:
            lines = self._platform_lines(found.platform)
        else:
            lines = [pick(found.platform_note, lang)] if found.platform_note else ["-"]
        self.results.addWidget(self._card(tr_staff("lookup_platform", lang), lines))

    def _card(self, title: str, lines: list[str]) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        box = QVBoxLayout(frame)
        box.addWidget(label(title, "fieldLabel"))
        for line in lines:
            box.addWidget(label(line))
        return frame

    def _local_lines(self, r: LocalReceipt) -> list[str]:
        lang = self._lang
        state = tr_staff(f"state_{r.state}", lang) if r.state in _STATES else r.state
        lines = [tr_staff("lookup_local", lang, type=_type_title(r.type, lang), state=state,
                          queued=_when(r.queued_at), attempts=r.attempts)]
        if r.platform_ref:
            lines.append(tr_staff("lookup_platform_ref", lang, ref=r.platform_ref))
        if r.reason_code:
            lines.append(tr_staff("lookup_reason", lang, reason=pick((r.reason_zh or r.reason_code,
                                                                      r.reason_en or r.reason_code), lang)))
        if r.staff_action == "voided":
            reason = pick(VOID_REASONS[r.staff_reason], lang) if r.staff_reason in VOID_REASONS else r.staff_reason
            lines.append(tr_staff("lookup_voided", lang, reason=reason))
        elif r.staff_action in ("amended", "amends") and r.linked_ref:
            lines.append(tr_staff(f"lookup_{r.staff_action}", lang, ref=r.linked_ref))
        return lines

    def _platform_lines(self, p: InstructionStatus) -> list[str]:
        lang = self._lang
        key = f"status_{p.status}"
        status = tr_staff(key, lang) if key in ("status_received", "status_cancelled", "status_rejected") \
            else p.status
        lines = [tr_staff("lookup_status", lang, type=_type_title(p.type, lang), status=status,
                          received=_when(p.received_at))]
        if p.platform_ref:
            lines.append(tr_staff("lookup_platform_ref", lang, ref=p.platform_ref))
        if p.reason_code:
            lines.append(tr_staff("lookup_reason", lang, reason=pick((p.reason_zh or p.reason_code,
                                                                      p.reason_en or p.reason_code), lang)))
        if p.cancellable and p.cancel_by:
            lines.append(tr_staff("lookup_cancel_by", lang, when=_when(p.cancel_by)))
        if p.next_step(lang):
            lines.append(p.next_step(lang))
        return lines

    def clear(self) -> None:
        """Nothing of the last lookup stays for the next staff member."""
        self.field.clear()
        self.error.set_message(None)
        clear_layout(self.results)
        self._done()

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.title.setText(tr_staff("lookup_title", lang))
        self.hint.setText(tr_staff("lookup_hint", lang))
        self.field_label.setText(tr_staff("lookup_field", lang))
        self.look_up_button.setText(tr_staff("lookup_button", lang))
        self.keyboard.retranslate(lang)
