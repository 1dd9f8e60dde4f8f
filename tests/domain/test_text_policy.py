"""The one text policy (kiosk/domain/text_policy.py) in every field, and the platform's copy of it
(platform_sim/text_policy.py): NFC, control and format characters refused, codes ASCII before any
case mapping."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain import ValidationError, get_type
from kiosk.domain.fields import check_field
from kiosk.domain.identity import Identity
from kiosk.domain.text_policy import clean_text, refused_char


def spec(type_code: str, name: str) -> Any:
    return get_type(type_code).field(name)


def field_error(type_code: str, name: str, raw: Any) -> str | None:
    try:
        check_field(spec(type_code, name), raw)
    except ValidationError as e:
        assert e.message_zh and e.message_en and e.message_en.isascii()
        return e.code
    return None


@pytest.mark.parametrize("type_code, name, raw", [
    ("CHANGE_PARTICULARS", "email", "chan\x00@example.com"),
    ("CHANGE_PARTICULARS", "email", "chan\u202e@example.com"),
    ("MEMBER_REGISTRATION", "name_en", "CHAN\u202eTAI MAN"),
    ("MEMBER_REGISTRATION", "name_zh", "陳\u200b大文"),
    ("MEMBER_REGISTRATION", "name_en", "CHAN\u2028TAI"),
    ("MEMBER_REGISTRATION", "name_en", "CHAN\ue000TAI"),  # private use
    ("MEMBER_REGISTRATION", "name_en", "CHAN\U000e0001"),  # a tag character (Cf)
    ("MEMBER_REGISTRATION", "mobile", "9123\u00ad4567"),  # soft hyphen
])
def test_control_and_format_characters_are_refused(type_code: str, name: str, raw: str) -> None:
    assert field_error(type_code, name, raw) == "TEXT_CONTROL"


def test_free_text_fields_fold_tab_and_newline_into_a_space() -> None:
    assert check_field(spec("MEMBER_REGISTRATION", "name_en"), "CHAN\tTAI\nMAN") == "CHAN TAI MAN"
    assert field_error("CHANGE_PARTICULARS", "email", "chan\t@example.com") == "TEXT_CONTROL"


def test_text_is_normalised_to_nfc() -> None:
    assert clean_text("Cafe\u0301") == "Caf\u00e9"
    # A CJK compatibility ideograph is canonically the unified one: one spelling for one name.
    assert check_field(spec("MEMBER_REGISTRATION", "name_zh"), "陳\uf900") == "陳\u8c48"


@pytest.mark.parametrize("type_code, name, raw, code", [
    ("MEMBER_REGISTRATION", "name_en", "CHAN TAI \u017fAM", "NAME_EN_FORMAT"),  # ſ upper-cases to S
    ("MEMBER_REGISTRATION", "mobile", "９１２３４５６７", "CODE_NOT_ASCII"),  # full-width digits
    ("MEMBER_REGISTRATION", "email", "\u212aelvin@example.com", "CODE_NOT_ASCII"),  # Kelvin sign lower-cases to k
    ("MEMBER_REGISTRATION", "iamsmart_ref", "IA\u017fM-1234", "CODE_NOT_ASCII"),
])
def test_codes_are_ascii_before_any_case_mapping(type_code: str, name: str, raw: str, code: str) -> None:
    assert field_error(type_code, name, raw) == code


def test_look_alike_letters_in_fund_codes_and_hkid_are_refused() -> None:
    allocation = spec("FUND_SWITCH", "allocation")
    with pytest.raises(ValidationError) as e:
        check_field(allocation, {"CA\u0131F": 100})  # dotless i upper-cases to I
    assert e.value.code == "FUND_CODE_FORMAT"
    from kiosk.domain import hkid
    genuine = "S123456(" + hkid.check_character("S", "123456") + ")"
    assert hkid.normalise(genuine.lower()) == genuine
    with pytest.raises(ValidationError):
        hkid.normalise("\u017f" + genuine[1:])


def test_both_text_policies_agree_on_every_code_point() -> None:
    from platform_sim.text_policy import refused_char as platform_refused

    disagree = [cp for cp in range(sys.maxunicode + 1) if refused_char(chr(cp)) != platform_refused(chr(cp))]
    assert disagree == []
    assert refused_char("\u202e") and refused_char("\x00") and not refused_char("陳")


def test_identity_names_are_nfc_whatever_the_card_or_iamsmart_gave() -> None:
    member = Identity("A123456(3)", name_en="Cafe\u0301", name_zh="陳\uf900")
    assert member.name_en == "Caf\u00e9" and member.name_zh == "陳\u8c48"


def test_messages_are_bilingual() -> None:
    from kiosk.domain.messages import MESSAGES

    for code in ("TEXT_CONTROL", "CODE_NOT_ASCII"):
        zh, en = MESSAGES[code]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh) and en.isascii()


# ---------------------------------------------------------------- properties (hypothesis)



@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_what_the_kiosk_lets_through_the_platform_takes(text: str) -> None:
    from kiosk.domain.text_policy import TextPolicyError
    from platform_sim.text_policy import text_problem

    try:
        clean = clean_text(text)
    except TextPolicyError as e:
        assert e.detail.startswith("U+") and text_problem(text) is not None
        return
    assert text_problem(clean) is None  # NFC, nothing refused: the platform accepts what the kiosk sends
    assert clean_text(clean) == clean


def test_the_printable_ascii_shortcut_refuses_what_the_scan_refuses() -> None:
    import unicodedata

    from kiosk.domain.text_policy import REFUSED_CATEGORIES, first_refused

    for code in range(128):
        ch = chr(code)
        refused = unicodedata.category(ch) in REFUSED_CATEGORIES
        assert (first_refused(f"A{ch}B") is not None) is refused, code
