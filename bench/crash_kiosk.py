"""A headless kiosk for the crash harness (bench/crash.py): the real services (outbox, sync worker,
platform client) of kiosk/app.py, no screen and no card reader.

It confirms instructions in a loop and, each time `enqueue` has returned, appends the receipt to a
log and fsyncs it: that log is "what the kiosk receipted" (a receipt is shown only after enqueue
returns, so an instruction whose process died before its line was written was never receipted).
Meanwhile the sync worker sends. bench/crash.py kills it with SIGKILL at random moments.

    python bench/crash_kiosk.py --data-dir D --platform-url U --receipts FILE --run N [--finish]
    python bench/crash_kiosk.py --data-dir D --platform-url U --receipts FILE --serve   (see serve())

--finish: confirm nothing, wait until the queue is empty (bounded), print "done" and exit 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

# Python puts this script's folder first on the path, where bench/queue.py would shadow the standard
# library's queue module (urllib3 imports it): keep bench/ off the path, the repository on it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.crash_marker import KIND, marked_values  # noqa: E402
from kiosk.app import build_services  # noqa: E402
from kiosk.config import KioskConfig  # noqa: E402
from kiosk.domain import Identity, Instruction  # noqa: E402
from kiosk.domain.hkid import check_character  # noqa: E402
from kiosk.no_card_reader import NoCardReader  # noqa: E402
from kiosk.ports import QueueRefused  # noqa: E402

MEMBERS = 40  # few enough that members have many instructions each (their order is checked)


def member(n: int) -> Identity:
    digits = f"{n:06d}"
    return Identity(f"Y{digits}({check_character('Y', digits)})", name_en=f"SOAK MEMBER {n}")


def instruction(marker: str, rng: random.Random) -> Instruction:
    who = member(rng.randrange(MEMBERS))
    if rng.random() < 0.05:  # the platform rejects these (no sign-in, no such fund): an answer too
        return Instruction("FUND_SWITCH", who, {"scheme_account": "ACC-1", "allocation": {"NOSUCHFUND": 100},
                                                "email": f"{marker}@example.com"})
    return Instruction(KIND, who, marked_values(marker))  # accepted: the marker in what the platform keeps


def run_kiosk(data_dir: Path, platform_url: str, receipts: Path, run: int, *, finish: bool = False,
              pace_ms: float = 4.0, finish_timeout: float = 120.0) -> int:
    cfg = KioskConfig(data_dir=data_dir, platform_url=platform_url, batch_size=10, sync_interval_s=0.05,
                      health_interval_s=0.5, http_timeout_s=1.0, backoff_base_s=0.01, backoff_cap_s=0.2)
    services = build_services(cfg, cards=NoCardReader("no card reader in the crash harness"))
    services.start()
    print("ready", flush=True)
    if finish:
        deadline = time.monotonic() + finish_timeout
        while time.monotonic() < deadline:
            if services.outbox.counts().waiting == 0:
                services.close()
                print("done", flush=True)
                return 0
            services.worker.wake()
            time.sleep(0.05)
        print(f"still waiting: {services.outbox.counts().by_state}", flush=True)
        services.close()
        return 1
    rng = random.Random(run)
    fd = os.open(receipts, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    seq = 0
    while True:  # until killed
        marker = f"r{run}-{seq}"
        try:
            receipt = services.enqueue(instruction(marker, rng))
        except QueueRefused:
            time.sleep(0.05)
            continue
        # Only now would the kiosk show the receipt: record it, durably.
        line = json.dumps({"marker": marker, "kiosk_ref": receipt.kiosk_ref, "key": receipt.idempotency_key})
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
        seq += 1
        time.sleep(pace_ms / 1000 * rng.uniform(0.5, 1.5))


def serve(data_dir: Path, platform_url: str, receipts: Path) -> int:
    """Start kiosks on request, each a new process forked from this one (which has done the imports
    and nothing else: no thread, no open file), so a start costs milliseconds instead of the
    interpreter's second of imports. Each child opens the outbox from disk and recovers, like any
    start. stdin: `run N` or `run N finish`; stdout: `pid P`, the child's own lines, `exit P STATUS`."""
    for line in sys.stdin:
        parts = line.split()
        if len(parts) < 2 or parts[0] != "run":
            continue
        run, finish = int(parts[1]), parts[2:] == ["finish"]
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = run_kiosk(data_dir, platform_url, receipts, run, finish=finish)
            finally:
                sys.stdout.flush()
                os._exit(code)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {pid} {status}", flush=True)
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", type=Path, required=True)
    p.add_argument("--platform-url", required=True)
    p.add_argument("--receipts", type=Path, required=True)
    p.add_argument("--run", type=int, help="this start's number: markers are r<run>-<seq>")
    p.add_argument("--serve", action="store_true", help="fork a kiosk per `run N` line on stdin")
    p.add_argument("--pace-ms", type=float, default=4.0, help="pause between confirmations")
    p.add_argument("--finish", action="store_true")
    p.add_argument("--finish-timeout", type=float, default=120.0)
    args = p.parse_args()
    if args.serve:
        return serve(args.data_dir, args.platform_url, args.receipts)
    if args.run is None:
        p.error("--run N is needed (or --serve)")
    return run_kiosk(args.data_dir, args.platform_url, args.receipts, args.run, finish=args.finish,
                     pace_ms=args.pace_ms, finish_timeout=args.finish_timeout)


if __name__ == "__main__":
    sys.exit(main())
