"""What one row of the outbox holds, and the values made for it at enqueue: the table's columns,
the idempotency key and the kiosk reference, the member's payload (sealed by the outbox) and its
ordering pseudonym, and the shape of an instruction moving between outboxes (export bundle, salvage).
offline_cache/outbox.py keeps the rows; this module has no database in it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.domain import Identity, Instruction
from kiosk.ports import OutboxState

_REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread
_REF_LETTERS = bytes(ord(_REF_ALPHABET[b & 31]) for b in range(256))  # a byte -> a letter (bytes.translate)

SCHEMA: dict[str, Any] = {
    "id": int,
    "kiosk_ref": str,
    "idempotency_key": str,
    "type": str,
    "member_key": str,
    "payload": bytes,
    "state": str,
    "attempts": int,
    "next_attempt_at": float,
    "queued_at": str,
    "updated_at": str,
    "platform_ref": str,
    "reason_code": str,
    "reason_zh": str,
    "reason_en": str,
    "last_error": str,
    "origin": str,  # NULL: confirmed here; "bundle:<device>" or "salvage:<file>" when brought in
}


@functools.lru_cache(maxsize=4)
def _utc_second(second: int) -> str:
    return dt.datetime.fromtimestamp(second, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def iso_utc(ts: float) -> str:
    """`2026-11-26T03:04:05.678+00:00`, exactly as datetime's isoformat(timespec="milliseconds")
    writes it, with the date and time of the second made once per second (an enqueue and the sync
    side stamp rows many times a second)."""
    frac, whole = math.modf(ts)
    second, micros = int(whole), round(frac * 1e6)  # datetime rounds to microseconds half-even too
    if micros >= 1_000_000:
        second, micros = second + 1, micros - 1_000_000
    elif micros < 0:
        second, micros = second - 1, micros + 1_000_000
    return f"{_utc_second(second)}.{micros // 1000:03d}+00:00"


def new_idempotency_key() -> str:
    """A random (version 4) UUID as text, as uuid.uuid4() would give, at a fraction of its cost
    (it is made on the receipt's critical path)."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40  # version 4
    b[8] = (b[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@functools.lru_cache(maxsize=4)
def _ref_day(day: dt.date) -> str:
    return day.strftime("%y%m%d")


def new_kiosk_ref(today: dt.date | None = None) -> str:
    """Short enough to read out over the phone: `EK-261126-7QX4M2`."""
    day = _ref_day(today or dt.date.today())
    # 6 characters of a 32-letter alphabet = 30 random bits: six random bytes from one call to the
    # OS's CSPRNG, each mapped to a letter by its low 5 bits (256 is a multiple of 32: uniform).
    return f"EK-{day}-" + os.urandom(6).translate(_REF_LETTERS).decode("ascii")


def member_payload(instruction: Instruction) -> dict[str, Any]:
    m = instruction.member
    return {
        "member": {
            "hkid": m.hkid,
            "name_en": m.name_en,
            "name_zh": m.name_zh,
            "date_of_birth": m.date_of_birth,
            "source": m.source.value,
            # Only when staff confirmed the HKID card for a typed number (docs/platform-api.yaml).
            **({"verified_by_staff": m.verified_by_staff} if m.verified_by_staff else {}),
        },
        "values": dict(instruction.values),
        # The platform's sign-in assertion for this member (docs/sign-in.md): checked at delivery,
        # then dropped by the platform. Sealed with the rest of the payload, never in clear on disk.
        **({"sign_in": instruction.sign_in.assertion}
           if instruction.sign_in is not None and instruction.sign_in.hkid == m.hkid else {}),
    }


def member_key_of(payload: Mapping[str, Any], salt: bytes) -> str:
    """The ordering pseudonym of a payload's member under this kiosk's salt ('' if it names none)."""
    member = payload.get("member")
    hkid = member.get("hkid") if isinstance(member, Mapping) else None
    return Identity(hkid).member_key(salt) if isinstance(hkid, str) and hkid else ""


@dataclass(frozen=True)
class TransferItem:
    """An instruction moving between outboxes (export bundle, salvage): decrypted, in memory only."""

    kiosk_ref: str
    idempotency_key: str
    type: str
    queued_at: str
    payload: Mapping[str, Any] | None = field(repr=False)  # None for a status row whose data was purged
    state: str = OutboxState.QUEUED.value
    attempts: int = 0
    platform_ref: str = ""
    reason_code: str = ""
    reason_zh: str = ""
    reason_en: str = ""


@dataclass(frozen=True)
class ImportResult:
    imported: int = 0
    already_present: int = 0  # this outbox already holds the key: never a second copy
    conflicts: tuple[str, ...] = ()  # kiosk_refs taken by a different instruction (not imported)


