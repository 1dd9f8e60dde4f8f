"""A throwaway country PKI for the virtual ePassports: a CSCA, a document signer, and the SOD
the signer makes over the data groups. Generated at run time with `cryptography`; nothing here
is a real country's key, and the names say so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from ..cards.emrtd import der
from ..cards.emrtd.passive_auth import OID_RSA_PSS
from ..cards.emrtd.sod import (
    OID_CONTENT_TYPE,
    OID_LDS_SECURITY_OBJECT,
    OID_MESSAGE_DIGEST,
    OID_SIGNED_DATA,
    TAG_SOD,
)

KeyKind = Literal["ec", "rsa"]
Signature = Literal["ecdsa", "rsa-pkcs1", "rsa-pss"]
PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

OID_SHA256 = "2.16.840.1.101.3.4.2.1"
OID_ECDSA_SHA256 = "1.2.840.10045.4.3.2"
OID_RSA_SHA256 = "1.2.840.113549.1.1.11"
OID_MGF1 = "1.2.840.113549.1.1.8"
OID_CSCA_MASTER_LIST = "2.23.136.1.1.2"
DAY = datetime.timedelta(days=1)


def _key(kind: KeyKind) -> PrivateKey:
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def _name(country: str, common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, country),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "empf-kiosk test PKI (not a real country)"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _sign_certificate(builder: x509.CertificateBuilder, key: PrivateKey) -> x509.Certificate:
    return builder.sign(key, hashes.SHA256())


@dataclass
class CountryPki:
    """One fictional country's CSCA and a document signer it issued."""

    country: str
    csca_key: PrivateKey
    csca: x509.Certificate
    ds_key: PrivateKey
    ds: x509.Certificate
    signature: Signature = "ecdsa"
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def generate(
        cls,
        country: str = "CN",
        *,
        key: KeyKind = "ec",
        signature: Signature | None = None,
        now: datetime.datetime | None = None,
        ds_expired: bool = False,
        issued_by: CountryPki | None = None,
    ) -> CountryPki:
        """A CSCA valid for 10 years around `now` and a DS valid for 3 (or one that expired a
        year ago). `issued_by` makes the DS under another PKI's CSCA while naming this one's
        (an untrusted signer pretending to belong to `country`)."""
        now = now or datetime.datetime.now(datetime.UTC)
        csca_key = _key(key)
        csca_name = _name(country, f"Test CSCA {country}")
        csca = _sign_certificate(
            x509.CertificateBuilder()
            .subject_name(csca_name).issuer_name(csca_name)
            .public_key(csca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - 365 * DAY).not_valid_after(now + 10 * 365 * DAY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True),
            csca_key,
        )
        ds_key = _key(key)
        if ds_expired:
            not_before, not_after = now - 4 * 365 * DAY, now - 365 * DAY
        else:
            not_before, not_after = now - 30 * DAY, now + 3 * 365 * DAY
        signer_key = issued_by.csca_key if issued_by is not None else csca_key
        ds = _sign_certificate(
            x509.CertificateBuilder()
            .subject_name(_name(country, f"Test Document Signer {country}"))
            .issuer_name(csca_name)
            .public_key(ds_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True),
            signer_key,
        )
        chosen: Signature = signature or ("ecdsa" if key == "ec" else "rsa-pkcs1")
        return cls(country, csca_key, csca, ds_key, ds, chosen)

    def csca_pem(self) -> bytes:
        return self.csca.public_bytes(serialization.Encoding.PEM)

    def install(self, folder: Path, name: str | None = None) -> Path:
        """Write the CSCA into a trust-store folder, as an operator would."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (name or f"csca-{self.country.lower()}.pem")
        path.write_bytes(self.csca_pem())
        return path

    def issue(self, common_name: str, *, ca: bool = False) -> tuple[PrivateKey, x509.Certificate]:
        """A key and a certificate this CSCA issues (e.g. a master list signer)."""
        key = _key("ec")
        now = datetime.datetime.now(datetime.UTC)
        builder = (x509.CertificateBuilder()
                   .subject_name(_name(self.country, common_name)).issuer_name(self.csca.subject)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - DAY).not_valid_after(now + 365 * DAY)
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        return key, _sign_certificate(builder, self.csca_key)

    def crl(self, revoked: list[x509.Certificate]) -> bytes:
        """A CRL by this CSCA listing `revoked` (PEM)."""
        now = datetime.datetime.now(datetime.UTC)
        builder = (x509.CertificateRevocationListBuilder().issuer_name(self.csca.subject)
                   .last_update(now - DAY).next_update(now + 30 * DAY))
        for cert in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(cert.serial_number).revocation_date(now - DAY).build())
        return builder.sign(self.csca_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)

    def sign_sod(self, data_groups: dict[int, bytes]) -> bytes:
        """EF.SOD over `data_groups` (number -> file content)."""
        return build_sod(data_groups, self.ds_key, self.ds, self.signature)


def _sha256(data: bytes) -> bytes:
    h = hashes.Hash(hashes.SHA256())
    h.update(data)
    return h.finalize()


def lds_security_object(data_groups: dict[int, bytes]) -> bytes:
    entries = [der.seq(der.enc_int(n), der.enc_octets(_sha256(content))) for n, content in sorted(data_groups.items())]
    return der.seq(der.enc_int(0), der.algorithm(OID_SHA256), der.seq(*entries))


def _signature_algorithm(kind: Signature) -> bytes:
    if kind == "ecdsa":
        return der.algorithm(OID_ECDSA_SHA256)
    if kind == "rsa-pkcs1":
        return der.algorithm(OID_RSA_SHA256, der.encode(der.NULL, b""))
    sha256 = der.algorithm(OID_SHA256)
    params = der.seq(der.explicit(0, sha256), der.explicit(1, der.algorithm(OID_MGF1, sha256)),
                     der.explicit(2, der.enc_int(32)))
    return der.algorithm(OID_RSA_PSS, params)


def _sign(key: PrivateKey, kind: Signature, data: bytes) -> bytes:
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256()))
    if kind == "rsa-pss":
        return key.sign(data, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256())
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def build_sod(data_groups: dict[int, bytes], key: PrivateKey, cert: x509.Certificate, kind: Signature) -> bytes:
    """A CMS SignedData as ICAO 9303-10 lays it out, wrapped in tag 77."""
    return der.encode(TAG_SOD, build_signed_data(OID_LDS_SECURITY_OBJECT, lds_security_object(data_groups),
                                                 key, cert, kind))


def build_master_list(cscas: list[x509.Certificate], key: PrivateKey, cert: x509.Certificate,
                      kind: Signature = "ecdsa") -> bytes:
    """An ICAO CSCA master list (ICAO 9303-12): CscaMasterList in a SignedData by `cert`."""
    content = der.seq(der.enc_int(0), der.set_of(*(c.public_bytes(serialization.Encoding.DER) for c in cscas)))
    return build_signed_data(OID_CSCA_MASTER_LIST, content, key, cert, kind)


def build_signed_data(content_type: str, content: bytes, key: PrivateKey, cert: x509.Certificate,
                      kind: Signature) -> bytes:
    """A ContentInfo with a SignedData over `content` by one signer whose certificate it carries."""
    attributes = [
        der.seq(der.enc_oid(OID_CONTENT_TYPE), der.set_of(der.enc_oid(content_type))),
        der.seq(der.enc_oid(OID_MESSAGE_DIGEST), der.set_of(der.enc_octets(_sha256(content)))),
    ]
    signed = der.set_of(*attributes)
    signature = _sign(key, kind, signed)
    issuer_and_serial = der.seq(cert.issuer.public_bytes(), der.enc_int(cert.serial_number))
    signer_info = der.seq(
        der.enc_int(1), issuer_and_serial, der.algorithm(OID_SHA256),
        der.encode(0xA0, b"".join(sorted(attributes))),
        _signature_algorithm(kind), der.enc_octets(signature),
    )
    signed_data = der.seq(
        der.enc_int(3),
        der.set_of(der.algorithm(OID_SHA256)),
        der.seq(der.enc_oid(content_type), der.explicit(0, der.enc_octets(content))),
        der.encode(0xA0, cert.public_bytes(serialization.Encoding.DER)),
        der.set_of(signer_info),
    )
    return der.seq(der.enc_oid(OID_SIGNED_DATA), der.explicit(0, signed_data))
