"""The staff sign-in page: staff number and PIN (or a technician's one-time code), typed on the
kiosk's own keypad. The PIN field shows dots only; nothing typed here outlives the attempt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ports.staff import CardHolder, SignInAttempt, SignInMethod
from ui.layouts import Columns, Footer
from ui.pads import Keyboard
from ui.staff.strings import tr_staff
from ui.theme import SPACING
from ui.widgets import MessageBox, button, label, line_edit


class SignInPage(QWidget):
    def __init__(self, on_attempt: Callable[[SignInAttempt], None], on_cancel: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_attempt = on_attempt
        self.method = SignInMethod.PIN
        self._lang = "zh_HK"
        col = QVBoxLayout(self)
        col.setSpacing(SPACING)
        self.title = label(name="title")
        col.addWidget(self.title)
        self.method_pin = button(role="choice")
        self.method_card = button(role="choice")
        self.method_code = button(role="choice")
        self.card_reader = ""  # the reader holding the staff card (the panel follows card insertions)
        self.holder: CardHolder | None = None  # whose card it is, read before the PIN (panel.peek_card)
        self.holder_reading = False
        group = QButtonGroup(self)
        for b, m in ((self.method_pin, SignInMethod.PIN), (self.method_card, SignInMethod.CARD),
                     (self.method_code, SignInMethod.ONE_TIME_CODE)):
            b.setCheckable(True)
            group.addButton(b)
            b.clicked.connect(lambda _=False, m=m: self.choose(m))
        # Room for the chosen one's bold text; on more rows when they do not fit (ui/layouts.py).
        col.addWidget(Footer(None, (self.method_pin, self.method_card, self.method_code), align="left"))
        self.card_hint = label(name="muted")
        col.addWidget(self.card_hint)

        # The fields beside the keyboard in landscape, above it in portrait (resizeEvent).
        row = Columns()
        self.columns = row
        fields = QVBoxLayout()
        self.staff_id_label = label(name="fieldLabel")
        self.staff_id = line_edit()
        self.staff_id.setMaxLength(16)
        self.pin_label = label(name="fieldLabel")
        self.pin = line_edit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.code_label = label(name="fieldLabel")
        self.code = line_edit()
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setMaxLength(12)
        for w in (self.staff_id_label, self.staff_id, self.pin_label, self.pin, self.code_label, self.code):
            fields.addWidget(w)
        self.error = MessageBox("error")
        fields.addWidget(self.error)
        fields.addStretch(1)
        row.addLayout(fields, 1)
        self.keyboard = Keyboard("hkid")
        self.keyboard.setFixedWidth(900)
        row.addWidget(self.keyboard)
        col.addLayout(row, 1)
        for edit in (self.staff_id, self.pin, self.code):
            edit.installEventFilter(self)
            edit.returnPressed.connect(self.submit)

        footer = QHBoxLayout()
        self.cancel_button = button(role="")
        self.cancel_button.clicked.connect(on_cancel)
        self.sign_in_button = button(role="primary")
        self.sign_in_button.setMinimumWidth(360)
        self.sign_in_button.clicked.connect(self.submit)
        footer.addWidget(self.cancel_button)
        footer.addStretch(1)
        footer.addWidget(self.sign_in_button)
        col.addLayout(footer)
        self.choose(SignInMethod.PIN)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.columns.follow(event.size().width(), event.size().height())
        super().resizeEvent(event)

    # ------------------------------------------------------------ input
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A press as well as FocusIn: focus does not move while the window is inactive.
        if isinstance(watched, QLineEdit) and event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.keyboard.set_target(watched)
        return super().eventFilter(watched, event)

    def choose(self, method: SignInMethod) -> None:
        self.method = method
        code = method is SignInMethod.ONE_TIME_CODE
        self.method_pin.setChecked(method is SignInMethod.PIN)
        self.method_card.setChecked(method is SignInMethod.CARD)
        self.method_code.setChecked(code)
        for w in (self.staff_id_label, self.staff_id):
            w.setVisible(method is SignInMethod.PIN)
        for w in (self.pin_label, self.pin):
            w.setVisible(not code)
        self.card_hint.setVisible(method is SignInMethod.CARD)
        for w in (self.code_label, self.code):
            w.setVisible(code)
        self.keyboard.set_target(self.staff_id if method is SignInMethod.PIN else self.pin if not code else self.code)
        self.error.set_message(None)

    def offer(self, methods: tuple[SignInMethod, ...]) -> None:
        """Show the methods this kiosk offers (the code only once it is provisioned)."""
        self.method_code.setVisible(SignInMethod.ONE_TIME_CODE in methods)
        self.method_pin.setVisible(SignInMethod.PIN in methods)
        self.method_card.setVisible(SignInMethod.CARD in methods)
        if self.method not in methods and methods:
            self.choose(methods[0])

    def card_inserted(self, reader: str) -> None:
        """A card went into `reader` while the pad is open: it may be the staff card."""
        self.card_reader = reader
        self.holder = None
        if self.method_card.isVisible() and self.method is not SignInMethod.CARD:
            self.choose(SignInMethod.CARD)
        self._show_hint()

    def card_removed(self, reader: str) -> None:
        if reader == self.card_reader and self.holder is not None:
            self.holder = None
            self.holder_reading = False
            self._show_hint()

    def reading_holder(self) -> None:
        self.holder = None
        self.holder_reading = True
        self.error.set_message(None)
        self._show_hint()

    def show_holder(self, holder: CardHolder | None, refusal: str = "") -> None:
        """Whose card is in the reader (the PIN goes next), or why it cannot sign in."""
        self.holder_reading = False
        self.holder = holder
        if holder is not None:
            self.card_reader = holder.reader
            self.keyboard.set_target(self.pin)
        self.error.set_message(refusal or None)
        self._show_hint()

    def _show_hint(self) -> None:
        lang = self._lang
        h = self.holder
        if h is not None:
            text = tr_staff("card_holder", lang, staff_id=h.staff_id, shop=h.shop,
                            role=tr_staff(f"role_{h.role.value}", lang))
        else:
            text = tr_staff("card_reading" if self.holder_reading else "method_card", lang)
        self.card_hint.setText(text)

    def submit(self) -> None:
        if not self.sign_in_button.isEnabled():
            return
        if self.method is SignInMethod.PIN:
            attempt = SignInAttempt(SignInMethod.PIN, self.pin.text(), staff_id=self.staff_id.text())
        elif self.method is SignInMethod.CARD:
            attempt = SignInAttempt(SignInMethod.CARD, self.pin.text(), reader=self.card_reader)
        else:
            attempt = SignInAttempt(SignInMethod.ONE_TIME_CODE, self.code.text())
        self.pin.clear()
        self.code.clear()
        self.busy(True)
        self._on_attempt(attempt)

    def busy(self, on: bool) -> None:
        self.sign_in_button.setEnabled(not on)
        self.sign_in_button.setText(tr_staff("checking" if on else "sign_in", self._lang))

    def refused(self, message: str) -> None:
        self.busy(False)
        self.error.set_message(message)
        self.keyboard.set_target(self.pin if self.method is SignInMethod.PIN else self.code)

    def clear(self) -> None:
        for edit in (self.staff_id, self.pin, self.code):
            edit.clear()
        self.error.set_message(None)
        self.busy(False)
        self.holder = None
        self.holder_reading = False
        self.choose(SignInMethod.PIN)
        self._show_hint()

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.title.setText(tr_staff("sign_in_title", lang))
        self.method_pin.setText(tr_staff("method_pin", lang))
        self.method_card.setText(tr_staff("method_card_button", lang))
        self.method_code.setText(tr_staff("method_code", lang))
        self._show_hint()
        self.staff_id_label.setText(tr_staff("staff_id", lang))
        self.pin_label.setText(tr_staff("pin", lang))
        self.code_label.setText(tr_staff("code", lang))
        self.cancel_button.setText(tr_staff("cancel", lang))
        self.keyboard.retranslate(lang)
        self.busy(not self.sign_in_button.isEnabled())
