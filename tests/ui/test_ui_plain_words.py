"""Where a member chooses: plain words on the buttons with the official term in small type under
them and on review, and each fund's risk class and yearly costs (offscreen, fake services)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from devtools.form_driver import open_form, walk_form
from kiosk.core.state import Screen
from kiosk.domain.examples import example
from platform_sim.catalogue import kiosk_config
from tests.support.ui import open_window, type_hkid_and_continue, visible_texts
from ui.form_widgets import AllocationEditor, ChoiceEditor

NOW = dt.datetime(2026, 11, 26, 10, 0)
JARGON = re.compile(r"P\([PCT]\)")


def test_transfer_kinds_in_plain_words_with_the_term_in_small_type(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.session.now = lambda: NOW
        w.header.lang_en.click()
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "TRANSFER_BENEFITS")
        editor = w.form.editors["form"]
        assert isinstance(editor, ChoiceEditor)
        texts = [b.text() for b in editor.choice_buttons.values()]
        assert not any(JARGON.search(t) for t in texts), texts
        assert editor.help.isVisible() and "P(P)" in editor.help.text()
        button_px = next(iter(editor.choice_buttons.values())).font().pixelSize()
        assert 0 < editor.help.font().pixelSize() < button_px  # small type
        assert walk_form(w.form, example("TRANSFER_BENEFITS", NOW.date()))
        assert w.session.state.screen is Screen.REVIEW
        shown = " ".join(visible_texts(w.review))
        assert "P(" in shown and "small" in shown  # the chosen kind's term, in a smaller span


def test_fund_steps_show_risk_class_and_fees(qtbot: QtBot, tmp_path: Path) -> None:
    funds = list(kiosk_config()["funds"])  # type: ignore[call-overload]
    with open_window(qtbot, FakeServices(data_dir=tmp_path, funds=lambda: funds)) as w:
        w.session.now = lambda: NOW
        w.header.lang_en.click()
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "FUND_SWITCH")
        values = example("FUND_SWITCH", NOW.date())
        for _ in range(10):
            if "allocation" in w.form.editors or "switch_in" in w.form.editors:
                break
            walk_form(w.form, values, max_steps=1)
        editor = next(e for n, e in w.form.editors.items() if n in ("allocation", "switch_in"))
        assert isinstance(editor, AllocationEditor)
        facts = editor.fact_labels
        assert facts["MPFCON"].text() == "Risk class 1 (1 lowest, 7 highest) · Fund expense ratio 0.62% a year"
        assert facts["HKEQ"].isVisible() and "Risk class 7" in facts["HKEQ"].text()


def test_fund_facts_not_known_say_where_to_find_them(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:  # the defaults: no figures
        w.session.now = lambda: NOW
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "FUND_SWITCH")
        values = example("FUND_SWITCH", NOW.date())
        for _ in range(10):
            if "switch_out" in w.form.editors:
                break
            walk_form(w.form, values, max_steps=1)
        editor = w.form.editors["switch_out"]
        assert isinstance(editor, AllocationEditor)
        assert all(lab.text() == "風險級別及收費：請向店員索取基金概覽" for lab in editor.fact_labels.values())
