"""The kiosk's StatementFiles (kiosk/ports/statement_files.py): statement files on mounted USB
sticks and in a configured folder (drivers/usb/statement_files.py finds and reads them read-only).

A file is offered by a name unique in the listing (the folder on the stick and the file's name,
never the full path) and read only if it was in the last listing: a name from elsewhere is never
turned into a path."""

from __future__ import annotations

import threading
from pathlib import Path

from drivers.usb.statement_files import (
    MAX_BYTES,
    _mounts_text,
    read_file,
    removable_mounts,
    statement_files,
)
from kiosk.ports.statement_files import StatementFile, StatementFilesError


class UsbStatementFiles:
    def __init__(self, configured: Path | None = None, *, mounts_text: str | None = None) -> None:
        self.configured = configured
        self._mounts_text = mounts_text  # tests: /proc/mounts' text; None: the system's
        self._listed: dict[str, tuple[Path, int]] = {}
        self._lock = threading.Lock()

    def _roots(self) -> list[Path]:
        text = _mounts_text() if self._mounts_text is None else self._mounts_text
        roots = list(removable_mounts(text))
        if self.configured is not None and self.configured.is_dir():
            roots.append(self.configured)
        return roots

    def list_files(self) -> tuple[StatementFile, ...]:
        roots = self._roots()
        if not roots:
            raise StatementFilesError("NO_STICK")
        found = statement_files(self.configured, mounts_text=self._mounts_text, with_large=True)
        listed: dict[str, tuple[Path, int]] = {}
        for f in found:
            root = next((r for r in roots if f.path.is_relative_to(r)), f.path.parent)
            name = str(f.path.relative_to(root)) if f.path.is_relative_to(root) else f.path.name
            if name in listed:  # the same name on two sticks: the stick's folder tells them apart
                name = f"{root.name}/{name}"
            listed[name] = (f.path, f.size)
        with self._lock:
            self._listed = listed
        return tuple(StatementFile(n, size) for n, (_, size) in sorted(listed.items()))

    def read(self, name: str) -> bytes:
        with self._lock:
            entry = self._listed.get(name)
        if entry is None:
            raise StatementFilesError("UNREADABLE")
        path, size = entry
        if size > MAX_BYTES:
            raise StatementFilesError("TOO_LARGE")
        try:
            return read_file(path)
        except ValueError as e:
            raise StatementFilesError("TOO_LARGE") from e
        except OSError as e:
            raise StatementFilesError("UNREADABLE") from e
