"""Capacity: a configurable cap and a free-disk floor. When reached, new instructions are refused
with a bilingual message and staff are alerted; nothing already queued is touched; imports of
already-receipted instructions are not refused; the alert clears once new ones are taken again."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.no_card_reader import NoCardReader
from kiosk.ports import ItemResult, ItemStatus, QueueRefused
from offline_cache.outbox import SqliteOutbox
from offline_cache.outbox_rows import TransferItem, member_payload
from tests.support.sync import marked

KEY = bytes(range(32))
SALT = b"0123456789abcdef"


def test_cap_refuses_new_keeps_old_alerts_staff_and_clears(tmp_path: Path) -> None:
    ob = SqliteOutbox(tmp_path / "o.sqlite", KEY, SALT, max_pending=3)
    kept = [ob.enqueue(marked(n)) for n in range(3)]
    for attempt in range(2):
        with pytest.raises(QueueRefused) as info:
            ob.enqueue(marked(10 + attempt))
        assert info.value.code == "QUEUE_FULL"
        assert "職員" in info.value.message_zh and "staff" in info.value.message_en
    alerts = ob.alerts.open_alerts()
    assert [(a.code, a.count) for a in alerts] == [("QUEUE_FULL", 2)]  # one alert, bumped, not a pile
    assert "cap 3" in alerts[0].detail
    assert ob.counts().by_state == {"queued": 3}
    assert {r["kiosk_ref"] for r in ob.list()} == {r.kiosk_ref for r in kept}
    # An export bundle's instructions were receipted elsewhere: the cap does not refuse them.
    item = TransferItem("EK-260101-AAAAAA", "6f1c1f3e-8a4b-4d5e-9c1a-2b3c4d5e6f70", "CHANGE_PARTICULARS",
                        "2026-01-01T00:00:00+00:00", member_payload(marked(50)))
    assert ob.import_items([item], origin="bundle:test").imported == 1
    # The platform takes some: the kiosk accepts new ones again and the alert is closed.
    batch = ob.next_batch(10)
    ob.mark([ItemResult(i.idempotency_key, ItemStatus.ACCEPTED, platform_ref="P") for i in batch])
    ob.enqueue(marked(20))
    assert ob.alerts.open_alerts() == ()
    ob.close()


def test_disk_floor_refuses_and_alerts(tmp_path: Path) -> None:
    ob = SqliteOutbox(tmp_path / "o.sqlite", KEY, SALT, min_free_bytes=1 << 62)
    with pytest.raises(QueueRefused) as info:
        ob.enqueue(marked(1))
    assert info.value.code == "DISK_LOW" and info.value.message_zh and info.value.message_en
    assert [a.code for a in ob.alerts.open_alerts()] == ["DISK_LOW"]
    assert ob.counts().by_state == {}
    ob.close()


def test_staff_see_progress_and_alerts_in_kiosk_status(tmp_path: Path) -> None:
    cfg = KioskConfig(data_dir=tmp_path, platform_url="http://127.0.0.1:9", max_pending=2)
    services = build_services(cfg, cards=NoCardReader())
    try:
        a, b = services.enqueue(marked(1)), services.enqueue(marked(2))
        with pytest.raises(QueueRefused):
            services.enqueue(marked(3))
        assert [al.code for al in services.status().alerts] == ["QUEUE_FULL"]  # at once, for staff
        batch = {i.kiosk_ref: i for i in services.outbox.next_batch(10)}
        services.outbox.mark([
            ItemResult(batch[a.kiosk_ref].idempotency_key, ItemStatus.ACCEPTED, platform_ref="P1"),
            ItemResult(batch[b.kiosk_ref].idempotency_key, ItemStatus.REJECTED, reason_code="X", reason_zh="甲",
                       reason_en="x")])
        services._refresh_counts()
        status = services.status()
        assert (status.sent, status.waiting, status.rejected) == (1, 0, 1)
        assert [al.code for al in status.alerts] == ["QUEUE_FULL"]
        assert status.alerts[0].message_zh and status.alerts[0].message_en
        services.outbox.alerts.acknowledge(status.alerts[0].id)
        services._refresh_counts()
        assert services.status().alerts == ()
    finally:
        services.close()


def test_keys_and_references_have_their_proper_shape() -> None:
    import re
    import uuid

    from offline_cache.outbox_rows import new_idempotency_key, new_kiosk_ref

    keys = {new_idempotency_key() for _ in range(2000)}
    assert len(keys) == 2000
    for k in keys:
        u = uuid.UUID(k)
        assert u.version == 4 and u.variant == uuid.RFC_4122 and str(u) == k
    refs = [new_kiosk_ref() for _ in range(2000)]
    assert all(re.fullmatch(r"EK-\d{6}-[0-9A-HJKMNP-TV-Z]{6}", r) for r in refs)
    assert len({r[-6:] for r in refs}) > 1990  # 30 random bits each
