"""Counters for GET /admin/stats: requests by route and status, item outcomes, faults injected.

Updated only from the event loop thread, so plain counters need no lock.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any


class Stats:
    def __init__(self) -> None:
        self._requests: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._items: Counter[str] = Counter({"accepted": 0, "duplicate": 0, "rejected": 0})
        self._faults: Counter[str] = Counter()

    def record_request(self, route: str, status: int | str) -> None:
        """`status` is the HTTP status sent, or "dropped" when the connection closed without one."""
        self._requests[route][str(status)] += 1

    def record_items(self, statuses: Iterable[str]) -> None:
        self._items.update(statuses)

    def record_fault(self, name: str) -> None:
        self._faults[name] += 1

    def snapshot(self) -> dict[str, Any]:
        return {
            "requests": {route: dict(sorted(c.items())) for route, c in sorted(self._requests.items())},
            "items": dict(self._items),
            "faults": dict(sorted(self._faults.items())),
        }
