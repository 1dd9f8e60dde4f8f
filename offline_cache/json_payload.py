"""A decrypted payload kept as the JSON text it was sealed as, parsed only if someone reads it.

The sync path opens every claimed row and sends its payload on in a batch body: parsing the text
into a dict and encoding the dict back into the same text would be two passes of work per
instruction for nothing. The text can be trusted as it is: AES-GCM authenticated it, and it was
written by the outbox's own JSON encoder (offline_cache.crypto), the same one the batch body uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any


class JsonPayload(Mapping[str, Any]):
    """A read-only mapping over one JSON object's text (UTF-8); `text` is sent as it is."""

    __slots__ = ("_parsed", "text")

    def __init__(self, text: bytes) -> None:
        self.text = text
        self._parsed: dict[str, Any] | None = None

    def _doc(self) -> dict[str, Any]:
        if self._parsed is None:
            doc = json.loads(self.text)
            if not isinstance(doc, dict):
                raise ValueError("the payload is not a JSON object")
            self._parsed = doc
        return self._parsed

    def __getitem__(self, key: str) -> Any:
        return self._doc()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._doc())

    def __len__(self) -> int:
        return len(self._doc())

    def __repr__(self) -> str:  # personal data: never printed
        return f"JsonPayload({len(self.text)} bytes)"
