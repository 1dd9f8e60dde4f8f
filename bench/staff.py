"""Staff-side costs: the audit log, update verification, log scrubbing, each beside a raw baseline
measured in the same run.

    .venv/bin/python bench/staff.py                # 500 audit entries, a 64 MB bundle, 20k log lines
    .venv/bin/python bench/staff.py --entries 100 --bundle-mb 16 --lines 5000   # quicker

1. audit append: FileAuditLog.record (flock, tail read, HMAC, one fsynced line, fsynced head) per
   entry, against a raw loop that appends one JSON line and fsyncs it.
   append_ratio = median(kiosk) / median(raw). The kiosk makes three fsyncs (the line, the new head
   file, the folder holding the renamed head) to the raw loop's one and opens four files (lock,
   log, head, folder), so 3 is the floor and 6-8 is what it measures. Staff actions come a few a
   minute: the goal is the absolute figure, <= 5 ms per entry; the ratio shows where it goes.
2. audit verify: verifying N entries against hashing the same file with plain SHA-256.
3. update check of a bundle folder: the installer's per-file SHA-256 check (extract excluded)
   against `sha256sum`-like hashing of the same bytes in one loop. Goal ratio <= 1.5.
4. log scrubbing: Scrubber.scrub per line (known values + shape rules) against reading the lines.
   Reported as lines per second; a day of kiosk logs is a few thousand lines.

Ends with one line of JSON holding the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.update import installer as inst
from kiosk.update import manifest as mf
from offline_cache.audit import FileAuditLog
from offline_cache.log_export import Scrubber


def bench_audit(tmp: Path, n: int) -> dict[str, float]:
    log = FileAuditLog(tmp / "audit", os.urandom(32))
    kiosk: list[float] = []
    for i in range(n):
        t0 = time.perf_counter()
        log.record("sync.forced", role="staff", actor="S001", shop="SHOP-01", outcome="ok", detail={"n": i})
        kiosk.append(time.perf_counter() - t0)
    raw: list[float] = []
    path = tmp / "raw.jsonl"
    line = json.dumps({"seq": 0, "event": "sync.forced", "actor": "S001", "detail": {"n": 0}}).encode() + b"\n"
    for _ in range(n):
        t0 = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.write(fd, line)
        os.fsync(fd)
        os.close(fd)
        raw.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    result = log.verify()
    verify_s = time.perf_counter() - t0
    assert result.ok, result.problems
    t0 = time.perf_counter()
    hashlib.sha256(log.path.read_bytes()).hexdigest()
    raw_verify_s = time.perf_counter() - t0
    k, r = statistics.median(kiosk), statistics.median(raw)
    return {"append_ms": round(k * 1000, 3), "raw_append_ms": round(r * 1000, 3), "append_ratio": round(k / r, 2),
            "verify_ms": round(verify_s * 1000, 1), "raw_hash_ms": round(raw_verify_s * 1000, 2),
            "verify_us_per_entry": round(verify_s / n * 1e6, 1)}


def bench_update(tmp: Path, mb: int) -> dict[str, float]:
    folder = tmp / "bundle"
    (folder / "_internal").mkdir(parents=True)
    chunk = os.urandom(1 << 20)
    for i in range(mb):  # files of 1 MB, as a bundle's libraries are
        (folder / "_internal" / f"lib{i}.so").write_bytes(chunk[i:] + chunk[:i])
    (folder / "empf-kiosk").write_bytes(b"#!/bin/sh\n")
    archive = tmp / "a.tar"
    archive.write_bytes(b"x")
    raw_manifest = mf.make_manifest(version="1.0.0", archive=archive, folder=folder, entry="empf-kiosk", valid_days=1)
    m = mf.parse(raw_manifest)
    t0 = time.perf_counter()
    inst._check_files(folder, m, lambda f: None)
    check_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h = hashlib.sha256()
            with p.open("rb") as f:
                while block := f.read(1 << 20):
                    h.update(block)
    raw_s = time.perf_counter() - t0
    return {"bundle_mb": mb, "check_files_s": round(check_s, 3), "raw_sha256_s": round(raw_s, 3),
            "check_ratio": round(check_s / raw_s, 2), "check_mb_per_s": round(mb / check_s, 1)}


def bench_scrub(n: int) -> dict[str, float]:
    lines = [f"2026-11-26 13:02:{i % 60:02d},123 INFO offline_cache.outbox: queued EK-261126-7QX4M2 "
             f"key=550e8400-e29b-41d4-a716-44665544{i % 10000:04d} type=CHANGE_PARTICULARS attempt {i}\n"
             for i in range(n)]
    s = Scrubber()
    s.add_known(["A123456(3)", "CHAN TAI MAN", "陳大文", "91234567", "chan.taiman@example.com",
                 "FLAT A, 12/F, 1 EXAMPLE ROAD"] * 1)
    t0 = time.perf_counter()
    for line in lines:
        s.scrub(line)
    scrub_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    total = 0
    for line in lines:
        total += len(line)
    raw_s = time.perf_counter() - t0
    return {"lines": n, "scrub_lines_per_s": round(n / scrub_s), "scrub_s": round(scrub_s, 3),
            "raw_read_s": round(raw_s, 4)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--entries", type=int, default=500)
    p.add_argument("--bundle-mb", type=int, default=64)
    p.add_argument("--lines", type=int, default=20000)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="empf-bench-staff-") as d:
        tmp = Path(d)
        audit = bench_audit(tmp, args.entries)
        print(f"audit append: {audit['append_ms']} ms/entry (raw fsynced append {audit['raw_append_ms']} ms, "
              f"ratio {audit['append_ratio']}); verify {args.entries} entries in {audit['verify_ms']} ms "
              f"({audit['verify_us_per_entry']} us/entry; plain SHA-256 of the file {audit['raw_hash_ms']} ms)")
        update = bench_update(tmp, args.bundle_mb)
        print(f"update file check: {update['check_files_s']} s for {args.bundle_mb} MB "
              f"({update['check_mb_per_s']} MB/s; raw SHA-256 {update['raw_sha256_s']} s, "
              f"ratio {update['check_ratio']})")
    scrub = bench_scrub(args.lines)
    print(f"log scrubbing: {scrub['scrub_lines_per_s']} lines/s ({args.lines} lines in {scrub['scrub_s']} s)")
    print(json.dumps({"audit": audit, "update": update, "scrub": scrub}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
