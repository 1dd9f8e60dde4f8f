"""The MRZ step: an ePassport or ICAO ID card is on the reader and its chip opens only with the
document number, date of birth and date of expiry printed on the data page.

Presents `Session.state.mrz` and forwards typing to `Session.mrz_typed`; "Read chip" calls the
`read` callback (MainWindow starts the chip read off the GUI thread). A whole MRZ typed by a
keyboard-wedge scanner into the first field is understood too (the Session parses it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from ui.layouts import Columns, scrolling
from ui.pads import Keyboard, NumPad
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.visibility import bring_into_view, settle_layout
from ui.widgets import FieldError, MessageBox, button, label, line_edit

FIELDS = ("document_number", "date_of_birth", "date_of_expiry")
_MAX_LENGTH = {"document_number": 100, "date_of_birth": 10, "date_of_expiry": 10}  # 100: a scanned MRZ


class MrzScreen(ScreenBase):
    def __init__(self, session: Session, read: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._read = read
        # Side by side in landscape, the fields above the keyboard in portrait (resizeEvent); in a
        # scroll area, as the captions and errors at 200% text can be taller than the screen.
        columns = Columns()
        self.columns = columns
        body = QWidget()
        body.setLayout(columns)
        self.scroller = scrolling(body)
        self._body_row = QHBoxLayout()  # the scrolling part, and the pads beside it at 200% text in landscape
        self._body_row.setSpacing(SPACING * 2)
        self._body_row.addWidget(self.scroller, 1)
        self.page.addLayout(self._body_row, 1)

        left_frame = QFrame()
        left_frame.setObjectName("card")
        left = QVBoxLayout(left_frame)
        left.setContentsMargins(32, 24, 32, 24)
        left.setSpacing(12)
        self.hint = label()
        left.addWidget(self.hint)
        self.labels: dict[str, QLabel] = {}
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, FieldError] = {}
        for name in FIELDS:
            caption = label(name="fieldLabel")
            edit = line_edit()
            edit.setMaxLength(_MAX_LENGTH[name])
            edit.setAccessibleName(name)
            edit.textEdited.connect(lambda text, n=name: self._typed(n, text))
            edit.returnPressed.connect(self._submit)
            edit.installEventFilter(self)
            error = FieldError()
            left.addWidget(caption)
            left.addWidget(edit)
            left.addWidget(error)
            self.labels[name], self.edits[name], self.errors[name] = caption, edit, error
        left.addStretch(1)
        columns.addWidget(left_frame, 5)

        # Right: what happened (tries left, reading, the chip's refusal) above the keyboard, where a
        # long message has room.
        right_frame = QFrame()
        right_frame.setObjectName("card")
        right = QVBoxLayout(right_frame)
        right.setContentsMargins(16, 24, 16, 24)  # ten keys across a portrait card at 200% text
        right.setSpacing(12)
        self.tries = label(name="muted")
        self.reading = label(name="reading")
        self.notice = MessageBox("error")
        right.addWidget(self.tries)
        right.addWidget(self.reading)
        right.addWidget(self.notice)
        right.addStretch(1)
        # The pads: the keyboard for the document number, the number pad for the dates, which it
        # writes as every other date on the kiosk is written: YYYY-MM-DD, the dashes put in by itself.
        self.pads = QWidget()
        pads = QVBoxLayout(self.pads)
        pads.setContentsMargins(0, 0, 0, 0)
        self.keyboard = Keyboard("hkid")
        self.numpad = NumPad()
        self.numpad.set_mode("date")
        self.numpad.hide()
        pads.addWidget(self.keyboard)
        pads.addWidget(self.numpad)
        right.addWidget(self.pads)
        self._info_column = right
        self._large = False  # the member chose large text: where the pads go depends on it
        columns.addWidget(right_frame, 5)

        self.read_button = button(tr("mrz_read", "zh_HK"), "primary")
        self.read_button.clicked.connect(self._submit)
        self.add_footer(self.read_button)
        self._focus(self.edits[FIELDS[0]])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # As on the form screen: touching a field means "type here", focus or not.
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress) and \
                isinstance(watched, QLineEdit) and watched not in (self.keyboard.target(), self.numpad.target()):
            self._focus(watched)
        return super().eventFilter(watched, event)

    def type_field(self, name: str, text: str) -> None:
        """Touch the field, clear it and press the keys for `text` on its pad (tests and walks)."""
        self.select_field(name)
        pad = self.numpad if name != FIELDS[0] else self.keyboard
        pad.tap("clear")
        pad.press(text)

    def _focus(self, edit: QLineEdit) -> None:
        date = edit is not self.edits[FIELDS[0]]
        self.keyboard.set_target(None if date else edit)
        self.numpad.set_target(edit if date else None)
        self.keyboard.setVisible(not date)
        self.numpad.setVisible(date)
        if not edit.hasFocus():
            edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_field(self, name: str) -> None:
        self._focus(self.edits[name])

    def _typed(self, name: str, text: str) -> None:
        self.session.mrz_typed(name, text)
        self.errors[name].set_message(None)

    def _submit(self) -> None:
        # The on-screen keyboard inserts without textEdited: hand the Session what the fields hold.
        for name, edit in self.edits.items():
            self.session.mrz_typed(name, edit.text())
        self._read()
        self.show_first_error()

    def show_first_error(self) -> None:
        """The first field with an error scrolls into view, takes the focus (its pad shows) and is
        announced: at 200% text an error below the fold makes Read seem to do nothing."""
        for name in FIELDS:
            error = self.errors[name]
            if not error.isHidden():
                self._focus(self.edits[name])
                settle_layout(self.scroller)
                bring_into_view(error, self.edits[name])
                return

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        if state.large_text != self._large:
            self._large = state.large_text
            self._place_pads(self.width(), self.height())
        view = state.mrz
        self.title.setText(tr("mrz_title", lang))
        self.hint.setText(tr("mrz_hint", lang))
        self.read_button.setText(tr("mrz_read", lang))
        self.keyboard.retranslate(lang)
        self.numpad.retranslate(lang)
        for name in FIELDS:
            self.labels[name].setText(tr(f"mrz_{name}", lang))
            typed = view.typed.get(name, "") if view is not None else ""
            if self.edits[name].text() != typed:
                self.edits[name].setText(typed)
            error = next((e for e in state.errors if e.field in (name, "mrz" if name == FIELDS[0] else "")), None)
            self.errors[name].set_message(error.message(lang) if error is not None else None)
            self.edits[name].setEnabled(not state.card_reading)
        self.tries.setText(tr("mrz_tries_left", lang, n=view.tries_left) if view is not None else "")
        self.reading.setText(tr("mrz_reading", lang) if state.card_reading else "")
        self.reading.setVisible(state.card_reading)
        was_hidden = self.notice.isHidden()
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        if was_hidden and not self.notice.isHidden() and self.isVisible():
            settle_layout()  # the chip's answer (a wrong key, tries left): in view, announced
            bring_into_view(self.notice)
        self.read_button.setEnabled(view is not None and not state.card_reading)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_pads(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _place_pads(self, width: int, height: int) -> None:
        """The pads' last row shows whatever the text size: in the right-hand card when it fits;
        at 200% text in portrait above the footer, outside the scrolling part; in landscape beside
        it, the two cards one above the other in it."""
        portrait = height > width
        self.columns.follow(width, height)
        beside = not portrait and self._large
        if beside:
            self.columns.setDirection(QBoxLayout.Direction.TopToBottom)
        layout, index = ((self.page, self.page.indexOf(self.footer)) if portrait and self._large else
                         (self._body_row, 1) if beside else (self._info_column, self._info_column.count()))
        if layout.indexOf(self.pads) < 0:
            layout.insertWidget(index, self.pads, 1 if beside else 0)

    def clear(self) -> None:
        for name, edit in self.edits.items():
            # setText, not clear(): the undo history must not keep a document number.
            edit.blockSignals(True)
            edit.setText("")
            edit.blockSignals(False)
            self.errors[name].set_message(None)
        self.notice.set_message(None)
