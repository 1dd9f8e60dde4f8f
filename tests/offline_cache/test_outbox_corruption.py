"""A damaged database at start, on real files corrupted on purpose: it is moved aside byte for byte
(with its -wal and -shm), a fresh one is opened, staff are alerted, and what can still be read is
queued again with its original idempotency keys, then reaches the platform exactly once."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kiosk import cli
from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.no_card_reader import NoCardReader
from offline_cache.integrity import quick_check
from offline_cache.keystore import FileKeystore
from offline_cache.outbox import SqliteOutbox
from offline_cache.recovery import damaged_databases, open_outbox
from tests.support.platform import NO_SIGN_IN
from tests.support.sync import KioskParts, count_markers, marked

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in

PAGE = 4096


def filled_database(data: Path, n: int = 300) -> tuple[FileKeystore, dict[str, str]]:
    """A kiosk outbox on disk with n queued instructions (key -> kiosk_ref), checkpointed and closed."""
    keystore = FileKeystore(data / "keys")
    ob = SqliteOutbox(data / "outbox.sqlite", keystore.data_key(), keystore.member_salt())
    receipts = [ob.enqueue(marked(i)) for i in range(n)]
    ob.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ob.close()
    return keystore, {r.idempotency_key: r.kiosk_ref for r in receipts}


def smash_a_leaf_page(db: Path, seed: int = 1) -> int:
    """Overwrite one leaf page of the outbox table (in the middle) with random bytes."""
    conn = sqlite3.connect(db)
    leaves = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name='outbox' AND pagetype='leaf' ORDER BY pageno")]
    conn.close()
    victim = int(leaves[len(leaves) // 2])
    with db.open("r+b") as f:
        f.seek((victim - 1) * PAGE)
        f.write(random.Random(seed).randbytes(PAGE))
    return victim


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_damaged_database_is_set_aside_and_salvaged(tmp_path: Path, platform_sim: Any) -> None:
    data = tmp_path / "kiosk"
    keystore, receipted = filled_database(data)
    db = data / "outbox.sqlite"
    smash_a_leaf_page(db)
    assert quick_check(db).startswith("damaged")
    before = sha(db)

    ob, report = open_outbox(db, keystore.data_key(), keystore.member_salt())
    q = report.quarantined
    assert q is not None and q.directory.parent == data / "damaged"
    assert sha(q.database) == before  # moved aside intact
    assert (q.directory / "REASON.txt").read_text().startswith("damaged")
    assert quick_check(db) == "ok"  # a fresh database took its place
    # Some rows died with the page; the rest are queued again under their original keys.
    assert report.salvage is not None and report.requeued is not None
    lost = len(report.salvage.unreadable_ids)
    assert 0 < lost < 40
    assert report.requeued.imported == len(receipted) - lost
    rows = {r["idempotency_key"]: r for r in ob.list(limit=1000)}
    assert set(rows) <= set(receipted)
    assert all(rows[k]["kiosk_ref"] == receipted[k] and rows[k]["state"] == "queued" for k in rows)
    alerts = ob.alerts.open_alerts()
    assert [a.code for a in alerts] == ["DB_DAMAGED"]
    assert str(q.directory) in alerts[0].detail and f"{lost} lost" in alerts[0].detail
    ob.close()

    # Recovering again (technician, CLI) adds nothing: every key is already here.
    k = KioskParts(data, platform_sim.url)
    k.enrol(platform_sim)
    k.close()
    assert cli.main(["queue", "recover", "--data-dir", str(data), "--platform-url", platform_sim.url]) == 0
    k = KioskParts(data, platform_sim.url)
    assert k.outbox.counts().by_state == {"queued": len(receipted) - lost}
    assert k.engine.drain().accepted == len(receipted) - lost
    held = platform_sim.admin_instructions()
    assert {h["idempotency_key"] for h in held} == set(rows)
    assert max(count_markers(held).values()) == 1
    k.close()


def test_recover_cli_reports_and_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "kiosk"
    keystore, _ = filled_database(data, n=120)
    smash_a_leaf_page(data / "outbox.sqlite", seed=7)
    opened, _ = open_outbox(data / "outbox.sqlite", keystore.data_key(), keystore.member_salt(),
                            auto_requeue=False)  # a technician will decide
    opened.close()
    report_ob = SqliteOutbox(data / "outbox.sqlite", keystore.data_key(), keystore.member_salt())
    assert report_ob.counts().by_state == {}
    assert "kiosk queue recover" in report_ob.alerts.open_alerts()[0].detail
    report_ob.close()
    args = ["--data-dir", str(data), "--platform-url", "http://127.0.0.1:9", "queue", "recover"]
    capsys.readouterr()
    assert cli.main([*args, "--dry-run"]) == 0
    assert "to send again" in capsys.readouterr().out
    assert cli.main(args) == 0
    first = capsys.readouterr().out
    assert cli.main(args) == 0
    second = capsys.readouterr().out
    assert "queued again 0" not in first and "queued again 0, already here" in second
    assert len(damaged_databases(data / "outbox.sqlite")) == 1
    assert (damaged_databases(data / "outbox.sqlite")[0].parent / "salvage.json").exists()


def test_not_a_database_at_all(tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    filled_database(data, n=5)
    db = data / "outbox.sqlite"
    with db.open("r+b") as f:
        f.write(os.urandom(100))  # the header is gone
    services = build_services(KioskConfig(data_dir=data, platform_url="http://127.0.0.1:9"), cards=NoCardReader())
    try:
        assert services.startup_report.quarantined is not None
        assert [a.code for a in services.status().alerts] == ["DB_DAMAGED"]
        assert services.outbox.counts().by_state == {}
        receipt = services.enqueue(marked(1))  # the kiosk goes on taking instructions
        assert services.outbox.get(receipt.kiosk_ref) is not None
    finally:
        services.close()


def test_a_locked_database_is_not_mistaken_for_a_damaged_one(tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    keystore, _ = filled_database(data, n=5)
    db = data / "outbox.sqlite"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        verdict = quick_check(db, timeout_s=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert verdict.startswith("unknown") and "locked" in verdict
    # Once the lock is gone it opens as it was: nothing was moved aside.
    ob, report = open_outbox(db, keystore.data_key(), keystore.member_salt())
    assert report.quarantined is None and ob.counts().by_state == {"queued": 5}
    assert not (data / "damaged").exists()
    ob.close()
