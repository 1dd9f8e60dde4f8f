"""Fleet simulation: 1,000 kiosks reconnecting after a 30-minute platform outage, reporting status.

    .venv/bin/python bench/fleet.py                     # 1,000 kiosks (about a minute)
    .venv/bin/python bench/fleet.py --kiosks 200        # quicker

Each simulated kiosk runs the real scheduling code of the kiosk (offline_cache.sync: SyncScheduler,
SyncEngine, CircuitBreaker, Backoff with full jitter; the real SqliteOutbox, in memory) on a
simulated clock, with the production defaults of kiosk/config.py. Only the platform is simulated:
it answers every request at once while up, refuses connections while down, and counts requests.
Members confirm instructions at every kiosk (a Poisson stream); the worker thread's rule is
reproduced exactly: after a round the kiosk sleeps as long as the scheduler says, and a new
instruction cuts the sleep short only while the circuit is closed.

Each kiosk also runs the real status reporter (offline_cache/status_report.py) inside its
scheduler, with the production intervals (a report every 5 min, and at once on a change such as the
circuit opening), sending a report shaped by the real builder (kiosk/fleet/report.py) with the
kiosk's own queue and circuit. The platform's load from status against instructions is measured
three ways: requests, bytes (request and answer bodies, as the real client and simulator encode
them) and server time: a sample of the very bodies sent is replayed, after the run, through the
simulator's own parsing, validation and SQLite store (a real file, synchronous=FULL), and the mean
time per request of each kind is multiplied by its count.

Timeline: 10 min warm-up, 20 min steady state (the baseline), 30 min outage, 30 min after.
It prints the request rate at the platform in 10-second windows: the steady-state mean, the
highest window of the steady state (its own noise), and the highest window after the platform
returns. Goal: peak <= 2 x steady. The last line is JSON with kiosks, peak_to_steady and
status_share (status reports' share of requests, bytes and server time over the whole run).
"""

from __future__ import annotations

import argparse
import collections
import heapq
import json
import logging
import random
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# Python puts this script's folder first on the path, where bench/queue.py would shadow the standard
# library's queue module (urllib3 imports it): keep bench/ off the path, the repository on it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk import doctor  # noqa: E402
from kiosk.config import KioskConfig  # noqa: E402
from kiosk.domain import Identity, Instruction  # noqa: E402
from kiosk.domain.hkid import check_character  # noqa: E402
from kiosk.fleet.report import KioskIdentity, ReportSources  # noqa: E402
from kiosk.fleet.report import build as build_report  # noqa: E402
from kiosk.ports import ItemResult, ItemStatus, OutboxItem, PlatformError  # noqa: E402
from kiosk.ports.staff_queue import StateSummary  # noqa: E402
from offline_cache.breaker import Backoff, CircuitBreaker  # noqa: E402
from offline_cache.outbox import SqliteOutbox  # noqa: E402
from offline_cache.status_report import StatusReporter  # noqa: E402
from offline_cache.sync import SyncEngine, SyncScheduler  # noqa: E402
from platform_sim.fleet import parse_report  # noqa: E402
from platform_sim.fleet_store import FleetStore  # noqa: E402
from platform_sim.store import Store  # noqa: E402
from platform_sim.validation import check_item, parse_batch  # noqa: E402

WINDOW_S = 10.0
SAMPLE_EVERY = 50  # one request body in this many is kept for the server-time replay
KINDS = ("batch", "health", "status")


def _json_bytes(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()  # as HttpPlatformClient sends


class SimClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class SimPlatform:
    """Up or down by the simulated clock; counts requests per window by kind."""

    def __init__(self, clock: SimClock, outage: tuple[float, float]) -> None:
        self.clock = clock
        self.outage = outage
        self.requests: collections.Counter[tuple[int, str]] = collections.Counter()
        self.items: collections.Counter[int] = collections.Counter()
        self.stored = 0
        self._ref = 0
        self.totals: collections.Counter[str] = collections.Counter()  # requests by kind, whole run
        self.bytes: collections.Counter[str] = collections.Counter()  # request + answer bodies by kind
        self.samples: dict[str, list[bytes]] = {"batch": [], "status": []}  # bodies for the replay

    def up(self) -> bool:
        return not self.outage[0] <= self.clock.now < self.outage[1]

    def count(self, kind: str, items: int = 0, body: bytes = b"") -> None:
        window = int(self.clock.now // WINDOW_S)
        self.requests[(window, kind)] += 1
        self.items[window] += items
        self.totals[kind] += 1
        self.bytes[kind] += len(body)
        if body and kind in self.samples and self.totals[kind] % SAMPLE_EVERY == 1:
            self.samples[kind].append(body)

    def answered(self, kind: str, body: bytes) -> None:
        self.bytes[kind] += len(body)


class SimClient:
    """One kiosk's view of the platform (the PlatformClient port)."""

    clock_skew_s = 0.0

    def __init__(self, platform: SimPlatform) -> None:
        self.p = platform

    def submit(self, batch: Sequence[OutboxItem]) -> list[ItemResult]:
        body = _json_bytes({"items": [
            {"idempotency_key": i.idempotency_key, "kiosk_ref": i.kiosk_ref, "type": i.type,
             "member_key": i.member_key, "queued_at": i.queued_at, "payload": dict(i.payload)} for i in batch]})
        self.p.count("batch", len(batch), body)
        if not self.p.up():
            raise PlatformError("ConnectionError talking to the platform")
        out = []
        for item in batch:
            self.p._ref += 1
            ref = f"EMPF-2026-{self.p._ref:06d}"
            out.append(ItemResult(item.idempotency_key, ItemStatus.ACCEPTED, platform_ref=ref))
        self.p.stored += len(batch)
        self.p.answered("batch", _json_bytes({"results": [
            {"idempotency_key": r.idempotency_key, "status": "accepted", "platform_ref": r.platform_ref,
             "reason": None} for r in out]}))
        return out

    def health(self) -> bool:
        self.p.count("health")
        if self.p.up():
            self.p.answered("health", _json_bytes({"status": "ok", "time": self.p.clock.now + 1.7e9,
                                                   "version": "0.1.0"}))
        return self.p.up()

    def report_status(self, report: Mapping[str, Any]) -> None:
        self.p.count("status", body=_json_bytes(report))
        if not self.p.up():
            raise PlatformError("ConnectionError talking to the platform")
        self.p.answered("status", _json_bytes({"received_at": "2026-12-06T15:00:00.000+08:00",
                                               "server_time": self.p.clock.now + 1.7e9}))

    def status(self, platform_ref: str) -> Mapping[str, Any]:
        return {}

    def config(self) -> Mapping[str, Any]:
        return {}


def member(n: int) -> Identity:
    digits = f"{n % 1_000_000:06d}"
    return Identity(f"X{digits}({check_character('X', digits)})")


def report_template(folder: Path) -> dict[str, Any]:
    """One report from the real builder and the doctor's real checks (a kiosk with two readers, an
    empty queue, online); each simulated kiosk fills in its own queue, circuit and time."""
    inputs = doctor.DoctorInputs(
        data_dir=folder, db_path=folder / "outbox.sqlite", platform_url="https://empf.example.hk",
        readers=lambda: ["Virtual PCD 00 00", "Virtual PCD 00 01"], platform_reachable=lambda: True,
        clock_skew_s=lambda: 0.4, enrolled=lambda: True,
        queue=lambda: [StateSummary("accepted", 120, 3600.0)], database_check=lambda: "ok",
        update_status=lambda: {"slot": "a", "version": "1.4.0", "history": []},
        device_probes=[doctor.camera_probe(), doctor.scanner_probe(lambda: [])])
    from kiosk.ports.status import SyncStatus
    return build_report(ReportSources(identity=lambda: KioskIdentity("mk-01-a", "MK-01", "stable"),
                                      doctor_inputs=lambda: inputs, sync=lambda: SyncStatus(online=True),
                                      alerts=lambda: []))


class Kiosk:
    def __init__(self, n: int, clock: SimClock, platform: SimPlatform, cfg: KioskConfig, seed: int,
                 template: dict[str, Any]) -> None:
        self.outbox = SqliteOutbox(Path(":memory:"), random.Random(seed).randbytes(32), b"fleet-salt-00000",
                                   clock=clock)
        client = SimClient(platform)
        engine = SyncEngine(self.outbox, client, batch_size=cfg.batch_size, clock=clock)
        breaker = CircuitBreaker(Backoff(cfg.backoff_base_s, cfg.backoff_cap_s, rng=random.Random(seed)), clock)
        self.template = template
        reporter = StatusReporter(self.report, client.report_status, interval_s=cfg.status_interval_s,
                                  probe_interval_s=cfg.status_probe_s, clock=clock)
        self.scheduler = SyncScheduler(engine, interval_s=cfg.sync_interval_s, health_interval_s=cfg.health_interval_s,
                                       breaker=breaker, clock=clock, wall_clock=clock, reporter=reporter)
        self.clock = clock
        self.generation = 0  # a wake supersedes the scheduled step
        self.n = n

    def report(self) -> dict[str, Any]:
        sync = self.scheduler.status()
        counts = dict(self.outbox.counts().by_state)
        return {**self.template, "generated_at": 1.7e9 + self.clock.now,
                "kiosk": {**self.template["kiosk"], "device_name": f"kiosk-{self.n:04d}"},
                "queue": {"counts": counts, "oldest_pending_age_s": None},
                "sync": {"online": sync.online, "circuit": sync.circuit, "last_sync_at": sync.last_sync_at,
                         "last_error": sync.last_error}}


def simulate(kiosks: int, arrival_s: float, seed: int) -> dict[str, Any]:
    cfg = KioskConfig()  # the production defaults
    clock = SimClock()
    warmup, steady_end = 600.0, 1800.0
    outage = (steady_end, steady_end + 1800.0)
    end = outage[1] + 1800.0
    platform = SimPlatform(clock, outage)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        template = report_template(Path(folder))
    fleet = [Kiosk(i, clock, platform, cfg, seed * 100_003 + i, template) for i in range(kiosks)]
    events: list[tuple[float, int, int, str, int]] = []
    order = 0

    def push(at: float, k: Kiosk, kind: str, gen: int = 0) -> None:
        nonlocal order
        order += 1
        heapq.heappush(events, (at, order, k.n, kind, gen))

    for k in fleet:
        push(rng.uniform(0, 60), k, "step")  # kiosks were switched on at different moments
        push(rng.expovariate(1 / arrival_s), k, "arrival")
    confirmed = 0
    drained_at: float | None = None
    while events:
        at, _, idx, kind, gen = heapq.heappop(events)
        if at > end:
            break
        clock.now = at
        k = fleet[idx]
        if kind == "arrival":
            k.outbox.enqueue(Instruction("CHANGE_PARTICULARS", member(idx * 1000 + confirmed % 1000),
                                         {"mobile": "91234567"}))
            confirmed += 1
            push(at + rng.expovariate(1 / arrival_s), k, "arrival")
            if k.scheduler.accepts_wake():  # SyncWorker: a wake cuts the wait short only when closed
                k.generation += 1
                push(at, k, "step", k.generation)
        elif gen == k.generation:
            push(at + k.scheduler.step(), k, "step", k.generation)
        if drained_at is None and at > outage[1] and platform.stored == confirmed:
            drained_at = at  # every instruction confirmed so far (the outage's backlog too) is stored
    return _figures(platform, kiosks, confirmed, warmup, steady_end, outage, end, drained_at)


def _figures(platform: SimPlatform, kiosks: int, confirmed: int, warmup: float, steady_end: float,
             outage: tuple[float, float], end: float, drained_at: float | None) -> dict[str, Any]:
    def rate(kinds: tuple[str, ...], w: int) -> float:
        return sum(platform.requests[(w, kind)] for kind in kinds) / WINDOW_S

    steady_w = range(int(warmup // WINDOW_S), int(steady_end // WINDOW_S))
    after_w = range(int(outage[1] // WINDOW_S), int(end // WINDOW_S))
    outage_w = range(int(outage[0] // WINDOW_S), int(outage[1] // WINDOW_S))
    out: dict[str, Any] = {"kiosks": kiosks, "confirmed": confirmed}
    for label, kinds in (("all", KINDS), ("instructions", ("batch", "health")), ("batch", ("batch",))):
        steady = sum(rate(kinds, w) for w in steady_w) / len(steady_w)
        out[label] = {
            "steady_rps": round(steady, 2),
            "steady_peak_rps": round(max(rate(kinds, w) for w in steady_w), 2),
            "outage_mean_rps": round(sum(rate(kinds, w) for w in outage_w) / len(outage_w), 2),
            "after_peak_rps": round(max(rate(kinds, w) for w in after_w), 2),
            "after_peak_at_s": int(max(after_w, key=lambda w: rate(kinds, w)) * WINDOW_S - outage[1]),
            # where the outage's backlog lands (one backoff cap after the return)
            "return_peak_rps": round(max(rate(kinds, w) for w in after_w[:30]), 2),
        }
    items_steady = sum(platform.items[w] for w in steady_w) / len(steady_w) / WINDOW_S
    out["items"] = {"steady_ps": round(items_steady, 2),
                    "after_peak_ps": round(max(platform.items[w] for w in after_w) / WINDOW_S, 2)}
    out["stored"] = platform.stored
    out["backlog_cleared_after_s"] = None if drained_at is None else round(drained_at - outage[1])
    out["samples"] = platform.samples
    out["load"] = {k: {"requests": platform.totals[k], "bytes": platform.bytes[k]} for k in KINDS}
    out["status_rps_steady"] = round(sum(platform.requests[(w, "status")] for w in steady_w)
                                     / len(steady_w) / WINDOW_S, 2)
    return out


def server_time(samples: Mapping[str, list[bytes]]) -> dict[str, float]:
    """Mean seconds the simulator's own code spends on one request of each kind: parse, validate,
    store in its SQLite file (a real file, synchronous=FULL, as `empf-platform-sim` runs it)."""
    means: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "platform.sqlite3")
        fleet_store = FleetStore(store)
        try:
            for kind, bodies in samples.items():
                started = time.perf_counter()
                for n, body in enumerate(bodies):
                    if kind == "batch":
                        items = parse_batch(body)
                        store.submit_batch("dev-bench", [(i, check_item(i)) for i in items], 1.7e9 + n)
                    else:
                        fleet_store.record(f"dev-{n % 1000}", parse_report(body), 1.7e9 + n)
                means[kind] = (time.perf_counter() - started) / max(len(bodies), 1)
        finally:
            store.close()
    return means


def status_share(f: Mapping[str, Any], means: Mapping[str, float]) -> dict[str, Any]:
    load = f["load"]
    requests = sum(load[k]["requests"] for k in KINDS)
    total_bytes = sum(load[k]["bytes"] for k in KINDS)
    # health probes cost the server next to nothing (no body, no store): counted as zero time
    t = {k: load[k]["requests"] * means.get(k, 0.0) for k in KINDS}
    return {"requests": round(load["status"]["requests"] / requests, 3),
            "bytes": round(load["status"]["bytes"] / total_bytes, 3),
            "server_time": round(t["status"] / (t["status"] + t["batch"]), 3),
            "status_vs_batch_requests": round(load["status"]["requests"] / max(load["batch"]["requests"], 1), 3)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kiosks", type=int, default=1000)
    p.add_argument("--arrival-s", type=float, default=180.0, help="mean seconds between confirmations at a kiosk")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    logging.disable(logging.WARNING)  # 1,000 kiosks each logging every failed probe: not the point here
    started = time.monotonic()
    f = simulate(args.kiosks, args.arrival_s, args.seed)
    a, b = f["all"], f["batch"]
    print(f"{f['kiosks']} kiosks, one confirmation every {args.arrival_s:.0f} s each on average; "
          f"{f['confirmed']} confirmed, {f['stored']} stored by the platform")
    print("request rate at the platform (10 s windows)      all requests   batch submits")
    print("  (all: batches, health probes and status reports)")
    print(f"  steady state, mean                            {a['steady_rps']:10.1f}/s {b['steady_rps']:12.1f}/s")
    print(f"  steady state, highest window (noise)          {a['steady_peak_rps']:10.1f}/s "
          f"{b['steady_peak_rps']:12.1f}/s")
    print(f"  during the 30-min outage, mean (probes)       {a['outage_mean_rps']:10.1f}/s "
          f"{b['outage_mean_rps']:12.1f}/s")
    print(f"  after it, highest window                      {a['after_peak_rps']:10.1f}/s "
          f"{b['after_peak_rps']:12.1f}/s  (at +{a['after_peak_at_s']} s)")
    print(f"  ...within 300 s of the return (the backlog)   {a['return_peak_rps']:10.1f}/s "
          f"{b['return_peak_rps']:12.1f}/s")
    print(f"  peak / steady                                 {a['after_peak_rps'] / a['steady_rps']:10.2f}x "
          f"{b['after_peak_rps'] / b['steady_rps']:12.2f}x   (goal <= 2x)")
    print(f"instructions per second: steady {f['items']['steady_ps']}, after the outage at most "
          f"{f['items']['after_peak_ps']} (the backlog, in full batches)")
    print(f"backlog cleared {f['backlog_cleared_after_s']} s after the platform returned; "
          f"simulated in {time.monotonic() - started:.0f} s")
    means = server_time(f["samples"])
    share = status_share(f, means)
    load = f["load"]
    print("load at the platform over the whole run       requests        bytes   server ms/request")
    for kind in KINDS:
        ms = f"{means[kind] * 1000:10.2f}" if kind in means else "         -"
        print(f"  {kind:<43} {load[kind]['requests']:9d} {load[kind]['bytes']:12d}  {ms}")
    print(f"status reports: {share['requests']:.1%} of requests, {share['bytes']:.1%} of bytes, "
          f"{share['server_time']:.1%} of the server time spent on batches and reports "
          f"({f['status_rps_steady']}/s in the steady state)")
    print(json.dumps({"kiosks": f["kiosks"], "peak_to_steady": round(a["after_peak_rps"] / a["steady_rps"], 3),
                      "batch_peak_to_steady": round(b["after_peak_rps"] / b["steady_rps"], 3),
                      "steady_rps": a["steady_rps"], "peak_rps": a["after_peak_rps"],
                      "backlog_cleared_after_s": f["backlog_cleared_after_s"], "status_share": share}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
