"""Runs what the session's flows ask for (kiosk/core/effects.py), off the GUI thread where it
blocks, and answers the session with the next event.

- ReadCard: the card reader's read_identity on the worker; a staff card found where a member's
  was expected goes to staff sign-in (or waits with "starting…" while staff mode attaches);
  everything else goes back as Session.card_read_finished.
- SaveInstruction: the confirm use case (services.confirm) on the worker; its typed result goes
  back as Session.confirm_finished. This is the one crossing from ui/ into the core for a confirm,
  and the one back.
- OfferStaffSignIn: staff mode checks the card put on a reader mid-session.
- StartIamSmart, EndIamSmart: the QR controller opens the platform's iAM Smart session for the code
  on screen, or cancels it.
- SendCode, CheckCode, FetchAccount, FetchEmployers, FetchEmployer: the platform's calls for a
  member's sign-in and account and an employer's data (ui/platform_effects.py runs them).
- LookupReceipt, FetchDetails, CancelInstruction: a receipt's status, details and cancel
  (ui/receipt_effects.py runs them).
- AuditMember: a line in the audit log (on the worker: it fsyncs), when the kiosk has one.
- ListStatementFiles, ReadStatementFile: a statement's members from a USB stick
  (ui/statement_import.py runs them on the worker).

Results that come back after the member has gone (the window's generation moved on) are dropped.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Protocol

from kiosk.core.effects import (
    AuditMember,
    CancelInstruction,
    CheckCode,
    Effect,
    EndIamSmart,
    FetchAccount,
    FetchDetails,
    FetchEmployer,
    FetchEmployers,
    ListStatementFiles,
    LookupReceipt,
    OfferStaffSignIn,
    ReadCard,
    ReadStatementFile,
    SaveInstruction,
    SendCode,
    StartIamSmart,
)
from kiosk.core.texts import SAVE_FAILED
from kiosk.ports import CardError, CardErrorCode, CardReadResult
from ui.worker_host import WorkerHost

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.qr_controller import QrController
    from ui.staff.entry import PendingStaffCard
    from ui.staff.panel import StaffPanel

log = logging.getLogger(__name__)


class EffectHost(WorkerHost, Protocol):
    """What the runner needs of the window (ui/main_window.py)."""
    @property
    def staff_panel(self) -> StaffPanel | None: ...
    @property
    def qr(self) -> QrController:
        """Built when first asked for."""
        ...
    def built_qr(self) -> QrController | None: ...
    def services_opened(self) -> bool | None: ...
    def centralWidget(self) -> QWidget | None: ...


class SessionEffects:
    def __init__(self, host: EffectHost) -> None:
        self.host = host
        self._pending_staff: PendingStaffCard | None = None  # ui/staff/entry.py, made when first needed

    def __call__(self, effect: Effect) -> None:
        if isinstance(effect, ReadCard):
            self._read(effect)
        elif isinstance(effect, SaveInstruction):
            self._save(effect)
        elif isinstance(effect, OfferStaffSignIn):
            panel = self.host.staff_panel
            if panel is not None:
                panel.card_inserted_mid_session(effect.reader)  # a staff card while a member is busy
        elif isinstance(effect, StartIamSmart):
            if self.host.services_opened() is False:  # the platform client comes with the storage
                self.host.session.iamsmart_failed()  # "not available, try again" until it has opened
            else:
                self.host.qr.start_login(effect.purpose)
        elif isinstance(effect, EndIamSmart):
            built = self.host.built_qr()
            if built is not None:
                built.cancel_login()
        elif isinstance(effect, SendCode | CheckCode | FetchAccount | FetchEmployers | FetchEmployer):
            from ui.platform_effects import run as run_platform_call

            run_platform_call(self.host, effect)  # sign-in, account, employer's data
        elif isinstance(effect, AuditMember):
            self._audit(effect)
        elif isinstance(effect, LookupReceipt | FetchDetails | CancelInstruction):
            from ui.receipt_effects import run

            run(self.host, effect)  # receipt status, details and cancel (kiosk/core/flows/status.py)
        elif isinstance(effect, ListStatementFiles | ReadStatementFile):
            from ui.statement_import import run_effect

            run_effect(self.host, effect)  # a statement's members from a USB stick

    def _audit(self, effect: AuditMember) -> None:
        staff = self.host.services.staff if self.host.services.is_open() else None
        if staff is None:
            return  # a kiosk without staff mode keeps no audit log
        audit, shop = staff.audit, staff.settings.shop_id
        detail = dict(effect.detail)

        def write() -> None:
            audit.record(effect.event, role="member", actor="", shop=shop, outcome=effect.outcome, detail=detail)

        self.host.worker.submit(write, lambda _: None,
                                lambda e: log.error("audit entry %s not written: %s", effect.event, type(e).__name__))

    # ------------------------------------------------------------ cards
    def _read(self, effect: ReadCard) -> None:
        cards, generation = self.host.services.cards, self.host.generation
        reader, key, token = effect.reader, effect.key, effect.token
        self.host.worker.submit(lambda: cards.read_identity(reader, key) if key is not None
                                else cards.read_identity(reader),
                                partial(self._read_done, generation, reader, token),
                                partial(self._read_failed, generation, reader, token))

    def _read_done(self, generation: int, reader: str, token: int, result: object) -> None:
        if generation != self.host.generation:
            return  # read for a session that has since been wiped
        if not isinstance(result, CardReadResult):
            result = CardReadResult(error=CardError(CardErrorCode.UNREADABLE, "bad result type"))
        session = self.host.session
        if result.error is not None and result.error.code is CardErrorCode.STAFF_CARD:
            panel = self.host.staff_panel
            if panel is None and self.host.services_opened() is False:
                # Staff mode is attached once the storage has opened (a moment after start-up): the
                # card waits for it, with a short "starting…", rather than the GUI thread waiting.
                session.staff_card_presented(token)
                self._hold_staff_card(reader)
                return
            if panel is not None and panel.offers_card():
                # Straight to its sign-in (a session the card itself started on attract ends; a
                # member's session is kept, to be assisted).
                session.staff_card_presented(token)
                panel.staff_card_presented(reader)
                return
        session.card_read_finished(result, reader, token)

    def _read_failed(self, generation: int, reader: str, token: int, error: BaseException) -> None:
        # read_identity should never raise; if a driver does, the member sees "unreadable".
        log.warning("card read raised %s", type(error).__name__)
        self._read_done(generation, reader, token, CardReadResult(
            error=CardError(CardErrorCode.UNREADABLE, type(error).__name__)))

    def _hold_staff_card(self, reader: str) -> None:
        if self._pending_staff is None:
            from ui.staff.entry import PendingStaffCard

            central = self.host.centralWidget()
            assert central is not None
            self._pending_staff = PendingStaffCard(central)
        self._pending_staff.hold(reader, self.host.session.state.lang)

    @property
    def pending_staff(self) -> PendingStaffCard | None:
        return self._pending_staff

    # ------------------------------------------------------------ confirm
    def _save(self, effect: SaveInstruction) -> None:
        services, generation, request = self.host.services, self.host.generation, effect.request
        self.host.worker.submit(lambda: services.confirm(request),
                                partial(self._saved, generation), partial(self._save_failed, generation))

    def _saved(self, generation: int, result: object) -> None:
        from kiosk.core.confirm import Confirmed, NotConfirmed

        session = self.host.session
        if generation != self.host.generation or not session.state.saving:
            log.info("an instruction was answered after its session ended")
            return
        if not isinstance(result, Confirmed | NotConfirmed):
            result = NotConfirmed("SAVE_FAILED", SAVE_FAILED)
        session.confirm_finished(result)

    def _save_failed(self, generation: int, error: BaseException) -> None:
        # The use case answers every failure itself; this is a defect in it. The class name only:
        # an exception's text might quote the instruction.
        from kiosk.core.confirm import NotConfirmed

        log.error("confirm raised %s", type(error).__name__)
        self._saved(generation, NotConfirmed("SAVE_FAILED", SAVE_FAILED))
