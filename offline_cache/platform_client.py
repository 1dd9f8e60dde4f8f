"""The eMPF platform's HTTP API, as the kiosk uses it: signed requests through one requests.Session.

Every answer is checked before it is believed: a platform that answers garbage is treated like one
that is down (retry later), never as a verdict on an instruction.
"""

from __future__ import annotations

import base64
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests

from kiosk.domain import Identity, IdentitySource, ValidationError
from kiosk.domain import hkid as hkid_rules
from kiosk.ports import (
    AuthError,
    BatchRefused,
    IamSmartPoll,
    IamSmartState,
    IamSmartTicket,
    ItemResult,
    ItemStatus,
    OutboxItem,
    PlatformError,
)

from .http_session import new_session
from .json_payload import JsonPayload, encode_compact
from .signing import signed_headers

log = logging.getLogger(__name__)


def batch_body(batch: Sequence[OutboxItem]) -> bytes:
    """The JSON body of POST /v1/instructions/batch, byte for byte what encoding
    {"items": [{..., "payload": dict(payload)}, ...]} gives, but a payload that is still the sealed
    text (JsonPayload) goes in as that text instead of being parsed and encoded again."""
    parts = []
    for i in batch:
        head = encode_compact({"idempotency_key": i.idempotency_key, "kiosk_ref": i.kiosk_ref, "type": i.type,
                        "member_key": i.member_key, "queued_at": i.queued_at})
        payload = i.payload.text if isinstance(i.payload, JsonPayload) else encode_compact(dict(i.payload)).encode()
        parts.append(b"%s,\"payload\":%s}" % (head[:-1].encode(), payload))
    return b'{"items":[' + b",".join(parts) + b"]}"


def _retry_after(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _error_doc(resp: requests.Response) -> dict[str, Any]:
    """The platform's error body, or {} when the answer is not the JSON it should be."""
    try:
        doc = resp.json()
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


def _json(resp: requests.Response) -> Any:
    try:
        return resp.json()
    except ValueError as e:
        raise PlatformError(f"HTTP {resp.status_code} with a body that is not JSON") from e


class HttpPlatformClient:
    def __init__(
        self,
        base_url: str,
        credentials: Callable[[], tuple[str, bytes] | None],
        *,
        timeout_s: float = 10.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._base_path = urlsplit(self.base_url).path.rstrip("/")
        self._credentials = credentials
        self.timeout_s = timeout_s
        self._clock = clock
        self._local = threading.local()  # requests.Session is not thread-safe: one per thread
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        # Seconds to add to our clock to get the platform's; learned from its answers.
        self.clock_skew_s: float | None = None

    @property
    def session(self) -> requests.Session:
        s: requests.Session | None = getattr(self._local, "session", None)
        if s is None:
            s = new_session(self.base_url, "empf-kiosk")  # the simulator on loopback: never a proxy
            self._local.session = s
            with self._sessions_lock:
                self._sessions.append(s)
        return s

    def close(self) -> None:
        """Close every thread's session (the sync worker's too, once it has stopped)."""
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, []
        for s in sessions:
            s.close()
        self._local = threading.local()

    # ------------------------------------------------------------ transport
    def _request(self, method: str, path: str, body: Any = None, signed: bool = True) -> requests.Response:
        """`body`: a JSON value to encode, or bytes already encoded as JSON (batch_body)."""
        data = b"" if body is None else body if isinstance(body, bytes) else encode_compact(body).encode()
        resp = self._send(method, path, data, body is not None, signed)
        if resp.status_code == 401:
            doc = _error_doc(resp)
            code = str((doc.get("error") or {}).get("code", "UNAUTHORISED"))
            skew_before = self.clock_skew_s
            self._learn_skew(doc.get("server_time"))
            # Stale means our clock is off: now that the platform told us its time, one immediate
            # resend with a corrected timestamp (the 401 proves nothing was stored).
            if signed and code == "TIMESTAMP_STALE" and self.clock_skew_s != skew_before:
                log.warning("clock skew of %+.0f s learned from the platform; resending", self.clock_skew_s or 0)
                resp = self._send(method, path, data, body is not None, signed)
                if resp.status_code == 401:
                    doc = _error_doc(resp)
                    code = str((doc.get("error") or {}).get("code", "UNAUTHORISED"))
            if resp.status_code == 401:
                raise AuthError(f"platform refused the signature: {code}")
        if resp.status_code == 429 or resp.status_code >= 500:
            raise PlatformError(f"platform answered HTTP {resp.status_code}", retry_after=_retry_after(resp))
        return resp

    def _send(self, method: str, path: str, data: bytes, has_body: bool, signed: bool) -> requests.Response:
        headers = {"Content-Type": "application/json"} if has_body else {}
        if signed:
            creds = self._credentials()
            if creds is None:
                raise AuthError("this kiosk is not enrolled with the platform (run `kiosk enrol CODE`)")
            now = self._clock() + (self.clock_skew_s or 0.0)
            headers.update(signed_headers(creds[0], creds[1], method, self._base_path + path, data, now))
        try:
            return self.session.request(method, self.base_url + path, data=data or None, headers=headers,
                                        timeout=self.timeout_s)
        except requests.RequestException as e:
            raise PlatformError(f"{type(e).__name__} talking to the platform") from e

    def _learn_skew(self, server_time: Any) -> None:
        """The platform reports its time in /health and in every 401; a kiosk whose clock is off
        would otherwise have every request refused as stale."""
        if isinstance(server_time, int | float) and not isinstance(server_time, bool):
            skew = float(server_time) - self._clock()
            self.clock_skew_s = skew if abs(skew) > 2.0 else 0.0

    # ------------------------------------------------------------ API
    def health(self) -> bool:
        try:
            resp = self._request("GET", "/health", signed=False)
            doc = _json(resp)
        except PlatformError:
            return False
        if isinstance(doc, dict):
            self._learn_skew(doc.get("time"))
        return resp.status_code == 200

    def enrol(self, code: str, device_name: str) -> tuple[str, bytes]:
        resp = self._request("POST", "/v1/devices/enrol", {"code": code, "device_name": device_name}, signed=False)
        doc = _json(resp)
        if resp.status_code != 200:
            err = doc.get("error", {}) if isinstance(doc, dict) else {}
            raise AuthError(f"enrolment refused: {err.get('code', resp.status_code)}")
        return str(doc["device_id"]), base64.b64decode(doc["secret"])

    def submit(self, batch: Sequence[OutboxItem]) -> list[ItemResult]:
        resp = self._request("POST", "/v1/instructions/batch", batch_body(batch))
        if resp.status_code in (400, 413, 422):
            err = _error_doc(resp).get("error")
            if isinstance(err, dict) and err.get("code"):
                # The platform's own verdict on the batch's shape (not a proxy's page): nothing stored.
                raise BatchRefused(f"platform refused the batch: {err['code']}", code=str(err["code"]),
                                   message_zh=str(err.get("message_zh", "")),
                                   message_en=str(err.get("message_en", "")))
        doc = _json(resp)
        if resp.status_code != 200:
            raise PlatformError(f"platform answered HTTP {resp.status_code} to a batch")
        return parse_results(doc, [i.idempotency_key for i in batch])

    def report_status(self, report: Mapping[str, Any]) -> None:
        """Send the kiosk's status report (offline_cache/status_report.py). BatchRefused when the
        platform refuses its shape (resending it would not help); PlatformError when it did not answer."""
        resp = self._request("POST", "/v1/kiosk/status", dict(report))
        if resp.status_code in (400, 413, 422):
            err = _error_doc(resp).get("error")
            if isinstance(err, dict) and err.get("code"):
                raise BatchRefused(f"platform refused the status report: {err['code']}", code=str(err["code"]),
                                   message_zh=str(err.get("message_zh", "")),
                                   message_en=str(err.get("message_en", "")))
        doc = _json(resp)
        if resp.status_code != 200:
            raise PlatformError(f"platform answered HTTP {resp.status_code} to a status report")
        if isinstance(doc, dict):
            self._learn_skew(doc.get("server_time"))

    def status(self, platform_ref: str) -> Mapping[str, Any]:
        resp = self._request("GET", f"/v1/instructions/{platform_ref}")
        doc = _json(resp)
        if resp.status_code != 200 or not isinstance(doc, dict):
            raise PlatformError(f"status of {platform_ref}: HTTP {resp.status_code}")
        return doc

    def config(self) -> Mapping[str, Any]:
        resp = self._request("GET", "/v1/kiosk/config")
        doc = _json(resp)
        if resp.status_code != 200 or not isinstance(doc, dict):
            raise PlatformError(f"config: HTTP {resp.status_code}")
        return doc

    def qr_keys(self) -> Mapping[str, Any]:
        """The public keys that sign prepared-instruction QR codes (kiosk.qr.keys.KeyRing.from_json)."""
        resp = self._request("GET", "/v1/kiosk/qr-keys")
        doc = _json(resp)
        if resp.status_code != 200 or not isinstance(doc, dict):
            raise PlatformError(f"qr-keys: HTTP {resp.status_code}")
        return doc

    # ------------------------------------------------------------ iAM Smart hand-off
    def iamsmart_start(self, purpose: str = "login", lang: str = "zh_HK") -> IamSmartTicket:
        # The member's own language as the contract lists it; anything else as Traditional Chinese.
        wire_lang = lang if lang in ("zh_HK", "zh_CN", "en") else "zh_HK"
        resp = self._request("POST", "/v1/iamsmart/sessions", {"purpose": purpose, "lang": wire_lang})
        doc = _json(resp)
        if resp.status_code != 201 or not isinstance(doc, dict):
            raise PlatformError(f"iAM Smart session: HTTP {resp.status_code}")
        return parse_iamsmart_ticket(doc)

    def iamsmart_poll(self, session_id: str) -> IamSmartPoll:
        doc = self._iamsmart_poll_doc(session_id)
        return IamSmartPoll(IamSmartState.EXPIRED) if doc is None else parse_iamsmart_poll(doc)

    def _iamsmart_poll_doc(self, session_id: str) -> dict[str, Any] | None:
        """The platform's answer about an iAM Smart session; None when it no longer knows it (it
        cannot complete: expired)."""
        resp = self._request("GET", f"/v1/iamsmart/sessions/{session_id}")
        if resp.status_code == 404:
            return None
        doc = _json(resp)
        if resp.status_code != 200 or not isinstance(doc, dict):
            raise PlatformError(f"iAM Smart poll: HTTP {resp.status_code}")
        return doc

    def iamsmart_cancel(self, session_id: str) -> None:
        resp = self._request("DELETE", f"/v1/iamsmart/sessions/{session_id}")
        if resp.status_code not in (200, 404):
            raise PlatformError(f"iAM Smart cancel: HTTP {resp.status_code}")


_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")


def parse_iamsmart_ticket(doc: Mapping[str, Any]) -> IamSmartTicket:
    session_id, qr = doc.get("session_id"), doc.get("qr")
    expires, interval = doc.get("expires_in_s"), doc.get("poll_interval_s", 2.0)
    # It goes into a URL path: only characters that need no escaping.
    if not (isinstance(session_id, str) and _SESSION_ID.fullmatch(session_id)):
        raise PlatformError("iAM Smart session: no usable session_id")
    if not isinstance(qr, str) or not 0 < len(qr) <= 1000:
        raise PlatformError("iAM Smart session: no usable QR content")
    timing = [v for v in (expires, interval)
              if isinstance(v, int | float) and not isinstance(v, bool) and 0 < v <= 3600]
    if len(timing) != 2:
        raise PlatformError("iAM Smart session: unusable timing")
    return IamSmartTicket(session_id, qr, float(timing[0]), float(timing[1]))


def parse_iamsmart_poll(doc: Mapping[str, Any]) -> IamSmartPoll:
    try:
        state = IamSmartState(doc.get("state"))
    except ValueError:
        raise PlatformError("iAM Smart poll: unknown state") from None
    raw = doc.get("identity")
    if state is not IamSmartState.COMPLETED or raw is None:
        return IamSmartPoll(state)
    if not isinstance(raw, dict):
        raise PlatformError("iAM Smart poll: identity is not an object")
    try:
        number = hkid_rules.normalise(str(raw.get("hkid", "")))
    except ValidationError:
        raise PlatformError("iAM Smart poll: identity has no valid HKID number") from None
    text = {k: str(raw.get(k) or "")[:100] for k in ("name_en", "name_zh", "date_of_birth")}
    return IamSmartPoll(state, Identity(hkid=number, name_en=text["name_en"], name_zh=text["name_zh"],
                                        date_of_birth=text["date_of_birth"], source=IdentitySource.IAMSMART))


def parse_results(doc: Any, sent_keys: Sequence[str]) -> list[ItemResult]:
    """Per-item results for exactly the keys sent. An item the answer does not cover, or covers
    with something unusable, is left to retry: it is never marked on a guess."""
    if not isinstance(doc, dict) or not isinstance(doc.get("results"), list):
        raise PlatformError("platform answer has no results list")
    wanted = set(sent_keys)
    results: dict[str, ItemResult] = {}
    for r in doc["results"]:
        if not isinstance(r, dict) or r.get("idempotency_key") not in wanted:
            continue
        key = str(r["idempotency_key"])
        status = r.get("status")
        ref = r.get("platform_ref")
        if status in ("accepted", "duplicate") and isinstance(ref, str) and ref:
            results[key] = ItemResult(key, ItemStatus(status), platform_ref=ref)
        elif status == "rejected":
            raw_reason = r.get("reason")
            reason: dict[str, Any] = raw_reason if isinstance(raw_reason, dict) else {}
            results[key] = ItemResult(
                key, ItemStatus.REJECTED,
                reason_code=str(reason.get("code", "REJECTED")),
                reason_zh=str(reason.get("message_zh", "")),
                reason_en=str(reason.get("message_en", "")),
            )
    missing = [k for k in sent_keys if k not in results]
    if missing:
        log.warning("platform answer covered %d of %d items; the rest retry", len(results), len(sent_keys))
    return [results.get(k, ItemResult(k, ItemStatus.RETRY, reason_code="NO_RESULT")) for k in sent_keys]
