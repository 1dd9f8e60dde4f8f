"""Passive authentication (ICAO 9303-11, 5.1): is the chip's data what the issuing country signed?

1. every data group read hashes to the value in the security object (EF.SOD);
2. the security object's signed digest and content type match its content;
3. the document signer's signature over the signed attributes verifies;
4. the document signer certificate was issued by a CSCA in the operator's trust store, and both
   certificates are valid today.

The verdict is plain: GENUINE; FORGED when the data or signature is provably wrong, or the signer
was not issued by a CSCA of its country that the kiosk trusts; NOT_VERIFIABLE when the kiosk
cannot decide (no CSCA installed for that country, an expired certificate, an algorithm it does
not know, no signer certificate on the chip).

Passive authentication proves the data genuine, not that the chip is the original: a copied
chip passes. Active or Chip Authentication catches that (`chip_check`). A document signer that a
CRL of its CSCA in the trust store lists as revoked is FORGED (`signer_revoked`).
"""

from __future__ import annotations

import datetime
import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from kiosk.domain.identity import DocumentCheck

from . import der
from .der import DerError
from .sod import OID_CONTENT_TYPE, OID_LDS_SECURITY_OBJECT, OID_MESSAGE_DIGEST, Algorithm, SecurityObject, SignerInfo
from .trust_store import CscaTrustStore, country_of

log = logging.getLogger(__name__)

HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "1.3.14.3.2.26": hashes.SHA1,
    "2.16.840.1.101.3.4.2.4": hashes.SHA224,
    "2.16.840.1.101.3.4.2.1": hashes.SHA256,
    "2.16.840.1.101.3.4.2.2": hashes.SHA384,
    "2.16.840.1.101.3.4.2.3": hashes.SHA512,
}
OID_RSA = "1.2.840.113549.1.1.1"
OID_RSA_PSS = "1.2.840.113549.1.1.10"
OID_MGF1 = "1.2.840.113549.1.1.8"
OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1"
RSA_PKCS1: dict[str, type[hashes.HashAlgorithm] | None] = {
    OID_RSA: None,  # the hash is the digest algorithm's
    "1.2.840.113549.1.1.5": hashes.SHA1,
    "1.2.840.113549.1.1.14": hashes.SHA224,
    "1.2.840.113549.1.1.11": hashes.SHA256,
    "1.2.840.113549.1.1.12": hashes.SHA384,
    "1.2.840.113549.1.1.13": hashes.SHA512,
}
ECDSA_DER: dict[str, type[hashes.HashAlgorithm] | None] = {
    OID_EC_PUBLIC_KEY: None,
    "1.2.840.10045.4.1": hashes.SHA1,
    "1.2.840.10045.4.3.1": hashes.SHA224,
    "1.2.840.10045.4.3.2": hashes.SHA256,
    "1.2.840.10045.4.3.3": hashes.SHA384,
    "1.2.840.10045.4.3.4": hashes.SHA512,
}
# BSI TR-03111 plain signatures (r | s), used by some issuers.
ECDSA_PLAIN: dict[str, type[hashes.HashAlgorithm]] = {
    "0.4.0.127.0.7.1.1.4.1.1": hashes.SHA1,
    "0.4.0.127.0.7.1.1.4.1.2": hashes.SHA224,
    "0.4.0.127.0.7.1.1.4.1.3": hashes.SHA256,
    "0.4.0.127.0.7.1.1.4.1.4": hashes.SHA384,
    "0.4.0.127.0.7.1.1.4.1.5": hashes.SHA512,
}

# Reasons (stable codes for logs, docs and the UI's detail line).
OK = "ok"
DG_HASH_MISMATCH = "dg_hash_mismatch"
DG_HASH_MISSING = "dg_hash_missing"
CONTENT_DIGEST_MISMATCH = "content_digest_mismatch"
BAD_CONTENT_TYPE = "bad_content_type"
BAD_SIGNATURE = "bad_signature"
UNTRUSTED_SIGNER = "untrusted_signer"
NO_CSCA = "no_csca"
CERTIFICATE_EXPIRED = "certificate_expired"
NO_SIGNER_CERTIFICATE = "no_signer_certificate"
UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
NO_SECURITY_OBJECT = "no_security_object"
SIGNER_REVOKED = "signer_revoked"  # a CRL of the issuing CSCA in the trust store lists the signer


@dataclass(frozen=True)
class Verdict:
    check: DocumentCheck
    reason: str
    country: str = ""  # the signer's country (from its issuer name), for technicians

    @property
    def genuine(self) -> bool:
        return self.check is DocumentCheck.GENUINE


class _Unsupported(Exception):
    pass


def _hash(algorithm: Algorithm) -> hashes.HashAlgorithm:
    kind = HASHES.get(algorithm.oid)
    if kind is None:
        raise _Unsupported(f"hash {algorithm.oid}")
    return kind()


def digest(algorithm: Algorithm, data: bytes) -> bytes:
    h = hashes.Hash(_hash(algorithm))
    h.update(data)
    return h.finalize()


def verify(
    sod: SecurityObject,
    data_groups: Mapping[int, bytes],
    trust: CscaTrustStore,
    now: datetime.datetime,
) -> Verdict:
    """The verdict on `data_groups` (number -> file as read) under `sod`. Never raises for bad
    documents: malformed parts that could only come from a tampered chip count as FORGED."""
    try:
        return _verify(sod, data_groups, trust, now)
    except _Unsupported as exc:
        log.info("passive authentication: unsupported %s", exc)
        return Verdict(DocumentCheck.NOT_VERIFIABLE, UNSUPPORTED_ALGORITHM)


def _verify(sod: SecurityObject, data_groups: Mapping[int, bytes], trust: CscaTrustStore,
            now: datetime.datetime) -> Verdict:
    forged = DocumentCheck.FORGED
    # 1. The data read against the hashes the SOD lists.
    for number, content in sorted(data_groups.items()):
        expected = sod.data_group_hashes.get(number)
        if expected is None:
            return Verdict(forged, DG_HASH_MISSING)
        if not hmac.compare_digest(digest(sod.hash_algorithm, content), expected):
            log.warning("passive authentication: DG%d hash mismatch", number)
            return Verdict(forged, DG_HASH_MISMATCH)
    # 2. The signed attributes bind the content.
    signer = sod.signer
    if sod.content_type != OID_LDS_SECURITY_OBJECT:
        return Verdict(forged, BAD_CONTENT_TYPE)
    try:
        content_types = signer.signed_attributes.get(OID_CONTENT_TYPE, [])
        digests = signer.signed_attributes.get(OID_MESSAGE_DIGEST, [])
        if len(content_types) != 1 or der.oid(content_types[0]) != sod.content_type:
            return Verdict(forged, BAD_CONTENT_TYPE)
        if len(digests) != 1 or not hmac.compare_digest(
            der.octets(digests[0]), digest(signer.digest_algorithm, sod.content)
        ):
            return Verdict(forged, CONTENT_DIGEST_MISMATCH)
    except DerError:
        return Verdict(forged, CONTENT_DIGEST_MISMATCH)
    # 3. The document signer's signature.
    signer_cert = signer_certificate(sod.signer, sod.certificates)
    if signer_cert is None:
        return Verdict(DocumentCheck.NOT_VERIFIABLE, NO_SIGNER_CERTIFICATE)
    country = country_of(signer_cert.issuer)
    if not signature_ok(signer_cert, signer.signature_algorithm, signer.digest_algorithm,
                         signer.signature, signer.signed_attributes_der):
        return Verdict(forged, BAD_SIGNATURE, country)
    # 4. The signer's certificate against the country's CSCAs.
    cscas = trust.for_country(country)
    if not cscas:
        return Verdict(DocumentCheck.NOT_VERIFIABLE, NO_CSCA, country)
    issuer = next((c for c in cscas if issued_by(signer_cert, c)), None)
    if issuer is None:
        return Verdict(forged, UNTRUSTED_SIGNER, country)
    if trust.revoked(signer_cert, issuer):
        log.warning("passive authentication: the document signer certificate is revoked")
        return Verdict(forged, SIGNER_REVOKED, country)
    if not (_valid_at(signer_cert, now) and _valid_at(issuer, now)):
        return Verdict(DocumentCheck.NOT_VERIFIABLE, CERTIFICATE_EXPIRED, country)
    return Verdict(DocumentCheck.GENUINE, OK, country)


def signer_certificate(signer: SignerInfo, certificates: list[bytes]) -> x509.Certificate | None:
    """The certificate among `certificates` that the signer info names."""
    for raw in certificates:
        try:
            cert = x509.load_der_x509_certificate(raw)
        except ValueError:
            continue
        if signer.issuer_and_serial is not None:
            issuer_der, serial = signer.issuer_and_serial
            if cert.serial_number == serial and cert.issuer.public_bytes() == issuer_der:
                return cert
        elif signer.subject_key_id is not None:
            try:
                ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
            except x509.ExtensionNotFound:
                continue
            if ski == signer.subject_key_id:
                return cert
    return None


def issued_by(cert: x509.Certificate, ca: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def _valid_at(cert: x509.Certificate, now: datetime.datetime) -> bool:
    return cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


def _pss_parameters(algorithm: Algorithm) -> tuple[hashes.HashAlgorithm, hashes.HashAlgorithm, int]:
    """(hash, MGF1 hash, salt length) of RSASSA-PSS-params, with the RFC 4055 defaults."""
    hash_alg: hashes.HashAlgorithm = hashes.SHA1()
    mgf_hash: hashes.HashAlgorithm = hashes.SHA1()
    salt = 20
    if algorithm.parameters is not None:
        for node in der.fields(algorithm.parameters.expect(der.SEQUENCE, "RSASSA-PSS-params"), "PSS", 0, 4):
            inner = der.read_one(node.value)
            if node.tag == 0xA0:
                hash_alg = _hash(Algorithm.parse(inner, "PSS hash"))
            elif node.tag == 0xA1:
                mgf = Algorithm.parse(inner, "PSS mask generation")
                if mgf.oid != OID_MGF1 or mgf.parameters is None:
                    raise _Unsupported(f"mask generation {mgf.oid}")
                mgf_hash = _hash(Algorithm.parse(mgf.parameters, "MGF1 hash"))
            elif node.tag == 0xA2:
                salt = der.integer(inner)
    return hash_alg, mgf_hash, salt


def signature_ok(cert: x509.Certificate, algorithm: Algorithm, digest_algorithm: Algorithm,
                  signature: bytes, data: bytes) -> bool:
    key = cert.public_key()
    oid = algorithm.oid
    hash_alg: hashes.HashAlgorithm
    try:
        if oid in RSA_PKCS1:
            kind = RSA_PKCS1[oid]
            if not isinstance(key, rsa.RSAPublicKey):
                return False
            key.verify(signature, data, padding.PKCS1v15(), kind() if kind else _hash(digest_algorithm))
        elif oid == OID_RSA_PSS:
            if not isinstance(key, rsa.RSAPublicKey):
                return False
            hash_alg, mgf_hash, salt = _pss_parameters(algorithm)
            key.verify(signature, data, padding.PSS(padding.MGF1(mgf_hash), salt), hash_alg)
        elif oid in ECDSA_DER or oid in ECDSA_PLAIN:
            if not isinstance(key, ec.EllipticCurvePublicKey):
                return False
            if oid in ECDSA_PLAIN:
                half = len(signature) // 2
                if not signature or len(signature) % 2:
                    return False
                signature = encode_dss_signature(int.from_bytes(signature[:half], "big"),
                                                 int.from_bytes(signature[half:], "big"))
                hash_alg = ECDSA_PLAIN[oid]()
            else:
                kind = ECDSA_DER[oid]
                hash_alg = kind() if kind else _hash(digest_algorithm)
            key.verify(signature, data, ec.ECDSA(hash_alg))
        else:
            raise _Unsupported(f"signature {oid}")
    except InvalidSignature:
        return False
    except DerError as exc:
        raise _Unsupported(f"signature parameters ({exc})") from exc
    return True
