"""Batches against the real simulator: a poison item does not hold a batch hostage, one member's
instructions go one per batch in order, and a kiosk clock that is off is detected, corrected at once
and reported (SyncStatus and a staff alert)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain import Instruction
from offline_cache.breaker import Backoff
from offline_cache.sync import SyncScheduler
from tests.support.platform import NO_SIGN_IN
from tests.support.sync import ALICE, KioskParts, fictional_member, marked

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in


@pytest.fixture
def kiosk(tmp_path: Path, platform_sim: Any) -> Any:
    k = KioskParts(tmp_path / "kiosk", platform_sim.url, batch_size=10)
    k.enrol(platform_sim)
    yield k
    k.close()


def test_a_poison_item_is_rejected_alone_and_the_rest_go_through(kiosk: Any, platform_sim: Any) -> None:
    good = [kiosk.outbox.enqueue(marked(n)) for n in range(6)]
    # A bug upstream let a value through that is not JSON (NaN): the platform refuses the whole batch.
    poison = kiosk.outbox.enqueue(Instruction("CHANGE_PARTICULARS", fictional_member(99), {"amount": float("nan")}))
    good += [kiosk.outbox.enqueue(marked(n)) for n in range(6, 9)]
    result = kiosk.engine.drain()
    assert (result.accepted, result.rejected) == (9, 1) and not result.failed
    row = kiosk.outbox.get(poison.kiosk_ref)
    assert row["state"] == "rejected" and row["reason_code"] == "NUMBER_NOT_FINITE" and row["reason_en"]
    held = {h["idempotency_key"] for h in platform_sim.admin_instructions()}
    assert held == {r.idempotency_key for r in good}
    assert platform_sim.stats()["requests"]["POST /v1/instructions/batch"]["400"] == 2  # the batch, then alone


def test_one_member_per_batch_in_confirmation_order(kiosk: Any, platform_sim: Any) -> None:
    alice = [kiosk.outbox.enqueue(marked(n, ALICE)) for n in range(4)]
    others = [kiosk.outbox.enqueue(marked(n)) for n in range(10, 16)]
    first = kiosk.outbox.next_batch(10)
    assert [i.kiosk_ref for i in first] == [alice[0].kiosk_ref] + [r.kiosk_ref for r in others]
    kiosk.outbox.release([i.idempotency_key for i in first], "test", retry_at=0)
    assert kiosk.engine.drain().accepted == 10
    held = [h["kiosk_ref"] for h in platform_sim.admin_instructions()
            if h["payload"]["member"]["hkid"] == ALICE.hkid]
    assert held == [r.kiosk_ref for r in alice]
    assert sum(platform_sim.stats()["requests"]["POST /v1/instructions/batch"].values()) == 4


@pytest.mark.parametrize("offset", [900.0, -1200.0])
def test_clock_skew_is_detected_corrected_and_reported(kiosk: Any, platform_sim: Any, offset: float) -> None:
    platform_sim.set_faults(clock_offset_s=offset)
    for n in range(3):
        kiosk.outbox.enqueue(marked(n))
    sched = SyncScheduler(kiosk.engine, backoff=Backoff(0.01, 0.1, rng=random.Random(1)), skew_alert_s=60)
    sched.step()
    assert kiosk.states() == {"accepted": 3}  # corrected in the same round: no backoff, nothing lost
    batch = platform_sim.stats()["requests"]["POST /v1/instructions/batch"]
    assert batch == {"401": 1, "200": 1}  # one stale refusal, then the corrected resend
    status = sched.status()
    assert status.clock_skew_s is not None and abs(status.clock_skew_s - offset) < 5
    assert [a.code for a in kiosk.outbox.alerts.open_alerts()] == ["CLOCK_SKEW"]
    # The technician fixes the clock (here: the platform's offset goes away); the alert clears.
    platform_sim.clear_faults()
    kiosk.client.clock_skew_s = None
    sched.health_interval_s = 0
    sched.step()
    assert abs(sched.status().clock_skew_s or 0.0) < 5
    assert kiosk.outbox.alerts.open_alerts() == ()
