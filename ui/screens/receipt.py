"""Receipt: the kiosk reference, big, and a QR code that carries only that reference."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.next_steps import next_steps
from kiosk.core.session import Session
from kiosk.core.state import SessionState
from kiosk.ports import OutboxState
from ui import icons
from ui.layouts import Columns, scrolling
from ui.qr import payload, qr_image
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.widgets import button, label

QR_PX = 440
# kiosk.ports.OutboxState values -> what the member is told.
DELIVERY = {s.value: f"delivery_{s.value}" for s in (OutboxState.QUEUED, OutboxState.SENDING,
                                                    OutboxState.ACCEPTED, OutboxState.REJECTED)}


class ReceiptScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # A tick beside the title: the good news must not rest on the title's wording alone.
        self.page.removeWidget(self.title)
        title_row = QHBoxLayout()
        title_row.setSpacing(20)
        tick = QLabel()
        tick.setPixmap(icons.online(56, "#FFFFFF"))
        tick.setFixedSize(56, 56)
        title_row.addWidget(tick)
        title_row.addWidget(self.title, 1)
        self.page.insertLayout(0, title_row)

        # The reference beside its QR code in landscape, above it in portrait (resizeEvent); in a
        # scroll area, as at 200% text the two can be taller than the screen.
        columns = Columns(SPACING * 3)
        self.columns = columns
        left = QVBoxLayout()
        left.setSpacing(SPACING)
        self.ref_caption = label(name="muted")
        self.reference = label(name="reference", wrap=False)
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.delivery = label(name="fieldLabel")
        self.note = label()
        self.closing = label(name="muted")
        left.addStretch(1)
        left.addWidget(self.ref_caption)
        left.addWidget(self.reference, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.delivery)
        left.addWidget(self.note)
        self.next_steps = label()  # what happens next for this type, and the hotline
        left.addWidget(self.next_steps)
        left.addWidget(self.closing)
        left.addStretch(1)
        columns.addLayout(left, 1)

        qr_card = QFrame()
        qr_card.setObjectName("card")
        right = QVBoxLayout(qr_card)
        right.setContentsMargins(24, 24, 24, 24)
        self.qr = QLabel()
        self.qr.setFixedSize(QR_PX, QR_PX)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = label(name="muted")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.qr_caption)
        columns.addWidget(qr_card, 0, Qt.AlignmentFlag.AlignCenter)
        # Portrait: the reference and its QR code together at the top, the spare height below them
        # (not split around the text, which left it floating mid-screen). See resizeEvent.
        columns.addStretch(0)
        body = QWidget()
        body.setLayout(columns)
        self.page.addWidget(scrolling(body), 1)

        self.done_button = button(tr("done", "zh_HK"), "primary")
        self.done_button.clicked.connect(self.session.wipe)
        # The printout (ui/receipt_printing.py runs it): a button, and one line above the footer,
        # outside the scroll area, so what the printer did is seen without scrolling.
        self.print_button = button(tr("print_receipt", "zh_HK"))
        self.print_button.hide()
        self.print_status = label(name="okText")
        self.print_status.hide()
        self.page.addWidget(self.print_status)
        self._print_key: str | None = None
        # No Back here: the instruction is already saved, so Back could only mean "finish", which
        # is what Done says; one exit is one decision.
        self.add_footer(self.print_button, self.done_button, back=False)
        self._qr_for = ""
        self._delivery = OutboxState.QUEUED.value

    def set_delivery(self, state: str, lang: str) -> None:
        """The outbox state of this receipt's instruction, as the sync worker moves it along."""
        self._delivery = state
        self.delivery.setText(tr(DELIVERY.get(state, "delivery_queued"), lang))

    def show_printing(self, key: str | None, *, can_print: bool, lang: str, again: bool = False,
                      problem: bool = False) -> None:
        """The printout's state line (`key` in ui/strings.py, None: nothing yet) and the Print button.
        A problem is shown as one, and the closing countdown is hidden: the screen stays."""
        self._print_key = key
        self.print_button.setVisible(can_print or key == "printing")
        self.print_button.setEnabled(can_print)
        self.print_button.setText(tr("print_again" if again else "print_receipt", lang))
        self.print_status.setObjectName("fieldError" if problem else "okText")
        self.print_status.style().polish(self.print_status)
        self.print_status.setText(tr(key, lang) if key else "")
        self.print_status.setVisible(key is not None)
        self.closing.setVisible(not problem and key != "printing")

    def set_countdown(self, seconds: int, lang: str) -> None:
        self._closing_in: int | None = seconds  # kept so a language switch between ticks retranslates it
        self.closing.setText(tr("receipt_closing", lang, n=seconds))

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(tr("receipt_title", lang))
        self.ref_caption.setText(tr("receipt_ref", lang))
        self.note.setText(tr("receipt_keep", lang))
        self.next_steps.setText(pick(next_steps(state.instruction_type), lang))
        self.delivery.setText(tr(DELIVERY.get(self._delivery, "delivery_queued"), lang))
        self.qr_caption.setText(tr("receipt_qr", lang))
        self.done_button.setText(tr("done", lang))
        self.print_button.setText(tr("print_again" if self._print_key not in (None, "printing") else "print_receipt",
                                     lang))
        if self._print_key:
            self.print_status.setText(tr(self._print_key, lang))
        if getattr(self, "_closing_in", None) is not None:
            self.closing.setText(tr("receipt_closing", lang, n=self._closing_in))
        ref = state.receipt.kiosk_ref if state.receipt else ""
        self.reference.setText(ref)
        if ref != self._qr_for:
            self._qr_for = ref
            if ref:
                image = qr_image(payload(ref))
                self.qr.setPixmap(QPixmap.fromImage(image).scaled(
                    QR_PX, QR_PX, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation))
            else:
                self.qr.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.columns.follow(event.size().width(), event.size().height())
        portrait = self.columns.portrait
        self.columns.setStretch(0, 0 if portrait else 1)
        self.columns.setStretch(2, 1 if portrait else 0)
        super().resizeEvent(event)

    def clear(self) -> None:
        self.reference.clear()
        self.qr.clear()
        self._qr_for = ""
        self.closing.clear()
        self._closing_in = None
        self._delivery = OutboxState.QUEUED.value
        self._print_key = None
        self.print_status.clear()
        self.print_status.hide()
        self.closing.show()
