"""What the kiosk reads aloud for a screen (kiosk.core.read_aloud.reading), without Qt or an engine:
the question with its choices, the errors on screen, the receipt's reference spelled, in the
member's language, never what the member typed; and the volume is the member's until the wipe."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kiosk.core.read_aloud import Phrase, reading, spelled
from kiosk.core.session import Session
from kiosk.core.state import SPEECH_VOLUME_DEFAULT, SPEECH_VOLUME_STEPS, Screen
from kiosk.domain import get_type
from kiosk.ports import Receipt
from tests.core.test_forms_session import session_at_menu


def _form_reading(s: Session) -> list[str]:
    step = s.current_step()
    assert step is not None
    itype = get_type(s.state.instruction_type or "")
    r = reading(s.state, heading="ignored on a form", step=step, fields=[itype.field(n) for n in step.fields])
    assert r.lang == s.state.lang
    return [p.text for p in r.phrases]


def test_a_question_is_read_with_its_choices_in_the_members_language() -> None:
    s = session_at_menu()
    s.set_language("en")
    s.choose("CHANGE_PARTICULARS")
    said = _form_reading(s)
    assert said[0] == "What would you like to change?"
    choices = next(t for t in said if t.startswith("You can choose:"))
    assert "Mobile number" in choices and "Email" in choices, choices
    s.set_language("zh_HK")
    said = _form_reading(s)
    assert said[0] == "你想更改哪些資料？" and any(t.startswith("可選擇：") and "手提電話" in t for t in said), said
    s.set_language("zh_CN")
    said = _form_reading(s)
    assert said[0] == "你想更改哪些资料？" and any(t.startswith("可选择：") for t in said), said


def test_the_errors_on_screen_are_read_after_the_question() -> None:
    s = session_at_menu()
    s.set_language("en")
    s.choose("CHANGE_PARTICULARS")
    before = _form_reading(s)
    assert not any("Please note" in t for t in before)
    errors = s.next_step()  # nothing ticked
    assert errors
    after = _form_reading(s)
    assert after[:len(before)] == before  # the screen grew: the UI reads only what was added
    added = after[len(before):]
    assert added[0] == "Please note:" and added[1] == errors[0].message("en")


def test_a_notice_is_read_too() -> None:
    s = session_at_menu()
    state = replace(s.state, screen=Screen.IDENTIFY, notice=("此咭不能在本機使用。", "This card cannot be used here."))
    zh = replace(state, lang="zh_HK")
    assert reading(zh, heading="請插入身份證明文件").text() == "請插入身份證明文件 請注意： 此咭不能在本機使用。"
    en = replace(state, lang="en")
    assert [p.text for p in reading(en, heading="Please insert your identity card").phrases] == [
        "Please insert your identity card", "Please note:", "This card cannot be used here."]


def test_what_the_member_typed_is_never_read() -> None:
    s = session_at_menu()
    s.set_language("en")
    s.choose("CHANGE_PARTICULARS")
    s.set_field("changes", ["mobile"])
    s.next_step()
    s.set_field("mobile", "98765432")
    said = " ".join(_form_reading(s))
    assert "mobile number" in said and "98765432" not in said and "A123456" not in said


def test_the_receipt_reference_is_spelled_twice() -> None:
    s = session_at_menu()
    state = replace(s.state, screen=Screen.RECEIPT, lang="en",
                    receipt=Receipt(kiosk_ref="EK-261206-7QX4M2", idempotency_key="k", queued_at="2026-12-06"))
    r = reading(state, heading="Your instruction has been received")
    assert r.phrases[0] == Phrase("Your instruction has been received")
    assert r.phrases.count(Phrase("EK-261206-7QX4M2", spell=True)) == 2
    assert "E, K. 2, 6, 1, 2, 0, 6. 7, Q, X, 4, M, 2" in r.text()
    assert spelled("EK 12") == "E, K. 1, 2"


def test_a_screens_choice_buttons_are_read_as_its_choices() -> None:
    state = replace(session_at_menu().state, lang="en")
    r = reading(state, heading="What would you like to do?", choices=["Change of particulars", "Fund switch", " "])
    assert r.text() == "What would you like to do? You can choose: Change of particulars, Fund switch."


def test_a_screen_without_words_has_nothing_to_read() -> None:
    assert not reading(Session().state)
    assert not reading(Session().state, heading="   ")


def test_the_volume_is_the_members_until_the_wipe() -> None:
    s = Session()
    s.now = lambda: dt.datetime(2026, 12, 6, 10, 0)
    assert s.state.speech_volume == SPEECH_VOLUME_DEFAULT
    s.set_accessibility(speech=True, speech_volume=0)  # headphones: the quietest step
    s.start()
    assert s.state.speech and s.state.speech_volume == 0  # carried from the attract screen
    s.set_accessibility(speech_volume=99)
    assert s.state.speech_volume == SPEECH_VOLUME_STEPS - 1  # no further than the loudest step
    s.set_accessibility(speech_volume=-3)
    assert s.state.speech_volume == 0
    s.wipe()
    assert not s.state.speech and s.state.speech_volume == SPEECH_VOLUME_DEFAULT
