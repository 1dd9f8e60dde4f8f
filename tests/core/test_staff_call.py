"""The member's "call staff" in the headless core: waiting since the first press, only inside a
member's session, cleared when staff answer, forgotten with the session; no Qt."""

from __future__ import annotations

from kiosk.core.session import Session
from kiosk.core.state import Screen


class Clock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


def test_the_attract_screen_has_nobody_to_wait() -> None:
    s = Session(monotonic=Clock())
    assert s.call_staff() is False
    assert s.state.staff_called_at is None and s.staff_waiting_s() is None


def test_waiting_counts_from_the_first_press_until_staff_answer() -> None:
    clock = Clock()
    s = Session(monotonic=clock)
    drawn: list[float | None] = []
    s.subscribe(lambda: drawn.append(s.state.staff_called_at))
    s.start()
    assert s.call_staff() is True
    assert s.state.staff_called_at == 500.0 and drawn[-1] == 500.0  # the screens are told
    clock.t += 40
    assert s.call_staff() is True  # pressed again: still waiting since the first press
    assert s.state.staff_called_at == 500.0 and s.staff_waiting_s() == 40.0
    clock.t += 20
    s.set_language("en")  # using the kiosk meanwhile does not cancel the call
    assert s.staff_waiting_s() == 60.0
    s.staff_answered()
    assert s.state.staff_called_at is None and s.staff_waiting_s() is None


def test_the_call_is_member_activity() -> None:
    clock = Clock()
    s = Session(idle_timeout_s=120, idle_warning_s=30, monotonic=clock)
    s.start()
    clock.t += 100
    s.call_staff()
    clock.t += 100  # 200 s after the start, 100 s after the call: not timed out
    assert s.tick().value != "expired" and s.state.screen is Screen.IDENTIFY


def test_a_wipe_forgets_the_call() -> None:
    s = Session(monotonic=Clock())
    s.start()
    s.call_staff()
    s.wipe()
    assert s.state.screen is Screen.ATTRACT and s.state.staff_called_at is None
    s.start()  # the next member is not waiting for anyone
    assert s.state.staff_called_at is None
