"""Identify, led by what works for a Hong Kong member:

1. iAM Smart on their phone: it identifies and signs them in, so every instruction is open to them;
2. typing the HKID number on the on-screen keys (identified; what moves money then asks for a
   sign-in: a one-time code to their mobile);
3. a passport or an ID card with a chip on the reader (a Hong Kong identity card's chip cannot be
   read here: its holder types the number);
and, for anyone stuck, staff ("Call staff" in the header). A document read that still needs the
HKID number typed is a note, not an error."""

from __future__ import annotations

import threading
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from ui.icons import CardPicture
from ui.layouts import Columns, scrolling
from ui.pads import Keyboard
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.visibility import bring_into_view, settle_layout
from ui.widgets import FieldError, MenuButton, MessageBox, button, label, line_edit


class DemoCard(Protocol):
    """The demo's virtual card (kiosk.demo.DemoEnvironment); absent on a real kiosk."""

    @property
    def card_inserted(self) -> bool: ...
    def insert_card(self) -> bool: ...
    def remove_card(self) -> None: ...


class IdentifyScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        columns = Columns()
        self.columns = columns  # side by side; one above the other on a portrait screen (resizeEvent)
        # In a scroll area: at 200% text the two cards can be taller than the screen, and a cut-off
        # keypad is worse than one that scrolls.
        body = QWidget()
        body.setLayout(columns)
        self._scroller = scrolling(body)
        self._body_row = QHBoxLayout()  # the scrolling part, and the keypad beside it at 200% text in landscape
        self._body_row.setSpacing(SPACING * 2)
        self._body_row.addWidget(self._scroller, 1)
        self.page.addLayout(self._body_row, 1)

        # Left: iAM Smart first (it opens everything), then a document with a chip on the reader.
        card_side = QFrame()
        card_side.setObjectName("card")
        left = QVBoxLayout(card_side)
        left.setContentsMargins(32, 24, 32, 24)
        left.setSpacing(SPACING)
        self.iamsmart_button = MenuButton()
        self.iamsmart_button.clicked.connect(self.session.iamsmart_requested)
        # The card in the reader, with a turning ring: shown while a document is read (the member
        # must see that something is happening); otherwise the words say where the reader is.
        self.picture = CardPicture()
        self.hint = label(name="muted")
        self.reading = label(name="reading")
        self.notice = MessageBox("error")
        self.note = MessageBox("notice")  # a document read that still needs the HKID number typed
        self.staff_hint = label(name="muted")
        left.addWidget(self.iamsmart_button)
        left.addWidget(self.picture, 1)
        left.addWidget(self.hint)
        left.addWidget(self.reading)
        left.addWidget(self.notice)
        left.addWidget(self.note)
        left.addWidget(self.staff_hint)
        left.addStretch(1)
        self._card_column = left
        self._demo: DemoCard | None = None
        self.demo_button = button(tr("demo_insert", "zh_HK"))
        self.demo_button.clicked.connect(self._toggle_demo_card)
        self.demo_button.hide()
        left.addWidget(self.demo_button)
        columns.addWidget(card_side, 4)

        # Right: typing the number.
        type_side = QFrame()
        type_side.setObjectName("card")
        right = QVBoxLayout(type_side)
        right.setContentsMargins(16, 24, 16, 24)  # ten keys across a portrait card at 200% text
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
        self._type_column = right
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
        self._large = False  # the member chose large text: the keypad's place depends on it

    def set_demo(self, demo: DemoCard) -> None:
        self._demo = demo
        self.demo_button.show()

    def _toggle_demo_card(self) -> None:
        demo = self._demo
        if demo is None:
            return
        self.session.touch()
        # Connecting the virtual card is socket I/O: keep it off the GUI thread.
        action = demo.remove_card if demo.card_inserted else demo.insert_card
        threading.Thread(target=action, name="demo-card", daemon=True).start()
        QTimer.singleShot(300, lambda: self.present(self.session.state))

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
        if state.large_text != self._large:
            self._large = state.large_text
            self._place_keypad(self.width(), self.height())
        self.title.setText(tr("identify_title", lang))
        self.hint.setText(tr("identify_hint", lang))
        self.staff_hint.setText(tr("identify_staff_hint", lang))
        self.or_type.setText(f'{tr("or_type", lang)}  ({tr("hkid_example", lang)})')
        self.entry.setPlaceholderText("A123456(3)")
        self.continue_button.setText(tr("continue", lang))
        self.iamsmart_button.set_texts(tr("identify_iamsmart", lang), tr("identify_iamsmart_hint", lang))
        self.iamsmart_button.setEnabled(not state.card_reading)
        self.iamsmart_button.setVisible(not state.card_reading)  # the reading picture takes its place
        if self._demo is not None:
            self.demo_button.setText(tr("demo_remove" if self._demo.card_inserted else "demo_insert", lang))
        self.keypad.retranslate(lang)
        self.reading.setText(tr("reading", lang) if state.card_reading else "")
        self.reading.setVisible(state.card_reading)
        self.picture.setVisible(state.card_reading)
        self.hint.setVisible(not state.card_reading)
        self.picture.reading = state.card_reading
        if state.card_reading:
            self._spin.start()
        else:
            self._spin.stop()
        self.picture.update()
        # A genuine document read that still needs the number typed is a note, not an error.
        noted = state.notice is not None and state.pending_document is not None
        self.notice.set_message(pick(state.notice, lang) if state.notice and not noted else None)
        self.note.set_message(pick(state.notice, lang) if state.notice and noted else None)
        error = next((e for e in state.errors if e.field == "hkid"), None)
        current = error is not None and self.entry.text() == self._error_for
        self._show_error(error.message(lang) if error is not None and current else None)
        self.continue_button.setEnabled(bool(self.entry.text().strip()) and not state.card_reading)
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_error_and_entry()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_error_and_entry()  # an error that came with the screen (a document refused)

    def _show_error_and_entry(self) -> None:
        """An error (the card's, or the typed number's) and the field to type into both on screen,
        the error announced: at 200% text in portrait they are below the fold otherwise."""
        shown = next((w for w in (self.error, self.notice) if not w.isHidden()), None)
        if shown is None or not self.isVisible():
            return
        settle_layout()
        self._scroller.ensureWidgetVisible(self.entry, 0, 24)
        bring_into_view(shown, self.entry)

    def clear(self) -> None:
        # setText (not clear()) also empties the undo history, so Ctrl+Z cannot bring a number back.
        self.entry.blockSignals(True)
        self.entry.setText("")
        self.entry.blockSignals(False)
        self._error_for = None
        self._show_error(None)
        self.notice.set_message(None)
        self.note.set_message(None)
        self._spin.stop()
        self.picture.reading = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_keypad(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _place_keypad(self, width: int, height: int) -> None:
        """The keypad's last row shows whatever the text size: in the typing card when it fits
        (landscape); in portrait above the footer, outside the scrolling part, the card picture (it
        scales) giving up half its height; in landscape at 200% text beside the scrolling part, the
        two cards one above the other in it."""
        portrait = height > width
        beside = not portrait and self._large
        self.columns.follow(width, height)
        if beside or portrait:
            # The keypad is outside the scrolling part: the number being typed goes on top, in sight
            # of it; iAM Smart and the reader follow.
            self.columns.setDirection(QBoxLayout.Direction.BottomToTop)
        self.picture.setMinimumSize(210 if portrait or beside else 420, 180 if portrait or beside else 360)
        layout, index = ((self.page, self.page.indexOf(self.footer)) if portrait else
                         (self._body_row, 1) if beside else (self._type_column, self._type_column.count()))
        if layout.indexOf(self.keypad) < 0:
            layout.insertWidget(index, self.keypad, 1 if beside else 0)
