"""Outbox and sync figures beside raw baselines measured in the same run (run it as bench/queue.py).

    .venv/bin/python bench/queue.py                     # 2,000 enqueues, 10,000 synced
    .venv/bin/python bench/queue.py --enqueues 500 --sync 2000

1. Durable enqueue: SqliteOutbox.enqueue (encrypt, capacity check, insert, commit with the WAL
   fsynced) against a raw sqlite3 insert of a row of the same size into the same table and
   indexes with the same settings (WAL, synchronous=FULL), one commit per row. Interleaved in
   blocks so machine load hits both alike, in rounds on fresh files; the ratio is the median of
   the rounds' ratios (the instruction is built before the timer starts: the session builds it
   before it calls enqueue). Goal: throughput ratio >= 0.8.
2. Sync: the real SyncWorker thread sends N instructions to the platform simulator in batches
   of 50; the baseline is a bare requests.Session loop posting the same number of items in the
   same batch size (building and signing each body, reading the answer), nothing stored locally.
   Each on a fresh simulator, in rounds (baseline then worker); the ratio is the median of the
   rounds' ratios. Goal: ratio >= 0.8.
3. While the worker syncs, a Qt event loop (offscreen) runs a 5 ms QTimer on the main thread; the
   longest gap beyond 5 ms is the UI stall. Goal <= 50 ms. Its idle value is printed too.

The last line is JSON: enqueue_ratio, enqueue_p99_ms, sync_ratio, max_ui_stall_ms.
"""

from __future__ import annotations

import os
import sys

# Run as `python bench/queue.py`, this folder comes first on sys.path and this file would shadow the
# standard library's `queue` (which urllib3 imports): take the folder off before importing anything.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402

from kiosk.domain import Identity, Instruction  # noqa: E402
from kiosk.domain.hkid import check_character  # noqa: E402
from offline_cache.breaker import Backoff  # noqa: E402
from offline_cache.keystore import FileKeystore  # noqa: E402
from offline_cache.outbox import SqliteOutbox  # noqa: E402
from offline_cache.outbox_rows import SCHEMA, member_payload, new_kiosk_ref  # noqa: E402
from offline_cache.platform_client import HttpPlatformClient  # noqa: E402
from offline_cache.signing import signed_headers  # noqa: E402
from offline_cache.sync import SyncEngine, SyncWorker  # noqa: E402
from tests.support.platform import SimProcess  # noqa: E402

BATCH = 50
KIND = "VOLUNTARY_CONTRIBUTION"
BLOCK = 100


def member(n: int) -> Identity:
    digits = f"{n % 1_000_000:06d}"
    return Identity(f"Q{digits}({check_character('Q', digits)})", name_en="BENCH MEMBER", name_zh="測試會員",
                    date_of_birth="1980-01-31")


def instruction(n: int) -> Instruction:
    """A voluntary contribution (a member identified by a typed HKID may give one; a change of
    particulars needs a sign-in, which 10,000 members would each have to do at the simulator).
    Members confirm one or two instructions in a row (every third member does two)."""
    return Instruction(KIND, member(n - (n % 3 == 1)),
                       {"vc_type": "TVC", "frequency": "ONE_OFF", "tvc_paid": "10000",
                        "amount": f"{1000 + n % 9000}", "payment_method": "DIRECT_DEBIT",
                        "bank_account": f"004-123-{n % 1_000_000:06d}"})


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# ---------------------------------------------------------------- 1. enqueue


def raw_table(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    cols = ", ".join(f"{name} {'INTEGER PRIMARY KEY' if name == 'id' else ''}" for name in SCHEMA)
    conn.execute(f"CREATE TABLE outbox ({cols})")
    conn.execute("CREATE UNIQUE INDEX outbox_key ON outbox(idempotency_key)")
    conn.execute("CREATE UNIQUE INDEX outbox_ref ON outbox(kiosk_ref)")
    conn.execute("CREATE INDEX outbox_due ON outbox(state, next_attempt_at)")
    conn.execute("CREATE INDEX outbox_member ON outbox(member_key, id)")
    conn.execute("CREATE INDEX outbox_queued ON outbox(id) WHERE state = 'queued'")
    return conn


def bench_enqueue(n: int, work: Path) -> dict[str, Any]:
    keys = FileKeystore(work / "keys")
    ob = SqliteOutbox(work / "outbox.sqlite", keys.data_key(), keys.member_salt(), max_pending=10 * n)
    raw = raw_table(work / "raw.sqlite")
    # The raw row: the same columns with a payload of the size the outbox stores.
    payload_size = len(json.dumps(member_payload(instruction(0)), ensure_ascii=False).encode()) + 29
    # Values of the same kind as the outbox's: random references and member pseudonyms land on
    # random index pages, as real ones do (sequential ones would flatter the baseline).
    refs = [new_kiosk_ref() for _ in range(n)]
    members = [hashlib.sha256(os.urandom(8)).hexdigest()[:32] for _ in range(n)]
    ours: list[float] = []
    base: list[float] = []
    for start in range(0, n, BLOCK):
        for i in range(start, min(n, start + BLOCK)):
            confirmed = instruction(i)  # built by the session before it calls enqueue: not timed
            t = time.perf_counter()
            ob.enqueue(confirmed)
            ours.append(time.perf_counter() - t)
        for i in range(start, min(n, start + BLOCK)):
            blob = os.urandom(payload_size)
            t = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("INSERT INTO outbox (kiosk_ref, idempotency_key, type, member_key, payload, state, attempts,"
                        " next_attempt_at, queued_at, updated_at) VALUES (?,?,?,?,?,'queued',0,0,?,?)",
                        (refs[i], str(uuid.uuid4()), KIND, members[i], blob,
                         "2026-01-01T00:00:00.000+00:00", "2026-01-01T00:00:00.000+00:00"))
            raw.execute("COMMIT")
            base.append(time.perf_counter() - t)
    ob.close()
    raw.close()
    return {
        "n": n,
        "ours_per_s": n / sum(ours), "raw_per_s": n / sum(base),
        "ours_p50_ms": statistics.median(ours) * 1000, "ours_p99_ms": percentile(ours, 99) * 1000,
        "raw_p50_ms": statistics.median(base) * 1000, "raw_p99_ms": percentile(base, 99) * 1000,
    }


# ---------------------------------------------------------------- 2. sync


def fresh_sim(work: Path, name: str) -> SimProcess:
    sim = SimProcess(work / name, enrolment_codes=["BENCH"])
    sim.start()
    return sim


def raw_sync(sim: SimProcess, n: int, ui_probe: Callable[[Callable[[], bool]], float]) -> tuple[float, float]:
    """The baseline, on a thread of its own while the Qt loop runs, exactly like the worker."""
    import base64
    import threading

    device_id, secret_b64 = sim.enrol("BENCH")
    secret = base64.b64decode(secret_b64)
    items = [{"idempotency_key": str(uuid.uuid4()), "kiosk_ref": f"EK-RAW-{i:08d}", "type": KIND,
              "member_key": f"{i:032x}", "queued_at": "2026-01-01T00:00:00.000+00:00",
              "payload": member_payload(instruction(i))} for i in range(n)]
    elapsed = [0.0]

    def loop() -> None:
        session = requests.Session()
        t = time.perf_counter()
        for start in range(0, n, BATCH):
            body = json.dumps({"items": items[start:start + BATCH]}, ensure_ascii=False,
                              separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json",
                       **signed_headers(device_id, secret, "POST", "/v1/instructions/batch", body, time.time())}
            resp = session.post(sim.url + "/v1/instructions/batch", data=body, headers=headers, timeout=30)
            resp.raise_for_status()
            results = resp.json()["results"]
            if len(results) != len(items[start:start + BATCH]):
                raise RuntimeError("short answer")
            refused = [r for r in results if r.get("status") != "accepted"]
            if refused:  # a baseline that is refused does less work than the kiosk: not a baseline
                raise RuntimeError(f"the platform refused the raw loop's items: {refused[0]}")
        elapsed[0] = time.perf_counter() - t
        session.close()

    thread = threading.Thread(target=loop)
    thread.start()
    stall = ui_probe(lambda: not thread.is_alive())
    thread.join()
    if not elapsed[0]:
        raise RuntimeError("the raw loop failed")
    return n / elapsed[0], stall


def engine_sync(sim: SimProcess, n: int, work: Path, ui_probe: Callable[[Callable[[], bool]], float]
                ) -> tuple[float, float]:
    keys = FileKeystore(work / "keys")
    ob = SqliteOutbox(work / "outbox.sqlite", keys.data_key(), keys.member_salt(), max_pending=10 * n)
    client = HttpPlatformClient(sim.url, keys.device_credentials, timeout_s=30)
    keys.save_device_credentials(*client.enrol("BENCH", "bench"))
    for i in range(n):
        ob.enqueue(instruction(i))
    engine = SyncEngine(ob, client, batch_size=BATCH)
    worker = SyncWorker(engine, interval_s=0.05, health_interval_s=60, backoff=Backoff(0.05, 0.5))
    # "Done?" is asked on a connection of its own, so the question never holds the outbox's lock.
    watcher = sqlite3.connect(work / "outbox.sqlite")
    finished_at = [0.0]

    def done() -> bool:
        if watcher.execute("SELECT 1 FROM outbox WHERE state IN ('queued','sending') LIMIT 1").fetchone() is None:
            finished_at[0] = finished_at[0] or time.perf_counter()
            return True
        return False

    t = time.perf_counter()
    worker.start()
    worker.wake()
    try:
        stall = ui_probe(done)
    finally:
        worker.stop()
        watcher.close()
    elapsed = (finished_at[0] or time.perf_counter()) - t
    counts = ob.counts().by_state
    client.close()
    ob.close()
    if counts != {"accepted": n}:
        raise RuntimeError(f"sync did not finish: {counts}")
    return n / elapsed, stall


# ---------------------------------------------------------------- 3. the Qt event loop


def make_ui_probe() -> Callable[[Callable[[], bool]], float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])

    def probe(done: Callable[[], bool], limit_s: float = 600.0) -> float:
        """Run the event loop until done() (checked at every 5 ms tick) and return the longest stall,
        ms. Both sync runs go on a thread while this loop runs, as the kiosk's worker does. The
        worker's end is the first tick that sees its queue empty, so the check is made at every
        tick: checked every 50 ms, the worker's time took up to 50 ms (2-3% of a 10,000-item run)
        that the baseline, timed on its own thread, did not."""
        last = time.perf_counter()
        worst = 0.0
        started = last

        def tick() -> None:
            nonlocal last, worst
            now = time.perf_counter()
            worst = max(worst, now - last - 0.005)
            last = now
            if done() or now - started > limit_s:
                app.quit()

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        timer.start()
        app.exec()
        timer.stop()
        return max(worst, 0.0) * 1000

    return probe


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--enqueues", type=int, default=2000)
    p.add_argument("--sync", type=int, default=10_000)
    p.add_argument("--rounds", type=int, default=5, help="rounds of each part; the ratios are the rounds' median")
    args = p.parse_args()
    logging.disable(logging.INFO)
    probe = make_ui_probe()
    with tempfile.TemporaryDirectory(prefix="empf-bench-queue-") as tmp:
        work = Path(tmp)
        enqueue_rounds = [bench_enqueue(args.enqueues, work / f"enqueue-{r}") for r in range(args.rounds)]
        idle_end = time.perf_counter() + 2.0  # the loop alone: what this machine adds by itself
        idle_stall = probe(lambda: time.perf_counter() > idle_end)
        raw_rates, ours_rates, stalls, raw_stalls = [], [], [], []
        for r in range(args.rounds):
            sim = fresh_sim(work, f"sim-raw-{r}")
            try:
                rate, raw_stall = raw_sync(sim, args.sync, probe)
                raw_rates.append(rate)
                raw_stalls.append(raw_stall)
            finally:
                sim.stop()
            sim = fresh_sim(work, f"sim-engine-{r}")
            try:
                rate, stall = engine_sync(sim, args.sync, work / f"kiosk-{r}", probe)
                ours_rates.append(rate)
                stalls.append(stall)
            finally:
                sim.stop()
    # Each round runs the baseline and ours side by side: the median of the rounds' ratios is robust
    # to the load other processes put on a shared machine (which moves minute by minute). For the
    # enqueue a few fsyncs of several ms (other processes' disk traffic) decide a single round's
    # ratio by which side's block of 100 they land in (0.68 to 0.97 at one load); the figures
    # printed are those of the median round.
    enqueue_ratios = [x["ours_per_s"] / x["raw_per_s"] for x in enqueue_rounds]
    enqueue_ratio = statistics.median_low(enqueue_ratios)
    e = enqueue_rounds[enqueue_ratios.index(enqueue_ratio)]
    round_ratios = [o / r for o, r in zip(ours_rates, raw_rates, strict=True)]
    sync_ratio = statistics.median(round_ratios)
    print(f"durable enqueue, {e['n']} one commit each (WAL, synchronous=FULL), interleaved in blocks of {BLOCK}, "
          f"{args.rounds} rounds, the median round:")
    print(f"  outbox.enqueue  {e['ours_per_s']:8.0f}/s  p50 {e['ours_p50_ms']:.2f} ms  p99 {e['ours_p99_ms']:.2f} ms")
    print(f"  raw sqlite3     {e['raw_per_s']:8.0f}/s  p50 {e['raw_p50_ms']:.2f} ms  p99 {e['raw_p99_ms']:.2f} ms")
    print(f"  ratio           {enqueue_ratio:.2f} median of the rounds' ratios "
          f"({', '.join(f'{x:.2f}' for x in enqueue_ratios)}) (goal >= 0.8); at the median latency "
          f"{e['raw_p50_ms'] / e['ours_p50_ms']:.2f}")
    print(f"sync of {args.sync} instructions in batches of {BATCH} to the simulator, {args.rounds} rounds:")
    print(f"  SyncWorker      {statistics.median(ours_rates):8.0f}/s  (rounds: "
          f"{', '.join(f'{x:.0f}' for x in ours_rates)})")
    print(f"  raw requests    {statistics.median(raw_rates):8.0f}/s  (rounds: "
          f"{', '.join(f'{x:.0f}' for x in raw_rates)})")
    print(f"  ratio           {sync_ratio:.2f} median of the rounds' ratios "
          f"({', '.join(f'{x:.2f}' for x in round_ratios)}) (goal >= 0.8)")
    print(f"Qt event loop, longest stall while syncing: {max(stalls):.1f} ms (goal <= 50 ms); idle "
          f"{idle_stall:.1f} ms, during the raw loop {max(raw_stalls):.1f} ms")
    print(json.dumps({"enqueue_ratio": round(enqueue_ratio, 3), "enqueue_p99_ms": round(e["ours_p99_ms"], 2),
                      "sync_ratio": round(sync_ratio, 3), "max_ui_stall_ms": round(max(stalls), 1),
                      "enqueue_per_s": round(e["ours_per_s"]), "raw_enqueue_per_s": round(e["raw_per_s"]),
                      "sync_per_s": round(statistics.median(ours_rates)),
                      "raw_sync_per_s": round(statistics.median(raw_rates)),
                      "idle_ui_stall_ms": round(idle_stall, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
