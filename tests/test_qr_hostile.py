"""Hostile codes and hostile text at the kiosk: the text policy (kiosk/domain/text_policy.py) in
every field and code, prepared instructions checked with the member and the session's assurance
(kiosk/qr/review.py), and expiry and nonce checked again at confirm."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain import IdentitySource, ValidationError, get_type
from kiosk.domain.fields import check_field
from kiosk.domain.identity import Identity
from kiosk.domain.model import FormContext
from kiosk.domain.text_policy import clean_text, refused_char
from kiosk.qr import MemoryNonceStore, PaymentReference, PlainCode, PreparedInstruction, QrRefusal
from kiosk.qr.review import for_session, recheck_for_confirm
from kiosk.qr.service import QrService
from kiosk.session import Screen, Session
from tests.qr_support import MEMBER, Signer, interpreter

GENUINE_RSD = "RSD2026112600000042"
REGISTRATION = {"name_en": "CHAN TAI MAN", "date_of_birth": "1970-01-31", "mobile": "91234567", "language": "en"}


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer()


def spec(type_code: str, name: str) -> Any:
    return get_type(type_code).field(name)


def field_error(type_code: str, name: str, raw: Any) -> str | None:
    try:
        check_field(spec(type_code, name), raw)
    except ValidationError as e:
        assert e.message_zh and e.message_en and e.message_en.isascii()
        return e.code
    return None


# ---------------------------------------------------------------- the text policy in fields

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


# ---------------------------------------------------------------- QR intake

@pytest.mark.parametrize("text", ["RSD202611260000004\u017f", "R\u017fD2026112600000042", "rſd2026112600000042",
                                  "ＲＳＤ2026112600000042", "RSD２０２６112600000042"])
def test_a_look_alike_payment_reference_is_not_a_genuine_one(signer: Signer, text: str) -> None:
    qi, _ = interpreter(signer)
    result = qi.interpret(text.encode())
    assert not isinstance(result, PaymentReference)
    assert isinstance(qi.interpret(GENUINE_RSD.lower().encode()), PaymentReference)


@pytest.mark.parametrize("text", ["CHAN\x00", "ABC\u202eDEF", "line\u2028two", "zero\u200bwidth", "\ufeffBOM"])
def test_plain_codes_with_control_or_format_characters_are_refused(signer: Signer, text: str) -> None:
    qi, _ = interpreter(signer)
    result = qi.interpret(text.encode())
    assert isinstance(result, QrRefusal) and result.code == "NOT_FOR_KIOSK"
    assert isinstance(qi.interpret(b"CHAN TAI MAN"), PlainCode)


def test_prepared_values_with_control_characters_are_refused(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    for values in ({"email": "chan\u202e@example.com", "language": "en"},
                   {"mobile": "9123\x004567", "language": "en"}):
        result = qi.interpret(signer.code(values=values).encode())
        assert isinstance(result, QrRefusal) and result.code == "PREPARED_INVALID", values


# ---------------------------------------------------------------- prepared: the member and the assurance

def prepared_registration(signer: Signer, claim: str | None) -> PreparedInstruction:
    qi, _ = interpreter(signer)
    values = {**REGISTRATION, **({"identity_source": claim} if claim else {})}
    result = qi.interpret(signer.code("MEMBER_REGISTRATION", values=values).encode())
    assert isinstance(result, PreparedInstruction), result
    assert "identity_source" not in result.values  # never taken from the code
    return result


@pytest.mark.parametrize("claim", ["IAMSMART", "CARD_STAFF_CHECKED", None])
def test_a_signed_registration_cannot_claim_an_identity_check_the_session_did_not_make(
        signer: Signer, claim: str | None) -> None:
    s = Session()
    s.start()
    assert s.identify_typed(MEMBER)
    assert s.qr_received(prepared_registration(signer, claim)) == "refused"
    assert s.state.screen is Screen.MENU and s.state.prepared is None and s.state.form_values == {}
    assert s.state.notice is not None and "iAM Smart" in s.state.notice[1]


@pytest.mark.parametrize("identity, expected", [
    (Identity(MEMBER, source=IdentitySource.IAMSMART), "IAMSMART"),
    (Identity(MEMBER, verified_by_staff="S0042"), "CARD_STAFF_CHECKED"),
])
def test_the_identity_source_comes_from_the_session(signer: Signer, identity: Identity, expected: str) -> None:
    # Whatever the code claims, the value queued is the session's.
    checked = for_session(prepared_registration(signer, "IAMSMART"), identity, FormContext(member=identity))
    assert isinstance(checked, PreparedInstruction)
    assert checked.values["identity_source"] == expected


def test_for_session_checks_the_member_binding(signer: Signer) -> None:
    other = Identity("Z683365(A)", source=IdentitySource.IAMSMART)
    refused = for_session(prepared_registration(signer, None), other, FormContext(member=other))
    assert isinstance(refused, QrRefusal) and refused.code == "PREPARED_OTHER_MEMBER"


# ---------------------------------------------------------------- expiry and nonce at confirm

def test_recheck_for_confirm(signer: Signer) -> None:
    now = int(time.time())
    qi, nonces = interpreter(signer, now)
    code = qi.interpret(signer.code(issued_at=now, lifetime_s=60).encode())
    assert isinstance(code, PreparedInstruction)
    assert recheck_for_confirm(code, now + 59, nonces) is None
    expired = recheck_for_confirm(code, now + 60, nonces)
    assert expired is not None and expired.code == "PREPARED_EXPIRED_AT_CONFIRM"
    assert "過期" in expired.message_zh and "expired" in expired.message_en
    set_back = recheck_for_confirm(code, now - 3600, nonces)
    assert set_back is not None and set_back.code == "PREPARED_NOT_YET_VALID"
    assert nonces.claim(code.kid, code.nonce, float(code.expires_at))
    used = recheck_for_confirm(code, now + 1, nonces)
    assert used is not None and used.code == "PREPARED_USED"


def test_a_code_that_expires_on_the_review_screen_is_refused_at_confirm_and_not_queued(
        qtbot: Any, tmp_path: Path) -> None:
    from kiosk.ports import QrRead, QrSourceKind
    from tests.test_qr_ui import qr_services
    from tests.test_ui_support import open_window, type_hkid_and_continue

    signer = Signer()
    clock = [time.time()]
    services = qr_services(tmp_path, signer)
    nonces = MemoryNonceStore()
    services.qr = QrService(nonces, keys=signer.ring(), clock=lambda: clock[0])  # type: ignore[attr-defined]
    code = signer.code(issued_at=int(clock[0]), lifetime_s=120)
    with open_window(qtbot, services) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        services.qr_devices.hub.qr_read(QrRead(code.encode(), "QRCode", QrSourceKind.SERIAL, at=time.monotonic()))  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.REVIEW, timeout=10_000)
        clock[0] += 121  # the member reads the review screen for two minutes
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: not w.session.state.saving, timeout=10_000)
        assert w.session.state.screen is Screen.REVIEW and w.session.state.notice is not None
        assert "核對期間已過期" in w.session.state.notice[0] and "expired" in w.session.state.notice[1]
        assert services.enqueued == []
        prepared = w.session.state.prepared
        assert prepared is not None and not nonces.used(prepared.kid, prepared.nonce)
