"""Registration's identity check (Screen.REGISTRATION_IDENTITY).

A member identified by a typed HKID number, or by a card read no staff member has looked at, who
chooses registration lands here instead of in a form they could not finish (the rule is in
kiosk/domain/forms/registration.py). One decision: two big choices, each saying what happens next,
and Back to the menu.

- "Use iAM Smart": the iAM Smart hand-off (ui/screens/iamsmart.py); its identity pre-fills the form.
- "Ask shop staff": says what to do (call staff, have the HKID card ready); once staff sign in
  (staff card or staff number, ui/staff) the session goes on to their HKID confirmation screen,
  and from there to the form.

It presents and forwards only: the flow is in kiosk/core/flows/registration.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
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
        # Side by side on a landscape screen (both in sight at 200% text), one a row in portrait;
        # long English or large text wraps inside the buttons.
        self.iamsmart_button = MenuButton()
        self.iamsmart_button.clicked.connect(self.session.registration_iamsmart)
        self.staff_button = MenuButton()
        self.staff_button.clicked.connect(self.session.registration_ask_staff)
        self.choices = QGridLayout()
        self.choices.setHorizontalSpacing(SPACING)
        self.choices.setVerticalSpacing(SPACING)
        col.addLayout(self.choices)
        self.side_by_side: bool | None = None
        self._place_choices(side_by_side=True)
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

    def _place_choices(self, side_by_side: bool) -> None:
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        for b in (self.iamsmart_button, self.staff_button):
            self.choices.removeWidget(b)
        self.choices.addWidget(self.iamsmart_button, 0, 0)
        if side_by_side:
            self.choices.addWidget(self.staff_button, 0, 1)
        else:
            self.choices.addWidget(self.staff_button, 1, 0)
        self.choices.setColumnStretch(0, 1)
        self.choices.setColumnStretch(1, 1 if side_by_side else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_choices(side_by_side=self.width() > self.height())

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(tr("reg_id_title", lang))
        self.why.setText(tr("reg_id_why", lang))
        self.iamsmart_button.set_texts(tr("reg_id_iamsmart", lang), tr("reg_id_iamsmart_hint", lang))
        self.staff_button.set_texts(tr("reg_id_staff", lang), tr("reg_id_staff_hint", lang))
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        asked = state.registration_staff_asked
        shown_before = self.staff_wait.isVisibleTo(self)
        self.staff_wait.set_message(tr("reg_id_staff_wait", lang) if asked else None)
        if asked and not shown_before:  # below the fold at 200% text: bring it into sight
            self.scroller.ensureWidgetVisible(self.staff_wait)

    def clear(self) -> None:
        self.notice.set_message(None)
        self.staff_wait.set_message(None)
