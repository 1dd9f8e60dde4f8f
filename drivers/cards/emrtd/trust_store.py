"""The CSCA trust store: the country signing CA certificates the operator installs in a folder.

Each country's CSCA certifies its document signers; a document is genuine only when its signer
chains to a CSCA in this folder. Files: `*.pem`, `*.crt`, `*.cer` (PEM, several certificates per
file allowed) and `*.der`; certificate revocation lists as `*.crl` (PEM or DER). A CRL counts only
for the CSCA that signed it; a document signer it lists is revoked. The folder is re-read when its
listing or a file's modification time changes, so installing a certificate or CRL needs no
restart. Files that are not certificates or CRLs, or certificates that are not CAs, are skipped
and logged by file name only. `kiosk csca import` adds the CSCAs of an ICAO master list here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID

log = logging.getLogger(__name__)

CRL_SUFFIX = ".crl"
SUFFIXES = (".pem", ".crt", ".cer", ".der", CRL_SUFFIX)
MAX_FILE_BYTES = 1024 * 1024  # an ICAO master list of every country is ~1 MB; one CSCA is ~1-2 KB
MAX_FILES = 2000


def country_of(name: x509.Name) -> str:
    """The C attribute of a distinguished name, upper case; "" when absent."""
    values = name.get_attributes_for_oid(NameOID.COUNTRY_NAME)
    return str(values[0].value).upper() if values else ""


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def load_file(path: Path) -> list[x509.Certificate]:
    """The certificates in one file; ValueError when it holds none."""
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{len(data)} bytes, limit {MAX_FILE_BYTES}")
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def load_crl(path: Path) -> x509.CertificateRevocationList:
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{len(data)} bytes, limit {MAX_FILE_BYTES}")
    if b"-----BEGIN X509 CRL-----" in data:
        return x509.load_pem_x509_crl(data)
    return x509.load_der_x509_crl(data)


class CscaTrustStore:
    """CSCA certificates by country, and CRLs. Build from certificates, or with `FolderTrustStore`."""

    def __init__(self, certificates: Iterable[x509.Certificate] = (),
                 crls: Iterable[x509.CertificateRevocationList] = ()) -> None:
        self._by_country: dict[str, list[x509.Certificate]] = {}
        self._crls: list[x509.CertificateRevocationList] = list(crls)
        for cert in certificates:
            self.add(cert)

    def add_crl(self, crl: x509.CertificateRevocationList) -> None:
        self._crls.append(crl)

    def revoked(self, cert: x509.Certificate, issuer: x509.Certificate) -> bool:
        """Does a CRL that `issuer` signed list `cert`? CRLs with another issuer, or whose signature
        does not verify with `issuer`'s key, are not consulted."""
        for crl in self._crls:
            if crl.issuer != issuer.subject:
                continue
            try:
                if not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
                    continue
            except (TypeError, ValueError):
                continue
            if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
                return True
        return False

    def add(self, cert: x509.Certificate) -> None:
        self._by_country.setdefault(country_of(cert.subject), []).append(cert)

    def countries(self) -> set[str]:
        return {c for c, certs in self._by_country.items() if certs}

    def all(self) -> list[x509.Certificate]:
        return [cert for certs in self._by_country.values() for cert in certs]

    def for_country(self, country: str) -> list[x509.Certificate]:
        return list(self._by_country.get(country.upper(), []))

    def __len__(self) -> int:
        return sum(len(certs) for certs in self._by_country.values())


class FolderTrustStore:
    """A `CscaTrustStore` kept in step with a folder (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._signature: tuple[tuple[str, int, int], ...] | None = None
        self._store = CscaTrustStore()
        self.skipped: list[str] = []  # file names not loaded, for `kiosk doctor`

    def _listing(self) -> tuple[tuple[str, int, int], ...]:
        try:
            entries = sorted(p for p in self.folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        except OSError:
            return ()
        return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in entries[:MAX_FILES])

    def current(self) -> CscaTrustStore:
        """The store as the folder is now (re-read only when something changed)."""
        with self._lock:
            listing = self._listing()
            if listing != self._signature:
                self._store, self.skipped = self._load(listing)
                self._signature = listing
                log.info("CSCA trust store %s: %d certificates for %d countries, %d files skipped",
                         self.folder, len(self._store), len(self._store.countries()), len(self.skipped))
            return self._store

    def _load(self, listing: tuple[tuple[str, int, int], ...]) -> tuple[CscaTrustStore, list[str]]:
        store = CscaTrustStore()
        skipped: list[str] = []
        for name, _mtime, _size in listing:
            if name.lower().endswith(CRL_SUFFIX):
                try:
                    store.add_crl(load_crl(self.folder / name))
                except (OSError, ValueError) as exc:
                    log.warning("CSCA trust store: %s skipped (%s)", name, exc.__class__.__name__)
                    skipped.append(name)
                continue
            try:
                certs = load_file(self.folder / name)
            except (OSError, ValueError) as exc:
                log.warning("CSCA trust store: %s skipped (%s)", name, exc.__class__.__name__)
                skipped.append(name)
                continue
            for cert in certs:
                if _is_ca(cert):
                    store.add(cert)
                else:
                    log.warning("CSCA trust store: a certificate in %s is not a CA; skipped", name)
                    skipped.append(name)
        return store, skipped
