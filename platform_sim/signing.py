"""Request signing: the canonical string, and verification of a signed request.

The device proves itself with HMAC-SHA256 over method, path (with query string), timestamp and the
SHA-256 of the raw body, keyed with the 32 raw bytes of the secret handed out at enrolment.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass

HEADER_DEVICE = "x-empf-device"
HEADER_TIMESTAMP = "x-empf-timestamp"
HEADER_SIGNATURE = "x-empf-signature"

MAX_SKEW_S = 300

_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True)
class SignedHeaders:
    device_id: str
    timestamp: str
    signature: str


def canonical_string(method: str, path: str, timestamp: str, body: bytes) -> str:
    return f"{method.upper()}\n{path}\n{timestamp}\n{hashlib.sha256(body).hexdigest()}"


def sign(secret: bytes, method: str, path: str, timestamp: str, body: bytes) -> str:
    message = canonical_string(method, path, timestamp, body).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def read_headers(headers: Mapping[str, str]) -> SignedHeaders | None:
    """The three signing headers, or None when any is missing or empty."""
    device = headers.get(HEADER_DEVICE, "")
    timestamp = headers.get(HEADER_TIMESTAMP, "")
    signature = headers.get(HEADER_SIGNATURE, "")
    if not (device and timestamp and signature):
        return None
    return SignedHeaders(device, timestamp, signature)


def verify(signed: SignedHeaders, secret: bytes, method: str, path: str, body: bytes, now: float) -> str | None:
    """None when the request is authentic and fresh, else the error code.

    The signature is checked before freshness so that only a device holding the secret learns that
    its clock is off; an unsigned stranger only ever hears SIGNATURE_INVALID.
    """
    if not _TIMESTAMP.match(signed.timestamp):
        return "SIGNATURE_INVALID"
    expected = sign(secret, method, path, signed.timestamp, body)
    # compare_digest refuses non-ASCII str, so compare bytes: odd header characters cannot raise.
    if not hmac.compare_digest(expected.encode("ascii"), signed.signature.encode("utf-8")):
        return "SIGNATURE_INVALID"
    if abs(now - int(signed.timestamp)) > MAX_SKEW_S:
        return "TIMESTAMP_STALE"
    return None
