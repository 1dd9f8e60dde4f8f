"""What staff see of the outbox and may do to it, as data and a port (offline_cache.staff_actions
implements it; kiosk.modes.dashboard uses it). Members appear masked only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.ports.outbox import TransactionStep
from kiosk.ports.staff import Refused

# Why a rejected instruction is voided: codes with labels staff pick from (no free text, so no
# personal data can be typed into the record).
VOID_REASONS: dict[str, tuple[str, str]] = {
    "MEMBER_WITHDREW": ("成員決定不再辦理", "The member no longer wants it"),
    "DUPLICATE": ("重複的指示", "A duplicate of another instruction"),
    "WRONG_MEMBER": ("與成員身份不符", "Given for the wrong member"),
    "DONE_ELSEWHERE": ("已經以其他途徑辦理", "Done another way (counter, app, paper)"),
    "CANNOT_BE_FIXED": ("無法在本機更正", "Cannot be corrected at the kiosk"),
}


@dataclass(frozen=True)
class Actor:
    staff_id: str
    role: str
    shop: str


@dataclass(frozen=True)
class StateSummary:
    state: str
    count: int
    oldest_age_s: float | None  # since the oldest of them was queued


@dataclass(frozen=True)
class RejectedItem:
    kiosk_ref: str
    type: str
    queued_at: str
    rejected_at: str
    age_s: float | None
    reason_code: str
    reason_zh: str
    reason_en: str
    member_hkid: str  # masked: A12****(*)
    member_name: str  # masked: CHAN T** M** / 陳**
    assisted: bool


@dataclass(frozen=True)
class LocalReceipt:
    """One instruction in this kiosk's outbox as staff may see it by its receipt reference: where
    it is and what staff did to it, no personal data."""

    kiosk_ref: str
    type: str
    state: str  # an OutboxState value
    queued_at: str
    updated_at: str
    attempts: int
    platform_ref: str
    reason_code: str  # the platform's, when rejected
    reason_zh: str
    reason_en: str
    staff_action: str = ""  # voided | amended (by a later instruction) | "" for none
    staff_reason: str = ""  # a void's reason code
    linked_ref: str = ""  # the instruction that amended it, or that it amends


class StaleAction(Refused):
    """The instruction is no longer waiting for staff (another staff member acted, or it was purged)."""


def stale(kiosk_ref: str) -> StaleAction:
    return StaleAction("NOT_REJECTED", "此指示已不再等待職員處理（可能已由其他職員處理）。",
                       f"Instruction {kiosk_ref} is no longer waiting for staff (someone may have dealt with it).")


# Links a new instruction to staff actions (assisted, amends) inside its enqueue transaction.
Linker = TransactionStep


class StaffQueue(Protocol):
    def overview(self) -> list[StateSummary]: ...
    def rejected(self, limit: int = 100) -> list[RejectedItem]: ...
    def amendment_source(self, kiosk_ref: str) -> tuple[str, dict[str, Any]]: ...
    def linker(self, *, assisted_by: Actor | None, amends: str | None) -> Linker: ...
    def void(self, kiosk_ref: str, reason_code: str, actor: Actor) -> None: ...
    def receipt(self, kiosk_ref: str) -> LocalReceipt | None: ...
