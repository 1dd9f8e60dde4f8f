"""Crash harness: a real kiosk process, confirming and syncing, killed with SIGKILL at random moments.

    .venv/bin/python bench/crash.py --kills 1000          # by hand
    .venv/bin/python bench/crash.py --kills 100           # what CI runs (tests/offline_cache/test_crash_harness.py)

It starts the platform simulator (its own SQLite file, a little latency and some answers lost after
commit, so kills also land while requests are in flight), enrols a kiosk, then repeats: start a
kiosk (bench/crash_kiosk.py), wait a random moment (sometimes during start-up and recovery, mostly
while it confirms and sends), SIGKILL it. Kiosks are forked from a server process that did the
imports once (a start then costs milliseconds, not a second); --fresh-interpreters starts each as a
new interpreter instead. After N kills it starts the kiosk once more to finish sending, and
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
import contextlib
import itertools
import json
import os
import queue
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# Python puts this script's folder first on the path, where bench/queue.py would shadow the standard
# library's queue module (urllib3 imports it): keep bench/ off the path, the repository on it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(REPO))

from bench.crash_marker import marker_of, order_key  # noqa: E402
from offline_cache.keystore import FileKeystore  # noqa: E402
from offline_cache.platform_client import HttpPlatformClient  # noqa: E402
from tests.support.platform import SimProcess  # noqa: E402

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


def kiosk_command(data: Path, url: str, receipts: Path, *extra: str) -> list[str]:
    return [sys.executable, str(REPO / "bench" / "crash_kiosk.py"), "--data-dir", str(data), "--platform-url", url,
            "--receipts", str(receipts), *extra]


class Lines:
    """A process's stdout as lines with timeouts (a reader thread feeds a queue)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        assert proc.stdout is not None
        stream = proc.stdout

        def pump() -> None:
            for line in stream:
                self.lines.put(line.strip())
            self.lines.put(None)

        threading.Thread(target=pump, daemon=True).start()

    def until(self, predicate: Callable[[str], bool], timeout: float) -> str | None:
        """The first line that satisfies predicate, or None (end of output or timeout)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                return None
            if predicate(line):
                return line
        return None


class FreshInterpreters:
    """Each start is a new `python bench/crash_kiosk.py` (imports included: ~1 s a start)."""

    def __init__(self, data: Path, url: str, receipts: Path) -> None:
        self.args = (data, url, receipts)
        self.proc: subprocess.Popen[str] | None = None
        self.out: Lines | None = None

    def start(self, run: int, finish: bool = False) -> None:
        extra = ["--run", str(run)] + (["--finish"] if finish else [])
        self.proc = subprocess.Popen(kiosk_command(*self.args, *extra), stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, cwd=REPO,
                                     env=dict(os.environ, PYTHONPATH=str(REPO)))
        self.out = Lines(self.proc)

    def wait_ready(self) -> bool:
        assert self.out is not None
        return self.out.until(lambda line: line == "ready", READY_TIMEOUT_S) is not None

    def kill(self) -> None:
        assert self.proc is not None
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def finish(self, run: int, timeout: float) -> bool:
        self.start(run, finish=True)
        assert self.out is not None
        done = self.out.until(lambda line: line == "done", timeout) is not None
        self.kill()
        return done

    def close(self) -> None:
        pass


class ForkServer:
    """Each start is a process forked from a server that has done the imports (crash_kiosk.py
    --serve): the child opens the outbox from disk and recovers like any start, in milliseconds."""

    def __init__(self, data: Path, url: str, receipts: Path) -> None:
        self.server = subprocess.Popen(kiosk_command(data, url, receipts, "--serve"), stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO,
                                       env=dict(os.environ, PYTHONPATH=str(REPO)))
        self.out = Lines(self.server)
        self.pid = 0
        self.exited = False

    def start(self, run: int, finish: bool = False) -> None:
        assert self.server.stdin is not None
        self.server.stdin.write(f"run {run}{' finish' if finish else ''}\n")
        self.server.stdin.flush()
        line = self.out.until(lambda text: text.startswith("pid "), READY_TIMEOUT_S)
        if line is None:
            raise RuntimeError("the kiosk fork server did not start a kiosk")
        self.pid, self.exited = int(line.split()[1]), False

    def wait_ready(self) -> bool:
        line = self.out.until(lambda text: text == "ready" or text.startswith(f"exit {self.pid} "), READY_TIMEOUT_S)
        if line is not None and line.startswith("exit"):
            self.exited = True
        return line == "ready"

    def kill(self) -> None:
        if not self.exited:
            with contextlib.suppress(ProcessLookupError):  # it may have died on its own
                os.kill(self.pid, signal.SIGKILL)
            if self.out.until(lambda text: text.startswith(f"exit {self.pid} "), 30) is None:
                raise RuntimeError("a killed kiosk was not reaped")
            self.exited = True

    def finish(self, run: int, timeout: float) -> bool:
        self.start(run, finish=True)
        done = self.out.until(lambda text: text == "done" or text.startswith(f"exit {self.pid} "), timeout)
        if done == "done":
            self.out.until(lambda text: text.startswith(f"exit {self.pid} "), 30)
            self.exited = True
        else:
            self.kill()
        return done == "done"

    def close(self) -> None:
        if self.server.stdin is not None:
            self.server.stdin.close()
        try:
            self.server.wait(10)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait(10)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kills", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--max-alive-s", type=float, default=0.6, help="longest a kiosk lives before its kill")
    p.add_argument("--workdir", type=Path, help="keep the files here (default: a temporary folder)")
    p.add_argument("--fresh-interpreters", action="store_true",
                   help="start every kiosk as a new interpreter (imports included) instead of forking it "
                        "from a server that did the imports once")
    args = p.parse_args()
    # SIGTERM (a CI timeout, a Ctrl-C'd parent) must still stop the simulator and the kiosks.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
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

            kiosks = FreshInterpreters(data, sim.url, receipts) if args.fresh_interpreters else \
                ForkServer(data, sim.url, receipts)
            kills = not_ready = during_startup = 0
            try:
                for run in range(args.kills):
                    kiosks.start(run)
                    if rng.random() < 0.15:  # sometimes while it opens the outbox and recovers
                        time.sleep(rng.uniform(0.0, 0.15 if not args.fresh_interpreters else 0.6))
                        during_startup += 1
                    elif not kiosks.wait_ready():
                        not_ready += 1
                    else:
                        time.sleep(rng.uniform(0.0, args.max_alive_s))
                    kiosks.kill()
                    kills += 1
                    if (run + 1) % 25 == 0:
                        print(f"{run + 1} kills, {len(read_receipts(receipts))} receipted so far", flush=True)
                sim.clear_faults()
                finished = kiosks.finish(args.kills, timeout=180)
            finally:
                kiosks.close()
            held = sim.admin_instructions()
            rejected = sim.admin_rejections()
        finally:
            sim.stop()

        receipted = read_receipts(receipts)
    figures = tally(receipted, held, rejected)
    seconds = time.monotonic() - started
    how = "fresh interpreters" if args.fresh_interpreters else "forked from a server that did the imports"
    print(f"kills:                 {kills} ({during_startup} during start-up, {not_ready} never got ready; "
          f"kiosks {how})")
    print(f"receipted:             {figures['receipted']}")
    print(f"on the platform:       {figures['accepted']} accepted, {figures['rejected']} rejected")
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
    # Most instructions must be accepted: a run the platform refused would check nothing.
    ok = finished and figures["accepted"] * 2 > figures["receipted"] and not any(
        figures[k] for k in ("lost", "duplicated", "duplicated_refs", "order_violations"))
    return 0 if ok else 1


def tally(receipted: list[dict[str, str]], held: list[dict[str, Any]],
          rejected: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare the receipt log with the platform's store (accepted with payload, rejected without)."""
    markers = collections.Counter(marker_of(h["payload"]["values"]) for h in held)
    held_keys = {h["idempotency_key"] for h in held} | {r["idempotency_key"] for r in rejected}
    lost = [r for r in receipted if r["key"] not in held_keys]
    refs = collections.Counter(h["kiosk_ref"] for h in held)
    receipted_markers = {r["marker"] for r in receipted}
    by_member: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    for h in held:
        by_member[h["member_key"]].append(order_key(marker_of(h["payload"]["values"])))
    return {
        "receipted": len(receipted),
        "accepted": len(held),  # what the duplicate and order checks look at: only the held have payloads
        "rejected": len(rejected),
        "lost": len(lost),
        "duplicated": sum(c - 1 for c in markers.values() if c > 1),
        "duplicated_refs": sum(c - 1 for c in refs.values() if c > 1),
        "unreceipted_sent": sum(1 for m in markers if m not in receipted_markers),
        "order_violations": sum(1 for seq in by_member.values() for a, b in itertools.pairwise(seq) if b < a),
        "lost_examples": lost[:10],
    }


if __name__ == "__main__":
    sys.exit(main())
