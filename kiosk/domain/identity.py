"""Who the member is, as the kiosk learned it (card read or typed and checked)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from . import hkid


class IdentitySource(str, Enum):
    CARD = "card"  # read from a chip through PC/SC
    TYPED = "typed"  # typed by the member, check character verified
    IAMSMART = "iamsmart"  # given by iAM Smart after the member agreed on their phone


class DocumentCheck(str, Enum):
    """The verdict of passive authentication (ICAO 9303-11) on a chip's data."""

    NOT_CHECKED = "not_checked"  # typed, or a card that carries no signature
    GENUINE = "genuine"  # signed by a trusted country signing CA; the data read is unaltered
    NOT_VERIFIABLE = "not_verifiable"  # no CSCA for that country installed, expired certificate...
    FORGED = "forged"  # altered data, a bad signature, or a signer the country's CSCA never issued


@dataclass(frozen=True)
class TravelDocument:
    """What the chip of an ePassport or ICAO ID card says about the document itself."""

    kind: str  # MRZ document code: P, PA, I, ID...
    number: str
    issuing_state: str  # ICAO three-letter code, e.g. CHN for HKSAR passports
    nationality: str = ""
    sex: str = ""
    date_of_expiry: str = ""  # ISO date
    check: DocumentCheck = DocumentCheck.NOT_CHECKED
    check_reason: str = ""  # short code for technicians, e.g. no_csca, certificate_expired

    def __repr__(self) -> str:  # the number identifies a person
        return f"TravelDocument({self.kind}, {self.issuing_state}, check={self.check.value})"

    __str__ = __repr__


@dataclass(frozen=True)
class Identity:
    hkid: str  # canonical, e.g. A123456(3)
    name_en: str = ""
    name_zh: str = ""
    date_of_birth: str = ""  # ISO date, may be empty when typed
    source: IdentitySource = IdentitySource.TYPED
    reader: str = ""  # the PC/SC reader it came from, when read from a card
    document: TravelDocument | None = None  # read from an ICAO 9303 chip (ePassport, ID card)
    # The staff number of the staff member who confirmed they saw the member's HKID card for a
    # typed number (staff-assisted identification); sent to the platform as member.verified_by_staff.
    verified_by_staff: str = ""

    def __post_init__(self) -> None:
        # Names in Unicode NFC, as the text policy has every text (kiosk/domain/text_policy.py): the
        # platform refuses other spellings, and a card or iAM Smart may give a decomposed one.
        for name in ("name_en", "name_zh"):
            value = getattr(self, name)
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                object.__setattr__(self, name, unicodedata.normalize("NFC", value))

    @property
    def document_check(self) -> DocumentCheck:
        return self.document.check if self.document is not None else DocumentCheck.NOT_CHECKED

    @property
    def masked_hkid(self) -> str:
        return hkid.mask(self.hkid)

    @property
    def masked_name_en(self) -> str:
        return mask_name(self.name_en)

    def member_key(self, salt: bytes) -> str:
        """A stable pseudonym for ordering one member's instructions without storing the HKID."""
        import hashlib  # here, not at start-up: it loads OpenSSL (~3 ms) before the first paint

        return hashlib.sha256(salt + self.hkid.encode()).hexdigest()[:32]

    def __repr__(self) -> str:  # never print personal data by accident
        return f"Identity(hkid={self.masked_hkid}, source={self.source.value})"

    __str__ = __repr__


def mask_name(name: str) -> str:
    """`CHAN TAI MAN` -> `CHAN T** M**`: enough for the member to recognise, little for onlookers."""
    parts = name.split()
    if not parts:
        return ""
    return " ".join([parts[0]] + [p[0] + "*" * (len(p) - 1) for p in parts[1:]])
