"""Sign-in assertions: issued when a member signs in, checked on account views and at delivery.

An assertion is `v1.<claims>.<mac>`, both parts base64url: the claims are JSON
`{"sub", "dev", "iat", "exp", "m", "jti"}` and the MAC is HMAC-SHA256 over `v1.<claims>` with the
platform's assertion key (kept in the store, so assertions outlive a restart). `sub` is a keyed
hash of the member's HKID number, not the number: the kiosk holds the assertion, and it must tell
nobody who the member is. `dev` is the kiosk's device id, from the signed request that signed in.

Two windows: an assertion opens the member's account, details and cancels for VIEW_WINDOW_S after
sign-in; an instruction carrying it is accepted at delivery up to DELIVERY_WINDOW_S after sign-in,
so an instruction made online and delivered later from the kiosk's offline queue still goes
through. Past that it is rejected (SIGN_IN_EXPIRED): the member signs in again and resubmits.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from platform_sim import hkid
from platform_sim.member_errors import member_error
from platform_sim.store import Store
from platform_sim.validation import BatchItem

VIEW_WINDOW_S = 15 * 60
DELIVERY_WINDOW_S = 72 * 3600
CLOCK_TOLERANCE_S = 300  # an assertion "from the future" by more than this is refused as invalid
PAYLOAD_FIELD = "sign_in"  # payload.sign_in: the assertion, removed before the platform stores it

# The platform's own copy of the rule in kiosk/domain/assurance.py (a test keeps them the same).
# Registration is checked by validation.check_item (iAM Smart, or a staff-checked card).
SIGNED_IN_TYPES = frozenset({"CHANGE_PARTICULARS", "FUND_SWITCH", "TRANSFER_BENEFITS", "WITHDRAWAL_CLAIM"})
METHODS = frozenset({"iamsmart", "sms_otp"})

_SCHEMA = "CREATE TABLE IF NOT EXISTS sign_in_key (id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL)"


@dataclass(frozen=True)
class Claims:
    member: str  # keyed hash of the HKID number
    device_id: str
    issued_at: float
    expires_at: float
    method: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SignIns:
    """Issues and checks assertions; `require_at_delivery` switches the delivery check on."""

    def __init__(self, store: Store, clock: Callable[[], float], *, require_at_delivery: bool = False) -> None:
        self._clock = clock
        self.require_at_delivery = require_at_delivery
        with store.transaction() as conn:
            conn.execute(_SCHEMA)
            conn.execute("INSERT OR IGNORE INTO sign_in_key (id, key) VALUES (1, ?)", (secrets.token_bytes(32),))
            row = conn.execute("SELECT key FROM sign_in_key WHERE id = 1").fetchone()
        self._key = bytes(row["key"])

    def member_hash(self, number: str) -> str:
        """Keyed hash of a normalised HKID number: how assertions and code locks name a member."""
        return hmac.new(self._key, b"member:" + hkid.normalise(number).encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, number: str, device_id: str, method: str) -> dict[str, Any]:
        """The sign-in answer for a member who just signed in at `device_id`."""
        now = self._clock()
        claims = {"sub": self.member_hash(number), "dev": device_id, "iat": int(now),
                  "exp": int(now) + VIEW_WINDOW_S, "m": method, "jti": secrets.token_hex(8)}
        body = "v1." + _b64(json.dumps(claims, separators=(",", ":")).encode())
        mac = hmac.new(self._key, body.encode(), hashlib.sha256).digest()
        return {"assertion": f"{body}.{_b64(mac)}", "method": method, "signed_in_at": int(now),
                "expires_at": int(now) + VIEW_WINDOW_S, "deliver_within_s": DELIVERY_WINDOW_S}

    def read(self, token: Any) -> Claims | None:
        """The claims of an authentic assertion, else None (forged, altered, malformed)."""
        if not isinstance(token, str) or len(token) > 1000 or token.count(".") != 2:
            return None
        version, claims_part, mac_part = token.split(".")
        if version != "v1":
            return None
        expected = hmac.new(self._key, f"v1.{claims_part}".encode("ascii", "replace"), hashlib.sha256).digest()
        try:
            if not hmac.compare_digest(expected, _unb64(mac_part)):
                return None
            doc = json.loads(_unb64(claims_part))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return None
        if not isinstance(doc, dict):
            return None
        sub, dev, iat, exp, method = (doc.get(k) for k in ("sub", "dev", "iat", "exp", "m"))
        if not (isinstance(sub, str) and isinstance(dev, str) and isinstance(iat, int)
                and isinstance(exp, int) and method in METHODS):
            return None
        return Claims(sub, dev, float(iat), float(exp), str(method))

    def check(self, token: Any, number: str, device_id: str, *, window_s: float) -> str | None:
        """None when `token` signs in the member `number` at `device_id` within `window_s` of
        sign-in, else the refusal code."""
        if token is None or token == "":
            return "SIGN_IN_REQUIRED"
        claims = self.read(token)
        now = self._clock()
        if claims is None or claims.issued_at > now + CLOCK_TOLERANCE_S:
            return "SIGN_IN_INVALID"
        if not hkid.is_valid(number) or not hmac.compare_digest(claims.member, self.member_hash(number)):
            return "SIGN_IN_OTHER_MEMBER"
        if claims.device_id != device_id:
            return "SIGN_IN_OTHER_KIOSK"
        if now - claims.issued_at > window_s:
            return "SIGN_IN_EXPIRED"
        return None

    def view(self, token: Any, device_id: str) -> Claims | str:
        """For account views and cancels: the claims, or the refusal code. The member is whoever
        signed in; the assertion must be fresh (VIEW_WINDOW_S) and from this kiosk."""
        claims = self.read(token) if token else None
        if token is None or token == "":
            return "SIGN_IN_REQUIRED"
        if claims is None or claims.issued_at > self._clock() + CLOCK_TOLERANCE_S:
            return "SIGN_IN_INVALID"
        if claims.device_id != device_id:
            return "SIGN_IN_OTHER_KIOSK"
        if self._clock() > claims.expires_at:
            return "SIGN_IN_EXPIRED"
        return claims

    def at_delivery(self, item: BatchItem, verdict: Mapping[str, str] | None,
                    device_id: str) -> tuple[BatchItem, Mapping[str, str] | None]:
        """The item without its assertion (the platform does not keep it) and its verdict: the
        platform's content check first, then, when required, the sign-in for its type."""
        token = item.payload.get(PAYLOAD_FIELD)
        stripped = replace(item, payload={k: v for k, v in item.payload.items() if k != PAYLOAD_FIELD})
        if verdict is not None or not self.require_at_delivery or item.type not in SIGNED_IN_TYPES:
            return stripped, verdict
        number = item.member.get("hkid")
        problem = self.check(token, number if isinstance(number, str) else "", device_id,
                             window_s=DELIVERY_WINDOW_S)
        return stripped, (member_error(problem) if problem is not None else None)
