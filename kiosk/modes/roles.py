"""What each role may do (the roles and the people who hold them: kiosk.ports.staff)."""

from __future__ import annotations

from enum import Enum

from kiosk.ports.staff import Principal, Role


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


def may(principal: Principal, action: Action) -> bool:
    return action in PERMISSIONS[principal.role]
