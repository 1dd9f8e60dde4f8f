"""A virtual staff card and the operator's staff CA that issues it (tests and the demo).

The CA and the card keys are generated at run time with `cryptography`; the names say they are not
real. Variants: an expired certificate, a certificate from a CA the kiosk does not trust, and a
card whose key does not match its certificate (a copied certificate).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ..cards.staff import layout
from .applet import (
    SW_CLA_NOT_SUPPORTED,
    SW_FILE_NOT_FOUND,
    SW_INS_NOT_SUPPORTED,
    SW_NO_CURRENT_EF,
    SW_OK,
    SW_SECURITY_NOT_SATISFIED,
    SW_WRONG_DATA,
    SW_WRONG_LENGTH,
    SW_WRONG_P1P2,
    atr_with_tck,
    parse_command,
    read_binary,
)

STAFF_ATR = atr_with_tck(b"\x80\x56EMPFST\x82\x90\x00")
SW_BLOCKED = b"\x69\x83"
DAY = datetime.timedelta(days=1)
DEMO_PIN = "246810"  # fictional demo PIN; real cards get theirs from the card office


class StaffCa:
    """The operator's staff CA (fictional)."""

    def __init__(self, name: str = "empf-kiosk test staff CA (not real)") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "empf-kiosk test operator"),
                             x509.NameAttribute(NameOID.COMMON_NAME, name)])
        self.certificate = (
            x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - DAY).not_valid_after(now + 5 * 365 * DAY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(self.key, hashes.SHA256())
        )

    def install(self, folder: Path, name: str = "staff-ca.pem") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))
        return path

    def issue(self, staff_id: str, role: str, shop: str, public_key: ec.EllipticCurvePublicKey, *,
              expired: bool = False) -> x509.Certificate:
        now = datetime.datetime.now(datetime.UTC)
        not_before, not_after = (now - 400 * DAY, now - 30 * DAY) if expired else (now - DAY, now + 365 * DAY)
        subject = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "empf-kiosk test operator"),
            x509.NameAttribute(layout.SHOP_ATTRIBUTE, shop),
            x509.NameAttribute(layout.ROLE_ATTRIBUTE, role),
            x509.NameAttribute(layout.STAFF_ID_ATTRIBUTE, staff_id),
        ])
        return (
            x509.CertificateBuilder().subject_name(subject).issuer_name(self.certificate.subject)
            .public_key(public_key).serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .sign(self.key, hashes.SHA256())
        )

    def card(self, staff_id: str = "S0042", role: str = "staff", shop: str = "SHOP-001", pin: str = DEMO_PIN,
             *, expired: bool = False, tries: int = 8, copied_from: StaffCardApplet | None = None) -> StaffCardApplet:
        """A new card. `copied_from` puts that card's certificate on a card with another key."""
        key = ec.generate_private_key(ec.SECP256R1())
        if copied_from is not None:
            return StaffCardApplet(copied_from.certificate, key, pin, tries)
        return StaffCardApplet(self.issue(staff_id, role, shop, key.public_key(), expired=expired), key, pin, tries)


@dataclass
class StaffCardApplet:
    """The card: the certificate file, the PIN with its try counter, the signing key."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    pin: str
    tries: int = 8
    atr: bytes = STAFF_ATR
    commands: list[int] = field(default_factory=list)
    tries_left: int = 0
    verified: bool = False
    _selected: bool = False
    _file: bool = False

    def __post_init__(self) -> None:
        self.tries_left = self.tries
        self._certificate_der = self.certificate.public_bytes(serialization.Encoding.DER)

    def reset(self) -> None:
        self.verified = False
        self._selected = False
        self._file = False

    def process(self, apdu: bytes) -> bytes:
        cmd = parse_command(apdu)
        if cmd is None:
            return SW_WRONG_LENGTH
        self.commands.append(cmd.ins)
        if cmd.cla != 0x00:
            return SW_CLA_NOT_SUPPORTED
        if cmd.ins == 0xA4:
            if cmd.p1 == 0x04:
                self._selected = cmd.data == layout.AID
                self._file = False
                self.verified = False
                return SW_OK if self._selected else SW_FILE_NOT_FOUND
            if cmd.p1 == 0x02 and self._selected and cmd.data == layout.EF_CERTIFICATE.to_bytes(2, "big"):
                self._file = True
                return SW_OK
            return SW_FILE_NOT_FOUND
        if not self._selected:
            return SW_INS_NOT_SUPPORTED
        if cmd.ins == 0xB0:
            if not self._file:
                return SW_NO_CURRENT_EF
            piece, sw = read_binary(self._certificate_der, cmd)
            return piece + sw
        if cmd.ins == layout.INS_VERIFY:
            return self._verify(cmd.p2, cmd.data)
        if cmd.ins == layout.INS_INTERNAL_AUTHENTICATE:
            if not self.verified:
                return SW_SECURITY_NOT_SATISFIED
            if len(cmd.data) != layout.CHALLENGE_BYTES:
                return SW_WRONG_DATA
            return self.key.sign(layout.signed_message(cmd.data), ec.ECDSA(hashes.SHA256())) + SW_OK
        return SW_INS_NOT_SUPPORTED

    def _verify(self, reference: int, data: bytes) -> bytes:
        if reference != layout.PIN_REFERENCE:
            return SW_WRONG_P1P2
        if self.tries_left == 0:
            return SW_BLOCKED
        if not data:
            return SW_OK if self.verified else bytes([0x63, 0xC0 | self.tries_left])
        # Compare digests so the time does not depend on how much of the PIN was right.
        if hashlib.sha256(data).digest() == hashlib.sha256(self.pin.encode("ascii")).digest():
            self.tries_left = self.tries
            self.verified = True
            return SW_OK
        self.tries_left -= 1
        self.verified = False
        return bytes([0x63, 0xC0 | self.tries_left])
