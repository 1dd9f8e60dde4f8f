"""What a virtual card is to its slot: an ATR and a function from command APDU to response APDU.

Kept apart from the socket code so a card's behaviour can be unit-tested without pcscd, and so
new cards (an ICAO 9303 eMRTD, a staff card) are just new `Applet` classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

SW_OK = b"\x90\x00"
SW_WRONG_LENGTH = b"\x67\x00"
SW_SECURITY_NOT_SATISFIED = b"\x69\x82"
SW_CONDITIONS_NOT_SATISFIED = b"\x69\x85"
SW_NO_CURRENT_EF = b"\x69\x86"
SW_WRONG_DATA = b"\x6a\x80"
SW_FILE_NOT_FOUND = b"\x6a\x82"
SW_WRONG_P1P2 = b"\x6a\x86"
SW_OFFSET_OUT_OF_RANGE = b"\x6b\x00"
SW_INS_NOT_SUPPORTED = b"\x6d\x00"
SW_CLA_NOT_SUPPORTED = b"\x6e\x00"
SW_NO_PRECISE_DIAGNOSIS = b"\x6f\x00"
SW_END_OF_FILE = b"\x62\x82"


class Applet(Protocol):
    """A card as the reader sees it. `process` must always return at least SW1 SW2."""

    @property
    def atr(self) -> bytes: ...

    def process(self, apdu: bytes) -> bytes: ...

    def reset(self) -> None:
        """Power cycle or warm reset: forget the selected application and file."""


@dataclass(frozen=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    ne: int | None  # bytes expected (1..256), None when the command has no Le


def parse_command(apdu: bytes) -> Command | None:
    """A short command APDU (cases 1-4), or None when malformed (answer 6700).

    Extended length is not supported: the simple cards here never need it.
    """
    if len(apdu) < 4:
        return None
    cla, ins, p1, p2 = apdu[:4]
    if len(apdu) == 4:
        return Command(cla, ins, p1, p2, b"", None)
    if len(apdu) == 5:
        return Command(cla, ins, p1, p2, b"", apdu[4] or 256)
    lc = apdu[4]
    if lc == 0:
        return None  # extended length
    if len(apdu) == 5 + lc:
        return Command(cla, ins, p1, p2, apdu[5:], None)
    if len(apdu) == 6 + lc:
        return Command(cla, ins, p1, p2, apdu[5:-1], apdu[-1] or 256)
    return None


def read_binary(content: bytes, cmd: Command) -> tuple[bytes, bytes]:
    """READ BINARY of the selected EF's `content`: offset in P1-P2 (the short-EF form is not offered),
    up to Ne bytes (256 when absent). A piece shorter than asked ends with 62 82, as ISO 7816-4 allows."""
    if cmd.p1 & 0x80:
        return b"", SW_WRONG_P1P2
    offset = (cmd.p1 << 8) | cmd.p2
    if offset >= len(content):
        return b"", SW_OFFSET_OUT_OF_RANGE
    ne = cmd.ne or 256
    piece = content[offset : offset + ne]
    return piece, (SW_END_OF_FILE if len(piece) < ne else SW_OK)


def atr_with_tck(historical: bytes) -> bytes:
    """A plausible ATR offering T=0 and T=1 with these historical bytes (at most 15).

    TS 3B (direct convention), T0 (TD1 follows, K historical bytes), TD1 80 (T=0, TD2 follows),
    TD2 01 (T=1), historical bytes, TCK (XOR of T0..last byte; required once T=1 is offered).
    """
    if len(historical) > 15:
        raise ValueError("at most 15 historical bytes")
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
    tck = 0
    for byte in body:
        tck ^= byte
    return b"\x3b" + body + bytes([tck])


class GarbageApplet:
    """A broken card: a plausible ATR, then the same nonsense answer to every command.

    The default answer is a single byte, shorter than any valid response (no SW1 SW2);
    pass e.g. b"\\x12\\x34" for an answer with an undefined status word.
    """

    def __init__(self, answer: bytes = b"\x42", atr: bytes = bytes.fromhex("3B8080010101")) -> None:
        self._answer = answer
        self._atr = atr

    @property
    def atr(self) -> bytes:
        return self._atr

    def process(self, apdu: bytes) -> bytes:
        return self._answer

    def reset(self) -> None:
        pass
