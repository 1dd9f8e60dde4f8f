"""What the staff dashboard shows of a member waiting for staff (kiosk.core's "call staff"): how
long they have waited, where they are, and who they are only masked (A12****(*)), never the HKID
number; nobody identified yet is "a member". Shown only to signed-in staff. No Qt."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.state import STEP_OF, Screen, SessionState
from kiosk.modes.roles import Action
from kiosk.modes.staff import StaffDesk
from kiosk.ports.audit import AuditEvent


@dataclass(frozen=True)
class WaitingMember:
    waited_s: float
    screen: Screen  # the flow's step they are on (identify, menu, form, review, receipt)
    masked_hkid: str  # "" when not identified yet
    instruction_type: str | None


def waiting_member(desk: StaffDesk, state: SessionState, waited_s: float | None) -> WaitingMember | None:
    """The member waiting for staff, for the dashboard; None when nobody is waiting. Refused
    (bilingual) when nobody is signed in."""
    desk.require(Action.VIEW_DASHBOARD)
    if waited_s is None or state.staff_called_at is None or state.screen is Screen.ATTRACT:
        return None
    masked = state.identity.masked_hkid if state.identity is not None else ""
    return WaitingMember(waited_s=waited_s, screen=STEP_OF.get(state.screen, state.screen), masked_hkid=masked,
                         instruction_type=state.instruction_type)


def answer_call(desk: StaffDesk, waited_s: float | None) -> None:
    """A signed-in staff member answers the call (Refused when nobody is signed in); audited with
    how long the member waited. The caller then tells the session (Session.staff_answered)."""
    principal = desk.require(Action.VIEW_DASHBOARD)
    desk.record(AuditEvent.STAFF_CALL_ANSWERED, principal=principal,
                waited_s=int(waited_s) if waited_s is not None else None)
