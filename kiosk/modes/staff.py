"""Staff mode: one signed-in staff member or technician at a time, with lockout, idle timeout,
the card-removal hook, permission checks and an audit entry for everything.

No Qt. The UI calls `sign_in` on a worker thread (scrypt and a card take time) and the rest on its
own thread; listeners run on the thread that caused the change.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.modes.auth import card_holder_of
from kiosk.modes.lockout import Lockout
from kiosk.modes.roles import Action, may
from kiosk.ports.audit import AuditEvent, AuditLog, Outcome
from kiosk.ports.staff import (
    CardHolder,
    Principal,
    Refused,
    Role,
    SignInAttempt,
    SignInMethod,
    SignInRefused,
    StaffAuthenticator,
)
from kiosk.ports.staff_queue import Actor

log = logging.getLogger(__name__)

DetailValue = str | int | float | bool | None


class SignOutReason:
    SIGNED_OUT = "signed_out"
    IDLE = "idle"
    CARD_REMOVED = "card_removed"
    SHUTDOWN = "shutdown"


def locked_message(seconds: float) -> Refused:
    n = max(1, int(seconds + 0.999))
    return Refused("SIGN_IN_LOCKED", f"嘗試次數太多，請於 {n} 秒後再試。",
                   f"Too many wrong attempts. Try again in {n} seconds.")


NOT_SIGNED_IN = Refused("NOT_SIGNED_IN", "請先登入職員模式。", "Sign in to staff mode first.")


def not_permitted(action: Action) -> Refused:
    return Refused("NOT_PERMITTED", "此操作只限技術人員。", f"Only a technician may do this ({action.value}).")


@dataclass(frozen=True)
class SignInResult:
    principal: Principal | None = None
    refusal: Refused | None = None
    locked_for_s: float = 0.0  # the wait this attempt started or met (0: none)

    @property
    def ok(self) -> bool:
        return self.principal is not None


class StaffDesk:
    def __init__(self, authenticator: StaffAuthenticator, lockout: Lockout, audit: AuditLog | None, *,
                 idle_timeout_s: Callable[[], float], shop: Callable[[], str] = lambda: "",
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.authenticator = authenticator
        self.lockout = lockout
        self.audit = audit
        self._idle_timeout_s = idle_timeout_s
        self._shop = shop
        self._monotonic = monotonic
        self._lock = threading.RLock()
        self._principal: Principal | None = None
        self._last_activity = monotonic()
        self._listeners: list[Callable[[], None]] = []
        self.last_sign_out_reason = ""

    # ------------------------------------------------------------ state
    @property
    def principal(self) -> Principal | None:
        with self._lock:
            return self._principal

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # ------------------------------------------------------------ audit
    def record(self, event: AuditEvent, outcome: Outcome = Outcome.OK, principal: Principal | None = None,
               actor: Actor | None = None, **detail: DetailValue) -> None:
        """An audit entry in the name of `actor`, else `principal`, else who is signed in."""
        if self.audit is None:
            return
        if actor is None:
            p = principal or self.principal
            actor = Actor(p.staff_id, p.role.value, p.shop) if p else Actor("", "unknown", self._shop())
        try:
            self.audit.record(event.value, role=actor.role, actor=actor.staff_id, shop=actor.shop,
                              outcome=outcome.value, detail=detail)
        except OSError:
            # A full disk must not lock staff out of the kiosk that needs their help; say it loudly.
            log.error("audit entry %s could not be written", event.value, exc_info=True)

    # ------------------------------------------------------------ sign in / out
    def sign_in(self, attempt: SignInAttempt, *, member_session: bool = False) -> SignInResult:
        """Check the attempt (blocking). `member_session`: a member's session is under way and
        becomes an assisted session."""
        wait = self.lockout.remaining()
        if wait > 0:
            return SignInResult(refusal=locked_message(wait), locked_for_s=wait)
        try:
            principal = self.authenticator.authenticate(attempt)
        except SignInRefused as refused:
            delay = self.lockout.failed() if refused.counts else 0.0
            self.record(AuditEvent.SIGN_IN_REFUSED, Outcome.REFUSED, principal=None,
                        method=attempt.method.value, staff_id=_safe_id(attempt.staff_id), code=refused.code,
                        failures=self.lockout.failures)
            if delay:
                self.record(AuditEvent.LOCKED_OUT, Outcome.REFUSED, principal=None, seconds=int(delay),
                            failures=self.lockout.failures)
                return SignInResult(refusal=locked_message(delay), locked_for_s=delay)
            return SignInResult(refusal=refused)
        except Refused as refused:  # e.g. a card that could not be read: not a guess
            return SignInResult(refusal=refused)
        self.lockout.succeeded()
        with self._lock:
            previous = self._principal
            self._principal = principal
            self._last_activity = self._monotonic()
        if previous is not None and previous != principal:
            self.record(AuditEvent.SIGN_OUT, principal=previous, reason="replaced")
        self.record(AuditEvent.SIGN_IN, principal=principal, method=principal.method.value,
                    assisted=member_session)
        if member_session:
            self.record(AuditEvent.ASSISTED_SESSION, principal=principal)
        self._changed()
        return SignInResult(principal=principal)

    def card_holder(self, reader: str) -> CardHolder:
        """Whose staff card is in `reader` (blocking: call it off the UI thread), for the PIN pad.
        Raises Refused (bilingual) when it is not a staff card this kiosk trusts. Not a guess: the
        lockout is neither checked nor fed."""
        return card_holder_of(self.authenticator, reader)

    def sign_out(self, reason: str = SignOutReason.SIGNED_OUT) -> None:
        with self._lock:
            principal, self._principal = self._principal, None
        if principal is None:
            return
        self.last_sign_out_reason = reason
        self.record(AuditEvent.SIGN_OUT, principal=principal, reason=reason)
        self._changed()

    def card_removed(self, reader: str) -> bool:
        """The `end_on_card_removed` hook: a staff session vouched for by the card in `reader` ends
        when that card leaves. Returns whether it ended one."""
        p = self.principal
        if p is not None and p.ends_on_card_removal and p.card_reader == reader:
            self.sign_out(SignOutReason.CARD_REMOVED)
            return True
        return False

    # ------------------------------------------------------------ idle
    def touch(self) -> None:
        with self._lock:
            self._last_activity = self._monotonic()

    def idle_left(self) -> float:
        with self._lock:
            if self._principal is None:
                return 0.0
            return max(0.0, self._idle_timeout_s() - (self._monotonic() - self._last_activity))

    def tick(self) -> bool:
        """Called about once a second; signs out an idle session. Returns whether it did."""
        if self.principal is not None and self.idle_left() <= 0:
            self.sign_out(SignOutReason.IDLE)
            return True
        return False

    # ------------------------------------------------------------ permissions
    def require(self, action: Action) -> Principal:
        """Who may do `action` now, or Refused. Counts as activity."""
        p = self.principal
        if p is None:
            raise NOT_SIGNED_IN
        if not may(p, action):
            raise not_permitted(action)
        self.touch()
        return p

    def methods(self) -> tuple[SignInMethod, ...]:
        return tuple(self.authenticator.methods())

    def is_technician(self) -> bool:
        p = self.principal
        return p is not None and p.role is Role.TECHNICIAN


def _safe_id(raw: str) -> str:
    """What was typed as a staff number, only if it looks like one (a PIN typed into the wrong box
    must not land in the audit log)."""
    text = raw.strip().upper()
    return text if 2 <= len(text) <= 16 and text.replace("-", "").isalnum() and not text.isdigit() else ""
