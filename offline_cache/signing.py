"""Request signing, as the platform's contract (docs/platform-api.yaml) defines it:
HMAC-SHA256 over method, path, timestamp and the body's SHA-256, with the device's enrolment secret."""

from __future__ import annotations

import hashlib
import hmac


def signature(secret: bytes, method: str, path: str, timestamp: int, body: bytes) -> str:
    digest = hashlib.sha256(body).hexdigest()
    message = f"{method.upper()}\n{path}\n{timestamp}\n{digest}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def signed_headers(device_id: str, secret: bytes, method: str, path: str, body: bytes, now: float) -> dict[str, str]:
    ts = int(now)
    return {
        "X-Empf-Device": device_id,
        "X-Empf-Timestamp": str(ts),
        "X-Empf-Signature": signature(secret, method, path, ts, body),
    }
