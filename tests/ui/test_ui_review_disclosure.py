"""The review shows a signed-in member what they typed, a bank number behind a "Show" tap."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain import Identity, IdentitySource
from tests.support.member import sign_in_by_code
from ui.app import ensure_app
from ui.screens.review import ReviewScreen

CARD = Identity("A123456(3)", name_en="CHAN TAI MAN", date_of_birth="1960-01-01", source=IdentitySource.CARD)
VALUES = {"ground": "EARLY_RETIREMENT", "date_of_birth": "1961-02-02", "payment": "BANK",
          "bank_account": "004-123-456789"}


def review(qtbot: QtBot, signed_in: bool) -> ReviewScreen:
    ensure_app()
    s = Session()
    s.start()
    s.identified(CARD)
    if signed_in:
        sign_in_by_code(s)
    s.state = replace(s.state, screen=Screen.REVIEW, instruction_type="WITHDRAWAL_CLAIM", form_values=VALUES)
    page = ReviewScreen(s, lambda: None)
    qtbot.addWidget(page)
    page.present(s.state)
    return page


def test_signed_in_typed_values_in_full_and_the_bank_number_on_a_tap(qtbot: QtBot) -> None:
    page = review(qtbot, signed_in=True)
    shown = " ".join(page.values.values())
    assert "1961-02-02" in shown and "***-***-***789" in shown and "004-123-456789" not in shown
    show = [b for b in page.findChildren(QPushButton) if b.text() == "顯示"]
    assert len(show) == 1
    show[0].click()
    texts = [w.text() for w in page.card.findChildren(type(page.hint))]
    assert "004-123-456789" in " ".join(texts).replace("\u200b", "")
    show[0].click()
    texts = [w.text() for w in page.card.findChildren(type(page.hint))]
    assert "004-123-456789" not in " ".join(texts).replace("\u200b", "")


def test_not_signed_in_everything_personal_masked_and_no_show(qtbot: QtBot) -> None:
    page = review(qtbot, signed_in=False)
    shown = " ".join(page.values.values())
    assert "1961-02-02" not in shown and "004-123-456789" not in shown
    assert not [b for b in page.findChildren(QPushButton) if b.text() == "顯示"]
