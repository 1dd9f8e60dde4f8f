"""The member's path through the screens, on fake services: attract → identify → menu → form →
review → receipt, with masking, errors in both languages and the language toggle."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from kiosk.core.state import Screen
from kiosk.core.texts import SAVE_FAILED
from kiosk.domain import ValidationError, hkid
from tests.support.ui import (
    TYPED_HKID,
    choose,
    finish_form,
    line_edit_texts,
    open_window,
    sign_in_with_code,
    to_form,
    to_pil,
    type_hkid_and_continue,
    type_into,
    visible_texts,
)
from ui.app import build_main_window
from ui.qr import QR_PREFIX


def test_typed_hkid_walk_to_receipt(qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        s = w.session
        assert w.stack.currentWidget() is w.attract
        assert not w.header.step.isVisible()  # no progress on attract

        w.attract.start_button.click()
        assert w.stack.currentWidget() is w.identify
        assert w.header.step.text() == "第 1 步，共 5 步"
        type_hkid_and_continue(w)

        assert s.state.screen is Screen.MENU and w.stack.currentWidget() is w.menu
        assert w.header.step.text() == "第 2 步，共 5 步"
        shown = " ".join(visible_texts(w))
        assert "A12****(*)" in shown
        assert TYPED_HKID not in shown and "A123456" not in shown
        assert w.identify.entry.text() == ""  # the typed number has done its job

        w.menu.buttons["CHANGE_PARTICULARS"].click()
        # A typed number identifies but does not sign in: changing details asks for a sign-in first.
        assert w.stack.currentWidget() is w.page(Screen.SIGN_IN)
        assert w.header.step.text() == "第 2 步，共 5 步"
        sign_in_with_code(w, qtbot)
        assert w.stack.currentWidget() is w.form
        assert w.header.step.text() == "第 3 步，共 5 步"
        for item in ("mobile", "email", "address", "language"):  # one decision: what to change
            w.form.editors["changes"].choice_buttons[item].click()
        w.form.next_button.click()
        assert w.form.progress.text() == "問題 2 / 5"
        type_into(w, "mobile", "91234567")
        type_into(w, "email", "chan@example.com")
        assert w.form.rows["email"].edit is not None
        assert w.form.rows["email"].edit.text() == "chan@example.com"  # lower case for e-mail
        type_into(w, "address", "FLAT A, 12/F, 1 EXAMPLE ROAD")
        choose(w, "language", "en")
        finish_form(w)

        assert s.state.screen is Screen.REVIEW
        values = w.review.values
        # Signed in, the member sees in full what they typed themselves (kiosk/core/disclosure.py);
        # what they did not type stays masked.
        assert values["新手提電話"] == "91234567"
        assert values["新電郵地址"] == "chan@example.com"
        assert values["新通訊地址"] == "FLAT A, 12/F, 1 EXAMPLE ROAD"
        assert values["通訊語言"] == "英文"
        assert values["身份證號碼"] == "A12****(*)"
        shown = " ".join(visible_texts(w))
        assert "A123456" not in shown  # the HKID number, which the member did not type here

        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: s.state.screen is Screen.RECEIPT, timeout=3000)
        assert w.stack.currentWidget() is w.receipt
        ref = s.state.receipt.kiosk_ref if s.state.receipt else ""
        assert ref and w.receipt.reference.text() == ref
        assert (tmp_path / "outbox.jsonl").read_text().count(ref) == 1
        # The receipt screen holds no member data, and neither do the fields behind it.
        assert all(t == "" for t in line_edit_texts(w))

        pixmap = w.receipt.qr.pixmap()
        assert not pixmap.isNull()
        decoded = [b.text for b in zxingcpp.read_barcodes(to_pil(pixmap.toImage()))]
        assert decoded == [f"{QR_PREFIX}{ref}"]

        instruction = services.enqueued[0]
        assert instruction.type == "CHANGE_PARTICULARS"
        assert dict(instruction.values) == {"mobile": "91234567", "email": "chan@example.com",
                                            "address": "FLAT A, 12/F, 1 EXAMPLE ROAD", "language": "en"}
        assert instruction.member.hkid == TYPED_HKID

        w.receipt.done_button.click()
        assert s.state.screen is Screen.ATTRACT and w.stack.currentWidget() is w.attract

    for secret in ("A123456", "91234567", "chan@example.com", "EXAMPLE ROAD"):
        assert secret not in caplog.text  # never log personal data


def test_build_main_window_entry_point(qtbot: QtBot, tmp_path: Path) -> None:
    """The composition root and the end-to-end test call this; it must start the card reader."""
    services = FakeServices(data_dir=tmp_path)
    window = build_main_window(services)
    qtbot.addWidget(window)
    try:
        assert services.cards.events is window.bridge
        assert window.clock.isActive()
        assert window.session.state.screen is Screen.ATTRACT
    finally:
        window.allow_close()
        window.close()
    assert services.cards.events is None  # closing stops the reader


def test_wrong_check_digit_shows_bilingual_error(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w, "A123456(4)")
        assert w.session.state.screen is Screen.IDENTIFY
        err = w.session.state.errors[0]
        assert err.code == "HKID_CHECK_DIGIT"
        assert w.identify.error.message() == err.message_zh
        w.header.lang_en.click()
        assert w.identify.error.message() == err.message_en
        assert w.identify.entry.text() == "A123456(4)"  # the toggle keeps what was typed
        # Correcting the number hides the stale error; the right one gets through.
        w.identify.keypad.tap("delete")
        w.identify.keypad.tap("delete")
        assert w.identify.error.message() == ""
        w.identify.keypad.press("3)")
        w.identify.continue_button.click()
        assert w.session.state.screen is Screen.MENU


def test_bad_format_error_and_keypad_clear(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w, "12345")
        with pytest.raises(ValidationError) as expected:
            hkid.normalise("12345")
        assert w.identify.error.message() == expected.value.message_zh
        w.identify.keypad.tap("clear")
        assert w.identify.entry.text() == ""
        assert not w.identify.continue_button.isEnabled()


def test_language_toggle_keeps_typed_values_and_back_from_review(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        to_form(w, qtbot, items=("mobile", "address"))
        type_into(w, "mobile", "91234567")
        type_into(w, "address", "FLAT B")
        title_zh = w.form.form_title.text()
        w.header.lang_en.click()
        assert w.session.state.lang == "en"
        assert w.form.form_title.text() != title_zh and w.form.form_title.text() == "Change of personal particulars"
        assert w.form.title.text() == "What is your new correspondence address?"
        assert w.form.rows["address"].edit is not None and w.form.rows["address"].edit.text() == "FLAT B"
        w.form.back_button.click()  # the previous step, in English now, with the number still there
        assert w.form.rows["mobile"].title.text().startswith("New mobile number")
        assert w.form.rows["mobile"].edit is not None and w.form.rows["mobile"].edit.text() == "91234567"
        finish_form(w)
        assert w.session.state.screen is Screen.REVIEW
        assert w.review.values["New mobile number"] == "91234567"  # typed by the member, signed in
        w.header.lang_zh.click()
        assert w.review.values["新手提電話"] == "91234567"
        w.review.back_button.click()
        assert w.session.state.screen is Screen.FORM
        assert w.form.rows["address"].edit is not None and w.form.rows["address"].edit.text() == "FLAT B"
        w.form.back_button.click()
        assert w.form.rows["mobile"].edit is not None and w.form.rows["mobile"].edit.text() == "91234567"


def test_language_chosen_on_attract_survives_start(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.header.lang_en.click()
        w.attract.start_button.click()
        assert w.session.state.lang == "en"
        assert w.identify.title.text() == "Tell us who you are"


def test_nothing_changed_is_a_form_level_error(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        to_form(w, qtbot, items=())
        w.form.next_button.click()
        assert w.session.state.screen is Screen.FORM
        assert [e.code for e in w.session.state.errors] == ["NOTHING_CHANGED"]
        assert not w.form.form_error.isHidden()
        assert w.form.form_error.text.text() == "請最少填寫一項要更改的資料。"
        w.header.lang_en.click()
        assert w.form.form_error.text.text() == "Fill in at least one item to change."
        w.form.editors["changes"].choice_buttons["mobile"].click()  # any answer clears the form-level message
        assert w.form.form_error.isHidden()


def test_field_errors_shown_under_the_field(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        to_form(w, qtbot)
        type_into(w, "mobile", "1234")
        row = w.form.rows["mobile"]
        # Not at once (the member may still be typing), but after a pause.
        assert row.error.message() == ""
        qtbot.waitUntil(lambda: row.error.message() != "", timeout=3000)
        assert "香港手提電話號碼應為 8 位數字" in row.error.message()
        assert not row.error.icon.isHidden()  # an icon too, not colour alone
        w.header.lang_en.click()
        assert "a Hong Kong mobile number has 8 digits" in row.error.message()
        # Fixing it clears the error as it is typed.
        assert row.edit is not None
        row.edit.setText("91234567")
        assert row.error.message() == ""
        w.form.next_button.click()
        type_into(w, "email", "chan@")
        w.form.next_button.click()
        assert w.session.state.screen is Screen.FORM
        assert "the email address is not valid" in w.form.rows["email"].error.message()


def test_choosing_another_form_type_starts_empty(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        to_form(w, qtbot)
        type_into(w, "mobile", "91234567")
        w.form.back_button.click()  # Back goes a step at a time: first to "what to change"
        assert w.session.state.screen is Screen.FORM and w.session.state.form_step == "changes"
        w.form.back_button.click()
        assert w.session.state.screen is Screen.MENU
        w.menu.buttons["CHANGE_PARTICULARS"].click()  # same type: values kept
        w.form.next_button.click()
        assert w.form.rows["mobile"].edit is not None and w.form.rows["mobile"].edit.text() == "91234567"


def test_enqueue_failure_shows_message_and_keeps_review(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path, enqueue_error=OSError("disk full at /secret/path"))
    with open_window(qtbot, services) as w:
        to_form(w, qtbot, items=("mobile",))
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: not w.session.state.saving, timeout=3000)
        assert w.session.state.screen is Screen.REVIEW
        assert w.review.notice.text.text() == SAVE_FAILED[0]
        assert w.review.confirm_button.isEnabled()


def test_queue_refused_message_comes_from_the_outbox(qtbot: QtBot, tmp_path: Path) -> None:
    class Refused(Exception):  # the shape of kiosk.ports.QueueRefused
        def __init__(self) -> None:
            super().__init__("QUEUE_FULL")
            self.message_zh = "本機暫時未能接收指示，請通知職員。"
            self.message_en = "This kiosk cannot take instructions now; please tell the staff."

    services = FakeServices(data_dir=tmp_path, enqueue_error=Refused())
    with open_window(qtbot, services) as w:
        to_form(w, qtbot, items=("mobile",))
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        w.header.lang_en.click()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: not w.session.state.saving, timeout=3000)
        assert w.review.notice.text.text() == "This kiosk cannot take instructions now; please tell the staff."


def test_double_tap_on_confirm_queues_once(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path, enqueue_delay_s=0.2)
    with open_window(qtbot, services) as w:
        to_form(w, qtbot, items=("mobile",))
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        w.confirm()  # a second tap arriving before the button was disabled
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
        assert len(services.enqueued) == 1


def test_every_screen_but_attract_has_back(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        assert not w.attract.back_button.isVisible()
        w.attract.start_button.click()
        assert w.identify.back_button.isVisible()
        type_hkid_and_continue(w)
        assert w.menu.back_button.isVisible()
        w.menu.buttons["CHANGE_PARTICULARS"].click()
        assert w.page(Screen.SIGN_IN).back_button.isVisible()
        sign_in_with_code(w, qtbot)
        assert w.form.back_button.isVisible()
        w.form.editors["changes"].choice_buttons["mobile"].click()
        w.form.next_button.click()
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        assert w.review.back_button.isVisible()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
        # Deliberate: the instruction is saved; "Done" is the one way out (docs/ui.md).
        assert w.receipt.done_button.isVisible() and not w.receipt.back_button.isVisible()


def test_line_edits_have_no_context_menu(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        to_form(w, qtbot)
        for edit in w.findChildren(QLineEdit):
            assert edit.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def test_receipt_shows_delivery_state(qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        to_form(w, qtbot, items=("mobile",))
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)
        assert w.receipt.delivery.text() == "指示會在網絡可用時傳送至積金易平台。"
        services.receipt_states[w.receipt.reference.text()] = "accepted"
        w.tick()
        assert w.receipt.delivery.text() == "已送達積金易平台。"
        w.header.lang_en.click()
        assert w.receipt.delivery.text() == "Delivered to the eMPF platform."


def test_receipt_in_portrait_keeps_reference_and_code_together_at_the_top(qtbot: QtBot, tmp_path: Path) -> None:
    """Portrait: the spare height goes below the reference and its QR code, not around the text (it
    floated mid-screen, a third of the page away from the title). Landscape: side by side."""
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        to_form(w, qtbot, items=("mobile",))
        type_into(w, "mobile", "91234567")
        w.form.next_button.click()
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=3000)

        def top(widget: QWidget) -> int:
            return widget.mapTo(w, widget.rect().topLeft()).y()

        w.resize(1080, 1920)
        qtbot.waitUntil(lambda: w.receipt.columns.portrait, timeout=3000)
        QApplication.processEvents()
        qr_card = w.receipt.qr.parentWidget()
        assert top(w.receipt.ref_caption) - (top(w.receipt.title) + w.receipt.title.height()) < 120
        assert top(qr_card) < top(w.receipt.closing) + w.receipt.closing.height() + 120
        assert top(w.receipt.done_button) - (top(qr_card) + qr_card.height()) > 300  # the space is below
        w.resize(1920, 1080)
        qtbot.waitUntil(lambda: not w.receipt.columns.portrait, timeout=3000)
        QApplication.processEvents()
        assert qr_card.mapTo(w, qr_card.rect().topLeft()).x() > w.width() // 2  # beside the text again
