"""Every fault the simulator can inject, alone and mixed, a few hundred instructions each, synced
by the real worker thread while new instructions keep arriving. At the end the platform holds each
valid instruction exactly once (counted by a marker inside the payload, not just by key), each
invalid one is rejected once, every kiosk row is accepted or rejected (none stuck) with the
platform's reference or bilingual reason, and each member's instructions arrived in order.

EMPF_FAULT_MATRIX_N sets the instructions per mode (CI default 200).
"""

from __future__ import annotations

import collections
import os
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from offline_cache.breaker import Backoff
from offline_cache.sync import SyncWorker
from tests.support.platform import NO_SIGN_IN
from tests.support.sync import KioskParts, count_markers, fictional_member, marked, marker_of, wait_until

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in

N = int(os.environ.get("EMPF_FAULT_MATRIX_N", "200"))
INVALID_EVERY = 10  # every 10th instruction is one the platform rejects

MODES: dict[str, dict[str, Any]] = {
    "latency": {"latency_ms": 25},
    "status_500": {"status_rates": {"500": 0.3}},
    "status_503": {"status_rates": {"503": 0.3}},
    "rate_limited_429": {"rate_limit": {"rate": 0.3, "retry_after_s": 1}},
    "reset_before_commit": {"reset_before_commit": 0.3},
    "reset_after_commit": {"reset_after_commit": 0.3},
    "truncated_body": {"truncated_body": 0.3},
    "malformed_body": {"malformed_body": 0.3},
    "duplicate_reply": {"duplicate_reply": 0.3},
    "late_reply": {"late_reply_ms": 700, "late_reply_rate": 0.3},
    "clock_ahead": {"clock_offset_s": 900},
    "clock_behind": {"clock_offset_s": -700},
    "mixed": {
        "latency_ms": 5,
        "status_rates": {"500": 0.05, "503": 0.05},
        "rate_limit": {"rate": 0.05, "retry_after_s": 1},
        "reset_before_commit": 0.05,
        "reset_after_commit": 0.1,
        "truncated_body": 0.05,
        "malformed_body": 0.05,
        "duplicate_reply": 0.05,
        "late_reply_ms": 700,
        "late_reply_rate": 0.1,
        "clock_offset_s": 400,
    },
}
# The simulator's fault counter name for each mode (so a run where nothing was injected fails).
EXPECTED_FAULT = {
    "status_500": "status_500", "status_503": "status_503", "rate_limited_429": "rate_limit",
    "reset_before_commit": "reset_before_commit", "reset_after_commit": "reset_after_commit",
    "truncated_body": "truncated_body", "malformed_body": "malformed_body", "duplicate_reply": "duplicate_reply",
    "late_reply": "late_reply",
}

AFTER_COMMIT = {"reset_after_commit", "truncated_body", "malformed_body", "late_reply", "mixed"}


def member_for(n: int) -> Any:
    # ~1/3 of the members have several instructions, to exercise per-member order under faults.
    return fictional_member(n % 20 if n % 3 == 0 else 10_000 + n)


def run_mode(tmp_path: Path, sim: Any, name: str, faults: dict[str, Any],
             crash_platform_at: int | None = None) -> None:
    k = KioskParts(tmp_path / "kiosk", sim.url, batch_size=8, timeout_s=0.5 if "late_reply_ms" in faults else 3)
    k.enrol(sim)
    sim.set_faults(**faults, seed=zlib.crc32(name.encode()))
    worker = SyncWorker(k.engine, interval_s=0.05, health_interval_s=0.2, backoff=Backoff(0.01, 1.0))
    receipts: dict[int, Any] = {}
    try:
        for n in range(N // 2):
            receipts[n] = k.outbox.enqueue(marked(n, member_for(n), valid=n % INVALID_EVERY != 7))
        worker.start()

        def more() -> None:  # members keep confirming while the worker syncs
            for n in range(N // 2, N):
                receipts[n] = k.outbox.enqueue(marked(n, member_for(n), valid=n % INVALID_EVERY != 7))
                worker.wake()
                time.sleep(0.002)

        feeder = threading.Thread(target=more)
        feeder.start()
        if crash_platform_at is not None:
            assert wait_until(lambda: k.states().get("accepted", 0) >= crash_platform_at, 30)
            sim.kill()  # SIGKILL: whatever it committed stays, whatever was in flight is lost
            time.sleep(0.3)
            sim.start()
            sim.set_faults(**faults)
        feeder.join(30)

        def settled() -> bool:
            states = k.states()
            return not states.get("queued") and not states.get("sending")

        assert wait_until(settled, 120, 0.1), f"{name}: still waiting {k.states()}\n{sim.log_tail(10)}"
    finally:
        worker.stop(timeout=10)
    stats = sim.stats()
    sim.clear_faults()

    if name in EXPECTED_FAULT:
        injected = stats["faults"]
        assert injected.get(EXPECTED_FAULT[name], 0) > 0, f"{name}: no fault was injected ({injected})"
    if name in AFTER_COMMIT:  # answers were lost after the platform stored the batch: resends happened
        assert stats["items"]["duplicate"] > 0, f"{name}: no resend of a stored item ({stats['items']})"
    valid = {marked(n, member_for(n)).values["email"]: r for n, r in receipts.items() if n % INVALID_EVERY != 7}
    invalid = {r.idempotency_key for n, r in receipts.items() if n % INVALID_EVERY == 7}
    held = sim.admin_instructions()
    markers = count_markers(held)
    assert set(markers) == set(valid), f"{name}: lost {set(valid) - set(markers)}"
    assert max(markers.values()) == 1, f"{name}: duplicated {[m for m, c in markers.items() if c > 1]}"
    assert {h["idempotency_key"] for h in held} == {r.idempotency_key for r in valid.values()}
    assert sorted(r["idempotency_key"] for r in sim.admin_rejections()) == sorted(invalid)

    rows = {r["idempotency_key"]: r for r in k.outbox.list(limit=10 * N)}
    assert len(rows) == N
    refs = {h["idempotency_key"]: h["platform_ref"] for h in held}
    for key, row in rows.items():
        if key in invalid:
            assert row["state"] == "rejected" and row["reason_code"] == "FUND_UNKNOWN" and row["reason_en"]
        else:
            assert row["state"] == "accepted" and row["platform_ref"] == refs[key], (name, row)
    # Per member, the platform received the instructions in the order they were confirmed.
    by_member: dict[str, list[int]] = collections.defaultdict(list)
    for h in held:
        by_member[h["payload"]["member"]["hkid"]].append(int(marker_of(h)[1:].split("@")[0]))
    assert all(seq == sorted(seq) for seq in by_member.values()), f"{name}: member order broken"
    assert any(len(seq) > 1 for seq in by_member.values())
    if "clock_offset_s" in faults:
        skew = worker.status().clock_skew_s
        assert skew is not None and abs(skew - faults["clock_offset_s"]) < 5
    k.close()


@pytest.mark.parametrize("name", list(MODES))
def test_fault_mode(name: str, tmp_path: Path, platform_sim: Any) -> None:
    run_mode(tmp_path, platform_sim, name, MODES[name])


def test_platform_crashes_mid_run(tmp_path: Path, platform_sim: Any) -> None:
    run_mode(tmp_path, platform_sim, "platform_crash", {"reset_after_commit": 0.1}, crash_platform_at=N // 4)
