"""The logical data structure of an eMRTD application (ICAO 9303-10): which files, their tags,
and reading them through secure messaging with bounded READ BINARY calls."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain import ValidationError
from kiosk.domain import mrz as mrz_rules

from ...pcsc import tlv
from ...pcsc.apdu import Response, Transport, read_binary, select_ef, transmit
from ...pcsc.errors import StatusWordError
from ..profile import CardDataError

AID = bytes.fromhex("A0000002471001")  # the eMRTD LDS1 application
EF_COM = 0x011E
EF_SOD = 0x011D
EF_CARD_ACCESS = 0x011C  # PACE parameters, in the master file, readable without authentication
DG_FILES = {1: 0x0101, 2: 0x0102, 11: 0x010B, 14: 0x010E, 15: 0x010F}
TAG_COM = 0x60
TAG_DG1 = 0x61
TAG_DG2 = 0x75
TAG_SOD = 0x77
TAG_MRZ = 0x5F1F
TAG_LDS_VERSION = 0x5F01
TAG_UNICODE_VERSION = 0x5F36
TAG_TAG_LIST = 0x5C
# Data-group tags as EF.COM lists them.
DG_TAGS = {0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8, 0x69: 9, 0x6A: 10,
           0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15, 0x70: 16}

# 0xDF bytes of plain data still fit one short response under 3DES secure messaging:
# DO87 (3 + 1 + 224) + DO99 (4) + DO8E (10) + SW = 244 bytes.
READ_CHUNK = 0xDF
HEADER_READ = 8  # enough for a one-byte tag and a four-byte length
MAX_OFFSET = 0x7FFF  # READ BINARY with an even INS; larger files need the odd INS (not used)
MAX_FILE = {EF_COM: 256, DG_FILES[1]: 512, DG_FILES[2]: MAX_OFFSET + 1, EF_SOD: 16 * 1024}
SW_END_OF_FILE = 0x6282
SW_FILE_NOT_FOUND = 0x6A82
SW_OFFSET_BEYOND_END = 0x6B00
FILE_NAMES = {EF_COM: "EF.COM", EF_SOD: "EF.SOD", **{fid: f"DG{n}" for n, fid in DG_FILES.items()}}


def file_name(fid: int) -> str:
    return FILE_NAMES.get(fid, f"EF {fid:04X}")


class FileNotOnChip(CardDataError):
    """The chip has no such file (an optional data group)."""


def _require(what: str, response: Response) -> None:
    if not response.ok:
        raise StatusWordError(what, response.sw)


def read_file(channel: Transport, fid: int) -> bytes:
    """SELECT and read a whole transparent file, its length taken from its own TLV header."""
    selected = transmit(channel, select_ef(fid))
    if selected.sw == SW_FILE_NOT_FOUND:
        raise FileNotOnChip(f"{file_name(fid)} not on the chip")
    _require(f"SELECT {file_name(fid)}", selected)
    limit = MAX_FILE.get(fid, 4096)
    data = bytearray(_read(channel, fid, 0, HEADER_READ))
    try:
        header = tlv.read_header(bytes(data), max_length=limit)
    except tlv.TlvError as exc:
        raise CardDataError(f"{file_name(fid)} header: {exc}") from exc
    total = header.size + header.length
    if total > limit:
        raise CardDataError(f"{file_name(fid)} declares {total} bytes, limit {limit}")
    reads = 0
    while len(data) < total:
        reads += 1
        if reads > limit // 16 + 2:  # a chip answering a few bytes at a time cannot keep us forever
            raise CardDataError(f"{file_name(fid)} not complete after {reads} reads")
        offset = len(data)
        if offset > MAX_OFFSET:
            raise CardDataError(f"{file_name(fid)} longer than {MAX_OFFSET + 1} bytes")
        data += _read(channel, fid, offset, min(READ_CHUNK, total - offset))
    return bytes(data[:total])


def _read(channel: Transport, fid: int, offset: int, ne: int) -> bytes:
    response = transmit(channel, read_binary(offset, ne))
    if response.sw == SW_OFFSET_BEYOND_END:
        raise CardDataError(f"{file_name(fid)} ends before offset {offset} that its TLV header promises")
    if response.sw != SW_END_OF_FILE:
        _require(f"READ BINARY {file_name(fid)} at {offset}", response)
    if not response.data or len(response.data) > ne:
        raise CardDataError(f"READ BINARY {file_name(fid)} at {offset}: {len(response.data)} bytes for {ne}")
    return response.data


@dataclass(frozen=True)
class Com:
    lds_version: str
    data_groups: tuple[int, ...]


def parse_com(raw: bytes) -> Com:
    try:
        template = tlv.parse_one(raw, max_length=MAX_FILE[EF_COM])
        if template.tag != TAG_COM:
            raise CardDataError(f"EF.COM tag {template.tag:X}")
        fields = tlv.index(template.children())
    except tlv.TlvError as exc:
        raise CardDataError(f"EF.COM: {exc}") from exc
    if TAG_TAG_LIST not in fields:
        raise CardDataError("EF.COM has no data group list")
    groups = tuple(DG_TAGS[t] for t in fields[TAG_TAG_LIST].value if t in DG_TAGS)
    version = fields[TAG_LDS_VERSION].value.decode("ascii", "replace") if TAG_LDS_VERSION in fields else ""
    return Com(version, groups)


def parse_dg1(raw: bytes) -> mrz_rules.MrzData:
    """The MRZ in DG1, every check digit verified (a chip is not exempt)."""
    try:
        template = tlv.parse_one(raw, max_length=MAX_FILE[DG_FILES[1]])
        if template.tag != TAG_DG1:
            raise CardDataError(f"DG1 tag {template.tag:X}")
        fields = tlv.index(template.children())
    except tlv.TlvError as exc:
        raise CardDataError(f"DG1: {exc}") from exc
    if TAG_MRZ not in fields:
        raise CardDataError("DG1 has no MRZ (5F1F)")
    value = fields[TAG_MRZ].value
    if any(not (0x30 <= b <= 0x39 or 0x41 <= b <= 0x5A or b == 0x3C) for b in value):
        raise CardDataError(f"DG1 MRZ: {len(value)} bytes, not MRZ characters")
    try:
        return mrz_rules.parse(value.decode("ascii"))
    except ValidationError as exc:
        raise CardDataError(f"DG1 MRZ rejected: {exc.code}") from exc
