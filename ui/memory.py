"""Give back what a member's session used, once the member has gone (part of the wipe).

Three things outlive a wiped session although nothing refers to them any more:

- Qt's QPixmapCache (10 MB by default) keeps every pixmap a QLabel or a button drew through QIcon,
  among them the receipt's QR code of the reference number: renderings of the member's screens,
  kept until the cache happens to evict them. Cleared here; what the next member needs (a style's
  bevels, the state icons) is drawn again on demand in well under a millisecond.
- glibc keeps freed heap memory (the step widgets, the review's labels) in its arenas instead of
  returning it to the system: the resident size creeps up with fragmentation although the memory
  in use does not (see docs/memory.md). `malloc_trim(0)` returns those free pages, which also
  means freed pages that held member data go back to the kernel rather than waiting for reuse.

- Python objects the session left in reference cycles (widgets' wrappers, signal closures holding
  a member's values) are freed only when the collector's oldest generation runs, which with the
  kiosk's ~60,000 long-lived objects is rare: meanwhile the pages they sit on cannot be trimmed and
  the resident size drifted up by ~3% over sessions 100-1,000 (docs/memory.md). A full collection
  (~15 ms, the member gone) frees them first, and member data in them with it.

The trim is a no-op where there is no glibc (musl, macOS): nothing else depends on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

_trim: Callable[[int], int] | None = None
_looked = False


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where the C library has none."""
    global _trim, _looked
    if _looked:
        return _trim
    _looked = True
    import ctypes  # here, not at import: start-up time

    try:
        fn = ctypes.CDLL(None).malloc_trim  # the symbols already loaded: glibc's, if this is glibc
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_size_t]
    fn.restype = ctypes.c_int
    _trim = fn
    return _trim


def return_free_heap() -> bool:
    """Hand the C heap's free pages back to the system; False where that is not possible."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def release_after_wipe() -> None:
    """Drop Qt's pixmap cache, collect the session's cyclic garbage and return free heap pages.
    Run after the wiped session's widgets are gone (the main window schedules it for the event
    loop's next turn after a wipe)."""
    import gc

    from PySide6.QtGui import QPixmapCache

    QPixmapCache.clear()
    gc.collect()  # before the trim: the pages the session's cyclic garbage held can then go back
    if not return_free_heap():
        log.debug("malloc_trim not available: freed memory stays with the allocator")
