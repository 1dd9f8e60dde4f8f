"""Screenshots of the staff and technician screens in both languages: the PIN pad, the staff
dashboard (a rejected instruction waiting, masked), voiding it (the reasons, then the second
question), a member who called staff (the header's button, the alert on the status strip, the
dashboard's line), the HKID card check (the member's "staff are checking" screen and the staff
panel with the number in full), the receipt lookup, the technician's checks, settings and update
pages, and closing the kiosk's question.

    xvfb-run -a -s "-screen 0 1920x1920x24" .venv/bin/python -m devtools.screenshots --walks staff \
        --out artifacts/screenshots

(every orientation and mode, both languages; the walk of devtools/screenshots.py named "staff").
Staff mode needs the real services: the platform simulator runs as a subprocess on 127.0.0.1 (stopped
when the walk ends), the kiosk enrols with it into a temporary folder, and two fictional staff
(S001 staff, T900 technician) get PINs. One member instruction with a wrong HKID check digit is
queued and rejected by the simulator, so the dashboard has something to show.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from devtools.fakes import FakeCardReader, FakeClock
from devtools.shots import Camera, settle, start_member, wait_for
from kiosk import cli
from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.domain import Identity, Instruction
from kiosk.ports.staff import Role
from ui.main_window import MainWindow
from ui.staff.technician import TABS

SCREENS = ("staff-pin-pad", "staff-pin-typed", "staff-dashboard", "staff-void-reasons", "staff-void-confirm",
           "staff-call-member", "staff-call-dashboard", "staff-card-checking", "staff-card-check", "staff-lookup",
           *(f"staff-technician-{tab}" for tab in TABS), "staff-technician-quit")
MEMBER_HKID = "A123456(3)"  # fictional
STAFF = ("S001", "482915")  # fictional staff member and PIN
TECHNICIAN = ("T900", "730416")
CODE = "SHOTS-CODE-1"
READY_S = 20.0
_LISTENING = re.compile(r"listening on (http://\S+)")


class Simulator:
    """The platform simulator on loopback for as long as the walk runs."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.out = folder / "sim-stdout.txt"
        args = [sys.executable, "-m", "platform_sim.cli", "--host", "127.0.0.1", "--port", "0",
                "--db", str(folder / "platform.sqlite3"), "--enrolment-code", CODE]
        with self.out.open("wb") as out, (folder / "sim-stderr.txt").open("wb") as err:
            self.proc = subprocess.Popen(args, stdout=out, stderr=err)
        self.url = self._wait_ready()

    def _wait_ready(self) -> str:
        end = time.monotonic() + READY_S
        while time.monotonic() < end:
            found = _LISTENING.search(self.out.read_text(errors="replace"))
            if found:
                return found.group(1)
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the platform simulator did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def services(tmp: Path) -> Any:
    sim = Simulator(tmp / "platform")
    try:
        data = tmp / "kiosk"
        if cli.main(["enrol", CODE, "--data-dir", str(data), "--platform-url", sim.url]) != 0:
            raise RuntimeError("enrolment with the simulator failed")
        svc = build_services(KioskConfig(data_dir=data, platform_url=sim.url, http_timeout_s=3, idle_timeout_s=600),
                             cards=FakeCardReader())
    except BaseException:
        sim.stop()
        raise
    svc.staff.pins.register(*STAFF, Role.STAFF, "SHOP-01")
    svc.staff.pins.register(*TECHNICIAN, Role.TECHNICIAN, "FIELD")
    # A wrong check digit: the simulator rejects it, and it waits on the dashboard (masked).
    svc.enqueue(Instruction("CHANGE_PARTICULARS", Identity("A123456(4)", name_en="CHAN TAI MAN"),
                            {"mobile": "91234567"}))
    svc.engine.drain()
    # An accepted one, for the receipt lookup.
    accepted = svc.enqueue(Instruction("CHANGE_PARTICULARS", Identity(MEMBER_HKID), {"mobile": "91234567"}))
    svc.engine.drain()
    setattr(svc, "screenshot_receipt", accepted.kiosk_ref)  # noqa: B010

    def close() -> None:
        svc.close()
        sim.stop()

    setattr(svc, "screenshot_cleanup", close)  # close_window() runs it  # noqa: B010
    return svc


def _sign_in(window: MainWindow, who: tuple[str, str], shot: Callable[[str], None] | None = None) -> None:
    panel = window.staff_panel
    assert panel is not None
    page = panel.sign_in_page
    QTest.mouseClick(page.staff_id, Qt.MouseButton.LeftButton)
    page.keyboard.press(who[0])
    QTest.mouseClick(page.pin, Qt.MouseButton.LeftButton)
    page.keyboard.press(who[1])
    if shot is not None:
        shot("staff-pin-typed")  # the PIN shows as dots
    page.sign_in_button.click()
    wait_for(lambda: panel.stack.currentWidget() is panel.dashboard, 10)
    settle(100)


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    panel = window.staff_panel
    assert panel is not None, "staff mode needs services.staff"
    start_member(window, lang, mode)
    window.session.wipe()  # staff come to an idle kiosk: the attract screen behind the panel
    window.session.set_language(lang)
    window.session.set_accessibility(large_text=mode[0], high_contrast=mode[1])
    panel.open()
    settle(50)
    shot("staff-pin-pad")
    _sign_in(window, STAFF, shot)
    panel.refresh_dashboard()
    settle(100)
    shot("staff-dashboard")
    _void_steps(panel, shot)
    panel.sign_out()
    panel.open()
    _sign_in(window, TECHNICIAN)
    panel.nav_technician.click()
    tech = panel.technician
    for tab in TABS:
        tech.show_tab(tab)
        if tab == "doctor":
            wait_for(lambda: tech.doctor_button.isEnabled(), 20)  # it runs as the page opens
        settle(30)
        shot(f"staff-technician-{tab}")
    tech.quit_button.click()  # the question only: "Yes" is not pressed
    settle(30)
    shot("staff-technician-quit")
    tech.hide_quit_question()
    panel.sign_out()
    # Members, with staff signed in and handed back (no wipe in between: a wipe restyles the kiosk).
    panel.open()
    _sign_in(window, STAFF)
    panel.close_panel()
    _member_calls(window, panel, shot)
    _card_check(window, panel, shot)
    _lookup(window, panel, shot)
    panel.sign_out()
    settle(50)


def _void_steps(panel: Any, shot: Camera) -> None:
    dashboard = panel.dashboard
    refs = list(dashboard.void_row_buttons)
    if not refs:
        return
    dashboard.void_row_buttons[refs[0]].click()
    void = dashboard.void_panel
    void.reason_buttons["DUPLICATE"].click()
    settle(50)
    shot("staff-void-reasons")
    void.next_button.click()
    settle(50)
    shot("staff-void-confirm")
    void.cancel_button.click()  # go back, then give up: the instruction stays for the next language
    void.cancel_button.click()


def _member_calls(window: MainWindow, panel: Any, shot: Camera) -> None:
    """A member identified by a typed number presses "call staff"; staff open the dashboard."""
    s = window.session
    window.call_alert.bell = lambda: None  # no bell while photographing
    s.start()
    s.identify_typed(MEMBER_HKID)  # not assisted: staff handed back
    window.header.call_staff.click()
    settle(80)
    shot("staff-call-member")
    panel.open()  # staff come: the member's session becomes assisted
    panel.show_page("dashboard")
    settle(100)
    shot("staff-call-dashboard")
    panel.dashboard.call_box.answer_button.click()
    panel.close_panel()


def _card_check(window: MainWindow, panel: Any, shot: Camera) -> None:
    """In the assisted session, the member types their number: their screen says staff are
    checking; the staff panel shows the number in full."""
    s = window.session
    s.start()  # the next member, with this one's language and text size
    panel.open()  # signed in already: the new member's session is assisted
    panel.close_panel()
    s.identify_typed(MEMBER_HKID)
    settle(80)
    shot("staff-card-checking")
    hkid_screen = panel.hkid_confirm
    assert hkid_screen is not None
    hkid_screen.check_button.click()
    settle(80)
    shot("staff-card-check")
    panel.card_check.decline_button.click()


def _lookup(window: MainWindow, panel: Any, shot: Camera) -> None:
    ref = getattr(window.services, "screenshot_receipt", "")
    panel.open()
    panel.nav_lookup.click()
    page = panel.lookup
    page.field.setText(ref)
    page.look_up_button.click()
    wait_for(lambda: page.results.count() == 2, 15)
    settle(100)
    shot("staff-lookup")
    panel.close_panel()
