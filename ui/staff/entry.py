"""The discreet way into staff mode, and the wiring of the staff panel into the main window.

A member sees no staff button: staff press and hold the status strip at the bottom of the screen
for three seconds (the PIN pad then asks who they are). The panel is attached only when the
services offer staff mode (`services.staff`, kiosk/staff.py); the UI's fake services do not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ui.staff.strings import tr_staff
from ui.widgets import MessageBox

if TYPE_CHECKING:
    from ui.staff.host import StaffHost
    from ui.staff.panel import StaffPanel

HOLD_MS = 3000
_PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
_RELEASE = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel, QEvent.Type.Leave}


class LongPress(QObject):
    """Calls `on_hold` when the watched widget is pressed and held for `hold_ms`."""

    def __init__(self, target: QObject, on_hold: Callable[[], None], hold_ms: int = HOLD_MS) -> None:
        super().__init__(target)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(hold_ms)
        self.timer.timeout.connect(on_hold)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _PRESS:
            self.timer.start()
        elif kind in _RELEASE:
            self.timer.stop()
        return super().eventFilter(watched, event)


class _Activity(QObject):
    """Taps on the panel count as staff activity (the staff idle timeout)."""

    def __init__(self, panel: StaffPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _PRESS or event.type() == QEvent.Type.KeyPress:
            self.panel.activity()
        return super().eventFilter(watched, event)


class PendingStaffCard(QObject):
    """A staff card read before the services' storage has opened. Staff mode needs the storage
    (the staff desk, its lockout and audit log live there), and the GUI thread must never wait for
    it: the card is remembered, a short bilingual "starting…" shows over the window, and the
    sign-in opens with that card as soon as staff mode is attached (MainWindow.staff_panel)."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.host = host
        self.reader: str | None = None
        self.banner = MessageBox("notice", host)  # the theme's notice box: framed, opaque
        self.banner.setProperty("staffStarting", True)

    def hold(self, reader: str, lang: str) -> None:
        self.reader = reader
        self.banner.set_message(tr_staff("starting", lang))
        # In the middle of the window, over whatever is there (large text wraps it: its height
        # follows its width).
        width = min(900, max(200, self.host.width() - 96))
        layout = self.banner.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else -1
        height = height if height > 0 else self.banner.sizeHint().height()
        self.banner.setGeometry((self.host.width() - width) // 2, (self.host.height() - height) // 2, width, height)
        self.banner.raise_()

    def release(self, panel: StaffPanel | None) -> None:
        """Staff mode is attached (or, `None`, will never be: the storage did not open)."""
        reader, self.reader = self.reader, None
        self.banner.set_message(None)
        if reader is None or panel is None:
            return
        if panel.offers_card():
            panel.staff_card_presented(reader)  # its holder shown, the PIN next
        else:
            panel.open()  # no card sign-in configured: the staff number and PIN still work


def attach_staff_mode(window: StaffHost, hold_ms: int = HOLD_MS) -> StaffPanel | None:
    staff = window.services.staff
    if staff is None:
        return None
    from ui.staff.panel import StaffPanel

    panel = StaffPanel(window, staff)
    panel.long_press = LongPress(window.status_strip, panel.open, hold_ms)  # type: ignore[attr-defined]
    window.bridge.removed.connect(panel.card_removed)  # pulling a staff card ends its session
    window.bridge.inserted.connect(panel.card_inserted)  # a staff card for the open PIN pad
    _add_card_seen_screen(window, panel)
    activity = _Activity(panel)
    panel.installEventFilter(activity)
    for child in panel.findChildren(QObject):
        if child.isWidgetType():
            child.installEventFilter(activity)
    panel.apply_live_settings()
    _start_update_agent(window, panel)
    return panel


def _add_card_seen_screen(window: StaffHost, panel: StaffPanel) -> None:
    """The page where staff confirm they saw a member's HKID card (Screen.STAFF_CONFIRM). Only an
    assisted session reaches it, so it exists only with staff mode."""
    from kiosk.core.state import Screen
    from ui.staff.hkid_confirm import HkidConfirmScreen

    screen = HkidConfirmScreen(window.session)
    screen.handler = panel
    panel.hkid_confirm = screen
    window.screens[Screen.STAFF_CONFIRM] = screen
    window.stack.addWidget(screen)


def _start_update_agent(window: StaffHost, panel: StaffPanel) -> None:
    """Automatic updates (kiosk.update.agent) when the kiosk runs from its slots: the switch waits
    for the attract screen, and so does the restart into the new version."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.state import Screen

    def idle() -> bool:
        return window.session.state.screen is Screen.ATTRACT and panel.staff.desk.principal is None

    agent = panel.staff.start_update_agent(idle)
    panel.update_agent = agent  # type: ignore[attr-defined]
    if agent is None:
        return
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(agent.stop)

    def check() -> None:
        if not idle():
            return
        if agent.restart_pending:
            from ui.lockdown import EXIT_RESTART, quit_kiosk

            quit_kiosk(EXIT_RESTART)  # systemd starts `current`, now the new version
        elif agent.status.state == "prepared":
            agent.wake()  # back on attract: switch now rather than at the next poll
    timer = QTimer(panel)
    timer.setInterval(5000)
    timer.timeout.connect(check)
    timer.start()
