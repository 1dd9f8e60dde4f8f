"""Active Authentication (ICAO 9303-11, 6.1): the chip proves it holds the private key whose
public key is in DG15, by signing a fresh 8-byte challenge with INTERNAL AUTHENTICATE.

A clone can copy DG15 and EF.SOD (passive authentication still passes) but not the private key,
so its signature does not verify. The public key is trusted only because passive authentication
covered DG15; the profile runs this after passive authentication.

RSA keys sign with ISO/IEC 9796-2 digital signature scheme 1 (partial message recovery: the
chip's nonce M1 is recovered from the signature, our challenge M2 is not); ECDSA keys answer a
plain signature r | s (BSI TR-03111) over the challenge, hashed with the algorithm DG14's
ActiveAuthenticationInfo names, or by key size when DG14 names none.
"""

from __future__ import annotations

import enum
import hmac
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from ...pcsc.apdu import Transport, command, transmit
from . import der, security_infos
from .der import DerError

log = logging.getLogger(__name__)

INS_INTERNAL_AUTHENTICATE = 0x88
CHALLENGE_BYTES = 8
TAG_DG15 = 0x6F
TRAILER_IMPLICIT = 0xBC  # SHA-1, one trailer byte
# ISO/IEC 10118-3 hash identifiers in a two-byte trailer (xx CC).
TRAILER_HASHES: dict[int, type[hashes.HashAlgorithm]] = {
    0x33: hashes.SHA1, 0x34: hashes.SHA256, 0x35: hashes.SHA512, 0x36: hashes.SHA384, 0x38: hashes.SHA224,
}
# ActiveAuthenticationInfo signature algorithms: BSI plain ECDSA and X9.62 ECDSA.
ECDSA_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "0.4.0.127.0.7.1.1.4.1.1": hashes.SHA1,
    "0.4.0.127.0.7.1.1.4.1.2": hashes.SHA224,
    "0.4.0.127.0.7.1.1.4.1.3": hashes.SHA256,
    "0.4.0.127.0.7.1.1.4.1.4": hashes.SHA384,
    "0.4.0.127.0.7.1.1.4.1.5": hashes.SHA512,
    "1.2.840.10045.4.1": hashes.SHA1,
    "1.2.840.10045.4.3.1": hashes.SHA224,
    "1.2.840.10045.4.3.2": hashes.SHA256,
    "1.2.840.10045.4.3.3": hashes.SHA384,
    "1.2.840.10045.4.3.4": hashes.SHA512,
}


class AaResult(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"  # the chip's answer does not verify under DG15's key: not the original chip
    UNSUPPORTED = "unsupported"  # a DG15 key this kiosk cannot use: nothing proven either way


@dataclass(frozen=True)
class AaOutcome:
    result: AaResult
    reason: str  # for logs and technicians: ok, bad_signature, refused, unsupported_key...


def public_key(dg15: bytes) -> security_infos.PublicKey:
    """The key in DG15 (tag 6F around a SubjectPublicKeyInfo)."""
    return security_infos.load_public_key(der.read_one(dg15).expect(TAG_DG15, "DG15").value)


def _digest(kind: type[hashes.HashAlgorithm], data: bytes) -> bytes:
    h = hashes.Hash(kind())
    h.update(data)
    return h.finalize()


def verify_rsa(key: rsa.RSAPublicKey, challenge: bytes, signature: bytes) -> bool:
    """ISO/IEC 9796-2 scheme 1 verification with message recovery; M2 is the challenge."""
    numbers = key.public_numbers()
    n, e = numbers.n, numbers.e
    k = (n.bit_length() + 7) // 8
    s = int.from_bytes(signature, "big")
    if len(signature) > k or not 0 < s < n:
        return False
    j = pow(s, e, n)
    if j % 16 != 12:  # the signer may have answered n - sigma (9796-2, 8.4)
        j = n - j
    m = j.to_bytes(k, "big")
    if m[-1] == TRAILER_IMPLICIT:
        kind: type[hashes.HashAlgorithm] | None = hashes.SHA1
        trailer = 1
    elif m[-1] == 0xCC:
        kind, trailer = TRAILER_HASHES.get(m[-2]), 2
    else:
        return False
    if kind is None or m[0] & 0xC0 != 0x40:
        return False
    size = kind().digest_size
    if k - trailer - size < 2:
        return False
    recovered, digest = m[1 : k - trailer - size], m[k - trailer - size : k - trailer]
    # 0x6A: partial recovery with padding nibble A; strip 9796-2's optional 0xBB..BA padding.
    if m[0] & 0x20 == 0:
        return False
    return hmac.compare_digest(_digest(kind, recovered + challenge), digest)


def verify_ecdsa(key: ec.EllipticCurvePublicKey, challenge: bytes, signature: bytes,
                 algorithm: str | None) -> bool:
    kind = ECDSA_HASHES.get(algorithm or "") or _hash_for_size(key.curve.key_size)
    size = (key.curve.key_size + 7) // 8
    if len(signature) == 2 * size:
        signature = encode_dss_signature(int.from_bytes(signature[:size], "big"),
                                         int.from_bytes(signature[size:], "big"))
    try:
        key.verify(signature, challenge, ec.ECDSA(kind()))
    except (InvalidSignature, ValueError):
        return False
    return True


def _hash_for_size(bits: int) -> type[hashes.HashAlgorithm]:
    if bits <= 160:
        return hashes.SHA1
    if bits <= 224:
        return hashes.SHA224
    if bits <= 256:
        return hashes.SHA256
    return hashes.SHA384 if bits <= 384 else hashes.SHA512


def authenticate(channel: Transport, dg15: bytes, signature_algorithm: str | None,
                 random: Callable[[int], bytes] = os.urandom) -> AaOutcome:
    """INTERNAL AUTHENTICATE with a fresh challenge; the verdict on the chip's answer. Card I/O
    errors (a removed card) propagate: they say nothing about the chip."""
    try:
        key = public_key(dg15)
    except DerError as exc:
        log.warning("active authentication: DG15 key unusable (%s)", exc)
        return AaOutcome(AaResult.UNSUPPORTED, "unsupported_key")
    challenge = random(CHALLENGE_BYTES)
    answer = transmit(channel, command(0x00, INS_INTERNAL_AUTHENTICATE, 0x00, 0x00, challenge, ne=256))
    if not answer.ok or not answer.data:
        log.warning("active authentication: INTERNAL AUTHENTICATE refused (SW %04X)", answer.sw)
        return AaOutcome(AaResult.FAILED, "refused")
    if isinstance(key, rsa.RSAPublicKey):
        ok = verify_rsa(key, challenge, answer.data)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        ok = verify_ecdsa(key, challenge, answer.data, signature_algorithm)
    else:
        return AaOutcome(AaResult.UNSUPPORTED, "unsupported_key")
    if not ok:
        log.warning("active authentication: the chip's signature does not verify with DG15's key")
        return AaOutcome(AaResult.FAILED, "bad_signature")
    return AaOutcome(AaResult.PASSED, "ok")
