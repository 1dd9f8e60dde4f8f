"""What a flow asks the outside world to do, and what a step returns.

A flow never reads a card, writes the queue or logs: it returns effects, and the shell (ui/, or a
test) runs them and reports back with the next event (`card_read_finished`, `confirm_finished`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.core.state import SessionState

if TYPE_CHECKING:
    from kiosk.core.confirm import ConfirmRequest
    from kiosk.domain import mrz as mrz_rules
    from kiosk.domain.assurance import SignIn


@dataclass(frozen=True)
class ReadCard:
    """Read the identity in `reader` (with the MRZ key for an ePassport chip), off the UI thread,
    then call Session.card_read_finished with the result and this token."""

    reader: str
    token: int
    key: mrz_rules.MrzKey | None = None


@dataclass(frozen=True)
class OfferStaffSignIn:
    """A card that may be a staff card was put on a reader while a member's session is under way:
    staff mode checks it and offers its sign-in (the member's session is kept)."""

    reader: str


@dataclass(frozen=True)
class SaveInstruction:
    """Run the confirm use case (kiosk/core/confirm.py) off the UI thread, then call
    Session.confirm_finished with its result."""

    request: ConfirmRequest


@dataclass(frozen=True)
class StartIamSmart:
    """Open an iAM Smart session on the platform for the QR code on screen (a thread polls it and
    reports with Session.iamsmart_ticket / iamsmart_progress / iamsmart_failed). `purpose`:
    "login", or "register" for registration's identity."""

    purpose: str


@dataclass(frozen=True)
class EndIamSmart:
    """The member left the iAM Smart screen: cancel the platform session (the Session sends it)."""


@dataclass(frozen=True)
class SendCode:
    """Ask the platform to send a one-time code to the member's registered mobile (off the UI
    thread), then call Session.code_sent or Session.sign_in_refused / sign_in_unavailable."""

    hkid: str = field(repr=False)


@dataclass(frozen=True)
class CheckCode:
    """Send the typed code to the platform (off the UI thread), then call Session.signed_in or
    Session.sign_in_refused / sign_in_unavailable."""

    challenge_id: str = field(repr=False)
    code: str = field(repr=False)
    hkid: str = field(repr=False)


@dataclass(frozen=True)
class FetchAccount:
    """Fetch the signed-in member's account (off the UI thread), then Session.account_loaded or
    Session.account_failed."""

    sign_in: SignIn


@dataclass(frozen=True)
class FetchEmployers:
    """Ask which employers the person signed in acts for (off the UI thread), then
    Session.employers_loaded or employer_failed."""

    sign_in: SignIn


@dataclass(frozen=True)
class FetchEmployer:
    """Fetch one employer's data for its signed-in authorised person, then Session.employer_loaded
    or employer_failed."""

    sign_in: SignIn
    employer_id: str


@dataclass(frozen=True)
class LookupReceipt:
    """Ask the platform (no sign-in) and this kiosk's outbox where the instruction with this receipt
    reference is (off the UI thread), then Session.receipt_found (kiosk.core.receipt_check.ReceiptLookup)."""

    kiosk_ref: str


@dataclass(frozen=True)
class FetchDetails:
    """The instruction's values for the signed-in member who gave it (off the UI thread), then
    Session.receipt_answered, or Session.receipt_refused / receipt_unavailable."""

    kiosk_ref: str
    sign_in: SignIn = field(repr=False)


@dataclass(frozen=True)
class CancelInstruction:
    """Cancel the instruction through the platform (off the UI thread), then Session.receipt_answered,
    or Session.receipt_refused / receipt_unavailable."""

    kiosk_ref: str
    sign_in: SignIn = field(repr=False)


@dataclass(frozen=True)
class ListStatementFiles:
    """Look for statement files on a USB stick (off the UI thread), then Session.import_files_listed
    or import_failed."""


@dataclass(frozen=True)
class ReadStatementFile:
    """Read the statement file of this name from the last listing (off the UI thread), then
    Session.import_file_read or import_failed."""

    name: str


@dataclass(frozen=True)
class AuditMember:
    """A line for the audit log about a member's sign-in: what and how, never who (no number)."""

    event: str  # a kiosk.ports.audit.AuditEvent value
    outcome: str  # a kiosk.ports.audit.Outcome value
    detail: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LogEvent:
    """A line for the kiosk's log: what happened, never whose data (the Session writes it)."""

    level: int
    message: str


Effect = (ReadCard | OfferStaffSignIn | SaveInstruction | LogEvent | StartIamSmart | EndIamSmart | SendCode | CheckCode
          | FetchAccount | FetchEmployers | FetchEmployer | AuditMember | LookupReceipt | FetchDetails
          | CancelInstruction | ListStatementFiles | ReadStatementFile)


@dataclass(frozen=True)
class Transition:
    """One step of the session: the new state, the effects to run, and what the caller asked for.

    `activity`: the member did something (the idle timer starts again). `notify`: the screen must
    be drawn again (not while a field is typed into: the field shows what was typed already)."""

    state: SessionState
    effects: tuple[Effect, ...] = ()
    activity: bool = True
    notify: bool = True
    answer: Any = None


def stay(state: SessionState, answer: Any = None) -> Transition:
    """Nothing happens: not activity, nothing to draw."""
    return Transition(state, activity=False, notify=False, answer=answer)
