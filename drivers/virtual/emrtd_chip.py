"""The chip side of Active Authentication, Chip Authentication and PACE for the virtual ePassports.

`ChipSecrets` holds the private keys a genuine chip keeps and the settings it advertises; from it
come DG14 (SecurityInfos), DG15 (the AA public key) and EF.CardAccess (PACEInfo). A clone is the
same files with `ChipSecrets.other_keys()`: what a copier gets when the private keys cannot be
read out. `PaceChip` answers the four General Authenticate steps of PACE.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, replace
from typing import Literal

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ..cards.emrtd import crypto, der, ecc, pace, security_infos
from ..cards.emrtd.aa import TAG_DG15
from ..pcsc.tlv import encode

AaKind = Literal["rsa", "ecdsa"]
AaKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
CA_ECDH_3DES = f"{security_infos.ID_CA}.2.1"
CA_ECDH_AES128 = f"{security_infos.ID_CA}.2.2"
PACE_ECDH_GM_AES128 = f"{security_infos.ID_PACE}.2.2"
ECDSA_PLAIN_SHA256 = "0.4.0.127.0.7.1.1.4.1.3"
TAG_DG14 = 0x6E


@dataclass(frozen=True)
class ChipSecrets:
    """Keys and advertised protocols of one chip. `bac=False` makes a PACE-only chip."""

    aa_key: AaKey | None = None
    ca_key: ec.EllipticCurvePrivateKey | None = None
    ca_protocol: str = CA_ECDH_AES128
    pace_parameter_id: int | None = None  # PACE offered on this curve (ICAO table 12) when set
    bac: bool = True

    @classmethod
    def generate(cls, *, aa: AaKind | None = None, ca: bool = False, ca_protocol: str = CA_ECDH_AES128,
                 pace_parameter_id: int | None = None, bac: bool = True) -> ChipSecrets:
        return cls(_aa_key(aa), ec.generate_private_key(ec.BrainpoolP256R1()) if ca else None,
                   ca_protocol, pace_parameter_id, bac)

    def other_keys(self) -> ChipSecrets:
        """The same chip settings with fresh private keys: a clone of a chip made with `self`."""
        kind: AaKind | None = None if self.aa_key is None else (
            "rsa" if isinstance(self.aa_key, rsa.RSAPrivateKey) else "ecdsa")
        ca = ec.generate_private_key(self.ca_key.curve) if self.ca_key is not None else None
        return replace(self, aa_key=_aa_key(kind), ca_key=ca)

    @property
    def ca_version(self) -> int:
        return 1 if self.ca_protocol == CA_ECDH_3DES else 2

    def dg14(self) -> bytes | None:
        infos: list[bytes] = []
        if self.ca_key is not None:
            spki = self.ca_key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
            infos.append(der.seq(der.enc_oid(self.ca_protocol), der.enc_int(self.ca_version)))
            infos.append(der.seq(der.enc_oid(security_infos.ID_PK_ECDH), spki))
        if isinstance(self.aa_key, ec.EllipticCurvePrivateKey):
            infos.append(der.seq(der.enc_oid(security_infos.ID_AA), der.enc_int(1), der.enc_oid(ECDSA_PLAIN_SHA256)))
        return encode(TAG_DG14, der.set_of(*infos)) if infos else None

    def dg15(self) -> bytes | None:
        if self.aa_key is None:
            return None
        return encode(TAG_DG15, self.aa_key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo))

    def card_access(self) -> bytes | None:
        if self.pace_parameter_id is None:
            return None
        return der.set_of(der.seq(der.enc_oid(PACE_ECDH_GM_AES128), der.enc_int(2),
                                  der.enc_int(self.pace_parameter_id)))

    def internal_authenticate(self, challenge: bytes) -> bytes | None:
        """The AA signature over `challenge`; None when the chip has no AA key."""
        key = self.aa_key
        if isinstance(key, ec.EllipticCurvePrivateKey):
            r, s = decode_dss_signature(key.sign(challenge, ec.ECDSA(hashes.SHA256())))
            size = (key.curve.key_size + 7) // 8
            return r.to_bytes(size, "big") + s.to_bytes(size, "big")
        if isinstance(key, rsa.RSAPrivateKey):
            k = key.key_size // 8
            m1 = os.urandom(k - 20 - 2)
            representative = b"\x6a" + m1 + hashlib.sha1(m1 + challenge).digest() + b"\xbc"
            numbers = key.private_numbers()
            n = numbers.public_numbers.n
            return pow(int.from_bytes(representative, "big"), numbers.d, n).to_bytes(k, "big")
        return None

    def ca_session_keys(self, their_point: bytes) -> tuple[str, bytes, bytes] | None:
        """(cipher, KS_enc, KS_mac) from the terminal's ephemeral key; None when it is not a point."""
        if self.ca_key is None:
            return None
        try:
            theirs = ec.EllipticCurvePublicKey.from_encoded_point(self.ca_key.curve, their_point)
        except ValueError:
            return None
        shared = self.ca_key.exchange(ec.ECDH(), theirs)
        cipher, length = security_infos.cipher_of(self.ca_protocol)
        return (cipher, crypto.kdf(shared, crypto.ENC_COUNTER, cipher, length),
                crypto.kdf(shared, crypto.MAC_COUNTER, cipher, length))


def _aa_key(kind: AaKind | None) -> AaKey | None:
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=1024)  # what passports carry
    if kind == "ecdsa":
        return ec.generate_private_key(ec.BrainpoolP256R1())
    return None


class PaceChip:
    """One PACE run on the chip side (ICAO 9303-11, 4.4), ECDH generic mapping."""

    def __init__(self, password: bytes, parameter_id: int) -> None:
        self.curve = ecc.BY_PARAMETER_ID[parameter_id]
        self.protocol = PACE_ECDH_GM_AES128
        self._k_pi = crypto.kdf(password, crypto.PACE_COUNTER, "AES", 16)
        self._nonce = os.urandom(16)
        self._sk_map = self._sk_eph = 0
        self._generator: tuple[int, int] | None = None
        self._pk_eph = b""
        self._pk_eph_ifd = b""
        self.keys: tuple[bytes, bytes] | None = None

    def _scalar(self) -> int:
        return 1 + int.from_bytes(os.urandom(40), "big") % (self.curve.n - 1)

    def step(self, tag: int, value: bytes) -> tuple[int, bytes] | None:
        """(answer tag, value) for a General Authenticate data object; None when it is wrong."""
        curve = self.curve
        try:
            if tag == 0:
                return pace.TAG_NONCE, crypto.aes_encrypt(self._k_pi, self._nonce)
            if tag == pace.TAG_MAP_IFD:
                self._sk_map = self._scalar()
                self._generator = pace.map_generator(curve, self._nonce, self._sk_map, curve.decode(value))
                return pace.TAG_MAP_IC, curve.encode(curve.multiply(self._sk_map, curve.g))
            if tag == pace.TAG_EPH_IFD and self._generator is not None:
                self._sk_eph = self._scalar()
                self._pk_eph = curve.encode(curve.multiply(self._sk_eph, self._generator))
                self._pk_eph_ifd = value
                secret = ecc.x_coordinate(curve, self._sk_eph, value)
                self.keys = (crypto.kdf(secret, 1, "AES", 16), crypto.kdf(secret, 2, "AES", 16))
                return pace.TAG_EPH_IC, self._pk_eph
            if tag == pace.TAG_TOKEN_IFD and self.keys is not None:
                expected = pace.auth_token(self.protocol, self._pk_eph, self.keys[1], "AES")
                if not hmac.compare_digest(expected, value):
                    self.keys = None
                    return None
                return pace.TAG_TOKEN_IC, pace.auth_token(self.protocol, self._pk_eph_ifd, self.keys[1], "AES")
        except (ecc.EcError, pace.PaceFailed):
            return None
        return None
