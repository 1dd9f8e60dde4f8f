"""The staff panel's HKID card check: the number the member typed, in full and large, on the
signed-in staff member's own panel (a masked number cannot be compared with a card), any name
given, the statement staff put their name to, and Confirm / Not seen. The member's own screen
meanwhile only says that staff are checking (ui/staff/hkid_confirm.py). It presents
kiosk.modes.hkid_check.CardToCheck and forwards the two taps to the panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.domain import Identity
from kiosk.modes.hkid_check import CardToCheck
from kiosk.ports.staff import Refused
from ui.layouts import Footer
from ui.staff.strings import error_message, tr_staff
from ui.theme import SPACING
from ui.widgets import MessageBox, button, label

if TYPE_CHECKING:
    from kiosk.staff import StaffServices
    from ui.bridge import Worker
    from ui.staff.host import StaffHost


class CardCheckPage(QWidget):
    def __init__(self, on_confirm: Callable[[], None], on_decline: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = "zh_HK"
        self.busy = False
        col = QVBoxLayout(self)
        col.setSpacing(SPACING)
        self.title = label(name="title")
        self.hint = label(name="muted")
        col.addWidget(self.title)
        col.addWidget(self.hint)
        self.card = QFrame()
        self.card.setObjectName("card")
        grid = QGridLayout(self.card)
        grid.setContentsMargins(40, 28, 40, 28)
        grid.setHorizontalSpacing(48)
        grid.setVerticalSpacing(18)
        self.hkid_name, self.hkid_value = label(name="valueName"), label(name="title", wrap=False)
        self.hkid_value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.name_name, self.name_value = label(name="valueName"), label(name="value")
        self.staff_name, self.staff_value = label(name="valueName"), label(name="value")
        for row, (name, value) in enumerate(((self.hkid_name, self.hkid_value), (self.name_name, self.name_value),
                                             (self.staff_name, self.staff_value))):
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        col.addWidget(self.card)
        self.statement = label(name="question")
        col.addWidget(self.statement)
        self.notice = MessageBox("error")
        col.addWidget(self.notice)
        col.addStretch(1)
        self.decline_button = button()
        self.decline_button.clicked.connect(on_decline)
        self.confirm_button = button(role="primary")
        self.confirm_button.clicked.connect(self._confirm)
        self._on_confirm = on_confirm
        col.addWidget(Footer(self.decline_button, (self.confirm_button,)))

    def _confirm(self) -> None:
        if self.busy:
            return  # a double tap must not confirm twice
        self.set_busy(True)
        self._on_confirm()

    def set_busy(self, on: bool) -> None:
        self.busy = on
        self.confirm_button.setEnabled(not on)
        self.confirm_button.setText(tr_staff("checking" if on else "card_seen_confirm", self._lang))

    def show_card(self, card: CardToCheck) -> None:
        self.notice.set_message(None)
        self.hkid_value.setText(card.hkid)
        self.name_value.setText("  ".join(n for n in (card.name_en, card.name_zh) if n)
                                or tr_staff("card_seen_no_name", self._lang))
        self.staff_value.setText(f"{card.staff_id} · {card.shop or '-'}")
        self.set_busy(False)

    def show_refusal(self, message: str) -> None:
        self.set_busy(False)
        self.notice.set_message(message)

    def clear(self) -> None:
        """The number leaves the panel as soon as the check is over."""
        for w in (self.hkid_value, self.name_value, self.staff_value):
            w.clear()
        self.notice.set_message(None)
        self.busy = False

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.title.setText(tr_staff("card_seen_title", lang))
        self.hint.setText(tr_staff("card_check_hint", lang))
        self.hkid_name.setText(tr_staff("card_seen_hkid", lang))
        self.name_name.setText(tr_staff("card_seen_name", lang))
        self.staff_name.setText(tr_staff("card_seen_staff", lang))
        self.statement.setText(tr_staff("card_seen_statement", lang))
        self.decline_button.setText(tr_staff("card_seen_decline", lang))
        self.confirm_button.setText(tr_staff("checking" if self.busy else "card_seen_confirm", lang))


class CardCheckHost(Protocol):
    """What the card check uses of the staff panel (ui/staff/panel.py)."""

    window_: StaffHost
    staff: StaffServices
    worker: Worker
    card_check: CardCheckPage

    @property
    def lang(self) -> str: ...
    def activity(self) -> None: ...
    def open(self) -> None: ...
    def close_panel(self) -> None: ...


class CardCheckActions:
    """The card check at work: the typed number shown to signed-in staff only, their confirmation
    (audited in their name on the panel's worker thread) or their "not seen"."""

    def __init__(self, panel: CardCheckHost) -> None:
        self.panel = panel

    def pending(self) -> Identity | None:
        return self.panel.window_.session.state.staff_check

    def show(self) -> bool:
        """Put the pending check on the panel's page; False when none is pending or nobody may see it."""
        from kiosk.modes.hkid_check import card_to_check

        typed = self.pending()
        if typed is None:
            return False
        try:
            card = card_to_check(self.panel.staff.desk, typed)
        except Refused:
            return False
        self.panel.card_check.retranslate(self.panel.lang)
        self.panel.card_check.show_card(card)
        return True

    def confirm(self) -> None:
        from kiosk.modes.hkid_check import confirm_card_seen

        page, session, desk = self.panel.card_check, self.panel.window_.session, self.panel.staff.desk
        pending = self.pending()
        if pending is None:
            page.set_busy(False)
            return
        self.panel.activity()

        def done(verified: object) -> None:
            page.set_busy(False)
            if isinstance(verified, Identity) and session.state.staff_check == pending:
                page.clear()
                session.staff_check_confirmed(verified)
                self.panel.close_panel()  # back to the member, on the menu now

        def failed(error: BaseException) -> None:
            page.show_refusal(error_message(error, self.panel.lang))
            if isinstance(error, Refused) and error.code == "NOT_SIGNED_IN":
                self.panel.open()  # sign in again; the check comes back after it
        self.panel.worker.submit(lambda: confirm_card_seen(desk, pending), done, failed)

    def decline(self) -> None:
        """Not seen (on the panel) or the member's cancel: the number forgotten, audited."""
        from kiosk.modes.hkid_check import decline_card_seen

        session = self.panel.window_.session
        pending = self.pending()
        if pending is not None:
            self.panel.activity()
            decline_card_seen(self.panel.staff.desk, pending)  # one audit line; the member must not wait long
        self.panel.card_check.clear()
        session.staff_check_declined()
