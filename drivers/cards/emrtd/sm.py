"""Secure messaging (ISO/IEC 7816-4 as profiled by ICAO 9303-11, 9.8): every command and answer
after BAC (or PACE) is encrypted and MACed, with a send sequence counter (SSC) that both sides
step before each MAC, so a reply cannot be replayed, reordered or altered.

`SecureChannel` wraps a card transport and is itself a transport, so `drivers.pcsc.apdu.transmit`
and the file readers work unchanged on top of it. The cipher is a strategy: `TdesSm` is what BAC
sets up (and Chip Authentication with 3DES); `AesSm` (IV from the SSC, CMAC) is what PACE and
Chip Authentication with AES set up.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from typing import Protocol

from ...pcsc import tlv
from ...pcsc.apdu import Transport, transmit
from ...pcsc.errors import CardIOError
from . import crypto

log = logging.getLogger(__name__)

TAG_CRYPTOGRAM = 0x87  # padding-indicator byte, then the cryptogram (even INS)
TAG_CRYPTOGRAM_ODD = 0x85  # cryptogram without indicator (odd INS, e.g. READ BINARY B1)
TAG_LE = 0x97
TAG_STATUS = 0x99
TAG_MAC = 0x8E
PADDING_INDICATOR = 0x01
SM_CLA = 0x0C  # secure messaging, command header authenticated
MAX_SM_RESPONSE = 0x1000


class SecureMessagingError(CardIOError):
    """A protected reply that is not what the card's keys would produce: a wrong MAC, a missing
    status or MAC object, bad padding. The channel cannot be trusted any more."""


class SmCipher(Protocol):
    """The cipher suite of a secure messaging session."""

    @property
    def block_size(self) -> int: ...

    def encrypt(self, ssc: int, data: bytes) -> bytes: ...

    def decrypt(self, ssc: int, data: bytes) -> bytes: ...

    def mac(self, data: bytes) -> bytes:
        """The 8-byte MAC over already padded data (the SSC is part of the data)."""

    def ssc_bytes(self, ssc: int) -> bytes: ...


@dataclass(frozen=True)
class TdesSm:
    """3DES secure messaging as BAC establishes it: zero IV, retail MAC, 8-byte SSC."""

    ks_enc: bytes
    ks_mac: bytes
    block_size: int = crypto.BLOCK

    def encrypt(self, ssc: int, data: bytes) -> bytes:
        return crypto.tdes_encrypt(self.ks_enc, data)

    def decrypt(self, ssc: int, data: bytes) -> bytes:
        return crypto.tdes_decrypt(self.ks_enc, data)

    def mac(self, data: bytes) -> bytes:
        return crypto.retail_mac(self.ks_mac, data)

    def ssc_bytes(self, ssc: int) -> bytes:
        return (ssc & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "big")

    def __repr__(self) -> str:  # session keys never in logs
        return "TdesSm(<keys hidden>)"


@dataclass(frozen=True)
class AesSm:
    """AES secure messaging (ICAO 9303-11, 9.8.6.3): a 16-byte SSC, the IV of each cryptogram
    is E(KSenc, SSC), and the MAC is AES-CMAC truncated to 8 bytes."""

    ks_enc: bytes
    ks_mac: bytes
    block_size: int = crypto.AES_BLOCK

    def _iv(self, ssc: int) -> bytes:
        return crypto.aes_encrypt_block(self.ks_enc, self.ssc_bytes(ssc))

    def encrypt(self, ssc: int, data: bytes) -> bytes:
        return crypto.aes_encrypt(self.ks_enc, data, self._iv(ssc))

    def decrypt(self, ssc: int, data: bytes) -> bytes:
        return crypto.aes_decrypt(self.ks_enc, data, self._iv(ssc))

    def mac(self, data: bytes) -> bytes:
        return crypto.aes_cmac(self.ks_mac, data)

    def ssc_bytes(self, ssc: int) -> bytes:
        return (ssc % (1 << 128)).to_bytes(16, "big")

    def __repr__(self) -> str:
        return "AesSm(<keys hidden>)"


def cipher_for(kind: str, ks_enc: bytes, ks_mac: bytes) -> SmCipher:
    """The secure messaging cipher for "3DES" or "AES" session keys."""
    return TdesSm(ks_enc, ks_mac) if kind == "3DES" else AesSm(ks_enc, ks_mac)


def _short_apdu(apdu: bytes) -> tuple[bytes, bytes, int | None]:
    """(header, data, Le) of a short command APDU; ValueError for anything else."""
    if len(apdu) < 4:
        raise ValueError("an APDU has at least four bytes")
    header, body = apdu[:4], apdu[4:]
    if not body:
        return header, b"", None
    if len(body) == 1:
        return header, b"", body[0] or 256
    lc = body[0]
    if lc and len(body) == 1 + lc:
        return header, body[1:], None
    if lc and len(body) == 2 + lc:
        return header, body[1:-1], body[-1] or 256
    raise ValueError("not a short APDU")


class SecureChannel:
    """A `Transport` that protects every command and checks every reply.

    `ssc` is the counter's value after BAC; it is stepped once for the command and once for its
    reply. After any failure the channel refuses further use: a desynchronised counter would
    only produce confusing errors.
    """

    def __init__(self, card: Transport, cipher: SmCipher, ssc: int) -> None:
        self._card = card
        self.cipher = cipher
        self.ssc = ssc
        self.broken = False

    # The card's identity for profiles that need it (Card protocol).
    @property
    def reader(self) -> str:
        return str(getattr(self._card, "reader", ""))

    @property
    def atr(self) -> bytes:
        return bytes(getattr(self._card, "atr", b""))

    def wrap(self, apdu: bytes) -> bytes:
        """The protected form of a plain command APDU (steps the SSC)."""
        header, data, le = _short_apdu(apdu)
        cla, ins, p1, p2 = header
        if cla & 0x0C:
            raise ValueError("the command is already protected")
        bs = self.cipher.block_size
        self.ssc += 1
        masked = bytes([cla | SM_CLA, ins, p1, p2])
        objects = b""
        if data:
            cryptogram = self.cipher.encrypt(self.ssc, crypto.pad(data, bs))
            if ins & 1:
                objects += tlv.encode(TAG_CRYPTOGRAM_ODD, cryptogram)
            else:
                objects += tlv.encode(TAG_CRYPTOGRAM, bytes([PADDING_INDICATOR]) + cryptogram)
        if le is not None:
            objects += tlv.encode(TAG_LE, bytes([le & 0xFF]))
        mac_input = self.cipher.ssc_bytes(self.ssc) + crypto.pad(masked, bs)
        if objects:
            mac_input += crypto.pad(objects, bs)
        objects += tlv.encode(TAG_MAC, self.cipher.mac(mac_input))
        if len(objects) > 255:
            raise ValueError(f"protected command of {len(objects)} bytes needs extended length")
        return masked + bytes([len(objects)]) + objects + b"\x00"

    def unwrap(self, response: bytes) -> bytes:
        """The plain response (data + SW) of a protected reply (steps the SSC); raises
        SecureMessagingError when the reply is not authentic."""
        if len(response) < 2:
            raise SecureMessagingError(f"reply of {len(response)} bytes has no status word")
        body, sw = response[:-2], response[-2:]
        self.ssc += 1
        if not body:
            # An error in plain (ICAO 9303-11, 9.8.6.2: e.g. 6987/6988 when the chip found our
            # MAC wrong). It ends the session; report the status as it is.
            self.broken = True
            if sw == b"\x90\x00":
                raise SecureMessagingError("unprotected 9000 in a secure messaging session")
            log.info("unprotected status %s ends the secure messaging session", sw.hex().upper())
            return sw
        try:
            objects = tlv.parse(body, max_length=MAX_SM_RESPONSE)
        except tlv.TlvError as exc:
            raise SecureMessagingError(f"protected reply: {exc}") from exc
        by_tag: dict[int, tlv.Tlv] = {}
        mac_input = b""
        order: list[int] = []
        for obj in objects:
            if obj.tag in by_tag:
                raise SecureMessagingError(f"protected reply repeats tag {obj.tag:X}")
            by_tag[obj.tag] = obj
            order.append(obj.tag)
            if obj.tag != TAG_MAC:
                mac_input += tlv.encode(obj.tag, obj.value)
        if order[-1:] != [TAG_MAC] or TAG_STATUS not in by_tag:
            raise SecureMessagingError("protected reply lacks its status (99) or MAC (8E) object")
        bs = self.cipher.block_size
        expected = self.cipher.mac(self.cipher.ssc_bytes(self.ssc) + crypto.pad(mac_input, bs))
        if not hmac.compare_digest(expected, by_tag[TAG_MAC].value):
            raise SecureMessagingError("protected reply has a wrong MAC")
        status = by_tag[TAG_STATUS].value
        if len(status) != 2:
            raise SecureMessagingError(f"status object of {len(status)} bytes")
        data = b""
        if TAG_CRYPTOGRAM in by_tag:
            value = by_tag[TAG_CRYPTOGRAM].value
            if not value or value[0] != PADDING_INDICATOR or (len(value) - 1) % bs:
                raise SecureMessagingError("cryptogram object is malformed")
            data = self._decrypt(value[1:])
        elif TAG_CRYPTOGRAM_ODD in by_tag:
            data = self._decrypt(by_tag[TAG_CRYPTOGRAM_ODD].value)
        return data + status

    def _decrypt(self, cryptogram: bytes) -> bytes:
        if not cryptogram or len(cryptogram) % self.cipher.block_size:
            raise SecureMessagingError(f"cryptogram of {len(cryptogram)} bytes")
        try:
            return crypto.unpad(self.cipher.decrypt(self.ssc, cryptogram), self.cipher.block_size)
        except crypto.PaddingError as exc:
            raise SecureMessagingError("decrypted reply is not padded") from exc

    def restart(self, cipher: SmCipher, ssc: int = 0) -> None:
        """Continue with new session keys (after Chip Authentication), counter from `ssc`."""
        self.cipher = cipher
        self.ssc = ssc

    def exchange(self, apdu: bytes) -> bytes:
        """Protect, send (the card's own 61xx chaining is followed underneath), check."""
        if self.broken:
            raise SecureMessagingError("secure messaging session ended; authenticate again")
        try:
            protected = self.wrap(apdu)
            reply = transmit(self._card, protected)
            return self.unwrap(reply.data + reply.sw.to_bytes(2, "big"))
        except SecureMessagingError:
            self.broken = True
            raise
