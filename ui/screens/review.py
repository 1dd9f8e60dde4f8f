"""Review: everything the member is about to send, personal values masked, then Confirm."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import SessionState
from kiosk.core.texts import PREFILL_MARKS
from kiosk.domain import get_type
from kiosk.domain.fields import FieldSpec
from kiosk.domain.funds import Fund
from ui import form_values
from ui.review_disclosure import reveal_button, reviewed_value
from ui.screens.base import ScreenBase
from ui.screens.menu import member_lines
from ui.strings import pick, tr
from ui.theme import SPACING
from ui.widgets import MessageBox, button, clear_layout, label


def shown_value(spec: FieldSpec, value: object, lang: str, funds: tuple[Fund, ...] = ()) -> str:
    """A clean value as the member sees it: masked when personal, labels for choices (ui/form_values.py)."""
    return form_values.shown_value(spec, value, lang, funds)


ZWSP = "\u200b"  # a place a line may break, invisible


def breakable(text: str, longest: int = 12) -> str:
    """`text` with break chances after @ . / - _ in words longer than `longest` characters: a long
    e-mail address at 200% text is wider than a portrait screen, and a label only wraps where it
    may break. Shorter words (amounts, dates, masked numbers) are left whole."""
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) > longest:
            for ch in "@./-_":
                word = word.replace(ch, ch + ZWSP)
            words[i] = word
    return " ".join(words)


class ReviewScreen(ScreenBase):
    def __init__(self, session: Session, on_confirm: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.hint = label(name="muted")
        self.page.addWidget(self.hint)
        self.card = QFrame()
        self.card.setObjectName("card")
        self.grid = QGridLayout(self.card)
        self.grid.setContentsMargins(40, 28, 40, 28)
        self.grid.setHorizontalSpacing(48)
        self.grid.setVerticalSpacing(18)
        # A long instruction (an employer's members) scrolls; the Confirm button never moves.
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroller.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        # What the rules computed (contributions, the cut-off day, the cap left): seen before
        # confirming, so above the answers, and scrolling with them (an employer's notes for many
        # members are longer than the screen).
        self.notes = MessageBox("notice")
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        column.addWidget(self.notes)
        column.addWidget(self.card)
        column.addStretch(1)
        scroller.setWidget(body)
        self.page.addWidget(scroller, 1)
        self.notice = MessageBox("error")
        self.page.addWidget(self.notice)
        self.saving = label(name="title")
        self.saving.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page.addWidget(self.saving)
        self.confirm_button = button(tr("confirm", "zh_HK"), "primary")
        self.confirm_button.setMinimumWidth(480)
        self.confirm_button.clicked.connect(on_confirm)
        self.add_footer(self.confirm_button)
        self.values: dict[str, str] = {}  # label -> shown text, for tests and screen readers

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(tr("review_title", lang))
        self.hint.setText(tr("review_hint", lang))
        self._clear_grid()
        hidden: dict[int, str] = {}  # row -> its full text, behind a "show" tap (not kept)
        rows: list[tuple[str, str]] = []
        if state.instruction_type is not None:
            itype = get_type(state.instruction_type)
            rows.append((tr("instruction", lang), itype.title(lang)))
            rows.extend((tr(key, lang), value) for key, value in member_lines(state))
            for spec in itype.fields:
                if spec.name in state.form_values:
                    shown, full = reviewed_value(state, spec, lang, self.session.funds)
                    if full is not None:  # a bank number: masked until the member taps "show"
                        hidden[len(rows)] = full
                    source = self.session.prefilled_from(spec.name)  # e.g. copied from iAM Smart, unchanged
                    if source in PREFILL_MARKS:
                        shown = f"{shown}  {pick(PREFILL_MARKS[source], lang)}"
                    rows.append((spec.label(lang), shown))
            notes = [n.message(lang) for n in self.session.notes()]
            self.notes.set_message("\n".join([tr("review_notes", lang) + "：" if lang.startswith("zh") else
                                              tr("review_notes", lang) + ":", *notes]) if notes else None)
        for i, (name, value) in enumerate(rows):
            self.grid.addWidget(label(name, "valueName"), i, 0, Qt.AlignmentFlag.AlignTop)
            shown_label = label(breakable(value), "value")
            self.grid.addWidget(shown_label, i, 1, Qt.AlignmentFlag.AlignTop)
            if i in hidden:
                self.grid.addWidget(reveal_button(shown_label, hidden[i], lang), i, 2, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(1, 1)
        self.values = dict(rows)
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        self.saving.setText(tr("saving", lang) if state.saving else "")
        self.saving.setVisible(state.saving)
        self.confirm_button.setText(tr("saving", lang) if state.saving else tr("confirm", lang))
        self.confirm_button.setEnabled(not state.saving)

    def _clear_grid(self) -> None:
        clear_layout(self.grid)

    def clear(self) -> None:
        self._clear_grid()
        self.values = {}
        self.notice.set_message(None)
        self.notes.set_message(None)
