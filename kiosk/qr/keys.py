"""The public keys a kiosk trusts for prepared-instruction codes, by key id.

The platform publishes them (GET /v1/kiosk/qr-keys); the kiosk caches the last good list on disk so
codes can be verified with the network down. Keys have a validity window so a retired key's codes
stop working without a software update.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

log = logging.getLogger(__name__)

MAX_KEYS = 32
MAX_KID = 32


@dataclass(frozen=True)
class TrustedKey:
    kid: str
    public_key: bytes = field(repr=False)  # 32 raw bytes
    not_before: float = 0.0  # unix seconds; codes issued outside the window are refused
    not_after: float = math.inf

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    def covers(self, issued_at: float) -> bool:
        return self.not_before <= issued_at <= self.not_after


class KeyRingError(ValueError):
    """A key list that cannot be used (wrong shape, bad key bytes)."""


def _key_from_json(item: Any) -> TrustedKey:
    if not isinstance(item, Mapping):
        raise KeyRingError("a key must be an object")
    kid, alg, pub = item.get("kid"), item.get("alg", "Ed25519"), item.get("public_key")
    if not isinstance(kid, str) or not 0 < len(kid) <= MAX_KID:
        raise KeyRingError("kid must be a short string")
    if alg != "Ed25519":
        raise KeyRingError(f"key {kid}: algorithm {alg!r} is not supported")
    try:
        raw = base64.b64decode(str(pub), validate=True)
    except (binascii.Error, ValueError):
        raise KeyRingError(f"key {kid}: public_key is not base64") from None
    if len(raw) != 32:
        raise KeyRingError(f"key {kid}: an Ed25519 public key has 32 bytes")
    window: list[float] = []
    for name, default in (("not_before", 0.0), ("not_after", math.inf)):
        value = item.get(name)
        if value is None:
            window.append(default)
        elif isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            window.append(float(value))
        else:
            raise KeyRingError(f"key {kid}: {name} must be unix seconds")
    return TrustedKey(kid, raw, window[0], window[1])


class KeyRing:
    """Immutable after construction; swap the whole ring to update (readers need no lock)."""

    def __init__(self, keys: Iterable[TrustedKey] = ()) -> None:
        self._keys = {k.kid: k for k in keys}

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, kid: str) -> TrustedKey | None:
        return self._keys.get(kid)

    @property
    def kids(self) -> list[str]:
        return sorted(self._keys)

    @classmethod
    def from_json(cls, doc: Any) -> KeyRing:
        """From the platform's `{"keys": [{"kid", "alg", "public_key", "not_before", "not_after"}]}`."""
        items = doc.get("keys") if isinstance(doc, Mapping) else None
        if not isinstance(items, list) or len(items) > MAX_KEYS:
            raise KeyRingError("expected an object with a list of at most 32 keys")
        return cls(_key_from_json(item) for item in items)

    def to_json(self) -> dict[str, Any]:
        return {"keys": [
            {"kid": k.kid, "alg": "Ed25519", "public_key": base64.b64encode(k.public_key).decode("ascii"),
             "not_before": k.not_before, "not_after": None if math.isinf(k.not_after) else k.not_after}
            for k in self._keys.values()
        ]}


def load_cached(path: Path) -> KeyRing:
    """The cached ring, or an empty one when there is none or it is unusable (then every
    prepared code is refused as of unknown origin, which is the safe answer)."""
    try:
        return KeyRing.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return KeyRing()
    except (OSError, ValueError) as e:
        log.warning("QR key cache %s unusable: %s", path, type(e).__name__)
        return KeyRing()


def save_cached(path: Path, ring: KeyRing) -> None:
    """Written to a temporary file and renamed: a crash leaves the old cache or the new, never half."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(ring.to_json()), encoding="utf-8")
    tmp.replace(path)
