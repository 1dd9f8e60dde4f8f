"""The staff dashboard: kiosk health at a glance, instructions by state with counts and ages,
rejected instructions with the platform's reason (members masked), amend, void with a reason, and
sync now. It only presents what kiosk.modes.dashboard.StaffOperations returns and forwards taps."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.doctor import HealthItem
from kiosk.domain import get_type
from kiosk.modes.void_request import VoidRequest
from kiosk.ports import OutboxState
from kiosk.ports.staff_queue import RejectedItem, StateSummary
from ui.layouts import Columns, scrolling
from ui.staff.call_box import CallBox
from ui.staff.strings import age_text, tr_staff
from ui.staff.void_panel import VoidPanel
from ui.strings import pick
from ui.theme import SPACING
from ui.widgets import MessageBox, button, clear_layout, label

TILES = ("reader", "scanner", "camera", "network", "disk", "queue")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1  # a Han character: two letters wide


def short_detail(text: str, limit: int = 60) -> str:
    """A health tile's detail in at most `limit` letters' width, cut at a word with "…" (a word cut
    in the middle, "scanner sh", reads as a typo); the technician's doctor page goes into detail.
    Chinese characters count two, and Chinese is cut at a comma, colon or bracket."""
    if sum(map(_width, text)) <= limit:
        return text
    used, end = 0, 0
    while used + _width(text[end]) <= limit - 1:  # room for "…"; the whole text is wider than that
        used += _width(text[end])
        end += 1
    head = text[:end]
    if _HAN.search(head):
        cut = max(head.rfind(mark) for mark in "，；：（、")
        return (head[:cut] if cut > 0 else head).rstrip("，；：（、 ") + "…"
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:(") + "…"


def _type_title(code: str, lang: str) -> str:
    try:
        return get_type(code).title(lang)
    except Exception:  # an instruction type this build no longer knows still shows, by its code
        return code


class DashboardPage(QWidget):
    def __init__(self, on_sync: Callable[[], None], on_amend: Callable[[str], None],
                 on_void: Callable[[VoidRequest], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_amend = on_amend
        self._lang = "zh_HK"
        self._amend_allowed: Callable[[str], bool] = lambda t: True
        self._member_busy = False
        # Everything scrolls as one when the window is too short for it (a member's call on top,
        # large text): squeezed, the queue's lines and the tiles' details would be cut.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        outer.addWidget(scrolling(content))
        col = QVBoxLayout(content)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(SPACING)

        self.call_box = CallBox(lambda: None)  # a member waiting for staff; the panel connects Answer
        col.addWidget(self.call_box)
        # The kiosk's health: title and tiles, set aside while a void is asked for (room for its reasons).
        self.health_box = QWidget()
        health = QVBoxLayout(self.health_box)
        health.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.health_box)
        self.health_title = label(name="fieldLabel")
        health.addWidget(self.health_title)
        # Six tiles in a row on a landscape screen; three by two on a portrait one, where six in a
        # row wrapped their details into tall narrow columns (see resizeEvent).
        tiles = QGridLayout()
        tiles.setSpacing(SPACING // 2)
        self._tile_grid = tiles
        self._tile_columns = 0
        self.tiles: dict[str, tuple[QFrame, QLabel, QLabel, QLabel]] = {}
        for key in TILES:
            frame = QFrame()
            frame.setObjectName("card")
            box = QVBoxLayout(frame)
            name, status, detail = label(name="fieldLabel"), label(), label(name="muted")
            for w in (name, status, detail):
                box.addWidget(w)
            self.tiles[key] = (frame, name, status, detail)
        self._place_tiles(len(TILES))
        health.addLayout(tiles)

        # The queue beside the rejected instructions in landscape, above them in portrait (where
        # side by side the rejected column was too narrow for the void reasons).
        middle = Columns(SPACING * 2)
        self.middle = middle
        queue_col = QVBoxLayout()
        self.queue_title = label(name="fieldLabel")
        queue_col.addWidget(self.queue_title)
        self.queue_lines = QVBoxLayout()
        queue_col.addLayout(self.queue_lines)
        self.sync_button = button(role="primary")
        self.sync_button.clicked.connect(on_sync)
        queue_col.addWidget(self.sync_button)
        self.sync_result = label(name="muted")
        queue_col.addWidget(self.sync_result)
        queue_col.addStretch(1)
        middle.addLayout(queue_col, 1)

        rejected_col = QVBoxLayout()
        self.rejected_title = label(name="fieldLabel")
        rejected_col.addWidget(self.rejected_title)
        self.notice = MessageBox("notice")
        rejected_col.addWidget(self.notice)
        # The void panel and the rejected rows scroll together, and the rows step aside while a
        # void is asked for: its reasons get the column's whole height (squeezed into what was
        # left under the rows, they would be drawn over one another).
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller = scroller
        host = QWidget()
        inner = QVBoxLayout(host)
        inner.setContentsMargins(0, 0, 0, 0)
        self.void_panel = VoidPanel(self._voided)
        self._on_void = on_void
        inner.addWidget(self.void_panel)
        self.rows_box = QWidget()
        self.rejected_rows = QVBoxLayout(self.rows_box)
        self.rejected_rows.setContentsMargins(0, 0, 0, 0)
        self.rejected_rows.setSpacing(SPACING // 2)
        inner.addWidget(self.rows_box, 1)
        inner.addStretch(0)  # while the rows step aside, the spare height goes here
        self.void_panel.closed.connect(self._void_closed)
        scroller.setWidget(host)
        rejected_col.addWidget(scroller, 1)
        middle.addLayout(rejected_col, 2)
        col.addLayout(middle, 1)
        self.amend_buttons: dict[str, QPushButton] = {}
        self.void_row_buttons: dict[str, QPushButton] = {}

    # ------------------------------------------------------------ presenting

    def _place_tiles(self, columns: int) -> None:
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for frame, *_ in self.tiles.values():
            self._tile_grid.removeWidget(frame)
        for i, (frame, *_) in enumerate(self.tiles.values()):
            self._tile_grid.addWidget(frame, i // columns, i % columns)
        for c in range(len(self.tiles)):
            self._tile_grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        window = self.window()
        self.middle.follow(window.width(), window.height())
        self._place_tiles(len(self.tiles) // 2 if window.height() > window.width() else len(self.tiles))
        super().resizeEvent(event)
    def show_health(self, items: list[HealthItem]) -> None:
        for item in items:
            if item.key not in self.tiles:
                continue
            _, _, status, detail = self.tiles[item.key]
            if item.key == "network":
                status.setText(tr_staff(f"net_{item.detail}" if item.detail in _NET else "status_info", self._lang))
                detail.setText(tr_staff(f"status_{item.status.value}", self._lang) if item.status.value != "info"
                               else "")
                continue
            status.setText(tr_staff(f"status_{item.status.value}", self._lang))
            detail.setText(short_detail(item.text(self._lang)))  # the doctor's words, in the panel's language

    def show_queue(self, summary: list[StateSummary]) -> None:
        clear_layout(self.queue_lines)
        if not summary:
            self.queue_lines.addWidget(label(tr_staff("queue_empty", self._lang)))
        for s in summary:
            state = tr_staff(f"state_{s.state}", self._lang) if f"state_{s.state}" in _STATE_KEYS else s.state
            self.queue_lines.addWidget(label(tr_staff("queue_line", self._lang, state=state, n=s.count,
                                                      age=age_text(s.oldest_age_s, self._lang))))

    def show_rejected(self, items: list[RejectedItem], amend_allowed: Callable[[str], bool], member_busy: bool) -> None:
        self._amend_allowed = amend_allowed
        self._member_busy = member_busy
        clear_layout(self.rejected_rows)
        self.amend_buttons = {}
        self.void_row_buttons = {}
        if not items:
            self.rejected_rows.addWidget(label(tr_staff("rejected_none", self._lang), "muted"))
        for item in items:
            frame = QFrame()
            frame.setObjectName("card")
            box = QVBoxLayout(frame)
            box.addWidget(label(tr_staff("rejected_line", self._lang, ref=item.kiosk_ref,
                                         type=_type_title(item.type, self._lang),
                                         age=age_text(item.age_s, self._lang), hkid=item.member_hkid,
                                         name=item.member_name)))
            reason = pick((item.reason_zh or item.reason_code, item.reason_en or item.reason_code), self._lang)
            box.addWidget(label(tr_staff("reason", self._lang, reason=reason), "muted"))
            actions = QHBoxLayout()
            actions.addStretch(1)
            amend = button(tr_staff("amend", self._lang), "primary")
            amend.setEnabled(amend_allowed(item.type) and not member_busy)
            amend.clicked.connect(lambda _=False, ref=item.kiosk_ref: self._on_amend(ref))
            void = button(tr_staff("void", self._lang))
            void.clicked.connect(lambda _=False, ref=item.kiosk_ref: self._ask_void(ref))
            actions.addWidget(void)
            actions.addWidget(amend)
            box.addLayout(actions)
            self.rejected_rows.addWidget(frame)
            self.amend_buttons[item.kiosk_ref] = amend
            self.void_row_buttons[item.kiosk_ref] = void
        self.rejected_rows.addStretch(1)
        self.notice.set_message(tr_staff("amend_busy", self._lang) if member_busy and items else None)

    def show_sync_result(self, text: str) -> None:
        self.sync_result.setText(text)
        self.sync_button.setEnabled(True)

    def syncing(self) -> None:
        self.sync_button.setEnabled(False)
        self.sync_result.setText(tr_staff("checking", self._lang))

    def _ask_void(self, ref: str) -> None:
        self.rows_box.hide()
        self.health_box.hide()
        self.void_panel.ask(ref)
        self.scroller.verticalScrollBar().setValue(0)

    def _void_closed(self) -> None:
        self.rows_box.show()
        self.health_box.show()

    def _voided(self, request: VoidRequest) -> None:
        self._void_closed()
        self._on_void(request)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        self.health_title.setText(tr_staff("health", lang))
        for key, (_, name, _, _) in self.tiles.items():
            name.setText(tr_staff(f"tile_{key}", lang))
        self.queue_title.setText(tr_staff("queue_title", lang))
        self.sync_button.setText(tr_staff("sync_now", lang))
        self.rejected_title.setText(tr_staff("rejected_title", lang))
        self.void_panel.retranslate(lang)


_NET = ("online", "offline", "checking")
_STATE_KEYS = {f"state_{s.value}" for s in OutboxState}
