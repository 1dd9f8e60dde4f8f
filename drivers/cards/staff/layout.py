"""The staff card: what is on it and how the kiosk talks to it.

- application: AID `F0 45 4D 50 46 53 54 01` (proprietary: "EMPFST" v1);
- EF `0102`: the staff certificate (X.509, DER), readable without the PIN;
- VERIFY `00 20 00 81` + the PIN in ASCII digits (6-12): `9000`, `63Cx` (x tries left), `6983`
  (blocked); without data it reports the tries left, or `9000` when already verified;
- INTERNAL AUTHENTICATE `00 88 00 00 20` + a 32-byte challenge + `00`, only after VERIFY: the card
  signs `EMPF-STAFF-AUTH-V1` + challenge with its private key (ECDSA P-256 with SHA-256, DER).

The certificate's subject: CN = staff number, OU = shop code, title (2.5.4.12) = `staff` or
`technician`; issued by the operator's staff CA; key usage digitalSignature.
"""

from __future__ import annotations

from cryptography.x509.oid import NameOID

AID = bytes.fromhex("F0454D5046535401")
EF_CERTIFICATE = 0x0102
INS_VERIFY = 0x20
INS_INTERNAL_AUTHENTICATE = 0x88
PIN_REFERENCE = 0x81  # a specific (application) PIN
CHALLENGE_BYTES = 32
DOMAIN = b"EMPF-STAFF-AUTH-V1"  # the card signs only this kind of message: not a general signing oracle
MAX_CERTIFICATE = 4096
SW_BLOCKED = 0x6983
SW_SECURITY_NOT_SATISFIED = 0x6982
ROLE_ATTRIBUTE = NameOID.TITLE
SHOP_ATTRIBUTE = NameOID.ORGANIZATIONAL_UNIT_NAME
STAFF_ID_ATTRIBUTE = NameOID.COMMON_NAME


def signed_message(challenge: bytes) -> bytes:
    """What the card signs for `challenge` (both sides build it the same way)."""
    return DOMAIN + challenge


def encode_pin(pin: str) -> bytes:
    return pin.encode("ascii")
