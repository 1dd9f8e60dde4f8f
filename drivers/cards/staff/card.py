"""Talking to a staff card: read its certificate, VERIFY the PIN, have it sign a challenge.

Card-level only (no trust decisions): `authenticator.py` decides whether the certificate and the
signature make a staff member. Every card answer is checked; a card pulled mid-way surfaces as the
transport's `CardRemovedError`.
"""

from __future__ import annotations

from ...pcsc import tlv
from ...pcsc.apdu import Response, command, read_binary, select_aid, select_ef, transmit
from ...pcsc.errors import StatusWordError
from ..profile import NOT_THIS_CARD_SW, Card, CardDataError, NotThisCard
from . import layout

READ_CHUNK = 0xDF


class WrongPin(Exception):
    """The card refused the PIN; `tries_left` as the card counts them (0: now blocked)."""

    def __init__(self, tries_left: int) -> None:
        super().__init__(f"wrong PIN, {tries_left} tries left")
        self.tries_left = tries_left


class PinBlocked(Exception):
    """The card's PIN is blocked: the card office must reset it."""


def select(card: Card) -> None:
    response = transmit(card, select_aid(layout.AID))
    if response.sw in NOT_THIS_CARD_SW:
        raise NotThisCard(f"SELECT staff AID: SW {response.sw:04X}")
    _require("SELECT staff AID", response)


def _require(what: str, response: Response) -> None:
    if not response.ok:
        raise StatusWordError(what, response.sw)


def read_certificate(card: Card) -> bytes:
    """The certificate file, its length taken from its own DER header."""
    _require("SELECT certificate", transmit(card, select_ef(layout.EF_CERTIFICATE)))
    first = transmit(card, read_binary(0, READ_CHUNK))
    if first.sw not in (0x9000, 0x6282) or not first.data:
        raise StatusWordError("READ BINARY certificate", first.sw)
    data = bytearray(first.data)
    try:
        header = tlv.read_header(bytes(data), max_length=layout.MAX_CERTIFICATE)
    except tlv.TlvError as exc:
        raise CardDataError(f"staff certificate header: {exc}") from exc
    total = header.size + header.length
    for _ in range(layout.MAX_CERTIFICATE // 16):
        if len(data) >= total:
            return bytes(data[:total])
        chunk = transmit(card, read_binary(len(data), min(READ_CHUNK, total - len(data))))
        if chunk.sw not in (0x9000, 0x6282) or not chunk.data:
            raise CardDataError(f"staff certificate ends at {len(data)} of {total} bytes (SW {chunk.sw:04X})")
        data += chunk.data
    raise CardDataError("staff certificate not complete")


def tries_left(card: Card) -> int | None:
    """The PIN tries left (None when the card is already verified)."""
    response = transmit(card, command(0x00, layout.INS_VERIFY, 0x00, layout.PIN_REFERENCE))
    if response.ok:
        return None
    if response.sw == layout.SW_BLOCKED or response.sw == 0x63C0:
        return 0
    if response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0:
        return response.sw2 & 0x0F
    raise StatusWordError("VERIFY (tries left)", response.sw)


def verify_pin(card: Card, pin: str) -> None:
    response = transmit(card, command(0x00, layout.INS_VERIFY, 0x00, layout.PIN_REFERENCE, layout.encode_pin(pin)))
    if response.ok:
        return
    if response.sw == layout.SW_BLOCKED:
        raise PinBlocked("PIN blocked")
    if response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0:
        raise WrongPin(response.sw2 & 0x0F)
    raise StatusWordError("VERIFY", response.sw)


def sign_challenge(card: Card, challenge: bytes) -> bytes:
    if len(challenge) != layout.CHALLENGE_BYTES:
        raise ValueError("the challenge has 32 bytes")
    response = transmit(card, command(0x00, layout.INS_INTERNAL_AUTHENTICATE, 0x00, 0x00, challenge, ne=256))
    _require("INTERNAL AUTHENTICATE", response)
    if not 8 <= len(response.data) <= 160:
        raise CardDataError(f"signature of {len(response.data)} bytes")
    return response.data
