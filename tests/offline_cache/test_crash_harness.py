"""The crash harness at its CI count: a real kiosk process, confirming and syncing, killed with
SIGKILL at random moments (EMPF_CRASH_KILLS, default 100); 0 lost, 0 duplicated. And the harness's
own arithmetic, so a broken comparison cannot report a clean run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.crash import tally
from bench.crash_marker import marked_values, marker_of

REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("EMPF_CRASH_KILLS", "100"))


def held(marker: str, key: str, ref: str, member: str = "m1") -> dict[str, object]:
    return {"idempotency_key": key, "kiosk_ref": ref, "member_key": member,
            "payload": {"values": marked_values(marker)}}


def test_markers_survive_the_platforms_values() -> None:
    for marker in ("r0-0", "r17-123456", "r1000-999999999"):
        assert marker_of(marked_values(marker)) == marker
    assert marker_of({**marked_values("r3-7"), "amount": "1003.00"}) == "r3-7"  # a platform that adds cents


def test_tally_counts_loss_duplication_and_order() -> None:
    receipts = [{"marker": "r0-0", "kiosk_ref": "EK-1", "key": "k1"},
                {"marker": "r0-1", "kiosk_ref": "EK-2", "key": "k2"},
                {"marker": "r1-0", "kiosk_ref": "EK-3", "key": "k3"},
                {"marker": "r1-1", "kiosk_ref": "EK-4", "key": "k4"}]
    platform = [held("r0-0", "k1", "EK-1"), held("r1-0", "k3", "EK-3"), held("r0-1", "k2", "EK-2"),
                held("r1-0", "k9", "EK-9"),  # the same instruction again under another key
                held("r2-0", "k5", "EK-5", member="m2")]  # enqueued, killed before its receipt line
    figures = tally(receipts, platform, rejected=[{"idempotency_key": "k4"}])
    assert figures["receipted"] == 4
    assert figures["lost"] == 0  # k4 was rejected: an answer, not a loss
    assert figures["duplicated"] == 1 and figures["duplicated_refs"] == 0
    assert figures["unreceipted_sent"] == 1
    assert figures["order_violations"] == 1  # m1 arrived as r0-0, r1-0, r0-1: r0-1 came after a later one
    assert tally(receipts, platform[:1], rejected=[])["lost"] == 3


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "crash.py"), "--kills", str(KILLS),
                           "--workdir", str(tmp_path / "crash")],
                          cwd=REPO, capture_output=True, text=True, timeout=60 + KILLS * 4,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    print(proc.stdout)  # the figures, for the CI log
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert figures["kills"] == KILLS
    assert figures["receipted"] > KILLS  # it really was confirming between kills
    # ...and the platform accepted most of it (5% are meant to be refused): the duplicate and order
    # checks below look only at accepted instructions, so a run refused wholesale would check nothing.
    assert figures["accepted"] > 0.85 * figures["receipted"], figures
    assert figures["lost"] == 0 and figures["duplicated"] == 0 and figures["duplicated_refs"] == 0
    assert figures["order_violations"] == 0
    assert figures["finished"] is True
    assert figures["unreceipted_sent"] <= KILLS
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
