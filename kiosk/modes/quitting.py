"""Closing the kiosk from the technician's page: only a technician, never while a member's session
is under way (closing would throw away what they entered and leave them at a dead screen), and only
after a second "yes" (kiosk/modes/quitting.py decides, ui/staff presents). No Qt."""

from __future__ import annotations

from kiosk.modes.roles import Action
from kiosk.modes.staff import StaffDesk
from kiosk.ports.staff import Principal, Refused

MEMBER_BUSY = Refused("QUIT_MEMBER_BUSY", "成員正在使用本機，不可關閉。請先完成或結束成員的程序。",
                      "A member is using the kiosk: it cannot be closed now. Finish or end their session first.")


def may_close(desk: StaffDesk, *, member_session: bool) -> Principal:
    """Who may close the kiosk now, or Refused (bilingual): not signed in, not a technician, or a
    member's session under way. Asked before the confirmation and again when it is given."""
    principal = desk.require(Action.QUIT_KIOSK)
    if member_session:
        raise MEMBER_BUSY
    return principal
