"""Crash harness: a real kiosk process, confirming and syncing, killed with SIGKILL at random moments.

    .venv/bin/python bench/crash.py --kills 1000          # by hand
    .venv/bin/python bench/crash.py --kills 100           # what CI runs (tests/test_crash_harness.py)

It starts the platform simulator (its own SQLite file, a little latency and some answers lost after
commit, so kills also land while requests are in flight), enrols a kiosk, then repeats: start
bench/crash_kiosk.py, wait a random moment (sometimes during start-up and recovery, mostly while it
confirms and sends), SIGKILL it. After N kills it starts the kiosk once more to finish sending, and
compares what the kiosk receipted (its fsynced receipt log) with what the platform holds
(GET /admin/instructions): lost = receipted but not on the platform (neither accepted nor
rejected); duplicated = an instruction the platform holds more than once (counted by a marker
inside the payload, so a resend under a new key would show). It also checks that each member's
instructions arrived in the order confirmed and that nothing is left waiting on the kiosk.

The last line of output is one JSON object: kills, receipted, lost, duplicated (and more).
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# Python puts this script's folder first on the path, where bench/queue.py would shadow the standard
# library's queue module (urllib3 imports it): keep bench/ off the path, the repository on it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(REPO))

from offline_cache.keystore import FileKeystore  # noqa: E402
from offline_cache.platform_client import HttpPlatformClient  # noqa: E402
from tests.fixtures.platform import SimProcess  # noqa: E402

ENROL_CODE = "CRASH-HARNESS"
READY_TIMEOUT_S = 30.0


def read_receipts(path: Path) -> list[dict[str, str]]:
    """Complete lines only: a line cut by the kill was never a shown receipt."""
    if not path.exists():
        return []
    out = []
    for line in path.read_bytes().split(b"\n"):
        try:
            doc = json.loads(line)
        except ValueError:
            continue
        if isinstance(doc, dict) and {"marker", "kiosk_ref", "key"} <= set(doc):
            out.append(doc)
    return out


def start_kiosk(data: Path, url: str, receipts: Path, run: int, finish: bool = False) -> subprocess.Popen[str]:
    args = [sys.executable, str(REPO / "bench" / "crash_kiosk.py"), "--data-dir", str(data), "--platform-url", url,
            "--receipts", str(receipts), "--run", str(run)]
    if finish:
        args.append("--finish")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=REPO)


def wait_ready(proc: subprocess.Popen[str]) -> bool:
    assert proc.stdout is not None
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip() == "ready":
            return True
        if not line and proc.poll() is not None:
            return False
    return False


def kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    if proc.stdout is not None:
        proc.stdout.close()


def order_key(marker: str) -> tuple[int, int]:
    run, seq = marker[1:].split("-")
    return int(run), int(seq)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kills", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--max-alive-s", type=float, default=0.6, help="longest a kiosk lives before its kill")
    p.add_argument("--workdir", type=Path, help="keep the files here (default: a temporary folder)")
    args = p.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="empf-crash-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data, receipts = work / "kiosk", work / "receipts.jsonl"
        sim = SimProcess(work / "platform", enrolment_codes=[ENROL_CODE])
        sim.start()
        try:
            sim.set_faults(latency_ms=3, reset_after_commit=0.05, seed=args.seed)
            keystore = FileKeystore(data / "keys")
            client = HttpPlatformClient(sim.url, keystore.device_credentials, timeout_s=5)
            keystore.save_device_credentials(*client.enrol(ENROL_CODE, "crash-harness"))
            client.close()

            kills = not_ready = during_startup = 0
            for run in range(args.kills):
                proc = start_kiosk(data, sim.url, receipts, run)
                if rng.random() < 0.15:  # sometimes while it opens the outbox and recovers
                    time.sleep(rng.uniform(0.05, 0.5))
                    during_startup += 1
                elif not wait_ready(proc):
                    not_ready += 1
                else:
                    time.sleep(rng.uniform(0.0, args.max_alive_s))
                kill(proc)
                kills += 1
                if (run + 1) % 25 == 0:
                    print(f"{run + 1} kills, {len(read_receipts(receipts))} receipted so far", flush=True)

            sim.clear_faults()
            final = start_kiosk(data, sim.url, receipts, args.kills, finish=True)
            try:
                out, _ = final.communicate(timeout=180)
            except subprocess.TimeoutExpired:
                kill(final)
                out = "timeout"
            finished = "done" in out
            held = sim.admin_instructions()
            rejected = sim.admin_rejections()
        finally:
            sim.stop()

        receipted = read_receipts(receipts)
    figures = tally(receipted, held, rejected)
    seconds = time.monotonic() - started
    print(f"kills:                 {kills} ({during_startup} during start-up, {not_ready} never got ready)")
    print(f"receipted:             {figures['receipted']}")
    print(f"on the platform:       {len(held)} accepted, {len(rejected)} rejected")
    print(f"lost:                  {figures['lost']}")
    print(f"duplicated:            {figures['duplicated']} (by payload marker), "
          f"{figures['duplicated_refs']} (by kiosk_ref)")
    print(f"unreceipted but sent:  {figures['unreceipted_sent']} (killed between enqueue and the receipt; "
          "at most one per kill)")
    print(f"member order broken:   {figures['order_violations']}")
    print(f"finished sending:      {finished}")
    print(f"time:                  {seconds:.1f} s")
    for r in figures["lost_examples"]:
        print(f"LOST {r}")
    summary = {"kills": kills, **{k: v for k, v in figures.items() if k != "lost_examples"},
               "finished": finished, "seconds": round(seconds, 1)}
    print(json.dumps(summary))
    ok = finished and not any(figures[k] for k in ("lost", "duplicated", "duplicated_refs", "order_violations"))
    return 0 if ok else 1


def tally(receipted: list[dict[str, str]], held: list[dict[str, Any]],
          rejected: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare the receipt log with the platform's store (accepted with payload, rejected without)."""
    markers = collections.Counter(h["payload"]["values"]["email"].split("@")[0] for h in held)
    held_keys = {h["idempotency_key"] for h in held} | {r["idempotency_key"] for r in rejected}
    lost = [r for r in receipted if r["key"] not in held_keys]
    refs = collections.Counter(h["kiosk_ref"] for h in held)
    receipted_markers = {r["marker"] for r in receipted}
    by_member: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    for h in held:
        by_member[h["member_key"]].append(order_key(h["payload"]["values"]["email"].split("@")[0]))
    return {
        "receipted": len(receipted),
        "lost": len(lost),
        "duplicated": sum(c - 1 for c in markers.values() if c > 1),
        "duplicated_refs": sum(c - 1 for c in refs.values() if c > 1),
        "unreceipted_sent": sum(1 for m in markers if m not in receipted_markers),
        "order_violations": sum(1 for seq in by_member.values() for a, b in itertools.pairwise(seq) if b < a),
        "lost_examples": lost[:10],
    }


if __name__ == "__main__":
    sys.exit(main())
