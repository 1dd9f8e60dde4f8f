"""Qt Linguist: the .ts files cover the UI's strings, lrelease builds them, a translator's edit in
a .ts wins over the table, and the language switch works on every screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from tests.support.ui import sign_in_with_code, translators_edit
from ui import i18n
from ui.strings import STRINGS, tr


def test_the_ts_files_in_the_tree_cover_the_table_when_updated(tmp_path: Path) -> None:
    gained = i18n.update(i18n.HERE, tmp_path)
    for lang in i18n.LANGUAGES:
        root = ET.parse(i18n.ts_path(lang, tmp_path)).getroot()
        messages = {m.findtext("source"): m.findtext("translation") for m in root.iter("message")}
        assert set(messages) == set(STRINGS)
        assert all(messages[k] == i18n.table_text(lang, STRINGS[k]) for k in STRINGS if gained[lang] == len(STRINGS))
    assert set(gained) == {"zh_HK", "zh_CN", "en"}


def test_the_committed_zh_CN_ts_is_simplified_and_current() -> None:
    """The .ts in the tree was made from the table by the conversion: nothing in it is left in
    Traditional characters, and an entry nobody edited, whose Traditional text is still the table's,
    equals the conversion as it is today (a phrase added to kiosk/simplified.py without `python -m
    ui.i18n update` fails here). A key added to the table since the last update is not required
    here: install() brings the .ts up to date at run time."""
    from kiosk.simplified import to_simplified

    root = ET.parse(i18n.ts_path("zh_CN")).getroot()
    assert root.get("language") == "zh_CN"
    messages = {m.findtext("source"): (m.findtext("translation") or "", m.findtext("extracomment") or "",
                                       m.findtext("comment") or "") for m in root.iter("message")}
    assert len(set(messages) & set(STRINGS)) > len(STRINGS) * 3 // 4
    assert [k for k, (text, _, _) in messages.items() if to_simplified(text) != text] == []
    same_source = [k for k, (text, made_from, source) in messages.items()
                   if text == made_from and k in STRINGS and source == f"{STRINGS[k][0]} / {STRINGS[k][1]}"]
    assert len(same_source) > len(STRINGS) // 2  # a translator's edits are the exception
    assert [k for k in same_source if messages[k][0] != i18n.table_text("zh_CN", STRINGS[k])] == [], \
        "run: python -m ui.i18n update"
    assert messages["menu_title"][0] == "你想办理什么？"  # 甚麼 -> 什么 (reviewed), not hk2s's 甚么
    assert messages["identify_title"][0] == "请确认你的身份"


def test_lrelease_builds_what_qt_loads(tmp_path: Path, qapp: QApplication) -> None:
    i18n.update(i18n.HERE, tmp_path)
    built = i18n.build(tmp_path, tmp_path)
    assert {p.name for p in built} == {"empf_zh_HK.qm", "empf_zh_CN.qm", "empf_en.qm"}
    t = QTranslator()
    assert t.load(str(tmp_path / "empf_zh_HK.qm"))
    assert t.translate("ui", "question_n") == STRINGS["question_n"][0]
    assert t.translate("ui", "start") == STRINGS["start"][0]
    cn = QTranslator()
    assert cn.load(str(tmp_path / "empf_zh_CN.qm"))
    assert cn.translate("ui", "brand") == "积金易自助服务站" != STRINGS["brand"][0]
    assert cn.translate("ui", "attract_lead") == "在这里更新你的强积金资料，无需排队。"


def test_installed_translations_serve_all_three_languages(qapp: QApplication) -> None:
    assert i18n.install()
    assert tr("or_type", "zh_HK") == "輸入你的香港身份證號碼"
    assert tr("or_type", "zh_CN") == "输入你的香港身份证号码"  # 香港身份證 keeps its meaning
    assert tr("or_type", "en") == "Type your HKID number"
    assert tr("step", "zh_CN", n=2, of=5) == "第 2 步，共 5 步"
    assert set(i18n._translators) == {"zh_HK", "zh_CN", "en"}  # each from its own .qm


def test_a_translators_edit_wins_and_survives_an_update(tmp_path: Path, qapp: QApplication) -> None:
    src = tmp_path / "src"
    src.mkdir()
    i18n.update(i18n.HERE, src)
    ts = i18n.ts_path("en", src)
    translators_edit(ts)  # what a translator typed in Linguist
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
    """繁 -> EN -> 简 -> 繁 on every member screen: each switch retitles the page in that language
    (简: the Traditional text converted, nothing left in Traditional characters), the header shows
    the choice, and nothing the member typed or chose is lost."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
    from pytestqt.qtbot import QtBot

    from devtools.fakes import FICTIONAL_MEMBER
    from devtools.qr_screenshots import qr_services
    from kiosk.core.state import Screen
    from kiosk.simplified import to_simplified
    from tests.support.ui import open_window, type_hkid_and_continue, type_into

    assert isinstance(qtbot, QtBot)
    services = qr_services(tmp_path / "frames")
    services.qr_devices.camera.stop()  # type: ignore[attr-defined]  # a read would leave the scan screen
    visited: list[Screen] = []
    with open_window(qtbot, services) as w:
        def typed() -> object:
            """What the member has put in so far: every field on the page, the form's answers."""
            page = w.stack.currentWidget()
            return [e.text() for e in page.findChildren(QLineEdit)], dict(w.session.state.form_raw)

        def title() -> str:
            page = w.stack.currentWidget()
            shown = [lab for lab in page.findChildren(QLabel, "title") if lab.isVisible()]
            return shown[0].text() if shown else w.header.brand.text()

        def all_three() -> None:
            screen, before = w.session.state.screen, typed()
            w.header.lang_en.click()
            en = title()
            w.header.lang_cn.click()
            cn = title()
            assert w.session.state.lang == "zh_CN" and w.header.lang_cn.isChecked(), screen
            page = w.stack.currentWidget()
            texts = [x.text() for kind in (QLabel, QPushButton) for x in page.findChildren(kind) if x.isVisible()]
            # The member's own name is personal data, shown as on the card: never converted.
            left = [t for t in texts if to_simplified(t) != t and FICTIONAL_MEMBER.name_zh[0] not in t]
            assert left == [], f"{screen}: still in Traditional: {left}"
            w.header.lang_zh.click()
            zh = title()
            assert cn == to_simplified(zh), screen
            assert en != zh or not en, f"{screen}: nothing changed"
            assert w.header.lang_zh.isChecked() and not w.header.lang_cn.isChecked()
            assert typed() == before, f"{screen}: the switch lost what was typed"
            assert w.session.state.screen is screen
            visited.append(screen)

        all_three()  # attract
        w.attract.start_button.click()
        w.identify.keypad.press("A1234")  # half typed
        all_three()  # identify
        w.identify.keypad.press("56(3)")
        w.identify.continue_button.click()
        all_three()  # menu
        w.menu.buttons["CHANGE_PARTICULARS"].click()
        all_three()  # the sign-in it asks for
        sign_in_with_code(w, qtbot)
        w.form.editors["changes"].choice_buttons["mobile"].click()
        all_three()  # form: a choice step
        w.form.next_button.click()
        type_into(w, "mobile", "9123")  # half typed
        all_three()  # form: a text step
        w.form.type_into("mobile", "4567")
        w.form.next_button.click()
        for _ in range(10):  # bounded: the remaining steps of this short form
            if w.session.state.screen is not Screen.FORM:
                break
            w.form.next_button.click()
        assert w.session.state.screen is Screen.REVIEW, w.session.state.errors
        all_three()  # review
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
        all_three()  # receipt
        assert dict(services.enqueued[0].values).get("mobile") == "91234567"
        w.receipt.done_button.click()
        assert w.session.state.screen is Screen.ATTRACT
        w.attract.start_button.click()
        w.identify.iamsmart_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.IAMSMART, timeout=3000)
        all_three()  # iAM Smart
        w.iamsmart.back_button.click()
        type_hkid_and_continue(w)
        w.menu.scan_button.click()
        assert w.session.state.screen is Screen.SCAN
        all_three()  # scan
    assert len(set(visited)) == 9  # with the sign-in screen
