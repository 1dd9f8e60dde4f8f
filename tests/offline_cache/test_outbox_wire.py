"""The outbox's fast paths give exactly what the plain ones gave: timestamps as datetime writes them,
payloads sealed and sent as the same JSON text, batch bodies byte for byte as json.dumps made them."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag

from kiosk.domain import Identity, Instruction
from kiosk.ports import OutboxItem
from offline_cache.crypto import PayloadCipher
from offline_cache.json_payload import JsonPayload, encode_compact
from offline_cache.outbox import SqliteOutbox
from offline_cache.outbox_rows import iso_utc, member_payload
from offline_cache.platform_client import batch_body

KEY = bytes(range(32))
SALT = b"0123456789abcdef"
ALICE = Identity("A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1980-01-31")


def plain_iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="milliseconds")


def test_iso_utc_writes_what_datetime_writes_including_rounding_at_the_edges() -> None:
    rng = random.Random(12)
    edges = [whole + frac for whole in (0, 1, 1_700_000_000, 1_799_999_999)
             for frac in (0.0, 0.0004995, 0.0005, 0.999, 0.9994999, 0.9995, 0.9999994, 0.9999995, 0.9999999)]
    stamps = edges + [rng.uniform(0, 4e9) for _ in range(20_000)] + [rng.randrange(10**12, 2 * 10**12) / 1000
                                                                      for _ in range(20_000)]
    wrong = [(ts, iso_utc(ts), plain_iso(ts)) for ts in stamps if iso_utc(ts) != plain_iso(ts)]
    assert wrong == []


def test_encode_compact_writes_what_json_dumps_writes() -> None:
    values: list[Any] = [
        {"member": {"hkid": "A123456(3)", "name_zh": "陳大文", "n": None}, "values": {"a": [1, 2.5, True, "é"]}},
        {"big": 10**30, "tiny": 1e-300, "neg": -0.0, "nan": float("nan"), "inf": float("-inf"), "t": (1, 2)},
        {"esc": 'q"\\\n\t\u2028\x00\ud7ff', "emoji": "😀", "": {}}, [], "text", 3, None,
    ]
    for value in values:
        assert encode_compact(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    with pytest.raises(TypeError):
        encode_compact({"when": dt.date(2026, 1, 1)})


def test_sealed_text_opens_as_the_same_text_and_the_same_mapping() -> None:
    cipher = PayloadCipher(KEY)
    payload = {"member": {"hkid": "A123456(3)", "name_zh": "陳大文"}, "values": {"note": 'a"b\\c\u2028', "n": 1.5}}
    blob = cipher.seal(payload, "key-1")
    text = cipher.open_bytes(blob, "key-1")
    assert text == json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    assert cipher.open(blob, "key-1") == payload
    lazy = JsonPayload(text)
    assert lazy == payload and dict(lazy) == payload and lazy["values"]["n"] == 1.5 and len(lazy) == 2
    assert "A123456" not in repr(lazy) and "陳" not in repr(lazy)
    with pytest.raises(InvalidTag):  # bound to its row: another key does not open it
        cipher.open_bytes(blob, "key-2")
    with pytest.raises(ValueError):
        JsonPayload(b"[1, 2]")["member"]


def items_of(payloads: list[Any]) -> list[OutboxItem]:
    return [OutboxItem(row_id=n, kiosk_ref=f"EK-261206-{n:06d}", idempotency_key=f"key-{n}",
                       type="CHANGE_PARTICULARS", member_key=f"{n:032x}", payload=p,
                       queued_at="2026-12-06T00:00:00.000+00:00", attempts=1) for n, p in enumerate(payloads)]


def dumps_body(items: list[OutboxItem]) -> bytes:
    """The batch body as encoding the whole document at once writes it."""
    return json.dumps({"items": [
        {"idempotency_key": i.idempotency_key, "kiosk_ref": i.kiosk_ref, "type": i.type,
         "member_key": i.member_key, "queued_at": i.queued_at, "payload": dict(i.payload)} for i in items]},
        ensure_ascii=False, separators=(",", ":")).encode()


def test_batch_body_is_byte_for_byte_the_encoded_document(tmp_path: Path) -> None:
    outbox = SqliteOutbox(tmp_path / "outbox.sqlite", KEY, SALT)
    try:
        for n, values in enumerate([{"mobile": "91234567"}, {"address": "香港九龍彌敦道123號\n4B", "x": 0.1},
                                    {"email": 'q"uote\\@example.com', "flags": [True, None, 3]}]):
            outbox.enqueue(Instruction("CHANGE_PARTICULARS", ALICE if n != 1 else Identity("CA182361(1)"), values))
        claimed = outbox.next_batch(10)
    finally:
        outbox.close()
    assert claimed and all(isinstance(i.payload, JsonPayload) for i in claimed)
    assert batch_body(claimed) == dumps_body(claimed)
    # A payload given as a plain mapping (any other outbox) is encoded the same way.
    plain = items_of([member_payload(Instruction("CHANGE_PARTICULARS", ALICE, {"mobile": "9"})), {"values": {}}])
    assert batch_body(plain) == dumps_body(plain)
    assert batch_body([]) == b'{"items":[]}'
