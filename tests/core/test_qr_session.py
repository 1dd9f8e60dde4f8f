"""Scanned codes through the Session (no Qt), and a prepared instruction end to end: signed by the
platform simulator, verified with the key the kiosk fetched, reviewed, queued in the real SQLite
outbox, synced, and refused the second time."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain.assurance import SignIn
from kiosk.no_card_reader import NoCardReader
from kiosk.qr import PaymentReference, PlainCode, PreparedInstruction, QrRefusal, refusal
from kiosk.services import KioskServices
from tests.support.member import sign_in_by_code
from tests.support.platform import SimProcess, loopback_session
from tests.support.qr import MEMBER, OTHER_MEMBER, Signer, interpreter
from tests.support.sign_in import sign_in_by_sms


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer()


def prepared(signer: Signer, hkid: str = MEMBER, **kw: Any) -> PreparedInstruction:
    qi, _ = interpreter(signer)
    result = qi.interpret(signer.code(hkid=hkid, **kw).encode())
    assert isinstance(result, PreparedInstruction)
    return result


def at_menu(hkid: str = MEMBER, sign_in: SignIn | None = None) -> Session:
    """Identified by a typed number and signed in (the prepared instructions here need it);
    `sign_in`: the platform's own, for an instruction delivered to the simulator."""
    s = Session()
    s.start()
    assert s.identify_typed(hkid)
    sign_in_by_code(s, result=sign_in)
    s.back()
    assert s.state.screen is Screen.MENU
    return s


def test_prepared_at_menu_goes_to_review(signer: Signer) -> None:
    s = at_menu()
    assert s.qr_received(prepared(signer)) == "review"
    st = s.state
    assert st.screen is Screen.REVIEW and st.instruction_type == "CHANGE_PARTICULARS"
    assert st.form_values == {"mobile": "91234567", "language": "en"}
    instruction = s.confirm_started()
    assert instruction.member.hkid == MEMBER and dict(instruction.values) == st.form_values


def test_prepared_before_identifying_waits_for_the_member(signer: Signer) -> None:
    s = Session()
    assert s.qr_received(prepared(signer)) == "pending"  # on attract: starts a session
    assert s.state.screen is Screen.IDENTIFY and s.state.notice is not None
    assert s.identify_typed(MEMBER)
    assert s.state.screen is Screen.REVIEW and s.state.prepared is not None


def test_prepared_for_another_member_is_refused(signer: Signer) -> None:
    s = Session()
    s.qr_received(prepared(signer, hkid=OTHER_MEMBER))
    s.identify_typed(MEMBER)
    assert s.state.screen is Screen.MENU and s.state.prepared is None
    assert s.state.notice == refusal("PREPARED_OTHER_MEMBER").pair
    s2 = at_menu()
    assert s2.qr_received(prepared(signer, hkid=OTHER_MEMBER)) == "refused"
    assert s2.state.screen is Screen.MENU and s2.state.form_values == {}


def test_back_from_a_prepared_review_drops_it(signer: Signer) -> None:
    s = at_menu()
    s.qr_received(prepared(signer))
    s.back()
    assert s.state.screen is Screen.MENU and s.state.prepared is None and s.state.form_values == {}


def test_scan_screen_and_steps(signer: Signer) -> None:
    s = at_menu()
    s.scan_requested()
    assert s.state.screen is Screen.SCAN and s.step() == (3, 5)
    s.qr_received(refusal("NOT_FOR_KIOSK"))
    assert s.state.screen is Screen.SCAN and s.state.notice == refusal("NOT_FOR_KIOSK").pair
    s.back()
    assert s.state.screen is Screen.MENU
    s.scan_requested()
    assert s.qr_received(prepared(signer)) == "review"


def test_codes_into_form_fields() -> None:
    s = at_menu()
    s.choose("CHANGE_PARTICULARS")
    assert s.qr_received(PlainCode("91234567"), field_name="mobile") == "field"
    assert s.state.form_raw["mobile"] == "91234567" and not s.state.errors
    assert s.qr_received(PlainCode("1234"), field_name="mobile") == "field-error"
    assert [e.field for e in s.state.errors] == ["mobile"]
    assert s.qr_received(PlainCode("91234567"), field_name=None) == "refused"  # no field focused
    assert s.state.notice == refusal("NOT_FOR_KIOSK").pair
    assert s.qr_received(PaymentReference("RSD", "1" * 16), field_name=None) == "refused"
    assert s.state.notice is not None and "RSD" in s.state.notice[1]


def test_scans_are_ignored_while_reviewing_or_saving(signer: Signer) -> None:
    s = at_menu()
    s.qr_received(prepared(signer))
    assert s.qr_received(refusal("NOT_FOR_KIOSK")) == "ignored"
    s.confirm_started()
    assert s.qr_received(prepared(signer)) == "ignored"
    assert s.state.notice is None


# ---------------------------------------------------------------- end to end with the simulator


@pytest.fixture
def services(platform_sim: SimProcess, tmp_path: Path) -> Iterator[KioskServices]:
    cfg = KioskConfig(data_dir=tmp_path / "kiosk", platform_url=platform_sim.url, sync_interval_s=0.2)
    svc = build_services(cfg, cards=NoCardReader())
    device_id, secret = svc.client.enrol("TEST-CODE-1", "qr-test")
    svc.keystore.save_device_credentials(device_id, secret)
    yield svc
    svc.close()


def prepare_on_platform(sim: SimProcess, **body: Any) -> dict[str, Any]:
    with loopback_session() as http:
        r = http.post(f"{sim.url}/admin/prepared-instructions", json=body, timeout=5)
    assert r.status_code == 201, r.text
    answer: dict[str, Any] = r.json()
    return answer


def test_prepared_instruction_end_to_end(platform_sim: SimProcess, services: KioskServices) -> None:
    code = prepare_on_platform(platform_sim, type="CHANGE_PARTICULARS", hkid="A123456(3)",
                               values={"email": "Chan@Example.com", "address": "香港九龍彌敦道 1 號"})
    # The kiosk has never seen this key: the unknown key id makes it fetch the platform's list.
    result = services.qr.interpret(code["qr"].encode())
    assert isinstance(result, PreparedInstruction), result
    assert (services.config.data_dir / "qr-keys.json").exists()  # cached for offline use
    s = at_menu(sign_in=sign_in_by_sms(services.client, platform_sim))
    assert s.qr_received(result) == "review"
    instruction = s.confirm_started()
    assert services.qr.claim(result) is None
    receipt = services.enqueue(instruction)
    s.confirmed(receipt)
    assert s.state.prepared is None
    services.engine.drain()
    stored = platform_sim.admin_instructions()
    assert [i["kiosk_ref"] for i in stored] == [receipt.kiosk_ref]
    assert stored[0]["payload"]["values"] == {"email": "chan@example.com", "address": "香港九龍彌敦道 1 號"}
    again = services.qr.interpret(code["qr"].encode())
    assert isinstance(again, QrRefusal) and again.code == "PREPARED_USED"


def test_platform_signed_code_for_someone_else_and_tampered(platform_sim: SimProcess,
                                                           services: KioskServices) -> None:
    services.qr.refresh_keys(min_age_s=0)
    code = prepare_on_platform(platform_sim, type="CHANGE_PARTICULARS", hkid="Z683365(A)",
                               values={"mobile": "61234567"})
    result = services.qr.interpret(code["qr"].encode())
    assert isinstance(result, PreparedInstruction) and not result.for_member(MEMBER)
    text = code["qr"]
    tampered = text[:-5] + ("0" if text[-5] != "0" else "1") + text[-4:]
    bad = services.qr.interpret(tampered.encode())
    assert isinstance(bad, QrRefusal) and bad.code in ("PREPARED_SIGNATURE", "PREPARED_MALFORMED")


def test_keys_survive_going_offline(platform_sim: SimProcess, services: KioskServices, tmp_path: Path) -> None:
    assert services.qr.refresh_keys(min_age_s=0)
    code = prepare_on_platform(platform_sim, type="CHANGE_PARTICULARS", hkid=MEMBER, values={"language": "zh"})
    platform_sim.stop()
    again = build_services(services.config, cards=NoCardReader())  # a restart with the network down
    try:
        assert isinstance(again.qr.interpret(code["qr"].encode()), PreparedInstruction)
    finally:
        again.close()


def test_sim_refuses_bad_prepare_requests(platform_sim: SimProcess) -> None:
    with loopback_session() as http:
        for body in ({"type": "NOPE", "hkid": MEMBER, "values": {}}, {"type": "CHANGE_PARTICULARS", "values": {}},
                     {"type": "CHANGE_PARTICULARS", "hkid": MEMBER, "values": {"a": "x" * 2000}}):
            r = http.post(f"{platform_sim.url}/admin/prepared-instructions", json=body, timeout=5)
            assert r.status_code == 400 and r.json()["error"]["message_en"]
        device = platform_sim.enrol()
        keys = platform_sim.signed_request(*device, "GET", "/v1/kiosk/qr-keys").json()
    assert keys["keys"][0]["alg"] == "Ed25519"
    assert len(base64.b64decode(keys["keys"][0]["public_key"])) == 32
