"""SecurityInfos (ICAO 9303-11, 9.2): what a chip says it supports, in EF.CardAccess (PACE) and
DG14 (Chip Authentication, and the Active Authentication signature algorithm for ECDSA keys).

Unknown SecurityInfo entries are skipped (chips list protocols this kiosk does not run, e.g.
terminal authentication); malformed ones raise DerError. Public keys are read with
`cryptography`; an EC key with explicit domain parameters (common in passports) is matched to a
named curve this kiosk knows by comparing the parameters.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_der_public_key

from . import der, ecc
from .der import DerError, Node

log = logging.getLogger(__name__)

BSI = "0.4.0.127.0.7.2.2"
ID_PK_DH = f"{BSI}.1.1"
ID_PK_ECDH = f"{BSI}.1.2"
ID_CA = f"{BSI}.3"
ID_PACE = f"{BSI}.4"
ID_AA = "2.23.136.1.1.5"
OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1"
OID_PRIME_FIELD = "1.2.840.10045.1.1"
# The last arc of a CA or PACE protocol OID names the session cipher (9.2.5, 9.2.6).
CIPHERS: dict[str, tuple[str, int]] = {"1": ("3DES", 16), "2": ("AES", 16), "3": ("AES", 24), "4": ("AES", 32)}
MAX_INFOS = 32

PublicKey = ec.EllipticCurvePublicKey | rsa.RSAPublicKey


def cipher_of(protocol: str) -> tuple[str, int]:
    """("3DES" or "AES", key length) of a CA or PACE protocol OID; KeyError when unknown."""
    return CIPHERS[protocol.rsplit(".", 1)[1]]


@dataclass(frozen=True)
class PaceInfo:
    protocol: str  # id-PACE-<mapping>-<cipher>
    version: int
    parameter_id: int | None

    @property
    def mapping(self) -> str:
        return {"1": "DH-GM", "2": "ECDH-GM", "3": "DH-IM", "4": "ECDH-IM", "6": "ECDH-CAM"}.get(
            self.protocol.split(".")[-2], "?")


@dataclass(frozen=True)
class ChipAuthenticationInfo:
    protocol: str  # id-CA-<DH|ECDH>-<cipher>
    version: int  # 1: MSE:Set KAT; 2: MSE:Set AT + General Authenticate
    key_id: int | None


@dataclass(frozen=True)
class ChipAuthenticationKey:
    protocol: str  # id-PK-DH or id-PK-ECDH
    key: PublicKey
    key_id: int | None


@dataclass
class SecurityInfos:
    pace: list[PaceInfo] = field(default_factory=list)
    chip_authentication: list[ChipAuthenticationInfo] = field(default_factory=list)
    chip_authentication_keys: list[ChipAuthenticationKey] = field(default_factory=list)
    active_authentication_signature: str | None = None  # e.g. ecdsa-plain-SHA256's OID

    def chip_authentication_pair(self) -> tuple[ChipAuthenticationInfo, ChipAuthenticationKey] | None:
        """The first CA protocol this kiosk can run with its matching public key (by key ID)."""
        for info in self.chip_authentication:
            if not info.protocol.startswith(f"{ID_CA}.2."):  # ECDH only (DH CA is not implemented)
                continue
            for key in self.chip_authentication_keys:
                if key.protocol == ID_PK_ECDH and (info.key_id is None or key.key_id in (None, info.key_id)):
                    return info, key
        return None


def _optional_int(parts: list[Node], index: int) -> int | None:
    return der.integer(parts[index]) if len(parts) > index and parts[index].tag == der.INTEGER else None


def parse(content: bytes) -> SecurityInfos:
    """SecurityInfos ::= SET OF SecurityInfo, as DER bytes (EF.CardAccess, or DG14's value)."""
    entries = der.fields(der.read_one(content).expect(der.SET, "SecurityInfos"), "SecurityInfos", 1)
    if len(entries) > MAX_INFOS:
        raise DerError(f"{len(entries)} security infos")
    infos = SecurityInfos()
    for entry in entries:
        parts = der.fields(entry.expect(der.SEQUENCE, "SecurityInfo"), "SecurityInfo", 1, 3)
        protocol = der.oid(parts[0])
        if protocol.startswith(f"{ID_PACE}.") and len(parts) >= 2:
            infos.pace.append(PaceInfo(protocol, der.integer(parts[1]), _optional_int(parts, 2)))
        elif protocol.startswith(f"{ID_CA}.") and protocol.count(".") == ID_CA.count(".") + 2 and len(parts) >= 2:
            infos.chip_authentication.append(ChipAuthenticationInfo(protocol, der.integer(parts[1]),
                                                                     _optional_int(parts, 2)))
        elif protocol in (ID_PK_DH, ID_PK_ECDH) and len(parts) >= 2:
            try:
                key = load_public_key(parts[1].raw)
            except DerError as exc:  # e.g. a DH key: CA with it is not run, the rest of DG14 still counts
                log.info("chip authentication key skipped (%s)", exc)
                continue
            infos.chip_authentication_keys.append(ChipAuthenticationKey(protocol, key, _optional_int(parts, 2)))
        elif protocol == ID_AA and len(parts) == 3:
            infos.active_authentication_signature = der.oid(parts[2])
    return infos


def parse_dg14(raw: bytes) -> SecurityInfos:
    return parse(der.read_one(raw).expect(0x6E, "DG14").value)


def load_public_key(spki: bytes) -> PublicKey:
    """A SubjectPublicKeyInfo as `cryptography` key; explicit EC parameters are matched to a named
    curve. Raises DerError for a key this kiosk cannot use."""
    try:
        with warnings.catch_warnings():  # loading a DH key warns that finite-field DH is deprecated
            warnings.simplefilter("ignore")
            key = load_der_public_key(spki)
    except (ValueError, TypeError):
        key = _explicit_ec_key(spki)
    if not isinstance(key, ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise DerError(f"unsupported public key type {type(key).__name__}")
    return key


def _explicit_ec_key(spki: bytes) -> ec.EllipticCurvePublicKey:
    algorithm, bits = der.fields(der.read_one(spki).expect(der.SEQUENCE, "SubjectPublicKeyInfo"), "SPKI", 2, 2)
    oid_node, params = der.fields(algorithm.expect(der.SEQUENCE, "AlgorithmIdentifier"), "algorithm", 2, 2)
    if der.oid(oid_node) != OID_EC_PUBLIC_KEY or params.tag != der.SEQUENCE:
        raise DerError("public key is neither a known type nor EC with explicit parameters")
    parts = der.fields(params, "ECParameters", 5, 6)
    field_type, prime = der.fields(parts[1].expect(der.SEQUENCE, "FieldID"), "FieldID", 2, 2)
    if der.oid(field_type) != OID_PRIME_FIELD:
        raise DerError("EC parameters over a non-prime field")
    a, b = (int.from_bytes(der.octets(n), "big") for n in der.fields(parts[2], "Curve", 2, 3)[:2])
    p, order = der.integer(prime), der.integer(parts[4])
    curve = next((c for c in ecc.BY_NAME.values() if (c.p, c.a, c.b, c.n) == (p, a, b, order)), None)
    if curve is None:
        raise DerError("EC public key on a curve this kiosk does not know")
    try:
        base = curve.decode(der.octets(parts[3]))
    except ecc.EcError as exc:
        raise DerError(f"EC base point: {exc}") from exc
    if base != curve.g:
        raise DerError("EC parameters with another base point")
    if bits.tag != der.BIT_STRING or not bits.value:
        raise DerError("public key bits missing")
    return ec.EllipticCurvePublicKey.from_encoded_point(curve.library, bits.value[1:])
