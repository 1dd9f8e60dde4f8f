"""Bundle versions: dotted integers (`0.2.0`, `1.4.12.3`), compared numerically.

Deliberately narrower than PEP 440: a version string is what the no-rollback rule compares, so
there is exactly one way to read it."""

from __future__ import annotations

import re
from pathlib import Path

# Where a bundle keeps its own version: build/kiosk.spec adds the file as data at the bundle's top,
# which PyInstaller puts in the contents folder `_internal/` (sys._MEIPASS, where kiosk.doctor reads it).
BUNDLE_VERSION_FILE = "_internal/empf_kiosk_version.txt"

_VERSION = re.compile(r"^\d{1,6}(\.\d{1,6}){1,3}$")


def parse(text: str) -> tuple[int, ...]:
    if not _VERSION.match(text):
        raise ValueError(f"not a bundle version: {text!r} (expected e.g. 0.2.0)")
    parts = tuple(int(p) for p in text.split("."))
    # 0.2 == 0.2.0: pad so that comparison does not depend on how many zeros were written
    return parts + (0,) * (4 - len(parts))


def newer(candidate: str, than: str) -> bool:
    return parse(candidate) > parse(than)


def bundle_version(bundle: Path) -> str | None:
    """The version a bundle folder says it is, None if it has no readable version file."""
    try:
        text = (bundle / BUNDLE_VERSION_FILE).read_text().strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None
