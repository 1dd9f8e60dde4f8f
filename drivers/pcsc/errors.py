"""What can go wrong talking to a card, as exceptions inside the driver layer.

`PcscCardReader.read_identity` turns each into a `CardErrorCode`; none of them reaches the core.
Messages are for technicians' logs: reader names, status words, lengths, PC/SC codes, never
card content.
"""

from __future__ import annotations


class CardIOError(Exception):
    """A PC/SC or card exchange failed."""


class PcscUnavailable(CardIOError):
    """pcscd is not running or not reachable."""


class ReaderNotFound(CardIOError):
    """No reader of that name (unplugged, or a typo in the configuration)."""


class NoCardError(CardIOError):
    """The reader is empty."""


class ReaderBusyError(CardIOError):
    """Another process (or another read) holds the card exclusively."""


class CardRemovedError(CardIOError):
    """The card left the reader during the exchange."""


class TransmitError(CardIOError):
    """The exchange failed while the card stayed in the reader (a faulty or hostile card)."""


class StatusWordError(CardIOError):
    """The card answered a command with a status word the caller cannot accept."""

    def __init__(self, command: str, sw: int) -> None:
        super().__init__(f"{command}: SW {sw:04X}")
        self.command = command
        self.sw = sw
