"""Registration's identity check (Screen.REGISTRATION_IDENTITY).

A member identified by a typed HKID number, or by a card read no staff member has looked at, who
chooses registration lands here instead of in a form they could not finish (the rule is in
kiosk/domain/forms/registration.py). One decision: two big choices, each saying what happens next,
and Back to the menu.

- "Use iAM Smart": the iAM Smart hand-off (ui/screens/iamsmart.py); its identity pre-fills the form.
- "Ask shop staff": says what to do (call staff, have the HKID card ready); once staff sign in
  (staff card or staff number, ui/staff) the session goes on to their HKID confirmation screen,
  and from there to the form.

It presents and forwards only: the flow is in kiosk.session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.session import Session, SessionState
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.widgets import MenuButton, MessageBox, label


class RegistrationIdentityScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 0, 12, 0)
        col.setSpacing(SPACING)
        self.why = label(name="fieldLabel")
        col.addWidget(self.why)
        self.notice = MessageBox("error")  # e.g. staff did not confirm the card
        col.addWidget(self.notice)
        # One choice a row, full width: big targets, and long English or 200% text wraps inside.
        self.iamsmart_button = MenuButton()
        self.iamsmart_button.clicked.connect(self.session.registration_iamsmart)
        self.staff_button = MenuButton()
        self.staff_button.clicked.connect(self.session.registration_ask_staff)
        col.addWidget(self.iamsmart_button)
        col.addWidget(self.staff_button)
        self.staff_wait = MessageBox("notice")  # after "Ask shop staff": what happens now
        col.addWidget(self.staff_wait)
        col.addStretch(1)
        # The texts scroll (a finger drags them) when they do not fit: portrait at large text.
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroller.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller.setWidget(body)
        self.scroller = scroller
        self.page.addWidget(scroller, 1)
        self.add_footer()

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(tr("reg_id_title", lang))
        self.why.setText(tr("reg_id_why", lang))
        self.iamsmart_button.set_texts(tr("reg_id_iamsmart", lang), tr("reg_id_iamsmart_hint", lang))
        self.staff_button.set_texts(tr("reg_id_staff", lang), tr("reg_id_staff_hint", lang))
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        self.staff_wait.set_message(tr("reg_id_staff_wait", lang) if state.registration_staff_asked else None)

    def clear(self) -> None:
        self.notice.set_message(None)
        self.staff_wait.set_message(None)
