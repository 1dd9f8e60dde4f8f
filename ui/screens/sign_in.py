"""Signing in (Screen.SIGN_IN): why this needs a sign-in, the ways to do it, the one-time code.

One decision at a time, each saying what happens next:
- the choice: "Use iAM Smart" (ui/screens/iamsmart.py) or "Get a one-time code by text message",
  with staff named for a member who has neither;
- the code: where it was sent (masked by the platform), six big digits on the number pad, how long
  it is valid, a new code on request; wrong codes say how many tries are left; locked codes, no
  mobile held and no platform each say plainly what can still be done.

It presents and forwards only: the flow is kiosk/core/flows/sign_in.py, the platform calls run as
effects (ui/effects.py). In the demo, the simulated phone's text message is shown under the pad.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState, SignInPhase
from kiosk.domain import get_type
from ui.layouts import Columns
from ui.pads import NumPad
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.visibility import PagedScroll
from ui.widgets import MenuButton, MessageBox, button, label, line_edit

# The phases whose screen is the two ways to sign in (after a refusal, the other way is offered).
_CHOICE = (SignInPhase.CHOOSING, SignInPhase.LOCKED, SignInPhase.NO_MOBILE, SignInPhase.OFFLINE)


def phase_of(state: SessionState) -> SignInPhase:
    return state.signing_in.phase if state.signing_in is not None else SignInPhase.CHOOSING


def why_text(state: SessionState) -> str:
    """Why the member is asked to sign in: the instruction's reason from the assurance table."""
    from kiosk.core.flows.employer import EMPLOYER_DATA_TYPES
    from kiosk.domain.assurance import required_level

    view = state.signing_in
    if view is None or view.wanted is None:
        return tr("sign_in_why_account", state.lang)
    if view.wanted in EMPLOYER_DATA_TYPES:
        return tr("sign_in_why_employer", state.lang, type=get_type(view.wanted).title(state.lang))
    need = required_level(view.wanted)
    return tr("sign_in_why_type", state.lang, type=get_type(view.wanted).title(state.lang),
              reason=pick((need.reason_zh, need.reason_en), state.lang))


class _Phone(QObject):
    """Reads the demo phone's texts on a thread of its own (HTTP to the simulator) and hands the
    newest back to the GUI thread."""

    received = Signal(str, str)  # (challenge id, text)

    def __init__(self, messages: Callable[[str], list[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._messages = messages

    def ask(self, sent_to: str, challenge: str) -> None:
        def read() -> None:
            texts = self._messages(sent_to)
            self.received.emit(challenge, texts[-1] if texts else "")

        threading.Thread(target=read, name="demo-phone", daemon=True).start()


class SignInScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 0, 12, 0)
        col.setSpacing(SPACING)
        # Why, under the ways to sign in: at 200% text the buttons come first into sight.
        self.why = label(name="muted")
        self.notice = MessageBox("error")  # a wrong code, codes locked, no mobile, no platform

        # The choice: two big buttons, side by side where they fit.
        self.iamsmart_button = MenuButton()
        self.iamsmart_button.clicked.connect(self.session.sign_in_with_iamsmart)
        self.code_button = MenuButton()
        self.code_button.clicked.connect(self.session.code_requested)
        self.choices_host = QWidget()
        choices = QGridLayout(self.choices_host)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(SPACING)
        choices.addWidget(self.iamsmart_button, 0, 0)
        choices.addWidget(self.code_button, 0, 1)
        self._choices = choices
        self.staff_hint = label(name="muted")

        # The code: where it went, the digits, the pad.
        # The code's card: where it went, the digits and the countdown beside the number pad on a
        # landscape screen (all in sight at 200% text), above it on a portrait one.
        self.code_host = QFrame()
        self.code_host.setObjectName("card")
        self.code_columns = Columns(SPACING)
        self.code_columns.setContentsMargins(24, 20, 24, 20)
        self.code_host.setLayout(self.code_columns)
        code_text = QWidget()
        code_col = QVBoxLayout(code_text)
        code_col.setContentsMargins(0, 0, 0, 0)
        code_col.setSpacing(14)
        self.sent_to = label(name="fieldLabel")
        self.entry = line_edit()
        self.entry.setMaxLength(6)
        self.entry.setAccessibleName("one-time code")
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.textChanged.connect(self.session.code_typed)
        self.entry.returnPressed.connect(self.session.code_submitted)
        self.pad = NumPad()
        self.pad.set_target(self.entry)
        self.countdown = label(name="muted")
        self.demo_phone = label(name="muted")
        self.demo_phone.hide()
        for w in (self.sent_to, self.entry, self.countdown, self.demo_phone):
            code_col.addWidget(w)
        code_col.addStretch(1)
        self.code_columns.addWidget(code_text, 1)
        self.code_columns.addWidget(self.pad, 1, Qt.AlignmentFlag.AlignTop)  # keys together, not spread
        self.waiting = label(name="fieldLabel")  # sending / checking

        parts: tuple[QWidget, ...] = (self.notice, self.choices_host, self.waiting, self.code_host, self.staff_hint,
                                      self.why)
        for part in parts:
            col.addWidget(part)
        col.addStretch(1)
        scroller = PagedScroll()  # "More below" when 200% text needs more than a screen
        scroller.setWidget(body)
        self.scroller = scroller
        self.page.addWidget(scroller, 1)

        self.resend_button = button(tr("sign_in_resend", "zh_HK"))
        self.resend_button.clicked.connect(self.session.code_requested)
        self.check_button = button(tr("sign_in_check", "zh_HK"), "primary")
        self.check_button.clicked.connect(self.session.code_submitted)
        self.add_footer(scroller.more_button, self.resend_button, self.check_button)

        self._phone: _Phone | None = None  # the demo's simulated phone
        self._phone_asked_for = ""
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

    def set_demo_phone(self, messages: Callable[[str], list[str]]) -> None:
        """The demo's phone: the texts it received at a masked number (kiosk/qr/demo.py)."""
        self._phone = _Phone(messages, self)
        self._phone.received.connect(self._phone_received)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.code_columns.follow(self.width(), self.height())
        side_by_side = self.width() > self.height()
        self._choices.removeWidget(self.code_button)
        self._choices.addWidget(self.code_button, 0 if side_by_side else 1, 1 if side_by_side else 0)

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang, view = state.lang, state.signing_in
        self.title.setText(tr("sign_in_title", lang))
        self.scroller.retranslate(lang)
        self.why.setText(why_text(state))
        self.why.setVisible(phase_of(state) in _CHOICE)  # said before the code was asked for
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        phase = view.phase if view is not None else SignInPhase.CHOOSING
        choosing = phase in _CHOICE
        self.iamsmart_button.set_texts(tr("sign_in_iamsmart", lang), tr("sign_in_iamsmart_hint", lang))
        self.code_button.set_texts(tr("sign_in_code", lang), tr("sign_in_code_hint", lang))
        self.choices_host.setVisible(choosing)
        # Codes are no use when locked, unsendable or unreachable: only the other ways stay.
        self.code_button.setVisible(phase is SignInPhase.CHOOSING)
        self.iamsmart_button.setVisible(phase is not SignInPhase.OFFLINE)
        self.staff_hint.setText(tr("sign_in_staff_hint", lang))
        self.staff_hint.setVisible(choosing)
        busy = phase in (SignInPhase.SENDING, SignInPhase.CHECKING)
        self.waiting.setText(tr("sign_in_sending" if phase is SignInPhase.SENDING else "sign_in_checking", lang))
        self.waiting.setVisible(busy)
        entering = phase in (SignInPhase.CODE, SignInPhase.CHECKING)
        self.code_host.setVisible(entering)
        self.resend_button.setVisible(entering)
        self.check_button.setVisible(entering)
        self.resend_button.setText(tr("sign_in_resend", lang))
        self.check_button.setText(tr("sign_in_check", lang))
        self.check_button.setEnabled(phase is SignInPhase.CODE)
        self.resend_button.setEnabled(phase is SignInPhase.CODE)
        self.entry.setEnabled(phase is SignInPhase.CODE)
        self.pad.retranslate(lang)
        if view is not None and entering:
            sent = tr("sign_in_sent", lang, to=view.sent_to)
            if view.tries_left is not None:
                sent += " " + tr("sign_in_tries_left", lang, n=view.tries_left)
            self.sent_to.setText(sent)
            # The digits leave the field once they are sent: a code never stays on a screen the
            # member has moved on from (the next member's session starts with every field empty).
            shown = view.code if phase is SignInPhase.CODE else ""
            if self.entry.text() != shown:
                self._set_entry(shown)
            if phase is SignInPhase.CODE:
                self.entry.setFocus()
        else:
            self._set_entry("")
        self._tick()
        if entering and not self._clock.isActive():
            self._clock.start()
        elif not entering:
            self._clock.stop()
        if state.notice is not None:
            self.scroller.ensureWidgetVisible(self.notice)  # an error in sight, also at 200% text

    def _set_entry(self, text: str) -> None:
        self.entry.blockSignals(True)
        self.entry.setText(text)
        self.entry.blockSignals(False)

    def _tick(self) -> None:
        state = self.session.state
        view = state.signing_in
        if view is None or view.phase not in (SignInPhase.CODE, SignInPhase.CHECKING):
            self.countdown.setText("")
            return
        left = self.session.code_seconds_left()
        if left <= 0:
            self.countdown.setText(tr("sign_in_expired", state.lang))
            self.check_button.setEnabled(False)
        else:
            whole = math.ceil(left)
            self.countdown.setText(tr("sign_in_valid_for", state.lang, m=whole // 60, s=whole % 60))
        self._show_phone(view.sent_to, view.challenge_id)

    def _show_phone(self, sent_to: str, challenge: str) -> None:
        """The demo's phone shows the newest text it received (asked once per code)."""
        if self._phone is None or not sent_to or not challenge or self._phone_asked_for == challenge:
            return
        self._phone_asked_for = challenge
        self._phone.ask(sent_to, challenge)

    def _phone_received(self, challenge: str, text: str) -> None:
        view = self.session.state.signing_in
        if view is None or view.challenge_id != challenge or not text:
            return  # a code the member has moved on from
        self.demo_phone.setText(tr("sign_in_demo_phone", self.session.state.lang, text=text))
        self.demo_phone.show()

    def clear(self) -> None:
        self._set_entry("")
        self.notice.set_message(None)
        self.demo_phone.hide()
        self._phone_asked_for = ""
        self._clock.stop()
