"""At 200% text on a portrait kiosk what matters stays in sight: the review's Confirm waits until
all of the review has been on screen, an error below the fold scrolls into view and takes the
focus, the identify keypad shows whole, the question counter follows answers that add questions,
and the public screens say nothing about the queue. Offscreen, real widgets, fake services."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from devtools.form_driver import open_form, walk_form
from devtools.layout_check import problems
from devtools.shots import settle_layout
from kiosk.core.state import Screen
from kiosk.domain.examples import example
from tests.support.ui import open_window, sign_in_with_code, type_hkid_and_continue, visible_texts
from ui.main_window import MainWindow
from ui.pads import Keyboard, NumPad
from ui.visibility import PagedScroll
from ui.widgets import FieldError, button, label

NOW = dt.datetime(2026, 11, 26, 10, 0)
PORTRAIT = (1080, 1920)


@contextmanager
def large_portrait(qtbot: QtBot, tmp_path: Path, lang: str) -> Iterator[MainWindow]:
    """A window in portrait at large text, in `lang`, on the menu."""
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.session.now = lambda: NOW
        w.resize(*PORTRAIT)
        w.session.set_language(lang)
        w.session.set_accessibility(large_text=True)
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        assert w.session.state.screen is Screen.MENU
        settle_layout()
        yield w


def _in_view(widget: QWidget, area: QScrollArea) -> bool:
    viewport = area.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= viewport.height()


def _hidden_problems(w: QWidget) -> list[str]:
    return [p for p in problems(w) if "visible part of its scroll area" in p or "before all of its page" in p]


@pytest.mark.parametrize("lang", ["zh_HK", "en"])
def test_review_confirm_waits_until_the_whole_review_was_on_screen(lang: str, qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    with large_portrait(qtbot, tmp_path, lang) as w:
        open_form(w, "FUND_SWITCH")
        assert walk_form(w.form, example("FUND_SWITCH", NOW.date()))
        settle_layout()
        review, area = w.review, w.review.scroller
        rows = [lab for lab in review.findChildren(QWidget) if lab.objectName() == "value"]
        assert rows and not all(_in_view(r, area) for r in rows)  # the case: most rows below the fold
        assert not review.confirm_button.isEnabled()
        assert review.scroller.more_button.isVisible()
        assert not _hidden_problems(w)  # below the fold, but the page says so
        taps = 0
        while not review.confirm_button.isEnabled() and taps < 20:
            review.scroller.more_button.click()
            taps += 1
        assert review.confirm_button.isEnabled() and taps >= 1
        assert _in_view(rows[-1], area)  # the last row has been on screen
        review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=5000)


def test_a_review_that_fits_can_be_confirmed_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.session.now = lambda: NOW
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "CHANGE_PARTICULARS")
        assert walk_form(w.form, {"changes": ["mobile"], "mobile": "91234567"})
        assert w.review.confirm_button.isEnabled()
        assert not w.review.scroller.more_button.isVisible()


@pytest.mark.parametrize("lang", ["zh_HK", "en"])
def test_an_error_below_the_fold_scrolls_into_view_and_takes_the_focus(lang: str, qtbot: QtBot,
                                                                      tmp_path: Path) -> None:
    """The fund percentages' error is under a list of funds taller than the screen."""
    with large_portrait(qtbot, tmp_path, lang) as w:
        w.show()
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
        open_form(w, "FUND_SWITCH")
        values = {**example("FUND_SWITCH", NOW.date()), "allocation": {"CAF": 60, "HKEQ": 30}}
        assert not walk_form(w.form, values)
        settle_layout()
        shown = [e for e in w.form.findChildren(FieldError) if not e.isHidden()]
        assert shown, w.session.state.errors
        assert _in_view(shown[0], w.form.scroller), "the error is below the fold"
        focus = QApplication.focusWidget()
        assert focus is not None and (focus is shown[0] or shown[0].isAncestorOf(focus)
                                      or focus.parentWidget() is shown[0].parentWidget()), focus
        assert not _hidden_problems(w)


def test_contribution_rows_error_scrolls_into_view(qtbot: QtBot, tmp_path: Path) -> None:
    with large_portrait(qtbot, tmp_path, "en") as w:
        open_form(w, "CONTRIBUTION_DATA")
        members = [{"hkid": "A123456(3)", "relevant_income": "30000", "employer_mandatory": "1500",
                    "employee_mandatory": "0"}]
        assert not walk_form(w.form, {**example("CONTRIBUTION_DATA", NOW.date()), "members": members})
        settle_layout()
        errors = [e for e in w.form.findChildren(FieldError) if not e.isHidden()]
        boxes = [] if w.form.form_error.isHidden() else [w.form.form_error]
        assert errors or boxes
        for e in errors:
            assert _in_view(e, w.form.scroller), e.message()
        assert not _hidden_problems(w)


def test_question_counter_and_button_follow_an_answer_that_adds_questions(qtbot: QtBot,
                                                                          tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.header.lang_en.click()
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        w.menu.buttons["CHANGE_PARTICULARS"].click()
        sign_in_with_code(w, qtbot)
        before = w.form.progress.text()
        w.form.editors["changes"].choice_buttons["mobile"].click()
        w.form.editors["changes"].choice_buttons["email"].click()
        n, of = w.session.form_position()
        assert of >= 3 and w.form.progress.text() == f"Question {n} of {of}" != before
        assert w.form.next_button.text() == "Next"
        w.form.editors["changes"].choice_buttons["email"].click()  # un-ticked: one question fewer
        assert w.form.progress.text() == f"Question 1 of {of - 1}"


def test_identify_keypad_shows_whole_at_large_text_in_portrait(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.resize(*PORTRAIT)
        for lang in ("zh_HK", "en"):
            w.session.set_language(lang)
            w.session.set_accessibility(large_text=True)
            w.session.start()
            w.identify.keypad.press("A123456(4)")  # an error under the field takes room too
            w.identify.continue_button.click()
            settle_layout()
            keys = [k for k in w.identify.keypad.findChildren(QWidget) if k.isVisible()]
            bottom = max(k.mapTo(w, QPoint(0, k.height())).y() for k in keys)
            assert bottom <= w.identify.footer.mapTo(w, QPoint(0, 0)).y(), lang
            assert not _hidden_problems(w), lang
            assert w.identify.error.message()  # the error shows with the keypad


def test_public_screens_say_nothing_about_the_queue(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path, online=False, already_waiting=2)) as w:
        for lang in ("zh_HK", "en"):
            w.session.set_language(lang)
            w.tick()
            w.attract.set_status(w.services.status())
            w.attract.present(w.session.state)
            shown = " ".join(visible_texts(w))
            assert "Offline" in shown or "離線" in shown  # the strip does show the network
            assert "等待" not in shown and "waiting" not in shown.lower(), shown


def test_number_pad_shows_only_keys_that_can_be_used(qapp: QApplication) -> None:
    pad = NumPad()
    pad.show()
    for mode, dot, dash in (("date", False, True), ("phone", False, False), ("number", False, False),
                            ("money", True, False), ("account", False, True)):
        pad.set_mode(mode)
        assert pad._keys["."].isVisible() is dot, mode
        assert pad._keys["-"].isVisible() is dash, mode
    pad.close()


def test_mrz_dates_are_typed_year_month_day(qtbot: QtBot, tmp_path: Path) -> None:
    from devtools.mrz_screenshots import StandInPassport

    cards = StandInPassport()
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.header.lang_en.click()
        w.attract.start_button.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MRZ, timeout=3000)
        assert "1969-08-06" in w.mrz.labels["date_of_birth"].text()
        w.mrz.type_field("date_of_birth", "19700101")
        assert w.mrz.edits["date_of_birth"].text() == "1970-01-01"
        assert w.mrz.numpad.isVisible() and not w.mrz.keyboard.isVisible()
        assert not w.mrz.numpad._keys["."].isVisible()


# ---------------------------------------------------------------- the check itself can fail


def _page(content: QWidget, area: QScrollArea, height: int = 300) -> QWidget:
    host = QWidget()
    box = QVBoxLayout(host)
    area.setWidget(content)
    box.addWidget(area)
    host.resize(600, height)
    return host


def _tall(*bottom: QWidget) -> QWidget:
    content = QWidget()
    col = QVBoxLayout(content)
    spacer = QWidget()
    spacer.setFixedHeight(900)
    col.addWidget(spacer)
    for w in bottom:
        col.addWidget(w)
    return content


def test_the_check_finds_an_error_below_the_fold(qapp: QApplication) -> None:
    error = FieldError()
    error.set_message("Wrong")
    plain = QScrollArea()
    plain.setWidgetResizable(True)
    host = _page(_tall(error), plain)
    host.show()
    settle_layout()
    found = "\n".join(problems(host))
    host.close()
    assert "FieldError: below the visible part of its scroll area" in found


def test_the_check_accepts_essential_rows_below_only_under_more_below(qapp: QApplication) -> None:
    row = label("Instruction: Change of investment mandate")
    row.setProperty("essential", True)
    plain = QScrollArea()
    plain.setWidgetResizable(True)
    host = _page(_tall(row), plain)
    host.show()
    settle_layout()
    assert any("which has no 'More below'" in p for p in problems(host))
    host.close()

    row = label("Instruction: Change of investment mandate")
    row.setProperty("essential", True)
    paged = PagedScroll()
    confirm = button("Confirm")
    paged.gated.append(confirm)
    host = _page(_tall(row), paged)
    column = host.layout()
    assert isinstance(column, QVBoxLayout)
    column.addWidget(paged.more_button)
    column.addWidget(confirm)
    host.show()
    paged.settle()
    assert paged.more_below() and not paged.seen_all()
    assert not [p for p in problems(host) if "visible part" in p]  # below, and it says so
    assert any("'Confirm': enabled before all of its page was on screen" in p for p in problems(host))
    for _ in range(40):
        if paged.seen_all():
            break
        paged.more_button.click()
    assert paged.seen_all() and not paged.more_below()
    assert not [p for p in problems(host) if "before all of its page" in p]
    host.close()


def test_the_check_finds_a_keyboard_narrower_than_its_column(qapp: QApplication) -> None:
    host = QWidget()
    col = QVBoxLayout(host)
    keys = Keyboard("hkid")
    col.addWidget(keys, 0, Qt.AlignmentFlag.AlignLeft)  # its size hint's width, not the column's
    host.resize(1600, 600)
    host.show()
    settle_layout()
    found = "\n".join(problems(host))
    host.close()
    assert re.search(r"Keyboard: keyboard \d+ px wide, its normal width 1\d\d\d px", found), found
