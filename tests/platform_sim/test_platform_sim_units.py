"""The simulator's parts without a server: HKID, signing, fault odds, validation, admin guard, boundaries."""

from __future__ import annotations

import ast
import asyncio
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from platform_sim import hkid, signing
from platform_sim.app import Platform, create_app
from platform_sim.errors import MESSAGES
from platform_sim.faults import After, FaultConfig, FaultConfigError, FaultInjector
from platform_sim.store import Store
from platform_sim.validation import BadBatch, parse_batch
from tests.support.platform import REPO_ROOT, SimProcess, loopback_session, signed_headers

# ---------------------------------------------------------------- HKID


@pytest.mark.parametrize("number", ["A123456(3)", "CA182361(1)", "Z683365(A)", "a123456 (3)", "A1234563"])
def test_hkid_worked_examples_are_valid(number: str) -> None:
    assert hkid.is_valid(number)


@pytest.mark.parametrize("number", ["A123456(A)", "A123456(4)", "123456(3)", "ABC123456(3)", "A12345(3)", "", None, 7])
def test_hkid_wrong_numbers_are_invalid(number: object) -> None:
    assert not hkid.is_valid(number)


def test_hkid_check_characters_match_domain_reference() -> None:
    assert hkid.check_character("A123456") == "3"
    assert hkid.check_character("CA182361") == "1"
    assert hkid.check_character("Z683365") == "A"


@given(st.from_regex(r"\A[A-Z]{1,2}[0-9]{6}\Z"), st.sampled_from("0123456789A"))
def test_hkid_exactly_one_check_character_fits(body: str, other: str) -> None:
    right = hkid.check_character(body)
    assert hkid.is_valid(f"{body}({right})")
    assert hkid.is_valid(f"{body}({other})") == (other == right)


# ---------------------------------------------------------------- signing


@given(st.sampled_from(["GET", "POST"]), st.from_regex(r"\A/v1/[a-z/]{0,20}\Z"), st.binary(max_size=200))
def test_a_signed_request_verifies_and_any_change_breaks_it(method: str, path: str, body: bytes) -> None:
    secret = b"k" * 32
    now = 1_800_000_000
    ts = str(now)
    headers = signing.SignedHeaders("dev-1", ts, signing.sign(secret, method, path, ts, body))
    assert signing.verify(headers, secret, method, path, body, now) is None
    assert signing.verify(headers, secret, method, path, body + b"x", now) == "SIGNATURE_INVALID"
    assert signing.verify(headers, b"x" * 32, method, path, body, now) == "SIGNATURE_INVALID"
    assert signing.verify(headers, secret, method, path + "?a=1", body, now) == "SIGNATURE_INVALID"
    assert signing.verify(headers, secret, method, path, body, now + 301) == "TIMESTAMP_STALE"
    assert signing.verify(headers, secret, method, path, body, now - 300) is None


def test_fixture_signing_matches_the_server() -> None:
    secret = bytes(range(32))
    headers = signed_headers("dev-1", secret, "post", "/v1/instructions/batch", b"{}", timestamp=1700000000)
    signed = signing.read_headers({k.lower(): v for k, v in headers.items()})
    assert signed is not None
    assert signing.verify(signed, secret, "POST", "/v1/instructions/batch", b"{}", 1700000000) is None
    assert re.fullmatch(r"[0-9a-f]{64}", headers["X-Empf-Signature"])


def test_non_ascii_signature_header_is_invalid_not_a_crash() -> None:
    headers = signing.SignedHeaders("dev-1", "1700000000", "é" * 64)
    assert signing.verify(headers, b"k" * 32, "GET", "/v1/x", b"", 1700000000) == "SIGNATURE_INVALID"


# ---------------------------------------------------------------- fault odds


def test_fault_outcomes_happen_at_their_configured_rates() -> None:
    config = FaultConfig.from_json(
        {
            "status_rates": {"500": 0.2, "503": 0.1},
            "rate_limit": {"rate": 0.1, "retry_after_s": 3},
            "reset_before_commit": 0.1,
            "reset_after_commit": 0.25,
            "duplicate_reply": 0.25,
            "seed": 42,
        }
    )
    injector = FaultInjector(config)
    n = 20_000
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for _ in range(n):
        plan = injector.plan()
        if plan.status is not None:
            before[str(plan.status)] += 1
        elif plan.retry_after_s is not None:
            before["429"] += 1
        elif plan.reset_before_commit:
            before["reset"] += 1
        else:
            assert plan.handles_request
        after[plan.after.value if plan.after else "none"] += 1
    expected_before = {"500": 0.2, "503": 0.1, "429": 0.1, "reset": 0.1}
    for name, rate in expected_before.items():
        assert abs(before[name] / n - rate) < 0.015, (name, before)
    assert abs(after["reset_after_commit"] / n - 0.25) < 0.015
    assert abs(after["duplicate_reply"] / n - 0.25) < 0.015
    assert after["truncated_body"] == after["malformed_body"] == 0


def test_a_seed_repeats_the_same_fates() -> None:
    config = FaultConfig.from_json({"status_rates": {"500": 0.5}, "truncated_body": 0.5, "seed": 9})
    a, b = FaultInjector(config), FaultInjector(config)
    plans = [a.plan() for _ in range(50)]
    assert plans == [b.plan() for _ in range(50)]
    assert len({(p.status, p.after) for p in plans}) > 1  # and they are not all the same fate


def test_no_faults_means_no_draws_and_no_faults() -> None:
    plan = FaultInjector().plan()
    assert plan.handles_request and plan.after is None and plan.latency_s == 0 and plan.late_reply_s == 0


def test_late_reply_rate_is_a_probability() -> None:
    injector = FaultInjector(FaultConfig.from_json({"late_reply_ms": 100, "late_reply_rate": 0.5, "seed": 1}))
    late = sum(injector.plan().late_reply_s > 0 for _ in range(2000))
    assert 850 < late < 1150


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"status_rates": {"abc": 0.1}},
        {"status_rates": {"503": True}},
        {"rate_limit": 0.5},
        {"seed": "x"},
        {"clock_offset_s": "1h"},
        {"reset_before_commit": -0.1},
        {"late_reply_rate": 2},
    ],
)
def test_fault_config_refuses_nonsense(bad: Any) -> None:
    with pytest.raises(FaultConfigError):
        FaultConfig.from_json(bad)


def test_fault_config_round_trips() -> None:
    raw = {"status_rates": {"500": 0.1}, "rate_limit": {"rate": 0.2, "retry_after_s": 4}, "truncated_body": 0.3}
    config = FaultConfig.from_json(raw)
    assert FaultConfig.from_json(config.to_json()) == config
    assert set(config.to_json()) >= {"latency_ms", "clock_offset_s", "seed"} | {a.value for a in After}


# ---------------------------------------------------------------- batch shape


def test_batch_shape_errors_name_the_field_not_the_value() -> None:
    item = {
        "idempotency_key": "3f0e2b8e-9a4c-4d0b-8e43-2d4b8f0c9a11",
        "kiosk_ref": "K-1",
        "type": "FUND_SWITCH",
        "member_key": "m",
        "queued_at": "2026-01-01T00:00:00Z",
        "payload": {"member": {"hkid": "A123456(3)", "name_en": 12}, "values": {}},
    }
    with pytest.raises(BadBatch) as caught:
        parse_batch(json.dumps({"items": [item]}).encode())
    assert (
        caught.value.code == "BAD_REQUEST" and caught.value.detail == "items[0].payload.member.name_en must be a string"
    )
    assert "A123456" not in str(caught.value)


# ---------------------------------------------------------------- admin guard (in-process ASGI, any client address)


def _asgi_get(app: Any, path: str, client: tuple[str, int], headers: list[tuple[bytes, bytes]]) -> tuple[int, Any]:
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": client,
        "server": ("127.0.0.1", 8765),
    }
    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return messages[0]["status"], json.loads(body)


@pytest.mark.parametrize("path", ["/admin/instructions", "/admin/stats", "/admin/faults"])
def test_admin_refuses_clients_that_are_not_loopback(tmp_path: Path, path: str) -> None:
    store = Store(tmp_path / "p.db")
    try:
        app = create_app(Platform(store))
        spoof = [(b"x-forwarded-for", b"127.0.0.1")]
        status, body = _asgi_get(app, path, ("10.0.0.5", 40000), spoof)
        assert status == 403 and body["error"]["code"] == "ADMIN_FORBIDDEN"
        assert _asgi_get(app, path, ("127.0.0.1", 40000), [])[0] == 200
        assert _asgi_get(app, path, ("::1", 40000), [])[0] == 200
    finally:
        store.close()


# ---------------------------------------------------------------- boundaries and the written contract

_CLIENT_PACKAGES = ("kiosk", "offline_cache", "drivers", "ui")


def test_platform_sim_imports_nothing_from_the_client() -> None:
    for source in (REPO_ROOT / "platform_sim").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.split(".")[0] not in _CLIENT_PACKAGES, f"{source.name} imports {name}"


def test_the_contract_document_covers_every_route_and_error_code() -> None:
    text = (REPO_ROOT / "docs" / "platform-api.yaml").read_text("utf-8")
    assert re.search(r"^openapi: 3\.1\.\d+$", text, re.MULTILINE)
    routes = [
        "/health",
        "/v1/devices/enrol",
        "/v1/instructions/batch",
        "/v1/instructions/{platform_ref}",
        "/v1/kiosk/config",
        "/admin/enrolment-codes",
        "/admin/instructions",
        "/admin/stats",
        "/admin/faults",
        # QR codes: prepared-instruction keys, iAM Smart hand-off (platform_sim/prepared.py, iamsmart.py)
        "/v1/kiosk/qr-keys",
        "/v1/iamsmart/sessions",
        "/v1/iamsmart/sessions/{session_id}",
        "/admin/iamsmart/scan",
        "/admin/iamsmart",
        "/admin/prepared-instructions",
        # kiosk status reports and the operator's fleet page (platform_sim/fleet*.py)
        "/v1/kiosk/status",
        "/fleet",
        "/admin/fleet",
        # members: sign-in, account, receipts, the SMS gateway (platform_sim/member_api.py)
        "/v1/sign-in/sms",
        "/v1/sign-in/sms/{challenge_id}",
        "/v1/members/account",
        "/v1/receipts/{kiosk_ref}",
        "/v1/receipts/{kiosk_ref}/details",
        "/v1/receipts/{kiosk_ref}/cancel",
        "/admin/sms",
        # employers: the employer's data for its authorised person, and which employers they act
        # for (platform_sim/employer_api.py)
        "/v1/employers/account",
        "/v1/employers/mine",
    ]
    for route in routes:
        assert re.search(rf"^  {re.escape(route)}:$", text, re.MULTILINE), route
    from platform_sim import member_errors

    for code in [*MESSAGES, *member_errors.MESSAGES]:
        assert code in text, code
    yaml = pytest.importorskip("yaml")
    doc = yaml.safe_load(text)
    assert sorted(doc["paths"]) == sorted(routes)


def test_keep_alive_answers_do_not_stall_on_delayed_acks(tmp_path: Path) -> None:
    """A persistent client (the kiosk's) must not wait ~40 ms per request for Nagle + delayed ACK."""
    with SimProcess(tmp_path / "sim") as sim, loopback_session() as session:
        session.get(sim.url + "/health", timeout=5)
        started = time.monotonic()
        for _ in range(20):
            session.get(sim.url + "/health", timeout=5)
        assert time.monotonic() - started < 0.5
