"""The staff dashboard's line for a member who pressed "call staff" (ui/call_staff.py alerts the
shop): who is waiting, masked (kiosk.modes.staff_call), where they are, for how long, and the
button that answers the call."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.core.state import Screen
from ui import icons
from ui.staff.strings import age_text, tr_staff
from ui.widgets import button, label

if TYPE_CHECKING:
    from kiosk.modes.staff_call import WaitingMember


class CallBox(QFrame):
    """On the staff dashboard: who is waiting (masked), where, for how long, and Answer."""

    def __init__(self, on_answer: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBox")  # framed and coloured like a warning: it needs staff now
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(16)
        icon = QLabel()
        icon.setPixmap(icons.warning(36))
        icon.setFixedSize(36, 36)
        self.text = label()
        self.answer_button = button(role="primary")
        self.answer_button.clicked.connect(on_answer)
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.answer_button)
        self.hide()

    def show_waiting(self, waiting: WaitingMember | None, lang: str) -> None:
        if waiting is None:
            self.text.clear()
            self.hide()
            return
        who = waiting.masked_hkid or tr_staff("call_not_identified", lang)
        where = tr_staff(f"call_at_{waiting.screen.value}", lang) if f"call_at_{waiting.screen.value}" in \
            _WHERE else waiting.screen.value
        self.text.setText(tr_staff("call_waiting", lang, who=who, where=where, age=age_text(waiting.waited_s, lang)))
        self.answer_button.setText(tr_staff("call_answer", lang))
        self.show()


_WHERE = {f"call_at_{s.value}" for s in (Screen.IDENTIFY, Screen.MENU, Screen.FORM, Screen.REVIEW, Screen.RECEIPT)}
