"""Retention on real SQLite files: personal data of accepted instructions is purged after the
configured window, only status remains, and the purged bytes are gone from the database file, its
WAL and its -shm (grepped), not just unreachable. The sync worker runs the purge on its own."""

from __future__ import annotations

import itertools
from pathlib import Path

from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.domain import Instruction
from kiosk.no_card_reader import NoCardReader
from kiosk.ports import ItemResult, ItemStatus
from offline_cache.outbox import SqliteOutbox
from offline_cache.platform_client import HttpPlatformClient
from offline_cache.sync import SyncEngine, SyncScheduler
from tests.support.sync import ALICE, KNOWN_HKID, KNOWN_NAME, data_files, marked

KEY = bytes(range(32))
SALT = b"0123456789abcdef"
DAY = 86_400.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_790_000_000.0

    def __call__(self) -> float:
        return self.now


def accept_all(ob: SqliteOutbox) -> None:
    while batch := ob.next_batch(50):
        ob.mark([ItemResult(i.idempotency_key, ItemStatus.ACCEPTED, platform_ref=f"EMPF-2026-{i.row_id:06d}")
                 for i in batch])


def test_purge_keeps_status_and_removes_the_bytes(tmp_path: Path) -> None:
    clock = Clock()
    ob = SqliteOutbox(tmp_path / "outbox.sqlite", KEY, SALT, retention_days=7, clock=clock)
    # Big payloads (overflow pages) and small ones (cells inside a page): both must be scrubbed.
    receipts = [ob.enqueue(marked(n, ALICE if n % 2 else None)) for n in range(6)]
    receipts.append(ob.enqueue(Instruction("CHANGE_PARTICULARS", ALICE, {"address": "九龍彌敦道" * 900})))
    sealed = {r.kiosk_ref: ob.payload_bytes(r.kiosk_ref) for r in receipts}
    accept_all(ob)
    waiting = ob.enqueue(marked(100))  # stays queued: never purged

    files = data_files(tmp_path)
    for secret in (KNOWN_HKID.encode(), KNOWN_NAME.encode(), "陳大文".encode(), "九龍彌敦道".encode()):
        assert secret not in files  # encrypted at rest from the first byte
    # The sealed payloads are in the files now (so the check after the purge can fail).
    assert all(blob is not None and blob[13:45] in files for blob in sealed.values())

    clock.now += 6 * DAY
    assert ob.purge() == 0  # inside the window: nothing purged
    clock.now += 1.5 * DAY
    assert ob.purge() == len(receipts)
    row = ob.get(receipts[0].kiosk_ref)
    assert row is not None and row["state"] == "accepted" and row["platform_ref"] and row["type"]
    assert row["queued_at"] and row["updated_at"]
    conn = ob.db.conn
    assert conn.execute("SELECT count(*) FROM outbox WHERE payload IS NOT NULL OR member_key != ''").fetchone()[0] == 1
    assert ob.get(waiting.kiosk_ref)["state"] == "queued"  # type: ignore[index]
    assert ob.payload_bytes(waiting.kiosk_ref) is not None

    files = data_files(tmp_path)
    for ref, blob in sealed.items():
        assert blob is not None
        assert blob[13:45] not in files, f"purged payload of {ref} still on disk"
        assert blob[-32:] not in files
    assert (tmp_path / "outbox.sqlite-wal").stat().st_size == 0
    assert ob.purge() == 0  # idempotent
    ob.close()


def test_rejected_and_queued_keep_their_data_and_old_status_rows_expire(tmp_path: Path) -> None:
    clock = Clock()
    ob = SqliteOutbox(tmp_path / "o.sqlite", KEY, SALT, retention_days=1, status_retention_days=30, clock=clock)
    accepted, rejected = ob.enqueue(marked(1)), ob.enqueue(marked(2))
    queued = ob.enqueue(marked(3))
    batch = {i.kiosk_ref: i for i in ob.next_batch(10)}
    ob.mark([ItemResult(batch[accepted.kiosk_ref].idempotency_key, ItemStatus.ACCEPTED, platform_ref="P1"),
             ItemResult(batch[rejected.kiosk_ref].idempotency_key, ItemStatus.REJECTED, reason_code="X",
                        reason_zh="甲", reason_en="x")])
    ob.release([batch[queued.kiosk_ref].idempotency_key], "later", retry_at=0)
    clock.now += 2 * DAY
    assert ob.purge() == 1
    assert ob.payload_bytes(rejected.kiosk_ref) is not None  # staff still need it to amend
    assert ob.payload_bytes(queued.kiosk_ref) is not None
    clock.now += 31 * DAY
    ob.purge()
    assert ob.get(accepted.kiosk_ref) is None  # the status row itself expired
    assert {r["kiosk_ref"] for r in ob.list()} == {rejected.kiosk_ref, queued.kiosk_ref}
    ob.close()


def test_the_scheduler_purges_periodically(tmp_path: Path) -> None:
    clock = Clock()
    ob = SqliteOutbox(tmp_path / "o.sqlite", KEY, SALT, retention_days=7, clock=clock)
    r = ob.enqueue(marked(1))
    accept_all(ob)
    calls: list[float] = []

    def maintenance() -> int:
        calls.append(clock.now)
        return ob.purge()

    # The platform is unreachable (nothing listens on port 9): retention must not depend on it.
    client = HttpPlatformClient("http://127.0.0.1:9", lambda: None, timeout_s=1, clock=clock)
    sched = SyncScheduler(SyncEngine(ob, client, clock=clock), clock=clock, wall_clock=clock,
                          maintenance=maintenance, maintenance_interval_s=3600)
    for _ in range(20_000):
        clock.now += sched.step()
        if clock.now > 1_790_000_000.0 + 8 * DAY:
            break
    client.close()
    assert sched.status().online is False
    assert len(calls) >= 8 * 24  # hourly, even while the platform is unreachable and backing off
    assert all(3600 <= b - a < 3601 for a, b in itertools.pairwise(calls))
    assert ob.payload_bytes(r.kiosk_ref) is None
    ob.close()


def test_services_wire_retention_from_config(tmp_path: Path) -> None:
    cfg = KioskConfig(data_dir=tmp_path, platform_url="http://127.0.0.1:9", retention_days=3.5, max_pending=7,
                      min_free_mb=1)
    services = build_services(cfg, cards=NoCardReader())
    try:
        assert services.outbox.retention_days == 3.5 and services.outbox.capacity.max_pending == 7
        assert services.outbox.capacity.min_free_bytes == 1024 * 1024
        assert services.worker.scheduler._maintenance == services.outbox.purge
    finally:
        services.close()
    # secure_delete is per connection (like synchronous) and its default depends on how SQLite was
    # built: the outbox sets it on every connection it opens rather than trusting the build.
    ob = SqliteOutbox(tmp_path / "outbox.sqlite", KEY, SALT)
    assert ob.db.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert ob.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    ob.close()
