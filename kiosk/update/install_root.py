"""Where the two install slots live: a module of its own so that `kiosk --help` and `kiosk run`
can name it without loading the installer (HTTP, tar, crypto)."""

from __future__ import annotations

import sys
from pathlib import Path


def default_root() -> Path:
    """The install root when running from a slot (…/slots/a/empf-kiosk), else /opt/empf-kiosk."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable).resolve()
        if exe.parent.parent.name == "slots":
            return exe.parent.parent.parent
    return Path("/opt/empf-kiosk")
