"""The kiosk reaches a platform on loopback directly, whatever proxy the environment names: the
simulator's traffic (signed requests, members' data) never leaves the machine through a proxy.
A platform elsewhere goes through the environment's proxy, as a shop's network may require."""

from __future__ import annotations

import threading

import pytest

from offline_cache.http_session import is_loopback, new_session
from offline_cache.platform_client import HttpPlatformClient
from tests.support.platform import SimProcess

DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, a request through it fails


@pytest.mark.parametrize(("url", "loopback"), [
    ("http://127.0.0.1:8080", True),
    ("http://127.8.9.10/api", True),
    ("http://localhost:5000", True),
    ("http://[::1]:8443/v1", True),
    ("https://platform.empf.example/v1", False),
    ("http://10.0.0.5:8080", False),
    ("http://[2001:db8::1]/", False),
    ("not a url", False),
])
def test_which_urls_are_loopback(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback
    assert new_session(url, "empf-kiosk").trust_env is not loopback


def test_the_platform_on_loopback_is_reached_past_a_proxy(platform_sim: SimProcess,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(name, DEAD_PROXY)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    through_proxy = new_session("https://platform.empf.example", "empf-kiosk")
    assert through_proxy.trust_env  # the environment's proxy is honoured for a real platform...
    client = HttpPlatformClient(platform_sim.url, lambda: None, timeout_s=5)
    try:
        answers: list[bool] = [client.health()]
        worker = threading.Thread(target=lambda: answers.append(client.health()))  # a session per thread
        worker.start()
        worker.join(timeout=10)
        assert answers == [True, True]  # ...and bypassed on loopback, on every thread's session
    finally:
        client.close()
