"""Menu: who is identified (masked) and one big button per instruction this kiosk takes."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.domain import TYPES, get_type
from kiosk.session import MEMBER_FORMS, Session, SessionState, document_check_text
from ui.masking import mask_name_zh
from ui.screens.base import ScreenBase
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.widgets import button, clear_layout, label


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

        self.buttons: dict[str, QPushButton] = {}
        items = QVBoxLayout()
        items.setSpacing(SPACING)
        for code in MEMBER_FORMS:
            b = button(role="menuItem")
            b.clicked.connect(partial(self.session.choose, code))
            self.buttons[code] = b
            items.addWidget(b)
        self.scan_button = button(role="menuItem")
        self.scan_button.clicked.connect(self.session.scan_requested)
        items.addWidget(self.scan_button)
        self.page.addLayout(items)
        # Types the core knows but this build has no form for: named, not offered as dead buttons,
        # so a member who came for one of them learns it at once instead of tapping in vain.
        self.coming = label(name="muted")
        self.page.addWidget(self.coming)
        self.page.addStretch(1)
        self.add_footer()

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(tr("menu_title", lang))
        clear_layout(self.member_grid)
        for row, (key, value) in enumerate(member_lines(state)):
            self.member_grid.addWidget(label(tr(key, lang), "muted", wrap=False), row, 0)
            self.member_grid.addWidget(label(value, "fieldLabel", wrap=False), row, 1)
        self.member_grid.setColumnStretch(1, 1)
        for code, b in self.buttons.items():
            b.setText(get_type(code).title(lang) + "  ›")
        self.scan_button.setText(tr("scan_open", lang))
        later = [t.title(lang) for code, t in TYPES.items() if code not in MEMBER_FORMS and not t.by_employer]
        self.coming.setText(tr("coming_soon", lang, items=tr("list_sep", lang).join(later)) if later else "")
        self.coming.setVisible(bool(later))

    def clear(self) -> None:
        clear_layout(self.member_grid)
