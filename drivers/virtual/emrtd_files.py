"""The printed data page of the virtual ePassports and the files made from it: the holder, the
TD3 machine readable zone with its check digits, EF.COM, DG1 and a made-up DG2. Fictional people only.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.mrz import FILLER, check_digit

from ..cards.emrtd import lds
from ..pcsc.tlv import encode


@dataclass(frozen=True)
class PassportHolder:
    """What the data page says. Fictional people only."""

    surname: str = "CHAN"
    given_names: str = "TAI MAN"
    document_number: str = "K12345678"
    issuing_state: str = "CHN"
    nationality: str = "CHN"
    date_of_birth: str = "700101"  # YYMMDD
    sex: str = "M"
    date_of_expiry: str = "340101"  # YYMMDD
    personal_number: str = "A1234563"  # HKSAR passports carry the HKID here (A123456(3), fictional)
    document_code: str = "P"


DEMO_PASSPORT = PassportHolder()


def _field(text: str, width: int) -> str:
    return text.replace(" ", FILLER)[:width].ljust(width, FILLER)


def td3(holder: PassportHolder) -> str:
    """The two 44-character lines of a passport MRZ, check digits computed."""
    name = _field(f"{holder.surname}<<{holder.given_names}", 39)
    line1 = _field(holder.document_code, 2) + _field(holder.issuing_state, 3) + name
    number = _field(holder.document_number, 9)
    personal = _field(holder.personal_number, 14)
    personal_check = check_digit(personal) if holder.personal_number else FILLER
    line2 = (number + check_digit(number) + _field(holder.nationality, 3)
             + holder.date_of_birth + check_digit(holder.date_of_birth) + holder.sex
             + holder.date_of_expiry + check_digit(holder.date_of_expiry) + personal + personal_check)
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return line1 + line2 + check_digit(composite)


def ef_com(groups: tuple[int, ...] = (1, 2)) -> bytes:
    tags = bytes(tag for tag, number in lds.DG_TAGS.items() if number in groups)
    return encode(lds.TAG_COM, encode(lds.TAG_LDS_VERSION, b"0107") + encode(lds.TAG_UNICODE_VERSION, b"040000")
                  + encode(lds.TAG_TAG_LIST, tags))


def dg1(mrz: str) -> bytes:
    return encode(lds.TAG_DG1, encode(lds.TAG_MRZ, mrz.encode("ascii")))


def dg2(size: int = 2048) -> bytes:
    """A structurally plausible face data group with a made-up image (no one's photo)."""
    image = (b"\xff\xd8\xff\xe0" + bytes(range(256)) * (size // 256 + 1))[:size]
    biometric = encode(0x7F60, encode(0xA1, encode(0x80, b"\x01\x01")) + encode(0x5F2E, image))
    return encode(lds.TAG_DG2, encode(0x7F61, encode(0x02, b"\x01") + biometric))
