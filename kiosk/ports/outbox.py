"""The outbox: where a confirmed instruction is kept until the platform has it (offline_cache.outbox)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: the ports load at start-up, the form model after it
    from kiosk.domain import Instruction


class OutboxState(str, Enum):
    """Every state an instruction in the outbox can be in; the `state` column holds the value.

    queued -> sending -> accepted | rejected | queued (retry); staff move a rejected one on to
    amended (a new linked instruction replaces it) or voided (with a reason)."""

    QUEUED = "queued"
    SENDING = "sending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    AMENDED = "amended"
    VOIDED = "voided"

    @property
    def unsynced(self) -> bool:
        """Still the kiosk's job to deliver."""
        return self in (OutboxState.QUEUED, OutboxState.SENDING)

    @property
    def settled(self) -> bool:
        """Nothing more will happen to it: its personal data has no further use on this kiosk."""
        return self in (OutboxState.ACCEPTED, OutboxState.AMENDED, OutboxState.VOIDED)


@dataclass(frozen=True)
class Receipt:
    kiosk_ref: str
    idempotency_key: str
    queued_at: str


@dataclass(frozen=True)
class OutboxItem:
    row_id: int
    kiosk_ref: str
    idempotency_key: str
    type: str
    member_key: str
    payload: Mapping[str, Any] = field(repr=False)  # decrypted, in memory only; never printed
    queued_at: str = ""
    attempts: int = 0


class ItemStatus(str, Enum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # the platform already holds this key: same reference as before
    REJECTED = "rejected"
    RETRY = "retry"


@dataclass(frozen=True)
class ItemResult:
    idempotency_key: str
    status: ItemStatus
    platform_ref: str = ""
    reason_code: str = ""
    reason_zh: str = ""
    reason_en: str = ""


@dataclass(frozen=True)
class QueueCounts:
    by_state: Mapping[str, int] = field(default_factory=dict)

    @property
    def waiting(self) -> int:
        return sum(self.by_state.get(s.value, 0) for s in OutboxState if s.unsynced)


class QueueRefused(Exception):
    """The outbox will not take a new instruction (full, disk low, database unusable).

    Nothing already queued is touched; the member is told why in both languages."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


class Transaction(Protocol):
    """The outbox's write transaction while an enqueue runs: steps that must commit or roll back
    together with the new instruction (marking it assisted, amending the rejected one it replaces)
    run in it. Opaque to the core: only the storage that opened it looks inside
    (offline_cache.outbox.SqliteTransaction)."""


# A step run inside the enqueue's transaction, after the new instruction's row is written; if it
# raises, nothing is queued and the exception reaches the caller.
TransactionStep = Callable[[Transaction, Receipt], None]


class Outbox(Protocol):
    def enqueue(self, instruction: Instruction, within: TransactionStep | None = None) -> Receipt:
        """Durable on disk before it returns."""
    def next_batch(self, limit: int) -> list[OutboxItem]:
        """Claim up to `limit` items (state -> sending), oldest first, in order per member."""
    def mark(self, results: Sequence[ItemResult]) -> None: ...
    def release(self, keys: Sequence[str], error: str, retry_at: float) -> None:
        """Return claimed items to queued after a transport failure."""
    def counts(self) -> QueueCounts: ...
    def purge(self) -> int: ...
