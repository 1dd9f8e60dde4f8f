"""Every instruction type from attract to receipt through the real widgets, in both languages,
with a valid and an invalid set of data (offscreen, fake services)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from devtools.form_driver import fill_field, fill_step, open_form, walk_form
from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS, Screen
from kiosk.domain import FormContext, IdentitySource, build
from kiosk.domain.examples import example
from tests.support.ui import TYPED_HKID, open_window, type_hkid_and_continue, visible_texts
from ui.main_window import MainWindow

NOW = dt.datetime(2026, 11, 26, 10, 0)
TYPES = (*MEMBER_FORMS, *EMPLOYER_FORMS)
# One invalid answer per type, the step it is on, and the error code the member sees there.
INVALID: dict[str, tuple[str, Any, str]] = {
    "MEMBER_REGISTRATION": ("mobile", "31234567", "MOBILE_FORMAT"),
    "CHANGE_PARTICULARS": ("mobile", "9123456", "MOBILE_FORMAT"),
    "FUND_SWITCH": ("allocation", {"CAF": 60, "HKEQ": 30}, "ALLOCATION_TOTAL"),
    "TRANSFER_BENEFITS": ("new_account", "ACC-0002", "TRANSFER_SAME_ACCOUNT"),
    "WITHDRAWAL_CLAIM": ("date_of_birth", "1961-11-27", "AGE_NOT_REACHED"),
    "VOLUNTARY_CONTRIBUTION": ("amount", "50000.01", "TVC_TAX_CAP"),
    "EMPLOYEE_ENROLMENT": ("date_of_birth", "2008-11-17", "AGE_NOT_COVERED"),
    "TERMINATION": ("last_day", "2019-12-31", "LAST_DAY_BEFORE_EMPLOYMENT"),
    "CONTRIBUTION_DATA": ("members", [{"hkid": "A123456(3)", "relevant_income": "30000",
                                       "employer_mandatory": "1500", "employee_mandatory": "0"}],
                          "CONTRIBUTION_MISMATCH"),
}


def at_menu(w: MainWindow, lang: str) -> None:
    w.session.now = lambda: NOW
    if lang != "zh_HK":
        w.header.lang_en.click()
    w.attract.start_button.click()
    type_hkid_and_continue(w)
    assert w.session.state.screen is Screen.MENU


def open_type(w: MainWindow, code: str) -> None:
    """Tap the type on the menu; registration goes through "Use iAM Smart" (a typed HKID alone
    cannot register: tests/ui/test_ui_registration_identity.py)."""
    open_form(w, code)


@pytest.mark.parametrize("lang", ["zh_HK", "en"])
@pytest.mark.parametrize("code", TYPES)
def test_every_type_attract_to_receipt(code: str, lang: str, qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        at_menu(w, lang)
        open_type(w, code)
        values = example(code, NOW.date())
        seen_questions: list[str] = []
        assert walk_form(w.form, values, on_step=lambda step: seen_questions.append(w.form.title.text()))
        # Every question was asked in the member's language.
        assert all(q and (lang != "en" or q.isascii() or "(" in q) for q in seen_questions), seen_questions
        assert w.session.state.screen is Screen.REVIEW
        shown = " ".join(visible_texts(w))
        assert "A123456" not in shown  # the HKID is masked on review
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
        (instruction,) = services.enqueued
        # The member as identified (typed; registration's from iAM Smart), the same values.
        member = instruction.member
        assert member.source is (IdentitySource.IAMSMART if code == "MEMBER_REGISTRATION" else IdentitySource.TYPED)
        # An employer's statement was checked against the employer's own data (its plans, not a
        # statement-wide VC basis): the same data builds the expected values.
        ctx = FormContext(now=NOW, member=member, employer=w.session.state.employer)
        assert dict(instruction.values) == dict(build(code, member, values, ctx).values)
        assert instruction.member.hkid == TYPED_HKID
        w.receipt.done_button.click()
        assert w.session.state.screen is Screen.ATTRACT and w.session.state.form_raw == {}


@pytest.mark.parametrize("lang", ["zh_HK", "en"])
@pytest.mark.parametrize("code", TYPES)
def test_every_type_refuses_invalid_data_on_its_step(code: str, lang: str, qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    field, bad, error_code = INVALID[code]
    with open_window(qtbot, services) as w:
        at_menu(w, lang)
        open_type(w, code)
        values = {**example(code, NOW.date()), field: bad}
        assert not walk_form(w.form, values)  # a step refused
        errors = w.session.state.errors
        assert error_code in [e.code for e in errors]
        err = next(e for e in errors if e.code == error_code)
        shown = " ".join(visible_texts(w))
        assert err.message(lang) in shown  # under its field, or in the box above
        assert w.session.state.screen is Screen.FORM
        # Nothing was lost: correct the one answer on this step and carry on to review.
        good = example(code, NOW.date())
        step = w.session.current_step()
        assert step is not None
        if field not in step.fields:  # a rule about an earlier answer: Back to it
            while field not in w.form.editors:
                w.form.back_button.click()
        fill_field(w.form, w.form.editors[field], good[field])
        assert walk_form(w.form, good), w.session.state.errors
        assert services.enqueued == []  # refusing never queued anything


def test_language_switch_on_every_kind_of_step_keeps_the_answers(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        at_menu(w, "zh_HK")
        open_type(w, "CONTRIBUTION_DATA")
        values = example("CONTRIBUTION_DATA", NOW.date())
        while w.session.current_step() is not None and w.session.current_step().name != "members":  # type: ignore[union-attr]
            fill_step(w.form, values)
            w.form.next_button.click()
        fill_step(w.form, values)
        rows = w.form.editors["members"]
        before = [dict(r) for r in rows.rows]  # type: ignore[attr-defined]
        question_zh = w.form.title.text()
        w.header.lang_en.click()
        assert w.form.title.text() != question_zh
        assert [dict(r) for r in w.form.editors["members"].rows] == before  # type: ignore[attr-defined]
        assert "By the rules" in w.form.editors["members"].computed.text()  # type: ignore[attr-defined]
        w.header.lang_zh.click()
        assert w.form.title.text() == question_zh


def test_fund_percentages_are_pressed_not_typed(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        at_menu(w, "en")
        open_type(w, "FUND_SWITCH")
        fill_step(w.form, {"scheme_account": "ACC-0001"})
        w.form.next_button.click()
        w.form.editors["kind"].choice_buttons["MANDATE"].click()
        w.form.next_button.click()
        alloc = w.form.editors["allocation"]
        alloc.step_buttons[("CAF", 10)].click()  # type: ignore[attr-defined]
        assert "must be 100%" in alloc.total.text() and "90% to go" in alloc.total.text()  # type: ignore[attr-defined]
        for _ in range(9):
            alloc.step_buttons[("CAF", 10)].click()  # type: ignore[attr-defined]
        alloc.step_buttons[("CAF", 10)].click()  # type: ignore[attr-defined]  # capped at 100
        assert alloc.values == {"CAF": 100}  # type: ignore[attr-defined]
        assert alloc.total.text() == "Total 100%"  # type: ignore[attr-defined]
        w.form.next_button.click()
        assert w.session.state.screen is Screen.REVIEW
        assert w.review.values["Future contributions by fund (%)"] == "Core Accumulation Fund (CAF) 100%"
        assert any("16:00" in line for line in w.review.notes.text.text().splitlines())  # the cut-off is shown


def test_contribution_difference_is_shown_not_accepted(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        at_menu(w, "en")
        open_type(w, "CONTRIBUTION_DATA")
        values = example("CONTRIBUTION_DATA", NOW.date())
        values["members"] = [{"hkid": "A123456(3)", "member_account_no": "ACC-0001", "relevant_income": "30000",
                              "employer_mandatory": "1500", "employee_mandatory": "0", "employer_voluntary": "1500",
                              "basic_salary": "15000", "grade": "A"}]  # the employer's grade-A plan: 10% of basic
        values.pop("er_vc_basis")
        assert not walk_form(w.form, values)
        rows = w.form.editors["members"]
        assert "differs from what you entered" in rows.computed.text()  # type: ignore[attr-defined]
        assert "should be HK$1,500.00" in rows.sub_errors["employee_mandatory"].message()  # type: ignore[attr-defined]
        # A difference needs a reason: none is preselected and "No difference" is not among them.
        buttons = rows.choice_buttons  # type: ignore[attr-defined]
        assert not any(b.isChecked() for b in buttons.values())
        assert not buttons[""].isVisibleTo(rows) and buttons["CORRECTION"].isVisibleTo(rows)
        assert "optional" not in rows.reason_label.text()  # type: ignore[attr-defined]
        # Choosing a reason accepts the difference, and review says so.
        rows.choice_buttons["CORRECTION"].click()
        w.form.next_button.click()
        assert walk_form(w.form, values)  # on through the employer VC's period to review
        assert w.session.state.screen is Screen.REVIEW, (w.session.current_step(), w.session.state.errors)
        assert "differs from the computed amount by HK$-1,500.00" in w.review.notes.text.text()
