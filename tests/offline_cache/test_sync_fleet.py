"""The fleet simulation (bench/fleet.py) at a CI size: the real scheduler of 150 kiosks on a simulated
clock through a 30-minute outage. Simulated time, so its figures are deterministic, not timings."""

from __future__ import annotations

from bench.fleet import simulate


def test_reconnection_after_an_outage_stays_within_twice_the_steady_rate() -> None:
    f = simulate(kiosks=150, arrival_s=180.0, seed=3)
    assert f["stored"] == f["confirmed"] > 150 * 20  # every instruction, the outage's backlog too
    assert f["all"]["outage_mean_rps"] < f["all"]["steady_rps"]  # a dead platform is probed, not stormed
    assert f["all"]["after_peak_rps"] <= 2 * f["all"]["steady_rps"]  # status reports included
    # Status reports: every 5 minutes while up (90 min, 30 of them down), plus one per change.
    assert 150 * 10 <= f["load"]["status"]["requests"] <= 150 * 25
    assert f["load"]["status"]["requests"] < f["load"]["batch"]["requests"]
    # The backlog drains within one backoff cap (300 s) of the platform's return, spread over it.
    assert f["backlog_cleared_after_s"] is not None and f["backlog_cleared_after_s"] <= 330
