"""Statement files on a USB stick, found and read without ever writing to the stick.

Where a stick is: the mount points under /media and /run/media (where udisks and desktop
automounters put removable media) listed in /proc/self/mounts, plus a folder the kiosk is
configured with (a kiosk image that mounts sticks elsewhere, and the tests). The kiosk image
mounts sticks read-only (`ro`); the reader does not rely on it: it only ever opens files with
O_RDONLY | O_NOFOLLOW | O_NOATIME where allowed, never creates, renames or deletes anything, and
reads at most MAX_FILES files of at most MAX_BYTES each from the top two folder levels. What the
bytes mean is the domain's business (kiosk/domain/statement_csv.py), not this module's.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MEDIA_ROOTS = ("/media", "/run/media")
MAX_FILES = 50
MAX_BYTES = 2 * 1024 * 1024
SUFFIXES = (".csv",)


@dataclass(frozen=True)
class StickFile:
    path: Path
    size: int
    read_only_mount: bool  # the stick is mounted `ro` (a warning sign for the technician when False)


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces, tabs and backslashes in paths as octal escapes (\\040)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def removable_mounts(mounts_text: str, roots: Iterable[str] = MEDIA_ROOTS) -> dict[Path, bool]:
    """Mount point -> mounted read-only, for the mounts under `roots` in /proc/mounts' text."""
    found: dict[Path, bool] = {}
    prefixes = tuple(r.rstrip("/") + "/" for r in roots)
    for line in mounts_text.splitlines()[:1000]:
        parts = line.split()
        if len(parts) < 4:
            continue
        point = _unescape(parts[1])
        if point.startswith(prefixes):
            found[Path(point)] = "ro" in parts[3].split(",")
    return found


def _mounts_text() -> str:
    try:
        return Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _candidates(folder: Path) -> list[Path]:
    out: list[Path] = []
    try:
        top = sorted(folder.iterdir())
    except OSError:
        return out
    for entry in top:
        if entry.name.startswith("."):
            continue  # hidden files: system folders and resource forks other computers leave
        if entry.is_dir() and not entry.is_symlink():
            try:
                out.extend(p for p in sorted(entry.iterdir()) if not p.name.startswith("."))
            except OSError:
                continue
        else:
            out.append(entry)
    return out


def statement_files(configured: Path | None = None, *, mounts_text: str | None = None,
                    with_large: bool = False) -> list[StickFile]:
    """The CSV files on mounted sticks (and in `configured`), at most MAX_FILES, in name order;
    `with_large`: files over MAX_BYTES too (listed so the member can be told, never read)."""
    folders = removable_mounts(_mounts_text() if mounts_text is None else mounts_text)
    if configured is not None:
        folders.setdefault(configured, False)
    found: list[StickFile] = []
    for folder, read_only in folders.items():
        for path in _candidates(folder):
            if path.suffix.lower() not in SUFFIXES:
                continue
            try:
                info = path.lstat()
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and (with_large or info.st_size <= MAX_BYTES):
                found.append(StickFile(path, info.st_size, read_only))
            if len(found) >= MAX_FILES:
                return found
    return found


def read_file(path: Path) -> bytes:
    """A file's bytes, opened read-only (no symlinks followed, no access time written where the
    system allows it); raises OSError, or ValueError for a file over MAX_BYTES."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    noatime = getattr(os, "O_NOATIME", 0)
    try:
        fd = os.open(path, flags | noatime)
    except PermissionError:
        fd = os.open(path, flags)  # O_NOATIME needs the file's owner; a read-only mount writes no atime anyway
    except OSError as e:
        if e.errno != errno.EINVAL:
            raise
        fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"over {MAX_BYTES} bytes")
    return data
