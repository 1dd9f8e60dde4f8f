"""The outbox on a real SQLite file: durability settings, encryption at rest, order, recovery."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.domain import Identity, Instruction
from kiosk.ports import ItemResult, ItemStatus, QueueRefused
from offline_cache.outbox import SqliteOutbox

KEY = bytes(range(32))
SALT = b"0123456789abcdef"
ALICE = Identity("A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文")
BOB = Identity("CA182361(1)", name_en="WONG SIU MING")


def instr(member: Identity = ALICE, mobile: str = "91234567") -> Instruction:
    return Instruction("CHANGE_PARTICULARS", member, {"mobile": mobile})


@pytest.fixture
def outbox(tmp_path: Path) -> SqliteOutbox:
    ob = SqliteOutbox(tmp_path / "outbox.sqlite", KEY, SALT)
    yield ob
    ob.close()


def test_connection_is_wal_and_synchronous_full(outbox: SqliteOutbox) -> None:
    conn = outbox.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_enqueue_is_committed_when_it_returns(outbox: SqliteOutbox, tmp_path: Path) -> None:
    receipt = outbox.enqueue(instr())
    # A second, independent connection sees the row: it is committed, not pending in a transaction.
    other = sqlite3.connect(tmp_path / "outbox.sqlite")
    row = other.execute("SELECT state, idempotency_key FROM outbox WHERE kiosk_ref=?",
                        (receipt.kiosk_ref,)).fetchone()
    other.close()
    assert row == ("queued", receipt.idempotency_key)
    assert receipt.kiosk_ref.startswith("EK-")


def test_personal_data_is_not_in_the_files(outbox: SqliteOutbox, tmp_path: Path) -> None:
    outbox.enqueue(instr(mobile="98765432"))
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("outbox.sqlite"))
    for secret in (b"A123456", b"CHAN TAI MAN", "陳大文".encode(), b"98765432"):
        assert secret not in raw
    # ...yet the sync side gets it back intact.
    item = outbox.next_batch(1)[0]
    assert item.payload["member"]["hkid"] == "A123456(3)"
    assert item.payload["values"] == {"mobile": "98765432"}
    assert "A123456" not in repr(item)


def test_one_members_instructions_go_in_order_others_proceed(outbox: SqliteOutbox) -> None:
    a1 = outbox.enqueue(instr(ALICE, "91111111"))
    a2 = outbox.enqueue(instr(ALICE, "92222222"))
    b1 = outbox.enqueue(instr(BOB, "93333333"))
    first = outbox.next_batch(1)
    assert [i.kiosk_ref for i in first] == [a1.kiosk_ref]
    # While a1 is on its way, a2 waits; Bob is independent.
    second = outbox.next_batch(10)
    assert [i.kiosk_ref for i in second] == [b1.kiosk_ref]
    outbox.mark([ItemResult(first[0].idempotency_key, ItemStatus.ACCEPTED, platform_ref="P1")])
    third = outbox.next_batch(10)
    assert [i.kiosk_ref for i in third] == [a2.kiosk_ref]


def test_a_rejection_does_not_hold_up_the_queue(outbox: SqliteOutbox) -> None:
    a1 = outbox.enqueue(instr(ALICE))
    a2 = outbox.enqueue(instr(ALICE, "92222222"))
    item = outbox.next_batch(1)[0]
    outbox.mark([ItemResult(item.idempotency_key, ItemStatus.REJECTED, reason_code="X", reason_zh="甲",
                            reason_en="x")])
    assert outbox.get(a1.kiosk_ref)["state"] == "rejected"  # type: ignore[index]
    assert [i.kiosk_ref for i in outbox.next_batch(10)] == [a2.kiosk_ref]


def test_released_items_keep_their_key_and_come_back(outbox: SqliteOutbox) -> None:
    r = outbox.enqueue(instr())
    item = outbox.next_batch(5)[0]
    outbox.release([item.idempotency_key], "ConnectionError", retry_at=0)
    again = outbox.next_batch(5)[0]
    assert again.idempotency_key == r.idempotency_key == item.idempotency_key
    assert again.attempts == 2


def test_crash_while_sending_returns_to_queued(tmp_path: Path) -> None:
    ob = SqliteOutbox(tmp_path / "o.sqlite", KEY, SALT)
    r = ob.enqueue(instr())
    assert ob.next_batch(5)
    ob.close()  # as if the process died with the row claimed
    ob2 = SqliteOutbox(tmp_path / "o.sqlite", KEY, SALT)
    assert ob2.recovered == 1
    assert [i.idempotency_key for i in ob2.next_batch(5)] == [r.idempotency_key]
    ob2.close()


def test_full_queue_refuses_new_and_keeps_old(tmp_path: Path) -> None:
    ob = SqliteOutbox(tmp_path / "o.sqlite", KEY, SALT, max_pending=2)
    ob.enqueue(instr())
    ob.enqueue(instr(BOB))
    with pytest.raises(QueueRefused) as info:
        ob.enqueue(instr(mobile="95555555"))
    assert info.value.code == "QUEUE_FULL" and info.value.message_zh and info.value.message_en
    assert ob.counts().by_state == {"queued": 2}
    ob.close()


def test_low_disk_refuses_new(tmp_path: Path) -> None:
    ob = SqliteOutbox(tmp_path / "o.sqlite", KEY, SALT, min_free_bytes=1 << 62)
    with pytest.raises(QueueRefused) as info:
        ob.enqueue(instr())
    assert info.value.code == "DISK_LOW"
    ob.close()


def test_ciphertext_cannot_be_moved_between_rows(outbox: SqliteOutbox) -> None:
    outbox.enqueue(instr(ALICE))
    outbox.enqueue(instr(BOB))
    conn = outbox.db.conn
    blob = conn.execute("SELECT payload FROM outbox WHERE id=1").fetchone()[0]
    conn.execute("UPDATE outbox SET payload=? WHERE id=2", (blob,))
    assert len(outbox.next_batch(1)) == 1
    # The moved ciphertext does not open under row 2's key: set aside for staff, never sent.
    assert outbox.next_batch(1) == []
    row = conn.execute("SELECT state, reason_code FROM outbox WHERE id=2").fetchone()
    assert row == ("rejected", "LOCAL_DATA_UNREADABLE")
