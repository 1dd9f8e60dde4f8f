"""Automatic updates from an update server (http.server on 127.0.0.1): prepared in the background,
switched only while nobody uses the kiosk, refusals reported, and the agent thread stops."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from kiosk.update.agent import UpdateAgent
from kiosk.update.installer import Outcome, SlotInstaller
from kiosk.update.manifest import UpdateRefused
from kiosk.update.sources import DirectorySource, HttpSource
from tests.kiosk.test_update import http_server, keys, kiosk, publish  # noqa: F401  (fixtures and helpers)


def test_the_agent_waits_for_the_attract_screen(tmp_path: Path, keys: dict[str, Path],  # noqa: F811
                                                kiosk: SlotInstaller,  # noqa: F811
                                                http_server: tuple[str, Path]) -> None:  # noqa: F811
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    url, www = http_server
    member_there = True
    reports: list[Outcome | UpdateRefused] = []
    agent = UpdateAgent(kiosk, lambda: HttpSource(url), member_idle=lambda: not member_there,
                        on_outcome=reports.append)
    assert agent.step().state == "refused"  # nothing on the server yet (404): reported
    assert [getattr(r, "code", None) for r in reports] == ["SOURCE_UNAVAILABLE"]
    shutil.copytree(publish(tmp_path, keys, "0.3.0"), www)
    status = agent.step()
    assert (status.state, status.version) == ("prepared", "0.3.0")
    assert kiosk.current_slot() == "a"  # downloaded and unpacked in slot b, not switched: a member is there
    assert agent.step().state == "prepared" and not agent.restart_pending
    member_there = False
    assert agent.step().state == "installed" and agent.restart_pending
    assert kiosk.current_slot() == "b"
    assert isinstance(reports[-1], Outcome) and reports[-1].status == "installed"
    assert agent.step().state == "installed"  # waits for the restart; checks nothing more


def test_nothing_newer_is_quiet_and_a_bad_update_is_reported(tmp_path: Path, keys: dict[str, Path],  # noqa: F811
                                                             kiosk: SlotInstaller) -> None:  # noqa: F811
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    same = publish(tmp_path, keys, "0.2.0")
    reports: list[Outcome | UpdateRefused] = []
    agent = UpdateAgent(kiosk, lambda: DirectorySource(same), member_idle=lambda: True, on_outcome=reports.append)
    assert agent.step().state == "idle" and reports == []
    expired = publish(tmp_path, keys, "0.3.0", valid_days=-1)
    agent = UpdateAgent(kiosk, lambda: DirectorySource(expired), member_idle=lambda: True,
                        on_outcome=reports.append)
    status = agent.step()
    assert (status.state, status.detail) == ("refused", "EXPIRED")
    assert [r.code for r in reports if isinstance(r, UpdateRefused)] == ["EXPIRED"]
    assert kiosk.current_slot() == "a"
    assert UpdateAgent(kiosk, lambda: None, member_idle=lambda: True).step().state == "idle"  # no server set


def test_the_agent_thread_installs_and_stops(tmp_path: Path, keys: dict[str, Path],  # noqa: F811
                                            kiosk: SlotInstaller) -> None:  # noqa: F811
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    newer = publish(tmp_path, keys, "0.3.0")
    agent = UpdateAgent(kiosk, lambda: DirectorySource(newer), member_idle=lambda: True, interval_s=0.05)
    agent.start()
    try:
        deadline = time.monotonic() + 20
        while not agent.restart_pending and time.monotonic() < deadline:
            time.sleep(0.05)
        assert agent.restart_pending and kiosk.current_slot() == "b"
    finally:
        t0 = time.monotonic()
        agent.stop(timeout=10)
        assert time.monotonic() - t0 < 10
    assert agent._thread is None


def test_an_agent_without_slots_is_not_started(tmp_path: Path) -> None:
    from devtools.fakes import FakeCardReader
    from kiosk.app import build_services
    from kiosk.config import KioskConfig

    services = build_services(KioskConfig(data_dir=tmp_path / "d", platform_url="http://127.0.0.1:9"),
                              cards=FakeCardReader())
    try:
        services.staff.installer = SlotInstaller(tmp_path / "opt", tmp_path / "trust")
        assert services.staff.start_update_agent(lambda: True) is None  # a run from a checkout
    finally:
        services.close()
