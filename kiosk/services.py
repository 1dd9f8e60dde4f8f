"""The kiosk's services: what the UI and the CLI use (ui/services.py is the UI's view of them).

`KioskServices` holds the parts the composition root (kiosk/app.py) builds and opens them on
demand: `kiosk run` paints the attract screen first and opens the storage after it (docs/ui.md,
"Start-up"), so the parts that need storage (`OpenedParts`) are built by an opener the root passes
in, and each property that returns one waits for the opening."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.config import KioskConfig
from kiosk.ports import CardReader, OutboxState, QueueRefused, Receipt, TransactionStep
from kiosk.ports.status import KioskStatus, SyncStatus

# The implementations are imported by the composition root where it builds them, not here:
# importing requests, sqlite-utils, cryptography and the staff/update machinery costs more than the
# whole attract screen, and a kiosk opens its storage after the first paint (docs/ui.md, "Start-up").
if TYPE_CHECKING:
    from kiosk.core.confirm import ConfirmRequest, ConfirmResult
    from kiosk.domain import Instruction
    from kiosk.modes.dashboard import StaffOperations
    from kiosk.ports.employer import EmployerPlatform
    from kiosk.ports.member import MemberPlatform
    from kiosk.ports.speech import SpeechEngine
    from kiosk.ports.statement_files import StatementFiles
    from kiosk.printing import PrinterService
    from kiosk.qr.demo import QrDemo
    from kiosk.qr.devices import QrDevices
    from kiosk.qr.service import QrService
    from kiosk.staff import StaffServices
    from offline_cache.employer_client import EmployerPlatformClient
    from offline_cache.keystore import FileKeystore
    from offline_cache.outbox import SqliteOutbox
    from offline_cache.recovery import StartupReport
    from offline_cache.sync import SyncEngine, SyncWorker

log = logging.getLogger(__name__)

OPEN_WAIT_S = 120.0  # an opening that takes longer than this is stuck: the caller gets an error

DEFAULT_ANNOUNCEMENTS = [
    ("歡迎使用積金易自助服務站。", "Welcome to the eMPF self-service kiosk."),
]


@dataclass(frozen=True)
class OpenedParts:
    """What opening the kiosk's storage builds (kiosk/app.py's opener): the keystore, the SQLite
    outbox (checked at start), the platform client, sync engine and worker, the QR service and
    devices, and the staff services."""

    keystore: FileKeystore
    outbox: SqliteOutbox
    startup_report: StartupReport
    client: EmployerPlatformClient
    engine: SyncEngine
    worker: SyncWorker
    qr: QrService
    qr_devices: QrDevices
    staff: StaffServices


Opener = Callable[["KioskServices"], OpenedParts]


class DemoControls(Protocol):
    """`kiosk run --demo`'s stand-ins the screens offer buttons for (kiosk/demo.py)."""

    @property
    def has_virtual_card(self) -> bool: ...
    @property
    def card_inserted(self) -> bool: ...
    def insert_card(self) -> bool: ...
    def remove_card(self) -> None: ...
    @property
    def qr_demo(self) -> QrDemo | None: ...


class OpenFailed(RuntimeError):
    """The kiosk's storage could not be opened; a confirm gets this bilingual reason."""

    message_zh = "本機暫時未能儲存指示，請通知職員。你輸入的資料未有遞交。"
    message_en = "This kiosk cannot save instructions right now. Please tell the staff. Nothing was submitted."


class KioskServices:
    """What the UI and the CLI use. Thread-safe; `status()` never touches the disk or network.

    The storage (keystore, SQLite outbox), platform client, sync worker, QR service and staff
    services (`OpenedParts`) are built by `opener` when `open()` runs. With `open_now=False` (the
    kiosk's own start, `kiosk run`) that waits: the UI paints the attract screen first and then calls
    `open_in_background()`. Any use of an opened part before then (an enqueue, the staff panel)
    waits for the opening to finish."""

    def __init__(self, config: KioskConfig, opener: Opener, card_factory: Callable[[KioskConfig], CardReader],
                 cards: CardReader | None = None, *, open_now: bool = True) -> None:
        self.config = config
        self._opener_fn = opener
        self._parts: OpenedParts | None = None
        self._cards = cards
        self._card_factory = card_factory
        self._lock = threading.Lock()
        self._cards_lock = threading.Lock()  # not _lock: building a reader must not hold up status()
        self._open_lock = threading.Lock()  # held for the whole opening: a second caller waits on it
        self._opened = threading.Event()  # set when the opening has finished, well or not
        self._open_error: BaseException | None = None
        self._opener: threading.Thread | None = None
        self._start_requested = False
        self._status = KioskStatus()  # until the outbox is open: no counts yet, sync unknown
        self._config_cache = config.data_dir / "platform-config.json"
        self._receipts: dict[str, str] = {}  # this run's receipts, newest last (bounded)
        self.demo: DemoControls | None = None  # `kiosk run --demo` only (kiosk/demo.py)
        self.printer: PrinterService | None = None  # the receipt printer, set by the composition root
        # Statement files on USB sticks (kiosk.ports.statement_files), set by the composition root.
        self.statement_files: StatementFiles | None = None
        # The scheme's funds from the platform: no source yet (the form uses kiosk.domain.funds' defaults).
        self.funds: Callable[[], list[Any]] | None = None
        # Makes the engine that reads aloud (kiosk.ports.speech), set by the composition root; None: silent.
        self.speech: Callable[[], SpeechEngine] | None = None
        if open_now:
            self.open()

    # ------------------------------------------------------------ the opened parts
    # Each waits for the opening (or opens now): that is what makes an early confirm safe (it runs
    # on a worker thread and simply takes longer).
    def parts(self) -> OpenedParts:
        """Everything the opening built; opens now, or waits for an opening under way."""
        self.open()
        assert self._parts is not None  # open() raised otherwise
        return self._parts

    @property
    def keystore(self) -> FileKeystore:
        return self.parts().keystore

    @property
    def outbox(self) -> SqliteOutbox:
        return self.parts().outbox

    @property
    def startup_report(self) -> StartupReport:
        return self.parts().startup_report

    @property
    def client(self) -> EmployerPlatformClient:
        return self.parts().client

    @property
    def employer(self) -> EmployerPlatform:
        """An employer's data for its signed-in authorised person (the same client as `client`)."""
        return self.parts().client

    @property
    def member(self) -> MemberPlatform:
        """Member sign-in, account and receipts (the same client as `client`)."""
        return self.parts().client

    @property
    def engine(self) -> SyncEngine:
        return self.parts().engine

    @property
    def worker(self) -> SyncWorker:
        return self.parts().worker

    @property
    def qr(self) -> QrService:
        return self.parts().qr

    @property
    def qr_devices(self) -> QrDevices:
        return self.parts().qr_devices

    @property
    def staff(self) -> StaffServices:
        return self.parts().staff

    @property
    def cards(self) -> CardReader:
        """The card reader, built on first use (the PC/SC driver's imports are not cheap)."""
        with self._cards_lock:
            if self._cards is None:
                self._cards = self._card_factory(self.config)
            return self._cards

    # ------------------------------------------------------------ opening
    def is_open(self) -> bool:
        """True once opened successfully; never blocks."""
        return self._opened.is_set() and self._open_error is None

    def open_failed(self) -> BaseException | None:
        """The error the opening ended with, if it has ended with one; never blocks."""
        return self._open_error if self._opened.is_set() else None

    def open(self) -> None:
        """Open everything now on this thread, or wait for an opening already under way.

        Raises OpenFailed (bilingual, with the cause chained) if the opening failed."""
        if not self._opened.is_set():
            if not self._open_lock.acquire(timeout=OPEN_WAIT_S):
                raise OpenFailed("opening the kiosk's storage did not finish")
            try:
                if not self._opened.is_set():
                    try:
                        self._open()
                    except BaseException as e:  # kept for every later caller, not retried in a loop
                        self._open_error = e
                        log.error("kiosk storage did not open: %s", type(e).__name__)
                    finally:
                        self._opened.set()
            finally:
                self._open_lock.release()
        if self._open_error is not None:
            raise OpenFailed(type(self._open_error).__name__) from self._open_error
        if self._start_requested:
            self._start_worker()  # start() was called before the opening: the worker starts now

    def open_in_background(self) -> None:
        """Start opening on a thread of its own (it ends when the opening has); returns at once."""
        with self._lock:
            if self._opener is not None or self._opened.is_set():
                return
            self._opener = threading.Thread(target=self._open_quietly, name="kiosk-open", daemon=True)
            self._opener.start()

    def _open_quietly(self) -> None:
        with contextlib.suppress(OpenFailed):  # recorded in _open_error and logged; enqueue() reports it
            self.open()
        # The card reader's driver imports belong off the GUI thread too.
        try:
            self.cards  # noqa: B018
        except Exception:
            log.warning("card reader could not be built", exc_info=True)

    def _open(self) -> None:
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        parts = self._opener_fn(self)
        with self._lock:
            self._parts = parts
            self._status = replace(self._status, queue=dict(parts.outbox.counts().by_state),
                                   alerts=parts.outbox.alerts.open_alerts())

    # ------------------------------------------------------------ life
    def start(self) -> None:
        """Start the sync worker; if the opening has not happened yet, it starts when it has."""
        self._start_requested = True
        if self.is_open():
            self._start_worker()

    def _start_worker(self) -> None:
        with self._lock:  # start() and the opening thread may both get here
            if self._start_requested and self._parts is not None:
                self._parts.worker.start()

    def close(self) -> None:
        self._start_requested = False
        opener = self._opener
        if opener is not None:
            opener.join(OPEN_WAIT_S)  # never close storage under an opening still in progress
        if self.printer is not None:
            self.printer.close()
        with self._cards_lock:
            cards = self._cards
        if cards is not None:
            try:
                cards.stop()
            except Exception:  # stopping a reader that never started must not stop shutdown
                log.debug("card reader stop failed", exc_info=True)
        # What the opening built (never through the properties here, which would try to open).
        # An opener that fails part-way closes what it had built itself (kiosk/app.py).
        parts = self._parts
        if parts is not None:
            parts.worker.stop()
            parts.qr_devices.hub.stop()
            parts.qr.close()
            parts.client.close()
            parts.outbox.close()

    # ------------------------------------------------------------ for the UI
    def confirm(self, request: ConfirmRequest) -> ConfirmResult:
        """The confirm use case (kiosk/core/confirm.py) over this kiosk's outbox, QR nonces and staff
        desk; call it off the UI thread. Storage that did not open answers with OpenFailed's reason."""
        from kiosk.core.confirm import ConfirmInstruction

        return ConfirmInstruction(self.enqueue, nonces=self._opened_qr, assisted_queue=self._staff_queue)(request)

    def _opened_qr(self) -> QrService | None:
        try:
            self.open()
        except OpenFailed:
            return None  # enqueue answers with the reason
        return self.qr

    def _staff_queue(self) -> StaffOperations | None:
        try:
            self.open()
        except OpenFailed:
            return None
        return self.staff.ops

    def enqueue(self, instruction: Instruction, within: TransactionStep | None = None) -> Receipt:
        """Durable before it returns (call it off the UI thread); then the sync worker is woken."""
        # `within`: staff actions linking an assisted or amended instruction in the same transaction
        self.open()  # waits for an opening under way; OpenFailed (bilingual) before anything is written
        try:
            receipt = self.outbox.enqueue(instruction, within=within) if within else self.outbox.enqueue(instruction)
        except QueueRefused:
            self._refresh_counts()  # the refusal raised a staff alert: show it now, not at the next sync round
            raise
        with self._lock:
            self._receipts[receipt.kiosk_ref] = OutboxState.QUEUED.value
            while len(self._receipts) > 50:
                self._receipts.pop(next(iter(self._receipts)))
        self._refresh_counts()
        self.worker.wake()
        return receipt

    def status(self) -> KioskStatus:
        with self._lock:
            return self._status

    def announcements(self) -> list[tuple[str, str]]:
        try:
            doc = json.loads(self._config_cache.read_text())
            items = [(str(a["zh"]), str(a["en"])) for a in doc.get("announcements", [])]
            return items or DEFAULT_ANNOUNCEMENTS
        except (OSError, ValueError, KeyError, TypeError):
            return DEFAULT_ANNOUNCEMENTS

    # ------------------------------------------------------------ plumbing
    def _refresh_counts(self, sync: SyncStatus | None = None) -> None:
        """Re-read counts and this run's receipt states. Runs on worker threads, never the UI's."""
        counts = dict(self.outbox.counts().by_state)
        with self._lock:
            refs = list(self._receipts)
        states = self.outbox.states(refs)
        alerts = self.outbox.alerts.open_alerts()
        with self._lock:
            self._receipts.update({k: v for k, v in states.items() if k in self._receipts})
            self._status = replace(self._status, queue=counts, receipts=dict(self._receipts),
                                   sync=sync or self._status.sync, alerts=alerts)

    def sync_status_changed(self, sync: SyncStatus) -> None:
        self._refresh_counts(sync)
        if sync.online and not self._config_cache.exists():
            self.refresh_platform_config()
        if sync.online:
            self.qr.refresh_keys()  # at most every few hours; on this worker thread, never the UI's

    def refresh_platform_config(self) -> bool:
        """Fetch the platform's kiosk configuration (announcements, funds) and cache it for offline use."""
        try:
            doc = self.client.config()
        except Exception as e:
            log.info("platform config not fetched: %s", type(e).__name__)
            return False
        tmp = self._config_cache.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, ensure_ascii=False))
        tmp.replace(self._config_cache)
        return True
