"""iAM Smart login/registration from the kiosk's side: open a session with the platform, report the
QR content to show, poll until the member has answered on their phone, it expired, or it was
cancelled. Runs on its own thread (HTTP blocks); reports through a listener, and always ends: by the
platform's answer, by cancel(), or by the session's own expiry plus a grace period.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Protocol

from kiosk.domain import Identity
from kiosk.domain import hkid as hkid_rules
from kiosk.domain.errors import ValidationError
from kiosk.ports import IamSmartClient, IamSmartPoll, IamSmartState, IamSmartTicket

log = logging.getLogger(__name__)

GRACE_S = 5.0  # after the ticket's own expiry, give the platform this long to say so itself
MIN_POLL_S = 0.05
MAX_POLL_S = 10.0
JOIN_TIMEOUT_S = 10.0


def same_hkid(a: str, b: str) -> bool:
    """Whether two HKID numbers are the same number however written ("a123456 3", "A123456(3)").
    A number that is not a valid HKID matches nothing: it cannot vouch for being the same person."""
    try:
        return hkid_rules.normalise(a) == hkid_rules.normalise(b)
    except ValidationError:
        return False


def identity_conflict(known: Identity | None, offered: Identity) -> bool:
    """True when iAM Smart's identity (`offered`) is not the member the kiosk already knows
    (`known`: typed, or read from a card). Nothing known yet: nothing to conflict with."""
    return known is not None and bool(known.hkid) and not same_hkid(known.hkid, offered.hkid)


class IamSmartListener(Protocol):
    """Called on the login thread; a UI hands these over to its own thread."""

    def iamsmart_ticket(self, ticket: IamSmartTicket) -> None: ...
    def iamsmart_progress(self, poll: IamSmartPoll) -> None:
        """Each change of state; a final state (IamSmartState.final) is the last call."""
    def iamsmart_failed(self, reason: str) -> None:
        """The platform could not open a session or stopped answering; the last call."""


class IamSmartLogin:
    def __init__(self, client: IamSmartClient, listener: IamSmartListener, purpose: str = "login",
                 lang: str = "zh_HK", monotonic: Callable[[], float] = time.monotonic,
                 grace_s: float = GRACE_S) -> None:
        self._client = client
        self._listener = listener
        self.purpose = purpose
        self.lang = lang
        self._monotonic = monotonic
        self.grace_s = grace_s
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="iamsmart-login", daemon=True)
        self.ticket: IamSmartTicket | None = None

    def start(self) -> IamSmartLogin:
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the thread to stop; it tells the platform (best effort) and reports CANCELLED."""
        self._cancel.set()

    def join(self, timeout_s: float = JOIN_TIMEOUT_S) -> bool:
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout_s)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            self._login()
        except Exception as e:  # a bug here must end in "unavailable", not a frozen screen
            log.exception("iAM Smart login failed")
            self._listener.iamsmart_failed(type(e).__name__)

    def _login(self) -> None:
        try:
            ticket = self._client.iamsmart_start(self.purpose, self.lang)
        except Exception as e:  # PlatformError, AuthError: "iAM Smart is not available now"
            log.info("iAM Smart session not opened: %s", type(e).__name__)
            self._listener.iamsmart_failed(type(e).__name__)
            return
        self.ticket = ticket
        if self._cancel.is_set():
            self._cancel_on_platform(ticket)
            return
        self._listener.iamsmart_ticket(ticket)
        interval = min(max(ticket.poll_interval_s, MIN_POLL_S), MAX_POLL_S)
        deadline = self._monotonic() + ticket.expires_in_s + self.grace_s
        last: IamSmartState | None = IamSmartState.PENDING
        errors = 0
        while True:
            left = deadline - self._monotonic()
            if self._cancel.wait(min(interval, max(left, 0.0))):
                self._cancel_on_platform(ticket)
                return
            if self._monotonic() >= deadline:
                # The platform never said "expired" (or could not be reached to say it).
                self._cancel_on_platform(ticket, report=False)
                self._listener.iamsmart_progress(IamSmartPoll(IamSmartState.EXPIRED))
                return
            try:
                poll = self._client.iamsmart_poll(ticket.session_id)
            except Exception as e:
                errors += 1
                log.info("iAM Smart poll failed (%d): %s", errors, type(e).__name__)
                continue  # a dropped poll is retried until the deadline
            errors = 0
            if poll.state is IamSmartState.COMPLETED and poll.identity is None:
                # Completed but the identity was handed to an earlier poll we never saw: start again.
                self._listener.iamsmart_failed("identity already collected")
                return
            if poll.state is not last or poll.state.final:
                last = poll.state
                self._listener.iamsmart_progress(poll)
            if poll.state.final:
                return

    def _cancel_on_platform(self, ticket: IamSmartTicket, report: bool = True) -> None:
        try:
            self._client.iamsmart_cancel(ticket.session_id)
        except Exception as e:  # the session expires on the platform by itself anyway
            log.info("iAM Smart cancel not delivered: %s", type(e).__name__)
        if report:
            self._listener.iamsmart_progress(IamSmartPoll(IamSmartState.CANCELLED))
