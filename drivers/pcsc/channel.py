"""An exclusive connection to the card in one reader: connect (with bounded retry), exchange
APDUs, and tell a pulled card from a broken one when an exchange fails."""

from __future__ import annotations

import logging
import time
from types import TracebackType

from smartcard import scard

from .context import READER_GONE, SERVICE_GONE, Context, ReaderState, code
from .errors import (
    CardIOError,
    CardRemovedError,
    NoCardError,
    PcscUnavailable,
    ReaderBusyError,
    ReaderNotFound,
    TransmitError,
)

log = logging.getLogger(__name__)

# Right after an insert pcscd may still be powering the card, or another process may hold it
# for a moment: these connect results are worth another try within the retry window.
_CONNECT_RETRY = frozenset(
    {
        scard.SCARD_E_NO_SMARTCARD,
        scard.SCARD_W_REMOVED_CARD,
        scard.SCARD_W_UNPOWERED_CARD,
        scard.SCARD_W_UNRESPONSIVE_CARD,
        scard.SCARD_E_SHARING_VIOLATION,
    }
)
_CARD_GONE = frozenset({scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD})
_RETRY_PAUSE = 0.05


class CardChannel:
    """Open with `CardChannel.open(reader)`; use as a context manager so it is always closed.

    Implements `drivers.pcsc.apdu.Transport`.
    """

    def __init__(
        self, reader: str, context: Context, hcard: int, protocol: int, atr: bytes, counter: int,
        removal_grace: float,
    ) -> None:
        self.reader = reader
        self.atr = atr
        self.apdu_count = 0
        self._context = context
        self._hcard: int | None = hcard
        self._pci = scard.SCARD_PCI_T0 if protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1
        self._counter = counter
        self._removal_grace = removal_grace

    @classmethod
    def open(cls, reader: str, *, retry_seconds: float = 0.3, removal_grace: float = 1.0) -> CardChannel:
        """Connect exclusively: no other process sees the card while we read it.

        `removal_grace` bounds how long a failed exchange waits for pcscd to confirm the card
        is gone (pcscd polls card presence about every 0.4 s).
        """
        context = Context()
        try:
            if reader not in context.readers():
                raise ReaderNotFound(f"no reader named {reader!r}")
            hcard, protocol = cls._connect(context, reader, retry_seconds)
            try:
                hresult, _name, _state, _proto, atr = scard.SCardStatus(hcard)
                if hresult != scard.SCARD_S_SUCCESS:
                    raise CardRemovedError(f"{reader}: card status failed ({code(hresult)})")
                counter = context.status(reader).counter
            except BaseException:
                scard.SCardDisconnect(hcard, scard.SCARD_LEAVE_CARD)
                raise
        except BaseException:
            context.release()
            raise
        log.info("connected: reader=%s atr=%s", reader, bytes(atr).hex())
        return cls(reader, context, hcard, protocol, bytes(atr), counter, removal_grace)

    @staticmethod
    def _connect(context: Context, reader: str, retry_seconds: float) -> tuple[int, int]:
        handle = context.handle
        assert handle is not None
        deadline = time.monotonic() + retry_seconds
        while True:
            hresult, hcard, protocol = scard.SCardConnect(
                handle, reader, scard.SCARD_SHARE_EXCLUSIVE,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
            )
            if hresult == scard.SCARD_S_SUCCESS:
                return int(hcard), int(protocol)
            if hresult in _CONNECT_RETRY and time.monotonic() < deadline:
                time.sleep(_RETRY_PAUSE)
                continue
            break
        if hresult in (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD):
            raise NoCardError(f"{reader}: no card ({code(hresult)})")
        if hresult == scard.SCARD_E_SHARING_VIOLATION:
            raise ReaderBusyError(f"{reader}: card in use by another process ({code(hresult)})")
        if hresult in (scard.SCARD_W_UNPOWERED_CARD, scard.SCARD_W_UNRESPONSIVE_CARD):
            raise TransmitError(f"{reader}: card does not answer reset ({code(hresult)})")
        if hresult in SERVICE_GONE:
            raise PcscUnavailable(f"{reader}: pcscd unavailable ({code(hresult)})")
        if hresult in READER_GONE:
            raise ReaderNotFound(f"{reader}: reader unavailable ({code(hresult)})")
        raise CardIOError(f"{reader}: connect failed ({code(hresult)})")

    def exchange(self, apdu: bytes) -> bytes:
        if self._hcard is None:
            raise CardIOError(f"{self.reader}: channel closed")
        hresult, response = scard.SCardTransmit(self._hcard, self._pci, list(apdu))
        self.apdu_count += 1
        if hresult == scard.SCARD_S_SUCCESS and len(response) >= 2:
            return bytes(response)
        if hresult in _CARD_GONE:
            raise CardRemovedError(f"{self.reader}: card removed ({code(hresult)})")
        if hresult in SERVICE_GONE - {scard.SCARD_F_COMM_ERROR}:
            raise PcscUnavailable(f"{self.reader}: pcscd unavailable ({code(hresult)})")
        if hresult in READER_GONE:
            raise ReaderNotFound(f"{self.reader}: reader unavailable ({code(hresult)})")
        # Anything else (transaction failed, comm error, an empty answer) is what a pulled card
        # looks like on some readers (vpcd among them) and what a faulty card looks like on all:
        # ask pcscd whether the card is still there.
        what = f"transmit failed ({code(hresult)})" if hresult else f"{len(response)}-byte response"
        if self._card_gone():
            raise CardRemovedError(f"{self.reader}: card removed ({what})")
        raise TransmitError(f"{self.reader}: {what}")

    def _gone(self, state: ReaderState) -> bool:
        return not state.present or state.counter != self._counter

    def _card_gone(self) -> bool:
        """Wait (at most `removal_grace`) for pcscd to report the card removed or replaced."""
        deadline = time.monotonic() + self._removal_grace
        try:
            state = self._context.status(self.reader)
            # Bounded: each wait ends by the deadline; a state change without removal loops.
            while not self._gone(state):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                changed = self._context.wait_change(
                    [(self.reader, state.event_state & ~scard.SCARD_STATE_CHANGED)], int(remaining * 1000) + 1
                )
                if changed is None:
                    return False
                state = changed[0]
        except ReaderNotFound:
            return True  # the reader went with the card
        return True

    def close(self) -> None:
        hcard, self._hcard = self._hcard, None
        if hcard is not None:
            # Reset so whoever connects next does not inherit our selected application.
            hresult = scard.SCardDisconnect(hcard, scard.SCARD_RESET_CARD)
            if hresult != scard.SCARD_S_SUCCESS:
                log.debug("%s: disconnect %s (card probably gone)", self.reader, code(hresult))
        self._context.release()

    def __enter__(self) -> CardChannel:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
