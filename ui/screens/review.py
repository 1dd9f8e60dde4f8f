"""Review: everything the member is about to send, personal values masked, then Confirm."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

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
from ui.visibility import PagedScroll, mark_essential
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
        # A long instruction (an employer's members, anything at 200% text) scrolls; the Confirm
        # button never moves, and is enabled only once the whole review has been on screen (it
        # fitted, or the member scrolled or tapped "More below" to its end): a member who sees only
        # "Instruction: Change of" cannot have checked what they confirm.
        self.scroller = scroller = PagedScroll()
        scroller.seen_changed.connect(lambda _seen: self._enable_confirm())
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
        self.add_footer(scroller.more_button, self.confirm_button)
        scroller.gated.append(self.confirm_button)
        self._saving = False
        self._content: tuple[object, ...] = ()  # what the rows show: a change means reading again
        self.values: dict[str, str] = {}  # label -> shown text, for tests and screen readers
        self._lang = "zh_HK"
        self._drawn: tuple[object, ...] = ()

    def present(self, state: SessionState) -> None:
        super().present(state)
        lang = state.lang
        self.title.setText(tr("review_title", lang))
        hidden: dict[int, str] = {}  # row -> its full text, behind a "show" tap (not kept)
        rows: list[tuple[str, str]] = []
        terms: dict[str, str] = {}  # label -> the official term of the chosen option
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
                    terms[spec.label(lang)] = form_values.official_terms(spec, state.form_values[spec.name], lang)
            notes = [n.message(lang) for n in self.session.notes()]
            self.notes.set_message("\n".join([tr("review_notes", lang) + "：" if lang.startswith("zh") else
                                              tr("review_notes", lang) + ":", *notes]) if notes else None)
        # Drawn again only when what it shows changed: a redraw for something else (the account
        # arriving, a tick) would empty the page for a moment and count it as read through.
        drawn = (lang, tuple(rows), tuple(sorted(hidden)), tuple(sorted(terms.items())))
        if drawn != self._drawn:
            self._drawn = drawn
            self._draw(rows, hidden, terms, lang)
        self.values = dict(rows)
        # The same instruction again (a language switch, a notice): what was read stays read.
        content = (state.instruction_type, repr(sorted(state.form_values.items())))
        if content != self._content:
            self._content = content
            self.scroller.reset_seen()
            self.scroller.verticalScrollBar().setValue(0)
        self.scroller.retranslate(lang)
        self.notice.set_message(pick(state.notice, lang) if state.notice else None)
        self.saving.setText(tr("saving", lang) if state.saving else "")
        self.saving.setVisible(state.saving)
        self.confirm_button.setText(tr("saving", lang) if state.saving else tr("confirm", lang))
        self._saving = state.saving
        self._lang = lang
        if self.isVisible():
            self.scroller.settle()
        self._enable_confirm()

    def _draw(self, rows: list[tuple[str, str]], hidden: dict[int, str], terms: dict[str, str], lang: str) -> None:
        self._clear_grid()
        for i, (name, value) in enumerate(rows):
            self.grid.addWidget(mark_essential(label(name, "valueName")), i, 0, Qt.AlignmentFlag.AlignTop)
            cell = label(breakable(value), "value")
            term = terms.get(name, "")
            if term:  # the plain words, then the official term in small type
                cell.setTextFormat(Qt.TextFormat.RichText)
                cell.setText(f"{html.escape(breakable(value))}<br><span style='font-size:small; font-weight:normal'>"
                              f"{html.escape(term)}</span>")
            if i in hidden:  # "Show" under the value, not in a column of its own: at large text in
                holder = QWidget()  # portrait a third column pushed the review past the screen's edge
                under = QVBoxLayout(holder)
                under.setContentsMargins(0, 0, 0, 0)
                under.addWidget(mark_essential(cell))
                under.addWidget(reveal_button(cell, hidden[i], lang), 0, Qt.AlignmentFlag.AlignLeft)
                self.grid.addWidget(holder, i, 1, Qt.AlignmentFlag.AlignTop)
            else:
                self.grid.addWidget(mark_essential(cell), i, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(1, 1)

    def _enable_confirm(self) -> None:
        seen = self.scroller.seen_all()
        self.confirm_button.setEnabled(seen and not self._saving)
        hint = tr("review_hint", self._lang)
        self.hint.setText(hint if seen else f"{hint}\n{tr('review_read_all', self._lang)}")

    def read_through(self) -> None:
        """Tap "More below" until the end has been on screen (tests and the screenshot walks do
        what a member does; at most 50 taps)."""
        self.scroller.settle()
        for _ in range(50):
            if self.scroller.seen_all():
                return
            self.scroller.more_button.click()

    def _clear_grid(self) -> None:
        clear_layout(self.grid)

    def clear(self) -> None:
        self._clear_grid()
        self._drawn = ()
        self.values = {}
        self._content = ()
        self.scroller.reset_seen()
        self.notice.set_message(None)
        self.notes.set_message(None)
