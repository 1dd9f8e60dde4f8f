"""The composition root: the one place that chooses implementations and wires them together.

`kiosk run`, every CLI command (kiosk/cli.py, kiosk/staff_cli.py), the demo and the self-test get
their services here. Implementations are imported inside the functions that build them: `kiosk run`
imports this module before the attract screen's first paint, and requests, sqlite-utils,
cryptography, the card drivers and the staff machinery cost more than the whole attract screen
(docs/ui.md, "Start-up")."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import KioskConfig
from kiosk.ports import CardReader
from kiosk.services import KioskServices, OpenedParts

if TYPE_CHECKING:
    from kiosk.doctor import DoctorInputs
    from kiosk.ports.speech import SpeechEngine
    from kiosk.ports.staff import StaffAuthenticator
    from kiosk.ports.statement_files import StatementFile, StatementFiles
    from kiosk.printing import PrinterService
    from kiosk.update.installer import SlotInstaller
    from offline_cache.audit import FileAuditLog
    from offline_cache.keystore import FileKeystore
    from offline_cache.platform_client import HttpPlatformClient


def provide_handwriting() -> None:
    """The handwriting pad's recogniser (kiosk/ports/handwriting.py): zinnia, built when a member
    first writes."""
    from kiosk.ports import handwriting

    def source() -> handwriting.Handwriting:
        from drivers.handwriting.source import ZinniaHandwriting

        return ZinniaHandwriting()

    handwriting.provide(source)


def speech_engine() -> SpeechEngine:
    """espeak-ng (drivers/speech; docs/speech.md), built when a member first needs reading aloud."""
    from drivers.speech.espeak import Espeak

    return Espeak()


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


def audit_log(config: KioskConfig) -> FileAuditLog:
    """The tamper-evident audit log of staff and technician actions, in the data folder."""
    from offline_cache.audit import open_audit_log

    return open_audit_log(config.data_dir)


def slot_installer(config: KioskConfig, root: Path | None = None) -> SlotInstaller:
    """Updates into two slots under `root` (default: where this kiosk is installed), from the release
    ring the kiosk's settings name at the moment of each check (a technician may change it live)."""
    from kiosk.settings import SettingsStore, settings_path
    from kiosk.staff import StaffPaths
    from kiosk.update.installer import SlotInstaller, default_root

    settings = SettingsStore(settings_path(config.data_dir))
    return SlotInstaller(root or default_root(), StaffPaths(config.data_dir).update_trust, data_dir=config.data_dir,
                         channel=lambda: settings.load().update_channel)


def staff_card_authenticator(config: KioskConfig) -> Callable[[Callable[[], str]], StaffAuthenticator]:
    """The staff card (drivers/cards/staff), for the kiosk's shop id: PIN checked by the card,
    challenge signed by it, role and shop from its certificate. It offers SignInMethod.CARD only once
    the operator's staff CA is in `config.staff_ca_dir`, so PIN sign-in works unchanged without it."""

    def build(shop: Callable[[], str]) -> StaffAuthenticator:
        from drivers.cards.emrtd.trust_store import FolderTrustStore
        from drivers.cards.staff.authenticator import StaffCardAuthenticator

        return StaffCardAuthenticator(FolderTrustStore(config.staff_ca_dir), kiosk_shop=shop)
    return build


def open_parts(services: KioskServices) -> OpenedParts:
    """Open the kiosk's storage and build what depends on it (KioskServices' opener). A part that
    fails to build closes the ones built before it."""
    from kiosk.qr.devices import QrDevices
    from kiosk.qr.service import QrService
    from kiosk.qr.settings import QrSettings
    from kiosk.staff import StaffServices, StaffWiring
    from offline_cache.employer_client import EmployerPlatformClient
    from offline_cache.keystore import FileKeystore
    from offline_cache.recovery import open_outbox
    from offline_cache.staff_actions import StaffActionsStore
    from offline_cache.sync import Backoff, SyncEngine, SyncWorker

    config = services.config
    with contextlib.ExitStack() as built:
        keystore = FileKeystore(config.keystore_dir)
        # Checked at start: a damaged database is moved aside, a fresh one opened, staff alerted.
        outbox, startup_report = open_outbox(
            config.db_path, keystore.data_key(), keystore.member_salt(),
            max_pending=config.max_pending, min_free_bytes=config.min_free_mb * 1024 * 1024,
            retention_days=config.retention_days)
        built.callback(outbox.close)
        # The platform's sync, iAM Smart, member (sign-in, account, receipts) and employer calls on
        # one client.
        client = EmployerPlatformClient(config.platform_url, keystore.device_credentials,
                                        timeout_s=config.http_timeout_s)
        built.callback(client.close)
        engine = SyncEngine(outbox, client, batch_size=config.batch_size)
        worker = SyncWorker(engine, interval_s=config.sync_interval_s,
                            backoff=Backoff(config.backoff_base_s, config.backoff_cap_s),
                            on_status=services.sync_status_changed,
                            health_interval_s=config.health_interval_s, maintenance=outbox.purge,
                            maintenance_interval_s=config.purge_interval_s, skew_alert_s=config.skew_alert_s)
        # Scanned codes: prepared-instruction keys from the platform, nonces used here (kiosk/qr).
        qr = QrService.for_data_dir(config.data_dir, client.qr_keys)
        built.callback(qr.close)
        qr_devices = QrDevices(QrSettings.from_env())
        built.callback(qr_devices.hub.stop)
        staff = StaffServices(StaffWiring(  # staff-assist and technician modes, audit log, updates
            config=config, outbox=outbox, client=client, keystore=keystore, engine=engine, worker=worker,
            enqueue=lambda instruction, linker: services.enqueue(instruction, within=linker),
            online=lambda: services.status().online, readers=lambda: services.cards.readers(),
            serial_ports=qr_devices.serial_ports, audit=audit_log(config), queue=StaffActionsStore(outbox),
            installer=slot_installer(config), card_authenticator=staff_card_authenticator(config),
            receipt_status=client.receipt_status))
        from kiosk.fleet.wiring import status_reporter  # fleet status report and metrics (docs/fleet.md)

        worker.scheduler.reporter = status_reporter(config, staff, services.status, outbox, client)
        built.pop_all()  # all built: KioskServices.close() closes them from now on
        return OpenedParts(keystore=keystore, outbox=outbox, startup_report=startup_report, client=client,
                           engine=engine, worker=worker, qr=qr, qr_devices=qr_devices, staff=staff)
    raise AssertionError("unreachable")  # ExitStack does not swallow exceptions


def receipt_printer(config: KioskConfig) -> PrinterService | None:
    """The receipt printer the `printer` setting names (kiosk/printing.py), built on first use; None
    for `none`. `virtual` starts the virtual printer, its pages in the data folder."""
    from kiosk.printing import NONE, PRINTED_DIR, VIRTUAL, Built, PrinterService, check_printer_setting

    setting = check_printer_setting(config.printer)
    if setting == NONE:
        return None

    def build() -> Built:
        from drivers.printer.escpos_printer import EscposReceiptPrinter, SerialLink, printer_from_spec

        if setting == VIRTUAL:
            from drivers.printer.virtual import VirtualPrinter

            virtual = VirtualPrinter(config.data_dir / PRINTED_DIR).start()
            return EscposReceiptPrinter(SerialLink(virtual.path)), virtual.stop
        return printer_from_spec(setting), None
    return PrinterService(setting, build, auto_print=config.receipt_auto_print)


def build_services(config: KioskConfig, cards: CardReader | None = None, *,
                   open_now: bool = True) -> KioskServices:
    """The kiosk's services; `open_now=False` leaves the opening to the UI, after its first paint."""
    services = KioskServices(config, open_parts, default_card_reader, cards=cards, open_now=open_now)
    services.printer = receipt_printer(config)  # the receipt printer, when one is configured
    services.speech = speech_engine
    provide_handwriting()
    services.statement_files = usb_statement_files(config)  # a statement's members from a USB stick
    return services


def usb_statement_files(config: KioskConfig) -> StatementFiles:
    """Statement files on mounted USB sticks and in the configured folder, read-only; the reader
    (drivers/usb) is built when a member first imports, not at start-up."""
    return _UsbOnFirstUse(config.statement_dir)


class _UsbOnFirstUse:
    """kiosk.ports.statement_files.StatementFiles, building drivers/usb's reader on first use."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._real: StatementFiles | None = None

    def _reader(self) -> StatementFiles:
        if self._real is None:  # one worker thread asks at a time (ui/effects.py)
            from drivers.usb.statement_source import UsbStatementFiles

            self._real = UsbStatementFiles(self._folder)
        return self._real

    def list_files(self) -> tuple[StatementFile, ...]:
        return self._reader().list_files()

    def read(self, name: str) -> bytes:
        return self._reader().read(name)


def build_services_without_reader(config: KioskConfig) -> KioskServices:
    """The services for a command that works on the queue, the staff desk or the logs, not on cards."""
    from kiosk.no_card_reader import NoCardReader

    return build_services(config, cards=NoCardReader("no card reader in this command"))


@contextlib.contextmanager
def services_for_command(config: KioskConfig) -> Iterator[KioskServices]:
    """build_services_without_reader, closed when the command is done."""
    services = build_services_without_reader(config)
    try:
        yield services
    finally:
        services.close()


def platform_access(config: KioskConfig) -> tuple[FileKeystore, HttpPlatformClient]:
    """The keystore and a platform client, without opening the outbox: the read-only doctor beside a
    running kiosk, and the demo's enrolment before the kiosk starts. The caller closes the client."""
    from offline_cache.keystore import FileKeystore
    from offline_cache.platform_client import HttpPlatformClient

    keystore = FileKeystore(config.keystore_dir)
    return keystore, HttpPlatformClient(config.platform_url, keystore.device_credentials,
                                        timeout_s=config.http_timeout_s)


def doctor_inputs(config: KioskConfig) -> DoctorInputs:
    """`kiosk doctor`'s inputs from read-only probes: a running kiosk is not disturbed."""
    from kiosk import doctor
    from kiosk.settings import SettingsStore, settings_path
    from kiosk.staff import _verify
    from offline_cache.integrity import quick_check
    from offline_cache.staff_actions import read_only_overview

    keystore, client = platform_access(config)
    store = SettingsStore(settings_path(config.data_dir))
    store.load()

    def readers() -> list[str]:
        cards = default_card_reader(config)
        try:
            return cards.readers()
        finally:
            cards.stop()

    audit = audit_log(config)
    installer = slot_installer(config)
    return doctor.DoctorInputs(
        data_dir=config.data_dir, db_path=config.db_path, platform_url=config.platform_url, readers=readers,
        platform_reachable=client.health, clock_skew_s=lambda: client.clock_skew_s,
        enrolled=lambda: keystore.device_credentials() is not None,
        queue=lambda: read_only_overview(config.db_path), database_check=lambda: quick_check(config.db_path),
        audit_verify=lambda: _verify(audit), settings_problem=store.problem, update_status=installer.status,
        device_probes=[doctor.scanner_probe(lambda: []), doctor.camera_probe(),
                       doctor.printer_probe(config.printer, lambda: receipt_printer(config))])


def run_kiosk(config: KioskConfig, *, windowed: bool = False, size: tuple[int, int] | None = None,
              demo_port: int | None = None, on_ready: Callable[[], None] | None = None) -> int:
    """`kiosk run`: the services (opened after the first paint), the window, the event loop; with
    `demo_port`, the demo's simulator, card and QR stand-ins around them (kiosk/demo.py)."""
    demo = None
    if demo_port is not None:
        from kiosk.demo import DemoEnvironment

        demo = DemoEnvironment(config, platform_access, port=demo_port)
        config = demo.start()
    services = build_services(config, open_now=False)  # opened after the first paint (ui.app.show_kiosk)
    services.demo = demo
    services.start()
    try:
        from ui.app import run_kiosk as run_window

        return run_window(services, windowed=windowed, size=size, on_ready=on_ready)
    finally:
        services.close()
        if demo is not None:
            demo.stop()


def self_test(data_dir: Path | None = None) -> int:
    """`kiosk self-test` and the bundle's `empf-kiosk --self-test`: the headless steps
    (kiosk/update/selftest.py) and the Qt ones (ui/selftest_qt.py) on real services."""
    from kiosk.no_card_reader import NoCardReader
    from kiosk.update import selftest
    from ui.selftest_qt import qt_steps

    def services(config: KioskConfig) -> KioskServices:
        # No card reading and no sync worker started: nothing is sent.
        return build_services(config, cards=NoCardReader("no card reading in the self-test"))

    return selftest.main(data_dir, extra_steps=qt_steps(services))
