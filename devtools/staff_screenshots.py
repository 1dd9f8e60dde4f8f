"""Screenshots of the staff and technician screens in both languages: the PIN pad, the staff
dashboard (a rejected instruction waiting, masked), the technician's checks, settings and update
pages.

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

SCREENS = ("staff-pin-pad", "staff-pin-typed", "staff-dashboard", *(f"staff-technician-{tab}" for tab in TABS))
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
    panel.sign_out()
    panel.open()
    _sign_in(window, TECHNICIAN)
    panel.nav_technician.click()
    tech = panel.technician
    for tab in TABS:
        tech.show_tab(tab)
        settle(30)
        shot(f"staff-technician-{tab}")
    panel.sign_out()
    settle(50)
