"""The iAM Smart hand-off the platform runs for a kiosk (offline_cache.platform_client)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kiosk.domain import Identity
    from kiosk.domain.assurance import SignIn


class IamSmartState(str, Enum):
    PENDING = "pending"  # QR shown, nobody scanned it yet
    SCANNED = "scanned"  # the member's phone scanned it; waiting for the member to agree on the phone
    COMPLETED = "completed"  # the member agreed; `identity` carries what iAM Smart gave
    DENIED = "denied"  # the member declined on the phone
    EXPIRED = "expired"
    CANCELLED = "cancelled"  # the kiosk cancelled it

    @property
    def final(self) -> bool:
        return self not in (IamSmartState.PENDING, IamSmartState.SCANNED)


@dataclass(frozen=True)
class IamSmartTicket:
    """A login/registration session the platform opened with iAM Smart for this kiosk."""

    session_id: str
    qr: str = field(repr=False)  # what the kiosk shows as a QR code for the iAM Smart app
    expires_in_s: float
    poll_interval_s: float = 2.0


@dataclass(frozen=True)
class IamSmartPoll:
    state: IamSmartState
    identity: Identity | None = None
    sign_in: SignIn | None = None  # with a completed session: the member is signed in at this kiosk


class IamSmartClient(Protocol):
    def iamsmart_start(self, purpose: str, lang: str) -> IamSmartTicket: ...
    def iamsmart_poll(self, session_id: str) -> IamSmartPoll: ...
    def iamsmart_cancel(self, session_id: str) -> None: ...
