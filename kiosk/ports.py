"""The interfaces the core depends on. Implementations live in drivers/ and offline_cache/;
only kiosk/app.py chooses them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: the ports load at start-up, the form model after it
    from kiosk.domain import Identity, Instruction
    from kiosk.domain.account import InstructionStatus, MemberAccount
    from kiosk.domain.assurance import SignIn
    from kiosk.domain.mrz import MrzKey

# ---------------------------------------------------------------- cards


class CardErrorCode(str, Enum):
    REMOVED = "card_removed"  # pulled out mid-read
    UNKNOWN_CARD = "unknown_card"  # no profile understands it
    UNREADABLE = "unreadable"  # malformed data, bad status words
    NO_READER = "no_reader"
    READER_BUSY = "reader_busy"
    KEY_REQUIRED = "key_required"  # an ePassport / ICAO ID card: its chip opens with the MRZ key only
    WRONG_KEY = "wrong_key"  # the chip refused the MRZ key (document number or dates mistyped)
    FORGED = "document_forged"  # passive authentication failed: altered data, bad or untrusted signature
    STAFF_CARD = "staff_card"  # a staff card where a member's card was expected: offer staff sign-in


@dataclass(frozen=True)
class CardError:
    code: CardErrorCode
    detail: str = ""  # for technicians; never personal data


@dataclass(frozen=True)
class CardReadResult:
    """Either an identity or an error: a card read never raises into the UI."""

    identity: Identity | None = None
    error: CardError | None = None

    @property
    def ok(self) -> bool:
        return self.identity is not None


class CardEvents(Protocol):
    def card_inserted(self, reader: str, atr: bytes) -> None: ...
    def card_removed(self, reader: str) -> None: ...


class CardReader(Protocol):
    def readers(self) -> list[str]: ...
    def start(self, events: CardEvents) -> None:
        """Start watching for insert/remove; events arrive on a driver thread."""
    def stop(self) -> None: ...
    def read_identity(self, reader: str, key: MrzKey | None = None) -> CardReadResult:
        """Blocking read of the card in `reader`; call it off the UI thread. `key` opens the chip
        of an ePassport or ICAO ID card (without it such a card answers KEY_REQUIRED)."""


# ---------------------------------------------------------------- outbox


class OutboxState(str, Enum):
    QUEUED = "queued"
    SENDING = "sending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Receipt:
    kiosk_ref: str
    idempotency_key: str
    queued_at: str


@dataclass(frozen=True)
class OutboxItem:
    row_id: int
    kiosk_ref: str
    idempotency_key: str
    type: str
    member_key: str
    payload: Mapping[str, Any] = field(repr=False)  # decrypted, in memory only; never printed
    queued_at: str = ""
    attempts: int = 0


class ItemStatus(str, Enum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # the platform already holds this key: same reference as before
    REJECTED = "rejected"
    RETRY = "retry"


@dataclass(frozen=True)
class ItemResult:
    idempotency_key: str
    status: ItemStatus
    platform_ref: str = ""
    reason_code: str = ""
    reason_zh: str = ""
    reason_en: str = ""


@dataclass(frozen=True)
class QueueCounts:
    by_state: Mapping[str, int] = field(default_factory=dict)

    @property
    def waiting(self) -> int:
        return self.by_state.get(OutboxState.QUEUED.value, 0) + self.by_state.get(OutboxState.SENDING.value, 0)


class QueueRefused(Exception):
    """The outbox will not take a new instruction (full, disk low, database unusable).

    Nothing already queued is touched; the member is told why in both languages."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


class Outbox(Protocol):
    def enqueue(self, instruction: Instruction) -> Receipt:
        """Durable on disk before it returns."""
    def next_batch(self, limit: int) -> list[OutboxItem]:
        """Claim up to `limit` items (state -> sending), oldest first, in order per member."""
    def mark(self, results: Sequence[ItemResult]) -> None: ...
    def release(self, keys: Sequence[str], error: str, retry_at: float) -> None:
        """Return claimed items to queued after a transport failure."""
    def counts(self) -> QueueCounts: ...
    def purge(self) -> int: ...


# ---------------------------------------------------------------- platform


class PlatformError(Exception):
    """The platform could not be reached or answered something unusable; retry later."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthError(PlatformError):
    """401: the device is not enrolled, its secret is wrong, or its clock is off."""


class BatchRefused(PlatformError):
    """The platform refused a whole batch as malformed (400/413/422 with its error body): nothing was
    stored. The sync engine resends the items one by one so only the faulty one is rejected."""

    def __init__(self, message: str, code: str = "", message_zh: str = "", message_en: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


class PlatformClient(Protocol):
    def submit(self, batch: Sequence[OutboxItem]) -> list[ItemResult]: ...
    def status(self, platform_ref: str) -> Mapping[str, Any]: ...
    def config(self) -> Mapping[str, Any]: ...
    def health(self) -> bool: ...


# ---------------------------------------------------------------- QR codes


class QrSourceKind(str, Enum):
    CAMERA = "camera"  # frames decoded by zxing-cpp (a real camera, or the demo's folder of images)
    WEDGE = "wedge"  # a HID scanner typing the code as a burst of keystrokes
    SERIAL = "serial"  # a scanner on a serial port (or USB CDC-ACM)


@dataclass(frozen=True)
class QrRead:
    """One decoded code. `payload` is the raw bytes, untrusted until kiosk.qr has parsed it."""

    payload: bytes = field(repr=False)  # may hold personal data (a prepared instruction)
    symbology: str  # "QRCode", "MicroQRCode", ... as the decoder names it; "" when the scanner does not say
    source: QrSourceKind
    at: float = 0.0  # time.monotonic() when it was read (scan-to-screen latency is measured from here)


class QrEvents(Protocol):
    def qr_read(self, read: QrRead) -> None:
        """Called on a driver thread; the same code within the de-dup window arrives once."""


class QrSource(Protocol):
    def start(self, events: QrEvents) -> None:
        """Start delivering reads to `events` (on a driver thread). Starting again replaces `events`."""
    def stop(self) -> None:
        """Stop and join any thread, bounded; safe to call twice or before start."""


# ---------------------------------------------------------------- iAM Smart hand-off


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


# ---------------------------------------------------------------- member sign-in, account, receipts


class SignInRefused(PlatformError):
    """The platform answered, and said no: wrong or expired code, locked codes, no mobile held, a
    sign-in from another member or kiosk, a cancel too late. Bilingual; retrying the same will not help
    (`retry_after` says when codes unlock; `tries_left` counts wrong codes left)."""

    def __init__(self, message: str, code: str, message_zh: str, message_en: str, *,
                 retry_after: float | None = None, tries_left: int | None = None) -> None:
        super().__init__(message, retry_after=retry_after)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.tries_left = tries_left


@dataclass(frozen=True)
class SmsChallenge:
    """A one-time code is on its way to the member's registered mobile."""

    challenge_id: str
    sent_to: str  # masked, e.g. ****4567
    expires_in_s: float
    code_length: int = 6


class MemberPlatform(Protocol):
    """Sign-in, the member's own account and receipts (docs/sign-in.md); offline_cache.sign_in_client."""

    def sms_start(self, hkid: str) -> SmsChallenge: ...
    def sms_verify(self, challenge_id: str, code: str) -> SignIn: ...
    def account(self, sign_in: SignIn) -> MemberAccount: ...
    def receipt_status(self, kiosk_ref: str) -> InstructionStatus: ...
    def receipt_details(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus: ...
    def cancel(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus: ...


# ---------------------------------------------------------------- misc


class Clock(Protocol):
    def now(self) -> float: ...
    def monotonic(self) -> float: ...


class Keystore(Protocol):
    def device_credentials(self) -> tuple[str, bytes] | None:
        """(device_id, secret) from enrolment, or None when not enrolled."""
    def save_device_credentials(self, device_id: str, secret: bytes) -> None: ...
    def data_key(self) -> bytes:
        """The 256-bit key that encrypts personal data at rest."""
    def member_salt(self) -> bytes: ...
    def signing_public_key(self) -> bytes:
        """Ed25519 public key of this terminal's export-bundle signing key."""
    def sign(self, data: bytes) -> bytes:
        """Sign an export bundle (a TPM-backed keystore signs without revealing the key)."""
    def transport_key(self) -> bytes | None:
        """The operator's fleet transport key for export bundles, when installed."""


Listener = Callable[[], None]


class AuditLog(Protocol):
    """Append-only, tamper-evident record of every staff and technician action (offline_cache.audit).

    `event` is an id from kiosk.modes.audit_events; `detail` holds references, codes and counts only,
    never personal data."""

    def record(self, event: str, *, role: str, actor: str, shop: str, outcome: str,
               detail: Mapping[str, str | int | float | bool | None] | None = None) -> None: ...
