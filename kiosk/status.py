"""A snapshot of the kiosk's health for the status strip, staff and `kiosk doctor`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None = None  # None until the first contact with the platform
    last_sync_at: float | None = None
    last_error: str = ""  # for staff and technicians; never personal data
    next_attempt_in_s: float = 0.0
    clock_skew_s: float | None = None


@dataclass(frozen=True)
class KioskStatus:
    sync: SyncStatus = field(default_factory=SyncStatus)
    queue: dict[str, int] = field(default_factory=dict)  # state -> count
    readers: tuple[str, ...] = ()
    # kiosk_ref -> state, for the instructions confirmed in this run (the receipt screen shows it)
    receipts: dict[str, str] = field(default_factory=dict)

    @property
    def online(self) -> bool | None:
        return self.sync.online

    @property
    def waiting(self) -> int:
        return self.queue.get("queued", 0) + self.queue.get("sending", 0)
