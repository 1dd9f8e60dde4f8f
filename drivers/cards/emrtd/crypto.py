"""The symmetric cryptography of BAC, PACE, Chip Authentication and secure messaging
(ICAO 9303-11, 9.7 and 9.8).

Two-key 3DES in CBC mode with a zero IV, the ISO/IEC 9797-1 MAC algorithm 3 with DES (the
"retail MAC"), ISO/IEC 9797-1 padding method 2, and the key derivation function that turns a
key seed into a 3DES key with DES parity bits set. Kept free of card I/O so the worked example
of appendix D can test each step.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 8
ZERO_IV = bytes(BLOCK)
ENC_COUNTER = 1  # c = 1 derives the encryption key
MAC_COUNTER = 2  # c = 2 derives the MAC key
PACE_COUNTER = 3  # c = 3 derives the PACE password key K_pi
AES_BLOCK = 16


class PaddingError(ValueError):
    """Decrypted data does not end in ISO/IEC 9797-1 method 2 padding."""


def pad(data: bytes, block: int = BLOCK) -> bytes:
    """Method 2: a mandatory 0x80, then zeros up to a whole number of blocks."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % block)


def unpad(data: bytes, block: int = BLOCK) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80 or len(data) - len(stripped) >= block:
        raise PaddingError("no ISO/IEC 9797-1 method 2 padding")
    return stripped[:-1]


def _des3(key: bytes) -> TripleDES:
    """Single DES (8 bytes) and two-key 3DES (16) as the 24-byte keys cryptography wants:
    K1 K1 K1 and K1 K2 K1 compute exactly the same thing."""
    if len(key) == 8:
        key = key * 3
    elif len(key) == 16:
        key = key + key[:8]
    elif len(key) != 24:
        raise ValueError(f"a DES key has 8, 16 or 24 bytes, not {len(key)}")
    return TripleDES(key)


def tdes_encrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    """3DES-CBC without padding (the caller pads); a 16-byte key is K1 K2 with K3 = K1."""
    if len(data) % BLOCK:
        raise ValueError(f"{len(data)} bytes is not a whole number of DES blocks")
    encryptor = Cipher(_des3(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def tdes_decrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    if len(data) % BLOCK:
        raise ValueError(f"{len(data)} bytes is not a whole number of DES blocks")
    decryptor = Cipher(_des3(key), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES over already padded `data`; 8 bytes.

    Single-DES CBC with Ka over all blocks but the last, then the last block through
    E(Ka) D(Kb) E(Ka), which is exactly two-key 3DES encryption of (last block XOR chain).
    """
    if len(key) != 16:
        raise ValueError("the retail MAC takes a 16-byte key")
    if not data or len(data) % BLOCK:
        raise ValueError(f"{len(data)} bytes is not a whole, non-empty number of DES blocks")
    ka = key[:8]
    chain = ZERO_IV
    if len(data) > BLOCK:
        chain = tdes_encrypt(ka, data[:-BLOCK])[-BLOCK:]  # an 8-byte key makes 3DES single DES
    last = bytes(a ^ b for a, b in zip(data[-BLOCK:], chain, strict=True))
    return tdes_encrypt(key, last)


def adjust_parity(key: bytes) -> bytes:
    """Set each byte's lowest bit so the byte has odd parity, as DES keys must."""
    out = bytearray()
    for byte in key:
        high = byte & 0xFE
        out.append(high | (bin(high).count("1") + 1) % 2)
    return bytes(out)


def derive_key(seed: bytes, counter: int) -> bytes:
    """The 3DES key for `counter` (1 = encryption, 2 = MAC) from a 16-byte key seed (9.7.1)."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()
    return adjust_parity(digest[:16])


def key_seed(mrz_information: str) -> bytes:
    """K_seed: the first 16 bytes of SHA-1 over the MRZ information (document number, birth and
    expiry dates, each with its check digit)."""
    return hashlib.sha1(mrz_information.encode("ascii")).digest()[:16]


def kdf(secret: bytes, counter: int, cipher: str, key_length: int) -> bytes:
    """ICAO 9303-11, 9.7.1: the key for `counter` from a shared secret (or PACE password).

    3DES: SHA-1, first 16 bytes, DES parity; AES-128: SHA-1, first 16 bytes; AES-192/256: SHA-256,
    first 24 or 32 bytes."""
    data = secret + counter.to_bytes(4, "big")
    if cipher == "3DES":
        return adjust_parity(hashlib.sha1(data).digest()[:16])
    if cipher != "AES" or key_length not in (16, 24, 32):
        raise ValueError(f"no key derivation for {cipher}-{key_length * 8}")
    digest = hashlib.sha1(data).digest() if key_length == 16 else hashlib.sha256(data).digest()
    return digest[:key_length]


def aes_encrypt(key: bytes, data: bytes, iv: bytes = bytes(AES_BLOCK)) -> bytes:
    """AES-CBC without padding (the caller pads)."""
    if len(data) % AES_BLOCK:
        raise ValueError(f"{len(data)} bytes is not a whole number of AES blocks")
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def aes_decrypt(key: bytes, data: bytes, iv: bytes = bytes(AES_BLOCK)) -> bytes:
    if len(data) % AES_BLOCK:
        raise ValueError(f"{len(data)} bytes is not a whole number of AES blocks")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def aes_encrypt_block(key: bytes, block: bytes) -> bytes:
    """One AES block in ECB mode (the IV of AES secure messaging is E(KSenc, SSC))."""
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    """AES-CMAC (NIST SP 800-38B) truncated to the 8 bytes ICAO uses."""
    mac = cmac.CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()[:8]
