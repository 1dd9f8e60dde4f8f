"""Work-arounds for the Qt bindings this kiosk runs on.

PySide6 6.12's abi3 wheel returns None from void methods (update(), setText(), processEvents(), …)
without taking a reference to it. From Python 3.12 on None is immortal and that is harmless; on 3.11
None's reference count falls by one per call and the process aborts with "none_dealloc: deallocating
None" after a few thousand calls, i.e. within seconds of a member using the kiosk. The real fix is a
venv on Python >= 3.12 (see docs/ui.md); until then, when the leak is measured, None is given the
kind of reference count 3.12 gives it, so it can never reach zero.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_PROBE_CALLS = 200
_HEADROOM = 1 << 60  # far from both zero and the Py_ssize_t maximum


def none_refcount_leaks() -> bool:
    """True when a void Qt call leaks a reference to None (measured, not assumed)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # returns void
    return sys.getrefcount(None) <= before - _PROBE_CALLS // 2


_checked: bool | None = None


def protect_none_refcount() -> bool:
    """Make None effectively immortal if the bindings leak it; returns whether that was needed.

    Cheap after the first call; called from ui/__init__.py and again from the entry points, because
    a stale editable install can import `ui` as a namespace package without running __init__.py."""
    global _checked
    if _checked is not None:
        return _checked
    if sys.version_info >= (3, 12):
        _checked = False  # PEP 683: None is immortal already
        return False
    _checked = none_refcount_leaks()
    if _checked:
        refcnt = ctypes.c_ssize_t.from_address(id(None))
        if refcnt.value < _HEADROOM:
            refcnt.value += _HEADROOM
        log.warning("PySide6 leaks references to None on Python %d.%d; None pinned. Use Python >= 3.12.",
                    *sys.version_info[:2])
    return _checked
