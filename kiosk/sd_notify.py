"""Tell systemd (or whatever started the kiosk) that it is ready: the sd_notify protocol.

With `Type=notify` in the unit, systemd sets NOTIFY_SOCKET and waits for "READY=1"; the kiosk sends
it once its attract screen has been painted and a tap would be handled (ui/app.py), so
`systemctl start` returns when a member can use the screen, and `bench/startup.py` times start-up
the same way. WATCHDOG=1 and STATUS= go the same way (kiosk/watchdog.py, sent from the event loop by
ui/watchdog.py). Without NOTIFY_SOCKET this does nothing. Stdlib only.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)

_claimed: str | None = None  # $NOTIFY_SOCKET, taken out of the environment by claim()


def claim() -> None:
    """Take $NOTIFY_SOCKET for this process and out of the environment, as sd_notify's
    unset_environment does: processes the kiosk starts (the demo's simulator, pcscd, which speaks
    the protocol too) must not tell systemd they are the kiosk."""
    global _claimed
    address = os.environ.pop("NOTIFY_SOCKET", "")
    if address:
        _claimed = address


def notify(state: str = "READY=1") -> bool:
    """Send `state` to $NOTIFY_SOCKET; True if it was sent. Never raises: the kiosk runs on either way."""
    address = _claimed or os.environ.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    import socket  # here: only a kiosk started this way pays for it

    if address.startswith("@"):  # Linux abstract namespace
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(state.encode())
    except OSError as e:
        log.warning("could not notify the service manager (%s)", type(e).__name__)
        return False
    return True
