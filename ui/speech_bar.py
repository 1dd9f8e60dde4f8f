"""Reading aloud on screen: the bar under the header while the member has it on (Read again, a
volume control with a few steps for headphones or the loudspeaker), and ReadAloud, which reads each
screen when it appears and what is added to it (an error after Next) as it appears.

What is read comes from kiosk.core.read_aloud.reading; the Speaker (ui/accessibility.py) runs the
engine off the GUI thread. The volume is the member's (SessionState.speech_volume): the wipe puts
it back to the middle step for the next member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SPEECH_VOLUME_STEPS, Screen, SessionState
from ui.accessibility import Speaker
from ui.strings import tr
from ui.theme import SPACING
from ui.widgets import MenuButton, MessageBox, button, label

PROBE_CHECK_MS = 100  # while the speech probe runs, the bar looks again this often
PROBE_CHECKS = 300  # and for this long (30 s) before it calls reading aloud unavailable

if TYPE_CHECKING:
    from kiosk.core.read_aloud import Reading
    from kiosk.domain.fields import FieldSpec


class SpeechBar(QFrame):
    """Read again · − Volume n of 5 + , or why reading aloud is not available."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speechBar")
        # One row when it fits, else Read again above the volume (portrait at large text).
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(48, 8, 48, 8)
        self.rows.setSpacing(8)
        self.again_button = button("", "toggle")
        self.quieter_button = button("", "toggle")
        self.louder_button = button("", "toggle")
        self.volume = label(wrap=False, name="fieldLabel")
        self.volume.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unavailable = MessageBox("notice")
        self._gap = QWidget()  # between Read again and the volume; hidden with them (the message takes the row)
        first = QHBoxLayout()
        first.setSpacing(SPACING)
        first.addWidget(self.again_button)
        first.addWidget(self._gap, 1)
        second = QHBoxLayout()
        second.setSpacing(SPACING)
        second.addWidget(self.quieter_button)
        second.addWidget(self.volume)
        second.addWidget(self.louder_button)
        self.rows.addLayout(first, 1)
        self.rows.addLayout(second)
        self.rows.addWidget(self.unavailable, 1)
        self.hide()

    def present(self, state: SessionState, available: bool | None) -> None:
        """`available` None: not known yet (the speech probe is still running): the controls show, disabled."""
        lang = state.lang
        self.setVisible(state.speech)
        for w in (self.again_button, self._gap, self.quieter_button, self.louder_button, self.volume):
            w.setVisible(available is not False)
        self.unavailable.set_message(None if available is not False else tr("speech_unavailable", lang))
        self.again_button.setEnabled(available is True)
        self.again_button.setText(tr("speech_again", lang))
        # − and + beside "Volume n of 5" read at a glance and fit a portrait screen at large text;
        # the words are their names for assistive technology.
        self.quieter_button.setText("−")
        self.louder_button.setText("+")
        self.quieter_button.setAccessibleName(tr("speech_quieter", lang))
        self.louder_button.setAccessibleName(tr("speech_louder", lang))
        self.volume.setText(volume_text(state))
        self.quieter_button.setEnabled(available is True and state.speech_volume > 0)
        self.louder_button.setEnabled(available is True and state.speech_volume < SPEECH_VOLUME_STEPS - 1)
        self._fit(self.width())

    def _fit(self, width: int) -> None:
        need = sum(w.sizeHint().width() for w in (self.again_button, self.quieter_button, self.volume,
                                                  self.louder_button)) + 4 * SPACING + 96
        self.rows.setDirection(QBoxLayout.Direction.LeftToRight if need <= width else QBoxLayout.Direction.TopToBottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit(event.size().width())
        super().resizeEvent(event)


def volume_text(state: SessionState) -> str:
    return tr("speech_volume", state.lang, n=state.speech_volume + 1, of=SPEECH_VOLUME_STEPS)


class ReadAloud:
    """Reads the screen on show, the part added to it when it grows, and on request."""

    def __init__(self, session: Session, speaker: Speaker) -> None:
        self.session = session
        self.speaker = speaker
        self.bar = SpeechBar()
        self._page: object | None = None
        self._said: Reading | None = None  # the page's reading last started, whole
        self._waiting: QWidget | None = None  # the page shown while the speech probe has no answer yet
        self._checks = 0
        self._check_timer = QTimer()
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(PROBE_CHECK_MS)
        self._check_timer.timeout.connect(self._probe_answered)
        self.bar.again_button.clicked.connect(self.read_again)
        self.bar.quieter_button.clicked.connect(lambda: self._volume(-1))
        self.bar.louder_button.clicked.connect(lambda: self._volume(+1))

    def reading_for(self, page: QWidget, state: SessionState) -> Reading:
        """What `page` says in `state` (kiosk.core.read_aloud.reading with the page's own words)."""
        from kiosk.core.read_aloud import reading

        lang = state.lang
        title = getattr(page, "title", None)
        heading = title.text() if title is not None and hasattr(title, "text") else ""
        lines: list[str] = []
        choices: list[str] = []
        step = None
        fields: tuple[FieldSpec, ...] = ()
        if state.screen is Screen.FORM and state.instruction_type is not None:
            from kiosk.domain import get_type

            step = self.session.current_step()
            if step is not None:
                itype = get_type(state.instruction_type)
                fields = tuple(itype.field(name) for name in step.fields)
        elif state.screen is Screen.ATTRACT:
            lines = [tr("brand", lang), tr("attract_lead", lang), tr("start", lang)]
        elif state.screen is Screen.RECEIPT:
            lines = [tr("receipt_keep", lang)]
        elif state.screen is Screen.SIGN_IN:  # where the code went, and why a sign-in is needed
            lines = [w.text() for w in (getattr(page, "sent_to", None), getattr(page, "why", None))
                     if isinstance(w, QLabel) and w.isVisibleTo(page)]
        if state.screen is not Screen.FORM:
            # The big choice buttons (the menu's instructions), in the order they are on screen.
            choices = [b.text() for b in page.findChildren(MenuButton) if b.isVisibleTo(page) and b.text()]
        return reading(state, heading=heading, step=step, fields=fields, lines=lines, choices=choices)

    def present(self, page: QWidget, state: SessionState) -> None:
        """Called with every state drawn: reads what is new on screen when reading aloud is on."""
        if not state.speech:
            if self._said is not None:
                self.speaker.stop()
            self._page, self._said = None, None
            self.bar.hide()
            return
        if not self.speaker.known():
            # The engine is still being looked for (on its own thread): look again shortly.
            self.bar.present(state, None)
            self._waiting = page
            if not self._check_timer.isActive():
                self._checks = 0
                self._check_timer.start()
            return
        self._waiting = None
        available = self.speaker.available(state.lang)
        self.bar.present(state, available)
        if not available:
            return
        now = self.reading_for(page, state)
        said = self._said
        if page is self._page and said is not None and now == said:
            return
        if (page is self._page and said is not None and said.lang == now.lang
                and now.phrases[:len(said.phrases)] == said.phrases):
            # The same screen with more on it (an error under the question): read what was added.
            from kiosk.core.read_aloud import Reading

            self.speaker.say(Reading(now.lang, now.phrases[len(said.phrases):]), state.speech_volume)
        else:
            self.speaker.say(now, state.speech_volume)
        self._page, self._said = page, now

    def _probe_answered(self) -> None:
        page = self._waiting
        if page is None:
            return
        self._checks += 1
        if self.speaker.known() or self._checks >= PROBE_CHECKS:
            if not self.speaker.known():
                self.speaker.reason = self.speaker.reason or "the speech probe did not answer"
            self._waiting = None
            if self.speaker.known():
                self.present(page, self.session.state)
            else:
                self.bar.present(self.session.state, False)
        else:
            self._check_timer.start()

    def read_again(self) -> None:
        if self._said is not None:
            self.speaker.say(self._said, self.session.state.speech_volume)

    def _volume(self, change: int) -> None:
        self.session.set_accessibility(speech_volume=self.session.state.speech_volume + change)
        state = self.session.state
        from kiosk.core.read_aloud import Phrase, Reading

        # The new level, said at that level: the member hears what they chose.
        self.speaker.say(Reading(state.lang, (Phrase(volume_text(state)),)), state.speech_volume)

    def wiped(self) -> None:
        self._waiting = None
        self._check_timer.stop()
        self.speaker.stop()
        self._page, self._said = None, None
        self.bar.hide()
