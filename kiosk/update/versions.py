"""Bundle versions: dotted integers (`0.2.0`, `1.4.12.3`), compared numerically.

Deliberately narrower than PEP 440: a version string is what the no-rollback rule compares, so
there is exactly one way to read it."""

from __future__ import annotations

import re

_VERSION = re.compile(r"^\d{1,6}(\.\d{1,6}){1,3}$")


def parse(text: str) -> tuple[int, ...]:
    if not _VERSION.match(text):
        raise ValueError(f"not a bundle version: {text!r} (expected e.g. 0.2.0)")
    parts = tuple(int(p) for p in text.split("."))
    # 0.2 == 0.2.0: pad so that comparison does not depend on how many zeros were written
    return parts + (0,) * (4 - len(parts))


def newer(candidate: str, than: str) -> bool:
    return parse(candidate) > parse(than)
