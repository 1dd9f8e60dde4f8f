"""The terminal itself: its clock and its keys (offline_cache.keystore)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float: ...
    def monotonic(self) -> float: ...


class Keystore(Protocol):
    def device_credentials(self) -> tuple[str, bytes] | None:
        """(device_id, secret) from enrolment, or None when not enrolled."""
    def save_device_credentials(self, device_id: str, secret: bytes) -> None: ...
    def data_key(self) -> bytes:
        """The 256-bit key that encrypts personal data at rest."""
    def member_salt(self) -> bytes: ...
    def signing_public_key(self) -> bytes:
        """Ed25519 public key of this terminal's export-bundle signing key."""
    def sign(self, data: bytes) -> bytes:
        """Sign an export bundle (a TPM-backed keystore signs without revealing the key)."""
    def transport_key(self) -> bytes | None:
        """The operator's fleet transport key for export bundles, when installed."""


Listener = Callable[[], None]
