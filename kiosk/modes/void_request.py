"""Voiding a rejected instruction, as staff go through it: choose a reason (none is chosen for
them), then confirm a second time, because voiding deletes the instruction's personal data at once
and cannot be undone. A value per step, no Qt: the staff panel presents it, and
StaffOperations.void_confirmed acts only on a confirmed request."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from kiosk.ports.staff import Refused
from kiosk.ports.staff_queue import VOID_REASONS

NO_REASON = Refused("VOID_REASON", "請選擇作廢原因。", "Choose why the instruction is voided.")
NOT_CONFIRMED = Refused("VOID_NOT_CONFIRMED", "請再確認一次才作廢。", "Confirm once more to void it.")


class VoidStage(str, Enum):
    CHOOSING = "choosing"  # the reasons on screen, one may be chosen
    CONFIRMING = "confirming"  # "Void it? Its personal data is deleted now": yes / go back


@dataclass(frozen=True)
class VoidRequest:
    kiosk_ref: str
    reason: str | None = None
    stage: VoidStage = VoidStage.CHOOSING

    def choose(self, reason: str) -> VoidRequest:
        """A reason picked (or changed): still to be confirmed."""
        if reason not in VOID_REASONS:
            raise NO_REASON
        return replace(self, reason=reason, stage=VoidStage.CHOOSING)

    def ask_confirmation(self) -> VoidRequest:
        """The "Void" button: only with a reason, and only to the second question."""
        if self.reason is None:
            raise NO_REASON
        return replace(self, stage=VoidStage.CONFIRMING)

    def back(self) -> VoidRequest:
        """From the second question back to the reasons (the reason stays picked)."""
        return replace(self, stage=VoidStage.CHOOSING)

    def confirmed(self) -> tuple[str, str]:
        """(kiosk reference, reason) of a request confirmed twice; Refused otherwise."""
        if self.reason is None:
            raise NO_REASON
        if self.stage is not VoidStage.CONFIRMING:
            raise NOT_CONFIRMED
        return self.kiosk_ref, self.reason
