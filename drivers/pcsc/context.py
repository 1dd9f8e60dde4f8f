"""A PC/SC context (one connection to pcscd) and the status queries built on it.

Uses pyscard's thin `smartcard.scard` binding rather than its object layer, because the kiosk
needs the exact PC/SC result codes (to tell a pulled card from a broken one) and resources
that are released when we say so, not in a `__del__` that may raise.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import TracebackType

from smartcard import scard

from .errors import CardIOError, PcscUnavailable, ReaderNotFound

log = logging.getLogger(__name__)

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"

# Result codes that mean pcscd itself is gone (stopped, restarted, socket broken).
SERVICE_GONE = frozenset(
    {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_F_COMM_ERROR,
     scard.SCARD_E_INVALID_HANDLE}
)
READER_GONE = frozenset({scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE})


def code(hresult: int) -> str:
    """A PC/SC result code as technicians look it up: 0x8010000C."""
    return f"0x{hresult & 0xFFFFFFFF:08X}"


def raise_for(hresult: int, what: str) -> None:
    """Raise the driver exception for a failed PC/SC call; return on success."""
    if hresult == scard.SCARD_S_SUCCESS:
        return
    if hresult in SERVICE_GONE:
        raise PcscUnavailable(f"{what}: pcscd unavailable ({code(hresult)})")
    if hresult in READER_GONE:
        raise ReaderNotFound(f"{what}: reader unavailable ({code(hresult)})")
    raise CardIOError(f"{what}: {code(hresult)}")


@dataclass(frozen=True)
class ReaderState:
    reader: str
    event_state: int  # SCARD_STATE_* flags; pcsc-lite keeps an event counter in the high word
    atr: bytes

    @property
    def present(self) -> bool:
        return bool(self.event_state & scard.SCARD_STATE_PRESENT)

    @property
    def counter(self) -> int:
        """Insert/remove events so far: tells a re-inserted card from one that never left."""
        return (self.event_state >> 16) & 0xFFFF


class Context:
    """One SCARDCONTEXT. Raises PcscUnavailable when pcscd is not running."""

    def __init__(self) -> None:
        hresult, handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            raise PcscUnavailable(f"cannot reach pcscd ({code(hresult)})")
        self.handle: int | None = handle

    def _handle(self) -> int:
        if self.handle is None:
            raise PcscUnavailable("PC/SC context already released")
        return self.handle

    def readers(self) -> list[str]:
        hresult, names = scard.SCardListReaders(self._handle(), [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        raise_for(hresult, "list readers")
        return [str(n) for n in names]

    def status(self, reader: str) -> ReaderState:
        """The reader's state now (no waiting)."""
        states = self.wait_change([(reader, scard.SCARD_STATE_UNAWARE)], 0)
        if states is None:  # cannot happen with UNAWARE, but keep the type honest
            raise CardIOError(f"no status for reader {reader}")
        return states[0]

    def wait_change(self, known: list[tuple[str, int]], timeout_ms: int) -> list[ReaderState] | None:
        """SCardGetStatusChange: the new states, or None on timeout or cancel."""
        hresult, states = scard.SCardGetStatusChange(self._handle(), timeout_ms, known)
        if hresult in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
            return None
        raise_for(hresult, "get status change")
        return [ReaderState(str(name), int(state), bytes(atr)) for name, state, atr in states]

    def cancel(self) -> None:
        """Wake a blocked `wait_change` from another thread."""
        handle = self.handle
        if handle is not None:
            scard.SCardCancel(handle)

    def release(self) -> None:
        handle, self.handle = self.handle, None
        if handle is not None:
            hresult = scard.SCardReleaseContext(handle)
            if hresult != scard.SCARD_S_SUCCESS:
                # Expected after pcscd restarted: the handle died with the old daemon.
                log.debug("release context: %s", code(hresult))

    def __enter__(self) -> Context:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def list_readers() -> list[str]:
    """Reader names; [] when pcscd is down or has no readers. Never raises a PC/SC error."""
    try:
        with Context() as ctx:
            return ctx.readers()
    except CardIOError as exc:
        log.info("no readers: %s", exc)
        return []
