"""The sync engine against the real platform simulator on loopback: signed requests, exactly once."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.config import KioskConfig
from kiosk.domain import TYPES, Identity, IdentitySource, Instruction, build
from kiosk.domain.examples import example
from kiosk.ports import AuthError
from offline_cache.keystore import FileKeystore
from offline_cache.outbox import SqliteOutbox
from offline_cache.platform_client import HttpPlatformClient
from offline_cache.signing import signed_headers
from offline_cache.sync import Backoff, SyncEngine, SyncWorker
from tests.support.platform import NO_SIGN_IN

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in

ALICE = Identity("A123456(3)", name_en="CHAN TAI MAN")
BOB = Identity("CA182361(1)", name_en="WONG SIU MING")


class Kiosk:
    def __init__(self, tmp: Path, url: str) -> None:
        self.keystore = FileKeystore(tmp / "keys")
        self.outbox = SqliteOutbox(tmp / "outbox.sqlite", self.keystore.data_key(), self.keystore.member_salt())
        self.client = HttpPlatformClient(url, self.keystore.device_credentials, timeout_s=5)
        self.engine = SyncEngine(self.outbox, self.client, batch_size=20)

    def enrol(self, code: str = "TEST-CODE-1") -> None:
        self.keystore.save_device_credentials(*self.client.enrol(code, "test-kiosk"))

    def close(self) -> None:
        self.client.close()
        self.outbox.close()


@pytest.fixture
def kiosk(tmp_path: Path, platform_sim: Any) -> Kiosk:
    k = Kiosk(tmp_path, platform_sim.url)
    k.enrol()
    yield k
    k.close()


def change(member: Identity = ALICE, mobile: str = "91234567") -> Instruction:
    return Instruction("CHANGE_PARTICULARS", member, {"mobile": mobile})


def test_enrolment_code_is_one_time(tmp_path: Path, platform_sim: Any) -> None:
    k = Kiosk(tmp_path, platform_sim.url)
    k.enrol()
    with pytest.raises(AuthError):
        k.client.enrol("TEST-CODE-1", "another")
    k.close()


def test_queued_instructions_reach_the_platform_exactly_once(kiosk: Kiosk, platform_sim: Any) -> None:
    receipts = [kiosk.outbox.enqueue(change(m, f"9{i:07d}")) for i, m in enumerate([ALICE, BOB, ALICE])]
    result = kiosk.engine.drain()
    assert result.accepted == 3 and not result.failed
    held = platform_sim.admin_instructions()
    assert sorted(i["idempotency_key"] for i in held) == sorted(r.idempotency_key for r in receipts)
    rows = {r["kiosk_ref"]: r for r in kiosk.outbox.list()}
    for r in receipts:
        assert rows[r.kiosk_ref]["state"] == "accepted"
        assert rows[r.kiosk_ref]["platform_ref"]
    # The platform holds Alice's two in the order she confirmed them.
    alice = [i for i in held if i["payload"]["member"]["hkid"] == "A123456(3)"]
    assert [i["kiosk_ref"] for i in alice] == [receipts[0].kiosk_ref, receipts[2].kiosk_ref]


def test_a_resent_key_gets_the_same_reference(kiosk: Kiosk, platform_sim: Any) -> None:
    r = kiosk.outbox.enqueue(change())
    item = kiosk.outbox.next_batch(1)[0]
    first = kiosk.client.submit([item])[0]
    second = kiosk.client.submit([item])[0]  # as after a lost reply
    assert first.platform_ref == second.platform_ref
    assert second.status.value == "duplicate"
    assert len(platform_sim.admin_instructions()) == 1
    kiosk.outbox.mark([second])
    assert kiosk.outbox.get(r.kiosk_ref)["platform_ref"] == first.platform_ref  # type: ignore[index]


def test_platform_rejection_is_kept_with_its_bilingual_reason(kiosk: Kiosk) -> None:
    r = kiosk.outbox.enqueue(Instruction("FUND_SWITCH", ALICE, {"scheme_account": "ACC-1",
                                                                "allocation": {"NOSUCHFUND": 100}}))
    ok = kiosk.outbox.enqueue(change(BOB))
    kiosk.engine.drain()
    rejected = kiosk.outbox.get(r.kiosk_ref)
    assert rejected is not None and rejected["state"] == "rejected"
    assert rejected["reason_code"] == "FUND_UNKNOWN" and rejected["reason_en"]
    assert kiosk.outbox.get(ok.kiosk_ref)["state"] == "accepted"  # type: ignore[index]


def test_platform_down_keeps_everything_then_syncs(kiosk: Kiosk, platform_sim: Any) -> None:
    platform_sim.stop()
    r = kiosk.outbox.enqueue(change())
    result = kiosk.engine.drain()
    assert result.failed
    assert kiosk.outbox.get(r.kiosk_ref)["state"] == "queued"  # type: ignore[index]
    platform_sim.start()
    assert kiosk.engine.drain().accepted == 1
    assert [i["idempotency_key"] for i in platform_sim.admin_instructions()] == [r.idempotency_key]


def test_bad_signature_is_refused_and_nothing_is_lost(tmp_path: Path, platform_sim: Any) -> None:
    k = Kiosk(tmp_path, platform_sim.url)
    k.enrol()
    device_id, _ = k.keystore.device_credentials()  # type: ignore[misc]
    k.keystore.save_device_credentials(device_id, b"wrong-secret" * 3)
    r = k.outbox.enqueue(change())
    result = k.engine.drain()
    assert result.failed and "SIGNATURE_INVALID" in result.error
    assert k.outbox.get(r.kiosk_ref)["state"] == "queued"  # type: ignore[index]
    assert platform_sim.admin_instructions() == []
    k.close()


def test_unsigned_and_stale_requests_get_401(platform_sim: Any, tmp_path: Path) -> None:
    k = Kiosk(tmp_path, platform_sim.url)
    k.enrol()
    device_id, secret = k.keystore.device_credentials()  # type: ignore[misc]
    body = b'{"items":[]}'
    url = platform_sim.url + "/v1/instructions/batch"
    assert requests.post(url, data=body, timeout=5).status_code == 401
    stale = signed_headers(device_id, secret, "POST", "/v1/instructions/batch", body, time.time() - 3600)
    resp = requests.post(url, data=body, headers=stale, timeout=5)
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "TIMESTAMP_STALE"
    k.close()


def test_worker_thread_syncs_and_reports_online(kiosk: Kiosk, platform_sim: Any) -> None:
    statuses: list[Any] = []
    worker = SyncWorker(kiosk.engine, interval_s=0.2, backoff=Backoff(0.05, 0.2), on_status=statuses.append)
    worker.start()
    try:
        r = kiosk.outbox.enqueue(change())
        worker.wake()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and kiosk.outbox.get(r.kiosk_ref)["state"] != "accepted":  # type: ignore[index]
            time.sleep(0.05)
        assert kiosk.outbox.get(r.kiosk_ref)["state"] == "accepted"  # type: ignore[index]
        assert worker.status().online is True
        platform_sim.stop()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and worker.status().online is not False:
            time.sleep(0.05)
        assert worker.status().online is False
    finally:
        worker.stop()


def test_backoff_is_capped_full_jitter_and_honours_retry_after() -> None:
    import random

    b = Backoff(1.0, 8.0, rng=random.Random(1))
    delays = [b.next_delay() for _ in range(10)]
    assert all(0 <= d <= 8.0 for d in delays)
    assert max(delays[5:]) > 1.0  # it grew
    assert b.next_delay(retry_after=30) == 8.0  # honoured, but capped
    b.reset()
    assert b.next_delay() <= 1.0


def test_config_reports_defaults(tmp_path: Path) -> None:
    cfg = KioskConfig(data_dir=tmp_path)
    assert cfg.db_path == tmp_path / "outbox.sqlite"


@pytest.mark.parametrize("code", sorted(TYPES))
def test_every_instruction_type_the_kiosk_builds_is_accepted_by_the_platform(
        code: str, kiosk: Kiosk, platform_sim: Any) -> None:
    # Identified through iAM Smart: the one identity a member registers with alone (the example says so).
    member = Identity("A123456(3)", name_en="CHAN TAI MAN", date_of_birth="1960-01-01",
                      source=IdentitySource.IAMSMART)
    r = kiosk.outbox.enqueue(build(code, member, example(code)))
    result = kiosk.engine.drain()
    row = kiosk.outbox.get(r.kiosk_ref)
    assert row is not None and row["state"] == "accepted", (result, row)
    assert [i["type"] for i in platform_sim.admin_instructions()] == [code]
