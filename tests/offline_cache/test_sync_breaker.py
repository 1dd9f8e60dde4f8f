"""Circuit breaker and scheduler: a failing platform costs one probe per interval, Retry-After is
honoured, a wake-up does not break the wait, and the scheduler's clock is injectable (so the real
code is what the fleet simulation runs). Against the real simulator; simulated time where waiting
would only slow the test down."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from offline_cache.breaker import Backoff, CircuitBreaker, CircuitState
from offline_cache.sync import SyncScheduler, SyncWorker
from tests.support.platform import NO_SIGN_IN
from tests.support.sync import KioskParts, marked, wait_until

pytestmark = pytest.mark.sim_args(*NO_SIGN_IN)  # instructions made without a kiosk's member sign-in


class FakeTime:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_probes_once_and_closes() -> None:
    t = FakeTime()
    breaker = CircuitBreaker(Backoff(1.0, 8.0, rng=random.Random(3)), clock=t)
    assert breaker.state.value == "closed" and breaker.allow() and breaker.allow()
    delay = breaker.record_failure()
    assert 0 <= delay <= 1.0
    t.now += delay / 2 if delay > 0 else 0
    if delay > 0:
        assert breaker.state.value == "open" and not breaker.allow()
    t.now += delay
    assert breaker.state.value == "half_open"
    assert breaker.allow() is True  # the probe
    assert breaker.allow() is False  # ...and only one
    breaker.record_success()
    assert breaker.state is CircuitState.CLOSED and breaker.backoff.failures == 0  # the enum, too


def test_backoff_grows_to_the_cap_with_full_jitter() -> None:
    b = Backoff(1.0, 300.0, rng=random.Random(5))
    delays = [b.next_delay() for _ in range(40)]
    assert all(0 <= d <= 300.0 for d in delays)
    assert max(delays[:3]) <= 4.0  # early ceilings are 1, 2, 4
    assert max(delays[20:]) > 150  # at the cap, spread over the whole interval
    assert len({round(d, 3) for d in delays[20:]}) == 20  # jittered, not a fixed period


def test_retry_after_is_honoured_but_capped() -> None:
    t = FakeTime()
    breaker = CircuitBreaker(Backoff(0.01, 60.0, rng=random.Random(1)), clock=t)
    assert breaker.record_failure(retry_after=30) >= 30
    assert breaker.seconds_until_probe() >= 30
    assert breaker.record_failure(retry_after=3600) == 60.0


@pytest.fixture
def kiosk(tmp_path: Path, platform_sim: Any) -> Any:
    k = KioskParts(tmp_path / "kiosk", platform_sim.url, batch_size=10)
    k.enrol(platform_sim)
    yield k
    k.close()


def requests_at(sim: Any, route: str) -> int:
    return sum(sim.stats()["requests"].get(route, {}).values())


def test_a_failing_platform_costs_one_probe_per_interval(kiosk: Any, platform_sim: Any) -> None:
    for n in range(50):
        kiosk.outbox.enqueue(marked(n))
    platform_sim.set_faults(status_rates={"503": 1.0})
    t = FakeTime()
    sched = SyncScheduler(kiosk.engine, interval_s=5.0, health_interval_s=30.0, clock=t,
                          backoff=Backoff(1.0, 300.0, rng=random.Random(11)))
    steps = probes = 0
    gaps: list[float] = []
    last_probe = None
    while t.now < 1_700_000_000.0 + 3600:  # one simulated hour of outage
        before = requests_at(platform_sim, "POST /v1/instructions/batch")
        wait = sched.step()
        sent = requests_at(platform_sim, "POST /v1/instructions/batch") - before
        assert sent <= 1  # never more than the one probe in a round
        if sent:
            probes += 1
            if last_probe is not None:
                gaps.append(t.now - last_probe)
            last_probe = t.now
        assert not sched.accepts_wake() and sched.status().circuit == "open"
        steps += 1
        t.now += wait
    # Backoff 1, 2, 4 ... 256, then the 300 s cap with full jitter: ~150 s apart on average.
    assert 10 <= probes <= 60, probes
    assert sum(gaps[-10:]) / 10 > 60
    assert kiosk.states() == {"queued": 50}  # nothing lost, nothing stuck in sending
    assert platform_sim.admin_instructions() == []
    # The platform comes back: the next probe goes through and the queue drains in the same round.
    platform_sim.clear_faults()
    t.now += sched.breaker.seconds_until_probe()
    sched.step()
    assert kiosk.states() == {"accepted": 50}
    assert sched.status().circuit == "closed" and sched.status().online is True
    assert len(platform_sim.admin_instructions()) == 50


def test_429_retry_after_sets_the_next_probe(kiosk: Any, platform_sim: Any) -> None:
    kiosk.outbox.enqueue(marked(1))
    platform_sim.set_faults(rate_limit={"rate": 1.0, "retry_after_s": 45})
    t = FakeTime()
    sched = SyncScheduler(kiosk.engine, clock=t, backoff=Backoff(0.5, 300.0, rng=random.Random(2)))
    wait = sched.step()
    assert wait >= 45
    assert sched.status().next_attempt_in_s >= 45 and sched.status().online is False
    t.now += 44
    before = requests_at(platform_sim, "POST /v1/instructions/batch")
    assert sched.step() > 0  # still open: no request
    assert requests_at(platform_sim, "POST /v1/instructions/batch") == before
    platform_sim.clear_faults()
    t.now += 1.5
    sched.step()
    assert kiosk.states() == {"accepted": 1}


def test_idle_kiosk_probes_health_at_its_interval(kiosk: Any, platform_sim: Any) -> None:
    t = FakeTime()
    sched = SyncScheduler(kiosk.engine, interval_s=5.0, health_interval_s=30.0, clock=t)
    for _ in range(60):  # 60 rounds at the scheduler's own pace
        t.now += sched.step()
    elapsed = t.now - 1_700_000_000.0
    health = requests_at(platform_sim, "GET /health")
    assert elapsed >= 290
    assert abs(health - elapsed / 30) <= 2, (health, elapsed)
    assert sched.status().online is True


def test_worker_thread_wakes_on_enqueue_and_stops_promptly(kiosk: Any, platform_sim: Any) -> None:
    worker = SyncWorker(kiosk.engine, interval_s=30.0, health_interval_s=30.0, backoff=Backoff(0.05, 0.2))
    worker.start()
    try:
        assert wait_until(lambda: worker.status().online is True, 10)
        kiosk.outbox.enqueue(marked(7))
        worker.wake()  # without it the worker would sleep its 30 s interval
        assert wait_until(lambda: kiosk.states() == {"accepted": 1}, 10)
    finally:
        worker.stop(timeout=10)
    assert worker._thread is None
