"""The real kiosk for tests (no tests here): services enrolled on the platform simulator through the
CLI, as a technician enrols a kiosk, and the real main window over them (Qt offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from kiosk import cli
from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.ports.cards import CardReader
from kiosk.ports.staff import Role, SignInMethod
from kiosk.services import KioskServices
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.staff.panel import StaffPanel

STAFF_ID = "S001"
STAFF_PIN = "482915"
# The sync worker retries within a test's patience rather than a shop's.
FAST_SYNC: dict[str, Any] = {"sync_interval_s": 0.2, "backoff_base_s": 0.05, "backoff_cap_s": 0.3}


def enrolled_services(tmp_path: Path, platform_url: str, cards: CardReader | None = None, *,
                      staff: bool = False, **config: Any) -> KioskServices:
    """The kiosk's services on `tmp_path/kiosk`, enrolled with the simulator's test code. `cards`
    None is the production reader (pcscd); `staff` registers STAFF_ID with STAFF_PIN; `config`
    overrides KioskConfig's fields (FAST_SYNC for tests that wait for delivery)."""
    data = tmp_path / "kiosk"
    assert cli.main(["enrol", "TEST-CODE-1", "--data-dir", str(data), "--platform-url", platform_url]) == 0
    settings: dict[str, Any] = {"http_timeout_s": 3, "idle_timeout_s": 600, **config}
    services = build_services(KioskConfig(data_dir=data, platform_url=platform_url, **settings), cards=cards)
    if staff:
        services.staff.pins.register(STAFF_ID, STAFF_PIN, Role.STAFF, "SHOP-01")
    return services


def open_kiosk(qtbot: QtBot, services: KioskServices) -> MainWindow:
    """The main window, shown at 1920 x 1080."""
    window = build_main_window(services)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    return window


def close_kiosk(window: MainWindow) -> None:
    """Stops the staff panel's and the window's workers and closes it, as the kiosk does on exit."""
    if window.staff_panel is not None:
        window.staff_panel.shutdown()
    window.shutdown()
    window.allow_close()
    window.close()


@contextmanager
def kiosk_window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    window = open_kiosk(qtbot, services)
    try:
        yield window
    finally:
        close_kiosk(window)


def panel_of(window: MainWindow) -> StaffPanel:
    """The staff panel (built with the window)."""
    assert window.staff_panel is not None
    return window.staff_panel


def sign_in_with_pin(qtbot: QtBot, panel: StaffPanel, timeout_ms: int = 10_000) -> None:
    """STAFF_ID signs in on the panel's sign-in page with STAFF_PIN."""
    page = panel.sign_in_page
    page.choose(SignInMethod.PIN)
    page.staff_id.setText(STAFF_ID)
    page.pin.setText(STAFF_PIN)
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: panel.staff.desk.principal is not None, timeout=timeout_ms)
