"""Work-arounds for the Qt bindings this kiosk runs on.

PySide6 6.12's abi3 wheel returns None from void methods (update(), setText(), processEvents(), …)
without taking a reference to it. From Python 3.12 on None is immortal and that is harmless; on 3.11
None's reference count falls by one per call and the process aborts with "none_dealloc: deallocating
None" after a few thousand calls, i.e. within seconds of a member using the kiosk. The real fix is a
venv on Python >= 3.12 (see docs/ui.md); until then, when the leak is measured, None is given the
kind of reference count 3.12 gives it, so it can never reach zero.

PySide6's `__feature__` support (snake_case and true_property, which the kiosk does not use) hooks
every import once PySide6 is loaded and, for each module it has not seen, reads the module's whole
source (inspect.getsource, kept in linecache) to see whether it mentions PySide6: about 60 modules
and ~8 ms before the attract screen's first paint, and every source file's text held in memory.
`skip_feature_source_scan` gives it the answer without reading the files.
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


def _mentions_pyside(module: object) -> bool:
    """PySide's default for a module that never imports __feature__: features apply to the modules
    that use Qt. Answered from the module's name: the kiosk's Qt shell (`ui`), the bindings and the
    main script; a module that does import __feature__ sets its own selection whatever this says."""
    name = str(getattr(module, "__name__", ""))
    return name.split(".")[0] in {"ui", "PySide6", "shiboken6", "__main__"}


def skip_feature_source_scan() -> bool:
    """Replace PySide's source-reading check (see the module's docstring); True if it was found.
    A PySide without it (another version) is left as it is. PySide6 is imported here: on Python
    3.12+ nothing before this call has (protect_none_refcount has nothing to measure there), and the
    hook is installed by that import."""
    import PySide6  # noqa: F401  # installs the __feature__ import hook and its module

    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _mentions_pyside  # type: ignore[attr-defined]
    return True
