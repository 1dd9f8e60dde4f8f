"""EF.SOD, the document security object (ICAO 9303-10, 4.6.2 and 9303-12): a CMS SignedData whose
content is the LDS security object, the hash of every data group. Parsing only; `passive_auth`
decides what the parts prove.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import der
from .der import DerError, Node

TAG_SOD = 0x77
OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
OID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
MAX_DATA_GROUPS = 16


@dataclass(frozen=True)
class Algorithm:
    oid: str
    parameters: Node | None

    @classmethod
    def parse(cls, node: Node, what: str) -> Algorithm:
        parts = der.fields(node.expect(der.SEQUENCE, what), what, 1, 2)
        parameters = parts[1] if len(parts) == 2 and parts[1].tag != der.NULL else None
        return cls(der.oid(parts[0]), parameters)


@dataclass(frozen=True)
class SignerInfo:
    issuer_and_serial: tuple[bytes, int] | None  # (issuer Name DER, serial number)
    subject_key_id: bytes | None
    digest_algorithm: Algorithm
    signed_attributes: dict[str, list[Node]]  # attribute type -> values
    signed_attributes_der: bytes  # re-tagged as SET OF: what the signature covers
    signature_algorithm: Algorithm
    signature: bytes


@dataclass(frozen=True)
class SecurityObject:
    """The parts of EF.SOD that passive authentication needs."""

    content_type: str  # eContentType: must be the LDS security object
    content: bytes  # eContent: the DER LDSSecurityObject the signed digest covers
    hash_algorithm: Algorithm  # of the data group hashes
    data_group_hashes: dict[int, bytes]
    certificates: list[bytes]  # DER certificates carried in the SOD (the document signer's)
    signer: SignerInfo


@dataclass(frozen=True)
class SignedData:
    """The parts of a CMS SignedData with one signer (EF.SOD, an ICAO master list)."""

    content_type: str
    content: bytes
    certificates: list[bytes]
    signer: SignerInfo


def parse(raw: bytes) -> SecurityObject:
    """EF.SOD as read from the chip. Raises DerError for anything malformed or unexpected."""
    outer = der.read_one(raw).expect(TAG_SOD, "EF.SOD")
    signed = parse_signed_data(outer.value)
    hash_algorithm, hashes = _lds_security_object(signed.content)
    return SecurityObject(signed.content_type, signed.content, hash_algorithm, hashes, signed.certificates,
                          signed.signer)


def parse_signed_data(raw: bytes) -> SignedData:
    """A ContentInfo holding a SignedData with exactly one signer (RFC 5652, as ICAO profiles it)."""
    content_info = der.read_one(raw).expect(der.SEQUENCE, "ContentInfo")
    ci = der.fields(content_info, "ContentInfo", 2, 2)
    if der.oid(ci[0]) != OID_SIGNED_DATA:
        raise DerError("ContentInfo is not SignedData")
    if ci[1].tag != 0xA0:
        raise DerError("ContentInfo content is not [0]")
    signed_data = der.read_one(ci[1].value).expect(der.SEQUENCE, "SignedData")
    parts = der.fields(signed_data, "SignedData", 4, 6)
    der.integer(parts[0])  # version: 1 or 3 in the field; not a security property
    encap = der.fields(parts[2].expect(der.SEQUENCE, "EncapsulatedContentInfo"), "EncapsulatedContentInfo", 2, 2)
    content_type = der.oid(encap[0])
    if encap[1].tag != 0xA0:
        raise DerError("eContent is not [0]")
    content = der.octets(der.read_one(encap[1].value))
    certificates: list[bytes] = []
    rest = parts[3:]
    if rest and rest[0].tag == 0xA0:  # certificates [0] IMPLICIT SET OF
        certificates = [node.raw for node in rest[0].children() if node.tag == der.SEQUENCE]
        rest = rest[1:]
    if rest and rest[0].tag == 0xA1:  # crls [1]: not used
        rest = rest[1:]
    if len(rest) != 1:
        raise DerError("SignedData has no signerInfos")
    signers = der.fields(rest[0].expect(der.SET, "signerInfos"), "signerInfos", 1)
    if len(signers) != 1:
        raise DerError(f"{len(signers)} signer infos; ICAO allows exactly one")
    return SignedData(content_type, content, certificates, _signer(signers[0]))


def _lds_security_object(content: bytes) -> tuple[Algorithm, dict[int, bytes]]:
    lso = der.fields(der.read_one(content).expect(der.SEQUENCE, "LDSSecurityObject"), "LDSSecurityObject", 3, 4)
    version = der.integer(lso[0])
    if version not in (0, 1):
        raise DerError(f"LDSSecurityObject version {version}")
    algorithm = Algorithm.parse(lso[1], "hashAlgorithm")
    entries = der.fields(lso[2].expect(der.SEQUENCE, "dataGroupHashValues"), "dataGroupHashValues", 1)
    if len(entries) > MAX_DATA_GROUPS:
        raise DerError(f"{len(entries)} data group hashes")
    hashes: dict[int, bytes] = {}
    for entry in entries:
        number_node, value_node = der.fields(entry.expect(der.SEQUENCE, "DataGroupHash"), "DataGroupHash", 2, 2)
        number = der.integer(number_node)
        if not 1 <= number <= MAX_DATA_GROUPS or number in hashes:
            raise DerError(f"data group number {number} out of range or repeated")
        hashes[number] = der.octets(value_node)
    return algorithm, hashes


def _signer(node: Node) -> SignerInfo:
    parts = der.fields(node.expect(der.SEQUENCE, "SignerInfo"), "SignerInfo", 5, 7)
    der.integer(parts[0])
    sid = parts[1]
    issuer_and_serial: tuple[bytes, int] | None = None
    subject_key_id: bytes | None = None
    if sid.tag == der.SEQUENCE:
        issuer, serial = der.fields(sid, "IssuerAndSerialNumber", 2, 2)
        issuer_and_serial = (issuer.expect(der.SEQUENCE, "issuer").raw, der.integer(serial))
    elif sid.tag == 0x80:
        subject_key_id = sid.value
    else:
        raise DerError(f"signer identifier tag {sid.tag:X}")
    digest_algorithm = Algorithm.parse(parts[2], "digestAlgorithm")
    if parts[3].tag != 0xA0:
        raise DerError("SignerInfo has no signed attributes (ICAO requires them)")
    attributes: dict[str, list[Node]] = {}
    for attribute in parts[3].children():
        type_node, values = der.fields(attribute.expect(der.SEQUENCE, "Attribute"), "Attribute", 2, 2)
        kind = der.oid(type_node)
        if kind in attributes:
            raise DerError("a signed attribute appears twice")
        attributes[kind] = der.fields(values.expect(der.SET, "attribute values"), "attribute values", 1)
    # The signature covers the attributes DER-encoded as a SET OF, not with their [0] tag (RFC 5652, 5.4).
    signed_der = der.encode(der.SET, parts[3].value)
    signature_algorithm = Algorithm.parse(parts[4], "signatureAlgorithm")
    signature = der.octets(parts[5])
    return SignerInfo(issuer_and_serial, subject_key_id, digest_algorithm, attributes, signed_der,
                      signature_algorithm, signature)
