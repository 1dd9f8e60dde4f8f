"""Basic Access Control (ICAO 9303-11, 4.3 and 9.7): prove knowledge of the MRZ to the chip
and agree on session keys for secure messaging.

GET CHALLENGE gives the chip's nonce RND.IC; we answer EXTERNAL AUTHENTICATE with
E(Kenc, RND.IFD | RND.IC | K.IFD) and its MAC; the chip answers with its own half, K.IC. The session
keys come from K.IFD XOR K.IC, the counter from the nonces. A wrong MRZ key makes the chip refuse
EXTERNAL AUTHENTICATE: that is `WrongAccessKey`, which the member can fix.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.domain.mrz import MrzKey

from ...pcsc.apdu import Transport, command, transmit
from ...pcsc.errors import StatusWordError
from . import crypto
from .errors import WrongAccessKey
from .sm import SecureChannel, SecureMessagingError, TdesSm

INS_GET_CHALLENGE = 0x84
INS_EXTERNAL_AUTHENTICATE = 0x82
# What chips answer EXTERNAL AUTHENTICATE when the cryptogram does not verify: 6300
# (authentication failed, ICAO's choice) or 6982 (security status not satisfied, seen in the field).
WRONG_KEY_SW = frozenset({0x6300, 0x6982})

Random = Callable[[int], bytes]


@dataclass(frozen=True)
class BacKeys:
    """The document basic access keys derived from the MRZ."""

    k_enc: bytes
    k_mac: bytes

    @classmethod
    def from_mrz(cls, key: MrzKey) -> BacKeys:
        seed = crypto.key_seed(key.mrz_information)
        return cls(crypto.derive_key(seed, crypto.ENC_COUNTER), crypto.derive_key(seed, crypto.MAC_COUNTER))

    def __repr__(self) -> str:
        return "BacKeys(<hidden>)"


@dataclass(frozen=True)
class SessionKeys:
    ks_enc: bytes
    ks_mac: bytes
    ssc: int

    def __repr__(self) -> str:
        return "SessionKeys(<hidden>)"


def authentication_data(keys: BacKeys, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes) -> bytes:
    """E_IFD | M_IFD: the 40 bytes sent with EXTERNAL AUTHENTICATE."""
    e_ifd = crypto.tdes_encrypt(keys.k_enc, rnd_ifd + rnd_ic + k_ifd)
    return e_ifd + crypto.retail_mac(keys.k_mac, crypto.pad(e_ifd))


def session_keys(keys: BacKeys, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes, response: bytes) -> SessionKeys:
    """Check the chip's answer (MAC, both nonces) and derive the session keys and counter."""
    if len(response) != 40:
        raise SecureMessagingError(f"EXTERNAL AUTHENTICATE answered {len(response)} bytes, expected 40")
    e_ic, m_ic = response[:32], response[32:]
    if not hmac.compare_digest(crypto.retail_mac(keys.k_mac, crypto.pad(e_ic)), m_ic):
        raise SecureMessagingError("the chip's authentication cryptogram has a wrong MAC")
    plain = crypto.tdes_decrypt(keys.k_enc, e_ic)
    if plain[:8] != rnd_ic or plain[8:16] != rnd_ifd:
        raise SecureMessagingError("the chip's authentication cryptogram does not echo the nonces")
    k_ic = plain[16:32]
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    return SessionKeys(
        crypto.derive_key(seed, crypto.ENC_COUNTER),
        crypto.derive_key(seed, crypto.MAC_COUNTER),
        int.from_bytes(rnd_ic[4:] + rnd_ifd[4:], "big"),
    )


class Bac:
    """The `AccessProtocol` for BAC. `random` is injectable so tests can replay appendix D."""

    name = "BAC"

    def __init__(self, random: Random = os.urandom) -> None:
        self._random = random

    def establish(self, card: Transport, key: MrzKey) -> SecureChannel:
        keys = BacKeys.from_mrz(key)
        challenge = transmit(card, command(0x00, INS_GET_CHALLENGE, 0x00, 0x00, ne=8))
        if not challenge.ok or len(challenge.data) != 8:
            raise StatusWordError("GET CHALLENGE", challenge.sw)
        rnd_ic = challenge.data
        rnd_ifd, k_ifd = self._random(8), self._random(16)
        data = authentication_data(keys, rnd_ic, rnd_ifd, k_ifd)
        answer = transmit(card, command(0x00, INS_EXTERNAL_AUTHENTICATE, 0x00, 0x00, data, ne=40))
        if answer.sw in WRONG_KEY_SW or answer.sw1 == 0x63:
            raise WrongAccessKey(f"EXTERNAL AUTHENTICATE refused: SW {answer.sw:04X}")
        if not answer.ok:
            raise StatusWordError("EXTERNAL AUTHENTICATE", answer.sw)
        session = session_keys(keys, rnd_ic, rnd_ifd, k_ifd, answer.data)
        return SecureChannel(card, TdesSm(session.ks_enc, session.ks_mac), session.ssc)
