"""The signed-in member's own account (Screen.ACCOUNT): registered or not, their name, each scheme
account in full (the member signed in: nothing of their own is masked but the mobile number, which
the platform masks), the funds held with a plain name, MPF risk class (explained) and fund expense
ratio, balances, recent contributions, and past instructions with where they are, on the platform
and, for those sent from this kiosk, in its outbox.

Everything is wrapped text in one column that a finger scrolls: at 200% text in portrait nothing
is cut, it is further down. Loading and failure are said in words (state.account_loading,
state.notice). It presents and forwards only: the flows are kiosk/core/flows/sign_in.py (the
account) and kiosk/core/flows/status.py ("Check or cancel").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.core.receipt_check import LOCAL_STATES, PLATFORM_STATES, LocalReceipt
from kiosk.core.session import Session
from kiosk.core.state import Screen, SessionState
from kiosk.domain.account import FundHolding, InstructionStatus, MemberAccount, SchemeAccount
from kiosk.languages import choose
from ui.screens.base import ScreenBase
from ui.strings import pick
from ui.theme import SPACING
from ui.widgets import MessageBox, button, clear_layout, label

# Looks up this kiosk's outbox rows of the signed-in member's instructions (kiosk_ref -> row), or None.
LocalLookup = Callable[[SessionState], Sequence[LocalReceipt]]

T: dict[str, tuple[str, str]] = {
    "title": ("我的強積金帳戶", "My MPF account"),
    "loading": ("正在從積金易平台取得你的帳戶資料……", "Getting your account from the eMPF platform…"),
    "not_registered": ("你尚未在積金易平台登記，所以未有帳戶資料。你可在選單選擇「登記成為成員」。",
                       "You are not registered on the eMPF platform yet, so there is no account to show. "
                       "Choose “Register as a member” on the menu."),
    "as_of": ("資料截至 {as_of}", "Figures as of {as_of}"),
    "total": ("總結餘：HK$ {amount}", "Total balance: HK$ {amount}"),
    "mobile": ("登記手機：{mobile}", "Registered mobile: {mobile}"),
    "account_line": ("{type}  帳戶號碼 {no}", "{type}  account number {no}"),
    "balance": ("結餘 HK$ {amount}", "Balance HK$ {amount}"),
    "fund_line": ("風險級別 {risk}（{level}） · 基金開支比率每年 {fer}% · {units} 單位 · HK$ {balance}",
                  "Risk class {risk} ({level}) · fund expense ratio {fer}% a year · {units} units · HK$ {balance}"),
    "risk_help": ("風險級別由 1 至 7：數字愈大，基金價格過去三年上落愈大。基金開支比率是每年從基金資產扣除的費用。",
                  "Risk class runs from 1 to 7: the higher the number, the more the fund's price has gone up "
                  "and down over the past three years. The fund expense ratio is what the fund takes from its "
                  "assets each year in fees and costs."),
    "contributions": ("最近的供款", "Recent contributions"),
    "contribution_line": ("{period} 供款 · 帳戶 {no} · 僱主 HK$ {employer} · 僱員 HK$ {employee} · {paid_on} 收到",
                          "{period} · account {no} · employer HK$ {employer} · employee HK$ {employee} · "
                          "received {paid_on}"),
    "no_contributions": ("最近沒有供款紀錄。", "No recent contributions."),
    "instructions": ("你的指示", "Your instructions"),
    "no_instructions": ("平台上未有你的指示。", "The platform holds no instructions from you."),
    "instruction_line": ("收據編號 {ref} · {when}", "Receipt {ref} · {when}"),
    "here": ("本服務機：{state}", "This kiosk: {state}"),
    "platform": ("平台：{state}", "Platform: {state}"),
    "check": ("查詢或取消", "Check or cancel"),
    "check_any": ("輸入收據編號查詢", "Check a receipt"),
    "continue_check": ("繼續查詢收據 {ref}", "Continue with receipt {ref}"),
    "to_menu": ("辦理指示", "Give an instruction"),
}

ACCOUNT_TYPES: dict[str, tuple[str, str]] = {
    "CONTRIBUTION": ("供款帳戶（現職）", "Contribution account (current job)"),
    "PERSONAL": ("個人帳戶", "Personal account"),
    "TVC": ("可扣稅自願性供款帳戶", "Tax-deductible voluntary contribution (TVC) account"),
    "SVC": ("特別自願性供款帳戶", "Special voluntary contribution account"),
}

RISK_LEVELS: dict[int, tuple[str, str]] = {
    1: ("最低", "lowest"), 2: ("低", "low"), 3: ("低至中", "low to medium"), 4: ("中", "medium"),
    5: ("中至高", "medium to high"), 6: ("高", "high"), 7: ("最高", "highest"),
}


def say(key: str, lang: str, **values: object) -> str:
    zh, en = T[key]
    text = choose(zh, en, lang)
    return text.format(**values) if values else text


def money(amount: float) -> str:
    return f"{amount:,.2f}"


def fund_line(fund: FundHolding, lang: str) -> str:
    level = RISK_LEVELS.get(fund.risk_class, ("", ""))
    return say("fund_line", lang, risk=fund.risk_class, level=choose(level[0], level[1], lang),
               fer=f"{fund.fund_expense_ratio_pct:.2f}", units=f"{fund.units:,.4f}", balance=money(fund.balance))


def type_name(code: str, lang: str) -> str:
    from kiosk.domain import TYPES

    itype = TYPES.get(code)
    return choose(itype.title_zh, itype.title_en, lang) if itype is not None else code


def instruction_lines(item: InstructionStatus | None, local: LocalReceipt | None, lang: str) -> list[str]:
    """Where one instruction is: on the platform, and in this kiosk's outbox when sent from here."""
    lines = []
    if item is not None:
        lines.append(say("platform", lang, state=pick(PLATFORM_STATES.get(item.status, (item.status, item.status)),
                                                      lang)))
    if local is not None:
        lines.append(say("here", lang, state=pick(LOCAL_STATES.get(local.state, (local.state, local.state)), lang)))
    return lines


class AccountScreen(ScreenBase):
    def __init__(self, session: Session, local_lookup: LocalLookup | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.local_lookup = local_lookup
        self._local: dict[str, LocalReceipt] = {}
        self._looked_up: object = None  # the account the outbox was last asked about
        body = QWidget()
        self.col = QVBoxLayout(body)
        self.col.setContentsMargins(0, 0, 12, 0)
        self.col.setSpacing(SPACING)
        self.notice = MessageBox("error")
        self.col.addWidget(self.notice)
        self.status_box = MessageBox("notice")  # loading; not registered
        self.col.addWidget(self.status_box)
        self.continue_button = button()
        self.continue_button.clicked.connect(self._continue_check)
        self.col.addWidget(self.continue_button)
        self.content = QVBoxLayout()
        self.content.setSpacing(SPACING)
        self.col.addLayout(self.content)
        self.col.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroller.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller.setWidget(body)
        self.scroller = scroller
        self.page.addWidget(scroller, 1)
        self.check_button = button()
        self.check_button.clicked.connect(lambda: self.session.receipt_check_requested())
        self.menu_button = button(role="primary")
        self.menu_button.clicked.connect(self.session.back)  # Back from the account is the menu
        self.add_footer(self.check_button, self.menu_button)
        self.instruction_buttons: dict[str, QPushButton] = {}

    # ------------------------------------------------------------ drawing
    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(say("title", lang))
        self.check_button.setText(say("check_any", lang))
        self.menu_button.setText(say("to_menu", lang))
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        pending = state.receipt_check
        self.continue_button.setVisible(pending is not None and bool(pending.ref))
        if pending is not None:
            self.continue_button.setText(say("continue_check", lang, ref=pending.ref))
        account = state.account
        if state.account_loading:
            self.status_box.set_message(say("loading", lang))
        elif account is not None and not account.registered:
            self.status_box.set_message(say("not_registered", lang))
        else:
            self.status_box.set_message(None)
        self._fill(account if not state.account_loading else None, state)

    def _fill(self, account: MemberAccount | None, state: SessionState) -> None:
        clear_layout(self.content)
        self.instruction_buttons = {}
        if account is None or not account.registered:
            return
        lang = state.lang
        if self.local_lookup is not None and self._looked_up is not account:
            self._looked_up = account
            try:
                self._local = {r.kiosk_ref: r for r in self.local_lookup(state)}
            except Exception:  # the outbox's view is extra: the platform's answer still shows
                self._local = {}
        self._member_card(account, lang)
        for scheme in account.schemes:
            self._scheme_card(scheme, lang)
        self.content.addWidget(label(say("risk_help", lang), name="help"))
        self._contributions(account, lang)
        self._instructions(account, lang)

    def _card(self) -> QVBoxLayout:
        card = QFrame()
        card.setObjectName("card")
        box = QVBoxLayout(card)
        box.setContentsMargins(28, 18, 28, 18)
        box.setSpacing(8)
        self.content.addWidget(card)
        return box

    def _member_card(self, account: MemberAccount, lang: str) -> None:
        box = self._card()
        names = "  ".join(n for n in (account.name_zh, account.name_en) if n)
        box.addWidget(label(names, name="menuHeading"))
        box.addWidget(label(say("total", lang, amount=money(account.balance)), name="fieldLabel"))
        if account.mobile_masked:
            box.addWidget(label(say("mobile", lang, mobile=account.mobile_masked)))
        box.addWidget(label(say("as_of", lang, as_of=account.as_of[:16].replace("T", " ")), name="muted"))

    def _scheme_card(self, scheme: SchemeAccount, lang: str) -> None:
        box = self._card()
        kind = pick(ACCOUNT_TYPES.get(scheme.account_type, (scheme.account_type, scheme.account_type)), lang)
        box.addWidget(label(choose(scheme.scheme_zh, scheme.scheme_en, lang), name="muted"))
        box.addWidget(label(say("account_line", lang, type=kind, no=scheme.account_no), name="menuHeading"))
        box.addWidget(label(say("balance", lang, amount=money(scheme.balance)), name="fieldLabel"))
        for fund in scheme.funds:
            box.addWidget(label(fund.name(lang), name="fieldLabel"))
            box.addWidget(label(fund_line(fund, lang)))

    def _contributions(self, account: MemberAccount, lang: str) -> None:
        self.content.addWidget(label(say("contributions", lang), name="formTitle"))
        box = self._card()
        if not account.contributions:
            box.addWidget(label(say("no_contributions", lang)))
        for c in account.contributions:
            box.addWidget(label(say("contribution_line", lang, period=c.period, no=c.account_no,
                                    employer=money(c.employer), employee=money(c.employee), paid_on=c.paid_on)))

    def _instructions(self, account: MemberAccount, lang: str) -> None:
        self.content.addWidget(label(say("instructions", lang), name="formTitle"))
        listed = {i.kiosk_ref for i in account.instructions}
        waiting = [r for r in self._local.values() if r.kiosk_ref not in listed]  # not at the platform yet
        if not account.instructions and not waiting:
            self.content.addWidget(label(say("no_instructions", lang)))
        for local in waiting:
            self._instruction(local.kiosk_ref, local.type, "", None, local, lang)
        for item in account.instructions:
            self._instruction(item.kiosk_ref, item.type, item.received_at[:16].replace("T", " "), item,
                              self._local.get(item.kiosk_ref), lang)

    def _instruction(self, ref: str, type_code: str, when: str, item: InstructionStatus | None,
                     local: LocalReceipt | None, lang: str) -> None:
        box = self._card()
        box.addWidget(label(type_name(type_code, lang), name="fieldLabel"))
        box.addWidget(label(say("instruction_line", lang, ref=ref, when=when).rstrip(" ·")))
        for line in instruction_lines(item, local, lang):
            box.addWidget(label(line))
        check = button(say("check", lang))
        check.clicked.connect(partial(self.session.receipt_check_requested, ref))
        box.addWidget(check, 0, Qt.AlignmentFlag.AlignLeft)
        self.instruction_buttons[ref] = check

    def _continue_check(self) -> None:
        pending = self.session.state.receipt_check
        if pending is not None and pending.ref and self.session.state.screen is Screen.ACCOUNT:
            self.session.receipt_check_requested(pending.ref)

    def clear(self) -> None:
        self.notice.set_message(None)
        self._local = {}
        self._looked_up = None
        clear_layout(self.content)
