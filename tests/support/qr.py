"""Helpers for the QR tests: keys, signed codes, and camera-like frames rendered from real codes.

Frames are drawn from qrcode's module matrix with numpy (PIL only for rotation and blur), so what
the decoder sees is a real QR code in a grey 640x480 picture, the way a camera would deliver it.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import numpy.typing as npt
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from PIL import Image, ImageFilter

from kiosk.qr import KeyRing, MemoryNonceStore, QrInterpreter, TrustedKey, sign_prepared

Grey = npt.NDArray[np.uint8]

MEMBER = "A123456(3)"  # fictional
OTHER_MEMBER = "Z683365(A)"  # fictional
W, H = 640, 480


class Signer:
    """A platform-like signer: one Ed25519 key and its id."""

    def __init__(self, kid: str = "test-1") -> None:
        self.kid = kid
        self.key = Ed25519PrivateKey.generate()

    @property
    def public(self) -> bytes:
        return self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def trusted(self, **window: float) -> TrustedKey:
        return TrustedKey(self.kid, self.public, **window)

    def ring(self) -> KeyRing:
        return KeyRing([self.trusted()])

    def code(self, type_code: str = "CHANGE_PARTICULARS", values: dict[str, Any] | None = None,
             hkid: str = MEMBER, issued_at: int | None = None, lifetime_s: int = 3600,
             nonce: str | None = None) -> str:
        vals = values if values is not None else {"mobile": "91234567", "language": "en"}
        iat = int(time.time()) if issued_at is None else issued_at
        return sign_prepared(type_code, vals, hkid, self.key, self.kid, iat, lifetime_s, nonce)


def interpreter(signer: Signer, now: float | None = None) -> tuple[QrInterpreter, MemoryNonceStore]:
    nonces = MemoryNonceStore()
    ring = signer.ring()
    clock = (lambda: now) if now is not None else time.time
    return QrInterpreter(lambda: ring, nonces, clock), nonces


# ---------------------------------------------------------------- frames


def code_image(text: str, size_px: int, border: int = 4) -> Grey:
    """The code as black modules on white, about `size_px` wide (whole pixels per module)."""
    q = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    q.add_data(text)
    q.make(fit=True)
    matrix = np.array(q.get_matrix(), dtype=bool)
    module = max(1, size_px // matrix.shape[0])
    dark = np.kron(matrix, np.ones((module, module), dtype=bool))
    return np.where(dark, 0, 255).astype(np.uint8)


def frame_with(*codes: tuple[Grey, int, int], background: int = 170) -> Grey:
    """A 640x480 grey frame with each (image, x, y) pasted in."""
    frame = np.full((H, W), background, dtype=np.uint8)
    for img, x, y in codes:
        h, w = img.shape
        frame[y:y + h, x:x + w] = img[: H - y, : W - x]
    return frame


def centred(img: Grey, background: int = 170) -> Grey:
    h, w = img.shape
    return frame_with((img, (W - w) // 2, (H - h) // 2), background=background)


def rotated(frame: Grey, degrees: float, fill: int = 170) -> Grey:
    return np.asarray(Image.fromarray(frame).rotate(degrees, resample=Image.Resampling.BILINEAR, fillcolor=fill))


def blurred(frame: Grey, radius: float) -> Grey:
    return np.asarray(Image.fromarray(frame).filter(ImageFilter.GaussianBlur(radius)))


def noisy(frame: Grey, sigma: float, seed: int = 1) -> Grey:
    rng = np.random.default_rng(seed)
    return np.clip(frame.astype(np.int16) + rng.normal(0, sigma, frame.shape), 0, 255).astype(np.uint8)


def low_contrast(frame: Grey, low: int = 90, high: int = 150) -> Grey:
    """Black and white squeezed into [low, high], as under glare or a dim phone screen."""
    return (low + frame.astype(np.float32) * (high - low) / 255).astype(np.uint8)


def empty_frame(seed: int = 3) -> Grey:
    """A frame with no code: a soft gradient with sensor noise."""
    ramp = np.tile(np.linspace(60, 200, W, dtype=np.float32), (H, 1))
    return noisy(ramp.astype(np.uint8), 6, seed)
