"""A decrypted payload kept as the JSON text it was sealed as, parsed only if someone reads it.

The sync path opens every claimed row and sends its payload on in a batch body: parsing the text
into a dict and encoding the dict back into the same text would be two passes of work per
instruction for nothing. The text can be trusted as it is: AES-GCM authenticated it, and it was
written by the outbox's own JSON encoder (offline_cache.crypto), the same one the batch body uses.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any


def _compact_encoder() -> Callable[[Any], str]:
    """What json.dumps(value, ensure_ascii=False, separators=(",", ":")) returns, for the outbox's
    payloads and batch bodies. json.dumps builds a JSONEncoder and then a C encoder on every call,
    which costs more than encoding one small payload; this builds the same C encoder (the one
    json.dumps itself uses) once. Without circular-reference markers: payloads are trees of fresh
    dicts and lists (a cycle would end in RecursionError instead of ValueError)."""
    make: Callable[..., Callable[[Any, int], Sequence[str]]] | None = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator: the stdlib's own path
        return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    chunks = make(None, json.JSONEncoder().default, json.encoder.encode_basestring, None, ":", ",",
                  False, False, True)  # sort_keys, skipkeys, allow_nan: json.dumps's defaults

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode


encode_compact = _compact_encoder()


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
