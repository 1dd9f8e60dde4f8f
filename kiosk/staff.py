"""Staff and technician modes wired to the kiosk's real parts: the composition root's helper for
everything kiosk.modes describes (it may import the whole kiosk, like kiosk/app.py).

`StaffServices` hangs off `KioskServices.staff`; the UI (ui/staff) and the CLI use it. Every
operation checks the signed-in role (StaffDesk.require) and writes an audit entry.
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import doctor
from kiosk.config import KioskConfig
from kiosk.domain import Instruction
from kiosk.modes.auth import AnyOf, OneTimeCodeAuthenticator, OneTimeCodes, PinAuthenticator, PinRegistry
from kiosk.modes.dashboard import StaffOperations, SyncSummary
from kiosk.modes.lockout import Lockout
from kiosk.modes.receipt_lookup import ReceiptLookups
from kiosk.modes.roles import Action
from kiosk.modes.staff import StaffDesk
from kiosk.ports import AuthError, PlatformError, Receipt
from kiosk.ports.audit import AuditEvent, Outcome
from kiosk.ports.staff import Refused, StaffAuthenticator
from kiosk.ports.staff_queue import Actor, Linker
from kiosk.settings import SPECS, KioskSettings, SettingsStore, settings_path
from kiosk.update.agent import UpdateAgent
from kiosk.update.installer import Outcome as UpdateOutcome
from kiosk.update.installer import Progress, SlotInstaller
from kiosk.update.manifest import UpdateRefused
from kiosk.update.sources import UpdateSource
from offline_cache.audit import FileAuditLog
from offline_cache.integrity import quick_check
from offline_cache.log_export import ExportResult, export_logs, usb_folders

if TYPE_CHECKING:
    from kiosk.domain.account import InstructionStatus
    from offline_cache.audit import FileAuditLog
    from offline_cache.keystore import FileKeystore
    from offline_cache.outbox import SqliteOutbox
    from offline_cache.platform_client import HttpPlatformClient
    from offline_cache.staff_actions import StaffActionsStore
    from offline_cache.sync import SyncEngine, SyncWorker

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- files in the data folder


@dataclass(frozen=True)
class StaffPaths:
    data_dir: Path

    @property
    def keys(self) -> Path:
        return self.data_dir / "keys"

    @property
    def pins(self) -> Path:
        return self.keys / "staff.json"

    @property
    def otp_key(self) -> Path:
        return self.keys / "technician-otp.key"

    @property
    def otp_state(self) -> Path:
        return self.keys / "technician-otp.json"

    @property
    def lockout(self) -> Path:
        return self.data_dir / "staff" / "lockout.json"

    @property
    def update_trust(self) -> Path:
        return self.keys / "update-trust"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"


def cli_actor(settings: KioskSettings) -> Actor:
    """Who runs a CLI command: the technician at the kiosk's shell (root or the kiosk user)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return Actor(staff_id=f"cli:{user}", role="technician", shop=settings.shop_id)


def record(audit: FileAuditLog, event: AuditEvent, actor: Actor, outcome: Outcome = Outcome.OK,
           **detail: str | int | float | bool | None) -> None:
    try:
        audit.record(event.value, role=actor.role, actor=actor.staff_id, shop=actor.shop, outcome=outcome.value,
                     detail=detail)
    except OSError:
        log.error("audit entry %s could not be written", event.value, exc_info=True)


# ---------------------------------------------------------------- enrolment and rotation


def enrol_device(client: Any, keystore: Any, code: str, device_name: str, *, rotate: bool) -> str:
    """Spend a one-time code on new device credentials. `rotate`: the terminal is enrolled already
    and its secret is being replaced; the new credentials are proved with a signed request before
    the old ones are given up (they come back if the proof fails). Returns the device id."""
    old = keystore.device_credentials()
    if rotate and old is None:
        raise Refused("NOT_ENROLLED", "本機尚未登記，請先登記。", "This terminal is not enrolled yet: enrol it first.")
    if not rotate and old is not None:
        raise Refused("ALREADY_ENROLLED", "本機已登記；如要更換密鑰，請使用「更換密鑰」。",
                      f"This terminal is already enrolled as {old[0]}: use rotation to replace its secret.")
    try:
        device_id, secret = client.enrol(code.strip(), device_name)
    except AuthError as e:
        raise Refused("ENROL_REFUSED", "登記碼無效或已使用。", f"The platform refused the code ({e}).") from e
    except PlatformError as e:
        raise Refused("PLATFORM_UNREACHABLE", "未能連接積金易平台，請檢查網絡。",
                      f"The platform could not be reached ({e}).") from e
    keystore.save_device_credentials(device_id, secret)
    if rotate:
        try:
            client.config()  # a signed request with the new secret
        except PlatformError as e:
            keystore.save_device_credentials(*old)
            raise Refused("ROTATION_UNPROVEN", "新密鑰未能通過驗證，已保留舊密鑰。",
                          f"The new secret was not accepted ({e}); the old one is kept.") from e
    return str(device_id)


# ---------------------------------------------------------------- the services


@dataclass(frozen=True)
class StaffWiring:
    """What staff mode uses of the rest of the kiosk; the composition root (kiosk/app.py) fills it
    in while it opens the storage."""

    config: KioskConfig
    outbox: SqliteOutbox
    client: HttpPlatformClient
    keystore: FileKeystore
    engine: SyncEngine
    worker: SyncWorker
    enqueue: Callable[[Instruction, Linker | None], Receipt]  # KioskServices.enqueue: counts and receipts
    online: Callable[[], bool | None]  # the last sync's view (KioskServices.status)
    readers: Callable[[], list[str]]  # the card reader's, built on first use
    serial_ports: Callable[[], list[str]]  # the QR serial scanners' ports
    audit: FileAuditLog
    queue: StaffActionsStore  # what staff see of the outbox and do to it
    installer: SlotInstaller
    card_authenticator: Callable[[Callable[[], str]], StaffAuthenticator]  # the staff card, for the shop id
    # The platform's status of a receipt reference (MemberPlatformClient.receipt_status); None: the
    # receipt lookup shows this kiosk's record only.
    receipt_status: Callable[[str], InstructionStatus] | None = None


class StaffServices:
    def __init__(self, wiring: StaffWiring) -> None:
        self.wiring = wiring
        cfg = wiring.config
        self.paths = StaffPaths(cfg.data_dir)
        self.settings_store = SettingsStore(settings_path(cfg.data_dir))
        self.settings = self.settings_store.load()
        self.audit = wiring.audit
        self.pins = PinRegistry(self.paths.pins)
        self.codes = OneTimeCodes(self.paths.otp_key, self.paths.otp_state)
        shop: Callable[[], str] = lambda: self.settings.shop_id  # noqa: E731
        self.desk = StaffDesk(
            AnyOf(PinAuthenticator(self.pins, shop), OneTimeCodeAuthenticator(self.codes, shop),
                  wiring.card_authenticator(shop)),
            Lockout(self.paths.lockout), self.audit,
            idle_timeout_s=lambda: float(self.settings.staff_idle_timeout_s), shop=shop)
        self.queue = wiring.queue
        self.ops = StaffOperations(self.desk, self.queue, enqueue=self._enqueue, sync_now=self._sync_now,
                                   health=self._health, amendable_types=_member_forms)
        self.installer = wiring.installer
        self.receipts = ReceiptLookups(self.desk, self.queue, wiring.receipt_status)

    # ------------------------------------------------------------ plumbing for the dashboard
    def _enqueue(self, instruction: Instruction, linker: Linker | None) -> Receipt:
        return self.wiring.enqueue(instruction, linker)

    def _sync_now(self) -> SyncSummary:
        r = self.wiring.engine.drain()
        self.wiring.worker.wake()
        return SyncSummary(sent=r.sent, accepted=r.accepted, rejected=r.rejected, retry=r.retry, error=r.error)

    def device_probes(self) -> list[Callable[[], doctor.Check]]:
        return [doctor.scanner_probe(self.wiring.serial_ports), doctor.camera_probe()]

    def _health(self) -> list[doctor.HealthItem]:
        queue = {s.state: s.count for s in self.queue.overview()}  # fresh, not the last sync's snapshot
        return doctor.quick_health(readers=self.wiring.readers, online=self.wiring.online(), queue=queue,
                                   data_dir=self.wiring.config.data_dir, probes=self.device_probes())

    # ------------------------------------------------------------ technician
    def run_doctor(self) -> doctor.DoctorReport:
        self.desk.require(Action.RUN_DOCTOR)
        report = doctor.run(self.doctor_inputs())
        self.desk.record(AuditEvent.DOCTOR_RUN, Outcome.OK if report.ok else Outcome.FAILED,
                         failed=",".join(c.name for c in report.checks if c.status is doctor.Status.FAIL))
        return report

    def doctor_inputs(self) -> doctor.DoctorInputs:
        w = self.wiring
        return doctor.DoctorInputs(
            data_dir=w.config.data_dir, db_path=w.config.db_path, platform_url=w.config.platform_url,
            readers=w.readers, platform_reachable=w.client.health,
            clock_skew_s=lambda: w.client.clock_skew_s,
            enrolled=lambda: w.keystore.device_credentials() is not None,
            queue=self.queue.overview, database_check=lambda: quick_check(w.config.db_path),
            audit_verify=lambda: _verify(self.audit), settings_problem=self.settings_store.problem,
            update_status=self.update_status, device_probes=self.device_probes())

    def enrol(self, code: str, *, rotate: bool) -> str:
        p = self.desk.require(Action.ROTATE_SECRET if rotate else Action.ENROL)
        event = AuditEvent.SECRET_ROTATED if rotate else AuditEvent.ENROLLED
        name = self.settings.device_name or self.wiring.config.device_name
        try:
            device_id = enrol_device(self.wiring.client, self.wiring.keystore, code, name, rotate=rotate)
        except Refused as refused:
            self.desk.record(event, Outcome.REFUSED, principal=p, code=refused.code)
            raise
        self.desk.record(event, principal=p, device_id=device_id)
        self.wiring.worker.wake()
        return device_id

    def export_logs(self, target: Path, progress: Callable[[int, int], None] | None = None) -> ExportResult:
        self.desk.require(Action.EXPORT_LOGS)
        report = doctor.run(self.doctor_inputs())
        try:
            result = export_logs(self.paths.logs, target, device=self.settings.device_name or
                                 self.wiring.config.device_name, known_values=self.queue.personal_values(),
                                 extra={"doctor.json": report.as_dict()},
                                 copies={"audit.jsonl": self.audit.path, "audit.head": self.audit.head_path},
                                 progress=progress)
        except Exception as e:
            self.desk.record(AuditEvent.LOGS_EXPORTED, Outcome.FAILED, code=getattr(e, "code", type(e).__name__))
            raise
        self.desk.record(AuditEvent.LOGS_EXPORTED, folder=result.folder.name, files=len(result.files))
        return result

    def usb_folders(self) -> list[Path]:
        """Mounted removable media the logs may be exported to."""
        return usb_folders()

    def change_setting(self, name: str, raw: str) -> tuple[Any, Any, bool]:
        """(old, new, needs a restart). Raises ValidationError (bilingual) for a bad value."""
        self.desk.require(Action.CHANGE_SETTINGS)
        old, new = self.settings_store.set(name, raw)
        self.settings = self.settings_store.load()
        self.desk.record(AuditEvent.SETTING_CHANGED, name=name, old=_plain(old), new=_plain(new))
        return old, new, SPECS[name].restart

    def update_status(self) -> dict[str, Any]:
        return self.installer.status()

    def start_update_agent(self, member_idle: Callable[[], bool], interval_s: float = 3600.0) -> UpdateAgent | None:
        """Automatic updates from the `update_url` setting, for a kiosk installed in slots (a
        development run from a checkout has no slots and gets None)."""
        if self.installer.current_slot() is None:
            return None
        actor = Actor("update-agent", "system", self.settings.shop_id)

        def source() -> UpdateSource | None:
            url = self.settings.update_url
            return self.installer.source_for(url) if url else None

        def outcome(what: UpdateOutcome | UpdateRefused) -> None:
            if isinstance(what, UpdateRefused):
                record(self.audit, AuditEvent.UPDATE_REFUSED, actor, Outcome.REFUSED, code=what.code)
                return
            event = {"installed": AuditEvent.UPDATE_INSTALLED, "rolled_back": AuditEvent.UPDATE_ROLLED_BACK}
            record(self.audit, event.get(what.status, AuditEvent.UPDATE_DEFERRED), actor,
                   Outcome.OK if what.status == "installed" else Outcome.FAILED, version=what.version,
                   slot=what.slot, detail=what.detail[:160])

        agent = UpdateAgent(self.installer, source, member_idle=member_idle, interval_s=interval_s,
                            on_outcome=outcome)
        agent.start()
        return agent

    def install_update(self, where: str, *, may_switch: Callable[[], bool],
                       progress: Progress | None = None) -> UpdateOutcome:
        p = self.desk.require(Action.INSTALL_UPDATE)
        actor = Actor(p.staff_id, p.role.value, p.shop)
        return install_and_record(self.installer, where, self.audit, actor, may_switch=may_switch,
                                  progress=progress)


def install_and_record(installer: SlotInstaller, where: str, audit: FileAuditLog, actor: Actor, *,
                       may_switch: Callable[[], bool], retry_failed: bool = False,
                       progress: Progress | None = None) -> UpdateOutcome:
    """Check, prepare, activate, with an audit entry for the outcome or the refusal."""
    try:
        source = installer.source_for(where)
        outcome = installer.install(source, may_switch=may_switch, retry_failed=retry_failed,
                                    progress=progress or (lambda stage, fraction: None))
    except UpdateRefused as refused:
        record(audit, AuditEvent.UPDATE_REFUSED, actor, Outcome.REFUSED, code=refused.code, source=where[:120])
        raise
    event = {"installed": AuditEvent.UPDATE_INSTALLED, "rolled_back": AuditEvent.UPDATE_ROLLED_BACK,
             "deferred": AuditEvent.UPDATE_DEFERRED}[outcome.status]
    record(audit, event, actor, Outcome.OK if outcome.status == "installed" else Outcome.FAILED,
           version=outcome.version, slot=outcome.slot, detail=outcome.detail[:160])
    return outcome


def _verify(audit: FileAuditLog) -> tuple[int, list[str]]:
    result = audit.verify()
    return result.lines, [str(p) for p in result.problems]


def _plain(value: Any) -> str | int | float | bool | None:
    if isinstance(value, tuple | list):
        return ",".join(str(v) for v in value)
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _member_forms() -> tuple[str, ...]:
    """Instruction types with a form at this kiosk: those can be amended here."""
    from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS

    return MEMBER_FORMS + EMPLOYER_FORMS

