"""The eMPF platform's API as the sync engine uses it (offline_cache.platform_client)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from kiosk.ports.outbox import ItemResult, OutboxItem


class PlatformError(Exception):
    """The platform could not be reached or answered something unusable; retry later."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthError(PlatformError):
    """401: the device is not enrolled, its secret is wrong, or its clock is off."""


class BatchRefused(PlatformError):
    """The platform refused a whole batch as malformed (400/413/422 with its error body): nothing was
    stored. The sync engine resends the items one by one so only the faulty one is rejected."""

    def __init__(self, message: str, code: str = "", message_zh: str = "", message_en: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


class PlatformClient(Protocol):
    def submit(self, batch: Sequence[OutboxItem]) -> list[ItemResult]: ...
    def status(self, platform_ref: str) -> Mapping[str, Any]: ...
    def config(self) -> Mapping[str, Any]: ...
    def health(self) -> bool: ...
