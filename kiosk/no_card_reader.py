"""A CardReader for processes that never read a card: CLI commands, the update self-test, headless
harnesses and tests. It opens no PC/SC context, so those run on machines without pcscd."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.domain.mrz import MrzKey
from kiosk.ports import CardEvents, CardReadResult


class NoCardReader:
    def __init__(self, why: str = "no card reader in this process", readers: Sequence[str] = ()) -> None:
        self._why = why
        self._readers = list(readers)  # names to list, for screens that show the readers present

    def readers(self) -> list[str]:
        return list(self._readers)

    def start(self, events: CardEvents) -> None:
        pass

    def stop(self) -> None:
        pass

    def read_identity(self, reader: str, key: MrzKey | None = None) -> CardReadResult:
        raise RuntimeError(self._why)
