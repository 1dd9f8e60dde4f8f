"""Qt Linguist: the .ts files cover the UI's strings, lrelease builds them, a translator's edit in
a .ts wins over the table, and the language switch works on every screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.strings import STRINGS, tr


def test_the_ts_files_in_the_tree_cover_the_table_when_updated(tmp_path: Path) -> None:
    gained = i18n.update(i18n.HERE, tmp_path)
    for lang, side in i18n.LANGUAGES.items():
        root = ET.parse(i18n.ts_path(lang, tmp_path)).getroot()
        messages = {m.findtext("source"): m.findtext("translation") for m in root.iter("message")}
        assert set(messages) == set(STRINGS)
        assert all(messages[k] == STRINGS[k][side] for k in STRINGS if gained[lang] == len(STRINGS))
    assert set(gained) == {"zh_HK", "en"}


def test_lrelease_builds_what_qt_loads(tmp_path: Path, qapp: QApplication) -> None:
    i18n.update(i18n.HERE, tmp_path)
    built = i18n.build(tmp_path, tmp_path)
    assert {p.name for p in built} == {"empf_zh_HK.qm", "empf_en.qm"}
    t = QTranslator()
    assert t.load(str(tmp_path / "empf_zh_HK.qm"))
    assert t.translate("ui", "question_n") == STRINGS["question_n"][0]
    assert t.translate("ui", "start") == STRINGS["start"][0]


def test_a_translators_edit_wins_and_survives_an_update(tmp_path: Path, qapp: QApplication) -> None:
    src = tmp_path / "src"
    src.mkdir()
    i18n.update(i18n.HERE, src)
    ts = i18n.ts_path("en", src)
    tree = ET.parse(ts)
    for msg in tree.getroot().iter("message"):
        if msg.findtext("source") == "next":
            translation = msg.find("translation")
            assert translation is not None
            translation.text = "Continue ›"  # what a translator typed in Linguist
    tree.write(ts, encoding="utf-8")
    i18n.update(src, src)  # a later update (new keys from the table) keeps the edit
    try:
        assert i18n.install(src)
        assert tr("next", "en") == "Continue ›"
        assert tr("next", "zh_HK") == STRINGS["next"][0]  # untouched entries follow the table
        assert tr("question_n", "en", n=2, of=5) == "Question 2 of 5"
    finally:
        assert i18n.install()  # back to the project's own translations
    assert tr("next", "en") == STRINGS["next"][1]


def test_switching_language_on_every_screen(qtbot: object, tmp_path: Path) -> None:
    from pytestqt.qtbot import QtBot

    from kiosk.session import Screen
    from tests.test_ui_support import open_window, type_hkid_and_continue
    from ui.fakes import FakeServices

    assert isinstance(qtbot, QtBot)
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        def both_ways() -> None:
            page = w.stack.currentWidget()
            w.header.lang_en.click()
            en = page.findChild(type(w.header.brand), "title") or w.header.brand
            en_text = en.text()
            w.header.lang_zh.click()
            assert en.text() != en_text or not en_text, f"{w.session.state.screen}: nothing changed"

        both_ways()
        w.attract.start_button.click()
        both_ways()
        type_hkid_and_continue(w)
        both_ways()
        w.menu.buttons["FUND_SWITCH"].click()
        both_ways()
        assert w.session.state.screen is Screen.FORM
