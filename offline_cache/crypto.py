"""AES-256-GCM for personal data at rest. Each value gets a fresh nonce; the row's
idempotency key is bound in as associated data so a ciphertext cannot be moved to another row."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .json_payload import encode_compact

_VERSION = b"\x01"


class PayloadCipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("data key must be 256 bits")
        self._aead = AESGCM(key)  # one AEAD object per key, reused for every row

    def seal(self, payload: Mapping[str, Any], bound_to: str) -> bytes:
        nonce = os.urandom(12)
        plain = encode_compact(payload).encode()
        return _VERSION + nonce + self._aead.encrypt(nonce, plain, bound_to.encode())

    def open(self, blob: bytes, bound_to: str) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.open_bytes(blob, bound_to))
        return result

    def open_bytes(self, blob: bytes, bound_to: str) -> bytes:
        """The sealed JSON text as it was encoded, unparsed (UTF-8)."""
        if blob[:1] != _VERSION:
            raise ValueError("unknown payload encryption version")
        return self._aead.decrypt(blob[1:13], blob[13:], bound_to.encode())
