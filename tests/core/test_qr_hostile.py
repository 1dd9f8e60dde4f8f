"""Hostile codes and hostile text at the kiosk: the text policy (kiosk/domain/text_policy.py) in
QR codes, prepared instructions checked with the member and the session's assurance
(kiosk/qr/review.py), and expiry and nonce checked again at confirm."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain import IdentitySource
from kiosk.domain.identity import Identity
from kiosk.domain.model import FormContext
from kiosk.domain.text_policy import first_refused
from kiosk.qr import MemoryNonceStore, PaymentReference, PlainCode, PreparedInstruction, QrRefusal
from kiosk.qr.review import for_session, recheck_for_confirm
from kiosk.qr.service import QrService
from tests.support.qr import MEMBER, Signer, interpreter

GENUINE_RSD = "RSD2026112600000042"
REGISTRATION = {"name_en": "CHAN TAI MAN", "date_of_birth": "1970-01-31", "mobile": "91234567", "language": "en"}


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer()


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
    # The code's claim is not believed: the member gets the choice a typed registration gets
    # (iAM Smart or shop staff checking the card), and nothing reaches review or the queue.
    assert s.qr_received(prepared_registration(signer, claim)) == "pending"
    assert s.state.screen is Screen.REGISTRATION_IDENTITY and s.state.registration_pending
    assert s.state.form_values == {} and s.state.identity is not None
    assert s.state.identity.source is IdentitySource.TYPED and s.confirm_started() is None


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
    from tests.support.ui import open_window, sign_in_with_code, type_hkid_and_continue
    from tests.ui.test_qr_ui import qr_services

    signer = Signer()
    clock = [time.time()]
    services = qr_services(tmp_path, signer)
    nonces = MemoryNonceStore()
    services.qr = QrService(nonces, keys=signer.ring(), clock=lambda: clock[0])  # type: ignore[attr-defined]
    code = signer.code(issued_at=int(clock[0]), lifetime_s=120)
    with open_window(qtbot, services) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        sign_in_with_code(w, qtbot)  # a change of particulars needs it
        services.qr_devices.hub.qr_read(QrRead(code.encode(), "QRCode", QrSourceKind.SERIAL, at=time.monotonic()))  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.REVIEW, timeout=10_000)
        clock[0] += 121  # the member reads the review screen for two minutes
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: not w.session.state.saving, timeout=10_000)
        assert w.session.state.screen is Screen.REVIEW and w.session.state.notice is not None
        assert "核對期間已過期" in w.session.state.notice[0] and "expired" in w.session.state.notice[1]
        assert services.enqueued == []
        prepared = w.session.state.prepared
        assert prepared is not None and not nonces.used(prepared.kid, prepared.nonce)


# ---------------------------------------------------------------- properties (hypothesis)



_QI_SIGNER = Signer()
_QI, _ = interpreter(_QI_SIGNER)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.one_of(st.binary(max_size=200),
                 st.text(max_size=80).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.builds(lambda p, t: (p + t).encode("utf-8", "surrogatepass"),
                           st.sampled_from(["RSD", "BLD", "EMPF:P1:", "EMPFK:", "rſd"]), st.text(max_size=30))))
def test_the_interpreter_never_raises_and_lets_nothing_refused_through(raw: bytes) -> None:
    result = _QI.interpret(raw)
    assert not (isinstance(result, QrRefusal) and result.detail.startswith("internal")), result.detail
    if isinstance(result, PlainCode):
        assert first_refused(result.text) is None
    if isinstance(result, PaymentReference):
        assert result.text.isascii() and len(result.digits) == 16
