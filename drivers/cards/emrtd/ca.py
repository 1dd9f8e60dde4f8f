"""Chip Authentication (ICAO 9303-11, 6.2): an ephemeral-static ECDH key agreement with the key
pair whose public half is in DG14, then secure messaging restarts with keys derived from the
shared secret. Only the chip that holds the private key can compute them, so the first reply
under the new keys proves the chip original; a clone that copied DG14 answers with a wrong MAC
or refuses our MAC.

Version 1 (3DES): MSE:Set KAT with our ephemeral public key. Version 2 (3DES or AES): MSE:Set AT
with the protocol OID, then General Authenticate with our public key. Both run inside the
current secure messaging session; the chip switches keys after answering. DH Chip
Authentication is not implemented (the chip's DG14 then counts as not offering CA).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ...pcsc import tlv
from ...pcsc.apdu import command, select_ef, transmit
from . import crypto, der, security_infos
from .security_infos import ChipAuthenticationInfo, ChipAuthenticationKey
from .sm import SecureChannel, SecureMessagingError, cipher_for

log = logging.getLogger(__name__)

INS_MSE = 0x22
INS_GENERAL_AUTHENTICATE = 0x86
P1P2_SET_KAT = (0x41, 0xA6)
P1P2_SET_AT_CA = (0x41, 0xA4)
TAG_EPHEMERAL_KEY_KAT = 0x91
TAG_PROTOCOL = 0x80
TAG_KEY_ID = 0x84
TAG_DYNAMIC_AUTH = 0x7C
TAG_EPHEMERAL_KEY_GA = 0x80
PROOF_FILE = 0x011E  # EF.COM: selected under the new keys to prove them


class CaResult(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"  # refused, or the first reply under the new keys is not authentic


@dataclass(frozen=True)
class CaOutcome:
    result: CaResult
    reason: str


def _key_id(info: ChipAuthenticationInfo) -> bytes:
    if info.key_id is None:
        return b""
    return tlv.encode(TAG_KEY_ID, info.key_id.to_bytes(max(1, (info.key_id.bit_length() + 7) // 8), "big"))


def session_keys(info: ChipAuthenticationInfo, shared_secret: bytes) -> tuple[str, bytes, bytes]:
    cipher, length = security_infos.cipher_of(info.protocol)
    return (cipher, crypto.kdf(shared_secret, crypto.ENC_COUNTER, cipher, length),
            crypto.kdf(shared_secret, crypto.MAC_COUNTER, cipher, length))


def authenticate(channel: SecureChannel, info: ChipAuthenticationInfo, chip_key: ChipAuthenticationKey,
                 ephemeral: ec.EllipticCurvePrivateKey | None = None) -> CaOutcome:
    """Run CA on `channel` (restarting it with the new keys) and prove the keys with one protected
    SELECT. Card I/O errors other than secure messaging failures propagate."""
    public = chip_key.key
    if not isinstance(public, ec.EllipticCurvePublicKey):
        raise TypeError("chip authentication runs with an EC key here")
    ephemeral = ephemeral or ec.generate_private_key(public.curve)
    ours = ephemeral.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    shared = ephemeral.exchange(ec.ECDH(), public)
    if info.version == 1:
        answer = transmit(channel, command(0x00, INS_MSE, *P1P2_SET_KAT,
                                           tlv.encode(TAG_EPHEMERAL_KEY_KAT, ours) + _key_id(info)))
        if not answer.ok:
            return _refused("MSE:Set KAT", answer.sw)
    else:
        oid = der.enc_oid(info.protocol)[2:]
        answer = transmit(channel, command(0x00, INS_MSE, *P1P2_SET_AT_CA,
                                           tlv.encode(TAG_PROTOCOL, oid) + _key_id(info)))
        if not answer.ok:
            return _refused("MSE:Set AT", answer.sw)
        data = tlv.encode(TAG_DYNAMIC_AUTH, tlv.encode(TAG_EPHEMERAL_KEY_GA, ours))
        answer = transmit(channel, command(0x00, INS_GENERAL_AUTHENTICATE, 0x00, 0x00, data, ne=256))
        if not answer.ok:
            return _refused("General Authenticate", answer.sw)
    kind, ks_enc, ks_mac = session_keys(info, shared)
    channel.restart(cipher_for(kind, ks_enc, ks_mac), 0)
    try:
        proof = transmit(channel, select_ef(PROOF_FILE))
    except SecureMessagingError as exc:
        log.warning("chip authentication: reply under the new keys not authentic (%s)", exc)
        return CaOutcome(CaResult.FAILED, "wrong_session_keys")
    if not proof.ok:
        log.warning("chip authentication: the chip refused our first command under the new keys "
                    "(SW %04X)", proof.sw)
        return CaOutcome(CaResult.FAILED, "wrong_session_keys")
    return CaOutcome(CaResult.PASSED, "ok")


def _refused(step: str, sw: int) -> CaOutcome:
    log.warning("chip authentication: %s refused (SW %04X)", step, sw)
    return CaOutcome(CaResult.FAILED, "refused")
