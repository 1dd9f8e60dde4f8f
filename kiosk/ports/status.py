"""A snapshot of the kiosk's health for the status strip, staff and `kiosk doctor`."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.ports.outbox import OutboxState


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None = None  # None until the first contact with the platform
    last_sync_at: float | None = None
    last_error: str = ""  # for staff and technicians; never personal data
    next_attempt_in_s: float = 0.0
    clock_skew_s: float | None = None  # platform clock minus ours, learned from /health and 401s
    circuit: str = "closed"  # closed | open (waiting for the next probe) | half_open (probing)


@dataclass(frozen=True)
class StaffAlert:
    """A condition staff or a technician must act on (queue full, disk low, database damaged...)."""

    id: int
    code: str
    message_zh: str
    message_en: str
    detail: str = ""  # for technicians; never personal data
    raised_at: str = ""
    count: int = 1


@dataclass(frozen=True)
class KioskStatus:
    sync: SyncStatus = field(default_factory=SyncStatus)
    queue: dict[str, int] = field(default_factory=dict)  # state -> count
    readers: tuple[str, ...] = ()
    # kiosk_ref -> state, for the instructions confirmed in this run (the receipt screen shows it)
    receipts: dict[str, str] = field(default_factory=dict)
    alerts: tuple[StaffAlert, ...] = ()  # open alerts for the staff dashboard

    @property
    def online(self) -> bool | None:
        return self.sync.online

    @property
    def waiting(self) -> int:
        return sum(self.queue.get(s.value, 0) for s in OutboxState if s.unsynced)

    @property
    def sent(self) -> int:
        """Instructions the platform has acknowledged (kept as status rows after their data is purged)."""
        return self.queue.get(OutboxState.ACCEPTED.value, 0)

    @property
    def rejected(self) -> int:
        """Refused by the platform: staff help the member amend or void them."""
        return self.queue.get(OutboxState.REJECTED.value, 0)
