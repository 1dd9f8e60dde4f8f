"""One member's instructions in this kiosk's outbox (SqliteOutbox.of_member), for their account
screen, and the receipt lookup over it (kiosk/receipt_lookup.py): real SQLite, no payload out."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.domain import Identity, Instruction
from kiosk.ports import ItemResult, ItemStatus
from kiosk.receipt_lookup import local_receipt, lookup, member_receipts
from offline_cache.outbox import SqliteOutbox

ALICE = Identity("A123456(3)")
BOB = Identity("CA182361(1)")


def test_of_member_lists_one_members_rows_newest_first_without_payload(tmp_path: Path) -> None:
    ob = SqliteOutbox(tmp_path / "outbox.sqlite", os.urandom(32), os.urandom(16))
    try:
        first = ob.enqueue(Instruction("CHANGE_PARTICULARS", ALICE, {"mobile": "91234567"}))
        ob.enqueue(Instruction("CHANGE_PARTICULARS", BOB, {"mobile": "61234567"}))
        second = ob.enqueue(Instruction("VOLUNTARY_CONTRIBUTION", ALICE, {"vc_type": "TVC"}))
        batch = ob.next_batch(1)
        ob.mark([ItemResult(batch[0].idempotency_key, ItemStatus.REJECTED, reason_code="X", reason_en="No")])
        rows = ob.of_member(ALICE)
        assert [r["kiosk_ref"] for r in rows] == [second.kiosk_ref, first.kiosk_ref]
        assert all("payload" not in r and "91234567" not in repr(r) for r in rows)
        mine = member_receipts(ob, ALICE)
        assert [(r.type, r.state) for r in mine] == [("VOLUNTARY_CONTRIBUTION", "queued"),
                                                    ("CHANGE_PARTICULARS", "rejected")]
        assert mine[1].reason_code == "X"
        assert member_receipts(ob, None) == [] and member_receipts(None, ALICE) == []
        # Without a platform: this kiosk's state, marked offline.
        found = lookup(None, ob.get, second.kiosk_ref)
        assert found.offline and found.status is None and found.local is not None
        assert found.local.state == "queued"
        assert local_receipt(ob.get, "EK-000000-NOPE00") is None
    finally:
        ob.close()
