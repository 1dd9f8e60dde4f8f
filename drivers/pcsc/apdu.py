"""Command APDUs (ISO/IEC 7816-4 short form) and `transmit`, which follows the card's
61xx (more data: GET RESPONSE) and 6Cxx (wrong Le: send again with the exact Le) answers.

Everything here works on a `Transport` (one raw exchange), so it runs the same against pcscd,
against an applet in-process, or against a recorded trace.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from .errors import TransmitError

log = logging.getLogger(__name__)

SW_OK = 0x9000
MAX_SHORT_LC = 255
MAX_SHORT_NE = 256  # encoded as Le = 00
# Bounds on what a card can make us do: GET RESPONSE rounds and total bytes for one command.
MAX_CHAIN_ROUNDS = 64
MAX_RESPONSE_BYTES = 64 * 1024


class Transport(Protocol):
    """One raw exchange: command APDU in, response data + SW1 SW2 out.

    Raises a `drivers.pcsc.errors.CardIOError` when the exchange fails.
    """

    def exchange(self, apdu: bytes) -> bytes: ...


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF

    def __repr__(self) -> str:  # lengths only: data may be personal
        return f"Response({len(self.data)} bytes, SW {self.sw:04X})"


def command(cla: int, ins: int, p1: int, p2: int, data: bytes = b"", ne: int | None = None) -> bytes:
    """A short APDU. `ne` is the number of bytes expected (1..256); None means no Le field."""
    for name, byte in (("CLA", cla), ("INS", ins), ("P1", p1), ("P2", p2)):
        if not 0 <= byte <= 0xFF:
            raise ValueError(f"{name} {byte} out of range")
    if len(data) > MAX_SHORT_LC:
        raise ValueError(f"{len(data)} bytes of command data do not fit a short APDU")
    apdu = bytes([cla, ins, p1, p2])
    if data:
        apdu += bytes([len(data)]) + data
    if ne is not None:
        if not 1 <= ne <= MAX_SHORT_NE:
            raise ValueError(f"Ne {ne} out of range 1..256")
        apdu += bytes([ne & 0xFF])
    return apdu


def select_aid(aid: bytes) -> bytes:
    """SELECT by DF name (application identifier), first occurrence, FCI requested."""
    return command(0x00, 0xA4, 0x04, 0x00, aid, ne=MAX_SHORT_NE)


def select_ef(fid: int) -> bytes:
    """SELECT an elementary file by its two-byte identifier, no response data."""
    return command(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"))


def read_binary(offset: int, ne: int) -> bytes:
    """READ BINARY from the selected EF; offsets above 0x7FFF need the odd-INS form (not used)."""
    if not 0 <= offset <= 0x7FFF:
        raise ValueError(f"offset {offset} out of range for READ BINARY")
    return command(0x00, 0xB0, offset >> 8, offset & 0xFF, ne=ne)


def get_response(ne: int) -> bytes:
    return command(0x00, 0xC0, 0x00, 0x00, ne=ne)


def with_ne(apdu: bytes, ne: int) -> bytes:
    """The same short command with its Le field set to `ne` (added when it had none)."""
    if len(apdu) < 4:
        raise ValueError("an APDU has at least four bytes")
    le = bytes([ne & 0xFF])
    if len(apdu) == 4:  # case 1
        return apdu + le
    if len(apdu) == 5:  # case 2: the fifth byte is Le
        return apdu[:4] + le
    lc = apdu[4]
    if len(apdu) == 5 + lc:  # case 3
        return apdu + le
    if len(apdu) == 6 + lc:  # case 4
        return apdu[:-1] + le
    raise ValueError("not a short APDU")


def _ne_from_sw2(sw2: int) -> int:
    return sw2 if sw2 else MAX_SHORT_NE


def _exchange(transport: Transport, apdu: bytes) -> Response:
    raw = transport.exchange(apdu)
    if len(raw) < 2:
        raise TransmitError(f"response of {len(raw)} bytes has no status word")
    return Response(bytes(raw[:-2]), (raw[-2] << 8) | raw[-1])


def _exchange_le(transport: Transport, apdu: bytes) -> Response:
    """One command, re-sent once with the exact Le when the card answers 6Cxx."""
    response = _exchange(transport, apdu)
    if response.sw1 == 0x6C:
        log.debug("6C%02X: re-sending INS %02X with Le %d", response.sw2, apdu[1], _ne_from_sw2(response.sw2))
        response = _exchange(transport, with_ne(apdu, _ne_from_sw2(response.sw2)))
        if response.sw1 == 0x6C:
            raise TransmitError(f"INS {apdu[1]:02X}: card asked twice for a different Le")
    return response


def transmit(
    transport: Transport,
    apdu: bytes,
    *,
    max_rounds: int = MAX_CHAIN_ROUNDS,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> Response:
    """Send `apdu` and return the whole response, following 6Cxx and 61xx within bounds."""
    response = _exchange_le(transport, apdu)
    data = bytearray(response.data)
    rounds = 0
    while response.sw1 == 0x61:
        rounds += 1
        if rounds > max_rounds:
            raise TransmitError(f"INS {apdu[1]:02X}: more than {max_rounds} GET RESPONSE rounds")
        response = _exchange_le(transport, get_response(_ne_from_sw2(response.sw2)))
        data += response.data
        if len(data) > max_bytes:
            raise TransmitError(f"INS {apdu[1]:02X}: response longer than {max_bytes} bytes")
    log.debug("INS %02X -> %d bytes, SW %04X, %d GET RESPONSE", apdu[1], len(data), response.sw, rounds)
    return Response(bytes(data), response.sw)
