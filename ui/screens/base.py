"""What every screen has: a page layout with a title, a footer with Back, render() and clear()."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from ui.layouts import Footer
from ui.strings import tr
from ui.theme import PAGE_MARGIN, SPACING
from ui.widgets import button, label


class ScreenBase(QWidget):
    """A screen presents `Session.state` and forwards the member's input to the Session.

    render() may be called at any time (language switch, a notice arriving) and must not lose
    anything the member typed; clear() forgets everything the member entered on this screen.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("page")
        self.page = QVBoxLayout(self)
        self.page.setContentsMargins(PAGE_MARGIN, 28, PAGE_MARGIN, 28)
        self.page.setSpacing(SPACING)
        self.title = label(name="title")
        self.page.addWidget(self.title)
        self.back_button = button(tr("back", "zh_HK"))
        self.back_button.setMinimumWidth(240)
        self.back_button.clicked.connect(self.session.back)

    def add_footer(self, *right: QPushButton, back: bool = True) -> Footer:
        """Back on the left (where the thumb of a right-handed member rests least), actions right;
        stacked when they do not fit side by side (portrait at large text, ui/layouts.py)."""
        if not back:
            self.back_button.hide()
        for b in right:
            b.setMinimumWidth(max(360, b.minimumWidth()))
        self.footer = Footer(self.back_button if back else None, right)
        self.page.addWidget(self.footer)
        return self.footer

    def present(self, state: SessionState) -> None:
        self.back_button.setText(tr("back", state.lang))
        self.back_button.setEnabled(not state.saving)

    def clear(self) -> None:
        """Forget what the member entered; the next render starts fresh."""
