"""What a member's session is at one moment: immutable values, one per screen's concern.

The flows (kiosk/core/flows/) never change a state in place: they return a new one made with
`dataclasses.replace`, so a state handed to the UI stays what it was when it was drawn, and a test
can keep the state before and after a step side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from kiosk.domain.identity import Identity
from kiosk.ports import Receipt

if TYPE_CHECKING:  # kiosk.qr (cryptography) is imported when a code is scanned, not at start-up
    from kiosk.core.receipt_check import ReceiptCheck
    from kiosk.domain import mrz as mrz_rules
    from kiosk.domain.account import MemberAccount
    from kiosk.domain.assurance import SignIn
    from kiosk.domain.employer import Employer, EmployerSummary
    from kiosk.domain.errors import ValidationError
    from kiosk.ports.statement_files import StatementFile
    from kiosk.qr import PreparedInstruction


class Screen(str, Enum):
    ATTRACT = "attract"
    IDENTIFY = "identify"
    MENU = "menu"
    FORM = "form"
    REVIEW = "review"
    RECEIPT = "receipt"
    IAMSMART = "iamsmart"  # identifying through iAM Smart: QR shown, waiting for the member's phone
    SCAN = "scan"  # the camera looks for a prepared instruction's QR code
    MRZ = "mrz"  # an ePassport / ICAO ID card is in the reader: its chip needs the MRZ key
    STAFF_CONFIRM = "staff_confirm"  # assisted: staff confirm they saw the HKID card for a typed number
    # Registration chosen by a member whose identity was typed or merely read: iAM Smart, or staff.
    REGISTRATION_IDENTITY = "registration_identity"
    # Signing in (kiosk/core/flows/sign_in.py): the ways to sign in, then the one-time code's entry.
    SIGN_IN = "sign_in"
    ACCOUNT = "account"  # the signed-in member's own account: schemes, funds, balances, instructions
    EMPLOYER = "employer"  # an employer's authorised person, signed in, picks the employer they act for
    STATUS = "status"  # check or cancel an instruction by its receipt reference (flows/status.py)


class IdlePhase(str, Enum):
    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


# The order of screens for "step N of M" and for Back.
FLOW = (Screen.IDENTIFY, Screen.MENU, Screen.FORM, Screen.REVIEW, Screen.RECEIPT)
# Screens beside the flow count as the step they stand in for.
STEP_OF = {Screen.IAMSMART: Screen.IDENTIFY, Screen.SCAN: Screen.FORM, Screen.MRZ: Screen.IDENTIFY,
           Screen.STAFF_CONFIRM: Screen.IDENTIFY, Screen.REGISTRATION_IDENTITY: Screen.MENU,
           Screen.SIGN_IN: Screen.MENU, Screen.ACCOUNT: Screen.MENU, Screen.EMPLOYER: Screen.MENU,
           Screen.STATUS: Screen.MENU}

# Instruction types with working screens, as the menu offers them: a member's own, then an
# employer's (the person identified acts for the employer).
MEMBER_FORMS = ("CHANGE_PARTICULARS", "FUND_SWITCH", "TRANSFER_BENEFITS", "WITHDRAWAL_CLAIM",
                "VOLUNTARY_CONTRIBUTION", "MEMBER_REGISTRATION")
EMPLOYER_FORMS = ("EMPLOYEE_ENROLMENT", "TERMINATION", "CONTRIBUTION_DATA")
REGISTRATION = "MEMBER_REGISTRATION"

# Read-aloud volume: a step of SPEECH_VOLUME_STEPS (drivers/speech/espeak.py maps each to a loudness).
SPEECH_VOLUME_STEPS = 5
SPEECH_VOLUME_DEFAULT = 2

MRZ_TRIES = 3  # wrong MRZ keys before the member is sent back to the other ways of identifying


class RegistrationStep(str, Enum):
    """Where a member who chose registration stands before its form opens (registration needs an
    identity from iAM Smart or one shop staff checked on the HKID card: kiosk/core/flows/registration.py)."""

    NONE = "none"  # registration not chosen, or its form is open already
    CHOOSING = "choosing"  # the choice: Use iAM Smart / Ask shop staff
    WAITING_FOR_STAFF = "waiting_for_staff"  # chose Ask shop staff; staff have not signed in yet


class IamSmartPhase(str, Enum):
    STARTING = "starting"  # the UI opens the platform session when it sees this phase
    WAITING = "waiting"  # the QR code is on screen
    SCANNED = "scanned"  # the member's phone has read it
    DENIED = "denied"
    EXPIRED = "expired"
    UNAVAILABLE = "unavailable"
    MISMATCH = "mismatch"  # iAM Smart vouched for another HKID number than the member's: not used


class SignInPhase(str, Enum):
    """Where a member stands on the sign-in screen."""

    CHOOSING = "choosing"  # the ways to sign in, and why this instruction needs one
    SENDING = "sending"  # asking the platform to send a one-time code
    CODE = "code"  # the code was sent: the member types it
    CHECKING = "checking"  # the typed code is with the platform
    LOCKED = "locked"  # too many wrong codes: codes are locked for this member for a while
    NO_MOBILE = "no_mobile"  # the platform holds no mobile number: iAM Smart or staff
    OFFLINE = "offline"  # the platform cannot be reached: nothing that needs a sign-in can be done


@dataclass(frozen=True)
class SignInView:
    """What the sign-in screen shows. `wanted`: the instruction that asked for the sign-in (its form
    opens once the member is signed in); None when they asked to see their account."""

    phase: SignInPhase = SignInPhase.CHOOSING
    wanted: str | None = None
    returns_to: Screen = Screen.MENU  # where Back, or a sign-in with nothing wanted, goes: menu or review
    challenge_id: str = field(default="", repr=False)
    sent_to: str = field(default="", repr=False)  # masked by the platform, e.g. ****4567
    code: str = field(default="", repr=False)  # digits typed so far: never logged, never stored
    code_length: int = 6
    expires_at: float = 0.0  # the session's monotonic clock
    tries_left: int | None = None  # wrong codes left before the member's codes lock (the platform's count)


@dataclass(frozen=True)
class EmployerView:
    """The employer step: the statement that needs the employer's data, and the employers the person
    signed in acts for (None while the platform is asked)."""

    wanted: str
    employers: tuple[EmployerSummary, ...] | None = field(default=None, repr=False)
    loading: bool = True


class ImportPhase(str, Enum):
    """Members from a file on a USB stick (kiosk/core/flows/statement_import.py)."""

    LISTING = "listing"  # looking for files on the stick
    CHOOSING = "choosing"  # several files: the member picks one
    READING = "reading"  # reading and checking the file
    DONE = "done"  # its rows are the statement's members now
    FAILED = "failed"  # nothing imported: `message` and `problems` say why


@dataclass(frozen=True)
class ImportView:
    """The import panel on the statement's members step. `problems`: the file's first row-numbered
    errors (zh, en); `more`: how many more there were."""

    phase: ImportPhase = ImportPhase.LISTING
    files: tuple[StatementFile, ...] = ()
    chosen: str = ""
    message: tuple[str, str] | None = None
    problems: tuple[tuple[str, str], ...] = ()
    more: int = 0
    imported: int = 0


@dataclass(frozen=True)
class MrzView:
    """The MRZ step: which reader holds the document, what was typed, how many tries are left."""

    reader: str
    typed: dict[str, str] = field(default_factory=dict, repr=False)
    tries_left: int = MRZ_TRIES
    key: mrz_rules.MrzKey | None = field(default=None, repr=False)  # the key being tried


@dataclass(frozen=True)
class IamSmartView:
    """What the iAM Smart screen shows."""

    phase: IamSmartPhase = IamSmartPhase.STARTING
    qr: str = field(default="", repr=False)
    expires_at: float = 0.0  # the session's monotonic clock


@dataclass(frozen=True)
class Assistance:
    """Who helped in an assisted session; `amends` is the rejected instruction being amended."""

    staff_id: str
    role: str
    shop: str
    amends: str = ""


@dataclass(frozen=True)
class SessionState:
    screen: Screen = Screen.ATTRACT
    lang: str = "zh_HK"
    identity: Identity | None = None
    instruction_type: str | None = None
    form_raw: dict[str, Any] = field(default_factory=dict)
    form_values: dict[str, Any] = field(default_factory=dict)
    errors: list[ValidationError] = field(default_factory=list)
    notice: tuple[str, str] | None = None  # (zh, en) message for the member, e.g. a card error
    card_reading: bool = False
    # Bumped by every card read started or abandoned, and carried over a wipe: a read's result that
    # comes back with an older token belongs to something the member has left.
    read_token: int = 0
    # Counts the members: a wipe and a new start give a fresh state with the next number, so the
    # UI can tell "another member" (clear every page) from "this member did something".
    visit: int = 0
    saving: bool = False
    receipt: Receipt | None = None
    # Set when staff signed in during this session (staff-assist): kept until the session ends,
    # so everything confirmed in it is marked assisted.
    assisted: Assistance | None = None
    iamsmart: IamSmartView | None = None  # on Screen.IAMSMART
    # A verified prepared instruction (kiosk.qr): waiting for the member to identify, or in review.
    prepared: PreparedInstruction | None = None
    mrz: MrzView | None = None  # on Screen.MRZ
    # A document chip read that gave no HKID number (e.g. a foreign passport): the member types it.
    pending_document: Identity | None = None
    form_step: str | None = None  # the form's step on screen (a Step name); None: its first
    # A typed number in an assisted session, waiting for staff to confirm they saw the HKID card.
    staff_check: Identity | None = None
    registration: RegistrationStep = RegistrationStep.NONE
    started_by_card: bool = False  # this session began with a card inserted on the attract screen
    # Form fields copied from the identity (field -> value copied) and where it came from
    # ("iamsmart"): review marks a field whose value is still the copied one.
    prefilled: dict[str, str] = field(default_factory=dict, repr=False)
    prefill_source: str = ""
    # The member's sign-in (kiosk.domain.assurance.SignIn: the platform's assertion travels with each
    # instruction that needs it) and, once fetched, their account. Memory only; a wipe forgets both.
    sign_in: SignIn | None = field(default=None, repr=False)
    account: MemberAccount | None = field(default=None, repr=False)
    account_loading: bool = False
    signing_in: SignInView | None = None  # on Screen.SIGN_IN
    # The employer an authorised person acts for, from the platform (companies, schemes, employees,
    # agreed VC plans): what an employer's statement is checked against. Memory only.
    employer: Employer | None = field(default=None, repr=False)
    choosing_employer: EmployerView | None = None  # on Screen.EMPLOYER
    importing: ImportView | None = None  # the statement's members from a USB stick, on Screen.FORM
    # The member pressed "call staff" at this moment (the session's monotonic clock); None: not
    # waiting. Answering clears it, and a wipe forgets it with the rest (kiosk/core/flows/staff_call.py).
    staff_called_at: float | None = None
    receipt_check: ReceiptCheck | None = field(default=None, repr=False)  # Screen.STATUS (flows/status.py)
    # Chosen on the attract screen for this member only: a wipe puts them back.
    large_text: bool = False
    high_contrast: bool = False
    speech: bool = False
    speech_volume: int = SPEECH_VOLUME_DEFAULT  # 0 (quietest, headphones) to SPEECH_VOLUME_STEPS - 1

    @property
    def signed_in(self) -> bool:
        """Signed in as the member identified (a sign-in is never carried over to someone else)."""
        return (self.sign_in is not None and self.identity is not None
                and self.sign_in.hkid == self.identity.hkid)

    @property
    def registration_pending(self) -> bool:
        """The member chose registration and waits to be identified for it (iAM Smart or staff)."""
        return self.registration is not RegistrationStep.NONE

    @property
    def registration_staff_asked(self) -> bool:
        """They chose "Ask shop staff" and wait for staff to sign in."""
        return self.registration is RegistrationStep.WAITING_FOR_STAFF
