"""Staff confirm they saw the member's HKID card (Screen.STAFF_CONFIRM).

In an assisted session a typed HKID number is only used once the signed-in staff member says they
looked at the member's identity card and the number matches. The screen shows the number and any
name masked (the member's neighbours can see the screen too), one clear confirm and one way out.
It presents and forwards only: the check, the audit entry and the marker on the identity are in
kiosk.modes.hkid_check, reached through the staff panel (`handler`), which runs them on its thread.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from ui.masking import mask_name_zh
from ui.screens.base import ScreenBase
from ui.staff.strings import tr_staff
from ui.strings import pick
from ui.theme import SPACING
from ui.widgets import MessageBox, button, label


class CardSeenHandler(Protocol):
    def confirm_card_seen(self) -> None: ...
    def decline_card_seen(self) -> None: ...


class HkidConfirmScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.handler: CardSeenHandler | None = None  # set by staff mode (ui/staff/entry.py)
        self.hint = label(name="muted")
        self.page.addWidget(self.hint)
        self.card = QFrame()
        self.card.setObjectName("card")
        grid = QGridLayout(self.card)
        grid.setContentsMargins(40, 28, 40, 28)
        grid.setHorizontalSpacing(48)
        grid.setVerticalSpacing(18)
        self.hkid_name = label(name="valueName")
        self.hkid_value = label(name="value")
        self.name_name = label(name="valueName")
        self.name_value = label(name="value")
        self.staff_name = label(name="valueName")
        self.staff_value = label(name="value")
        for row, (name, value) in enumerate(((self.hkid_name, self.hkid_value), (self.name_name, self.name_value),
                                             (self.staff_name, self.staff_value))):
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        self.page.addWidget(self.card)
        self.statement = label(name="question")  # what staff put their name to, in words
        self.page.addWidget(self.statement)
        self.notice = MessageBox("error")
        self.page.addWidget(self.notice)
        self.page.addStretch(1)
        self.confirm_button = button(role="primary")
        self.confirm_button.setMinimumWidth(480)
        self.confirm_button.clicked.connect(self._confirm)
        self.back_button.clicked.disconnect()
        self.back_button.clicked.connect(self._decline)  # "not seen": audited, the number forgotten
        # Its own footer: side by side when both fit, else stacked full width with Confirm on top
        # (portrait at large text), so neither label is ever cut off.
        self.buttons = QGridLayout()
        self.buttons.setHorizontalSpacing(SPACING * 2)
        self.buttons.setVerticalSpacing(SPACING)
        self.page.addLayout(self.buttons)
        self.stacked: bool | None = None
        self._place_buttons(stacked=False)
        self.busy = False
        self._refusal: str | None = None  # why the last confirm was refused (e.g. staff signed out)

    def _place_buttons(self, stacked: bool) -> None:
        if stacked == self.stacked:
            return
        self.stacked = stacked
        for b in (self.back_button, self.confirm_button):
            self.buttons.removeWidget(b)
        policy = QSizePolicy.Policy.Expanding if stacked else QSizePolicy.Policy.Preferred
        for b, width in ((self.back_button, 240), (self.confirm_button, 480)):
            b.setMinimumWidth(0 if stacked else width)
            b.setSizePolicy(policy, QSizePolicy.Policy.Fixed)
        if stacked:
            self.buttons.setColumnStretch(1, 0)
            self.buttons.addWidget(self.confirm_button, 0, 0, 1, 3)
            self.buttons.addWidget(self.back_button, 1, 0, 1, 3)
        else:
            self.buttons.setColumnStretch(1, 1)
            self.buttons.addWidget(self.back_button, 0, 0)
            self.buttons.addWidget(self.confirm_button, 0, 2)

    def fit_buttons(self) -> None:
        """Stack the buttons when their texts do not fit side by side at this width and text size."""
        margins = self.page.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        need = max(240, self.back_button.sizeHint().width()) + max(480, self.confirm_button.sizeHint().width()) \
            + SPACING * 2
        self._place_buttons(stacked=need > room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_buttons()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.fit_buttons()  # large text on or off: the labels' widths changed

    def _confirm(self) -> None:
        if self.busy:
            return  # a double tap must not confirm twice
        if self.handler is None:
            self.show_refusal(tr_staff("card_seen_no_staff", self.session.state.lang))
            return
        self.set_busy(True)
        self.handler.confirm_card_seen()

    def _decline(self) -> None:
        if self.handler is not None:
            self.handler.decline_card_seen()
        else:
            self.session.staff_check_declined()

    def set_busy(self, on: bool) -> None:
        self.busy = on
        lang = self.session.state.lang
        self.confirm_button.setEnabled(not on)
        self.confirm_button.setText(tr_staff("checking" if on else "card_seen_confirm", lang))

    def show_refusal(self, message: str) -> None:
        self.set_busy(False)
        self._refusal = message
        self.notice.set_message(message)

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        pending = state.staff_check
        assisted = state.assisted
        self.title.setText(tr_staff("card_seen_title", lang))
        self.hint.setText(tr_staff("card_seen_hint", lang))
        self.hkid_name.setText(tr_staff("card_seen_hkid", lang))
        self.name_name.setText(tr_staff("card_seen_name", lang))
        self.staff_name.setText(tr_staff("card_seen_staff", lang))
        self.hkid_value.setText(pending.masked_hkid if pending else "")
        names = [n for n in (pending.masked_name_en if pending else "",
                             mask_name_zh(pending.name_zh) if pending and pending.name_zh else "") if n]
        self.name_value.setText("  ".join(names) or tr_staff("card_seen_no_name", lang))
        self.staff_value.setText(f"{assisted.staff_id} · {assisted.shop}" if assisted else "-")
        self.statement.setText(tr_staff("card_seen_statement", lang))
        self.back_button.setText(tr_staff("card_seen_decline", lang))
        self.confirm_button.setText(tr_staff("checking" if self.busy else "card_seen_confirm", lang))
        self.fit_buttons()
        self.notice.set_message(pick(state.notice, lang) if state.notice else self._refusal)

    def clear(self) -> None:
        self.busy = False
        self._refusal = None
        self.confirm_button.setEnabled(True)
        for w in (self.hkid_value, self.name_value, self.staff_value):
            w.clear()
        self.notice.set_message(None)
