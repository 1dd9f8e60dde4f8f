"""The attract screen: what the kiosk is, the platform's announcements and the kiosk's state, in
both languages at once (a passer-by has not chosen one yet), a big Start, and the choices that
make the kiosk easier to use: large text, high contrast, read aloud. Those last only for this
member: the wipe after them puts the kiosk back to normal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from kiosk.ports.status import KioskStatus
from ui import icons, theme
from ui.icons import state_icon
from ui.layouts import Footer
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.widgets import button, clear_layout, label

MAX_ANNOUNCEMENTS = 3  # more would push Start off a 1080-line screen


RECEIPT_CHECK = ("查詢或取消指示", "Check or cancel an instruction")


def _both(key: str, chinese: str = "zh_HK", **values: object) -> str:
    """The Chinese (in the script of `chinese`: zh_HK or zh_CN) and the English text, one under the other."""
    zh, en = tr(key, chinese, **values), tr(key, "en", **values)
    return zh if zh == en else f"{zh}\n{en}"


class AttractScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._chinese = "zh_HK"  # the script of the bilingual texts: 简 once a member chose it, else 繁
        self.title.hide()  # the hero titles below are the title, in both languages at once
        self.hero_zh = label(tr("attract_title_zh", "zh_HK"), "hero")
        self.hero_en = label(tr("attract_title_en", "en"), "heroEn")
        self.lead = label(name="muted")
        for w in (self.hero_zh, self.hero_en, self.lead):
            w.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.page.addWidget(w)

        # News and the kiosk's state, side by side (one under the other on a portrait screen);
        # they scroll if large text makes them long, so Start never leaves the screen.
        self.info_host = QWidget()
        self.info = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.info_host)
        self.info.setContentsMargins(0, 0, 0, 0)
        self.info.setSpacing(theme.SPACING)
        self.news = QFrame()
        self.news.setObjectName("card")
        box = QVBoxLayout(self.news)
        box.setContentsMargins(32, 20, 32, 20)
        box.setSpacing(12)
        self.news_title = label(name="fieldLabel")
        box.addWidget(self.news_title)
        self.news_items = QVBoxLayout()
        self.news_items.setSpacing(12)
        box.addLayout(self.news_items)
        box.addStretch(1)
        self.status = QFrame()
        self.status.setObjectName("card")
        sbox = QVBoxLayout(self.status)
        sbox.setContentsMargins(32, 20, 32, 20)
        sbox.setSpacing(12)
        self.status_title = label(_both("status_title"), "fieldLabel")
        sbox.addWidget(self.status_title)
        line = QHBoxLayout()
        self.network_icon = QLabel()
        self.network = label()
        line.addWidget(self.network_icon, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.network, 1)
        sbox.addLayout(line)
        sbox.addStretch(1)
        self.info.addWidget(self.news, 3)
        self.info.addWidget(self.status, 2)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(self.info_host)
        self.page.addWidget(scroller, 1)

        self.start_button = button(tr("start", "zh_HK"), "hero")
        self.start_button.setMinimumWidth(560)
        self.start_button.clicked.connect(self.start)
        self.page.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        # Check or cancel an instruction by its receipt: no identification needed (flows/status.py).
        self.receipt_button = button()
        self.receipt_button.clicked.connect(lambda: self.session.receipt_check_requested())
        self.page.addWidget(self.receipt_button, 0, Qt.AlignmentFlag.AlignHCenter)

        # Chosen here, before Start, for this member only.
        self.large_button = self._toggle(lambda on: self.session.set_accessibility(large_text=on))
        self.contrast_button = self._toggle(lambda on: self.session.set_accessibility(high_contrast=on))
        self.speech_button = self._toggle(lambda on: self.session.set_accessibility(speech=on))
        # In one row when they fit, else stacked (portrait at large text): never cut (ui/layouts.py).
        self.page.addWidget(Footer(None, (self.large_button, self.contrast_button, self.speech_button),
                                   align="centre"))
        self._announcements: list[tuple[str, str]] = []
        self._shown_news: list[tuple[str, str]] | None = None
        self._status: KioskStatus | None = None

    def _toggle(self, on_change: Callable[[bool], None]) -> QPushButton:
        b = button("", "toggle")
        b.setCheckable(True)
        b.clicked.connect(on_change)
        return b

    def start(self) -> None:
        self.session.start()

    def set_announcements(self, items: list[tuple[str, str]]) -> None:
        self._announcements = list(items)

    def set_status(self, status: KioskStatus | None) -> None:
        """The kiosk's state from the once-a-second poll: the network only. How many instructions
        wait to be sent is for staff (the staff desk shows it), not for the public: a passer-by
        reading "2 instructions waiting" learns about other members and doubts their own."""
        self._status = status
        size = theme.active().size(34)
        if status is None or status.online is None:
            key = "status_unknown" if status is None else "checking"
            pixmap = icons.unknown(size, theme.palette().text)
        elif status.online:
            key, pixmap = "online", icons.online(size, theme.palette().on_primary)
        else:
            key, pixmap = "offline", icons.offline(size, theme.palette().text)
        self.network.setText(_both(key, self._chinese))
        self.network_icon.setPixmap(pixmap)
        self.network_icon.setFixedSize(QSize(size, size))

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self._chinese = lang if lang.startswith("zh") else "zh_HK"
        self.lead.setText(tr("attract_lead", lang))
        # At large text the room goes to the news and the big buttons: the member has engaged by
        # then, so the lead line and the title in the other language give way.
        self.lead.setVisible(not state.large_text)
        self.hero_zh.setVisible(not state.large_text or lang.startswith("zh"))
        self.hero_zh.setText(tr("attract_title_zh", self._chinese))
        self.hero_en.setVisible(not state.large_text or not lang.startswith("zh"))
        self.news_title.setText(_both("announcements", self._chinese))
        self.status_title.setText(_both("status_title", self._chinese))
        self.start_button.setText(tr("start", lang))
        self.receipt_button.setText(pick(RECEIPT_CHECK, lang))
        items = [(pick(item, self._chinese), item[1]) for item in self._announcements[:MAX_ANNOUNCEMENTS]] or [
            (tr("no_announcements", self._chinese), tr("no_announcements", "en"))]
        if self._shown_news != items:
            self._shown_news = items
            clear_layout(self.news_items)
            for zh, en in items:
                self.news_items.addWidget(label(f"•  {zh}\n    {en}" if zh != en else f"•  {zh}"))
        for b, key, on in ((self.large_button, "a11y_large_text", state.large_text),
                           (self.contrast_button, "a11y_high_contrast", state.high_contrast),
                           (self.speech_button, "a11y_speech", state.speech)):
            # Both languages for a passer-by; once large text is on there is room for one line only,
            # in the language chosen (the member has engaged with the kiosk by then).
            b.setText(tr(key, lang) if state.large_text else f"{tr(key, self._chinese)}\n{tr(key, 'en')}")
            b.setChecked(on)
            b.setIcon(state_icon("box"))
            size = theme.active().size(36)
            b.setIconSize(QSize(size, size))
        self.set_status(self._status)

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self.info.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    def clear(self) -> None:
        self._shown_news = None
