"""Helpers for the outbox/sync tests (no tests here): fictional members, instructions with a unique
marker (so the platform's copy of each can be counted), a kiosk's offline_cache parts on real files.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kiosk.domain import Identity, Instruction
from kiosk.domain.hkid import check_character
from offline_cache.keystore import FileKeystore
from offline_cache.outbox import SqliteOutbox
from offline_cache.platform_client import HttpPlatformClient
from offline_cache.sync import SyncEngine

KNOWN_HKID = "A123456(3)"  # the fictional member of the docs; tests grep files for it
KNOWN_NAME = "CHAN TAI MAN"


def fictional_member(n: int) -> Identity:
    """A valid (check character and all) but fictional HKID: prefix Z, digits from n."""
    digits = f"{n % 1_000_000:06d}"
    prefix = "Z" if n < 1_000_000 else "XZ"
    return Identity(f"{prefix}{digits}({check_character(prefix, digits)})", name_en=f"TEST MEMBER {n}")


ALICE = Identity(KNOWN_HKID, name_en=KNOWN_NAME, name_zh="陳大文")


def marked(n: int, member: Identity | None = None, *, valid: bool = True) -> Instruction:
    """Instruction number n with a unique marker in its values (the email). Invalid ones name a fund
    the platform does not know, so the platform rejects them (an item verdict, not a batch error)."""
    who = member or fictional_member(n)
    if not valid:
        return Instruction("FUND_SWITCH", who, {"scheme_account": "ACC-1", "allocation": {"NOSUCHFUND": 100},
                                                "email": f"m{n}@example.com"})
    return Instruction("CHANGE_PARTICULARS", who, {"mobile": f"9{n % 10_000_000:07d}", "email": f"m{n}@example.com"})


def marker_of(held: dict[str, Any]) -> str:
    return str(held["payload"]["values"]["email"])


def count_markers(held: Iterable[dict[str, Any]]) -> collections.Counter[str]:
    return collections.Counter(marker_of(h) for h in held)


class KioskParts:
    """One terminal's offline_cache on real files in `data`, talking to `url`."""

    def __init__(self, data: Path, url: str, *, batch_size: int = 20, timeout_s: float = 5.0,
                 clock: Callable[[], float] = time.time, **outbox_options: Any) -> None:
        self.data = data
        self.keystore = FileKeystore(data / "keys")
        self.outbox = SqliteOutbox(data / "outbox.sqlite", self.keystore.data_key(), self.keystore.member_salt(),
                                   clock=clock, **outbox_options)
        self.client = HttpPlatformClient(url, self.keystore.device_credentials, timeout_s=timeout_s, clock=clock)
        self.engine = SyncEngine(self.outbox, self.client, batch_size=batch_size, clock=clock)

    def enrol(self, sim: Any, code: str | None = None, name: str = "test-kiosk") -> None:
        if code is None:
            code = f"CODE-{time.monotonic_ns()}"
            sim.add_enrolment_code(code)
        self.keystore.save_device_credentials(*self.client.enrol(code, name))

    def states(self) -> dict[str, int]:
        return dict(self.outbox.counts().by_state)

    def close(self) -> None:
        self.client.close()
        self.outbox.close()


def data_files(directory: Path, prefix: str = "outbox.sqlite") -> bytes:
    """The database and its -wal/-shm, concatenated, for grepping."""
    return b"".join(p.read_bytes() for p in sorted(directory.iterdir()) if p.name.startswith(prefix))


def wait_until(predicate: Callable[[], bool], timeout_s: float, interval_s: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval_s)
    return predicate()
