"""Prepared-instruction codes, the platform's side: the signing key and the signer.

On the real platform a helper (the assistant portal, the member's app) prepares an instruction and
the platform signs it; here `POST /admin/prepared-instructions` plays the helper. The kiosk learns
the public key from `GET /v1/kiosk/qr-keys`. This is an independent implementation of
docs/qr-format.md (the simulator imports nothing of the kiosk), so the kiosk's verifier is tested
against a second reading of the spec, not against itself.

The key is made fresh at every start (kid = "sim-" and a hash of the public key): a kiosk meeting a
code signed by a key it does not know fetches the key list again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from platform_sim import catalogue, hkid

PREFIX = "EMPF:P1:"
SIGNING_CONTEXT = b"EMPF-PREPARED-INSTRUCTION/1\x00"
SUB_CONTEXT = b"EMPF-PREPARED-SUBJECT/1\x00"
MAX_BODY_BYTES = 900
MAX_LIFETIME_S = 7 * 24 * 3600
_B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


class PreparedError(ValueError):
    pass


def base45(data: bytes) -> str:
    out = []
    for i in range(0, len(data), 2):
        chunk = data[i:i + 2]
        n = int.from_bytes(chunk, "big")
        digits = 3 if len(chunk) == 2 else 2
        for _ in range(digits):
            n, r = divmod(n, 45)
            out.append(_B45[r])
    return "".join(out)


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


@dataclass
class PreparedSigner:
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    @property
    def public_key(self) -> bytes:
        return self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def kid(self) -> str:
        return "sim-" + hashlib.sha256(self.public_key).hexdigest()[:12]

    def keys_document(self, now: float) -> dict[str, Any]:
        """The body of GET /v1/kiosk/qr-keys."""
        return {"keys": [{"kid": self.kid, "alg": "Ed25519",
                          "public_key": base64.b64encode(self.public_key).decode("ascii"),
                          "not_before": int(now) - 3600, "not_after": None}]}

    def prepare(self, body: Any, now: float) -> dict[str, Any]:
        """Sign `{"type", "values", "hkid", "lifetime_s"?, "issued_at"?}`; raises PreparedError."""
        if not isinstance(body, dict) or set(body) - {"type", "values", "hkid", "lifetime_s", "issued_at"}:
            raise PreparedError("expected {type, values, hkid, lifetime_s?, issued_at?}")
        itype, values, member = body.get("type"), body.get("values"), body.get("hkid")
        if not isinstance(itype, str) or itype not in catalogue.INSTRUCTION_TYPES:
            raise PreparedError("type must be one of the platform's instruction types")
        if not isinstance(values, dict):
            raise PreparedError("values must be an object")
        if not isinstance(member, str) or not hkid.is_valid(member):
            raise PreparedError("hkid must be a valid HKID number")
        issued = body.get("issued_at", int(now))
        lifetime = body.get("lifetime_s", 24 * 3600)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (issued, lifetime)):
            raise PreparedError("issued_at and lifetime_s must be whole seconds")
        # The canonical member form the kiosk binds against: A123456(3).
        flat = hkid.normalise(member)
        canonical_hkid = f"{flat[:-1]}({flat[-1]})"
        nonce = _b64url(secrets.token_bytes(16))
        sub = _b64url(hashlib.sha256(SUB_CONTEXT + nonce.encode() + canonical_hkid.encode()).digest()[:16])
        doc = {"v": 1, "kid": self.kid, "typ": itype, "sub": sub, "iat": issued, "exp": issued + lifetime,
               "n": nonce, "val": values}
        try:
            body_bytes = canonical_json(doc)
        except (TypeError, ValueError):
            raise PreparedError("values must hold only text, whole numbers and objects") from None
        if len(body_bytes) > MAX_BODY_BYTES:
            raise PreparedError(f"the signed body would be {len(body_bytes)} bytes; at most {MAX_BODY_BYTES}")
        signature = self.key.sign(SIGNING_CONTEXT + body_bytes)
        return {"qr": PREFIX + base45(body_bytes + signature), "kid": self.kid, "nonce": nonce,
                "expires_at": issued + lifetime}
