"""A small, bounded DER/BER reader (and DER writer, for the virtual cards) on top of `drivers.pcsc.tlv`.

EF.SOD is a CMS SignedData structure. Checking its signature needs the exact bytes of some parts
(the signed attributes, the document signer's certificate), so every node keeps its raw encoding
as it appeared on the chip. Limits come from `tlv.read_header`: short tags, at most 4 length
bytes, nothing longer than the data present. BER's indefinite length (constructed nodes ending in
00 00), which ICAO 9303-10 allows in EF.SOD's CMS and some countries use, is read up to
`MAX_DEPTH` levels of nesting; so is the constructed OCTET STRING (chunks) BER allows for eContent.
The signed attributes must be DER in any case (RFC 5652, 5.4), and are used as found.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...pcsc import tlv

SEQUENCE = 0x30
SET = 0x31
INTEGER = 0x02
BIT_STRING = 0x03
OCTET_STRING = 0x04
NULL = 0x05
OID = 0x06
UTF8_STRING = 0x0C
PRINTABLE_STRING = 0x13
UTC_TIME = 0x17
OCTET_STRING_CONSTRUCTED = 0x24
MAX_DER = 64 * 1024
MAX_OID_ARCS = 32
MAX_DEPTH = 32  # nested indefinite-length nodes
END_OF_CONTENTS = b"\x00\x00"


class DerError(tlv.TlvError):
    """Malformed or unexpected DER; the message names the structure, never the content."""


@dataclass(frozen=True)
class Node:
    tag: int
    raw: bytes  # tag, length and value exactly as encoded
    header_size: int
    trailer_size: int = 0  # 2 for the end-of-contents octets of an indefinite length

    @property
    def value(self) -> bytes:
        return self.raw[self.header_size : len(self.raw) - self.trailer_size]

    def children(self) -> list[Node]:
        if not _constructed(self.tag):
            raise DerError(f"tag {self.tag:X} is primitive")
        return read_all(self.value)

    def expect(self, tag: int, what: str) -> Node:
        if self.tag != tag:
            raise DerError(f"{what}: tag {self.tag:X}, expected {tag:X}")
        return self


def _constructed(tag: int) -> bool:
    first = tag
    while first > 0xFF:
        first >>= 8
    return bool(first & 0x20)


def read_all(data: bytes) -> list[Node]:
    """Every node in `data`, which they must fill exactly."""
    if len(data) > MAX_DER:
        raise DerError(f"{len(data)} bytes of DER, limit is {MAX_DER}")
    nodes: list[Node] = []
    pos = 0
    while pos < len(data):  # each round consumes at least two bytes
        node = _read_node(data, pos, 0)
        nodes.append(node)
        pos += len(node.raw)
    return nodes


def _read_node(data: bytes, pos: int, depth: int) -> Node:
    try:
        header = tlv.read_header(data, pos, max_length=MAX_DER, allow_indefinite=True)
    except tlv.TlvError as exc:
        raise DerError(str(exc)) from exc
    if not header.indefinite:
        end = pos + header.size + header.length
        if end > len(data):
            raise DerError(f"tag {header.tag:X} at offset {pos} declares {header.length} bytes, fewer present")
        return Node(header.tag, bytes(data[pos:end]), header.size)
    if depth >= MAX_DEPTH:
        raise DerError(f"indefinite lengths nested deeper than {MAX_DEPTH}")
    inner = pos + header.size
    while data[inner : inner + 2] != END_OF_CONTENTS:  # each round consumes at least two bytes
        if inner >= len(data):
            raise DerError(f"tag {header.tag:X} at offset {pos}: no end-of-contents")
        inner += len(_read_node(data, inner, depth + 1).raw)
    end = inner + 2
    return Node(header.tag, bytes(data[pos:end]), header.size, 2)


def read_one(data: bytes) -> Node:
    nodes = read_all(data)
    if len(nodes) != 1:
        raise DerError(f"expected one DER object, found {len(nodes)}")
    return nodes[0]


def fields(node: Node, what: str, minimum: int, maximum: int | None = None) -> list[Node]:
    """The children of a SEQUENCE/SET, with a count check."""
    children = node.children()
    if len(children) < minimum or (maximum is not None and len(children) > maximum):
        raise DerError(f"{what}: {len(children)} elements")
    return children


def oid(node: Node) -> str:
    node.expect(OID, "object identifier")
    value = node.value
    if not value or value[-1] & 0x80:
        raise DerError("object identifier is empty or cut off")
    arcs: list[int] = []
    current = 0
    for byte in value:
        current = (current << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(current)
            current = 0
            if len(arcs) > MAX_OID_ARCS:
                raise DerError("object identifier too long")
    first = arcs[0]
    head = [0, first] if first < 40 else [1, first - 40] if first < 80 else [2, first - 80]
    return ".".join(str(a) for a in head + arcs[1:])


def integer(node: Node) -> int:
    node.expect(INTEGER, "integer")
    if not node.value or len(node.value) > 64:
        raise DerError(f"integer of {len(node.value)} bytes")
    return int.from_bytes(node.value, "big", signed=True)


def octets(node: Node) -> bytes:
    """An OCTET STRING's value; BER's constructed form (tag 24) is joined from its chunks."""
    if node.tag == OCTET_STRING_CONSTRUCTED:
        return b"".join(octets(chunk) for chunk in node.children())
    return node.expect(OCTET_STRING, "octet string").value


def context(node: Node, number: int) -> bool:
    """Is this a context-specific tag [number] (primitive or constructed)?"""
    return node.tag in (0x80 | number, 0xA0 | number)


# ---------------------------------------------------------------- writing (virtual cards, tests)


def encode(tag: int, value: bytes) -> bytes:
    return tlv.encode(tag, value)


def seq(*items: bytes) -> bytes:
    return encode(SEQUENCE, b"".join(items))


def set_of(*items: bytes) -> bytes:
    """A DER SET OF: elements sorted by their encoding."""
    return encode(SET, b"".join(sorted(items)))


def enc_int(value: int) -> bytes:
    length = max(1, (value.bit_length() + 8) // 8)
    return encode(INTEGER, value.to_bytes(length, "big", signed=True))


def enc_octets(value: bytes) -> bytes:
    return encode(OCTET_STRING, value)


def enc_oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    body = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body += bytes(reversed(chunk))
    return encode(OID, bytes(body))


def explicit(number: int, inner: bytes) -> bytes:
    return encode(0xA0 | number, inner)


def algorithm(dotted: str, parameters: bytes | None = None) -> bytes:
    return seq(enc_oid(dotted), parameters if parameters is not None else b"")
