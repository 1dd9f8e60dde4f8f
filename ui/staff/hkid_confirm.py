"""The member's screen while staff check their HKID card (Screen.STAFF_CONFIRM).

In an assisted session a typed HKID number is only used once the signed-in staff member has looked
at the member's identity card. The number is compared on the staff member's own panel
(ui/staff/card_check.py), never on this screen, which anyone standing nearby can read: it says that
staff are checking, asks the member to hand over their card, and offers staff the way to their
check (the panel opens on it; sign-in first when nobody is signed in) and the member a way back
(the number is forgotten, audited). It presents and forwards only (`handler`: the staff panel).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from ui.screens.base import ScreenBase
from ui.staff.strings import tr_staff
from ui.strings import pick
from ui.theme import SPACING
from ui.widgets import MessageBox, button, label


class CardCheckHandler(Protocol):
    def open_card_check(self) -> None: ...
    def decline_card_seen(self) -> None: ...


class HkidConfirmScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.handler: CardCheckHandler | None = None  # set by staff mode (ui/staff/entry.py)
        self.hint = label(name="question")
        self.page.addWidget(self.hint)
        self.staff_line = label(name="muted")  # who is checking: their staff number and shop
        self.page.addWidget(self.staff_line)
        self.notice = MessageBox("error")
        self.page.addWidget(self.notice)
        self.page.addStretch(1)
        self.check_button = button(role="primary")  # for staff: their check, on their panel
        self.check_button.setMinimumWidth(480)
        self.check_button.clicked.connect(self._open_check)
        self.back_button.clicked.disconnect()
        self.back_button.clicked.connect(self._decline)  # the number forgotten, audited
        # Its own footer: side by side when both fit, else stacked full width with the staff's
        # button on top (portrait at large text), so neither label is ever cut off.
        self.buttons = QGridLayout()
        self.buttons.setHorizontalSpacing(SPACING * 2)
        self.buttons.setVerticalSpacing(SPACING)
        self.page.addLayout(self.buttons)
        self.stacked: bool | None = None
        self._place_buttons(stacked=False)
        self._refusal: str | None = None

    def _place_buttons(self, stacked: bool) -> None:
        if stacked == self.stacked:
            return
        self.stacked = stacked
        for b in (self.back_button, self.check_button):
            self.buttons.removeWidget(b)
        policy = QSizePolicy.Policy.Expanding if stacked else QSizePolicy.Policy.Preferred
        for b, width in ((self.back_button, 240), (self.check_button, 480)):
            b.setMinimumWidth(0 if stacked else width)
            b.setSizePolicy(policy, QSizePolicy.Policy.Fixed)
        if stacked:
            self.buttons.setColumnStretch(1, 0)
            self.buttons.addWidget(self.check_button, 0, 0, 1, 3)
            self.buttons.addWidget(self.back_button, 1, 0, 1, 3)
        else:
            self.buttons.setColumnStretch(1, 1)
            self.buttons.addWidget(self.back_button, 0, 0)
            self.buttons.addWidget(self.check_button, 0, 2)

    def fit_buttons(self) -> None:
        """Stack the buttons when their texts do not fit side by side at this width and text size."""
        margins = self.page.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        need = max(240, self.back_button.sizeHint().width()) + max(480, self.check_button.sizeHint().width()) \
            + SPACING * 2
        self._place_buttons(stacked=need > room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_buttons()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.fit_buttons()  # large text on or off: the labels' widths changed

    def _open_check(self) -> None:
        if self.handler is None:
            self.show_refusal(tr_staff("card_seen_no_staff", self.session.state.lang))
            return
        self.handler.open_card_check()

    def _decline(self) -> None:
        if self.handler is not None:
            self.handler.decline_card_seen()
        else:
            self.session.staff_check_declined()

    def show_refusal(self, message: str) -> None:
        self._refusal = message
        self.notice.set_message(message)

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        assisted = state.assisted
        self.title.setText(tr_staff("card_checking_title", lang))
        self.hint.setText(tr_staff("card_checking_hint", lang))
        self.staff_line.setText(tr_staff("card_checking_by", lang, staff_id=assisted.staff_id,
                                         shop=assisted.shop or "-") if assisted else "")
        self.back_button.setText(tr_staff("card_checking_cancel", lang))
        self.check_button.setText(tr_staff("card_checking_open", lang))
        self.fit_buttons()
        self.notice.set_message(pick(state.notice, lang) if state.notice else self._refusal)

    def clear(self) -> None:
        self._refusal = None
        self.staff_line.clear()
        self.notice.set_message(None)
