"""The kiosk window: one QStackedWidget following Session.state.screen, a header, a status strip,
the idle warning, and the plumbing that keeps blocking work off the GUI thread."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import IdlePhase, Screen, SessionState
from ui import accessibility, memory
from ui.bridge import CardBridge, Worker
from ui.compat import protect_none_refcount
from ui.effects import SessionEffects
from ui.idle import IdleOverlay
from ui.screens.attract import AttractScreen
from ui.screens.base import ScreenBase
from ui.services import KioskServicesLike
from ui.widgets import Header, StatusStrip

# Only the attract screen is built (and imported) before the first paint; every other page, the QR
# controller (camera: numpy, QtMultimedia) and staff mode are built in idle time right after it, one
# per event-loop turn (MainWindow.warm_up), or on demand if a member gets there first.
if TYPE_CHECKING:
    from ui.qr_controller import QrController
    from ui.qr_wedge import EarlyKeys, WedgeKeyFilter
    from ui.screens.form import FormScreen
    from ui.screens.iamsmart import IamSmartScreen
    from ui.screens.identify import IdentifyScreen
    from ui.screens.menu import MenuScreen
    from ui.screens.mrz import MrzScreen
    from ui.screens.receipt import ReceiptScreen
    from ui.screens.review import ReviewScreen
    from ui.screens.scan import ScanScreen
    from ui.staff.panel import StaffPanel

log = logging.getLogger(__name__)
protect_none_refcount()  # see ui/compat.py: must run before the first widget is built

# The order warm-up builds pages in: the way a member goes first.
WARM_ORDER = (Screen.IDENTIFY, Screen.MENU, Screen.FORM, Screen.REVIEW, Screen.RECEIPT, Screen.MRZ,
              Screen.SCAN, Screen.IAMSMART, Screen.REGISTRATION_IDENTITY)
REHEARSED_LANGS = ("zh_HK", "en")  # the forms warm-up draws: the default language and English
OPEN_POLL_MS = 20  # warm-up checks this often whether the services' storage has opened
OPEN_WAIT_MS = 120_000  # and gives up (leaving staff mode and QR unstarted) after this long

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
        self.speaker = accessibility.Speaker()
        self._spoken: tuple[object, str, str] | None = None  # (page, lang, text) last read out
        self.worker = Worker()
        self.bridge = CardBridge(self)
        self.bridge.inserted.connect(self._on_card_inserted)
        self.bridge.removed.connect(self._on_card_removed)
        self.effects = SessionEffects(self)  # runs the flows' effects: card reads, the confirm use case
        self.session.on_effect(self.effects)
        self._may_close = False
        self._started = False
        # Bumped on every wipe: results of work started for an earlier member are dropped.
        self._generation = 0
        self._seen_visit: int | None = None  # SessionState.visit last drawn: another member when it changes
        self._shown: Screen | None = None
        self._receipt_since: float | None = None

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
        col.addWidget(self.stack, 1)
        col.addWidget(self.status_strip)
        self.setCentralWidget(central)

        self.attract = AttractScreen(self.session)
        self.screens: dict[Screen, ScreenBase] = {Screen.ATTRACT: self.attract}  # the pages built so far
        self.stack.addWidget(self.attract)
        self._qr: QrController | None = None
        self._staff_panel: StaffPanel | None = None
        self._staff_attached = False
        self._early_keys: EarlyKeys | None = None  # keys held until the QR sources start (warm_up)
        self._cards_started = False
        self._warm_pending: list[tuple[Callable[[], object], bool]] = []  # start-up steps still to run
        self._open_polls = 0
        self.overlay = IdleOverlay(self._more_time, central)

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
            page = self._build_page(screen)
            self.screens[screen] = page
            self.stack.addWidget(page)
        return page

    def _build_page(self, screen: Screen) -> ScreenBase:
        if screen is Screen.IDENTIFY:
            from ui.screens.identify import IdentifyScreen

            identify = IdentifyScreen(self.session)
            demo = getattr(self.services, "demo", None)
            if demo is not None and getattr(demo, "has_virtual_card", False):
                identify.set_demo(demo)
            return identify
        if screen is Screen.MENU:
            from ui.screens.menu import MenuScreen

            return MenuScreen(self.session)
        if screen is Screen.FORM:
            from ui.screens.form import FormScreen

            return FormScreen(self.session)
        if screen is Screen.REVIEW:
            from ui.screens.review import ReviewScreen

            return ReviewScreen(self.session, self.confirm)
        if screen is Screen.RECEIPT:
            from ui.screens.receipt import ReceiptScreen

            return ReceiptScreen(self.session)
        if screen is Screen.MRZ:  # an ePassport's chip needs the key from its data page
            from ui.screens.mrz import MrzScreen

            return MrzScreen(self.session, self.read_document)
        if screen is Screen.SCAN:  # the camera looks for a prepared instruction's QR code
            from ui.screens.scan import ScanScreen

            return ScanScreen(self.session)
        if screen is Screen.IAMSMART:
            from ui.screens.iamsmart import IamSmartScreen

            return IamSmartScreen(self.session)
        if screen is Screen.REGISTRATION_IDENTITY:  # registering needs iAM Smart or staff checking the card
            from ui.screens.registration_identity import RegistrationIdentityScreen

            return RegistrationIdentityScreen(self.session)
        raise ValueError(f"no page for {screen}")

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
        is_open = getattr(self.services, "is_open", None)
        if not callable(is_open) or is_open():
            return True
        failed = getattr(self.services, "open_failed", None)
        return None if callable(failed) and failed() is not None else False

    @property
    def generation(self) -> int:
        """Bumped on every wipe: results of work started for an earlier member are dropped."""
        return self._generation

    # ------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Start everything now: every page, the once-a-second clock, activity watching, staff mode,
        the QR sources and the card reader (waiting for the services' storage to open if need be).
        `warm_up()` does the same in idle time, one step per event-loop turn."""
        if self._started and not self._warm_pending:
            return
        self._started = True
        pending, self._warm_pending = self._warm_pending or self._steps(), []
        for step, _ in pending:
            (self._start_cards if step == self._build_cards else step)()  # now means now

    def warm_up(self) -> None:
        """Start in idle time, after the first paint (ui/app.py schedules it): the services begin to
        open on their own thread, then one step per event-loop turn, so a tap in between is handled
        at once. A page a member reaches before its turn is built on demand."""
        if self._started:
            return
        self._started = True
        opener = getattr(self.services, "open_in_background", None)
        if callable(opener):
            opener()
        # A hand scanner's burst before the QR sources start (they wait for the storage) would be
        # typed into the screen and lost: its keys are held until then (ui/qr_wedge.py).
        from ui.qr_wedge import EarlyKeys

        self._early_keys = EarlyKeys(parent=self)
        self._early_keys.install()
        # The card reader is built on a worker thread (its drivers' imports and the CSCA folder take
        # ~0.1 s) and started when built: a tap right after the first paint is handled at once.
        steps = [(self._build_cards if step == self._start_cards else step, n) for step, n in self._steps()]
        self._warm_pending = [*steps, (self._warm_speech, False), (self._prime_chinese, False),
                              (self._plan_rehearsals, False)]
        self._open_polls = 0
        QTimer.singleShot(0, self, self._warm_next)

    def warming(self) -> bool:
        """True while warm-up steps are still to run."""
        return bool(self._warm_pending)

    def _steps(self) -> list[tuple[Callable[[], object], bool]]:
        """(step, needs the services' storage open) in the order they run."""
        # The card reader first: a card is how most members start. (A staff card inserted before
        # staff mode is attached attaches it on demand.)
        steps: list[tuple[Callable[[], object], bool]] = [(self._watch, False), (self._start_cards, False)]
        steps += [(partial(self.page, screen), False) for screen in WARM_ORDER]
        steps += [(lambda: self.staff_panel, True), (self._start_qr, True)]
        return steps

    def _warm_next(self) -> None:
        if not self._warm_pending:
            return
        step, needs_storage = self._warm_pending[0]
        if needs_storage:
            opened = self.services_opened()
            if opened is False and self._open_polls * OPEN_POLL_MS < OPEN_WAIT_MS:
                self._open_polls += 1
                QTimer.singleShot(OPEN_POLL_MS, self, self._warm_next)  # bounded: the opening ends by itself
                return
            if opened is not True:
                # Logged by the services; a confirm will show the member a bilingual "cannot save".
                self._warm_pending = [(s, n) for s, n in self._warm_pending if not n]
                pending = self.effects.pending_staff
                if pending is not None:
                    pending.release(None)  # no staff mode after all: "starting…" goes
                self._release_early_keys(None)  # no QR sources either: held keys were typing
                QTimer.singleShot(0, self, self._warm_next)
                return
        self._warm_pending.pop(0)
        try:
            step()
        except Exception as e:  # one part failing to start must not stop the rest of the kiosk
            log.error("start-up step failed: %s", type(e).__name__)
        QTimer.singleShot(0, self, self._warm_next)

    def _watch(self) -> None:
        """Activity watching (idle timeout, Alt+F4) and the once-a-second clock."""
        app = QApplication.instance()
        if app is not None and not self.clock.isActive():
            app.installEventFilter(self)
        self.clock.start()

    def _start_qr(self) -> None:
        try:
            self.qr.start()
        finally:  # held keys never stay held, even if the QR sources failed to start
            qr = self._qr
            self._release_early_keys(qr.wedge_filter if qr is not None and qr.started else None)

    def _release_early_keys(self, wedge_filter: WedgeKeyFilter | None) -> None:
        early, self._early_keys = self._early_keys, None
        if early is not None:
            early.hand_over(wedge_filter)
            early.deleteLater()  # needed once only

    def _build_cards(self) -> None:
        services = self.services

        def built(_: object) -> None:
            if self._started:  # not shut down meanwhile
                self._start_cards()

        def failed(e: BaseException) -> None:
            log.warning("card reader could not be built: %s", type(e).__name__)

        self.worker.submit(lambda: services.cards, built, failed)

    def _start_cards(self) -> None:
        if self._cards_started:
            return
        self._cards_started = True
        try:
            self.services.cards.start(self.bridge)
        except Exception as e:  # no reader must not mean no kiosk: typing the HKID still works
            log.warning("card reader did not start: %s", type(e).__name__)

    def _warm_speech(self) -> None:
        """Find the text-to-speech engine now rather than when a member first turns guidance on."""
        self.speaker.locale_for(self.session.state.lang)

    def _prime_chinese(self) -> None:
        """The Chinese keyboard built and its input method ready (ChineseInput.prime_step), one
        step per event-loop turn, so the first member's first Chinese field and key do not wait for
        them. Stops, giving back what it borrowed, as soon as a member starts a session."""
        if not self.form.chinese.prime_step(self.session.state.screen is Screen.ATTRACT):
            self._warm_pending.insert(0, (self._prime_chinese, False))

    def _plan_rehearsals(self) -> None:
        """Last in warm-up: every step of every instruction type drawn once off screen, one per
        event-loop turn (FormScreen.rehearse), so the fonts' pages, glyphs and styles the forms
        need are loaded before the first member, not during the first members' sessions
        (docs/memory.md)."""
        from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS
        from kiosk.domain import get_type

        self._warm_pending += [(partial(self._rehearse, code, step.name), False)
                               for code in (*MEMBER_FORMS, *EMPLOYER_FORMS) for step in get_type(code).plan()]
        # The rehearsals' widgets are gone by then: the heap pages they freed go back (~12 MB).
        self._warm_pending.append((memory.return_free_heap, False))

    def _rehearse(self, type_code: str, step_name: str) -> None:
        if self.session.state.screen is Screen.ATTRACT:  # a member's form is never touched
            self.form.rehearse(type_code, step_name, REHEARSED_LANGS)

    def shutdown(self) -> None:
        if not self._started:
            return
        self._started = False
        self._warm_pending = []
        self._release_early_keys(None)
        self.clock.stop()
        if self._qr is not None:
            self._qr.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._cards_started:
            self._cards_started = False
            try:
                self.services.cards.stop()
            except Exception as e:
                log.warning("card reader did not stop cleanly: %s", type(e).__name__)
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
        self._speak(page, s)

    def _speak(self, page: QWidget, s: SessionState) -> None:
        """Read out a screen's question once when spoken guidance is on (and a voice exists)."""
        if not s.speech:
            return
        spoken = getattr(page, "spoken_text", None)
        text = spoken(s.lang) if callable(spoken) else ""
        if not text:
            title = getattr(page, "title", None)
            text = title.text() if title is not None and hasattr(title, "text") else ""
        key = (page, s.lang, text)
        if text and key != self._spoken:
            self._spoken = key
            self.speaker.say(text, s.lang)

    def _load_funds(self) -> None:
        """The scheme's funds from the platform's configuration, when the services offer them."""
        from kiosk.domain.funds import DEFAULT_FUNDS, Fund, from_config

        source = getattr(self.services, "funds", None)
        try:
            items = source() if callable(source) else None
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
        if screen is not Screen.RECEIPT:
            self._receipt_since = None

    def _wiped(self) -> None:
        self._generation += 1
        for page in self.screens.values():
            page.clear()
        self.overlay.hide()
        self.speaker.stop()
        self._spoken = None
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
