"""What the UI needs from the rest of the kiosk, as a Protocol the real services satisfy.

The UI never chooses implementations: the composition root (kiosk/app.py) builds the real object
(kiosk.services.KioskServices: PC/SC reader, SQLite outbox, sync status); tests and screenshots pass
devtools.fakes.FakeServices. The parts a kiosk may run without are declared optional (None): the
fakes have no staff mode, QR devices or platform; only `kiosk run --demo` has demo controls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.config import KioskConfig
from kiosk.ports import CardReader, IamSmartClient, Receipt
from kiosk.ports.status import KioskStatus

if TYPE_CHECKING:  # annotations only: the form model, QR and staff machinery load after the first paint
    from kiosk.core.confirm import ConfirmRequest, ConfirmResult
    from kiosk.domain import Instruction
    from kiosk.ports.employer import EmployerPlatform
    from kiosk.ports.member import MemberPlatform
    from kiosk.ports.speech import SpeechEngine
    from kiosk.ports.statement_files import StatementFiles
    from kiosk.printing import PrinterService
    from kiosk.qr.devices import QrDevices
    from kiosk.qr.service import QrService
    from kiosk.services import DemoControls
    from kiosk.staff import StaffServices


class KioskServicesLike(Protocol):
    @property
    def config(self) -> KioskConfig: ...

    @property
    def cards(self) -> CardReader:
        """Events arrive on a driver thread; read_identity blocks (the UI calls it on a worker)."""
        ...

    def enqueue(self, instruction: Instruction) -> Receipt:
        """Durable write before it returns; blocks (the UI calls it on a worker).

        May raise kiosk.ports.QueueRefused (message_zh, message_en) or any other exception."""
        ...

    def confirm(self, request: ConfirmRequest) -> ConfirmResult:
        """The confirm use case (kiosk/core/confirm.py): a prepared code's nonce claimed, the
        instruction queued (assisted, linked), a typed result; blocks (the UI calls it on a worker)."""
        ...

    def status(self) -> KioskStatus:
        """Cheap and thread-safe; polled once a second for the status strip."""
        ...

    def announcements(self) -> list[tuple[str, str]]:
        """(zh, en) pairs for the attract screen."""
        ...

    # ---- the storage's opening (docs/ui.md, "Start-up"); services without one are always open
    def is_open(self) -> bool:
        """True once the storage is open; never blocks."""
        ...

    def open_failed(self) -> BaseException | None:
        """The error the opening ended with, if it has; never blocks."""
        ...

    def open_in_background(self) -> None:
        """Start opening on a thread of its own; returns at once."""
        ...

    # ---- optional parts. Reading staff, qr, qr_devices or client waits for the opening.
    @property
    def demo(self) -> DemoControls | None: ...

    @property
    def funds(self) -> Callable[[], list[Any]] | None:
        """The scheme's funds (kiosk.domain.funds.Fund or the platform's configuration entries)."""
        ...

    @property
    def staff(self) -> StaffServices | None: ...

    @property
    def speech(self) -> Callable[[], SpeechEngine] | None:
        """Makes the engine that reads aloud (called once, off the GUI thread); None: the kiosk is silent."""
        ...

    @property
    def qr(self) -> QrService | None: ...

    @property
    def qr_devices(self) -> QrDevices | None: ...

    @property
    def client(self) -> IamSmartClient | None:
        """The platform, for the iAM Smart hand-off."""
        ...

    @property
    def employer(self) -> EmployerPlatform | None:
        """An employer's data for its signed-in authorised person (docs/contribution-statement.md)."""
        ...

    @property
    def member(self) -> MemberPlatform | None:
        """The platform's member calls: the one-time code, the account, receipts (docs/sign-in.md)."""
        ...

    @property
    def statement_files(self) -> StatementFiles | None:
        """Statement files on a USB stick (kiosk/ports/statement_files.py); it blocks (the UI calls
        it on a worker). None: this kiosk reads no sticks."""
        ...

    @property
    def printer(self) -> PrinterService | None:
        """The receipt printer (kiosk/printing.py); None when none is configured. It blocks (the
        receipt screen calls it on a worker)."""
        ...
