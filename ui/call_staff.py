"""The member's "call staff" (kiosk.core: SessionState.staff_called_at) on screen.

For the member: the header's button on every screen of their session (not attract); once pressed it
says staff were called. For staff: a line on the status strip at the bottom of the screen (where
staff open staff mode) saying a member is waiting and for how long, and the system bell when the
call starts and once a minute while nobody answers (audible where the kiosk has a speaker that
rings the bell: QApplication.beep). Staff answer on the dashboard (ui/staff/call_box.py,
kiosk.modes.staff_call), which clears it; a wipe clears it with the member's session. Built with
the window (light: staff mode itself is attached after the first paint).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QBoxLayout, QHBoxLayout, QLabel, QWidget

from kiosk.core.state import Screen
from ui import icons
from ui.strings import tr
from ui.widgets import label

if TYPE_CHECKING:
    from kiosk.core.session import Session
    from ui.widgets import Header, StatusStrip

BELL_EVERY_S = 60


class StaffCallAlert(QObject):
    """Follows the session: the header's button, the status strip's line and the bell."""

    def __init__(self, session: Session, header: Header, strip: StatusStrip,
                 bell: Callable[[], None] = QApplication.beep) -> None:
        super().__init__(strip)
        self.session = session
        self.header = header
        self.strip = strip
        self.bell = bell
        self.rings = 0  # times the bell rang for the current call
        self._call: float | None = None
        self.icon = QLabel()
        self.icon.setPixmap(icons.warning(30))
        self.icon.setFixedSize(30, 30)
        self.line = label(wrap=False, name="staffCall")
        self.box = QWidget()
        row = QHBoxLayout(self.box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.icon)
        row.addWidget(self.line)
        self.box.hide()
        layout = strip.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(layout.count() - 1, self.box)  # on the right
        header.staff_requested.connect(self.session.call_staff)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        session.subscribe(self.refresh)
        self.refresh()

    def _strip_details(self, shown: bool) -> None:
        """The network line steps aside while a member waits for staff (the strip shows no queue)."""
        for w in (self.strip.icon, self.strip.network):
            w.setVisible(shown)

    def refresh(self) -> None:
        s = self.session.state
        waited = self.session.staff_waiting_s()
        self.header.show_call(s.screen is not Screen.ATTRACT, waited is not None, s.lang)
        if waited is None:
            self._call = None
            self.rings = 0
            self.box.hide()
            self._strip_details(True)
            self.timer.stop()
            return
        if self._call != s.staff_called_at:  # a new call
            self._call = s.staff_called_at
            self.rings = 0
        if self.rings == 0 or waited >= self.rings * BELL_EVERY_S:
            self.rings += 1
            self.bell()
        minutes = int(waited // 60)
        age = tr("waited_minutes", s.lang, n=minutes) if minutes else tr("waited_seconds", s.lang, n=int(waited))
        self.line.setText(tr("staff_call_alert", s.lang, age=age))
        self.box.show()
        self._strip_details(False)  # the call has the strip to itself (portrait, large text)
        if not self.timer.isActive():
            self.timer.start()
