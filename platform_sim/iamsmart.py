"""The iAM Smart side of login and registration, as the kiosk meets it through the platform.

A kiosk asks for a session and gets QR content to show; the member's iAM Smart app scans it and the
member agrees (or declines) on the phone; the kiosk polls until the session reaches an end:
completed (with the identity iAM Smart gave), denied, expired or cancelled. Here the phone is the
admin call `POST /admin/iamsmart/scan`. Sessions live in memory (a restart forgets them, as a real
ticket would not survive the platform forgetting it) and a completed session hands its identity
over once: the first poll that sees it takes it, later polls see only the state.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from platform_sim import hkid

QR_PREFIX = "IAMSMART-SIM:"
PURPOSES = frozenset({"login", "register"})
LANGUAGES = frozenset({"zh_HK", "zh_CN", "en"})  # the kiosk's languages (docs/platform-api.yaml)
OUTCOMES = frozenset({"approve", "deny", "scanned"})
OPEN_STATES = frozenset({"pending", "scanned"})
MAX_SESSIONS = 1000

# A fictional member: what the admin "phone" answers with unless told otherwise.
DEFAULT_MEMBER: Mapping[str, str] = {
    "hkid": "A123456(3)", "name_en": "CHAN TAI MAN", "name_zh": "陳大文", "date_of_birth": "1960-01-01",
}
_MEMBER_FIELDS = ("hkid", "name_en", "name_zh", "date_of_birth")


class IamSmartError(Exception):
    """`status` and a code for the HTTP answer; messages are in both languages."""

    def __init__(self, status: int, code: str, zh: str, en: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.zh = zh
        self.en = en

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message_zh": self.zh, "message_en": self.en}}


def _unknown() -> IamSmartError:
    return IamSmartError(404, "NOT_FOUND", "找不到所要求的資料。", "Not found.")


@dataclass
class IamSmartSession:
    session_id: str
    ticket: str
    device_id: str
    purpose: str
    lang: str
    created_at: float
    expires_at: float
    state: str = "pending"
    identity: dict[str, str] | None = field(default=None, repr=False)

    @property
    def qr(self) -> str:
        return QR_PREFIX + self.ticket


@dataclass
class IamSmartSettings:
    ttl_s: float = 120.0
    poll_interval_s: float = 2.0

    def to_json(self) -> dict[str, float]:
        return {"ttl_s": self.ttl_s, "poll_interval_s": self.poll_interval_s}


class IamSmartSessions:
    """Thread-safe: handlers call in from the event loop and the thread pool."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._sessions: OrderedDict[str, IamSmartSession] = OrderedDict()
        self._by_ticket: dict[str, str] = {}
        self.settings = IamSmartSettings()

    def configure(self, body: Any) -> IamSmartSettings:
        if not isinstance(body, dict) or set(body) - {"ttl_s", "poll_interval_s"}:
            raise IamSmartError(400, "BAD_REQUEST", "請求格式不正確。", "Expected {ttl_s, poll_interval_s}.")
        values = dict(self.settings.to_json())
        for name, value in body.items():
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0.05 <= value <= 3600:
                raise IamSmartError(400, "BAD_REQUEST", "請求格式不正確。", f"{name} must be 0.05-3600 seconds.")
            values[name] = float(value)
        self.settings = IamSmartSettings(**values)
        return self.settings

    def _expire(self, s: IamSmartSession, now: float) -> None:
        if s.state in OPEN_STATES and now >= s.expires_at:
            s.state = "expired"

    def create(self, device_id: str, purpose: str, lang: str) -> IamSmartSession:
        # isinstance first: `{} in frozenset` raises TypeError (unhashable), which would be a 500.
        if not (isinstance(purpose, str) and isinstance(lang, str)) or purpose not in PURPOSES or lang not in LANGUAGES:
            raise IamSmartError(400, "BAD_REQUEST", "請求格式不正確。",
                                "purpose must be login or register; lang zh_HK, zh_CN or en.")
        now = self._clock()
        s = IamSmartSession(session_id="ias-" + secrets.token_hex(12), ticket=secrets.token_hex(16).upper(),
                            device_id=device_id, purpose=purpose, lang=lang, created_at=now,
                            expires_at=now + self.settings.ttl_s)
        with self._lock:
            self._sessions[s.session_id] = s
            self._by_ticket[s.ticket] = s.session_id
            while len(self._sessions) > MAX_SESSIONS:  # bounded: the oldest go first
                _, old = self._sessions.popitem(last=False)
                self._by_ticket.pop(old.ticket, None)
        return s

    def _own(self, device_id: str, session_id: str) -> IamSmartSession:
        s = self._sessions.get(session_id)
        if s is None or s.device_id != device_id:
            raise _unknown()  # another kiosk's session does not exist as far as this one knows
        self._expire(s, self._clock())
        return s

    def poll(self, device_id: str, session_id: str) -> dict[str, Any]:
        with self._lock:
            s = self._own(device_id, session_id)
            answer: dict[str, Any] = {"session_id": s.session_id, "state": s.state,
                                      "expires_in_s": max(0.0, round(s.expires_at - self._clock(), 1))}
            if s.state == "completed" and s.identity is not None:
                answer["identity"] = s.identity
                s.identity = None  # handed over once; the platform keeps no copy for this kiosk
        return answer

    def cancel(self, device_id: str, session_id: str) -> dict[str, Any]:
        with self._lock:
            s = self._own(device_id, session_id)
            if s.state in OPEN_STATES:
                s.state = "cancelled"
            return {"session_id": s.session_id, "state": s.state}

    def scan(self, body: Any) -> dict[str, Any]:
        """What the member's phone does: scan the QR content, then agree, decline, or not yet."""
        if not isinstance(body, dict) or not isinstance(body.get("qr"), str):
            raise IamSmartError(400, "BAD_REQUEST", "請求格式不正確。", "Expected {qr, outcome?, member?}.")
        outcome = body.get("outcome", "approve")
        if not isinstance(outcome, str) or outcome not in OUTCOMES:
            raise IamSmartError(400, "BAD_REQUEST", "請求格式不正確。", "outcome must be approve, deny or scanned.")
        member = _member(body.get("member"))
        qr: str = body["qr"]
        ticket = qr[len(QR_PREFIX):] if qr.startswith(QR_PREFIX) else ""
        with self._lock:
            session_id = self._by_ticket.get(ticket)
            s = self._sessions.get(session_id) if session_id else None
            if s is None:
                raise IamSmartError(404, "IAMSMART_UNKNOWN", "「智方便」未能識別此二維碼。",
                                    "iAM Smart does not recognise this QR code.")
            self._expire(s, self._clock())
            if s.state not in OPEN_STATES:
                raise IamSmartError(410, "IAMSMART_CLOSED", "此二維碼已失效，請在自助服務站重新開始。",
                                    f"This QR code is no longer valid ({s.state}); start again at the kiosk.")
            if outcome == "scanned":
                s.state = "scanned"
            elif outcome == "deny":
                s.state = "denied"
            else:
                s.state = "completed"
                s.identity = member
            return {"session_id": s.session_id, "state": s.state, "purpose": s.purpose, "lang": s.lang}


def _member(raw: Any) -> dict[str, str]:
    if raw is None:
        return dict(DEFAULT_MEMBER)
    if not isinstance(raw, dict) or set(raw) - set(_MEMBER_FIELDS) or not all(
            isinstance(v, str) and len(v) <= 100 for v in raw.values()):
        raise IamSmartError(400, "BAD_REQUEST", "請求格式不正確。",
                            "member must be an object of strings: hkid, name_en, name_zh, date_of_birth.")
    if not hkid.is_valid(raw.get("hkid")):
        raise IamSmartError(400, "BAD_REQUEST", "請求格式不正確。", "member.hkid must be a valid HKID number.")
    return {name: str(raw.get(name, "")) for name in _MEMBER_FIELDS}
