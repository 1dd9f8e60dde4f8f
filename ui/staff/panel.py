"""Staff mode on screen: a panel over the whole kiosk window with the sign-in page, the dashboard and
the technician's page. It presents kiosk.staff.StaffServices and forwards taps; blocking work (PIN
hashing, the doctor, enrolment, export, updates) runs on a worker thread.

A member's session under the panel is kept, not wiped: signing in (or opening the panel signed in)
marks it assisted, staff activity keeps it alive, and "Hand back to the member" returns to it where
it was, staff still signed in; on the attract screen it returns to the attract screen, signed in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QStackedWidget, QVBoxLayout

from kiosk.core.state import Assistance, Screen
from kiosk.modes.receipt_lookup import ReceiptLookup
from kiosk.modes.staff import SignInResult
from kiosk.modes.staff_call import answer_call, waiting_member
from kiosk.modes.void_request import VoidRequest
from kiosk.ports.audit import AuditEvent
from kiosk.ports.staff import Refused, Role, SignInAttempt
from ui import theme
from ui.bridge import Worker
from ui.layouts import Columns, Footer, room_for_bold
from ui.staff.card_check import CardCheckActions, CardCheckPage
from ui.staff.card_entry import StaffCardEntry
from ui.staff.dashboard import DashboardPage
from ui.staff.lookup import LookupPage
from ui.staff.pin_pad import SignInPage
from ui.staff.strings import error_message, tr_staff
from ui.staff.tech_actions import TechnicianActions
from ui.staff.technician import TechnicianPage
from ui.theme import PAGE_MARGIN, SPACING
from ui.widgets import button, label

if TYPE_CHECKING:
    from kiosk.staff import StaffServices
    from ui.staff.hkid_confirm import HkidConfirmScreen
    from ui.staff.host import StaffHost

log = logging.getLogger(__name__)


class _Progress(QObject):
    """Progress reported on a worker thread, delivered on the GUI thread."""

    update = Signal(str, float)
    export = Signal(int, int)


class StaffPanel(StaffCardEntry, QFrame):
    tech: TechnicianActions  # built after the technician's page, whose buttons call it

    def __init__(self, window: StaffHost, staff: StaffServices) -> None:
        central = window.centralWidget()
        super().__init__(central)
        self.window_ = window
        self.staff = staff
        self.worker = Worker(max_threads=1)
        self.progress = _Progress(self)
        self.setObjectName("page")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        col = QVBoxLayout(self)
        col.setContentsMargins(PAGE_MARGIN, 24, PAGE_MARGIN, 24)
        col.setSpacing(SPACING)

        # The titles beside the buttons in landscape, above them in portrait (resizeEvent).
        bar = Columns(SPACING)
        self.bar = bar
        self.title = label(name="title")
        self.who = label(name="muted")
        self.idle = label(name="muted")
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.who)
        titles.addWidget(self.idle)  # under the titles: the buttons beside them get the width
        bar.addLayout(titles, 1)
        self.nav_dashboard = button(role="choice")
        self.nav_lookup = button(role="choice")
        self.nav_technician = button(role="choice")
        self.nav_dashboard.clicked.connect(lambda: self.show_page("dashboard"))
        self.nav_lookup.clicked.connect(lambda: self.show_page("lookup"))
        self.nav_technician.clicked.connect(lambda: self.show_page("technician"))
        self.back_button = button()
        self.back_button.clicked.connect(self.close_panel)
        self.sign_out_button = button(role="primary")
        self.sign_out_button.clicked.connect(self.sign_out)
        # In one row when they fit, in more (each full width) on a portrait screen: never cut.
        bar.addWidget(Footer(None, (self.nav_dashboard, self.nav_lookup, self.nav_technician, self.back_button,
                                    self.sign_out_button)), 3)
        col.addLayout(bar)
        self.assisted_note = label(name="muted")
        col.addWidget(self.assisted_note)

        self.stack = QStackedWidget()
        self.sign_in_page = SignInPage(self._attempt, self.close_panel)
        self.dashboard = DashboardPage(self._sync_now, self._amend, self._void)
        self.dashboard.call_box.answer_button.clicked.connect(self._answer_call)
        self.card_check_actions = CardCheckActions(self)
        self.card_check = CardCheckPage(self.card_check_actions.confirm, self._decline_on_panel)
        self.lookup = LookupPage(self._look_up)
        self.technician = TechnicianPage(on_doctor=lambda: self.tech.doctor(),
                                         on_enrol=lambda code, rotate: self.tech.enrol(code, rotate),
                                         on_export=lambda target: self.tech.export(target),
                                         on_setting=lambda name, value: self.tech.setting(name, value),
                                         on_update=lambda where: self.tech.update(where),
                                         on_quit=lambda: self.tech.ask_quit(),
                                         on_quit_confirmed=lambda: self.tech.quit(),
                                         on_restart=lambda: self.tech.quit(restart=True))
        self.tech = TechnicianActions(self, self.technician)  # what the technician's buttons do
        for page in (self.sign_in_page, self.dashboard, self.card_check, self.lookup, self.technician):
            self.stack.addWidget(page)
        col.addWidget(self.stack, 1)

        self.progress.update.connect(self.technician.show_update_progress)
        self.progress.export.connect(self.tech.export_progress)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self._refresh_due = 0
        self.hkid_confirm: HkidConfirmScreen | None = None  # the member's side, added by ui/staff/entry.py
        self._styled_for: theme.Theme | None = None  # the member's look the panel was last styled under
        self.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.bar.follow(event.size().width(), event.size().height())
        super().resizeEvent(event)

    # ------------------------------------------------------------ state
    @property
    def lang(self) -> str:
        return self.window_.session.state.lang

    def member_session_kept(self) -> bool:
        return self.window_.session.state.screen is not Screen.ATTRACT

    def open(self) -> None:
        """Show the panel (the long press on the status strip); sign-in first unless signed in."""
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(host.rect())
        self.restyle()
        self.retranslate()
        self.show()
        self.raise_()
        p = self.staff.desk.principal
        if p is None:
            self.sign_in_page.clear()
            if not self.sign_in_page.card_reader:
                readers = self._readers()
                self.sign_in_page.card_reader = readers[0] if readers else ""
            self.sign_in_page.offer(self.staff.desk.methods())
            self.show_page("sign_in")
        else:
            session = self.window_.session
            if self.member_session_kept() and session.state.assisted is None:
                # Signed in already, now beside this member: their session becomes assisted.
                session.mark_assisted(p.staff_id, p.role.value, p.shop)
                self.staff.desk.record(AuditEvent.ASSISTED_SESSION, principal=p)
            self.show_page(self._first_page())
        self.timer.start()

    def _first_page(self) -> str:
        """After sign-in or on opening: a typed HKID waiting for staff first, else the dashboard."""
        return "card_check" if self.window_.session.state.staff_check is not None else "dashboard"

    def _readers(self) -> list[str]:
        try:
            return list(self.window_.services.cards.readers())
        except Exception:  # no PC/SC: the card method simply has no reader to offer
            return []

    def close_panel(self) -> None:
        self.hide()
        self.sign_in_page.clear()
        self.card_check.clear()  # the typed number leaves the panel with it
        self.lookup.clear()
        if self.staff.desk.principal is None:
            self.timer.stop()
        self.window_.present()

    def sign_out(self) -> None:
        self.staff.desk.sign_out()
        self.close_panel()

    def show_page(self, name: str) -> None:
        p = self.staff.desk.principal
        if name != "sign_in" and p is None:
            name = "sign_in"
        if name == "technician" and (p is None or p.role is not Role.TECHNICIAN):
            name = "dashboard"
        if name == "card_check" and not self.card_check_actions.show():
            name = "dashboard"  # nothing to check any more (or not for this role)
        page = {"sign_in": self.sign_in_page, "dashboard": self.dashboard, "technician": self.technician,
                "card_check": self.card_check, "lookup": self.lookup}[name]
        self.stack.setCurrentWidget(page)
        signed_in = p is not None
        for w in (self.nav_dashboard, self.nav_lookup, self.sign_out_button):
            w.setVisible(signed_in)
        self.nav_technician.setVisible(signed_in and p is not None and p.role is Role.TECHNICIAN)
        for nav, page_name in ((self.nav_dashboard, "dashboard"), (self.nav_lookup, "lookup"),
                               (self.nav_technician, "technician")):
            nav.setCheckable(True)
            nav.setChecked(name == page_name)
        # Back to the member's screens (or the attract screen) with the sign-in kept.
        self.back_button.setVisible(signed_in)
        self.assisted_note.setVisible(signed_in and self.window_.session.state.assisted is not None)
        self._present_header()
        if name == "dashboard":
            self.refresh_dashboard()
        elif name == "technician":
            self.refresh_technician()
            self.technician.opened()
        elif name == "lookup":
            self.lookup.retranslate(self.lang)
            self.lookup.field.setFocus()

    def _present_header(self) -> None:
        p = self.staff.desk.principal
        lang = self.lang
        tech = p is not None and p.role is Role.TECHNICIAN
        self.title.setText(tr_staff("technician_mode" if tech else "staff_mode", lang))
        if p is None:
            self.who.clear()
            self.idle.clear()
        else:
            self.who.setText(tr_staff("who", lang, staff_id=p.staff_id, shop=p.shop or "-",
                                      role=tr_staff(f"role_{p.role.value}", lang)))

    def restyle(self) -> None:
        """Staff see their panel at normal text size whatever the member chose (docs/staff.md): large
        text is the member's choice, for the member's screens, and stays on for them underneath. The
        colours follow the member's (high contrast is kept: a panel in other colours over the member's
        screens would look like another machine). A style sheet of the panel's own wins over the
        application's (Qt: a widget's own sheet is preferred in every conflict), so its text and
        controls take the normal sizes while the member's pages keep theirs."""
        member = theme.active()
        if member == self._styled_for:
            return
        self._styled_for = member
        self.setStyleSheet(theme.stylesheet(theme.Theme(member.palette, 1.0)) if member.large else "")

    # ------------------------------------------------------------ the clock
    @Slot()
    def tick(self) -> None:
        self.restyle()  # the member's look may have changed under the panel (a wipe resets it)
        desk = self.staff.desk
        if desk.tick():  # idle: signed out
            self.close_panel()
            return
        if desk.principal is None:
            self._close_if_signed_out()
            return
        if self.member_session_kept() and self.window_.session.state.assisted is not None:
            self.window_.session.touch()  # staff beside the member: the member's session stays
        self.idle.setText(tr_staff("idle_left", self.lang, n=int(desk.idle_left())))
        self._refresh_due += 1
        if self.isVisible() and self.stack.currentWidget() is self.dashboard and self._refresh_due >= 5:
            self.refresh_dashboard()

    def activity(self) -> None:
        """A tap on the panel: staff are still there."""
        if self.staff.desk.principal is not None:
            self.staff.desk.touch()

    def card_removed(self, reader: str) -> None:
        """The `end_on_card_removed` hook: a staff card pulled out ends its staff session (the main
        window may have told the desk first: either way, a panel without a signed-in user closes)."""
        self.staff.desk.card_removed(reader)
        self.sign_in_page.card_removed(reader)
        self._close_if_signed_out()

    # ------------------------------------------------------------ staff check the HKID card
    def open_card_check(self) -> None:
        """The member's "staff are checking" screen's button: the panel, on the check (sign-in first)."""
        self.open()

    def decline_card_seen(self) -> None:
        """The member's cancel on their "staff are checking" screen."""
        self.card_check_actions.decline()

    def _decline_on_panel(self) -> None:
        self.card_check_actions.decline()
        self.close_panel()  # back to the member, asked to type the number again

    def _close_if_signed_out(self) -> None:
        if self.staff.desk.principal is None and self.isVisible() and \
                self.stack.currentWidget() is not self.sign_in_page:
            self.close_panel()

    # ------------------------------------------------------------ sign in
    def _attempt(self, attempt: SignInAttempt) -> None:
        member = self.member_session_kept()
        desk = self.staff.desk
        self.worker.submit(lambda: desk.sign_in(attempt, member_session=member), self._signed_in,
                           self._sign_in_failed)

    def _signed_in(self, result: object) -> None:
        assert isinstance(result, SignInResult)
        if result.principal is None:
            refusal = result.refusal
            self.sign_in_page.refused(refusal.message(self.lang) if refusal else "")
            return
        p = result.principal
        if self.member_session_kept():
            self.window_.session.mark_assisted(p.staff_id, p.role.value, p.shop)
        self.sign_in_page.clear()
        self.timer.start()
        self.show_page(self._first_page())

    def _sign_in_failed(self, error: BaseException) -> None:
        log.warning("sign-in failed: %s", type(error).__name__)
        self.sign_in_page.refused(error_message(error, self.lang))

    # ------------------------------------------------------------ dashboard
    def _guard(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except Refused as refused:
            self.dashboard.notice.set_message(refused.message(self.lang))
            if refused.code == "NOT_SIGNED_IN":
                self.close_panel()
            return None

    def refresh_dashboard(self) -> None:
        self._refresh_due = 0
        ops = self.staff.ops
        self.dashboard.retranslate(self.lang)
        health = self._guard(ops.health)
        if health is None:
            return
        self.dashboard.show_health(health)
        self.dashboard.show_queue(ops.overview())
        self.dashboard.show_rejected(ops.rejected(), ops.can_amend, self.member_session_kept())
        session = self.window_.session
        waiting = self._guard(lambda: waiting_member(self.staff.desk, session.state, session.staff_waiting_s()))
        self.dashboard.call_box.show_waiting(waiting, self.lang)

    def _answer_call(self) -> None:
        """Staff go to the member who called: audited, and the call is cleared."""
        self.activity()
        session = self.window_.session
        if self._guard(lambda: answer_call(self.staff.desk, session.staff_waiting_s())) is None:
            session.staff_answered()
        self.refresh_dashboard()

    def _sync_now(self) -> None:
        self.activity()
        self.dashboard.syncing()
        ops = self.staff.ops
        self.worker.submit(ops.force_sync, self._synced, self._sync_failed)

    def _synced(self, summary: Any) -> None:
        lang = self.lang
        text = tr_staff("sync_result", lang, sent=summary.sent, accepted=summary.accepted,
                        rejected=summary.rejected, retry=summary.retry)
        if summary.error:
            text += "\n" + tr_staff("sync_failed", lang, error=summary.error[:120])
        self.dashboard.show_sync_result(text)
        if self.staff.desk.principal is not None:
            self.refresh_dashboard()

    def _sync_failed(self, error: BaseException) -> None:
        self.dashboard.show_sync_result(error_message(error, self.lang))

    def _void(self, request: VoidRequest) -> None:
        """A void with its reason, confirmed twice on the dashboard (kiosk.modes.void_request)."""
        self.activity()

        def void() -> bool:
            self.staff.ops.void_confirmed(request)
            return True
        if self._guard(void):
            self.dashboard.sync_result.setText(tr_staff("done_void", self.lang, ref=request.kiosk_ref))
        self.refresh_dashboard()

    def _look_up(self, text: str) -> None:
        self.activity()
        lookups = self.staff.receipts
        self.worker.submit(lambda: lookups.look_up(text), self._looked_up,
                           lambda error: self.lookup.show_refusal(error_message(error, self.lang)))

    def _looked_up(self, found: object) -> None:
        if isinstance(found, ReceiptLookup) and self.staff.desk.principal is not None:
            self.lookup.show_result(found)

    def _amend(self, ref: str) -> None:
        """The member amends the rejected instruction on their own screens: identify again, then the
        pre-filled form. Staff stay signed in (the session is assisted) until they sign out."""
        self.activity()
        if self.member_session_kept():
            self.dashboard.notice.set_message(tr_staff("amend_busy", self.lang))
            return
        draft = self._guard(lambda: self.staff.ops.start_amendment(ref))
        if draft is None:
            return
        p = self.staff.desk.principal
        assert p is not None
        self.window_.session.start_amendment(draft.type, dict(draft.form_raw),
                                             Assistance(p.staff_id, p.role.value, p.shop, amends=ref))
        self.close_panel()

    def refresh_technician(self) -> None:
        self.tech.refresh()

    def apply_live_settings(self) -> None:
        """Settings that take effect at once (idle times, languages offered)."""
        self.tech.apply_live_settings()

    # ------------------------------------------------------------ language
    def retranslate(self) -> None:
        lang = self.lang
        self.nav_dashboard.setText(tr_staff("nav_dashboard", lang))
        self.nav_lookup.setText(tr_staff("nav_lookup", lang))
        self.nav_technician.setText(tr_staff("nav_technician", lang))
        room_for_bold(self.nav_dashboard, self.nav_lookup, self.nav_technician)  # the chosen one is bold
        self.back_button.setText(tr_staff("back_to_member", lang))
        self.sign_out_button.setText(tr_staff("sign_out", lang))
        self.assisted_note.setText(tr_staff("assisted_note", lang))
        self.sign_in_page.retranslate(lang)
        self.dashboard.retranslate(lang)
        self.card_check.retranslate(lang)
        self.lookup.retranslate(lang)
        self.technician.retranslate(lang)
        self._present_header()

    def shutdown(self) -> None:
        self.timer.stop()
        self.worker.wait(10_000)
