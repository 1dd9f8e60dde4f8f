"""The kiosk window: one QStackedWidget following Session.state.screen, a header, a status strip,
the idle warning, and the plumbing that keeps blocking work off the GUI thread."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import IdlePhase, Screen
from ui import accessibility, memory
from ui.bridge import CardBridge, Worker
from ui.compat import protect_none_refcount
from ui.effects import SessionEffects
from ui.idle import IdleOverlay
from ui.pages import build_page
from ui.screens.attract import AttractScreen
from ui.screens.base import ScreenBase
from ui.services import KioskServicesLike
from ui.speech_bar import ReadAloud
from ui.start_up import StartUp
from ui.widgets import Header, StatusStrip

# Only the attract screen is built (and imported) before the first paint; every other page, the QR
# controller (camera: numpy, QtMultimedia) and staff mode are built in idle time right after it, one
# per event-loop turn (MainWindow.warm_up), or on demand if a member gets there first.
if TYPE_CHECKING:
    from ui.qr_controller import QrController
    from ui.receipt_printing import ReceiptPrinting
    from ui.screens.form import FormScreen
    from ui.screens.iamsmart import IamSmartScreen
    from ui.screens.identify import IdentifyScreen
    from ui.screens.menu import MenuScreen
    from ui.screens.mrz import MrzScreen
    from ui.screens.receipt import ReceiptScreen
    from ui.screens.review import ReviewScreen
    from ui.screens.scan import ScanScreen
    from ui.staff.entry import PendingStaffCard
    from ui.staff.panel import StaffPanel

log = logging.getLogger(__name__)
protect_none_refcount()  # see ui/compat.py: must run before the first widget is built

# What counts as the member being there: a touch, a click, a key.
_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}


class MainWindow(QMainWindow):
    def __init__(self, services: KioskServicesLike, *, monotonic: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._monotonic = monotonic
        cfg = services.config
        self.session = Session(idle_timeout_s=cfg.idle_timeout_s, idle_warning_s=cfg.idle_warning_s,
                               monotonic=monotonic, default_lang=cfg.default_lang)
        self._load_funds()
        # The bar under the header and the Speaker (the engine is built when first needed, off this thread).
        self.read_aloud = ReadAloud(self.session, accessibility.Speaker(services.speech))
        self.worker = Worker()
        self.bridge = CardBridge(self)
        self.bridge.inserted.connect(self._on_card_inserted)
        self.bridge.removed.connect(self._on_card_removed)
        self.effects = SessionEffects(self)  # runs the flows' effects: card reads, the confirm use case
        self.session.on_effect(self.effects)
        self._may_close = False
        # Bumped on every wipe: results of work started for an earlier member are dropped.
        self._generation = 0
        self._seen_visit: int | None = None  # SessionState.visit last drawn: another member when it changes
        self._shown: Screen | None = None
        self._receipt_since: float | None = None
        self._receipt_printing: ReceiptPrinting | None = None

        self.setWindowTitle("eMPF kiosk")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # An explicit minimum stops the layout from growing the window past the screen when a
        # page's wrapped text asks for more height at a narrower width (large text, portrait):
        # pages scroll instead.
        self.setMinimumSize(640, 480)
        central = QWidget()
        central.setObjectName("page")
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.header = Header()
        self.header.language_requested.connect(self.session.set_language)
        self.stack = QStackedWidget()
        self.status_strip = StatusStrip()
        col.addWidget(self.header)
        col.addWidget(self.read_aloud.bar)
        col.addWidget(self.stack, 1)
        col.addWidget(self.status_strip)
        self.setCentralWidget(central)

        self.attract = AttractScreen(self.session)
        self.screens: dict[Screen, ScreenBase] = {Screen.ATTRACT: self.attract}  # the pages built so far
        self.stack.addWidget(self.attract)
        self._qr: QrController | None = None
        self._staff_panel: StaffPanel | None = None
        self._staff_attached = False
        self.startup = StartUp(self, self)
        self.overlay = IdleOverlay(self._more_time, central)
        from ui.call_staff import StaffCallAlert  # the header's "call staff" and the alert for staff

        self.call_alert = StaffCallAlert(self.session, self.header, self.status_strip)

        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self.tick)

        self.session.subscribe(self.present)
        self._refresh_announcements()
        self.present()
        self.poll_status()

    # ------------------------------------------------------------ pages, built when first needed
    def page(self, screen: Screen) -> ScreenBase:
        """The page for `screen`, built now if warm-up has not got to it yet."""
        page = self.screens.get(screen)
        if page is None and screen is Screen.STAFF_CONFIRM:
            self.staff_panel  # noqa: B018 - staff mode adds its own page when attached (ui/staff/entry.py)
            page = self.screens.get(screen)
        if page is None:
            page = build_page(screen, self.session, self.services, confirm=self.confirm,
                              read_document=self.read_document)
            self.screens[screen] = page
            self.stack.addWidget(page)
        return page

    @property
    def identify(self) -> IdentifyScreen:
        return cast("IdentifyScreen", self.page(Screen.IDENTIFY))

    @property
    def menu(self) -> MenuScreen:
        return cast("MenuScreen", self.page(Screen.MENU))

    @property
    def form(self) -> FormScreen:
        return cast("FormScreen", self.page(Screen.FORM))

    @property
    def review(self) -> ReviewScreen:
        return cast("ReviewScreen", self.page(Screen.REVIEW))

    @property
    def receipt(self) -> ReceiptScreen:
        return cast("ReceiptScreen", self.page(Screen.RECEIPT))

    @property
    def receipt_printing(self) -> ReceiptPrinting:
        """The receipt's printout (ui/receipt_printing.py): the receipt stays while it prints or failed."""
        if self._receipt_printing is None:
            from ui.receipt_printing import ReceiptPrinting

            self._receipt_printing = ReceiptPrinting(self.receipt, self.session, self.services, self.worker,
                                                     lambda: self._generation)
        return self._receipt_printing

    @property
    def mrz(self) -> MrzScreen:
        return cast("MrzScreen", self.page(Screen.MRZ))

    @property
    def scan(self) -> ScanScreen:
        return cast("ScanScreen", self.page(Screen.SCAN))

    @property
    def iamsmart(self) -> IamSmartScreen:
        return cast("IamSmartScreen", self.page(Screen.IAMSMART))

    @property
    def qr(self) -> QrController:
        """Every QR source (ui/qr_controller.py): built with the scan, iAM Smart and form pages."""
        if self._qr is None:
            from ui.qr_controller import QrController

            central = self.centralWidget()
            assert central is not None
            self._qr = QrController(self.session, self.services, self.worker, self.scan, self.iamsmart,
                                    self.form, central)
        return self._qr

    @property
    def staff_panel(self) -> StaffPanel | None:
        """Staff and technician modes (ui/staff): a long press on the status strip opens them.
        None when the services offer no staff mode (the UI's fakes)."""
        if not self._staff_attached:
            if self.services_opened() is not True:
                # Still opening: attaching would wait for the storage on the GUI thread (warm-up
                # attaches it once open); or it did not open (logged): no staff desk to open.
                return None
            self._staff_attached = True
            from ui.staff import attach_staff_mode

            self._staff_panel = attach_staff_mode(self)
            pending = self.effects.pending_staff
            if pending is not None:
                pending.release(self._staff_panel)  # a staff card shown while it opened
        return self._staff_panel

    def services_opened(self) -> bool | None:
        """True when the services' storage is open, False while it is opening, None if it failed.
        Services without an opening of their own (the fakes) are always open."""
        if self.services.is_open():
            return True
        return None if self.services.open_failed() is not None else False

    @property
    def generation(self) -> int:
        """Bumped on every wipe: results of work started for an earlier member are dropped."""
        return self._generation

    # ------------------------------------------------------------ life cycle (ui/start_up.py)
    def start(self) -> None:
        """Start everything now: every page, the clock, activity watching, staff mode, the QR sources
        and the card reader. `warm_up()` does the same in idle time, one step per event-loop turn."""
        self.startup.start()

    def warm_up(self) -> None:
        """Start in idle time, after the first paint (ui/app.py schedules it)."""
        self.startup.warm_up()

    def warming(self) -> bool:
        """True while warm-up steps are still to run."""
        return bool(self.startup.pending)

    def pending_staff(self) -> PendingStaffCard | None:
        return self.effects.pending_staff

    def built_qr(self) -> QrController | None:
        return self._qr

    def shutdown(self) -> None:
        if not self.startup.stop():
            return
        self.clock.stop()
        if self._qr is not None:
            self._qr.shutdown()
        self.worker.wait(10_000)
        self.session.wipe()

    def allow_close(self) -> None:
        """The one way to let close() through (tests, a technician's explicit quit)."""
        self._may_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close:
            event.ignore()  # Alt+F4, a window manager's close button: the kiosk stays up
            return
        self.shutdown()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            event.ignore()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY:
            if self.session.state.screen is not Screen.ATTRACT:
                self.session.touch()
                if not self.overlay.isHidden():
                    QTimer.singleShot(0, self._update_idle)
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                    event.key() == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                return True
        elif kind == QEvent.Type.ContextMenu:
            return True  # no desktop menus on a kiosk, whichever widget asks
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        central = self.centralWidget()
        if central is not None:
            self.overlay.setGeometry(central.rect())

    # ------------------------------------------------------------ presenting the Session
    def present(self) -> None:
        s = self.session.state
        if s.visit != self._seen_visit:
            # A wipe or a new start: a new member (or nobody) from here on.
            if self._seen_visit is not None:
                self._wiped()
            self._seen_visit = s.visit
        accessibility.apply_theme(s)  # large text / high contrast, for this member only
        if s.screen is not self._shown:
            self._entering(s.screen)
        step, of = self.session.step()
        self.header.present(s.lang, step, of)
        self.status_strip.retranslate(s.lang)
        page = self.page(s.screen)
        page.present(s)
        self.stack.setCurrentWidget(page)
        self._update_idle()
        self.read_aloud.present(page, s)

    @property
    def speaker(self) -> accessibility.Speaker:
        return self.read_aloud.speaker

    @speaker.setter
    def speaker(self, speaker: accessibility.Speaker) -> None:
        self.read_aloud.speaker = speaker

    def _load_funds(self) -> None:
        """The scheme's funds from the platform's configuration, when the services offer them."""
        from kiosk.domain.funds import DEFAULT_FUNDS, Fund, from_config

        source = self.services.funds
        try:
            items = source() if source is not None else None
        except Exception as e:  # the cached configuration is unreadable: the defaults will do
            log.warning("funds unavailable: %s", type(e).__name__)
            items = None
        if items:
            funds = tuple(f for f in items if isinstance(f, Fund)) or from_config(items)
            self.session.funds = funds or DEFAULT_FUNDS

    def _entering(self, screen: Screen) -> None:
        self._shown = screen
        mrz = self.screens.get(Screen.MRZ)
        if screen is not Screen.MRZ and mrz is not None:
            mrz.clear()  # the document's number and dates leave the screen with the step
        if screen is not Screen.ATTRACT and self._qr is None and self.services_opened() is True:
            # The QR controller follows the Session from here on (it starts the camera on entering
            # the scan screen): a member faster than warm-up gets it now (not while the storage
            # opens: building it would wait for the QR service on the GUI thread).
            self.qr  # noqa: B018
        if screen is Screen.ATTRACT:
            self._refresh_announcements()
            self._load_funds()
        elif screen is Screen.MENU:
            self.identify.clear()  # the typed HKID has done its job
        elif screen is Screen.RECEIPT:
            # The instruction is on disk; the member's values need not stay in any widget.
            self.form.clear()
            self.review.clear()
            self._receipt_since = self._monotonic()
            self.receipt.set_countdown(math.ceil(self.services.config.receipt_timeout_s),
                                       self.session.state.lang)
            QTimer.singleShot(0, self.poll_status)  # the delivery state, without waiting a second
            self.receipt_printing.shown()  # offers the printout, or prints at once (operator's setting)
        if screen is not Screen.RECEIPT:
            self._receipt_since = None

    def _wiped(self) -> None:
        self._generation += 1
        for page in self.screens.values():
            page.clear()
        if self._receipt_printing is not None:
            self._receipt_printing.clear()
        self.overlay.hide()
        self.read_aloud.wiped()
        im = QGuiApplication.inputMethod()
        if im is not None:
            im.reset()  # a half-typed Chinese composition belongs to the member who left
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        # Next turn, once the cleared pages' widgets are deleted: the pixmap cache (the receipt's
        # QR among it) and the heap pages the session freed go back (ui/memory.py).
        QTimer.singleShot(0, memory.release_after_wipe)

    def _refresh_announcements(self) -> None:
        try:
            items = self.services.announcements()
        except Exception as e:
            log.warning("announcements unavailable: %s", type(e).__name__)
            items = []
        self.attract.set_announcements(items)

    # ------------------------------------------------------------ the clock
    @Slot()
    def tick(self) -> None:
        """Once a second: receipt timeout, idle warning/wipe, status strip."""
        if self._receipt_since is not None and self.session.state.screen is Screen.RECEIPT:
            if self._receipt_printing is not None and self._receipt_printing.holds:
                self._receipt_since = self._monotonic()  # printing, or it failed: the receipt stays
            left = self.services.config.receipt_timeout_s - (self._monotonic() - self._receipt_since)
            if left <= 0:
                self.session.wipe()
            else:
                self.receipt.set_countdown(math.ceil(left), self.session.state.lang)
        self.session.tick()  # wipes (and re-renders) when the member has gone
        self._update_idle()
        self.poll_status()

    def _update_idle(self) -> None:
        phase, left = self.session.idle_phase()
        if phase is IdlePhase.WARNING and not self.session.state.saving:
            self.overlay.show_countdown(max(1, math.ceil(left)), self.session.state.lang)
        else:
            self.overlay.hide()

    def _more_time(self) -> None:
        self.session.touch()
        self._update_idle()

    def poll_status(self) -> None:
        try:
            status = self.services.status()
        except Exception as e:
            log.warning("status unavailable: %s", type(e).__name__)
            status = None
        self.status_strip.set_status(status, self.session.state.lang)
        if self.session.state.screen is Screen.ATTRACT:
            self.attract.set_status(status)
        receipt = self.session.state.receipt
        if status is not None and receipt is not None and self.session.state.screen is Screen.RECEIPT:
            # KioskStatus.receipts (kiosk_ref -> outbox state) is newer than this UI: read it gently.
            states = getattr(status, "receipts", None) or {}
            state = states.get(receipt.kiosk_ref)
            if isinstance(state, str):
                self.receipt.set_delivery(state, self.session.state.lang)

    # ------------------------------------------------------------ cards and confirm
    @Slot(str)
    def _on_card_inserted(self, reader: str) -> None:
        panel = self.staff_panel
        if panel is not None and panel.isVisible():
            return  # the staff sign-in is up: the card is for it (ui/staff/panel.py)
        self.session.card_inserted(reader)  # read on identify, the document put back on the MRZ step, …

    def read_document(self) -> None:
        """The MRZ screen's Read chip: the typed key opens the chip in the reader holding it."""
        self.session.mrz_submitted()

    @Slot(str)
    def _on_card_removed(self, reader: str) -> None:
        # A member may keep going without the card once identified (a removal mid-read comes back as
        # CardErrorCode.REMOVED from the read). Staff mode (ui/staff/entry.py) connects the same
        # signal to end a staff session whose card was pulled.
        pass

    @property
    def pending_staff_card(self) -> str | None:
        """The reader of a staff card waiting for staff mode to be attached (ui/effects.py)."""
        pending = self.effects.pending_staff
        return pending.reader if pending is not None else None

    def confirm(self) -> None:
        """Review's Confirm: the session starts saving and asks for the confirm use case (ui/effects.py)."""
        self.session.confirm_started()
