"""AES-256-GCM for personal data at rest. Each value gets a fresh nonce; the row's
idempotency key is bound in as associated data so a ciphertext cannot be moved to another row."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = b"\x01"


class PayloadCipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("data key must be 256 bits")
        self._aead = AESGCM(key)

    def seal(self, payload: Mapping[str, Any], bound_to: str) -> bytes:
        nonce = os.urandom(12)
        plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        return _VERSION + nonce + self._aead.encrypt(nonce, plain, bound_to.encode())

    def open(self, blob: bytes, bound_to: str) -> dict[str, Any]:
        if blob[:1] != _VERSION:
            raise ValueError("unknown payload encryption version")
        nonce, ct = blob[1:13], blob[13:]
        result: dict[str, Any] = json.loads(self._aead.decrypt(nonce, ct, bound_to.encode()))
        return result
