"""Check or cancel an instruction by its receipt reference (Screen.STATUS), at any kiosk.

The reference is typed on the screen's keys (a kiosk reference without its hyphens is fine) or its
receipt's QR code is shown to the scanner (ui/qr_controller.py hands a receipt's code to the
Session). What was found says where the instruction is on the platform and, sent from this kiosk,
in its outbox; what happens next and the hotline; until when it can be cancelled. "Show details"
and "Cancel" need the member who gave it signed in (the core takes them to sign in); a cancel asks
first, saying the cut-off. All in one column that scrolls: large text in portrait cuts nothing.

It presents and forwards only: the flow is kiosk/core/flows/status.py.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.core.receipt_check import LOCAL_STATES, PLATFORM_STATES, TEXTS, CheckPhase, ReceiptCheck
from kiosk.core.session import Session
from kiosk.core.state import SessionState
from kiosk.languages import choose
from ui.pads import Keyboard
from ui.screens.account import type_name
from ui.screens.base import ScreenBase
from ui.strings import pick
from ui.theme import SPACING
from ui.visibility import PagedScroll
from ui.widgets import MessageBox, button, clear_layout, label, line_edit

T: dict[str, tuple[str, str]] = {
    "title": ("查詢或取消指示", "Check or cancel an instruction"),
    "how": ("輸入收據上的編號（例如 EK-261206-7QX4M2，可不輸入「-」），或把收據上的二維碼對準掃描器。",
            "Type the reference on your receipt (e.g. EK-261206-7QX4M2; the hyphens can be left out), or "
            "hold the receipt's QR code to the scanner."),
    "ref_label": ("收據編號", "Receipt reference"),
    "check": ("查詢", "Check"),
    "ref": ("收據編號：{ref}", "Receipt reference: {ref}"),
    "platform": ("平台：{state}", "Platform: {state}"),
    "here": ("本服務機：{state}", "This kiosk: {state}"),
    "received_at": ("收到時間：{when}", "Received: {when}"),
    "platform_ref": ("平台編號：{ref}", "Platform reference: {ref}"),
    "reason": ("原因：{reason}", "Reason: {reason}"),
    "cancel_by": ("可於 {when} 前取消。", "Can be cancelled until {when}."),
    "not_cancellable": ("此指示不可在服務機取消。", "This instruction cannot be cancelled at a kiosk."),
    "next": ("下一步：{text}", "What happens next: {text}"),
    "hotline": ("積金易熱線：{hotline}", "eMPF hotline: {hotline}"),
    "details_title": ("指示內容", "What the instruction says"),
    "details": ("查看指示內容", "Show what it says"),
    "cancel": ("取消此指示", "Cancel this instruction"),
    "another": ("查詢另一張收據", "Check another receipt"),
    "confirm_q": ("確定取消此{type}？", "Cancel this {type}?"),
    "confirm_body": ("取消後平台不會處理此指示，亦不能還原。截止時間：{when}。",
                     "Once cancelled, the platform will not act on it, and it cannot be undone. Cut-off: {when}."),
    "yes_cancel": ("確定取消", "Yes, cancel it"),
    "keep": ("不取消，保留指示", "No, keep it"),
    "sign_in_note": ("查看內容或取消指示，須由提交指示的成員登入。", "To see what it says or cancel it, the member who "
                     "gave it signs in."),
}


def say(key: str, lang: str, **values: object) -> str:
    zh, en = T[key]
    text = choose(zh, en, lang)
    return text.format(**values) if values else text


def when(iso: str) -> str:
    """2026-12-07T16:00:00+08:00 -> 2026-12-07 16:00 (Hong Kong time, as the platform gives it)."""
    return iso[:16].replace("T", " ") if iso else ""


def found_lines(view: ReceiptCheck, lang: str) -> list[tuple[str, str]]:
    """(text, label style) rows describing what was found."""
    rows: list[tuple[str, str]] = []
    if view.type:
        rows.append((type_name(view.type, lang), "menuHeading"))
    rows.append((say("ref", lang, ref=view.ref), ""))
    st = view.status
    if st is not None:
        rows.append((say("platform", lang, state=pick(PLATFORM_STATES.get(st.status, (st.status, st.status)), lang)),
                     "fieldLabel"))
    if view.local is not None:
        local = view.local.state
        rows.append((say("here", lang, state=pick(LOCAL_STATES.get(local, (local, local)), lang)), "fieldLabel"))
    if st is not None:
        if st.received_at:
            rows.append((say("received_at", lang, when=when(st.received_at)), ""))
        if st.platform_ref:
            rows.append((say("platform_ref", lang, ref=st.platform_ref), "muted"))
        if st.reason_code:
            rows.append((say("reason", lang, reason=choose(st.reason_zh, st.reason_en, lang) or st.reason_code), ""))
        if st.status == "received":
            rows.append((say("cancel_by", lang, when=when(st.cancel_by)) if st.cancellable and st.cancel_by
                         else say("not_cancellable", lang), ""))
        if st.next_step(lang):
            rows.append((say("next", lang, text=st.next_step(lang)), ""))
        if st.hotline:
            rows.append((say("hotline", lang, hotline=st.hotline), ""))
    return rows


def detail_lines(view: ReceiptCheck, lang: str) -> list[str]:
    """The instruction's values (for the signed-in member who gave it), by the form's own labels."""
    st = view.status
    if st is None or not st.values:
        return []
    from kiosk.domain import TYPES

    itype = TYPES.get(st.type)
    lines = []
    for name, value in st.values.items():
        spec = next((f for f in itype.fields if f.name == name), None) if itype is not None else None
        title = choose(spec.label_zh, spec.label_en, lang) if spec is not None else name
        lines.append(f"{title}: {_plain(value)}")
    return lines


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(_plain(v) for v in value)
    return str(value)


class StatusScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 0, 12, 0)
        col.setSpacing(SPACING)
        self.notice = MessageBox("error")
        col.addWidget(self.notice)
        self.done = MessageBox("notice")  # "cancelled": good news, not a warning
        col.addWidget(self.done)
        self.progress = MessageBox("notice")  # checking…, asking the platform…
        col.addWidget(self.progress)
        # The entry: what to do, the field, the keys.
        self.entry = QWidget()
        entry = QVBoxLayout(self.entry)
        entry.setContentsMargins(0, 0, 0, 0)
        entry.setSpacing(SPACING)
        self.how = label(name="help")
        entry.addWidget(self.how)
        self.ref_label = label(name="fieldLabel")
        entry.addWidget(self.ref_label)
        self.ref_edit = line_edit()
        self.ref_edit.setMaxLength(40)
        self.ref_edit.textEdited.connect(self.session.receipt_ref_typed)
        self.ref_edit.returnPressed.connect(self._check)
        self.ref_label.setBuddy(self.ref_edit)
        entry.addWidget(self.ref_edit)
        self.keys = Keyboard("hkid")
        self.keys.set_target(self.ref_edit)
        self.ref_edit.textChanged.connect(self._typed_by_keys)
        entry.addWidget(self.keys)
        col.addWidget(self.entry)
        # What was found.
        self.found_card = QFrame()
        self.found_card.setObjectName("card")
        self.found_box = QVBoxLayout(self.found_card)
        self.found_box.setContentsMargins(28, 18, 28, 18)
        self.found_box.setSpacing(8)
        col.addWidget(self.found_card)
        # One under the other, each as wide as the column: side by side they would not fit a
        # portrait screen at 200% text.
        self.action_row = QVBoxLayout()
        self.action_row.setSpacing(SPACING)
        self.details_button = button()
        self.details_button.clicked.connect(self.session.receipt_details_requested)
        self.cancel_button = button()
        self.cancel_button.clicked.connect(self.session.receipt_cancel_requested)
        for b in (self.details_button, self.cancel_button):
            self.action_row.addWidget(b)
        col.addLayout(self.action_row)
        self.sign_in_note = label(name="muted")
        col.addWidget(self.sign_in_note)
        # The cancel's question.
        self.confirm_box = MessageBox("notice")
        col.addWidget(self.confirm_box)
        confirm_row = QVBoxLayout()
        confirm_row.setSpacing(SPACING)
        self.keep_button = button()
        self.keep_button.clicked.connect(self.session.receipt_cancel_kept)
        self.yes_button = button(role="primary")
        self.yes_button.clicked.connect(self.session.receipt_cancel_confirmed)
        confirm_row.addWidget(self.keep_button)
        confirm_row.addWidget(self.yes_button)
        col.addLayout(confirm_row)
        col.addStretch(1)
        scroller = PagedScroll()  # "More below" when 200% text needs more than a screen
        scroller.setWidget(body)
        self.scroller = scroller
        self.page.addWidget(scroller, 1)
        self.check_button = button(role="primary")
        self.check_button.clicked.connect(self._check)
        self.another_button = button()
        self.another_button.clicked.connect(self.session.back)  # from what was found: the entry
        self.add_footer(scroller.more_button, self.another_button, self.check_button)

    def _typed_by_keys(self, text: str) -> None:
        if not self.ref_edit.isModified():  # the on-screen keys insert without textEdited
            self.session.receipt_ref_typed(text)

    def _check(self) -> None:
        self.session.receipt_ref_typed(self.ref_edit.text())
        self.session.receipt_lookup_submitted()

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        view = state.receipt_check or ReceiptCheck()
        phase = view.phase
        self.title.setText(say("title", lang))
        self.how.setText(say("how", lang))
        self.ref_label.setText(say("ref_label", lang))
        self.keys.retranslate(lang)
        self.scroller.retranslate(lang)
        good = state.notice == TEXTS["CANCELLED"]
        self.notice.set_message(pick(state.notice, lang) if state.notice and not good else None)
        self.done.set_message(pick(state.notice, lang) if state.notice and good else None)
        busy = {CheckPhase.LOOKING: "LOOKING", CheckPhase.LOADING_DETAILS: "ASKING", CheckPhase.CANCELLING: "ASKING"}
        self.progress.set_message(pick(TEXTS[busy[phase]], lang) if phase in busy else None)
        entering = phase in (CheckPhase.ENTER, CheckPhase.LOOKING)
        self.entry.setVisible(entering)
        if entering and self.ref_edit.text() != view.ref and not self.ref_edit.hasFocus():
            self.ref_edit.setText(view.ref)
        self.ref_edit.setEnabled(phase is CheckPhase.ENTER)
        self.check_button.setText(say("check", lang))
        self.check_button.setVisible(phase is CheckPhase.ENTER)
        self.another_button.setText(say("another", lang))
        self.another_button.setVisible(not entering)
        confirming = phase is CheckPhase.CONFIRM_CANCEL
        # While the cancel is asked, the question alone (it names the type and the cut-off): in
        # sight at the top, at any text size.
        self._present_found(view, lang, shown=not entering and not confirming)
        if confirming and view.status is not None:
            question = say("confirm_q", lang, type=type_name(view.type, lang))
            body = say("confirm_body", lang, when=when(view.status.cancel_by))
            self.confirm_box.set_message(f"{question}\n{body}")
        else:
            self.confirm_box.set_message(None)
        self.keep_button.setText(say("keep", lang))
        self.yes_button.setText(say("yes_cancel", lang))
        self.keep_button.setVisible(confirming)
        self.yes_button.setVisible(confirming)
        if confirming:
            self.scroller.verticalScrollBar().setValue(0)

    def _present_found(self, view: ReceiptCheck, lang: str, *, shown: bool) -> None:
        clear_layout(self.found_box)
        self.found_card.setVisible(shown and view.found)
        if shown and view.found:
            for text, style in found_lines(view, lang):
                self.found_box.addWidget(label(text, name=style))
            details = detail_lines(view, lang)
            if details:
                self.found_box.addWidget(label(say("details_title", lang), name="fieldLabel"))
                for line in details:
                    self.found_box.addWidget(label(line))
        idle = view.phase is CheckPhase.SHOWN
        st = view.status
        self.details_button.setText(say("details", lang))
        self.details_button.setVisible(idle and st is not None and not view.detailed)
        self.cancel_button.setText(say("cancel", lang))
        self.cancel_button.setVisible(idle and view.found and (st is None or st.status == "received"))
        self.sign_in_note.setText(say("sign_in_note", lang))
        signed_in = self.session.state.signed_in
        self.sign_in_note.setVisible(idle and st is not None and not signed_in)

    def clear(self) -> None:
        self.ref_edit.clear()
        self.notice.set_message(None)
        self.done.set_message(None)
        clear_layout(self.found_box)
