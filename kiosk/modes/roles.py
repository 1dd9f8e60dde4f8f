"""Roles, the people who hold them, and what each role may do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    STAFF = "staff"  # shop staff helping walk-ins
    TECHNICIAN = "technician"  # field technicians: everything staff may do, and the machine


class SignInMethod(str, Enum):
    PIN = "pin"  # staff number + PIN (stands in for the staff card until it lands)
    CARD = "card"  # staff card + PIN verified on the card (issue 4)
    ONE_TIME_CODE = "one_time_code"  # technician code from the operator, for a kiosk whose reader is broken


class Action(str, Enum):
    VIEW_DASHBOARD = "view_dashboard"
    AMEND = "amend"
    VOID = "void"
    FORCE_SYNC = "force_sync"
    VIEW_HEALTH = "view_health"
    RUN_DOCTOR = "run_doctor"
    ENROL = "enrol"
    ROTATE_SECRET = "rotate_secret"
    EXPORT_LOGS = "export_logs"
    CHANGE_SETTINGS = "change_settings"
    INSTALL_UPDATE = "install_update"
    QUIT_KIOSK = "quit_kiosk"
    CONFIRM_CARD_SEEN = "confirm_card_seen"  # "I have seen the member's HKID card" (typed-number fallback)


STAFF_ACTIONS = frozenset({Action.VIEW_DASHBOARD, Action.AMEND, Action.VOID, Action.FORCE_SYNC, Action.VIEW_HEALTH,
                           Action.CONFIRM_CARD_SEEN})
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.STAFF: STAFF_ACTIONS,
    Role.TECHNICIAN: frozenset(Action),
}


@dataclass(frozen=True)
class Principal:
    """Who is signed in. `card_reader` is set when a card vouches for them: pulling that card ends
    the staff session (StaffDesk.card_removed)."""

    staff_id: str
    role: Role
    shop: str
    method: SignInMethod
    card_reader: str = ""

    def may(self, action: Action) -> bool:
        return action in PERMISSIONS[self.role]

    @property
    def ends_on_card_removal(self) -> bool:
        return bool(self.card_reader)
