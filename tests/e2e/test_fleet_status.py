"""The fleet status report against the real simulator on loopback: signed like instructions, after
them, only the latest kept while offline, bad input refused with a bilingual 4xx, no personal data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.domain import Identity, Instruction
from kiosk.fleet.report import update_state
from kiosk.no_card_reader import NoCardReader
from offline_cache.breaker import Backoff, CircuitBreaker
from offline_cache.keystore import FileKeystore
from offline_cache.outbox import SqliteOutbox
from offline_cache.platform_client import HttpPlatformClient
from offline_cache.status_report import StatusReporter
from offline_cache.sync import SyncEngine, SyncScheduler
from platform_sim.fleet import MAX_REPORT_BYTES
from platform_sim.fleet_store import FleetStore
from platform_sim.store import Store
from tests.support.platform import NO_SIGN_IN, loopback_session

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # a typed member's instruction, queued without a sign-in

MEMBER = Identity("A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文")
PHONE = "91234567"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def report(sequence_hint: int = 0, reader: str = "pass", **changes: Any) -> dict[str, Any]:
    """A report in the contract's shape (docs/platform-api.yaml, KioskStatusReport)."""
    doc: dict[str, Any] = {
        "schema": 1, "generated_at": 1_765_000_000.0 + sequence_hint, "reason": "scheduled", "sequence": 0,
        "kiosk": {"device_name": "mk-01-a", "shop_id": "MK-01", "channel": "pilot", "version": "1.4.0",
                  "slot": "a", "python": "3.11.2"},
        "health": "ok" if reader == "pass" else "fail",
        "checks": [{"name": "card_readers", "status": reader, "summary": "Virtual PCD 00 00"}],
        "queue": {"counts": {"queued": 0, "accepted": 3}, "oldest_pending_age_s": None},
        "alerts": [],
        "sync": {"online": True, "circuit": "closed", "last_sync_at": None, "last_error": ""},
        "clock_skew_s": 0.0,
        "update": {"state": "idle", "slot": "a", "version": "1.4.0", "detail": ""},
    }
    doc.update(changes)
    return doc


class Kiosk:
    """The real outbox, signed client, engine and scheduler, on a clock the test moves."""

    def __init__(self, tmp: Path, url: str) -> None:
        self.clock = Clock()
        self.keystore = FileKeystore(tmp / "keys")
        self.outbox = SqliteOutbox(tmp / "outbox.sqlite", self.keystore.data_key(), self.keystore.member_salt())
        self.client = HttpPlatformClient(url, self.keystore.device_credentials, timeout_s=3)
        self.keystore.save_device_credentials(*self.client.enrol("TEST-CODE-1", "mk-01-a"))
        self.reader = "pass"
        self.built = 0

        def build() -> dict[str, Any]:
            self.built += 1
            return report(self.built, reader=self.reader)

        self.reporter = StatusReporter(build, self.client.report_status, interval_s=300, probe_interval_s=10,
                                       clock=self.clock)
        engine = SyncEngine(self.outbox, self.client, batch_size=20)
        self.scheduler = SyncScheduler(engine, interval_s=5, health_interval_s=10_000, clock=self.clock,
                                       breaker=CircuitBreaker(Backoff(1.0, 2.0), self.clock), reporter=self.reporter)

    def close(self) -> None:
        self.client.close()
        self.outbox.close()


@pytest.fixture
def kiosk(tmp_path: Path, platform_sim: Any) -> Iterator[Kiosk]:
    k = Kiosk(tmp_path, platform_sim.url)
    yield k
    k.close()


def fleet(sim: Any) -> list[dict[str, Any]]:
    with loopback_session() as s:
        r = s.get(f"{sim.url}/admin/fleet", timeout=5)
    r.raise_for_status()
    kiosks: list[dict[str, Any]] = r.json()["kiosks"]
    return kiosks


def history(sim: Any, device_id: str) -> list[int]:
    store = Store(sim.db_path)
    try:
        return [r["sequence"] for _, r in FleetStore(store).history(device_id)]
    finally:
        store.close()


def test_instructions_go_before_the_report_in_the_same_round(kiosk: Kiosk, platform_sim: Any) -> None:
    kiosk.outbox.enqueue(Instruction("CHANGE_PARTICULARS", MEMBER, {"mobile": PHONE}))
    kiosk.scheduler.step()
    assert kiosk.reporter.sent_count == 1
    requests_seen = re.findall(r'"POST (/v1/\S+) HTTP', platform_sim.log_tail(200))
    assert requests_seen.index("/v1/instructions/batch") < requests_seen.index("/v1/kiosk/status")
    [seen] = fleet(platform_sim)
    assert seen["report"]["reason"] == "start" and seen["health"] == "ok" and seen["needs_visit"] == []
    assert seen["report"]["kiosk"]["channel"] == "pilot"


def test_a_change_goes_at_once_the_rest_on_the_schedule(kiosk: Kiosk, platform_sim: Any) -> None:
    kiosk.scheduler.step()
    assert kiosk.reporter.sent_count == 1
    kiosk.clock.now += 11  # a probe is due, nothing changed: nothing sent
    kiosk.scheduler.step()
    assert kiosk.reporter.sent_count == 1 and kiosk.built == 2
    kiosk.reader = "fail"  # the reader died
    kiosk.clock.now += 11
    kiosk.scheduler.step()
    assert kiosk.reporter.sent_count == 2
    [seen] = fleet(platform_sim)
    assert seen["report"]["reason"] == "change" and seen["needs_visit"] == ["READER_DEAD"]
    kiosk.clock.now += 300
    kiosk.scheduler.step()
    assert kiosk.reporter.sent_count == 3
    assert fleet(platform_sim)[0]["report"]["reason"] == "scheduled"


def test_offline_only_the_latest_report_is_kept_and_sent_when_back(kiosk: Kiosk, platform_sim: Any) -> None:
    kiosk.scheduler.step()
    device_id = fleet(platform_sim)[0]["device_id"]
    platform_sim.stop()
    kiosk.reader = "fail"
    kiosk.clock.now += 11
    kiosk.scheduler.step()  # the change is due; the platform does not answer: kept, circuit open
    pending = kiosk.reporter.pending()
    assert pending is not None and pending["sequence"] == 2
    assert kiosk.scheduler.status().circuit == "open"
    for _ in range(3):  # probes while down fail; the report is not retried past the breaker
        kiosk.clock.now += 11
        kiosk.scheduler.step()
    kiosk.reader = "pass"
    platform_sim.start()
    for _ in range(3):
        kiosk.clock.now += 11
        kiosk.scheduler.step()
        if kiosk.reporter.pending() is None:
            break
    assert kiosk.reporter.pending() is None
    sequences = history(platform_sim, device_id)
    assert sequences[0] == 1 and len(sequences) == 2 and sequences[1] > 2  # the stale one never went
    assert fleet(platform_sim)[0]["needs_visit"] == []


BAD_BODIES: list[tuple[bytes, str]] = [
    (b"not json", "STATUS_INVALID"),
    (b"[1, 2]", "STATUS_INVALID"),
    (json.dumps(report(schema=2)).encode(), "STATUS_INVALID"),
    (json.dumps(report(health="great")).encode(), "STATUS_INVALID"),
    (json.dumps(report(checks=[{"name": "x", "status": "pass"}])).encode(), "STATUS_INVALID"),
    (json.dumps(report(checks="all fine")).encode(), "STATUS_INVALID"),
    (json.dumps(report(queue={"counts": {"queued": -1}})).encode(), "STATUS_INVALID"),
    (json.dumps(report(queue={"counts": {}, "oldest_pending_age_s": "old"})).encode(), "STATUS_INVALID"),
    (json.dumps(report(sequence=True)).encode(), "STATUS_INVALID"),
    (json.dumps(report(kiosk={"device_name": "x" * 101})).encode(), "STATUS_INVALID"),
    (json.dumps(report(clock_skew_s=float("inf")), allow_nan=True).encode(), "STATUS_INVALID"),
    (json.dumps(report(alerts=[{"code": "Q", "count": 1, "raised_at": "t"}] * 21)).encode(), "STATUS_INVALID"),
    (b"{" + b" " * MAX_REPORT_BYTES + b"}", "STATUS_TOO_LARGE"),
]


def test_bad_reports_get_a_bilingual_4xx_and_are_not_stored(platform_sim: Any) -> None:
    device_id, secret = platform_sim.enrol()
    for body, code in BAD_BODIES:
        r = platform_sim.signed_request(device_id, secret, "POST", "/v1/kiosk/status", body)
        assert 400 <= r.status_code < 500, (body[:60], r.status_code)
        err = r.json()["error"]
        assert err["code"] == code and err["message_zh"] and err["message_en"]
        assert re.search(r"[\u4e00-\u9fff]", err["message_zh"])
    unsigned = loopback_session().post(f"{platform_sim.url}/v1/kiosk/status", data=json.dumps(report()), timeout=5)
    assert unsigned.status_code == 401 and unsigned.json()["error"]["code"] == "SIGNATURE_MISSING"
    assert fleet(platform_sim) == []
    good = platform_sim.signed_request(device_id, secret, "POST", "/v1/kiosk/status", json.dumps(report()).encode())
    assert good.status_code == 200 and isinstance(good.json()["server_time"], float)
    extra = report()
    extra["member"] = {"hkid": MEMBER.hkid}  # unknown fields are not kept
    platform_sim.signed_request(device_id, secret, "POST", "/v1/kiosk/status", json.dumps(extra).encode())
    assert MEMBER.hkid not in json.dumps(fleet(platform_sim))


def test_history_is_bounded_per_kiosk(tmp_path: Path) -> None:
    store = Store(tmp_path / "platform.sqlite3")
    fleet_store = FleetStore(store, history_per_kiosk=3)
    for n in range(7):
        fleet_store.record("dev-a", report(sequence=n), 100.0 + n)
        fleet_store.record("dev-b", report(sequence=100 + n), 100.0 + n)
    assert [r["sequence"] for _, r in fleet_store.history("dev-a")] == [4, 5, 6]
    assert [r["sequence"] for _, r in fleet_store.history("dev-b")] == [104, 105, 106]
    assert [(k.device_id, k.report["sequence"]) for k in fleet_store.latest()] == [("dev-a", 6), ("dev-b", 106)]
    store.close()


def test_update_state_reads_the_installer_status() -> None:
    assert update_state(None)["state"] == "unknown"
    assert update_state({"slot": None, "history": []})["state"] == "not_installed"
    assert update_state({"slot": "a", "version": "1.0", "pending": {"version": "1.1"}})["state"] == "pending"
    failed = update_state({"slot": "a", "version": "1.0", "history": [
        {"version": "1.1", "outcome": "rolled_back", "detail": "self-test failed"}]})
    assert failed["state"] == "failed" and "1.1" in failed["detail"]


def test_the_report_of_real_services_carries_no_personal_data(tmp_path: Path, platform_sim: Any) -> None:
    data = tmp_path / "kiosk"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"shop_id": "MK-01", "device_name": "mk-01-a",
                                                    "update_channel": "pilot"}))
    config = KioskConfig(data_dir=data, platform_url=platform_sim.url, sync_interval_s=0.2, http_timeout_s=3,
                         metrics_dir=tmp_path / "textfile")
    services = build_services(config, cards=NoCardReader("test", readers=["Test Reader 00"]))
    try:
        services.keystore.save_device_credentials(*services.client.enrol("TEST-CODE-1", "mk-01-a"))
        services.enqueue(Instruction("CHANGE_PARTICULARS", MEMBER, {"mobile": PHONE}))
        platform_sim.stop()  # the instruction stays queued: its age and count go in the report
        reporter = services.worker.scheduler.reporter
        assert reporter is not None
        services.worker.scheduler.step()  # offline: the instruction waits, nothing is reported
        assert reporter.sent_count == 0
        platform_sim.start()
        services.worker.scheduler.breaker.record_success()
        services.worker.scheduler.step()
        assert reporter.sent_count == 1
        [seen] = fleet(platform_sim)
        text = json.dumps(seen, ensure_ascii=False)
        for personal in (MEMBER.hkid, "A123456", MEMBER.name_en, MEMBER.name_zh, PHONE):
            assert personal not in text
        metrics = (tmp_path / "textfile" / "empf_kiosk.prom").read_text()
        for personal in (MEMBER.hkid, "A123456", MEMBER.name_en, MEMBER.name_zh, PHONE):
            assert personal not in metrics
        r = seen["report"]
        assert r["kiosk"]["shop_id"] == "MK-01" and r["kiosk"]["channel"] == "pilot"
        assert r["queue"]["counts"].get("accepted") == 1  # sent first, before the report
        assert {c["name"] for c in r["checks"]} >= {"card_readers", "queue", "clock", "database", "platform"}
        assert seen["health"] in ("ok", "warn") and "READER_DEAD" not in seen["needs_visit"]
    finally:
        services.close()


def test_each_reason_for_a_visit() -> None:
    from platform_sim.fleet import FleetRules, assess

    rules = FleetRules(stale_after_s=900, queue_stuck_s=1800, clock_skew_s=60)
    assert assess(report(), 1000.0, 1010.0, rules).reasons == []
    cases = {
        "READER_DEAD": (report(reader="fail"), 10.0),
        "QUEUE_STUCK": (report(queue={"counts": {"queued": 2}, "oldest_pending_age_s": 1801.0}), 10.0),
        "CLOCK_SKEW": (report(clock_skew_s=-61.0), 10.0),
        "UPDATE_FAILED": (report(update={"state": "failed", "slot": "a", "version": "1.4.0",
                                         "detail": "1.5.0: self-test failed"}), 10.0),
        "NOT_SEEN": (report(), 901.0),
    }
    for code, (doc, silent) in cases.items():
        a = assess(doc, 1000.0, 1000.0 + silent, rules)
        assert [r.code for r in a.reasons] == [code] and a.health == "fail", code
        assert all(r.zh and r.en for r in a.reasons)
    # Under every threshold: nothing to visit.
    near = report(queue={"counts": {"queued": 2}, "oldest_pending_age_s": 1799.0}, clock_skew_s=59.0)
    assert assess(near, 1000.0, 1899.0, rules).reasons == []


def test_the_contract_document_names_exactly_the_fields_the_platform_keeps() -> None:
    import yaml

    from platform_sim.fleet import parse_report

    doc = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "platform-api.yaml").read_text("utf-8"))
    schema = doc["components"]["schemas"]["KioskStatusReport"]
    kept = parse_report(json.dumps(report()).encode())
    assert set(schema["properties"]) == set(kept) == set(schema["required"])
    for part in ("kiosk", "queue", "sync", "update"):
        assert set(schema["properties"][part]["properties"]) == set(kept[part]), part
    check = schema["properties"]["checks"]["items"]["properties"]
    assert set(check) == set(kept["checks"][0])
