"""The signed-in member's own account (Screen.ACCOUNT): schemes and account numbers, funds with their
risk class and fees, balances. Shown only to the member signed in; never kept past the session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from kiosk.languages import choose
from ui.screens.base import ScreenBase
from ui.strings import pick
from ui.theme import SPACING
from ui.widgets import MessageBox, clear_layout, label


class AccountScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.notice = MessageBox("error")
        self.page.addWidget(self.notice)
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setSpacing(SPACING // 2)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroller.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller.setWidget(self.body)
        self.page.addWidget(scroller, 1)
        self.add_footer()

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(choose("我的帳戶", "My account", lang))
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        clear_layout(self.rows)
        account = state.account
        if account is None:
            waiting = choose("正在取得你的帳戶資料…", "Fetching your account…", lang)
            self.rows.addWidget(label(waiting if state.account_loading else "", "fieldLabel"))
            self.rows.addStretch(1)
            return
        if not account.registered:
            self.rows.addWidget(label(choose("你尚未在積金易平台登記。", "You are not registered on eMPF yet.", lang),
                                      "fieldLabel"))
        for scheme in account.schemes:
            name = choose(scheme.scheme_zh, scheme.scheme_en, lang)
            heading = f"{name} · {scheme.account_no} · {scheme.balance:,.2f} HKD"
            self.rows.addWidget(label(heading, "fieldLabel"))
            for fund in scheme.funds:
                risk = choose(f"風險級別 {fund.risk_class}/7", f"risk class {fund.risk_class} of 7", lang)
                pct = fund.fund_expense_ratio_pct
                fer = choose(f"基金開支比率 {pct:.2f}%", f"fees (FER) {pct:.2f}%", lang)
                self.rows.addWidget(label(f"{fund.name(lang)}: {fund.balance:,.2f} HKD · {risk} · {fer}", "muted"))
        self.rows.addStretch(1)

    def clear(self) -> None:
        clear_layout(self.rows)
        self.notice.set_message(None)
