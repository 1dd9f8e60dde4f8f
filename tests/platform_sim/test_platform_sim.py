"""The platform simulator's contract, exercised over real HTTP against the real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from typing import Any

import pytest
import requests

from tests.support.platform import (
    NO_SIGN_IN,
    REPO_ROOT,
    TEST_ENROLMENT_CODE,
    SimProcess,
    loopback_session,
    signed_headers,
)

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in

BATCH = "/v1/instructions/batch"
VALID_HKIDS = ("A123456(3)", "CA182361(1)", "Z683365(A)", "a123456 3")
NAME_EN = "CHAN Tai Man"
NAME_ZH = "陳大文"


def item(
    type_: str = "CHANGE_PARTICULARS",
    *,
    hkid: str | None = "A123456(3)",
    values: dict[str, Any] | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    member: dict[str, Any] = {"name_en": NAME_EN, "name_zh": NAME_ZH, "date_of_birth": "1970-01-31", "source": "card"}
    if hkid is not None:
        member["hkid"] = hkid
    return {
        "idempotency_key": key or str(uuid.uuid4()),
        "kiosk_ref": "K-TEST-" + uuid.uuid4().hex[:6].upper(),
        "type": type_,
        "member_key": "mk-" + uuid.uuid4().hex[:8],
        "queued_at": "2026-03-02T10:15:00+08:00",
        "payload": {"member": member, "values": values if values is not None else {"mobile": "91234567"}},
    }


def encode(items: list[dict[str, Any]]) -> bytes:
    return json.dumps({"items": items}, ensure_ascii=False).encode("utf-8")


def post_batch(sim: SimProcess, device: tuple[str, str], items: list[dict[str, Any]]) -> requests.Response:
    return sim.signed_request(device[0], device[1], "POST", BATCH, encode(items))


def results(response: requests.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["results"]
    return found


@pytest.fixture
def device(platform_sim: SimProcess) -> tuple[str, str]:
    return platform_sim.enrol()


def assert_bilingual(error: dict[str, Any], code: str) -> None:
    assert error["code"] == code
    assert error["message_en"].isascii() and error["message_en"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message_zh"]), error["message_zh"]


# ---------------------------------------------------------------- health and enrolment


def test_health_reports_status_time_and_version(platform_sim: SimProcess) -> None:
    with loopback_session() as s:
        response = s.get(platform_sim.url + "/health", timeout=5)
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok" and isinstance(body["version"], str)
    assert abs(body["time"] - time.time()) < 5


def test_enrolment_code_is_one_time_and_gives_a_32_byte_secret(platform_sim: SimProcess) -> None:
    import base64

    device_id, secret = platform_sim.enrol()
    assert device_id and len(base64.b64decode(secret)) == 32
    with loopback_session() as s:
        again = s.post(platform_sim.url + "/v1/devices/enrol", json={"code": TEST_ENROLMENT_CODE, "device_name": "x"})
        unknown = s.post(platform_sim.url + "/v1/devices/enrol", json={"code": "NOPE", "device_name": "x"})
        malformed = s.post(platform_sim.url + "/v1/devices/enrol", data=b"{not json")
    for refused in (again, unknown):
        assert refused.status_code == 403
        assert_bilingual(refused.json()["error"], "ENROL_CODE_INVALID")
    assert malformed.status_code == 400
    assert_bilingual(malformed.json()["error"], "BAD_REQUEST")


def test_a_replaced_terminal_enrols_with_a_new_code_as_a_new_device(platform_sim: SimProcess) -> None:
    first = platform_sim.enrol()
    platform_sim.add_enrolment_code("REPLACEMENT-1")
    second = platform_sim.enrol("REPLACEMENT-1", "replacement")
    assert first[0] != second[0] and first[1] != second[1]
    with loopback_session() as s:
        listed = s.get(platform_sim.url + "/v1/kiosk/config", headers=signed_headers(*first, "GET", "/v1/kiosk/config"))
    assert listed.status_code == 200  # the old device is not revoked by the new enrolment


# ---------------------------------------------------------------- batches


def test_signed_batch_is_accepted_stored_and_queryable(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    sent = [item(), item("FUND_SWITCH", values={"allocation": {"CAF": 60, "GLBEQ": 40}})]
    got = results(post_batch(platform_sim, device, sent))
    assert [r["idempotency_key"] for r in got] == [i["idempotency_key"] for i in sent]
    assert [r["status"] for r in got] == ["accepted", "accepted"]
    assert all(r["reason"] is None for r in got)
    refs = [r["platform_ref"] for r in got]
    assert all(ref.startswith("EMPF-") and len(ref.split("-")[2]) == 6 for ref in refs) and len(set(refs)) == 2

    held = platform_sim.admin_instructions()
    assert [h["platform_ref"] for h in held] == refs
    assert held[0]["payload"] == sent[0]["payload"] and held[0]["device_id"] == device[0]

    path = f"/v1/instructions/{refs[1]}"
    status = platform_sim.signed_request(*device, "GET", path)
    assert status.status_code == 200
    body = status.json()
    assert body["status"] == "received" and body["platform_ref"] == refs[1]
    assert body["kiosk_ref"] == sent[1]["kiosk_ref"] and body["idempotency_key"] == sent[1]["idempotency_key"]
    assert body["type"] == "FUND_SWITCH" and body["received_at"]

    missing = platform_sim.signed_request(*device, "GET", "/v1/instructions/EMPF-2026-999999")
    assert missing.status_code == 404
    assert_bilingual(missing.json()["error"], "NOT_FOUND")


def test_a_known_key_is_a_duplicate_with_the_same_ref_from_any_device(
    platform_sim: SimProcess, device: tuple[str, str]
) -> None:
    original = item()
    first = results(post_batch(platform_sim, device, [original]))[0]
    platform_sim.add_enrolment_code("SECOND")
    other = platform_sim.enrol("SECOND", "second kiosk")
    again = results(post_batch(platform_sim, device, [original]))[0]
    elsewhere = results(post_batch(platform_sim, other, [original]))[0]
    twice_in_one = results(post_batch(platform_sim, device, [fresh := item(), fresh]))
    assert first["status"] == "accepted"
    for dup in (again, elsewhere):
        assert dup["status"] == "duplicate" and dup["platform_ref"] == first["platform_ref"] and dup["reason"] is None
    assert [r["status"] for r in twice_in_one] == ["accepted", "duplicate"]
    assert twice_in_one[0]["platform_ref"] == twice_in_one[1]["platform_ref"]
    assert len(platform_sim.admin_instructions()) == 2
    assert platform_sim.stats()["items"] == {"accepted": 2, "duplicate": 3, "rejected": 0}


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (item("PAY_BILLS"), "TYPE_UNKNOWN"),
        (item(hkid=None), "HKID_INVALID"),
        (item(hkid="A123456(A)"), "HKID_INVALID"),  # the government schema's sample: wrong check character
        (item(hkid="123456(3)"), "HKID_INVALID"),
        (item("FUND_SWITCH", values={"allocation": {"CAF": 50, "BITCOIN": 50}}), "FUND_UNKNOWN"),
        (item("FUND_SWITCH", values={}), "FUND_UNKNOWN"),
    ],
    ids=["type", "no-hkid", "bad-check", "no-prefix", "fund", "no-allocation"],
)
def test_rejections_are_bilingual_remembered_and_not_stored(
    platform_sim: SimProcess, device: tuple[str, str], bad: dict[str, Any], code: str
) -> None:
    bad = {**bad, "idempotency_key": str(uuid.uuid4())}
    good = item()
    got = results(post_batch(platform_sim, device, [bad, good]))
    assert got[0]["status"] == "rejected" and got[0]["platform_ref"] is None
    assert_bilingual(got[0]["reason"], code)
    assert got[1]["status"] == "accepted"  # one bad item does not sink the batch
    again = results(post_batch(platform_sim, device, [bad]))[0]
    assert again == got[0]
    assert [h["idempotency_key"] for h in platform_sim.admin_instructions()] == [good["idempotency_key"]]
    rejected = platform_sim.admin_rejections()
    assert [r["idempotency_key"] for r in rejected] == [bad["idempotency_key"]]
    assert "payload" not in rejected[0]  # the platform keeps no personal data of a rejected item


@pytest.mark.parametrize("hkid", VALID_HKIDS)
def test_valid_hkid_forms_are_accepted(platform_sim: SimProcess, device: tuple[str, str], hkid: str) -> None:
    assert results(post_batch(platform_sim, device, [item(hkid=hkid)]))[0]["status"] == "accepted"


def test_every_instruction_type_is_known(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    types = ["CHANGE_PARTICULARS", "TRANSFER_BENEFITS", "WITHDRAWAL_CLAIM", "CONTRIBUTION_DATA"]
    registration = item("MEMBER_REGISTRATION", values={"identity_source": "CARD_STAFF_CHECKED"})
    registration["payload"]["member"]["verified_by_staff"] = "S0042"  # registration needs a checked identity
    sent = [item(t) for t in types] + [item("FUND_SWITCH", values={"allocation": {"A65": 100}}), registration]
    assert {r["status"] for r in results(post_batch(platform_sim, device, sent))} == {"accepted"}


def test_empty_batch_is_fine_and_100_items_is_the_limit(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    assert results(post_batch(platform_sim, device, [])) == []
    full = results(post_batch(platform_sim, device, [item() for _ in range(100)]))
    assert len(full) == 100 and {r["status"] for r in full} == {"accepted"}
    too_many = post_batch(platform_sim, device, [item() for _ in range(101)])
    assert too_many.status_code == 400
    assert_bilingual(too_many.json()["error"], "BATCH_TOO_LARGE")
    assert len(platform_sim.admin_instructions()) == 100


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'{"items": {}}',
        encode([{"type": "CHANGE_PARTICULARS"}]),
        encode([{**item(), "idempotency_key": "not-a-uuid"}]),
        encode([{**item(), "queued_at": "yesterday"}]),
        encode([{**item(), "payload": {"values": {}}}]),
        encode([{**item(), "payload": {"member": {"hkid": "A123456(3)", "source": "fax"}, "values": {}}}]),
    ],
    ids=["json", "list", "items-object", "fields", "uuid", "queued_at", "no-member", "source"],
)
def test_malformed_batches_get_400_and_store_nothing(
    platform_sim: SimProcess, device: tuple[str, str], body: bytes
) -> None:
    response = platform_sim.signed_request(*device, "POST", BATCH, body)
    assert response.status_code == 400
    assert_bilingual(response.json()["error"], "BAD_REQUEST")
    assert platform_sim.admin_instructions() == [] and platform_sim.admin_rejections() == []


def test_concurrent_sends_of_one_key_store_it_once(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    platform_sim.add_enrolment_code("SECOND")
    other = platform_sim.enrol("SECOND", "second kiosk")
    shared = [item() for _ in range(20)]
    answers: list[list[dict[str, Any]]] = []
    start = threading.Barrier(2, timeout=5)

    def send(dev: tuple[str, str]) -> None:
        start.wait()
        answers.append(results(post_batch(platform_sim, dev, shared)))

    threads = [threading.Thread(target=send, args=(d,)) for d in (device, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(answers) == 2
    assert [r["platform_ref"] for r in answers[0]] == [r["platform_ref"] for r in answers[1]]
    assert sorted(r["status"] for a in answers for r in a) == ["accepted"] * 20 + ["duplicate"] * 20
    assert len(platform_sim.admin_instructions()) == 20


# ---------------------------------------------------------------- signatures


def test_config_lists_funds_announcements_and_timings(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    response = platform_sim.signed_request(*device, "GET", "/v1/kiosk/config")
    body = response.json()
    assert response.status_code == 200
    assert {"CAF", "A65", "MPFCON", "GLBEQ", "HKEQ", "BOND"} <= {f["code"] for f in body["funds"]}
    assert all(f["name_zh"] and f["name_en"] for f in body["funds"])
    assert body["announcements"] and {"zh", "en"} == set(body["announcements"][0])
    assert isinstance(body["idle_timeout_s"], int) and isinstance(body["batch_size"], int)


def _unauthorised(response: requests.Response, code: str) -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert_bilingual(body["error"], code)
    assert abs(body["server_time"] - time.time()) < 5


def test_signature_problems_get_401_with_server_time(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    device_id, secret = device
    body = encode([item()])
    url = platform_sim.url + BATCH
    with loopback_session() as s:
        _unauthorised(s.post(url, data=body), "SIGNATURE_MISSING")
        partial = signed_headers(device_id, secret, "POST", BATCH, body)
        del partial["X-Empf-Signature"]
        _unauthorised(s.post(url, data=body, headers=partial), "SIGNATURE_MISSING")
        _unauthorised(
            s.post(url, data=body, headers=signed_headers("dev-nobody", secret, "POST", BATCH, body)), "DEVICE_UNKNOWN"
        )
        wrong_key = signed_headers(device_id, bytes(32), "POST", BATCH, body)
        _unauthorised(s.post(url, data=body, headers=wrong_key), "SIGNATURE_INVALID")
        other_body = signed_headers(device_id, secret, "POST", BATCH, encode([item()]))
        _unauthorised(s.post(url, data=body, headers=other_body), "SIGNATURE_INVALID")
        other_path = signed_headers(device_id, secret, "POST", "/v1/kiosk/config", body)
        _unauthorised(s.post(url, data=body, headers=other_path), "SIGNATURE_INVALID")
        upper = signed_headers(device_id, secret, "POST", BATCH, body)
        upper["X-Empf-Signature"] = upper["X-Empf-Signature"].upper()
        _unauthorised(s.post(url, data=body, headers=upper), "SIGNATURE_INVALID")
        odd_time = {**signed_headers(device_id, secret, "POST", BATCH, body), "X-Empf-Timestamp": "12.5"}
        _unauthorised(s.post(url, data=body, headers=odd_time), "SIGNATURE_INVALID")
        for skew in (-301, 301):
            stale = signed_headers(device_id, secret, "POST", BATCH, body, timestamp=int(time.time()) + skew)
            _unauthorised(s.post(url, data=body, headers=stale), "TIMESTAMP_STALE")
        edge = signed_headers(device_id, secret, "POST", BATCH, body, timestamp=int(time.time()) - 295)
        assert s.post(url, data=body, headers=edge).status_code == 200
    assert len(platform_sim.admin_instructions()) == 1  # only the fresh, valid request stored anything


def test_query_string_is_part_of_the_signed_path(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    path = "/v1/kiosk/config?lang=zh"
    with loopback_session() as s:
        good = s.get(platform_sim.url + path, headers=signed_headers(*device, "GET", path))
        bare = s.get(platform_sim.url + path, headers=signed_headers(*device, "GET", "/v1/kiosk/config"))
    assert good.status_code == 200
    _unauthorised(bare, "SIGNATURE_INVALID")


# ---------------------------------------------------------------- admin, stats, restart, privacy


def test_admin_from_loopback_works(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    results(post_batch(platform_sim, device, [item(), item("PAY_BILLS")]))
    with loopback_session() as s:
        created = s.post(platform_sim.url + "/admin/enrolment-codes", json={"code": "NEW-1"})
        bad = s.post(platform_sim.url + "/admin/enrolment-codes", json={"code": ""})
    assert created.status_code == 201 and created.json() == {"code": "NEW-1", "usable": True}
    assert bad.status_code == 400
    stats = platform_sim.stats()
    assert stats["items"] == {"accepted": 1, "duplicate": 0, "rejected": 1}
    assert stats["requests"][f"POST {BATCH}"] == {"200": 1}
    assert stats["requests"]["POST /v1/devices/enrol"] == {"200": 1}
    assert platform_sim.faults()["status_rates"] == {}


def test_unknown_routes_and_methods_get_json_errors(platform_sim: SimProcess) -> None:
    with loopback_session() as s:
        missing = s.get(platform_sim.url + "/v2/anything")
        wrong_method = s.get(platform_sim.url + "/v1/devices/enrol")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "NOT_FOUND"
    assert wrong_method.status_code == 405 and wrong_method.json()["error"]["code"] == "METHOD_NOT_ALLOWED"


def test_data_and_devices_survive_a_restart_and_a_crash(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    first = item()
    ref = results(post_batch(platform_sim, device, [first]))[0]["platform_ref"]
    port = platform_sim.port
    assert platform_sim.stop() == 0  # SIGTERM is a clean shutdown
    platform_sim.start()
    assert platform_sim.port == port
    again = results(post_batch(platform_sim, device, [first]))[0]
    assert again == {
        "idempotency_key": first["idempotency_key"],
        "status": "duplicate",
        "platform_ref": ref,
        "reason": None,
    }
    second = item()
    ref2 = results(post_batch(platform_sim, device, [second]))[0]["platform_ref"]
    platform_sim.kill()  # answered means committed: a crash right after must not lose it
    platform_sim.start()
    assert [h["platform_ref"] for h in platform_sim.admin_instructions()] == [ref, ref2]
    with loopback_session() as s:  # the used code stays used although the CLI offers it again
        reuse = s.post(platform_sim.url + "/v1/devices/enrol", json={"code": TEST_ENROLMENT_CODE, "device_name": "x"})
    assert reuse.status_code == 403


def test_logs_hold_keys_and_refs_but_no_personal_data(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    sent = item(hkid="CA182361(1)", values={"bank_account": "012-345678-901", "mobile": "98765432"})
    ref = results(post_batch(platform_sim, device, [sent, item("PAY_BILLS", hkid="Z683365(A)")]))[0]["platform_ref"]
    platform_sim.stop()
    log = platform_sim.log_path.read_text("utf-8")
    assert sent["idempotency_key"] in log and ref in log
    for secret in ("CA182361", "Z683365", NAME_EN, NAME_ZH, "012-345678-901", "98765432", TEST_ENROLMENT_CODE):
        assert secret not in log


# ---------------------------------------------------------------- CLI


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "platform_sim.cli", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=30
    )


def test_cli_refuses_a_non_loopback_host(tmp_path: Any) -> None:
    for host in ("0.0.0.0", "192.168.1.10", "example.com"):
        done = _cli("--host", host, "--port", "0", "--db", str(tmp_path / "x.db"))
        assert done.returncode == 2 and "loopback" in done.stderr and not (tmp_path / "x.db").exists()


def test_cli_reports_a_store_it_cannot_open(tmp_path: Any) -> None:
    done = _cli("--port", "0", "--db", str(tmp_path))  # a directory, not a file
    assert done.returncode == 1 and "cannot open the store" in done.stderr


def test_cli_help_documents_every_flag() -> None:
    done = _cli("--help")
    for flag in (
        "--host",
        "--port",
        "--db",
        "--enrolment-code",
        "--latency-ms",
        "--clock-offset",
        "--seed",
        "--faults",
    ):
        assert flag in done.stdout
