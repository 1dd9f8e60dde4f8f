"""Scan: the camera looks for a prepared instruction's QR code, with a live picture and a guide.

The camera (or the demo's pictures) runs only while this screen shows; ui/qr_controller.py starts
and stops it and hands frames to the core's decoder. What was read arrives through the Session.
"""

from __future__ import annotations

from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from ui.layouts import Columns, scrolling
from ui.qr_preview import CameraPreview
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.visibility import bring_into_view, settle_layout
from ui.widgets import MessageBox, button, label

STEPS = ("scan_step1", "scan_step2", "scan_step3")


class ScanScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # The picture beside the steps in landscape, above them in portrait (resizeEvent).
        columns = Columns()
        self.columns = columns
        self.page.addLayout(columns, 1)
        self.preview = CameraPreview()
        columns.addWidget(self.preview, 6)

        side = QFrame()
        side.setObjectName("card")
        right = QVBoxLayout(side)
        right.setContentsMargins(32, 24, 32, 24)
        right.setSpacing(SPACING)
        self.steps = [label(name="fieldLabel") for _ in STEPS]
        for s in self.steps:
            right.addWidget(s)
        self.scanner_hint = label(name="muted")
        right.addWidget(self.scanner_hint)
        right.addStretch(1)
        self.notice = MessageBox("error")
        right.addWidget(self.notice)
        # Demo only: stand-ins for the hand-held and serial scanners (kiosk.qr.demo).
        self.demo_wedge = button(tr("scan_demo_wedge", "zh_HK"))
        self.demo_serial = button(tr("scan_demo_serial", "zh_HK"))
        for b in (self.demo_wedge, self.demo_serial):
            b.hide()
            right.addWidget(b)
        # The steps scroll when they do not fit (200% text); the picture never does.
        columns.addWidget(scrolling(side), 4)
        self.add_footer()
        self._camera_ok = True
        self._lang = "zh_HK"

    def enable_demo(self, on: bool) -> None:
        self.demo_wedge.setVisible(on)
        self.demo_serial.setVisible(on)

    def set_camera_available(self, ok: bool) -> None:
        self._camera_ok = ok
        self._update_message()

    def show_frame(self, image: QImage) -> None:
        self.preview.set_image(image)

    def _update_message(self) -> None:
        self.preview.message = tr("scan_looking" if self._camera_ok else "scan_no_camera", self._lang)
        self.preview.update()

    def present(self, state: SessionState) -> None:
        super().present(state)
        self._lang = lang = state.lang
        self.title.setText(tr("scan_title", lang))
        for n, (key, lab) in enumerate(zip(STEPS, self.steps, strict=True), start=1):
            lab.setText(f"{n}.  {tr(key, lang)}")
        self.scanner_hint.setText(tr("scan_scanner_hint", lang))
        self.demo_wedge.setText(tr("scan_demo_wedge", lang))
        self.demo_serial.setText(tr("scan_demo_serial", lang))
        was_hidden = self.notice.isHidden()
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        self._update_message()
        if was_hidden and not self.notice.isHidden() and self.isVisible():
            # A refused code's reason is under the steps: at 200% text below the fold otherwise.
            settle_layout()
            bring_into_view(self.notice)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.columns.follow(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def clear(self) -> None:
        self.preview.set_image(None)
        self.notice.set_message(None)
