"""PACE (ICAO 9303-11, 4.4) with ECDH generic mapping and the MRZ as password.

EF.CardAccess (read in plain) lists the PACE variants the chip offers; without it, or without a
variant this kiosk runs, PACE is not offered and the profile uses BAC. The protocol:

1. MSE:Set AT with the protocol OID and the password reference (MRZ);
2. General Authenticate: the chip's nonce s, encrypted with K_pi = KDF(SHA-1(MRZ information), 3);
3. mapping: an ECDH agreement H = SK_map,IFD * PK_map,IC, then the new generator G' = s*G + H;
4. an ECDH agreement on G' gives the shared secret K, then KS_enc and KS_mac;
5. authentication tokens: MACs over the other side's ephemeral public key.

A wrong MRZ makes the chip refuse our token: `WrongAccessKey`. Anything else that goes wrong is
`PaceFailed`, after which the profile falls back to BAC where the chip offers it. Secure messaging
after PACE uses the cipher the protocol OID names (AES here, 3DES for the 3DES variants).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable

from kiosk.domain.mrz import MrzKey

from ...pcsc import tlv
from ...pcsc.apdu import Transport, command, select_ef, transmit
from ..profile import CardDataError
from . import crypto, der, ecc, lds, security_infos
from .der import DerError
from .errors import WrongAccessKey
from .security_infos import PaceInfo
from .sm import SecureChannel, cipher_for

log = logging.getLogger(__name__)

INS_MSE = 0x22
INS_GENERAL_AUTHENTICATE = 0x86
CLA_CHAINING = 0x10
PASSWORD_MRZ = 0x01
TAG_NONCE, TAG_MAP_IFD, TAG_MAP_IC, TAG_EPH_IFD, TAG_EPH_IC, TAG_TOKEN_IFD, TAG_TOKEN_IC = range(0x80, 0x87)
TAG_DYNAMIC_AUTH = 0x7C
TAG_PUBLIC_KEY = 0x7F49
TAG_POINT = 0x86
WRONG_KEY_SW = frozenset({0x6300, 0x6982})

Scalar = Callable[[ecc.Curve], int]


class PaceNotOffered(CardDataError):
    """No EF.CardAccess, or no PACE variant in it that this kiosk runs."""


class PaceFailed(CardDataError):
    """PACE was offered but did not complete (a refusal, a bad point, a token that does not verify)."""


def _random_scalar(curve: ecc.Curve) -> int:
    return 1 + secrets.randbelow(curve.n - 1)


def password_key(key: MrzKey, info: PaceInfo) -> bytes:
    cipher, length = security_infos.cipher_of(info.protocol)
    return crypto.kdf(hashlib.sha1(key.mrz_information.encode("ascii")).digest(), crypto.PACE_COUNTER,
                      cipher, length)


def decrypt_nonce(k_pi: bytes, encrypted: bytes, cipher: str) -> bytes:
    return crypto.tdes_decrypt(k_pi, encrypted) if cipher == "3DES" else crypto.aes_decrypt(k_pi, encrypted)


def map_generator(curve: ecc.Curve, nonce: bytes, sk_map: int, pk_map_ic: ecc.Point) -> tuple[int, int]:
    """G' = s*G + H with H = sk_map * PK_map,IC (4.4.3.3.1)."""
    h = curve.multiply(sk_map, pk_map_ic)
    mapped = curve.add(curve.multiply(int.from_bytes(nonce, "big"), curve.g), h)
    if h is None or mapped is None:
        raise PaceFailed("generic mapping gave the point at infinity")
    return mapped


def auth_token(protocol: str, point: bytes, ks_mac: bytes, cipher: str) -> bytes:
    """MAC over the public key data object 7F49 { 06 OID, 86 point } (4.4.3.4)."""
    data = tlv.encode(TAG_PUBLIC_KEY, der.enc_oid(protocol) + tlv.encode(TAG_POINT, point))
    if cipher == "3DES":
        return crypto.retail_mac(ks_mac, crypto.pad(data))
    return crypto.aes_cmac(ks_mac, data)


def read_card_access(card: Transport) -> security_infos.SecurityInfos:
    """EF.CardAccess from the master file, in plain. PaceNotOffered when it is missing."""
    transmit(card, command(0x00, 0xA4, 0x00, 0x0C))  # SELECT MF; some chips answer 6A86, harmless
    selected = transmit(card, select_ef(lds.EF_CARD_ACCESS))
    if not selected.ok:
        raise PaceNotOffered(f"no EF.CardAccess (SW {selected.sw:04X})")
    try:
        return security_infos.parse(lds.read_file(card, lds.EF_CARD_ACCESS))
    except (DerError, CardDataError) as exc:  # FileNotOnChip and malformed headers included
        raise PaceNotOffered(f"EF.CardAccess unreadable: {exc}") from exc


def choose(infos: security_infos.SecurityInfos) -> PaceInfo:
    for info in infos.pace:
        if (info.mapping == "ECDH-GM" and info.version == 2 and info.parameter_id in ecc.BY_PARAMETER_ID
                and info.protocol.rsplit(".", 1)[1] in security_infos.CIPHERS):
            return info
    raise PaceNotOffered("no PACE variant this kiosk runs (ECDH generic mapping, standard curves)")


class Pace:
    """The `AccessProtocol` for PACE. `scalar` is injectable so tests can replay ICAO's example."""

    name = "PACE"

    def __init__(self, scalar: Scalar = _random_scalar) -> None:
        self._scalar = scalar

    def establish(self, card: Transport, key: MrzKey) -> SecureChannel:
        infos = read_card_access(card)
        info = choose(infos)
        channel = self.run(card, key, info, include_parameter_id=len(infos.pace) > 1)
        selected = transmit(channel, command(0x00, 0xA4, 0x04, 0x0C, lds.AID))
        if not selected.ok:
            raise PaceFailed(f"SELECT eMRTD AID after PACE: SW {selected.sw:04X}")
        return channel

    def run(self, card: Transport, key: MrzKey, info: PaceInfo, *, include_parameter_id: bool) -> SecureChannel:
        curve = ecc.BY_PARAMETER_ID[info.parameter_id or 0]
        cipher, _length = security_infos.cipher_of(info.protocol)
        setting = tlv.encode(0x80, der.enc_oid(info.protocol)[2:]) + tlv.encode(0x83, bytes([PASSWORD_MRZ]))
        if include_parameter_id and info.parameter_id is not None:
            setting += tlv.encode(0x84, bytes([info.parameter_id]))
        answer = transmit(card, command(0x00, INS_MSE, 0xC1, 0xA4, setting))
        if not answer.ok:
            raise PaceFailed(f"MSE:Set AT refused: SW {answer.sw:04X}")
        encrypted = self._step(card, b"", TAG_NONCE, "nonce")
        nonce = decrypt_nonce(password_key(key, info), encrypted, cipher)
        sk_map = self._scalar(curve)
        pk_map_ic = self._point(curve, self._step(card, tlv.encode(TAG_MAP_IFD, curve.encode(
            curve.multiply(sk_map, curve.g))), TAG_MAP_IC, "mapping"))
        generator = map_generator(curve, nonce, sk_map, pk_map_ic)
        sk_eph = self._scalar(curve)
        pk_eph = curve.encode(curve.multiply(sk_eph, generator))
        pk_eph_ic_raw = self._step(card, tlv.encode(TAG_EPH_IFD, pk_eph), TAG_EPH_IC, "key agreement")
        pk_eph_ic = self._point(curve, pk_eph_ic_raw)
        if pk_eph_ic_raw == pk_eph:
            raise PaceFailed("the chip echoed our ephemeral key")
        try:
            secret = ecc.x_coordinate(curve, sk_eph, pk_eph_ic_raw)
        except ecc.EcError as exc:
            raise PaceFailed(f"key agreement: {exc}") from exc
        cipher_name, length = security_infos.cipher_of(info.protocol)
        ks_enc = crypto.kdf(secret, crypto.ENC_COUNTER, cipher_name, length)
        ks_mac = crypto.kdf(secret, crypto.MAC_COUNTER, cipher_name, length)
        token = auth_token(info.protocol, curve.encode(pk_eph_ic), ks_mac, cipher)
        data = tlv.encode(TAG_DYNAMIC_AUTH, tlv.encode(TAG_TOKEN_IFD, token))
        answer = transmit(card, command(0x00, INS_GENERAL_AUTHENTICATE, 0x00, 0x00, data, ne=256))
        if answer.sw in WRONG_KEY_SW or answer.sw1 == 0x63:
            raise WrongAccessKey(f"PACE token refused: SW {answer.sw:04X}")
        if not answer.ok:
            raise PaceFailed(f"General Authenticate (token) refused: SW {answer.sw:04X}")
        chip_token = self._object(answer.data, TAG_TOKEN_IC, "token")
        if not hmac.compare_digest(chip_token, auth_token(info.protocol, pk_eph, ks_mac, cipher)):
            raise PaceFailed("the chip's authentication token does not verify")
        return SecureChannel(card, cipher_for(cipher_name, ks_enc, ks_mac), 0)

    def _step(self, card: Transport, inner: bytes, tag: int, what: str) -> bytes:
        data = tlv.encode(TAG_DYNAMIC_AUTH, inner)
        answer = transmit(card, command(CLA_CHAINING, INS_GENERAL_AUTHENTICATE, 0x00, 0x00, data, ne=256))
        if answer.sw in WRONG_KEY_SW:
            raise WrongAccessKey(f"PACE {what} refused: SW {answer.sw:04X}")
        if not answer.ok:
            raise PaceFailed(f"General Authenticate ({what}) refused: SW {answer.sw:04X}")
        return self._object(answer.data, tag, what)

    @staticmethod
    def _object(data: bytes, tag: int, what: str) -> bytes:
        try:
            template = tlv.parse_one(data)
            if template.tag != TAG_DYNAMIC_AUTH:
                raise tlv.TlvError(f"tag {template.tag:X}")
            objects = tlv.index(template.children())
        except tlv.TlvError as exc:
            raise PaceFailed(f"PACE {what} answer: {exc}") from exc
        if tag not in objects:
            raise PaceFailed(f"PACE {what} answer lacks tag {tag:X}")
        return objects[tag].value

    @staticmethod
    def _point(curve: ecc.Curve, data: bytes) -> tuple[int, int]:
        try:
            return curve.decode(data)
        except ecc.EcError as exc:
            raise PaceFailed(f"chip's point: {exc}") from exc
