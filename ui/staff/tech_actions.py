"""The technician's page at work: what its buttons do (doctor, enrolment, log export, settings,
updates, quitting), each checked against the signed-in role, audited by the staff desk, and run on
the panel's worker thread when it blocks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QTimer, Slot

from kiosk.domain import ValidationError
from kiosk.modes.roles import Action
from kiosk.ports.audit import AuditEvent
from kiosk.ports.staff import Refused
from ui.staff.strings import error_message, tr_staff
from ui.staff.technician import TechnicianPage

if TYPE_CHECKING:
    from kiosk.staff import StaffServices
    from ui.bridge import Worker
    from ui.staff.host import StaffHost


class TechHost(Protocol):
    """What the technician's actions use of the staff panel (ui/staff/panel.py)."""

    window_: StaffHost
    staff: StaffServices
    worker: Worker
    progress: Any  # its signals carry update and export progress to the GUI thread

    @property
    def lang(self) -> str: ...
    def activity(self) -> None: ...
    def member_session_kept(self) -> bool: ...

# Settings that take effect at once; the others after a restart.
LIVE_SETTINGS = {"idle_timeout_s", "idle_warning_s", "languages", "staff_idle_timeout_s", "shop_id",
                 "device_name", "update_url", "update_channel"}


class TechnicianActions:
    def __init__(self, panel: TechHost, page: TechnicianPage) -> None:
        self.panel = panel
        self.page = page

    def refresh(self) -> None:
        t = self.page
        t.retranslate(self.panel.lang)
        t.show_settings(self.panel.staff.settings)
        t.show_usb(self.panel.staff.usb_folders())
        status = self.panel.staff.update_status()
        t.version_line.setText(tr_staff("current_version", self.panel.lang, version=status.get("version") or "-",
                                        slot=status.get("slot") or "-"))
        if not t.update_source.text():
            t.update_source.setText(self.panel.staff.settings.update_url)

    def allowed(self, action: Action) -> bool:
        self.panel.activity()
        try:
            self.panel.staff.desk.require(action)
        except Refused as refused:
            self.page.say(refused.message(self.panel.lang), error=True)
            return False
        return True

    def doctor(self) -> None:
        if not self.allowed(Action.RUN_DOCTOR):
            return
        self.page.doctor_button.setEnabled(False)
        self.panel.worker.submit(self.panel.staff.run_doctor, self.page.show_doctor, self.failed)

    def enrol(self, code: str, rotate: bool) -> None:
        if not self.allowed(Action.ROTATE_SECRET if rotate else Action.ENROL):
            return
        lang = self.panel.lang

        def done(device: object) -> None:
            self.page.enrol_code.clear()
            self.page.say(tr_staff("rotated" if rotate else "enrolled_as", lang, device=device))
        self.panel.worker.submit(lambda: self.panel.staff.enrol(code, rotate=rotate), done, self.failed)

    def export(self, target: Path) -> None:
        if not self.allowed(Action.EXPORT_LOGS):
            return
        lang = self.panel.lang
        emit = self.panel.progress.export.emit

        def done(result: Any) -> None:
            self.page.say(tr_staff("exported", lang, n=len(result.files), folder=str(result.folder)))
        self.panel.worker.submit(lambda: self.panel.staff.export_logs(target, progress=emit), done, self.failed)

    @Slot(int, int)
    def export_progress(self, done: int, total: int) -> None:
        self.page.export_progress.setValue(int(100 * done / max(1, total)))

    def setting(self, name: str, value: str) -> None:
        if not self.allowed(Action.CHANGE_SETTINGS):
            return
        try:
            _, _, restart = self.panel.staff.change_setting(name, value)
        except ValidationError as e:
            self.page.say(e.message(self.panel.lang), error=True)
            return
        self.apply_live_settings()
        key = "saved_restart" if restart or name not in LIVE_SETTINGS else "saved"
        self.page.say(tr_staff(key, self.panel.lang, name=name))
        self.page.show_settings(self.panel.staff.settings)

    def apply_live_settings(self) -> None:
        s = self.panel.staff.settings
        session = self.panel.window_.session
        session.idle_timeout_s = float(s.idle_timeout_s)
        session.idle_warning_s = float(s.idle_warning_s)
        self.panel.window_.header.offer(s.languages)

    def update(self, where: str) -> None:
        if not self.allowed(Action.INSTALL_UPDATE):
            return
        if self.panel.member_session_kept():
            self.page.say(tr_staff("update_busy", self.panel.lang), error=True)
            return
        if not where:
            self.page.say(tr_staff("update_source", self.panel.lang), error=True)
            return
        lang = self.panel.lang
        self.page.update_button.setEnabled(False)
        self.page.restart_button.hide()
        emit = self.panel.progress.update.emit
        # The panel covers the screen, so no member can start a session meanwhile; the check is
        # made again just before the switch all the same.
        member = self.panel.member_session_kept

        def done(outcome: Any) -> None:
            key = {"installed": "update_installed", "rolled_back": "update_rolled_back",
                   "deferred": "update_deferred"}[outcome.status]
            self.page.update_finished(tr_staff(key, lang, version=outcome.version, slot=outcome.slot),
                                            installed=outcome.status == "installed",
                                            error=outcome.status == "rolled_back")
            self.refresh()
        staff = self.panel.staff
        self.panel.worker.submit(lambda: staff.install_update(where, may_switch=lambda: not member(), progress=emit),
                                 done, self.update_failed)

    def update_failed(self, error: BaseException) -> None:
        self.page.update_finished(error_message(error, self.panel.lang), installed=False, error=True)

    def failed(self, error: BaseException) -> None:
        self.page.doctor_button.setEnabled(True)
        self.page.say(error_message(error, self.panel.lang), error=True)

    def _may_close(self) -> bool:
        from kiosk.modes.quitting import may_close

        self.panel.activity()
        try:
            may_close(self.panel.staff.desk, member_session=self.panel.member_session_kept())
        except Refused as refused:
            self.page.hide_quit_question()
            self.page.say(refused.message(self.panel.lang), error=True)
            return False
        return True

    def ask_quit(self) -> None:
        """"Close the kiosk": asked once more (and refused while a member's session is under way)."""
        if self._may_close():
            self.page.say(None)
            self.page.ask_quit_question()

    def quit(self, *, restart: bool = False) -> None:
        """Close (the confirmation's yes) or restart into a new version: checked again now."""
        self.page.hide_quit_question()
        if not self._may_close():
            return
        self.panel.staff.desk.record(AuditEvent.KIOSK_QUIT)
        self.panel.staff.desk.sign_out()
        from ui.lockdown import EXIT_RESTART, quit_kiosk

        code = EXIT_RESTART if restart else 0  # the service starts the kiosk again only on EXIT_RESTART
        QTimer.singleShot(0, lambda: quit_kiosk(code))
