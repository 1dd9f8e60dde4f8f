"""The simple identity card: the card layout of this slice and the profile that reads it.

Layout (docs/cards.md has the table):
- application AID F0 45 4D 50 46 49 44 01 (proprietary: F0 = not registered; "EMPFID" v1)
- EF 0101, transparent, one BER-TLV template 7F61 holding
  84 format version (01), 80 HKID (ASCII, canonical `A123456(3)`), 81 English name (ASCII),
  82 Chinese name (UTF-8, optional), 83 date of birth (ASCII YYYYMMDD); other tags are skipped
  so later versions can add fields (the virtual card adds 53, issuer data, ~256 bytes).
"""

from __future__ import annotations

import datetime

from kiosk.domain import Identity, IdentitySource, ValidationError
from kiosk.domain.hkid import normalise

from ..pcsc import tlv
from ..pcsc.apdu import Response, read_binary, select_aid, select_ef, transmit
from ..pcsc.errors import StatusWordError
from .profile import NOT_THIS_CARD_SW, Card, CardDataError, NotThisCard

AID = bytes.fromhex("F0454D5046494401")
EF_IDENTITY = 0x0101
TAG_TEMPLATE = 0x7F61
TAG_HKID = 0x80
TAG_NAME_EN = 0x81
TAG_NAME_ZH = 0x82
TAG_DATE_OF_BIRTH = 0x83
TAG_VERSION = 0x84
TAG_ISSUER_DATA = 0x53
FORMAT_VERSION = 1

# Most readers and cards take 0xDF-byte reads (the largest that still fits secure messaging
# later); a file is read in chunks of at most this.
READ_CHUNK = 0xDF
MAX_FILE = 4096
MAX_READS = MAX_FILE // 16  # a card answering a few bytes per read cannot keep us forever
MAX_NAME = 120

SW_END_OF_FILE = 0x6282  # fewer bytes than asked: end of file reached
SW_OFFSET_BEYOND_END = 0x6B00
SW_FILE_NOT_FOUND = 0x6A82


class SimpleIdentityProfile:
    name = "simple-identity"

    def matches(self, atr: bytes) -> bool:
        # Issuers change historical bytes between batches; SELECT by AID is the real test.
        return True

    def read(self, card: Card) -> Identity:
        response = transmit(card, select_aid(AID))
        if response.sw in NOT_THIS_CARD_SW:
            raise NotThisCard(f"SELECT AID: SW {response.sw:04X}")
        _require_ok("SELECT AID", response)
        response = transmit(card, select_ef(EF_IDENTITY))
        if response.sw == SW_FILE_NOT_FOUND:
            raise CardDataError(f"identity file {EF_IDENTITY:04X} not found")
        _require_ok(f"SELECT EF {EF_IDENTITY:04X}", response)
        return decode(read_file(card), card.reader)


def _require_ok(what: str, response: Response) -> None:
    if not response.ok:
        raise StatusWordError(what, response.sw)


def _read_chunk(card: Card, offset: int, ne: int) -> bytes:
    response = transmit(card, read_binary(offset, ne))
    if response.sw == SW_OFFSET_BEYOND_END:
        raise CardDataError(f"file ends before offset {offset} its TLV header promises")
    if response.sw != SW_END_OF_FILE:
        _require_ok(f"READ BINARY at {offset}", response)
    if not response.data or len(response.data) > ne:
        raise CardDataError(f"READ BINARY at {offset}: {len(response.data)} bytes for {ne} asked")
    return response.data


def read_file(card: Card) -> bytes:
    """The identity template: its header from the first chunk says how much more to read."""
    data = bytearray(_read_chunk(card, 0, READ_CHUNK))
    try:
        header = tlv.read_header(bytes(data), max_length=MAX_FILE)
    except tlv.TlvError as exc:
        raise CardDataError(f"identity file header: {exc}") from exc
    if header.tag != TAG_TEMPLATE:
        raise CardDataError(f"identity file starts with tag {header.tag:X}, expected {TAG_TEMPLATE:X}")
    total = header.size + header.length
    if total > MAX_FILE:
        raise CardDataError(f"identity template of {total} bytes exceeds {MAX_FILE}")
    for _ in range(MAX_READS):
        if len(data) >= total:
            return bytes(data[:total])
        data += _read_chunk(card, len(data), min(READ_CHUNK, total - len(data)))
    raise CardDataError(f"identity file not complete after {MAX_READS} reads")


def decode(raw: bytes, reader: str) -> Identity:
    """The identity in an EF 0101 template. CardDataError names the bad field, not its value."""
    try:
        template = tlv.parse_one(raw, max_length=MAX_FILE)
        if template.tag != TAG_TEMPLATE:
            raise CardDataError(f"template tag {template.tag:X}, expected {TAG_TEMPLATE:X}")
        fields = tlv.index(template.children(max_length=MAX_FILE))
    except tlv.TlvError as exc:
        raise CardDataError(f"identity file: {exc}") from exc
    version = _required(fields, TAG_VERSION, "format version")
    if version != bytes([FORMAT_VERSION]):
        raise CardDataError(f"format version {version.hex()} not supported")
    try:
        hkid = normalise(_ascii(_required(fields, TAG_HKID, "HKID"), "HKID"))
    except ValidationError as exc:
        raise CardDataError(f"HKID on card rejected: {exc.code}") from exc
    name_en = _ascii(_required(fields, TAG_NAME_EN, "English name"), "English name").strip()
    name_zh = _utf8(fields[TAG_NAME_ZH].value, "Chinese name").strip() if TAG_NAME_ZH in fields else ""
    if not name_en:
        raise CardDataError("English name is empty")
    date_of_birth = _date(_required(fields, TAG_DATE_OF_BIRTH, "date of birth"))
    return Identity(
        hkid=hkid,
        name_en=name_en,
        name_zh=name_zh,
        date_of_birth=date_of_birth,
        source=IdentitySource.CARD,
        reader=reader,
    )


def _required(fields: dict[int, tlv.Tlv], tag: int, what: str) -> bytes:
    if tag not in fields:
        raise CardDataError(f"{what} (tag {tag:X}) missing")
    return fields[tag].value


def _ascii(value: bytes, what: str) -> str:
    if len(value) > MAX_NAME or any(not 0x20 <= b < 0x7F for b in value):
        raise CardDataError(f"{what}: {len(value)} bytes, not printable ASCII within {MAX_NAME}")
    return value.decode("ascii")


def _utf8(value: bytes, what: str) -> str:
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CardDataError(f"{what}: not UTF-8 at byte {exc.start}") from exc
    if len(text) > MAX_NAME or any(not ch.isprintable() for ch in text):
        raise CardDataError(f"{what}: {len(value)} bytes, not printable text within {MAX_NAME}")
    return text


def _date(value: bytes) -> str:
    text = value.decode("ascii", errors="replace")
    if len(value) != 8 or not text.isdigit():
        raise CardDataError(f"date of birth: {len(value)} bytes, expected YYYYMMDD")
    try:
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError as exc:
        raise CardDataError("date of birth is not a calendar date") from exc
