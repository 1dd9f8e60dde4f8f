"""iAM Smart hand-off against the platform simulator as a real HTTP server: sessions, the admin
"phone", cancel and timeout, the signed client, the kiosk's login thread and the Session path."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain import IdentitySource
from kiosk.iamsmart import IamSmartLogin
from kiosk.ports import IamSmartPoll, IamSmartState, IamSmartTicket, PlatformError
from offline_cache.platform_client import HttpPlatformClient, parse_iamsmart_poll, parse_iamsmart_ticket
from tests.support.platform import SimProcess, loopback_session

WAIT_S = 10.0


@pytest.fixture
def client(platform_sim: SimProcess) -> Iterator[HttpPlatformClient]:
    device_id, secret = platform_sim.enrol()
    c = HttpPlatformClient(platform_sim.url, lambda: (device_id, base64.b64decode(secret)), timeout_s=5)
    yield c
    c.close()


def phone(sim: SimProcess, qr: str, outcome: str = "approve",
          member: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    body: dict[str, object] = {"qr": qr, "outcome": outcome}
    if member is not None:
        body["member"] = member
    with loopback_session() as s:
        r = s.post(f"{sim.url}/admin/iamsmart/scan", json=body, timeout=5)
    return r.status_code, r.json()


def settings(sim: SimProcess, **values: float) -> dict[str, Any]:
    with loopback_session() as s:
        r = s.post(f"{sim.url}/admin/iamsmart", json=values, timeout=5)
    r.raise_for_status()
    return r.json()


class Listener:
    def __init__(self) -> None:
        self.tickets: list[IamSmartTicket] = []
        self.progress: list[IamSmartPoll] = []
        self.failures: list[str] = []
        self.ticketed = threading.Event()
        self.ended = threading.Event()
        self.changed = threading.Event()

    def iamsmart_ticket(self, ticket: IamSmartTicket) -> None:
        self.tickets.append(ticket)
        self.ticketed.set()

    def iamsmart_progress(self, poll: IamSmartPoll) -> None:
        self.progress.append(poll)
        self.changed.set()
        if poll.state.final:
            self.ended.set()

    def iamsmart_failed(self, reason: str) -> None:
        self.failures.append(reason)
        self.ended.set()


# ---------------------------------------------------------------- the platform and the client


def test_login_completed_hands_identity_over_once(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    ticket = client.iamsmart_start("login", "en")
    assert ticket.qr.startswith("IAMSMART-SIM:") and ticket.expires_in_s > 0
    assert client.iamsmart_poll(ticket.session_id).state is IamSmartState.PENDING
    status, answer = phone(platform_sim, ticket.qr, "scanned")
    assert status == 200 and answer["state"] == "scanned"
    assert client.iamsmart_poll(ticket.session_id).state is IamSmartState.SCANNED
    other = {"hkid": "Z683365(A)", "name_en": "WONG SIU MING", "name_zh": "黃小明", "date_of_birth": "1980-05-31"}
    status, _ = phone(platform_sim, ticket.qr, "approve", other)
    assert status == 200
    done = client.iamsmart_poll(ticket.session_id)
    assert done.state is IamSmartState.COMPLETED and done.identity is not None
    assert done.identity.hkid == "Z683365(A)" and done.identity.source is IdentitySource.IAMSMART
    assert done.identity.name_zh == "黃小明"
    again = client.iamsmart_poll(ticket.session_id)
    assert again.state is IamSmartState.COMPLETED and again.identity is None  # no second copy
    status, answer = phone(platform_sim, ticket.qr)  # a finished code cannot be used again
    assert status == 410 and answer["error"]["message_zh"] and answer["error"]["message_en"]


def test_denied_cancelled_and_unknown(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    t1 = client.iamsmart_start()
    phone(platform_sim, t1.qr, "deny")
    assert client.iamsmart_poll(t1.session_id).state is IamSmartState.DENIED
    t2 = client.iamsmart_start("register")
    client.iamsmart_cancel(t2.session_id)
    assert client.iamsmart_poll(t2.session_id).state is IamSmartState.CANCELLED
    assert phone(platform_sim, t2.qr)[0] == 410
    assert phone(platform_sim, "IAMSMART-SIM:NOPE")[0] == 404
    assert phone(platform_sim, t1.qr, "maybe")[0] == 400
    assert phone(platform_sim, client.iamsmart_start().qr, member={"hkid": "A123456(4)"})[0] == 400
    # A session the platform does not know (restarted, or another kiosk's) cannot complete.
    assert client.iamsmart_poll("ias-unknown").state is IamSmartState.EXPIRED


def test_another_kiosk_cannot_see_a_session(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    ticket = client.iamsmart_start()
    platform_sim.add_enrolment_code("SECOND-KIOSK")
    other_id, other_secret = platform_sim.enrol("SECOND-KIOSK", "other")
    other = HttpPlatformClient(platform_sim.url, lambda: (other_id, base64.b64decode(other_secret)))
    try:
        phone(platform_sim, ticket.qr)
        assert other.iamsmart_poll(ticket.session_id).state is IamSmartState.EXPIRED  # 404 for it
        assert client.iamsmart_poll(ticket.session_id).identity is not None  # still there for its owner
    finally:
        other.close()


def test_session_expires(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    settings(platform_sim, ttl_s=0.3, poll_interval_s=0.05)
    ticket = client.iamsmart_start()
    assert ticket.expires_in_s == pytest.approx(0.3)
    time.sleep(0.5)
    assert client.iamsmart_poll(ticket.session_id).state is IamSmartState.EXPIRED
    assert phone(platform_sim, ticket.qr)[0] == 410


def test_unsigned_requests_are_refused(platform_sim: SimProcess) -> None:
    with loopback_session() as s:
        assert s.post(f"{platform_sim.url}/v1/iamsmart/sessions", json={}, timeout=5).status_code == 401
        assert s.post(f"{platform_sim.url}/admin/iamsmart", json={"ttl_s": 0}, timeout=5).status_code == 400


@pytest.mark.parametrize("doc", [{}, {"session_id": "a/b", "qr": "x", "expires_in_s": 5},
                                 {"session_id": "ok", "qr": "", "expires_in_s": 5},
                                 {"session_id": "ok", "qr": "x", "expires_in_s": True},
                                 {"session_id": "ok", "qr": "x", "expires_in_s": 5, "poll_interval_s": 0}])
def test_client_refuses_unusable_tickets(doc: dict[str, Any]) -> None:
    with pytest.raises(PlatformError):
        parse_iamsmart_ticket(doc)


@pytest.mark.parametrize("doc", [{"state": "done"}, {"state": "completed", "identity": "A123456(3)"},
                                 {"state": "completed", "identity": {"hkid": "A123456(4)"}}])
def test_client_refuses_unusable_polls(doc: dict[str, Any]) -> None:
    with pytest.raises(PlatformError):
        parse_iamsmart_poll(doc)


# ---------------------------------------------------------------- the kiosk's login thread


def test_login_thread_reports_ticket_scan_and_identity(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    settings(platform_sim, poll_interval_s=0.05)
    got = Listener()
    login = IamSmartLogin(client, got, "login", "zh_HK").start()
    assert got.ticketed.wait(WAIT_S)
    phone(platform_sim, got.tickets[0].qr, "scanned")
    assert got.changed.wait(WAIT_S)
    phone(platform_sim, got.tickets[0].qr, "approve")
    assert got.ended.wait(WAIT_S) and login.join(WAIT_S)
    assert [p.state for p in got.progress] == [IamSmartState.SCANNED, IamSmartState.COMPLETED]
    assert got.progress[-1].identity is not None and got.progress[-1].identity.hkid == "A123456(3)"


def test_login_thread_cancel_tells_the_platform(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    got = Listener()
    login = IamSmartLogin(client, got).start()
    assert got.ticketed.wait(WAIT_S)
    started = time.monotonic()
    login.cancel()
    assert got.ended.wait(WAIT_S) and login.join(WAIT_S)
    assert time.monotonic() - started < 3  # does not wait for the next poll
    assert got.progress[-1].state is IamSmartState.CANCELLED
    assert client.iamsmart_poll(got.tickets[0].session_id).state is IamSmartState.CANCELLED
    assert phone(platform_sim, got.tickets[0].qr)[0] == 410


def test_login_thread_ends_on_expiry(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    settings(platform_sim, ttl_s=0.4, poll_interval_s=0.05)
    got = Listener()
    login = IamSmartLogin(client, got).start()
    assert got.ended.wait(WAIT_S) and login.join(WAIT_S)
    assert got.progress[-1].state is IamSmartState.EXPIRED


def test_login_thread_ends_even_when_the_platform_goes_away(platform_sim: SimProcess,
                                                              client: HttpPlatformClient) -> None:
    settings(platform_sim, ttl_s=0.5, poll_interval_s=0.05)
    got = Listener()
    login = IamSmartLogin(client, got, grace_s=0.5).start()
    assert got.ticketed.wait(WAIT_S)
    platform_sim.stop()  # polls now fail; the kiosk's own deadline (ttl + grace) ends the wait
    assert got.ended.wait(WAIT_S) and login.join(WAIT_S)
    assert got.progress[-1].state is IamSmartState.EXPIRED


def test_platform_unreachable_is_reported(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    platform_sim.set_faults(status_rates={"503": 1.0}, seed=1)
    got = Listener()
    login = IamSmartLogin(client, got).start()
    assert got.ended.wait(WAIT_S) and login.join(WAIT_S)
    assert got.failures and not got.tickets


# ---------------------------------------------------------------- the Session


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_session_iamsmart_path_to_menu(platform_sim: SimProcess, client: HttpPlatformClient) -> None:
    clock = Clock()
    session = Session(monotonic=clock)
    session.start()
    session.iamsmart_requested()
    assert session.state.screen is Screen.IAMSMART and session.step() == (1, 5)
    ticket = client.iamsmart_start()
    session.iamsmart_ticket(ticket)
    assert session.state.iamsmart is not None and session.state.iamsmart.qr == ticket.qr
    clock.now += 30
    assert session.iamsmart_seconds_left() == pytest.approx(ticket.expires_in_s - 30)
    session.iamsmart_progress(IamSmartPoll(IamSmartState.SCANNED))
    assert session.state.iamsmart.phase == "scanned"
    phone(platform_sim, ticket.qr)
    session.iamsmart_progress(client.iamsmart_poll(ticket.session_id))
    assert session.state.screen is Screen.MENU and session.state.iamsmart is None
    assert session.state.identity is not None and session.state.identity.source is IdentitySource.IAMSMART


def test_session_iamsmart_outcomes() -> None:
    session = Session()
    session.start()
    session.iamsmart_requested()
    session.iamsmart_ticket(IamSmartTicket("s1", "IAMSMART-SIM:X", 120.0))
    session.iamsmart_progress(IamSmartPoll(IamSmartState.DENIED))
    assert session.state.iamsmart.phase == "denied" and session.state.iamsmart.qr == ""
    assert session.state.notice is not None and all(session.state.notice)
    session.iamsmart_retry()
    assert session.state.iamsmart.phase == "starting" and session.state.notice is None
    session.iamsmart_ticket(IamSmartTicket("s2", "IAMSMART-SIM:Y", 120.0))
    session.iamsmart_progress(IamSmartPoll(IamSmartState.EXPIRED))
    assert session.state.iamsmart.phase == "expired" and session.iamsmart_seconds_left() == 0
    session.iamsmart_failed()
    assert session.state.iamsmart.phase == "unavailable"
    session.back()
    assert session.state.screen is Screen.IDENTIFY and session.state.iamsmart is None
    session.iamsmart_requested()
    session.iamsmart_progress(IamSmartPoll(IamSmartState.CANCELLED))
    assert session.state.screen is Screen.IDENTIFY
    # Late news from a login that was left behind changes nothing.
    session.iamsmart_progress(IamSmartPoll(IamSmartState.DENIED))
    session.iamsmart_ticket(IamSmartTicket("s3", "IAMSMART-SIM:Z", 120.0))
    assert session.state.screen is Screen.IDENTIFY and session.state.notice is None
