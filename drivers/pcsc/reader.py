"""`PcscCardReader`: the kiosk's `CardReader` port on PC/SC (pcscd + pyscard).

`read_identity` always returns a `CardReadResult`: every failure, including bugs in a
profile, becomes a `CardError` whose detail is safe to log and show technicians.
"""

from __future__ import annotations

import logging
import time
import traceback

from kiosk.domain.mrz import MrzKey
from kiosk.ports import CardError, CardErrorCode, CardEvents, CardReadResult

from ..cards.profile import CardDataError, NotThisCard, ProfileOutcome
from ..cards.registry import ProfileRegistry, default_registry
from . import tlv
from .channel import CardChannel
from .context import list_readers
from .errors import (
    CardIOError,
    CardRemovedError,
    NoCardError,
    PcscUnavailable,
    ReaderBusyError,
    ReaderNotFound,
)
from .monitor import PcscMonitor

log = logging.getLogger(__name__)

# Most specific first: several are subclasses of CardIOError.
_ERROR_CODES: tuple[tuple[type[Exception], CardErrorCode], ...] = (
    (PcscUnavailable, CardErrorCode.NO_READER),
    (ReaderNotFound, CardErrorCode.NO_READER),
    (NoCardError, CardErrorCode.REMOVED),
    (CardRemovedError, CardErrorCode.REMOVED),
    (ReaderBusyError, CardErrorCode.READER_BUSY),
    (NotThisCard, CardErrorCode.UNKNOWN_CARD),
    (CardDataError, CardErrorCode.UNREADABLE),
    (tlv.TlvError, CardErrorCode.UNREADABLE),
    (CardIOError, CardErrorCode.UNREADABLE),
)


# Exceptions whose messages this package writes (no personal data in them).
_EXPECTED = (CardIOError, CardDataError, NotThisCard, tlv.TlvError, ProfileOutcome)


def error_code(exc: Exception) -> CardErrorCode:
    if isinstance(exc, ProfileOutcome):
        return exc.code
    for kind, code in _ERROR_CODES:
        if isinstance(exc, kind):
            return code
    return CardErrorCode.UNREADABLE


class PcscCardReader:
    """Readers and cards through pcscd.

    `connect_retry_seconds` covers the moment after an insert when pcscd is still powering the
    card; `removal_grace_seconds` bounds the wait for pcscd to confirm a card was pulled when
    an exchange fails (pcscd looks about every 0.4 s).
    """

    def __init__(
        self,
        registry: ProfileRegistry | None = None,
        *,
        connect_retry_seconds: float = 0.3,
        removal_grace_seconds: float = 1.0,
        monitor_poll_seconds: float = 0.5,
    ) -> None:
        self.registry = registry if registry is not None else default_registry()
        self._connect_retry = connect_retry_seconds
        self._removal_grace = removal_grace_seconds
        self._monitor_poll = monitor_poll_seconds
        self._monitor: PcscMonitor | None = None

    def readers(self) -> list[str]:
        return list_readers()

    def start(self, events: CardEvents) -> None:
        """Events arrive on the monitor thread; cards already present come as inserts.
        Starting again replaces the listener (the old watcher is stopped first)."""
        self.stop()
        self._monitor = PcscMonitor(events, poll_seconds=self._monitor_poll)
        self._monitor.start()

    def stop(self) -> None:
        monitor, self._monitor = self._monitor, None
        if monitor is not None:
            monitor.stop()

    def read_identity(self, reader: str, key: MrzKey | None = None) -> CardReadResult:
        started = time.monotonic()
        apdus = 0
        try:
            with CardChannel.open(
                reader, retry_seconds=self._connect_retry, removal_grace=self._removal_grace
            ) as card:
                try:
                    identity = self.registry.read_identity(card, key)
                finally:
                    apdus = card.apdu_count
        except Exception as exc:  # the port promises a result, never an exception
            code = error_code(exc)
            if isinstance(exc, _EXPECTED):
                detail = f"{exc.__class__.__name__}: {exc}"
            else:
                # A bug. Its message could hold anything, card data included: log where it
                # happened (frames only) and keep only the exception's type in the result.
                detail = f"internal error ({exc.__class__.__name__})"
                log.error(
                    "card read on %s failed unexpectedly: %s\n%s",
                    reader, exc.__class__.__name__, "".join(traceback.format_tb(exc.__traceback__)),
                )
            log.info(
                "card read failed: reader=%s code=%s apdus=%d ms=%.0f detail=%s",
                reader, code.value, apdus, (time.monotonic() - started) * 1000, detail,
            )
            return CardReadResult(error=CardError(code, detail))
        log.info(
            "card read ok: reader=%s apdus=%d ms=%.0f", reader, apdus, (time.monotonic() - started) * 1000
        )
        return CardReadResult(identity=identity)
