"""The composition root: the one place that chooses implementations and wires them together."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kiosk.config import KioskConfig
from kiosk.domain import Instruction
from kiosk.ports import CardReader, QueueRefused, Receipt
from kiosk.qr.service import QrService
from kiosk.qr.settings import QrSettings
from kiosk.staff import StaffServices
from kiosk.status import KioskStatus, SyncStatus
from offline_cache.keystore import FileKeystore
from offline_cache.platform_client import HttpPlatformClient
from offline_cache.recovery import open_outbox
from offline_cache.sync import Backoff, SyncEngine, SyncWorker

log = logging.getLogger(__name__)

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


class KioskServices:
    """What the UI and the CLI use. Thread-safe; `status()` never touches the disk or network."""

    def __init__(self, config: KioskConfig, cards: CardReader | None = None,
                 card_factory: Callable[[KioskConfig], CardReader] = default_card_reader) -> None:
        self.config = config
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
        self.cards = cards if cards is not None else card_factory(config)
        self._lock = threading.Lock()
        self._status = KioskStatus(queue=dict(self.outbox.counts().by_state),
                                   alerts=self.outbox.alerts.open_alerts())
        self._config_cache = config.data_dir / "platform-config.json"
        self._receipts: dict[str, str] = {}  # this run's receipts, newest last (bounded)
        self.demo: Any = None  # demo controls (virtual card), set by kiosk.demo when running --demo
        # Scanned codes: prepared-instruction keys from the platform, nonces used here (kiosk/qr).
        self.qr = QrService.for_data_dir(config.data_dir, self.client.qr_keys)
        self.qr_devices = QrDevices(QrSettings.from_env())
        self.staff = StaffServices(self)  # staff-assist and technician modes, audit log, updates

    # ------------------------------------------------------------ life
    def start(self) -> None:
        self.worker.start()

    def close(self) -> None:
        self.worker.stop()
        try:
            self.cards.stop()
        except Exception:  # stopping a reader that never started must not stop shutdown
            log.debug("card reader stop failed", exc_info=True)
        self.qr_devices.hub.stop()
        self.qr.close()
        self.client.close()
        self.outbox.close()

    # ------------------------------------------------------------ for the UI
    def enqueue(self, instruction: Instruction, within: Callable[..., None] | None = None) -> Receipt:
        """Durable before it returns (call it off the UI thread); then the sync worker is woken."""
        # `within`: staff actions linking an assisted or amended instruction in the same transaction
        try:
            receipt = self.outbox.enqueue(instruction, within=within) if within else self.outbox.enqueue(instruction)
        except QueueRefused:
            self._refresh_counts()  # the refusal raised a staff alert: show it now, not at the next sync round
            raise
        with self._lock:
            self._receipts[receipt.kiosk_ref] = "queued"
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


def build_services(config: KioskConfig, cards: CardReader | None = None) -> KioskServices:
    return KioskServices(config, cards=cards)

