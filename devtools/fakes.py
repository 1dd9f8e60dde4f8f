"""Stand-ins for the kiosk's services, for the screenshot script and the UI tests.

No Qt here. The real kiosk never uses this module: kiosk/app.py builds the real services.
Everything about the member in it is fictional.
"""

from __future__ import annotations

import itertools
import json
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import KioskConfig
from kiosk.domain.identity import Identity, IdentitySource
from kiosk.ports import CardError, CardErrorCode, CardEvents, CardReadResult, OutboxState, Receipt
from kiosk.ports.status import KioskStatus, SyncStatus

if TYPE_CHECKING:  # annotations only (bench/startup.py times a start-up with this module's card reader)
    from kiosk.core.confirm import ConfirmRequest, ConfirmResult
    from kiosk.domain import Instruction
    from kiosk.domain.mrz import MrzKey
    from kiosk.ports import IamSmartClient
    from kiosk.ports.employer import EmployerPlatform
    from kiosk.ports.member import MemberPlatform
    from kiosk.ports.speech import SpeechEngine
    from kiosk.ports.statement_files import StatementFiles
    from kiosk.printing import PrinterService
    from kiosk.qr.devices import QrDevices
    from kiosk.qr.service import QrService
    from kiosk.services import DemoControls
    from kiosk.staff import StaffServices

FICTIONAL_MEMBER = Identity(hkid="A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文",
                            date_of_birth="1960-01-01", source=IdentitySource.CARD, reader="Fake Reader 0")

ANNOUNCEMENTS = [
    ("本站可辦理更改個人資料（電話、電郵、地址、通訊語言）。", "You can change your contact details here "
     "(phone, email, address, language)."),
    ("網絡中斷時仍可遞交指示，恢復後會自動傳送。", "Instructions can be given even when the network is down; "
                                       "they are sent when it is back."),
]


class FakeClock:
    """A monotonic clock that moves only when told to (idle and receipt timeouts in tests)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeCardReader:
    """Satisfies kiosk.ports.CardReader. `insert()` calls the events from a plain Python thread,
    as pyscard's monitor does."""

    def __init__(self, result: CardReadResult | None = None, delay_s: float = 0.0) -> None:
        self.result = result if result is not None else CardReadResult(identity=FICTIONAL_MEMBER)
        self.delay_s = delay_s
        self.events: CardEvents | None = None
        self.reads = 0
        self.keys: list[MrzKey | None] = []  # the MRZ key given with each read
        self.read_threads: list[str] = []

    def readers(self) -> list[str]:
        return ["Fake Reader 0"]

    def start(self, events: CardEvents) -> None:
        self.events = events

    def stop(self) -> None:
        self.events = None

    def read_identity(self, reader: str, key: MrzKey | None = None) -> CardReadResult:
        self.reads += 1
        self.keys.append(key)
        self.read_threads.append(threading.current_thread().name)
        time.sleep(self.delay_s)
        return self.result

    def insert(self, reader: str = "Fake Reader 0", atr: bytes = b"\x3b\x8f\x80\x01") -> threading.Thread:
        assert self.events is not None, "start() was not called"
        events = self.events
        t = threading.Thread(target=events.card_inserted, args=(reader, atr), name="fake-pcsc-monitor")
        t.start()
        return t

    def remove(self, reader: str = "Fake Reader 0") -> None:
        if self.events is not None:
            self.events.card_removed(reader)


@dataclass
class FakeServices:
    """Satisfies ui.services.KioskServicesLike. enqueue() appends a line (kiosk reference and type
    only, nothing personal) to a file in `data_dir`, so "durable" means something in tests."""

    data_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="empf-ui-")))
    config: KioskConfig = field(default_factory=KioskConfig)
    cards: FakeCardReader = field(default_factory=FakeCardReader)
    enqueue_delay_s: float = 0.0
    enqueue_error: Exception | None = None
    online: bool | None = False
    already_waiting: int = 2  # instructions "from earlier members" in the status strip
    news: list[tuple[str, str]] = field(default_factory=lambda: list(ANNOUNCEMENTS))
    on_enqueue: Callable[[Instruction], None] | None = None
    enqueued: list[Instruction] = field(default_factory=list)
    receipt_states: dict[str, str] = field(default_factory=dict)  # kiosk_ref -> outbox state
    enqueue_threads: list[str] = field(default_factory=list)
    # The optional parts of ui.services.KioskServicesLike: none by default (a test sets what it needs).
    demo: DemoControls | None = None
    funds: Callable[[], list[Any]] | None = None
    staff: StaffServices | None = None
    qr: QrService | None = None
    qr_devices: QrDevices | None = None
    client: IamSmartClient | None = None
    member: MemberPlatform | None = field(default_factory=lambda: _fake_member())  # the simulator's members
    employer: EmployerPlatform | None = None  # the member fake's employers unless given
    printer: PrinterService | None = None
    speech: Callable[[], SpeechEngine] | None = None
    statement_files: StatementFiles | None = None  # e.g. drivers.usb.statement_source over a folder
    _seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        provide_handwriting()
        if self.employer is None and hasattr(self.member, "employer_account"):
            self.employer = self.member  # type: ignore[assignment]  # the fake answers for employers too

    def confirm(self, request: ConfirmRequest) -> ConfirmResult:
        """The real use case over this fake's enqueue and QR service (no staff desk here)."""
        from kiosk.core.confirm import ConfirmInstruction

        return ConfirmInstruction(self.enqueue, nonces=lambda: self.qr)(request)

    def enqueue(self, instruction: Instruction) -> Receipt:
        self.enqueue_threads.append(threading.current_thread().name)
        time.sleep(self.enqueue_delay_s)
        if self.enqueue_error is not None:
            raise self.enqueue_error
        with self._lock:
            n = next(self._seq)
            receipt = Receipt(kiosk_ref=f"K7-2611-{n:04d}", idempotency_key=f"fake-{n}",
                              queued_at="2026-11-26T12:00:00+08:00")
            self.data_dir.mkdir(parents=True, exist_ok=True)
            with (self.data_dir / "outbox.jsonl").open("a", encoding="utf-8") as f:
                f.write(json.dumps({"ref": receipt.kiosk_ref, "type": instruction.type}) + "\n")
            self.enqueued.append(instruction)
        if self.on_enqueue is not None:
            self.on_enqueue(instruction)
        return receipt

    def status(self) -> KioskStatus:
        with self._lock:
            waiting = len(self.enqueued)
        extra: dict[str, Any] = {}
        if "receipts" in {f.name for f in fields(KioskStatus)}:
            extra["receipts"] = dict(self.receipt_states)
        queue = {OutboxState.QUEUED.value: waiting + self.already_waiting}
        return KioskStatus(sync=SyncStatus(online=self.online), queue=queue,
                           readers=tuple(self.cards.readers()), **extra)

    def announcements(self) -> list[tuple[str, str]]:
        return list(self.news)

    def is_open(self) -> bool:
        return True  # nothing to open

    def open_failed(self) -> BaseException | None:
        return None

    def open_in_background(self) -> None:
        return None


def provide_handwriting() -> None:
    """Windows on fake services recognise handwriting with the real recogniser, as the kiosk does."""
    from kiosk.ports import handwriting

    def source() -> handwriting.Handwriting:
        from drivers.handwriting.source import ZinniaHandwriting

        return ZinniaHandwriting()

    handwriting.provide(source)


def _fake_member() -> MemberPlatform:
    from devtools.fake_member import FakeMemberPlatform

    return FakeMemberPlatform()


def card_error(code: CardErrorCode = CardErrorCode.UNREADABLE) -> CardReadResult:
    return CardReadResult(error=CardError(code, detail="fake"))
