"""Each fault mode of the simulator, observed from the client side over real sockets."""

from __future__ import annotations

import json
import socket
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.platform_sim.test_platform_sim import BATCH, assert_bilingual, encode, item, post_batch, results
from tests.support.platform import NO_SIGN_IN, SimProcess, loopback_session, signed_headers

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in

CONFIG = "/v1/kiosk/config"


@pytest.fixture
def device(platform_sim: SimProcess) -> tuple[str, str]:
    return platform_sim.enrol()


def raw_post(sim: SimProcess, device: tuple[str, str], path: str, body: bytes) -> bytes:
    """Everything the server writes back on one connection until it closes it (bounded)."""
    headers = {
        "Host": f"127.0.0.1:{sim.port}",
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        **signed_headers(*device, "POST", path, body),
    }
    request = f"POST {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    received = bytearray()
    with socket.create_connection(("127.0.0.1", sim.port), timeout=5) as sock:
        sock.sendall(request.encode("latin-1") + body)
        for _ in range(1000):  # EOF (or a reset) ends it long before this
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            received += chunk
    return bytes(received)


def split_responses(raw: bytes) -> list[tuple[bytes, bytes]]:
    """(head, body) of each complete Content-Length response in `raw`."""
    found = []
    while raw:
        head, sep, rest = raw.partition(b"\r\n\r\n")
        assert sep, raw
        length = next(
            int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
        )
        found.append((head, rest[:length]))
        raw = rest[length:]
    return found


def fresh_key_batch() -> tuple[dict[str, Any], bytes]:
    one = item()
    return one, encode([one])


# ---------------------------------------------------------------- before the platform handles anything


def test_latency_delays_v1_routes_but_not_health_or_admin(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    platform_sim.set_faults(latency_ms=400)
    started = time.monotonic()
    assert platform_sim.signed_request(*device, "GET", CONFIG).status_code == 200
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    with loopback_session() as s:
        assert s.get(platform_sim.url + "/health", timeout=5).status_code == 200
    platform_sim.stats()
    assert time.monotonic() - started < 0.35


def test_status_fault_answers_before_doing_anything(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    platform_sim.set_faults(status_rates={"503": 1.0})
    one, body = fresh_key_batch()
    refused = platform_sim.signed_request(*device, "POST", BATCH, body)
    assert refused.status_code == 503
    assert_bilingual(refused.json()["error"], "SERVICE_UNAVAILABLE")
    with loopback_session() as s:  # before auth too: even an unsigned request gets the fault
        assert s.get(platform_sim.url + CONFIG, timeout=5).status_code == 503
        platform_sim.add_enrolment_code("LATER")
        enrol = s.post(platform_sim.url + "/v1/devices/enrol", json={"code": "LATER", "device_name": "k"}, timeout=5)
        assert enrol.status_code == 503
        assert s.get(platform_sim.url + "/health", timeout=5).status_code == 200  # /health is spared
    assert platform_sim.admin_instructions() == []
    platform_sim.clear_faults()
    platform_sim.enrol("LATER")  # the refused enrolment did not spend the code
    assert results(post_batch(platform_sim, device, [one]))[0]["status"] == "accepted"


def test_status_mix_is_seeded_repeatable_and_roughly_at_the_rates(platform_sim: SimProcess) -> None:
    def run() -> list[int]:
        platform_sim.set_faults(status_rates={"500": 0.3, "502": 0.2}, seed=7)
        with loopback_session() as s:
            return [s.get(platform_sim.url + CONFIG, timeout=5).status_code for _ in range(80)]

    first, second = run(), run()
    assert first == second
    assert set(first) == {500, 502, 401}  # 401: the unsigned request got through to the auth check
    assert 12 <= first.count(500) <= 36 and 6 <= first.count(502) <= 28


def test_rate_limit_answers_429_with_retry_after(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    platform_sim.set_faults(rate_limit={"rate": 1.0, "retry_after_s": 7})
    response = platform_sim.signed_request(*device, "POST", BATCH, encode([item()]))
    assert response.status_code == 429 and response.headers["Retry-After"] == "7"
    assert_bilingual(response.json()["error"], "RATE_LIMITED")
    assert platform_sim.admin_instructions() == []


def test_reset_before_commit_drops_the_connection_and_stores_nothing(
    platform_sim: SimProcess, device: tuple[str, str]
) -> None:
    platform_sim.set_faults(reset_before_commit=1.0)
    one, body = fresh_key_batch()
    with pytest.raises(requests.exceptions.ConnectionError):
        platform_sim.signed_request(*device, "POST", BATCH, body)
    assert raw_post(platform_sim, device, BATCH, body) == b""  # not one byte of HTTP
    assert platform_sim.admin_instructions() == []
    platform_sim.clear_faults()
    assert results(post_batch(platform_sim, device, [one]))[0]["status"] == "accepted"
    stats = platform_sim.stats()
    assert stats["faults"]["reset_before_commit"] == 2
    assert stats["requests"][f"POST {BATCH}"]["dropped"] == 2


# ---------------------------------------------------------------- after the batch is committed


def test_reset_after_commit_stores_then_drops_and_a_retry_is_a_duplicate(
    platform_sim: SimProcess, device: tuple[str, str]
) -> None:
    platform_sim.set_faults(reset_after_commit=1.0)
    one, body = fresh_key_batch()
    with pytest.raises(requests.exceptions.ConnectionError):
        platform_sim.signed_request(*device, "POST", BATCH, body)
    held = platform_sim.admin_instructions()
    assert [h["idempotency_key"] for h in held] == [one["idempotency_key"]]
    assert raw_post(platform_sim, device, BATCH, body) == b""
    platform_sim.clear_faults()
    retry = results(post_batch(platform_sim, device, [one]))[0]
    assert retry["status"] == "duplicate" and retry["platform_ref"] == held[0]["platform_ref"]


def test_truncated_body_commits_then_cuts_the_json(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    platform_sim.set_faults(truncated_body=1.0)
    one, body = fresh_key_batch()
    with pytest.raises(requests.exceptions.ChunkedEncodingError):  # requests' name for a short body
        platform_sim.signed_request(*device, "POST", BATCH, body)
    raw = raw_post(platform_sim, device, BATCH, body)
    head, _, partial = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    promised = int(next(h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length:")).split(b":")[1])
    assert 0 < len(partial) < promised
    with pytest.raises(ValueError):
        json.loads(partial)
    held = platform_sim.admin_instructions()
    assert [h["idempotency_key"] for h in held] == [one["idempotency_key"]]
    platform_sim.clear_faults()
    assert results(post_batch(platform_sim, device, [one]))[0]["status"] == "duplicate"


def test_malformed_body_commits_then_answers_200_garbage(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    platform_sim.set_faults(malformed_body=1.0)
    one, body = fresh_key_batch()
    response = platform_sim.signed_request(*device, "POST", BATCH, body)
    assert response.status_code == 200
    with pytest.raises(requests.exceptions.JSONDecodeError):
        response.json()
    assert len(platform_sim.admin_instructions()) == 1
    platform_sim.clear_faults()
    assert results(post_batch(platform_sim, device, [one]))[0]["status"] == "duplicate"


def test_duplicate_reply_writes_the_same_answer_twice(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    platform_sim.set_faults(duplicate_reply=1.0)
    one, body = fresh_key_batch()
    replies = split_responses(raw_post(platform_sim, device, BATCH, body))
    assert len(replies) == 2 and replies[0] == replies[1]
    assert replies[0][0].startswith(b"HTTP/1.1 200 ")
    answer = json.loads(replies[0][1])["results"][0]
    assert answer["status"] == "accepted" and answer["idempotency_key"] == one["idempotency_key"]
    # An ordinary client reads the first answer and is not confused by the second.
    again = results(post_batch(platform_sim, device, [one]))[0]
    assert again["status"] == "duplicate" and again["platform_ref"] == answer["platform_ref"]
    assert len(platform_sim.admin_instructions()) == 1


def test_late_reply_commits_first_so_a_timed_out_client_finds_a_duplicate(
    platform_sim: SimProcess, device: tuple[str, str]
) -> None:
    platform_sim.set_faults(late_reply_ms=1500)
    one, body = fresh_key_batch()
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        platform_sim.signed_request(*device, "POST", BATCH, body, timeout=0.5)
    assert time.monotonic() - started < 1.4
    assert [h["idempotency_key"] for h in platform_sim.admin_instructions()] == [one["idempotency_key"]]
    platform_sim.set_faults(late_reply_ms=300)
    started = time.monotonic()
    retry = results(platform_sim.signed_request(*device, "POST", BATCH, body, timeout=5))[0]
    assert time.monotonic() - started >= 0.3
    assert retry["status"] == "duplicate"


def test_clock_offset_shifts_health_freshness_and_server_time(
    platform_sim: SimProcess, device: tuple[str, str]
) -> None:
    platform_sim.set_faults(clock_offset_s=-3600)
    with loopback_session() as s:
        server_now = s.get(platform_sim.url + "/health", timeout=5).json()["time"]
    assert abs(server_now - (time.time() - 3600)) < 5
    stale = platform_sim.signed_request(*device, "GET", CONFIG)
    assert stale.status_code == 401 and stale.json()["error"]["code"] == "TIMESTAMP_STALE"
    reported = stale.json()["server_time"]
    assert abs(reported - (time.time() - 3600)) < 5
    # A kiosk that corrects its clock by the reported skew is let in again.
    assert platform_sim.signed_request(*device, "GET", CONFIG, timestamp=int(reported)).status_code == 200


# ---------------------------------------------------------------- settings


def test_fault_settings_are_validated_read_back_and_cleared(platform_sim: SimProcess) -> None:
    url = platform_sim.url + "/admin/faults"
    with loopback_session() as s:
        for bad in (
            {"explode": 1.0},
            {"reset_after_commit": 1.5},
            {"status_rates": {"200": 0.5}},
            {"status_rates": {"500": 0.6}, "reset_before_commit": 0.6},
            {"truncated_body": 0.6, "malformed_body": 0.6},
            {"rate_limit": {"rate": 0.5, "every": 2}},
            {"latency_ms": -1},
        ):
            refused = s.post(url, json=bad, timeout=5)
            assert refused.status_code == 400, bad
            assert_bilingual(refused.json()["error"], "BAD_REQUEST")
        assert s.post(url, data=b"{oops", timeout=5).status_code == 400
    config = platform_sim.set_faults(status_rates={"500": 0.25}, late_reply_ms=10, seed=3)
    assert config["status_rates"] == {"500": 0.25} and config["late_reply_ms"] == 10 and config["seed"] == 3
    assert platform_sim.faults() == config
    platform_sim.set_faults(latency_ms=5)  # POST replaces every setting
    assert platform_sim.faults()["status_rates"] == {}
    platform_sim.clear_faults()
    cleared = platform_sim.faults()
    assert cleared["latency_ms"] == 0 and cleared["rate_limit"] is None and cleared["clock_offset_s"] == 0


def test_cli_flags_set_the_initial_faults(tmp_path: Path) -> None:
    initial = json.dumps({"status_rates": {"503": 0.5}, "latency_ms": 999})
    flags = ["--latency-ms", "25", "--clock-offset", "120", "--seed", "5", "--faults", initial]
    sim = SimProcess(tmp_path / "sim", extra_args=flags)
    with sim:
        faults = sim.faults()
        with loopback_session() as s:
            server_now = s.get(sim.url + "/health", timeout=5).json()["time"]
    assert faults["latency_ms"] == 25 and faults["clock_offset_s"] == 120 and faults["seed"] == 5
    assert faults["status_rates"] == {"503": 0.5}
    assert abs(server_now - (time.time() + 120)) < 5


def test_a_new_key_after_faults_is_accepted_normally(platform_sim: SimProcess, device: tuple[str, str]) -> None:
    platform_sim.set_faults(reset_after_commit=0.5, seed=11)
    keys = [str(uuid.uuid4()) for _ in range(10)]
    outcomes = []
    for key in keys:
        try:
            outcomes.append(results(post_batch(platform_sim, device, [item(key=key)]))[0]["status"])
        except requests.exceptions.ConnectionError:
            outcomes.append("dropped")
    assert "dropped" in outcomes and "accepted" in outcomes
    # Every key was committed, dropped answer or not.
    assert sorted(h["idempotency_key"] for h in platform_sim.admin_instructions()) == sorted(keys)
