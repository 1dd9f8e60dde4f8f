"""What staff do from the dashboard, with permission checks and an audit entry for each.

Staff see members masked only. An amendment hands the rejected instruction's values to the member's
own form, minus the HKID and bank-account fields, which the member types again; the member also
identifies again (card or typed HKID) before the form opens. So the staff member beside them never
sees those in full, and a wrong number can be put right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.doctor import HealthItem
from kiosk.domain import Instruction, get_type
from kiosk.domain.fields import Kind
from kiosk.modes.roles import Action
from kiosk.modes.staff import StaffDesk
from kiosk.modes.void_request import VoidRequest
from kiosk.ports import Receipt
from kiosk.ports.audit import AuditEvent, Outcome
from kiosk.ports.staff import Principal, Refused
from kiosk.ports.staff_queue import VOID_REASONS, Actor, Linker, RejectedItem, StaffQueue, StateSummary

# Field kinds the member types again when amending: staff must not see them in full, and a
# re-typed account number is a re-confirmed one.
RETYPED_KINDS = frozenset({Kind.HKID, Kind.BANK_ACCOUNT})


@dataclass(frozen=True, repr=False)
class AmendmentDraft:
    amends: str  # kiosk reference of the rejected instruction
    type: str
    form_raw: Mapping[str, Any]  # the values as the form takes them, minus RETYPED_KINDS (also inside rows)
    retyped: tuple[str, ...] = ()  # fields the member types again

    def __repr__(self) -> str:  # no personal data in a traceback
        return f"AmendmentDraft(amends={self.amends!r}, type={self.type!r})"


@dataclass(frozen=True)
class SyncSummary:
    sent: int
    accepted: int
    rejected: int
    retry: int
    error: str


def actor_of(p: Principal) -> Actor:
    return Actor(staff_id=p.staff_id, role=p.role.value, shop=p.shop)


class StaffOperations:
    def __init__(self, desk: StaffDesk, queue: StaffQueue, *,
                 enqueue: Callable[[Instruction, Linker | None], Receipt],
                 sync_now: Callable[[], SyncSummary],
                 health: Callable[[], list[HealthItem]],
                 amendable_types: Callable[[], tuple[str, ...]] = tuple) -> None:
        self.desk = desk
        self.queue = queue
        self._enqueue = enqueue
        self._sync_now = sync_now
        self._health = health
        self._amendable = amendable_types

    # ------------------------------------------------------------ looking
    def overview(self) -> list[StateSummary]:
        self.desk.require(Action.VIEW_DASHBOARD)
        return self.queue.overview()

    def rejected(self) -> list[RejectedItem]:
        self.desk.require(Action.VIEW_DASHBOARD)
        return self.queue.rejected()

    def health(self) -> list[HealthItem]:
        self.desk.require(Action.VIEW_HEALTH)
        return self._health()

    def can_amend(self, type_code: str) -> bool:
        return type_code in self._amendable()

    # ------------------------------------------------------------ acting
    def void(self, kiosk_ref: str, reason_code: str) -> None:
        p = self.desk.require(Action.VOID)
        if reason_code not in VOID_REASONS:
            raise Refused("VOID_REASON", "請選擇作廢原因。", "Choose why the instruction is voided.")
        try:
            self.queue.void(kiosk_ref, reason_code, actor_of(p))
        except Refused as refused:
            self.desk.record(AuditEvent.INSTRUCTION_VOIDED, Outcome.REFUSED, kiosk_ref=kiosk_ref, code=refused.code)
            raise
        self.desk.record(AuditEvent.INSTRUCTION_VOIDED, kiosk_ref=kiosk_ref, reason=reason_code)

    def void_confirmed(self, request: VoidRequest) -> None:
        """Void a request that has a reason and was confirmed a second time (Refused otherwise)."""
        self.desk.require(Action.VOID)
        kiosk_ref, reason = request.confirmed()
        self.void(kiosk_ref, reason)

    def start_amendment(self, kiosk_ref: str) -> AmendmentDraft:
        """The rejected instruction as a draft for the member's form; the member re-confirms it."""
        p = self.desk.require(Action.AMEND)
        type_code, payload = self.queue.amendment_source(kiosk_ref)
        if not self.can_amend(type_code):
            raise Refused("AMEND_NO_FORM", "此類指示暫時未能在本機修改，請作廢並以其他途徑辦理。",
                          "This kind of instruction cannot be amended at this kiosk yet; void it and "
                          "help the member another way.")
        itype = get_type(type_code)
        values: dict[str, Any] = dict(payload.get("values") or {})
        raw: dict[str, Any] = {}
        retyped: list[str] = []
        for spec in itype.fields:
            value = values.get(spec.name)
            if value is None or value == "":
                continue
            if spec.kind in RETYPED_KINDS:
                retyped.append(spec.name)
            elif spec.kind is Kind.ROWS and isinstance(value, list):
                hidden = {f.name for f in spec.row_fields if f.kind in RETYPED_KINDS}
                raw[spec.name] = [{k: v for k, v in row.items() if k not in hidden} if isinstance(row, dict) else row
                                  for row in value]
                retyped.extend(f"{spec.name}.{h}" for h in sorted(hidden) if any(
                    isinstance(row, dict) and row.get(h) for row in value))
            elif isinstance(value, dict | list):
                raw[spec.name] = value  # structured kinds (fund allocations) take their value as typed
            else:
                raw[spec.name] = str(value)
        self.desk.record(AuditEvent.AMEND_STARTED, principal=p, kiosk_ref=kiosk_ref, type=type_code)
        return AmendmentDraft(amends=kiosk_ref, type=type_code, form_raw=raw, retyped=tuple(retyped))

    def confirm(self, instruction: Instruction, *, assisted_by: Actor | None, amends: str = "") -> Receipt:
        """Queue the member's instruction from an assisted session (and, for an amendment, replace
        the rejected one in the same transaction). Staff may have signed out by now: the session
        remembers who assisted."""
        linker = self.queue.linker(assisted_by=assisted_by, amends=amends or None) if assisted_by else None
        try:
            receipt = self._enqueue(instruction, linker)
        except Refused as refused:
            if amends and assisted_by is not None:
                self.desk.record(AuditEvent.INSTRUCTION_AMENDED, Outcome.REFUSED, actor=assisted_by,
                                 kiosk_ref=amends, code=refused.code)
            raise
        if assisted_by is not None:
            self.desk.record(AuditEvent.INSTRUCTION_ASSISTED, actor=assisted_by, kiosk_ref=receipt.kiosk_ref,
                             type=instruction.type)
            if amends:
                self.desk.record(AuditEvent.INSTRUCTION_AMENDED, actor=assisted_by, kiosk_ref=amends,
                                 new_ref=receipt.kiosk_ref)
        return receipt

    def force_sync(self) -> SyncSummary:
        self.desk.require(Action.FORCE_SYNC)
        result = self._sync_now()
        self.desk.record(AuditEvent.SYNC_FORCED, Outcome.FAILED if result.error else Outcome.OK,
                         sent=result.sent, accepted=result.accepted, rejected=result.rejected, retry=result.retry,
                         error=result.error[:120])
        return result

