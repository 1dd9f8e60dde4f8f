"""The member's "call staff": waiting for shop staff since a moment, until staff answer.

The call is part of the member's session: it exists only while one is under way (not on the
attract screen), a second press keeps the first call's time (the wait is counted from when they
first asked), and a wipe forgets it with everything else. How the kiosk alerts staff and what the
staff dashboard shows of the member are the UI's and kiosk.modes.staff_call's part.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from kiosk.core.effects import LogEvent, Transition, stay
from kiosk.core.state import Screen, SessionState


def call(state: SessionState, now: float) -> Transition:
    """Answer: whether the member is now waiting for staff."""
    if state.screen is Screen.ATTRACT:
        return stay(state, False)
    if state.staff_called_at is not None:
        return Transition(state, answer=True)  # activity: the member is still there
    return Transition(replace(state, staff_called_at=now), (LogEvent(logging.INFO, "staff called"),), answer=True)


def answered(state: SessionState) -> Transition:
    if state.staff_called_at is None:
        return stay(state)
    return Transition(replace(state, staff_called_at=None), (LogEvent(logging.INFO, "staff call answered"),))


def waited_s(state: SessionState, now: float) -> float | None:
    return None if state.staff_called_at is None else max(0.0, now - state.staff_called_at)
