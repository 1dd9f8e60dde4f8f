"""Hostile requests to the simulator, over real HTTP: every one answers 4xx with a bilingual error,
never 5xx, and stores nothing it should not (docs/platform-api.yaml, "Request bodies", "Text",
"Idempotency")."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.platform_sim.test_platform_sim import BATCH, assert_bilingual, encode, item, results
from tests.support.platform import NO_SIGN_IN, SimProcess, loopback_session

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in

ENROL = "/v1/devices/enrol"
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimProcess]:
    codes = [f"HOSTILE-{i}" for i in range(4)]
    process = SimProcess(tmp_path_factory.mktemp("hostile") / "sim", enrolment_codes=codes, extra_args=NO_SIGN_IN)
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture(scope="module")
def device(sim: SimProcess) -> tuple[str, str]:
    return sim.enrol("HOSTILE-0")


def post_raw(sim: SimProcess, path: str, body: bytes) -> requests.Response:
    with loopback_session() as session:
        return session.post(f"{sim.url}{path}", data=body, headers={"Content-Type": "application/json"}, timeout=10)


def signed_post(sim: SimProcess, device: tuple[str, str], body: bytes) -> requests.Response:
    return sim.signed_request(*device, "POST", BATCH, body, timeout=20)


def stored_keys(sim: SimProcess) -> list[str]:
    return [i["idempotency_key"] for i in sim.admin_instructions()]


# ---------------------------------------------------------------- bodies

HOSTILE_BODIES = {
    "nested-list": (b"[" * 100_000, 400, "JSON_TOO_DEEP"),
    "nested-object": (b'{"a":' * 50_000, 400, "JSON_TOO_DEEP"),
    "lone-surrogate": (b'{"code": "\\ud800", "device_name": "x"}', 400, "TEXT_INVALID"),
    "lone-surrogate-key": (b'{"\\udfff": 1}', 400, "TEXT_INVALID"),
    "not-utf8": (b'{"code": "\xff\xfe", "device_name": "x"}', 400, "BODY_NOT_UTF8"),
    "encoded-surrogate": (b'{"code": "\xed\xa0\x80", "device_name": "x"}', 400, "BODY_NOT_UTF8"),
    "overflow": (b'{"code": 1e400, "device_name": "x"}', 400, "NUMBER_NOT_FINITE"),
    "nan": (b'{"code": NaN, "device_name": "x"}', 400, "NUMBER_NOT_FINITE"),
    "infinity": (b'{"code": -Infinity, "device_name": "x"}', 400, "NUMBER_NOT_FINITE"),
    "huge-integer": (b'{"code": ' + b"9" * 5000 + b"}", 400, "BAD_REQUEST"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
@pytest.mark.parametrize("path", [ENROL, "/admin/enrolment-codes", "/admin/faults", "/admin/iamsmart/scan",
                                  "/admin/prepared-instructions"])
def test_unauthenticated_and_admin_routes_answer_hostile_bodies_with_4xx(sim: SimProcess, path: str,
                                                                         name: str) -> None:
    body, status, code = HOSTILE_BODIES[name]
    response = post_raw(sim, path, body)
    assert response.status_code == status, (name, response.status_code, response.text[:200])
    assert_bilingual(response.json()["error"], code)


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_signed_batch_answers_hostile_bodies_with_4xx(sim: SimProcess, device: tuple[str, str], name: str) -> None:
    body, status, code = HOSTILE_BODIES[name]
    response = signed_post(sim, device, body)
    assert response.status_code == status, (name, response.status_code, response.text[:200])
    assert_bilingual(response.json()["error"], code)


def test_nan_and_overflow_inside_a_valid_batch_are_refused_and_not_stored(sim: SimProcess,
                                                                          device: tuple[str, str]) -> None:
    before = stored_keys(sim)
    for number in (b"1e400", b"NaN", b"-1e999"):
        body = encode([item(values={"mobile": "91234567", "amount": 0.5})]).replace(b"0.5", number)
        response = signed_post(sim, device, body)
        assert response.status_code == 400
        assert_bilingual(response.json()["error"], "NUMBER_NOT_FINITE")
    assert stored_keys(sim) == before


def test_a_body_over_1_mib_is_413_before_the_signature_or_the_json(sim: SimProcess, device: tuple[str, str]) -> None:
    padding = "x" * 1000
    items = [item(values={"mobile": "91234567", "note": padding}) for _ in range(100)]
    body = encode(items)
    body = body[:-2] + b', "pad": "' + b"y" * (MIB - len(body)) + b'"}'  # just over the limit, valid JSON
    assert MIB < len(body) < MIB + 100
    before = stored_keys(sim)
    response = signed_post(sim, device, body)
    assert response.status_code == 413
    assert_bilingual(response.json()["error"], "BODY_TOO_LARGE")
    assert post_raw(sim, ENROL, b" " * (MIB + 1)).status_code == 413  # unauthenticated too
    assert stored_keys(sim) == before


def test_a_chunked_body_over_the_limit_is_413(sim: SimProcess) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b" " * (128 * 1024)

    with loopback_session() as session:
        response = session.post(f"{sim.url}{ENROL}", data=chunks(), timeout=10)
    assert response.status_code == 413
    assert_bilingual(response.json()["error"], "BODY_TOO_LARGE")


def test_a_body_just_under_the_limit_is_read(sim: SimProcess) -> None:
    body = json.dumps({"code": "x", "device_name": "y", "pad": "z" * (MIB - 100)}).encode()
    assert len(body) <= MIB
    response = post_raw(sim, ENROL, body)
    assert response.status_code == 403  # read and judged: the code is unknown


# ---------------------------------------------------------------- stored data

def test_an_already_stored_infinity_does_not_break_the_admin_listing(sim: SimProcess,
                                                                     device: tuple[str, str]) -> None:
    accepted = results(signed_post(sim, device, encode([item()])))[0]
    assert accepted["status"] == "accepted"
    # A store written before numbers had to be finite: the payload column holds JSON's Infinity.
    with sqlite3.connect(str(sim.db_path)) as conn:
        conn.execute("UPDATE instructions SET payload = ? WHERE idempotency_key = ?",
                     ('{"member": {"hkid": "A123456(3)"}, "values": {"amount": Infinity, "x": NaN}}',
                      accepted["idempotency_key"]))
    with loopback_session() as session:
        response = session.get(f"{sim.url}/admin/instructions", timeout=5)
    assert response.status_code == 200
    listed = {i["idempotency_key"]: i for i in response.json()["items"]}
    assert listed[accepted["idempotency_key"]]["payload"]["values"] == {"amount": "Infinity", "x": "NaN"}


# ---------------------------------------------------------------- idempotency keys

def spellings(key: uuid.UUID) -> list[str]:
    text = str(key)
    return [text.upper(), "{" + text + "}", "urn:uuid:" + text, key.hex, key.hex.upper(), "{" + key.hex.upper() + "}"]


def test_every_spelling_of_one_uuid_is_one_instruction(sim: SimProcess, device: tuple[str, str]) -> None:
    key = uuid.uuid4()
    first = results(signed_post(sim, device, encode([item(key=str(key))])))[0]
    assert first["status"] == "accepted"
    for spelling in spellings(key):
        again = results(signed_post(sim, device, encode([item(key=spelling)])))[0]
        assert again == {"idempotency_key": spelling, "status": "duplicate", "platform_ref": first["platform_ref"],
                         "reason": None}
    assert stored_keys(sim).count(str(key)) == 1


def test_a_first_send_in_another_spelling_is_stored_canonically(sim: SimProcess, device: tuple[str, str]) -> None:
    key = uuid.uuid4()
    sent = "urn:uuid:" + str(key).upper()
    answer = results(signed_post(sim, device, encode([item(key=sent), item(key=key.hex)])))
    assert [a["status"] for a in answer] == ["accepted", "duplicate"]
    assert answer[0]["idempotency_key"] == sent
    assert str(key) in stored_keys(sim)


@pytest.mark.parametrize("spelling", [
    "{0f8fad5b-d9cb-469f-a165-70867728950e",  # one brace
    "0f8fad5b-d9cb-469f-a165-70867728950e0",  # a digit too many
    "0f8fad5bd9cb469fa16570867728950_",  # uuid.UUID() reads underscores through int()
    "０f8fad5b-d9cb-469f-a165-70867728950e",  # a full-width digit (int() reads that too)
    " 0f8fad5b-d9cb-469f-a165-70867728950e",
    "0f8-fad5bd9cb469fa16570867728950e",  # hyphens in the wrong places
])
def test_other_uuid_spellings_are_refused(sim: SimProcess, device: tuple[str, str], spelling: str) -> None:
    response = signed_post(sim, device, encode([item(key=spelling)]))
    assert response.status_code == 400
    assert_bilingual(response.json()["error"], "BAD_REQUEST")


# ---------------------------------------------------------------- text policy

@pytest.mark.parametrize("text", ["CHAN\x00TAI MAN", "CHAN \u202eNAM IAT", "陳\u200d大文", "CHAN\u2028TAI",
                                  "CHAN\tTAI", "e\u0301"])
def test_payload_text_outside_the_policy_rejects_the_item(sim: SimProcess, device: tuple[str, str],
                                                          text: str) -> None:
    hostile = item()
    hostile["payload"]["member"]["name_en"] = text
    fine = item()
    answer = results(signed_post(sim, device, encode([hostile, fine])))
    assert [a["status"] for a in answer] == ["rejected", "accepted"]
    assert_bilingual(answer[0]["reason"], "TEXT_INVALID")
    assert "member.name_en" in answer[0]["reason"]["message_en"]
    assert text not in json.dumps(answer, ensure_ascii=False)  # the reason never quotes the text
    assert hostile["idempotency_key"] not in stored_keys(sim)


def test_control_characters_in_values_and_keys_reject_the_item(sim: SimProcess, device: tuple[str, str]) -> None:
    in_value = item(values={"mobile": "91234567", "email": "a\u202e@example.com"})
    in_key = item("FUND_SWITCH", values={"allocation": {"CAF\x00": 100}})
    answer = results(signed_post(sim, device, encode([in_value, in_key])))
    assert [a["reason"]["code"] for a in answer] == ["TEXT_INVALID", "TEXT_INVALID"]


def test_envelope_codes_must_be_printable_ascii(sim: SimProcess, device: tuple[str, str]) -> None:
    for name, value in (("kiosk_ref", "K-\u202eTEST"), ("type", "CHANGE_PARTICULARſ"), ("member_key", "mk\x00")):
        response = signed_post(sim, device, encode([{**item(), name: value}]))
        assert response.status_code == 400, name
        assert_bilingual(response.json()["error"], "BAD_REQUEST")


def test_a_look_alike_letter_is_not_an_hkid_letter(sim: SimProcess, device: tuple[str, str]) -> None:
    # S123456(?) is valid with some check digit; the long s (U+017F) upper-cases to S but is not one.
    from platform_sim.hkid import check_character
    genuine = "S123456" + check_character("S123456")
    answer = results(signed_post(sim, device, encode([item(hkid=genuine), item(hkid="\u017f" + genuine[1:])])))
    assert answer[0]["status"] == "accepted"
    assert answer[1]["status"] == "rejected"
    assert_bilingual(answer[1]["reason"], "HKID_INVALID")


def test_the_admin_listing_still_answers_after_all_of_this(sim: SimProcess, tmp_path: Path) -> None:
    with loopback_session() as session:
        for path in ("/admin/instructions", "/admin/stats", "/health"):
            assert session.get(f"{sim.url}{path}", timeout=5).status_code == 200
    stats: dict[str, Any] = sim.stats()
    assert not any(str(k).startswith("5") for route in stats.get("requests", {}).values()
                   if isinstance(route, dict) for k in route), stats
