"""QR codes in the kiosk window: sources in, screens out, nothing blocking on the GUI thread.

- Reads from every source (camera pipeline, wedge, serial: the QR hub in kiosk/app.py) arrive on
  driver threads; QrBridge hands them to the GUI thread; the payload is interpreted (signature,
  nonce: SQLite) on a worker; the Session decides what it means for the member.
- The camera (or the demo's folder of pictures) runs only while the scan screen shows.
- The iAM Smart login thread (kiosk.iamsmart) runs while the iAM Smart screen shows; leaving the
  screen cancels it, and news from a login left behind is dropped.
- A prepared instruction's nonce is claimed in the same worker job that queues it.
Everything here is optional: services without QR parts (devtools.fakes) simply get no QR sources.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.iamsmart import IamSmartLogin
from kiosk.ports import IamSmartPoll, IamSmartTicket, QrRead, QrSourceKind
from kiosk.qr import QrRefusal
from ui.bridge import Worker
from ui.camera import CameraFeed, pick_camera
from ui.qr_folder import FolderFeed
from ui.qr_wedge import WedgeKeyFilter
from ui.screens.iamsmart import IamSmartScreen
from ui.screens.scan import ScanScreen
from ui.services import KioskServicesLike
from ui.strings import pick
from ui.widgets import MessageBox

log = logging.getLogger(__name__)

TOAST_MS = 8000
FOUND_FLASH_MS = 600
NOTICE_SCREENS = (Screen.MENU, Screen.FORM)  # screens without a notice area of their own


class QrBridge(QObject):
    """kiosk.ports.QrEvents for the hub: reads from driver threads become queued signals."""

    read = Signal(object)

    def qr_read(self, read: QrRead) -> None:
        self.read.emit(read)


class IamSmartBridge(QObject):
    """kiosk.iamsmart.IamSmartListener for one login; its signals arrive on the GUI thread."""

    ticket = Signal(object)
    progress = Signal(object)
    failed = Signal(str)

    def iamsmart_ticket(self, ticket: IamSmartTicket) -> None:
        self.ticket.emit(ticket)

    def iamsmart_progress(self, poll: IamSmartPoll) -> None:
        self.progress.emit(poll)

    def iamsmart_failed(self, reason: str) -> None:
        self.failed.emit(reason)


class Toast(MessageBox):
    """A message over the page for screens with no place for one (menu, form)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("error", parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.set_message(None))

    def flash(self, text: str) -> None:
        self.set_message(text)
        parent = self.parentWidget()
        if parent is not None:
            width = min(1200, parent.width() - 96)
            self.setFixedWidth(width)
            self.adjustSize()
            self.move((parent.width() - width) // 2, 110)
        self.raise_()
        self._timer.start(TOAST_MS)


class QrController(QObject):
    def __init__(self, session: Session, services: KioskServicesLike, worker: Worker, scan: ScanScreen,
                 iamsmart: IamSmartScreen, form: QWidget | None, page: QWidget,
                 monotonic: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.services = services
        self.worker = worker
        self.scan = scan
        self.iamsmart_screen = iamsmart
        self.form = form
        self._monotonic = monotonic
        self.qr = services.qr
        self.devices = services.qr_devices
        self.bridge = QrBridge(self)
        self.bridge.read.connect(self._on_read)
        self.toast = Toast(page)
        self.wedge_filter = WedgeKeyFilter(self.devices.wedge, parent=self) if (
            self.devices is not None and self.devices.wedge is not None) else None
        self._feed: CameraFeed | FolderFeed | None = None
        self._login: IamSmartLogin | None = None
        self._login_bridge: IamSmartBridge | None = None
        self._generation = 0
        self._seen_visit = session.state.visit  # SessionState.visit: another member when it changes
        self._screen = session.state.screen
        self._toasted: tuple[str, str] | None = None
        self.started = False
        self.last_outcome = ""  # what the Session did with the last read (tests, the bench)
        self.last_latency_ms: float | None = None  # from the frame/key burst to the screen changed
        self.outcomes = 0
        self.last_source: QrSourceKind | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self._found = QTimer(self)
        self._found.setSingleShot(True)
        self._found.timeout.connect(self._unflash)
        # Demo only (kiosk.qr.demo.QrDemo): the simulated phone, hand scanner and serial scanner.
        self.demo = services.demo.qr_demo if services.demo is not None else None
        if self.demo is not None:
            iamsmart.enable_demo(True)
            iamsmart.demo_approve.clicked.connect(partial(self._phone, "approve"))
            iamsmart.demo_deny.clicked.connect(partial(self._phone, "deny"))
            scan.enable_demo(True)
            scan.demo_wedge.clicked.connect(self._demo_wedge)
            scan.demo_serial.clicked.connect(self._demo_serial)
        session.subscribe(self._changed)

    # ------------------------------------------------------------ life
    def start(self) -> None:
        if self.started:
            return
        self.started = True
        if self.devices is not None:
            try:
                self.devices.hub.start(self.bridge)
            except Exception as e:  # no scanner must not mean no kiosk
                log.warning("QR sources did not start: %s", type(e).__name__)
        if self.wedge_filter is not None:
            self.wedge_filter.install()

    def shutdown(self) -> None:
        if not self.started:
            return
        self.started = False
        self._stop_feed()
        self.cancel_login()
        self._found.stop()
        self._countdown.stop()
        if self.wedge_filter is not None:
            self.wedge_filter.uninstall()
        if self.devices is not None:
            try:
                self.devices.hub.stop()
            except Exception as e:
                log.warning("QR sources did not stop cleanly: %s", type(e).__name__)
        login = self._login
        if login is not None:
            login.join(5.0)

    # ------------------------------------------------------------ following the Session
    def _changed(self) -> None:
        s = self.session.state
        if s.visit != self._seen_visit:  # wiped or started anew: a new member (or nobody)
            self._seen_visit = s.visit
            self._generation += 1
            self._toasted = None
            self.toast.set_message(None)
            if self.devices is not None:
                self.devices.hub.dedup.forget()  # the next member may show the same code at once
        if s.screen is not self._screen:
            left, self._screen = self._screen, s.screen
            if left is Screen.SCAN:
                self._stop_feed()
            if left is Screen.IAMSMART:
                self._countdown.stop()
            if s.screen is Screen.SCAN:
                self._start_feed()
            if s.screen is Screen.IAMSMART:
                self._countdown.start()
        if s.screen in NOTICE_SCREENS and s.notice is not None and s.notice != self._toasted:
            self._toasted = s.notice
            self.toast.flash(pick(s.notice, s.lang))
        elif s.notice is None:
            self._toasted = None

    # ------------------------------------------------------------ reads
    @Slot(object)
    def _on_read(self, read: object) -> None:
        if not isinstance(read, QrRead) or self.qr is None:
            return
        # A receipt's code opens the receipt check (flows/status.py) where it can; elsewhere it is
        # interpreted as before (a notice says what the code is for).
        if read.payload.startswith(b"EMPFK:") and \
                self.session.receipt_scanned(read.payload[:64].decode("ascii", "replace")):
            return
        interpret = self.qr.interpret
        payload = read.payload
        self.worker.submit(lambda: interpret(payload), partial(self._interpreted, self._generation, read),
                           partial(self._interpret_failed, self._generation))

    def _interpreted(self, generation: int, read: QrRead, result: object) -> None:
        if generation != self._generation:
            return  # read for a member who has gone
        before = self.session.state.screen
        outcome = self.session.qr_received(result, self.focused_field())  # type: ignore[arg-type]
        self.last_outcome = outcome
        self.last_source = read.source
        self.outcomes += 1
        if outcome != "ignored" and read.at:
            self.last_latency_ms = (self._monotonic() - read.at) * 1000
        log.info("QR read from %s: %s", read.source.value, outcome if not isinstance(result, QrRefusal)
                 else f"{outcome} {result.code}")
        if before is Screen.SCAN and outcome in ("review", "pending"):
            self.scan.preview.found = True
            self._found.start(FOUND_FLASH_MS)

    def _interpret_failed(self, generation: int, error: BaseException) -> None:
        log.error("QR interpretation raised %s", type(error).__name__)  # interpret() never should

    def _unflash(self) -> None:
        self.scan.preview.found = False
        self.scan.preview.update()

    def focused_field(self) -> str | None:
        """The form field being typed into, if the form is showing: the focused line edit, or the
        one an on-screen pad types into (focus does not move while the window is inactive)."""
        if self.session.state.screen is not Screen.FORM or self.form is None:
            return None
        editors = getattr(self.form, "editors", None) or getattr(self.form, "rows", None)
        if not isinstance(editors, dict):
            return None
        candidates: list[object] = [QApplication.focusWidget()]
        for pad in ("keyboard", "numpad"):
            target = getattr(getattr(self.form, pad, None), "target", None)
            if callable(target):
                candidates.append(target())
        for candidate in candidates:
            if candidate is None:
                continue
            for name, editor in editors.items():
                line_edits = getattr(editor, "line_edits", None)
                edits = line_edits() if callable(line_edits) else [getattr(editor, "edit", None)]
                if candidate in edits:
                    return str(name)
        return None

    # ------------------------------------------------------------ camera or pictures
    def _frames_dir(self) -> Path | None:
        return self.devices.settings.frames_dir if self.devices is not None else None

    def _start_feed(self) -> None:
        self._found.stop()
        self.scan.preview.found = False  # a flash from the last read must not greet the next one
        if self.devices is None:
            self.scan.set_camera_available(False)
            return
        if self._feed is None:
            self._feed = self._make_feed()
            if self._feed is not None:
                self._feed.preview.connect(self.scan.show_frame)
        ok = self._feed is not None and self._feed.start()
        self.scan.set_camera_available(ok)

    def _make_feed(self) -> CameraFeed | FolderFeed | None:
        pipeline = self.devices.camera if self.devices is not None else None
        if pipeline is None:
            return None
        folder = self._frames_dir()
        if folder is not None:
            return FolderFeed(pipeline, folder, parent=self)
        hint = self.devices.settings.camera if self.devices is not None else "off"
        device = pick_camera(hint)
        if device is not None:
            return CameraFeed(pipeline, device, parent=self)
        if self.demo is not None:
            return FolderFeed(pipeline, self.demo.qr_frames, parent=self)
        return None

    def _stop_feed(self) -> None:
        if self._feed is not None:
            self._feed.stop()
        self.scan.preview.set_image(None)

    @property
    def feed(self) -> CameraFeed | FolderFeed | None:
        return self._feed

    # ------------------------------------------------------------ iAM Smart
    def start_login(self, purpose: str) -> None:
        """Effect StartIamSmart: a platform session for the code on screen, polled on a thread of
        its own (a session still open from before is cancelled first)."""
        self.cancel_login()
        client = self.services.client
        if client is None:
            self.session.iamsmart_failed()
            return
        bridge = IamSmartBridge(self)
        login = IamSmartLogin(client, bridge, purpose, self.session.state.lang)
        bridge.ticket.connect(partial(self._login_ticket, login))
        bridge.progress.connect(partial(self._login_progress, login))
        bridge.failed.connect(partial(self._login_failed, login))
        self._login, self._login_bridge = login, bridge
        login.start()

    def _login_ticket(self, login: IamSmartLogin, ticket: object) -> None:
        if login is self._login and isinstance(ticket, IamSmartTicket):
            self.session.iamsmart_ticket(ticket)

    def _login_progress(self, login: IamSmartLogin, poll: object) -> None:
        if login is not self._login or not isinstance(poll, IamSmartPoll):
            return
        if poll.state.final:
            self._login = None  # the thread ends by itself after a final state; retry starts anew
        self.session.iamsmart_progress(poll)

    def _login_failed(self, login: IamSmartLogin, reason: str) -> None:
        if login is self._login:
            self._login = None
            self.session.iamsmart_failed()

    def cancel_login(self) -> None:
        """Effect EndIamSmart: the member left the screen."""
        login, self._login = self._login, None
        if login is not None:
            login.cancel()  # the thread tells the platform and ends; its news is dropped

    @property
    def login(self) -> IamSmartLogin | None:
        return self._login

    def _tick(self) -> None:
        s = self.session.state
        if s.screen is Screen.IAMSMART:
            self.iamsmart_screen.set_countdown(self.session.iamsmart_seconds_left(), s.lang)

    def _demo_wedge(self) -> None:
        """Demo only: a hand scanner 'types' a fresh code as a burst of key events, through the same
        key filter a real keyboard-wedge scanner meets."""
        demo = self.demo
        if demo is None:
            return
        self.worker.submit(demo.next_code, self._type_burst, lambda e: log.warning("demo code: %s", e))

    def _type_burst(self, text: object) -> None:
        if not isinstance(text, str):
            return
        target = QApplication.focusWidget() or self.scan
        t = int(self._monotonic() * 1000)
        keys = [(Qt.Key.Key_unknown, ch) for ch in text] + [(Qt.Key.Key_Return, "\r")]
        for i, (k, ch) in enumerate(keys):
            event = QKeyEvent(QEvent.Type.KeyPress, k, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(t + 2 * i)  # 2 ms apart, as scanners type
            QApplication.sendEvent(target, event)

    def _demo_serial(self) -> None:
        """Demo only: the serial scanner on the demo's pseudo-terminal reads a fresh code."""
        demo = self.demo
        if demo is None:
            return
        self.worker.submit(lambda: demo.serial_send(demo.next_code()), lambda ok: None,
                           lambda e: log.warning("demo serial: %s", e))

    def _phone(self, outcome: str) -> None:
        """Demo only: the simulated phone scans the code shown (an HTTP call: off the GUI thread)."""
        view = self.session.state.iamsmart
        if view is None or not view.qr or self.demo is None:
            return
        phone = self.demo.iamsmart_phone
        qr = view.qr
        threading.Thread(target=phone, args=(qr, outcome), name="demo-phone", daemon=True).start()

