"""Statement files on a USB stick at the kiosk (docs/contribution-statement.md, "Many members from a
file"): what is there, by name and size only, and one file's bytes. Both block (a stick may be slow):
the UI calls them off its thread. The kiosk's implementation is drivers/usb/statement_source.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class StatementFile:
    """A file offered to the member: a name unique within the listing, and its size in bytes."""

    name: str
    size: int


class StatementFilesError(Exception):
    """No usable answer. `code`: NO_STICK (no stick is mounted), TOO_LARGE, UNREADABLE (gone since
    it was listed, or a read error)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class StatementFiles(Protocol):
    def list_files(self) -> tuple[StatementFile, ...]:
        """The statement files found, in name order; raises StatementFilesError("NO_STICK") when no
        stick (nor the configured folder) is there."""
        ...

    def read(self, name: str) -> bytes:
        """The bytes of a file by its name in the last listing; raises StatementFilesError."""
        ...
