"""The employer step (Screen.EMPLOYER): an employer's authorised person, signed in, picks the employer
the statement is for from the platform's list (skipped when there is only one), then waits while
its data is fetched. It presents and forwards only: the flow is kiosk/core/flows/employer.py."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.widgets import MenuButton, MessageBox, clear_layout, label


class EmployerScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.notice = MessageBox("error")  # none found, not authorised, no platform
        self.page.addWidget(self.notice)
        self.hint = label(name="fieldLabel")
        self.page.addWidget(self.hint)
        body = QWidget()
        self.choices = QVBoxLayout(body)
        self.choices.setContentsMargins(0, 0, 12, 0)
        self.choices.setSpacing(SPACING)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroller.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller.setWidget(body)
        self.page.addWidget(scroller, 1)
        self.buttons: dict[str, MenuButton] = {}
        self.add_footer()

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang, view = state.lang, state.choosing_employer
        self.title.setText(tr("employer_title", lang))
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        clear_layout(self.choices)
        self.buttons = {}
        if view is None:
            return
        if view.loading:
            self.hint.setText(tr("employer_loading", lang))
            return
        found = view.employers or ()
        self.hint.setText(tr("employer_pick_hint", lang) if len(found) > 1 else "")
        self.hint.setVisible(len(found) > 1)
        for e in found:
            b = MenuButton()
            b.set_texts(e.name(lang), e.employer_id)
            b.clicked.connect(partial(self.session.employer_chosen, e.employer_id))
            self.buttons[e.employer_id] = b
            self.choices.addWidget(b)
        self.choices.addStretch(1)

    def clear(self) -> None:
        clear_layout(self.choices)
        self.buttons = {}
        self.notice.set_message(None)
