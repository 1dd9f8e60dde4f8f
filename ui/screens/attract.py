"""The attract screen: what the kiosk is, news, and a big Start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.session import Session, SessionState
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.widgets import button, clear_layout, label


class AttractScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title.hide()  # the hero titles below are the title, in both languages at once
        self.page.addStretch(1)
        # Both languages at once: a passer-by has not chosen a language yet.
        self.hero_zh = label(tr("attract_title_zh", "zh_HK"), "hero")
        self.hero_en = label(tr("attract_title_en", "en"), "heroEn")
        self.lead = label(name="muted")
        for w in (self.hero_zh, self.hero_en, self.lead):
            w.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.page.addWidget(w)
        self.page.addSpacing(24)

        self.news = QFrame()
        self.news.setObjectName("card")
        self.news.setFixedWidth(1300)  # wrapped labels need a definite width to lay out their height
        box = QVBoxLayout(self.news)
        box.setContentsMargins(40, 28, 40, 28)
        box.setSpacing(14)
        self.news_title = label(name="fieldLabel")
        box.addWidget(self.news_title)
        self.news_items = QVBoxLayout()
        self.news_items.setSpacing(10)
        box.addLayout(self.news_items)
        self.page.addWidget(self.news, 0, Qt.AlignmentFlag.AlignHCenter)
        self.page.addSpacing(24)

        self.start_button = button(tr("start", "zh_HK"), "hero")
        self.start_button.setMinimumWidth(560)
        self.start_button.clicked.connect(self.start)
        self.page.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.page.addStretch(2)
        self._announcements: list[tuple[str, str]] = []
        self._lang = ""

    def start(self) -> None:
        self.session.start()

    def set_announcements(self, items: list[tuple[str, str]]) -> None:
        self._announcements = list(items)
        self._lang = ""  # force the list to be rebuilt on the next render

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.lead.setText(tr("attract_lead", lang))
        self.news_title.setText(tr("announcements", lang))
        self.start_button.setText(tr("start", lang))
        if lang != self._lang:
            self._lang = lang
            clear_layout(self.news_items)
            texts = [pick(a, lang) for a in self._announcements] or [tr("no_announcements", lang)]
            for text in texts[:4]:  # more would push Start off a 1080-line screen
                self.news_items.addWidget(label("•  " + text))
