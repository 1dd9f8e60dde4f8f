"""The simulated SMS gateway: messages the platform "sends" to members' phones, kept in memory.

Tests and the demo's simulated phone read them from the loopback-only `GET /admin/sms`. A real
gateway is the only place a one-time code exists in clear; here that is this in-memory list, which
is bounded and never written to disk or to the log.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_MESSAGES = 200


@dataclass(frozen=True)
class Sms:
    to: str  # +852 and 8 digits
    text: str
    sent_at: float


class SmsGateway:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._sent: deque[Sms] = deque(maxlen=MAX_MESSAGES)

    def send(self, mobile: str, text: str) -> None:
        with self._lock:
            self._sent.append(Sms(f"+852{mobile}", text, self._clock()))

    def messages(self, to: str | None = None) -> list[dict[str, Any]]:
        """Sent messages, oldest first; `to` keeps those to one number (+852 optional)."""
        want = None if not to else (to if to.startswith("+852") else f"+852{to}")
        with self._lock:
            return [{"to": m.to, "text": m.text, "sent_at": m.sent_at}
                    for m in self._sent if want is None or m.to == want]

    def clear(self) -> None:
        with self._lock:
            self._sent.clear()
