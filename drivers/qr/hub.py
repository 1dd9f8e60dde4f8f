"""All the kiosk's QR sources as one QrSource, with the same code within a second read once."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from kiosk.ports import QrEvents, QrRead, QrSource

from .dedup import Dedup

log = logging.getLogger(__name__)


class QrHub:
    """Starts every source with itself as their listener; forwards fresh reads to one listener.

    De-duplication is across sources too: a member holding a phone under the hand scanner while the
    camera also sees it gets one read."""

    def __init__(self, sources: Iterable[QrSource] = (), dedup: Dedup | None = None) -> None:
        self.sources: list[QrSource] = list(sources)
        self.dedup = dedup or Dedup()
        self._events: QrEvents | None = None

    def add(self, source: QrSource) -> None:
        self.sources.append(source)
        if self._events is not None:
            source.start(self)

    def start(self, events: QrEvents) -> None:
        self._events = events
        for s in self.sources:
            try:
                s.start(self)
            except Exception as e:  # a missing scanner must not stop the others
                log.warning("QR source %s did not start: %s", type(s).__name__, type(e).__name__)

    def stop(self) -> None:
        self._events = None
        for s in self.sources:
            try:
                s.stop()
            except Exception as e:
                log.warning("QR source %s did not stop cleanly: %s", type(s).__name__, type(e).__name__)

    def qr_read(self, read: QrRead) -> None:
        events = self._events
        if events is None or not self.dedup.fresh(read.payload, read.at or None):
            return
        events.qr_read(read)
