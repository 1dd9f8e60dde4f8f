"""The kiosk asks the service for a restart with its exit code: a technician's Restart (after an update)
leaves `run_kiosk` with EXIT_RESTART (75), which the unit always restarts (RestartForceExitStatus=);
Close the kiosk leaves with 0, which Restart=on-failure does not restart. A real kiosk process, its
window offscreen, a technician signed in on the staff panel's own keyboard."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.e2e.test_service_unit import UNIT, unit_entries

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from kiosk.app import build_services
    from kiosk.config import KioskConfig
    from kiosk.ports.staff import Role
    from ui.app import ensure_app, run_kiosk
    from devtools.fakes import FakeCardReader

    data, button = Path(sys.argv[1]), sys.argv[2]
    services = build_services(KioskConfig(data_dir=data, platform_url="http://127.0.0.1:9"), cards=FakeCardReader())
    services.staff.pins.register("T900", "730416", Role.TECHNICIAN, "FIELD")
    app = ensure_app()
    step = {"n": 0}

    def drive():
        window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
        panel = window.staff_panel
        if step["n"] == 0:
            panel.open()
            page = panel.sign_in_page
            QTest.mouseClick(page.staff_id, Qt.MouseButton.LeftButton)
            page.keyboard.press("T900")
            QTest.mouseClick(page.pin, Qt.MouseButton.LeftButton)
            page.keyboard.press("730416")
            page.sign_in_button.click()
            step["n"] = 1
        elif panel.stack.currentWidget() is panel.dashboard:
            getattr(panel.technician, button).click()
            if button == "quit_button":  # closing the kiosk is asked once more
                panel.technician.quit_yes.click()
            return
        QTimer.singleShot(100, drive)

    QTimer.singleShot(500, drive)
    QTimer.singleShot(60_000, lambda: app.exit(99))  # bounded: nothing quit the kiosk
    code = run_kiosk(services, windowed=True)
    services.close()
    sys.exit(code)
""")


@pytest.mark.parametrize(("button", "expected"), [("restart_button", 75), ("quit_button", 0)])
def test_restart_exits_for_the_service_to_start_it_again_and_close_does_not(
        tmp_path: Path, button: str, expected: int) -> None:
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "data"), button], cwd=ROOT,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                         timeout=120, check=False)
    assert out.returncode == expected, out.stderr[-3000:]
    restart_forced = {int(v) for s, k, v in unit_entries(UNIT) if k == "RestartForceExitStatus" for v in v.split()}
    assert (out.returncode in restart_forced) == (button == "restart_button")
