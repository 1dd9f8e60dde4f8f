"""iAM Smart: the platform's QR code for the member's iAM Smart app, a visible countdown, cancel.

The Session holds the state (kiosk.core.state.IamSmartView); ui/qr_controller.py runs the login thread
(kiosk.iamsmart) and ticks the countdown. A code that has expired or been declined is taken off the
screen at once, so nobody scans a dead code.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from ui.layouts import Columns, scrolling
from ui.qr import qr_image
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import PALETTE, SPACING
from ui.widgets import MessageBox, button, label

QR_PX = 460
STEPS = ("iamsmart_step1", "iamsmart_step2", "iamsmart_step3")
LIVE_PHASES = ("waiting", "scanned")


class IamSmartScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # The steps beside the code in landscape, the code above them in portrait (resizeEvent).
        columns = Columns(SPACING * 3)
        self.columns = columns
        self.page.addLayout(columns, 1)

        steps_host = QWidget()
        left = QVBoxLayout(steps_host)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(SPACING)
        self.steps = [label(name="fieldLabel") for _ in STEPS]
        for s in self.steps:
            left.addWidget(s)
        self.status = label(name="reading")
        left.addWidget(self.status)
        self.countdown = label(name="muted")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(14)
        self.bar.setStyleSheet(f"QProgressBar {{ background: {PALETTE.secondary}; border: none; border-radius: 7px; }}"
                               f"QProgressBar::chunk {{ background: {PALETTE.primary}; border-radius: 7px; }}")
        left.addWidget(self.countdown)
        left.addWidget(self.bar)
        self.notice = MessageBox("error")
        left.addWidget(self.notice)
        left.addStretch(1)
        self.demo_row = QHBoxLayout()
        self.demo_row.setSpacing(SPACING)
        left.addLayout(self.demo_row)
        # The steps scroll when they do not fit (200% text); the code never moves.
        self.steps_area = scrolling(steps_host)
        columns.addWidget(self.steps_area, 5)

        qr_card = QFrame()
        qr_card.setObjectName("card")
        right = QVBoxLayout(qr_card)
        right.setContentsMargins(24, 24, 24, 24)
        self.qr = QLabel()
        self.qr.setFixedSize(QR_PX, QR_PX)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setWordWrap(True)
        self.qr.setObjectName("muted")
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.qr_card = qr_card
        columns.addWidget(qr_card, 0, Qt.AlignmentFlag.AlignCenter)

        self.retry_button = button(tr("iamsmart_retry", "zh_HK"), "primary")
        self.retry_button.clicked.connect(self.session.iamsmart_retry)
        # After iAM Smart vouched for another HKID number (phase "mismatch"): the two ways on.
        self.ask_staff_button = button(tr("reg_id_staff", "zh_HK"))
        self.ask_staff_button.clicked.connect(self.session.iamsmart_ask_staff)
        self.start_again_button = button(tr("iamsmart_start_again", "zh_HK"), "primary")
        self.start_again_button.clicked.connect(self.session.iamsmart_start_again)
        for b in (self.ask_staff_button, self.start_again_button):
            b.hide()
        self.add_footer(self.ask_staff_button, self.start_again_button, self.retry_button)
        self._qr_for = ""
        self._total_s = 0.0
        self.demo_approve = button(tr("iamsmart_demo_approve", "zh_HK"))
        self.demo_deny = button(tr("iamsmart_demo_deny", "zh_HK"))
        for b in (self.demo_approve, self.demo_deny):
            b.hide()
            self.demo_row.addWidget(b)

    def enable_demo(self, on: bool) -> None:
        self.demo_approve.setVisible(on)
        self.demo_deny.setVisible(on)

    def set_countdown(self, seconds_left: float, lang: str) -> None:
        view = self.session.state.iamsmart
        live = view is not None and view.phase in LIVE_PHASES
        self.countdown.setVisible(live)
        self.bar.setVisible(live)
        if not live:
            return
        whole = max(0, math.ceil(seconds_left))
        self.countdown.setText(tr("iamsmart_valid_for", lang, m=whole // 60, s=whole % 60))
        self._total_s = max(self._total_s, seconds_left)
        self.bar.setRange(0, max(1, int(self._total_s)))
        self.bar.setValue(whole)

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        view = state.iamsmart
        phase = view.phase if view is not None else "starting"
        self.title.setText(tr("iamsmart_title", lang))
        for n, (key, lab) in enumerate(zip(STEPS, self.steps, strict=True), start=1):
            lab.setText(f"{n}.  {tr(key, lang)}")
        status = {"starting": "iamsmart_starting", "waiting": "iamsmart_waiting", "scanned": "iamsmart_scanned"}
        self.status.setText(tr(status[phase], lang) if phase in status else "")
        self.status.setVisible(phase in status)
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        mismatch = phase == "mismatch"
        self.back_button.setText(tr("back" if mismatch else "iamsmart_cancel", lang))
        self.retry_button.setText(tr("iamsmart_retry", lang))
        self.retry_button.setVisible(phase in ("denied", "expired", "unavailable"))
        self.ask_staff_button.setText(tr("reg_id_staff", lang))
        self.start_again_button.setText(tr("iamsmart_start_again", lang))
        self.ask_staff_button.setVisible(mismatch)
        self.start_again_button.setVisible(mismatch)
        # Nothing to scan any more: the steps and the empty code would push the message below the fold.
        for lab in self.steps:
            lab.setVisible(not mismatch)
        self.qr_card.setVisible(not mismatch)
        self.demo_approve.setText(tr("iamsmart_demo_approve", lang))
        self.demo_deny.setText(tr("iamsmart_demo_deny", lang))
        for b in (self.demo_approve, self.demo_deny):
            b.setEnabled(phase in LIVE_PHASES)
        qr = view.qr if view is not None and phase in LIVE_PHASES else ""
        if qr != self._qr_for:
            self._qr_for = qr
            self._total_s = 0.0
            if qr:
                self.qr.setPixmap(QPixmap.fromImage(qr_image(qr)).scaled(
                    QR_PX, QR_PX, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation))
        if not qr:
            # No code on screen: say why in its place (an empty white square looks broken).
            self.qr.setText(tr("iamsmart_starting" if phase == "starting" else "iamsmart_no_code", lang))
        self.set_countdown(self.session.iamsmart_seconds_left(), lang)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.columns.follow(event.size().width(), event.size().height()):
            # In portrait the code comes first: it is what the member must point the phone at.
            self.columns.removeWidget(self.qr_card)
            self.columns.insertWidget(0 if self.columns.portrait else 1, self.qr_card, 0,
                                      Qt.AlignmentFlag.AlignCenter)
        super().resizeEvent(event)

    def clear(self) -> None:
        self.qr.clear()
        self._qr_for = ""
        self._total_s = 0.0
        self.notice.set_message(None)
