"""The composition root: the one place that chooses implementations and wires them together."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kiosk.config import KioskConfig
from kiosk.ports import CardReader, OutboxState, QueueRefused, Receipt, TransactionStep
from kiosk.status import KioskStatus, SyncStatus

# The implementations are imported where they are built (KioskServices._open), not here: importing
# requests, sqlite-utils, cryptography and the staff/update machinery costs more than the whole
# attract screen, and a kiosk opens its storage after the first paint (docs/ui.md, "Start-up").
if TYPE_CHECKING:
    from kiosk.domain import Instruction
    from kiosk.qr.service import QrService
    from kiosk.qr.settings import QrSettings
    from kiosk.staff import StaffServices
    from offline_cache.keystore import FileKeystore
    from offline_cache.outbox import SqliteOutbox
    from offline_cache.platform_client import HttpPlatformClient
    from offline_cache.recovery import StartupReport
    from offline_cache.sync import SyncEngine, SyncWorker

log = logging.getLogger(__name__)

# Built by KioskServices._open (storage, platform client, sync, QR, staff); reading one before the
# opening finished waits for it, so nothing a member does is lost to an early tap.
_OPENED_PARTS = frozenset({"keystore", "outbox", "startup_report", "client", "engine", "worker", "qr",
                           "qr_devices", "staff"})
OPEN_WAIT_S = 120.0  # an opening that takes longer than this is stuck: the caller gets an error

DEFAULT_ANNOUNCEMENTS = [
    ("歡迎使用積金易自助服務站。", "Welcome to the eMPF self-service kiosk."),
]


def default_card_reader(config: KioskConfig) -> CardReader:
    from drivers.cards import hkid_plugin
    from drivers.cards.emrtd import emrtd_profile
    from drivers.cards.registry import default_registry
    from drivers.cards.staff import StaffCardProfile
    from drivers.pcsc.reader import PcscCardReader

    registry = default_registry()
    registry.register(emrtd_profile(config.csca_dir))  # ePassports: MRZ key, BAC, passive authentication
    registry.register(StaffCardProfile())  # a staff card on the member side: offer sign-in, not "unknown"
    hkid_plugin.install(registry)  # an Immigration-Department-authorised HKID module, when configured
    return PcscCardReader(registry)


class QrDevices:
    """The QR sources (drivers/qr): the camera's decoding pipeline (the UI's camera adapter feeds it
    frames), the keyboard-wedge recogniser (the UI's key filter feeds it keys), serial scanners; all
    merged by one hub that drops the same code read twice within a second."""

    def __init__(self, settings: QrSettings) -> None:
        from drivers.qr.hub import QrHub
        from drivers.qr.pipeline import DecodePipeline
        from drivers.qr.serial_scanner import SerialScanner
        from drivers.qr.wedge import WedgeSource

        self.settings = settings
        self.camera = DecodePipeline()
        self.wedge: WedgeSource[Any] | None = WedgeSource() if settings.wedge else None
        serial = [SerialScanner(p.port, p.baudrate) for p in settings.serial]
        self.hub = QrHub([self.camera, *([self.wedge] if self.wedge else []), *serial])


class OpenFailed(RuntimeError):
    """The kiosk's storage could not be opened; a confirm gets this bilingual reason."""

    message_zh = "本機暫時未能儲存指示，請通知職員。你輸入的資料未有遞交。"
    message_en = "This kiosk cannot save instructions right now. Please tell the staff. Nothing was submitted."


class KioskServices:
    """What the UI and the CLI use. Thread-safe; `status()` never touches the disk or network.

    The storage (keystore, SQLite outbox), platform client, sync worker, QR service and staff
    services are opened by `open()`. With `open_now=False` (the kiosk's own start, `kiosk run`) that
    waits: the UI paints the attract screen first and then calls `open_in_background()`. Any use of
    an opened part before then (an enqueue, the staff panel) waits for the opening to finish."""

    keystore: FileKeystore
    outbox: SqliteOutbox
    startup_report: StartupReport
    client: HttpPlatformClient
    engine: SyncEngine
    worker: SyncWorker
    qr: QrService
    qr_devices: QrDevices
    staff: StaffServices

    def __init__(self, config: KioskConfig, cards: CardReader | None = None,
                 card_factory: Callable[[KioskConfig], CardReader] = default_card_reader, *,
                 open_now: bool = True) -> None:
        self.config = config
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
        self.demo: Any = None  # demo controls (virtual card), set by kiosk.demo when running --demo
        if open_now:
            self.open()

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes not set yet: the parts open() builds. Waiting here is what
        # makes an early confirm safe (it runs on a worker thread and simply takes longer).
        if name in _OPENED_PARTS:
            self.open()
            return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")

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
        from kiosk.qr.service import QrService
        from kiosk.qr.settings import QrSettings
        from kiosk.staff import StaffServices
        from offline_cache.keystore import FileKeystore
        from offline_cache.platform_client import HttpPlatformClient
        from offline_cache.recovery import open_outbox
        from offline_cache.sync import Backoff, SyncEngine, SyncWorker

        config = self.config
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.keystore = FileKeystore(config.keystore_dir)
        # Checked at start: a damaged database is moved aside, a fresh one opened, staff alerted.
        self.outbox, self.startup_report = open_outbox(
            config.db_path, self.keystore.data_key(), self.keystore.member_salt(),
            max_pending=config.max_pending, min_free_bytes=config.min_free_mb * 1024 * 1024,
            retention_days=config.retention_days)
        self.client = HttpPlatformClient(config.platform_url, self.keystore.device_credentials,
                                         timeout_s=config.http_timeout_s)
        self.engine = SyncEngine(self.outbox, self.client, batch_size=config.batch_size)
        self.worker = SyncWorker(self.engine, interval_s=config.sync_interval_s,
                                 backoff=Backoff(config.backoff_base_s, config.backoff_cap_s),
                                 on_status=self._sync_status_changed,
                                 health_interval_s=config.health_interval_s, maintenance=self.outbox.purge,
                                 maintenance_interval_s=config.purge_interval_s, skew_alert_s=config.skew_alert_s)
        with self._lock:
            self._status = replace(self._status, queue=dict(self.outbox.counts().by_state),
                                   alerts=self.outbox.alerts.open_alerts())
        # Scanned codes: prepared-instruction keys from the platform, nonces used here (kiosk/qr).
        self.qr = QrService.for_data_dir(config.data_dir, self.client.qr_keys)
        self.qr_devices = QrDevices(QrSettings.from_env())
        self.staff = StaffServices(self)  # staff-assist and technician modes, audit log, updates

    # ------------------------------------------------------------ life
    def start(self) -> None:
        """Start the sync worker; if the opening has not happened yet, it starts when it has."""
        self._start_requested = True
        if self.is_open():
            self._start_worker()

    def _start_worker(self) -> None:
        with self._lock:  # start() and the opening thread may both get here
            if self._start_requested:
                self.worker.start()

    def close(self) -> None:
        self._start_requested = False
        opener = self._opener
        if opener is not None:
            opener.join(OPEN_WAIT_S)  # never close storage under an opening still in progress
        with self._cards_lock:
            cards = self._cards
        if cards is not None:
            try:
                cards.stop()
            except Exception:  # stopping a reader that never started must not stop shutdown
                log.debug("card reader stop failed", exc_info=True)
        # Whatever the opening built, even if it failed part-way (never through __getattr__ here,
        # which would try to open).
        parts = self.__dict__
        if "worker" in parts:
            self.worker.stop()
        if "qr_devices" in parts:
            self.qr_devices.hub.stop()
        if "qr" in parts:
            self.qr.close()
        if "client" in parts:
            self.client.close()
        if "outbox" in parts:
            self.outbox.close()

    # ------------------------------------------------------------ for the UI
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

    def _sync_status_changed(self, sync: SyncStatus) -> None:
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


def build_services(config: KioskConfig, cards: CardReader | None = None, *,
                   open_now: bool = True) -> KioskServices:
    """The kiosk's services; `open_now=False` leaves the opening to the UI, after its first paint."""
    return KioskServices(config, cards=cards, open_now=open_now)


def build_services_without_reader(config: KioskConfig) -> KioskServices:
    """The services for a command that works on the queue, the staff desk or the logs, not on cards."""
    from kiosk.no_card_reader import NoCardReader

    return KioskServices(config, cards=NoCardReader("no card reader in this command"))

