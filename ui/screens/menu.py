"""Menu: who is identified (masked) and one big button per instruction this kiosk takes.

A member's own instructions first; an employer's three behind one "For employers" button, so the
first screen stays one decision among a few (the employer list replaces it, and Back returns)."""

from __future__ import annotations

from functools import partial

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QScrollArea, QScroller, QWidget

from kiosk.core.flows.registration import may_register
from kiosk.core.session import Session
from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS, REGISTRATION, SessionState
from kiosk.core.texts import document_check_text
from kiosk.domain import TYPES, get_type
from ui.masking import mask_name_zh
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.widgets import MenuButton, clear_layout, label


def member_lines(state: SessionState) -> list[tuple[str, str]]:
    """(label key, masked value) rows describing the member; never the full HKID beside a name."""
    ident = state.identity
    if ident is None:
        return []
    rows = [("hkid_label", ident.masked_hkid)]
    names = [n for n in (ident.masked_name_en, mask_name_zh(ident.name_zh) if ident.name_zh else "") if n]
    if names:
        rows.append(("name_label", "  ".join(names)))
    verdict = document_check_text(ident)
    if verdict is not None:  # read from a passport chip: genuine, or why it could not be verified
        rows.append(("document_label", pick(verdict, state.lang)))
    return rows


class MenuScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.member_card = QFrame()
        self.member_card.setObjectName("card")
        self.member_grid = QGridLayout(self.member_card)
        self.member_grid.setContentsMargins(32, 20, 32, 20)
        self.member_grid.setHorizontalSpacing(32)
        self.member_grid.setVerticalSpacing(8)
        self.page.addWidget(self.member_card)

        self.buttons: dict[str, MenuButton] = {}
        self._employer = False  # showing the employer's instructions
        for code in (*MEMBER_FORMS, *EMPLOYER_FORMS):
            b = MenuButton()
            b.clicked.connect(partial(self.session.choose, code))
            self.buttons[code] = b
        self.scan_button = MenuButton()
        self.scan_button.clicked.connect(self.session.scan_requested)
        self.employer_button = MenuButton()
        self.employer_button.clicked.connect(lambda: self._show_employer(True))
        # Sign in, or (signed in) the member's own account: first, where the eye lands.
        self.account_button = MenuButton()
        self.account_button.clicked.connect(self.session.account_requested)
        self.items_host = QWidget()
        self.items = QGridLayout(self.items_host)
        self.items.setContentsMargins(0, 0, 12, 0)
        self.items.setHorizontalSpacing(SPACING)
        self.items.setVerticalSpacing(SPACING * 2 // 3)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroller.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller.setWidget(self.items_host)
        self.page.addWidget(scroller, 1)
        self._columns = 2
        # Back from the employer list returns to the member's list, not to identifying again.
        self.back_button.clicked.disconnect()
        self.back_button.clicked.connect(self._back)
        # Types the core knows but this build has no form for: named, not offered as dead buttons,
        # so a member who came for one of them learns it at once instead of tapping in vain.
        self.coming = label(name="muted")
        self.page.addWidget(self.coming)
        self.add_footer()
        self._lay_out()

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(tr("menu_title", lang))
        clear_layout(self.member_grid)
        for row, (key, value) in enumerate(member_lines(state)):
            self.member_grid.addWidget(label(tr(key, lang), "muted", wrap=False), row, 0)
            self.member_grid.addWidget(label(value, "fieldLabel"), row, 1)  # wraps: a verdict can be long
        self.member_grid.setColumnStretch(1, 1)
        self.title.setText(tr("employer_menu_title" if self._employer else "menu_title", lang))
        for code, b in self.buttons.items():
            t = get_type(code)
            summary = t.summary(lang)
            if code == REGISTRATION and not may_register(state.identity):
                # Said before the tap: a typed or merely read HKID needs iAM Smart or staff to register.
                summary += "\n" + tr("reg_id_menu_hint", lang)
            elif self.session.needs_sign_in(code):
                summary += "\n" + tr("menu_needs_sign_in", lang)  # said before the tap, as registration's
            b.set_texts(t.title(lang), summary)
        if state.signed_in:
            self.account_button.set_texts(tr("menu_account", lang), tr("menu_account_summary", lang))
        else:
            self.account_button.set_texts(tr("menu_sign_in", lang), tr("menu_sign_in_summary", lang))
        self.scan_button.set_texts(tr("scan_open", lang), tr("scan_open_summary", lang))
        self.employer_button.set_texts(tr("employer_menu", lang), tr("employer_menu_summary", lang))
        offered = {*MEMBER_FORMS, *EMPLOYER_FORMS}
        later = [t.title(lang) for code, t in TYPES.items() if code not in offered]
        self.coming.setText(tr("coming_soon", lang, items=tr("list_sep", lang).join(later)) if later else "")
        self.coming.setVisible(bool(later))

    def _shown_buttons(self) -> list[QPushButton]:
        if self._employer:
            return [self.buttons[c] for c in EMPLOYER_FORMS]
        return [self.account_button, *(self.buttons[c] for c in MEMBER_FORMS), self.scan_button,
                self.employer_button]

    def _lay_out(self) -> None:
        while self.items.count():
            item = self.items.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
            if item is not None:
                shiboken6.delete(item)  # the item, not the button: takeAt leaves deleting it to us
        for i, b in enumerate(self._shown_buttons()):
            self.items.addWidget(b, i // self._columns, i % self._columns)
            b.show()
        self.items.setRowStretch(self.items.rowCount(), 1)

    def _show_employer(self, on: bool) -> None:
        self.session.touch()
        self._employer = on
        self._lay_out()
        self.present(self.session.state)

    def _back(self) -> None:
        if self._employer:
            self._show_employer(False)
        else:
            self.session.back()

    def showEvent(self, event: QShowEvent) -> None:
        # Texts set while the page was hidden (a new member, large text) changed the buttons'
        # heights without telling the grid: it would keep the old row heights and draw the buttons
        # over one another. Fit them and lay the grid out again as the page shows.
        super().showEvent(event)
        for b in self._shown_buttons():
            if isinstance(b, MenuButton):
                b.fit_height()
        self.items.invalidate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Two columns on a landscape screen, one on a portrait one (long English titles wrap less).
        columns = 1 if event.size().height() > event.size().width() else 2
        if columns != self._columns:
            self._columns = columns
            self._lay_out()
        super().resizeEvent(event)

    def clear(self) -> None:
        clear_layout(self.member_grid)
        if self._employer:
            self._employer = False
            self._lay_out()
