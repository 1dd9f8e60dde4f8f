"""ICAO CSCA master lists (ICAO 9303-12, 9): a CMS SignedData whose content (eContentType
id-icao-cscaMasterList, 2.23.136.1.1.2) is CscaMasterList ::= SEQUENCE { version INTEGER,
certList SET OF Certificate }, signed by a master list signer (MLS).

Importing one into the trust store folder: the list's signature must verify with its MLS
certificate, and that certificate must be one the operator names (`--signer FILE`), or be issued
by it (a CSCA that issues its country's MLS certificates), and be valid today. Only then are the
CA certificates in the list written into the folder, one PEM file each, named by country and
fingerprint so a second import of the same list adds nothing.
"""

from __future__ import annotations

import datetime
import hmac
import logging
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from . import der, passive_auth, sod
from .der import DerError
from .trust_store import country_of

log = logging.getLogger(__name__)

OID_CSCA_MASTER_LIST = "2.23.136.1.1.2"
MAX_MASTER_LIST_BYTES = 4 * 1024 * 1024
MAX_CERTIFICATES = 5000


class MasterListError(ValueError):
    """The file is not a master list, or its signature or signer is not acceptable."""


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)  # file names written
    present: int = 0  # already in the folder
    skipped: int = 0  # not CA certificates, or unreadable entries


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def verify(raw: bytes, signers: list[x509.Certificate], now: datetime.datetime) -> list[bytes]:
    """The DER certificates of a master list whose signature and signer check out."""
    if len(raw) > MAX_MASTER_LIST_BYTES:
        raise MasterListError(f"{len(raw)} bytes, limit {MAX_MASTER_LIST_BYTES}")
    try:
        signed = sod.parse_signed_data(raw)
    except DerError as exc:
        raise MasterListError(f"not a CMS SignedData: {exc}") from exc
    if signed.content_type != OID_CSCA_MASTER_LIST:
        raise MasterListError(f"content type {signed.content_type} is not a CSCA master list")
    signer = signed.signer
    try:
        content_types = signer.signed_attributes.get(sod.OID_CONTENT_TYPE, [])
        digests = signer.signed_attributes.get(sod.OID_MESSAGE_DIGEST, [])
        if len(content_types) != 1 or der.oid(content_types[0]) != OID_CSCA_MASTER_LIST:
            raise MasterListError("the signed content type is not a CSCA master list")
        if len(digests) != 1 or not hmac.compare_digest(
                der.octets(digests[0]), passive_auth.digest(signer.digest_algorithm, signed.content)):
            raise MasterListError("the signed digest does not match the list")
    except DerError as exc:
        raise MasterListError(f"signed attributes: {exc}") from exc
    mls = passive_auth.signer_certificate(signer, signed.certificates)
    if mls is None:
        raise MasterListError("the master list carries no certificate for its signer")
    try:
        ok = passive_auth.signature_ok(mls, signer.signature_algorithm, signer.digest_algorithm,
                                       signer.signature, signer.signed_attributes_der)
    except Exception as exc:  # an algorithm this kiosk does not know: not acceptable either
        raise MasterListError(f"signature not checkable: {exc.__class__.__name__}") from exc
    if not ok:
        raise MasterListError("the master list's signature does not verify")
    if not any(mls == anchor or passive_auth.issued_by(mls, anchor) for anchor in signers):
        raise MasterListError("the master list signer is not the given signer certificate nor issued by it")
    if not mls.not_valid_before_utc <= now <= mls.not_valid_after_utc:
        raise MasterListError("the master list signer certificate is not valid today")
    return _certificates(signed.content)


def _certificates(content: bytes) -> list[bytes]:
    try:
        version, cert_list = der.fields(der.read_one(content).expect(der.SEQUENCE, "CscaMasterList"),
                                        "CscaMasterList", 2, 2)
        der.integer(version)
        entries = cert_list.expect(der.SET, "certList").children()
    except DerError as exc:
        raise MasterListError(f"CscaMasterList: {exc}") from exc
    if len(entries) > MAX_CERTIFICATES:
        raise MasterListError(f"{len(entries)} certificates, limit {MAX_CERTIFICATES}")
    return [entry.raw for entry in entries]


def import_into(folder: Path, raw: bytes, signers: list[x509.Certificate],
                now: datetime.datetime | None = None) -> ImportResult:
    """Verify the master list `raw`, then write its CA certificates into the trust store `folder`."""
    certificates = verify(raw, signers, now or datetime.datetime.now(datetime.UTC))
    result = ImportResult()
    folder.mkdir(parents=True, exist_ok=True)
    for entry in certificates:
        try:
            cert = x509.load_der_x509_certificate(entry)
        except ValueError:
            result.skipped += 1
            continue
        if not _is_ca(cert):
            result.skipped += 1
            continue
        name = f"ml-{country_of(cert.subject).lower() or 'xx'}-{cert.fingerprint(hashes.SHA256()).hex()[:16]}.pem"
        path = folder / name
        if path.exists():
            result.present += 1
            continue
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        tmp.replace(path)  # the folder store never sees half a file
        result.added.append(name)
    log.info("master list: %d CSCA certificates added, %d present, %d skipped",
             len(result.added), result.present, result.skipped)
    return result


def load_signers(path: Path) -> list[x509.Certificate]:
    """The master list signer certificate(s) or the CSCA that issued them, PEM or DER."""
    data = path.read_bytes()
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]
