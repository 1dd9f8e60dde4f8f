"""The staff card on the staff panel: a card inserted while the sign-in is open, on attract or
identify, or on a member's screen that reads no cards; whose card it is read off the GUI thread
(its certificate, no PIN) and shown before the PIN. A mixin of ui/staff/panel.py's StaffPanel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.ports.staff import CardHolder, Refused, SignInMethod
from ui.staff.strings import error_message

if TYPE_CHECKING:
    from kiosk.staff import StaffServices
    from ui.bridge import Worker
    from ui.staff.pin_pad import SignInPage

# card_holder refusals that mean "not a staff card at all" (a member's card, or pulled out already).
NOT_A_STAFF_CARD = frozenset({"STAFF_CARD_UNKNOWN", "STAFF_CARD_MISSING", "STAFF_CARD_UNREADABLE", "STAFF_CARD_BUSY"})


class StaffCardEntry:
    staff: StaffServices
    worker: Worker
    sign_in_page: SignInPage

    if TYPE_CHECKING:  # the panel's own (QWidget.isVisible among them): declared for the type checker only
        @property
        def lang(self) -> str: ...
        def isVisible(self) -> bool: ...
        def open(self) -> None: ...

    def offers_card(self) -> bool:
        try:
            return SignInMethod.CARD in self.staff.desk.methods()
        except Exception:  # an unreadable staff CA folder: no card sign-in, the PIN still works
            return False

    def card_inserted(self, reader: str) -> None:
        """A card went in while the sign-in page is open: it may be the staff card (the main window
        leaves cards alone while the panel is up)."""
        if not self.isVisible() or self.staff.desk.principal is not None:
            return
        self.sign_in_page.card_inserted(reader)
        if self.offers_card():
            self.peek_card(reader)

    def staff_card_presented(self, reader: str) -> None:
        """A staff card where a member's card was expected (attract or identify): straight to the
        sign-in with that card, its holder shown, the PIN next. Signed in already: the dashboard."""
        self.open()
        if self.staff.desk.principal is None:
            self.sign_in_page.card_inserted(reader)
            self.peek_card(reader)

    def card_inserted_mid_session(self, reader: str) -> None:
        """A card went in on a member's screen that reads no cards (menu, form, review...): if it is
        a staff card, open its sign-in (the member's session is kept); a member's card is left alone."""
        if self.staff.desk.principal is not None or not self.offers_card():
            return
        desk, lang = self.staff.desk, self.lang

        def done(holder: object) -> None:
            if isinstance(holder, CardHolder) and not self.isVisible() and self.staff.desk.principal is None:
                self.open()
                self.sign_in_page.card_inserted(reader)
                self.sign_in_page.show_holder(holder)

        def failed(error: BaseException) -> None:
            if isinstance(error, Refused) and error.code in NOT_A_STAFF_CARD:
                return  # a member's card (or already gone): not for staff mode
            if not self.isVisible() and self.staff.desk.principal is None:
                self.open()  # a staff card this kiosk will not take: say why on the sign-in page
                self.sign_in_page.card_inserted(reader)
                self.sign_in_page.show_holder(None, error_message(error, lang))
        self.worker.submit(lambda: desk.card_holder(reader), done, failed)

    def peek_card(self, reader: str) -> None:
        """Read whose card is in `reader` (its certificate, no PIN) off the GUI thread."""
        self.sign_in_page.reading_holder()
        desk, lang = self.staff.desk, self.lang

        def failed(error: BaseException) -> None:
            if self.sign_in_page.card_reader == reader:
                self.sign_in_page.show_holder(None, error_message(error, lang))

        def done(holder: object) -> None:
            if isinstance(holder, CardHolder) and self.sign_in_page.card_reader == reader:
                self.sign_in_page.show_holder(holder)
        self.worker.submit(lambda: desk.card_holder(reader), done, failed)
