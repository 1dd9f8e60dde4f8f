"""Virtual cards for the simple identity profile (layout in drivers/cards/simple_identity.py),
plus the broken ones tests need: an unknown card and files with malformed TLV.

The ICAO 9303 eMRTD card of a later task is another `Applet` beside these.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..cards import simple_identity as layout
from ..pcsc.tlv import encode
from .applet import (
    SW_CLA_NOT_SUPPORTED,
    SW_CONDITIONS_NOT_SATISFIED,
    SW_FILE_NOT_FOUND,
    SW_INS_NOT_SUPPORTED,
    SW_NO_CURRENT_EF,
    SW_OFFSET_OUT_OF_RANGE,
    SW_OK,
    SW_WRONG_LENGTH,
    SW_WRONG_P1P2,
    Command,
    atr_with_tck,
    parse_command,
)

# Historical bytes: category 80 (compact-TLV), 5x card issuer's data "EMPFID",
# 82 status indicator 90 00.
IDENTITY_ATR = atr_with_tck(b"\x80\x56EMPFID\x82\x90\x00")
UNKNOWN_ATR = atr_with_tck(b"\x80\x55OTHER\x82\x90\x00")

_SELECT, _READ_BINARY, _GET_RESPONSE = 0xA4, 0xB0, 0xC0
ISSUER_DATA_LENGTH = 256


@dataclass(frozen=True)
class CardHolder:
    """Who the virtual card says it belongs to. Use fictional people only."""

    hkid: str
    name_en: str
    name_zh: str
    date_of_birth: str  # ISO, e.g. 1970-01-01


DEMO_HOLDER = CardHolder("A123456(3)", "CHAN TAI MAN", "陳大文", "1970-01-01")


def _fields(holder: CardHolder, version: int) -> list[bytes]:
    # Written as given, without validation: tests need cards with wrong check digits too.
    fields = [
        encode(layout.TAG_VERSION, bytes([version])),
        encode(layout.TAG_HKID, holder.hkid.encode("ascii")),
        encode(layout.TAG_NAME_EN, holder.name_en.encode("ascii")),
    ]
    if holder.name_zh:
        fields.append(encode(layout.TAG_NAME_ZH, holder.name_zh.encode("utf-8")))
    # Opaque issuer data, as real identity files carry (photos, signatures): it makes the file
    # span several READ BINARY calls, so a card pulled mid-read can be tested.
    filler = hashlib.sha256(holder.hkid.encode()).digest() * (ISSUER_DATA_LENGTH // 32)
    fields.append(encode(layout.TAG_ISSUER_DATA, filler))
    fields.append(encode(layout.TAG_DATE_OF_BIRTH, holder.date_of_birth.replace("-", "").encode("ascii")))
    return fields


def identity_file(holder: CardHolder = DEMO_HOLDER, *, version: int = layout.FORMAT_VERSION) -> bytes:
    """EF 0101 content for `holder`."""
    return encode(layout.TAG_TEMPLATE, b"".join(_fields(holder, version)))


def malformed_identity_file(holder: CardHolder = DEMO_HOLDER) -> bytes:
    """A template whose last field (date of birth) claims 32 bytes where 8 follow.

    The outer length is right, so the whole file reads without error and only parsing fails.
    """
    fields = _fields(holder, layout.FORMAT_VERSION)
    last = fields[-1]
    fields[-1] = bytes([last[0], 0x20]) + last[2:]
    return encode(layout.TAG_TEMPLATE, b"".join(fields))


class IdentityCardApplet:
    """The simple identity card: SELECT by AID, SELECT EF by id, READ BINARY.

    Answers like a careful ISO 7816-4 card: 6B00 for an offset beyond the end, 6Cxx with the
    exact count when Le asks for more than the file holds (or, with `end_of_file_warning`,
    the remaining bytes and 6282), 6A82 for an unknown AID or file, 6D00 for an unknown INS,
    6E00 for a CLA other than 00.

    `chain_responses=True` behaves like a T=0 card: any response with data is announced with
    61xx and handed out by GET RESPONSE, at most `get_response_max` bytes at a time.
    """

    def __init__(
        self,
        file: bytes | None = None,
        *,
        holder: CardHolder = DEMO_HOLDER,
        atr: bytes = IDENTITY_ATR,
        chain_responses: bool = False,
        get_response_max: int = 0x40,
        end_of_file_warning: bool = False,
    ) -> None:
        self.file = file if file is not None else identity_file(holder)
        self._atr = atr
        self.chain_responses = chain_responses
        self.get_response_max = get_response_max
        self.end_of_file_warning = end_of_file_warning
        self.commands: list[int] = []  # INS of every command, for tests that count round trips
        self.reset()

    @property
    def atr(self) -> bytes:
        return self._atr

    def reset(self) -> None:
        self._app_selected = False
        self._ef_selected = False
        self._pending = b""

    def process(self, apdu: bytes) -> bytes:
        cmd = parse_command(apdu)
        if cmd is None:
            return SW_WRONG_LENGTH
        self.commands.append(cmd.ins)
        if cmd.cla != 0x00:
            return SW_CLA_NOT_SUPPORTED
        if cmd.ins == _GET_RESPONSE and self.chain_responses:
            return self._get_response(cmd)
        self._pending = b""
        if cmd.ins == _SELECT:
            data, sw = self._select(cmd)
        elif cmd.ins == _READ_BINARY:
            data, sw = self._read_binary(cmd)
        else:
            return SW_INS_NOT_SUPPORTED
        if data and self.chain_responses:
            self._pending = data + sw
            return bytes([0x61, len(data) & 0xFF])
        return data + sw

    def _select(self, cmd: Command) -> tuple[bytes, bytes]:
        if cmd.p1 == 0x04:
            if cmd.data != layout.AID:
                return b"", SW_FILE_NOT_FOUND
            self._app_selected, self._ef_selected = True, False
            if cmd.ne is None or cmd.p2 & 0x0C:
                return b"", SW_OK
            fci = encode(0x6F, encode(0x84, layout.AID))  # FCI template with the DF name
            return fci[: cmd.ne], SW_OK
        if cmd.p1 in (0x00, 0x02):
            if not self._app_selected or cmd.data != layout.EF_IDENTITY.to_bytes(2, "big"):
                return b"", SW_FILE_NOT_FOUND
            self._ef_selected = True
            return b"", SW_OK
        return b"", SW_WRONG_P1P2

    def _read_binary(self, cmd: Command) -> tuple[bytes, bytes]:
        if cmd.p1 & 0x80:
            return b"", SW_WRONG_P1P2  # short EF identifier form: not offered by this card
        if not self._ef_selected:
            return b"", SW_NO_CURRENT_EF
        if cmd.ne is None or cmd.data:
            return b"", SW_WRONG_LENGTH
        offset = (cmd.p1 << 8) | cmd.p2
        if offset >= len(self.file):
            return b"", SW_OFFSET_OUT_OF_RANGE
        remaining = len(self.file) - offset
        if cmd.ne > remaining:
            if self.end_of_file_warning:
                return self.file[offset:], b"\x62\x82"
            return b"", bytes([0x6C, remaining])
        return self.file[offset : offset + cmd.ne], SW_OK

    def _get_response(self, cmd: Command) -> bytes:
        if not self._pending:
            return SW_CONDITIONS_NOT_SATISFIED
        body, sw = self._pending[:-2], self._pending[-2:]
        ne = min(cmd.ne or 256, self.get_response_max)
        piece, rest = body[:ne], body[ne:]
        if rest:
            self._pending = rest + sw
            return piece + bytes([0x61, len(rest) & 0xFF])
        self._pending = b""
        return piece + sw


class UnknownCardApplet:
    """Some other card (a bank or transport card): our SELECT finds nothing."""

    def __init__(self, atr: bytes = UNKNOWN_ATR) -> None:
        self._atr = atr

    @property
    def atr(self) -> bytes:
        return self._atr

    def reset(self) -> None:
        pass

    def process(self, apdu: bytes) -> bytes:
        cmd = parse_command(apdu)
        if cmd is None:
            return SW_WRONG_LENGTH
        if cmd.cla != 0x00:
            return SW_CLA_NOT_SUPPORTED
        if cmd.ins == _SELECT:
            return SW_FILE_NOT_FOUND
        return SW_INS_NOT_SUPPORTED
