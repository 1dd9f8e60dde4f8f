"""Identify: insert the card, or type the HKID number on the on-screen keypad."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.session import Session, SessionState
from ui.icons import CardPicture
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.widgets import FieldError, Keyboard, MessageBox, button, label, line_edit


class IdentifyScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        columns = QHBoxLayout()
        columns.setSpacing(SPACING * 2)
        self.page.addLayout(columns, 1)

        # Left: the card, which is the easier way for most members.
        card_side = QFrame()
        card_side.setObjectName("card")
        left = QVBoxLayout(card_side)
        left.setContentsMargins(32, 24, 32, 24)
        left.setSpacing(SPACING)
        self.picture = CardPicture()
        self.hint = label()
        self.reading = label(name="reading")
        self.notice = MessageBox("error")
        left.addWidget(self.picture, 1)
        left.addWidget(self.hint)
        left.addWidget(self.reading)
        left.addWidget(self.notice)
        columns.addWidget(card_side, 4)

        # Right: typing the number.
        type_side = QFrame()
        type_side.setObjectName("card")
        right = QVBoxLayout(type_side)
        right.setContentsMargins(32, 24, 32, 24)
        right.setSpacing(14)
        self.or_type = label(name="fieldLabel")
        self.entry = line_edit()
        self.entry.setMaxLength(14)
        self.entry.setAccessibleName("HKID")
        self.entry.returnPressed.connect(self._continue)
        self.entry.textChanged.connect(self._typed)
        self.error = FieldError()
        self.keypad = Keyboard("hkid")
        self.keypad.set_target(self.entry)
        right.addWidget(self.or_type)
        right.addWidget(self.entry)
        right.addWidget(self.error)
        right.addStretch(1)
        right.addWidget(self.keypad)
        columns.addWidget(type_side, 6)

        self.continue_button = button(tr("continue", "zh_HK"), "primary")
        self.continue_button.clicked.connect(self._continue)
        self.add_footer(self.continue_button)

        # A turning ring while the card is read: members must see that something is happening.
        self._spin = QTimer(self)
        self._spin.setInterval(50)
        self._spin.timeout.connect(self._advance)
        # The text that the shown error is about; once the member edits it, the error is stale.
        self._error_for: str | None = None

    def _advance(self) -> None:
        self.picture.phase = (self.picture.phase + 0.04) % 1.0
        self.picture.update()

    def _typed(self, text: str) -> None:
        self.session.touch()
        self.continue_button.setEnabled(bool(text.strip()) and not self.session.state.card_reading)
        # A correction hides the old error (it was about what was typed before) without touching
        # the Session: it still holds the error until the next attempt.
        if self._error_for is not None and text != self._error_for:
            self._show_error(None)

    def _continue(self) -> None:
        text = self.entry.text()
        if text.strip() and not self.session.state.card_reading:
            self._error_for = text
            self.session.identify_typed(text)

    def _show_error(self, message: str | None) -> None:
        self.error.set_message(message)
        self.entry.setProperty("invalid", message is not None)
        self._restyle()

    def _restyle(self) -> None:
        style = self.entry.style()
        style.unpolish(self.entry)
        style.polish(self.entry)

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(tr("identify_title", lang))
        self.hint.setText(tr("identify_hint", lang))
        self.or_type.setText(f'{tr("or_type", lang)}  ({tr("hkid_example", lang)})')
        self.entry.setPlaceholderText("A123456(3)")
        self.continue_button.setText(tr("continue", lang))
        self.keypad.retranslate(lang)
        self.reading.setText(tr("reading", lang) if state.card_reading else "")
        self.reading.setVisible(state.card_reading)
        self.hint.setVisible(not state.card_reading)
        self.picture.reading = state.card_reading
        if state.card_reading:
            self._spin.start()
        else:
            self._spin.stop()
        self.picture.update()
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        error = next((e for e in state.errors if e.field == "hkid"), None)
        current = error is not None and self.entry.text() == self._error_for
        self._show_error(error.message(lang) if error is not None and current else None)
        self.continue_button.setEnabled(bool(self.entry.text().strip()) and not state.card_reading)
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        # setText (not clear()) also empties the undo history, so Ctrl+Z cannot bring a number back.
        self.entry.blockSignals(True)
        self.entry.setText("")
        self.entry.blockSignals(False)
        self._error_for = None
        self._show_error(None)
        self.notice.set_message(None)
        self._spin.stop()
        self.picture.reading = False
