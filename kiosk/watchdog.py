"""systemd's watchdog and status line for the kiosk: when to send WATCHDOG=1, and what STATUS= says.

With `WatchdogSec=` in the unit, systemd passes WATCHDOG_USEC (and WATCHDOG_PID, the process meant)
and restarts the service when no "WATCHDOG=1" arrives within that time. The kiosk sends it from its
Qt event loop (ui/watchdog.py runs a timer at half the interval and calls `Heartbeat.beat`): a loop
that is stuck in a slot, a deadlock or a C++ call that never returns runs no timer, sends nothing,
and is restarted. Headless and stdlib only: the decisions live here, the timer in ui/.

`claim()` takes the variables out of the environment at start (as sd_watchdog_enabled does with
unset_environment), so a process the kiosk starts (the demo's simulator, pcscd) is not mistaken
for the kiosk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kiosk import sd_notify
from kiosk.ports.status import KioskStatus

_claimed: dict[str, str] = {}  # WATCHDOG_USEC / WATCHDOG_PID, taken out of the environment by claim()

# A kiosk that says nothing new still repeats its status this often (seconds): `systemctl status`
# then shows a line that is at most this old, and a service manager restarted meanwhile learns it.
STATUS_REPEAT_S = 60.0


def claim() -> None:
    """Take WATCHDOG_USEC and WATCHDOG_PID for this process and out of the environment."""
    for name in ("WATCHDOG_USEC", "WATCHDOG_PID"):
        value = os.environ.pop(name, None)
        if value is not None:
            _claimed[name] = value


def interval_s(environ: Mapping[str, str] | None = None, pid: int | None = None) -> float | None:
    """How often to send WATCHDOG=1 (half of WATCHDOG_USEC, as sd_watchdog_enabled advises), or None
    when systemd asked for no watchdog, asked it of another process, or said something unreadable."""
    env = dict(_claimed) if environ is None else dict(environ)
    if environ is None:
        env.update({k: v for k, v in os.environ.items() if k in ("WATCHDOG_USEC", "WATCHDOG_PID")})
    usec_text = env.get("WATCHDOG_USEC", "")
    if not usec_text:
        return None
    try:
        usec = int(usec_text)
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid_text = env.get("WATCHDOG_PID", "")
    if pid_text:
        try:
            meant = int(pid_text)
        except ValueError:
            return None
        if meant != (os.getpid() if pid is None else pid):
            return None  # the watchdog belongs to another process (e.g. the one that started us)
    return usec / 2 / 1_000_000


def status_line(screen: str, status: KioskStatus) -> str:
    """What `systemctl status empf-kiosk` shows: the screen, the queue and the platform link.

    Names and counts only, never personal data (a member's screen is named, not its content)."""
    parts = [screen]
    if status.waiting:
        parts.append(f"{status.waiting} queued")
    if status.rejected:
        parts.append(f"{status.rejected} rejected")
    parts.append({True: "online", False: "offline", None: "platform not reached yet"}[status.online])
    if status.alerts:
        parts.append(f"{len(status.alerts)} alert{'s' if len(status.alerts) != 1 else ''}")
    return ", ".join(parts)


@dataclass
class Heartbeat:
    """One beat per timer tick from the event loop: WATCHDOG=1, with STATUS= when it changed (or has
    not been repeated for STATUS_REPEAT_S), in one datagram."""

    send: Callable[[str], bool] = sd_notify.notify
    clock: Callable[[], float] = time.monotonic
    _last_status: str = ""
    _last_status_at: float = float("-inf")
    beats: int = 0

    def message(self, status: str | None) -> str:
        """The datagram for this beat (and remember the status as sent)."""
        lines = ["WATCHDOG=1"]
        now = self.clock()
        if status is not None and (status != self._last_status or now - self._last_status_at >= STATUS_REPEAT_S):
            lines.append(f"STATUS={status.replace(chr(10), ' ')}")
            self._last_status, self._last_status_at = status, now
        return "\n".join(lines)

    def beat(self, status: str | None = None) -> bool:
        """Send this beat; True if it reached the service manager."""
        self.beats += 1
        return self.send(self.message(status))
