"""Between two batches the sync engine applies one batch's answers and claims the next in one
transaction: same rows, same order, one commit; and a drain stopped by its bound leaves nothing
claimed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.ports import ItemResult, ItemStatus
from offline_cache.outbox import SqliteOutbox
from tests.support.platform import NO_SIGN_IN
from tests.support.sync import ALICE, KioskParts, marked

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in

KEY = bytes(range(32))
SALT = b"0123456789abcdef"


def test_answers_and_the_next_claim_share_one_commit(tmp_path: Path) -> None:
    outbox = SqliteOutbox(tmp_path / "outbox.sqlite", KEY, SALT)
    try:
        alice = [outbox.enqueue(marked(n, ALICE)) for n in range(2)]
        others = [outbox.enqueue(marked(n)) for n in range(10, 13)]
        first = outbox.next_batch(2)
        assert [i.kiosk_ref for i in first] == [alice[0].kiosk_ref, others[0].kiosk_ref]
        statements: list[str] = []
        outbox.db.conn.set_trace_callback(statements.append)
        answers = [ItemResult(first[0].idempotency_key, ItemStatus.ACCEPTED, platform_ref="P1"),
                   ItemResult(first[1].idempotency_key, ItemStatus.REJECTED, reason_code="X", reason_en="no")]
        following = outbox.mark_and_claim(answers, 10)
        outbox.db.conn.set_trace_callback(None)
        # Alice's second instruction is claimable in the same transaction that accepted her first.
        assert [i.kiosk_ref for i in following] == [alice[1].kiosk_ref, others[1].kiosk_ref, others[2].kiosk_ref]
        assert following[0].payload["values"] == {"mobile": "90000001", "email": "m1@example.com"}
        assert [s for s in statements if s in ("BEGIN IMMEDIATE", "COMMIT")] == ["BEGIN IMMEDIATE", "COMMIT"]
        assert outbox.get(alice[0].kiosk_ref)["platform_ref"] == "P1"
        assert outbox.get(others[0].kiosk_ref)["state"] == "rejected"
        assert outbox.counts().by_state == {"accepted": 1, "rejected": 1, "sending": 3}
    finally:
        outbox.close()


def test_a_drain_stopped_by_its_bound_leaves_nothing_claimed(tmp_path: Path, platform_sim: Any) -> None:
    kiosk = KioskParts(tmp_path / "kiosk", platform_sim.url, batch_size=10)
    try:
        kiosk.enrol(platform_sim)
        for n in range(25):
            kiosk.outbox.enqueue(marked(n))
        assert kiosk.engine.drain(max_passes=2).accepted == 20
        assert kiosk.states() == {"accepted": 20, "queued": 5}
        assert kiosk.engine.drain().accepted == 5
        assert kiosk.states() == {"accepted": 25}
        assert len(platform_sim.admin_instructions()) == 25
        assert sum(platform_sim.stats()["requests"]["POST /v1/instructions/batch"].values()) == 3
    finally:
        kiosk.close()
