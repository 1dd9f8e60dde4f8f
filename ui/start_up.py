"""What the kiosk window starts after its first paint, one step per event-loop turn.

Only the attract screen exists when the window is first painted (systemd's READY=1 follows it).
Then, in idle time: activity watching and the clock, the card reader (built on a worker thread),
every page in the order members reach them, staff mode and the QR sources (once the services'
storage has opened on its own thread), the speech engine, the Chinese keyboard's input method, and
rehearsals that draw every form step once off screen. A tap in between is handled at once; a page a
member reaches before its turn is built on demand. `start()` does all of it now (tests, tools).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.core.session import Session
from kiosk.core.state import Screen
from ui import memory
from ui.bridge import CardBridge, Worker
from ui.services import KioskServicesLike

if TYPE_CHECKING:
    from ui.accessibility import Speaker
    from ui.qr_controller import QrController
    from ui.qr_wedge import EarlyKeys, WedgeKeyFilter
    from ui.screens.base import ScreenBase
    from ui.screens.form import FormScreen
    from ui.staff.entry import PendingStaffCard
    from ui.staff.panel import StaffPanel

log = logging.getLogger(__name__)

# The order warm-up builds pages in: the way a member goes first.
WARM_ORDER = (Screen.IDENTIFY, Screen.MENU, Screen.FORM, Screen.REVIEW, Screen.RECEIPT, Screen.MRZ,
              Screen.SCAN, Screen.IAMSMART, Screen.REGISTRATION_IDENTITY, Screen.SIGN_IN, Screen.ACCOUNT,
              Screen.EMPLOYER, Screen.STATUS)
REHEARSED_LANGS = ("zh_HK", "en")  # the forms warm-up draws: the default language and English
OPEN_POLL_MS = 20  # warm-up checks this often whether the services' storage has opened
OPEN_WAIT_MS = 120_000  # and gives up (leaving staff mode and QR unstarted) after this long

Step = tuple[Callable[[], object], bool]  # (step, needs the services' storage open)


class StartUpHost(Protocol):
    """What start-up needs of the window (ui/main_window.py)."""

    session: Session
    services: KioskServicesLike
    worker: Worker
    bridge: CardBridge
    clock: QTimer
    speaker: Speaker

    def page(self, screen: Screen) -> ScreenBase: ...
    def services_opened(self) -> bool | None: ...
    def pending_staff(self) -> PendingStaffCard | None: ...
    def built_qr(self) -> QrController | None: ...
    @property
    def staff_panel(self) -> StaffPanel | None: ...
    @property
    def qr(self) -> QrController: ...
    @property
    def form(self) -> FormScreen: ...


class StartUp:
    def __init__(self, host: StartUpHost, window: QObject) -> None:
        self.host = host
        self.window = window  # the timers' context and the application-wide event filter
        self.started = False
        self.pending: list[Step] = []  # start-up steps still to run
        self._open_polls = 0
        self._early_keys: EarlyKeys | None = None  # keys held until the QR sources start
        self._cards_started = False

    def start(self) -> None:
        """Start everything now (waiting for the services' storage to open if need be)."""
        if self.started and not self.pending:
            return
        self.started = True
        pending, self.pending = self.pending or self._steps(), []
        for step, _ in pending:
            (self._start_cards if step == self._build_cards else step)()  # now means now

    def warm_up(self) -> None:
        """Start in idle time, after the first paint: the services begin to open on their own
        thread, then one step per event-loop turn."""
        if self.started:
            return
        self.started = True
        self.host.services.open_in_background()
        # A hand scanner's burst before the QR sources start (they wait for the storage) would be
        # typed into the screen and lost: its keys are held until then (ui/qr_wedge.py).
        from ui.qr_wedge import EarlyKeys

        self._early_keys = EarlyKeys(parent=self.window)
        self._early_keys.install()
        # The card reader is built on a worker thread (its drivers' imports and the CSCA folder take
        # ~0.1 s) and started when built: a tap right after the first paint is handled at once.
        steps = [(self._build_cards if step == self._start_cards else step, n) for step, n in self._steps()]
        self.pending = [*steps, (self._warm_speech, False), (self.prime_chinese, False),
                        (self._plan_rehearsals, False)]
        self._open_polls = 0
        QTimer.singleShot(0, self.window, self._next)

    def _steps(self) -> list[Step]:
        # The card reader first: a card is how most members start. (A staff card inserted before
        # staff mode is attached attaches it on demand.)
        steps: list[Step] = [(self._watch, False), (self._start_cards, False)]
        steps += [(partial(self.host.page, screen), False) for screen in WARM_ORDER]
        steps += [(lambda: self.host.staff_panel, True), (self._start_qr, True)]
        return steps

    def _next(self) -> None:
        if not self.pending:
            return
        step, needs_storage = self.pending[0]
        if needs_storage:
            opened = self.host.services_opened()
            if opened is False and self._open_polls * OPEN_POLL_MS < OPEN_WAIT_MS:
                self._open_polls += 1
                QTimer.singleShot(OPEN_POLL_MS, self.window, self._next)  # bounded: the opening ends by itself
                return
            if opened is not True:
                # Logged by the services; a confirm will show the member a bilingual "cannot save".
                self.pending = [(s, n) for s, n in self.pending if not n]
                held = self.host.pending_staff()
                if held is not None:
                    held.release(None)  # no staff mode after all: "starting…" goes
                self._release_early_keys(None)  # no QR sources either: held keys were typing
                QTimer.singleShot(0, self.window, self._next)
                return
        self.pending.pop(0)
        try:
            step()
        except Exception as e:  # one part failing to start must not stop the rest of the kiosk
            log.error("start-up step failed: %s", type(e).__name__)
        QTimer.singleShot(0, self.window, self._next)

    def _watch(self) -> None:
        """Activity watching (idle timeout, Alt+F4) and the once-a-second clock."""
        app = QApplication.instance()
        if app is not None and not self.host.clock.isActive():
            app.installEventFilter(self.window)
        self.host.clock.start()

    def _start_qr(self) -> None:
        try:
            self.host.qr.start()
        finally:  # held keys never stay held, even if the QR sources failed to start
            qr = self.host.built_qr()
            self._release_early_keys(qr.wedge_filter if qr is not None and qr.started else None)

    def _release_early_keys(self, wedge_filter: WedgeKeyFilter | None) -> None:
        early, self._early_keys = self._early_keys, None
        if early is not None:
            early.hand_over(wedge_filter)
            early.deleteLater()  # needed once only

    def _build_cards(self) -> None:
        services = self.host.services

        def built(_: object) -> None:
            if self.started:  # not shut down meanwhile
                self._start_cards()

        def failed(e: BaseException) -> None:
            log.warning("card reader could not be built: %s", type(e).__name__)

        self.host.worker.submit(lambda: services.cards, built, failed)

    def _start_cards(self) -> None:
        if self._cards_started:
            return
        self._cards_started = True
        try:
            self.host.services.cards.start(self.host.bridge)
        except Exception as e:  # no reader must not mean no kiosk: typing the HKID still works
            log.warning("card reader did not start: %s", type(e).__name__)

    def _warm_speech(self) -> None:
        """Find the speech engine and its voices (on a worker thread) before a member turns reading aloud on."""
        self.host.speaker.probe()

    def prime_chinese(self) -> None:
        """The Chinese keyboard built and its input method ready (ChineseInput.prime_step), one
        step per event-loop turn, so the first member's first Chinese field and key do not wait for
        them. Stops, giving back what it borrowed, as soon as a member starts a session."""
        if not self.host.form.chinese.prime_step(self.host.session.state.screen is Screen.ATTRACT):
            self.pending.insert(0, (self.prime_chinese, False))

    def _plan_rehearsals(self) -> None:
        """Last: every step of every instruction type drawn once off screen, one per event-loop
        turn (FormScreen.rehearse), so the fonts' pages, glyphs and styles the forms need are loaded
        before the first member, not during the first members' sessions (docs/memory.md)."""
        from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS
        from kiosk.domain import get_type

        self.pending += [(partial(self.rehearse, code, step.name), False)
                         for code in (*MEMBER_FORMS, *EMPLOYER_FORMS) for step in get_type(code).plan()]
        # The rehearsals' widgets are gone by then: the heap pages they freed go back (~12 MB).
        self.pending.append((memory.return_free_heap, False))

    def rehearse(self, type_code: str, step_name: str) -> None:
        if self.host.session.state.screen is Screen.ATTRACT:  # a member's form is never touched
            self.host.form.rehearse(type_code, step_name, REHEARSED_LANGS)

    def stop(self) -> bool:
        """Stop what start-up started (the card reader, held keys, the event filter); False when
        nothing was started."""
        if not self.started:
            return False
        self.started = False
        self.pending = []
        self._release_early_keys(None)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.window)
        if self._cards_started:
            self._cards_started = False
            try:
                self.host.services.cards.stop()
            except Exception as e:
                log.warning("card reader did not stop cleanly: %s", type(e).__name__)
        return True
