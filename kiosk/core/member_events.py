"""The Session's events for what a member (or an employer's authorised person) does after being
identified: signing in, the employer's data, a statement's rows from a USB stick, and checking or
cancelling an instruction by its receipt reference. A part of kiosk/core/session.py's Session,
kept apart so each file reads in one sitting; each method runs one flow and applies its step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.core.flows import employer, sign_in, statement_import
from kiosk.core.flows import status as receipt_status

if TYPE_CHECKING:
    from kiosk.core.effects import Transition
    from kiosk.core.receipt_check import ReceiptLookup
    from kiosk.core.state import SessionState
    from kiosk.domain.account import InstructionStatus, MemberAccount
    from kiosk.domain.assurance import SignIn
    from kiosk.domain.employer import Employer, EmployerSummary
    from kiosk.ports.member import SmsChallenge
    from kiosk.ports.statement_files import StatementFile


class MemberEvents:
    """Mixed into Session, which gives the state, the clock and `_apply`."""

    state: SessionState
    _monotonic: Callable[[], float]

    if TYPE_CHECKING:
        def _apply(self, t: Transition) -> Any: ...

    # ------------------------------------------------------------ signing in (flows/sign_in.py)
    def needs_sign_in(self, type_code: str) -> bool:
        """The menu marks what needs a sign-in this member does not have yet."""
        return sign_in.needs_sign_in(self.state, type_code)

    def sign_in_requested(self, wanted: str | None = None) -> None:
        """"Sign in" (to see the account, or on review); `wanted`: the instruction to open after."""
        self._apply(sign_in.requested(self.state, wanted))

    def account_requested(self) -> None:
        self._apply(sign_in.account_requested(self.state))

    def sign_in_with_iamsmart(self) -> None:
        self._apply(sign_in.iamsmart_chosen(self.state))

    def code_requested(self) -> None:
        """"Send a code to my mobile" (effect SendCode)."""
        self._apply(sign_in.code_requested(self.state))

    def code_sent(self, challenge: SmsChallenge) -> None:
        self._apply(sign_in.code_sent(self.state, challenge, self._monotonic()))

    def code_typed(self, text: str) -> None:
        self._apply(sign_in.code_typed(self.state, text))

    def code_submitted(self) -> None:
        """The typed code to the platform (effect CheckCode)."""
        self._apply(sign_in.code_submitted(self.state))

    def signed_in(self, result: SignIn) -> None:
        self._apply(sign_in.signed_in(self.state, result))

    def sign_in_refused(self, code: str, message: tuple[str, str], tries_left: int | None = None,
                        retry_after_s: float | None = None) -> None:
        self._apply(sign_in.refused(self.state, code, message, tries_left, retry_after_s))

    def sign_in_unavailable(self) -> None:
        self._apply(sign_in.unavailable(self.state))

    def account_loaded(self, account: MemberAccount) -> None:
        self._apply(sign_in.account_loaded(self.state, account))

    def account_failed(self) -> None:
        self._apply(sign_in.account_failed(self.state))

    def code_seconds_left(self) -> float:
        return sign_in.seconds_left(self.state, self._monotonic())

    # ------------------------------------------------------------ the employer (flows/employer.py)
    def employers_loaded(self, employers: tuple[EmployerSummary, ...]) -> None:
        self._apply(employer.employers_loaded(self.state, employers))

    def employer_chosen(self, employer_id: str) -> None:
        self._apply(employer.chosen(self.state, employer_id))

    def employer_loaded(self, data: Employer) -> None:
        self._apply(employer.employer_loaded(self.state, data))

    def employer_failed(self, code: str = "", message: tuple[str, str] | None = None) -> None:
        self._apply(employer.failed(self.state, code, message))

    # ------------------------------------------------------------ statement rows from a USB stick
    def import_requested(self) -> None:
        """"Import from a USB stick" on a statement's members step (effect ListStatementFiles)."""
        self._apply(statement_import.requested(self.state))

    def import_files_listed(self, files: tuple[StatementFile, ...]) -> None:
        self._apply(statement_import.listed(self.state, files))

    def import_file_chosen(self, name: str) -> None:
        """A file picked from the listing (effect ReadStatementFile)."""
        self._apply(statement_import.chosen(self.state, name))

    def import_file_read(self, name: str, data: bytes) -> None:
        self._apply(statement_import.read(self.state, name, data))

    def import_failed(self, code: str) -> None:
        self._apply(statement_import.failed(self.state, code))

    def import_closed(self) -> None:
        self._apply(statement_import.closed(self.state))

    # ------------------------------------------------------------ status and cancel (flows/status.py)
    def receipt_check_requested(self, ref: str = "") -> None:
        """"Check or cancel an instruction" (attract, menu, account); `ref`: look it up at once."""
        self._apply(receipt_status.requested(self.state, ref))

    def receipt_ref_typed(self, text: str) -> None:
        self._apply(receipt_status.typed(self.state, text))

    def receipt_lookup_submitted(self) -> None:
        """"Check" (effect LookupReceipt)."""
        self._apply(receipt_status.submitted(self.state))

    def receipt_scanned(self, text: str) -> bool:
        """A QR code's text: True when it was a receipt's code and the check took it."""
        return bool(self._apply(receipt_status.scanned(self.state, text)))

    def receipt_found(self, result: ReceiptLookup) -> None:
        self._apply(receipt_status.found(self.state, result))

    def receipt_details_requested(self) -> None:
        self._apply(receipt_status.details_requested(self.state))

    def receipt_cancel_requested(self) -> None:
        self._apply(receipt_status.cancel_requested(self.state))

    def receipt_cancel_confirmed(self) -> None:
        self._apply(receipt_status.cancel_confirmed(self.state))

    def receipt_cancel_kept(self) -> None:
        self._apply(receipt_status.cancel_kept(self.state))

    def receipt_answered(self, result: InstructionStatus) -> None:
        self._apply(receipt_status.answered(self.state, result))

    def receipt_refused(self, code: str, message: tuple[str, str]) -> None:
        self._apply(receipt_status.refused(self.state, code, message))

    def receipt_unavailable(self) -> None:
        self._apply(receipt_status.unavailable(self.state))
