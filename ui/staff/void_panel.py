"""Voiding a rejected instruction on the dashboard, in two steps (kiosk.modes.void_request): the
reasons, one per full-width row so none is cut or drawn over another, none chosen beforehand, and
"Void…" only once one is; then a second question saying what voiding does, "Yes, void it" or "Go
back". Presents the request and forwards the confirmed one (`on_void`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.modes.void_request import VoidRequest, VoidStage
from kiosk.ports.staff import Refused
from kiosk.ports.staff_queue import VOID_REASONS
from ui.layouts import Footer
from ui.staff.strings import tr_staff
from ui.strings import pick
from ui.theme import SPACING
from ui.widgets import MessageBox, button, label


class VoidPanel(QFrame):
    closed = Signal()  # given up (Cancel on the reasons): the dashboard shows its rows again

    def __init__(self, on_void: Callable[[VoidRequest], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        # As tall as its contents: the column's spare height stays below it, not inside its texts.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._on_void = on_void
        self._lang = "zh_HK"
        self.request: VoidRequest | None = None
        col = QVBoxLayout(self)
        col.setSpacing(SPACING // 2)
        self.prompt = label(name="fieldLabel")
        col.addWidget(self.prompt)
        # Step 1: the reasons, one per row (full width: long English reasons wrap the button, not cut).
        self.reasons = QWidget()
        rows = QVBoxLayout(self.reasons)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(SPACING // 2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.reason_buttons: dict[str, QPushButton] = {}
        for code in VOID_REASONS:
            b = button(role="choice")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, c=code: self._choose(c))
            self.group.addButton(b)
            rows.addWidget(b)
            self.reason_buttons[code] = b
        col.addWidget(self.reasons)
        # Step 2: what voiding does, said before it is done.
        self.warning = MessageBox("error")
        col.addWidget(self.warning)
        self.error = MessageBox("notice")
        col.addWidget(self.error)
        self.cancel_button = button()
        self.cancel_button.clicked.connect(self._cancel)
        self.next_button = button(role="primary")
        self.next_button.clicked.connect(self._next)
        col.addWidget(Footer(self.cancel_button, (self.next_button,)))
        self.hide()

    # ------------------------------------------------------------ steps
    def ask(self, kiosk_ref: str) -> None:
        """Start voiding `kiosk_ref`: the reasons, none chosen."""
        self.request = VoidRequest(kiosk_ref)
        self.group.setExclusive(False)  # so that every button can be unchecked
        for b in self.reason_buttons.values():
            b.setChecked(False)
        self.group.setExclusive(True)
        self.error.set_message(None)
        self._present()
        self.show()

    def _choose(self, code: str) -> None:
        if self.request is not None:
            self.request = self.request.choose(code)
            self._present()

    def _next(self) -> None:
        request = self.request
        if request is None:
            return
        if request.stage is VoidStage.CONFIRMING:
            self.request = None
            self.hide()
            self._on_void(request)  # StaffOperations.void_confirmed checks it once more
            return
        try:
            self.request = request.ask_confirmation()
        except Refused as refused:
            self.error.set_message(refused.message(self._lang))
        self._present()

    def _cancel(self) -> None:
        """Go back from the second question; from the reasons, give up."""
        if self.request is not None and self.request.stage is VoidStage.CONFIRMING:
            self.request = self.request.back()
            self._present()
            return
        self.request = None
        self.hide()
        self.closed.emit()

    def _present(self) -> None:
        r, lang = self.request, self._lang
        if r is None:
            return
        confirming = r.stage is VoidStage.CONFIRMING
        self.reasons.setVisible(not confirming)
        if confirming:
            reason = pick(VOID_REASONS[r.reason], lang) if r.reason else ""
            self.prompt.setText(tr_staff("void_confirm_title", lang, ref=r.kiosk_ref))
            self.warning.set_message(tr_staff("void_confirm_warning", lang, reason=reason))
            self.error.set_message(None)
        else:
            self.prompt.setText(f"{r.kiosk_ref} — {tr_staff('void_choose', lang)}")
            self.warning.set_message(None)
        self.next_button.setText(tr_staff("void_yes" if confirming else "void_next", lang))
        self.next_button.setEnabled(confirming or r.reason is not None)
        self.cancel_button.setText(tr_staff("void_back" if confirming else "cancel", lang))

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        for code, b in self.reason_buttons.items():
            b.setText(pick(VOID_REASONS[code], lang))
        self.cancel_button.setText(tr_staff("cancel", lang))
        self.next_button.setText(tr_staff("void_next", lang))
        self._present()
