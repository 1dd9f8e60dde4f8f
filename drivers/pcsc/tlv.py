"""BER-TLV as smart cards use it (ISO/IEC 7816-4 and ICAO 9303): parsing with hard limits.

Card data is untrusted input. Every length is checked against the bytes actually present and
against a size limit before anything is sliced, tags are at most three bytes, lengths at most
four, and the indefinite form is refused unless the caller asks for it (`allow_indefinite`, for
BER-encoded CMS structures), so a broken or hostile card yields a `TlvError`, never an IndexError
or a huge allocation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_TAG_BYTES = 3  # ISO/IEC 7816-4 tags are one to three bytes
MAX_LENGTH_BYTES = 4  # 0x81..0x84
DEFAULT_MAX_LENGTH = 64 * 1024  # far above any identity file, far below a memory problem


class TlvError(ValueError):
    """Malformed BER-TLV. The message names the offset and the problem, never the content."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes

    @property
    def constructed(self) -> bool:
        # Bit 6 of the first tag byte; multi-byte tags keep their first byte in the high bits.
        first = self.tag
        while first > 0xFF:
            first >>= 8
        return bool(first & 0x20)

    def children(self, *, max_length: int = DEFAULT_MAX_LENGTH) -> list[Tlv]:
        """The data objects inside a constructed object (one level)."""
        if not self.constructed:
            raise TlvError(f"tag {self.tag:X} is primitive and has no children")
        return parse(self.value, max_length=max_length)


@dataclass(frozen=True)
class Header:
    tag: int
    length: int  # of the value
    size: int  # of tag + length fields: the value starts this many bytes after the object
    indefinite: bool = False  # BER indefinite form (length 0): the value ends with 00 00


def read_header(data: bytes, offset: int = 0, *, max_length: int = DEFAULT_MAX_LENGTH,
                allow_indefinite: bool = False) -> Header:
    """Decode the tag and length at `offset`. The value itself need not be present yet,
    so this also works on the first chunk of a file to learn how much more to read."""
    pos = offset
    end = len(data)
    if pos >= end:
        raise TlvError(f"truncated: no tag at offset {offset}")
    first = data[pos]
    if first in (0x00, 0xFF):
        # Padding bytes in ISO 7816-4; never a valid first tag byte in the files we read.
        raise TlvError(f"invalid tag byte {first:02X} at offset {pos}")
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:  # multi-byte tag: continuation bytes have bit 8 set
        while True:
            if pos >= end:
                raise TlvError(f"truncated: tag at offset {offset} is cut off")
            if pos - offset >= MAX_TAG_BYTES:
                raise TlvError(f"tag at offset {offset} is longer than {MAX_TAG_BYTES} bytes")
            byte = data[pos]
            tag = (tag << 8) | byte
            pos += 1
            if not byte & 0x80:
                break
    if pos >= end:
        raise TlvError(f"truncated: no length for tag {tag:X} at offset {offset}")
    first_len = data[pos]
    pos += 1
    if first_len < 0x80:
        length = first_len
    elif first_len == 0x80:
        if not allow_indefinite or not first & 0x20:  # BER allows it only for constructed tags
            raise TlvError(f"indefinite length for tag {tag:X} at offset {offset} is not allowed")
        return Header(tag=tag, length=0, size=pos - offset, indefinite=True)
    else:
        n = first_len & 0x7F
        if n > MAX_LENGTH_BYTES:
            raise TlvError(f"length field of {n} bytes for tag {tag:X} at offset {offset} is too long")
        if pos + n > end:
            raise TlvError(f"truncated: length of tag {tag:X} at offset {offset} is cut off")
        length = int.from_bytes(data[pos : pos + n], "big")
        pos += n
    if length > max_length:
        raise TlvError(f"tag {tag:X} at offset {offset} declares {length} bytes, limit is {max_length}")
    return Header(tag=tag, length=length, size=pos - offset)


def parse(data: bytes, *, max_length: int = DEFAULT_MAX_LENGTH) -> list[Tlv]:
    """All data objects in `data`, which they must fill exactly (no padding, no trailing bytes)."""
    if len(data) > max_length:
        raise TlvError(f"{len(data)} bytes of TLV data, limit is {max_length}")
    objects: list[Tlv] = []
    pos = 0
    # Each round consumes at least two bytes, so this ends after at most len(data) / 2 rounds.
    while pos < len(data):
        header = read_header(data, pos, max_length=max_length)
        start = pos + header.size
        stop = start + header.length
        if stop > len(data):
            raise TlvError(
                f"truncated: tag {header.tag:X} at offset {pos} declares {header.length} bytes, "
                f"{len(data) - start} present"
            )
        objects.append(Tlv(header.tag, bytes(data[start:stop])))
        pos = stop
    return objects


def parse_one(data: bytes, *, max_length: int = DEFAULT_MAX_LENGTH) -> Tlv:
    """Exactly one data object filling `data`."""
    objects = parse(data, max_length=max_length)
    if len(objects) != 1:
        raise TlvError(f"expected one data object, found {len(objects)}")
    return objects[0]


def index(objects: Iterable[Tlv]) -> dict[int, Tlv]:
    """Objects by tag; a repeated tag is an error (a card must not say two things)."""
    by_tag: dict[int, Tlv] = {}
    for obj in objects:
        if obj.tag in by_tag:
            raise TlvError(f"tag {obj.tag:X} appears more than once")
        by_tag[obj.tag] = obj
    return by_tag


# ---------------------------------------------------------------- encoding (virtual cards, tests)


def encode_tag(tag: int) -> bytes:
    if tag <= 0 or tag > 0xFFFFFF:
        raise ValueError(f"tag {tag:X} out of range")
    return tag.to_bytes((tag.bit_length() + 7) // 8, "big")


def encode_length(length: int) -> bytes:
    if length < 0 or length >= 1 << (8 * MAX_LENGTH_BYTES):
        raise ValueError(f"length {length} out of range")
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def encode(tag: int, value: bytes) -> bytes:
    return encode_tag(tag) + encode_length(len(value)) + value
