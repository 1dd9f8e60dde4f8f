"""Screenshots of the QR screens (scan, iAM Smart) in both languages, for people to look at.

    xvfb-run -a -s "-screen 0 1920x1920x24" .venv/bin/python -m devtools.screenshots --walks qr \
        --out artifacts/screenshots

(every orientation and mode, both languages; the walk of devtools/screenshots.py named "qr").

Drives a real MainWindow on devtools.fakes.FakeServices with the real QR parts: the decoding pipeline fed
from a folder of pictures (a prepared instruction signed with a throw-away key), the QR service.
iAM Smart is answered by a stand-in that always hands out the same (fictional) ticket.
"""

from __future__ import annotations

import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from devtools.fakes import FakeClock, FakeServices
from devtools.shots import Camera, settle, start_member, wait_for
from kiosk.config import KioskConfig
from kiosk.core.state import Screen
from kiosk.domain import Identity, IdentitySource
from kiosk.ports import IamSmartPoll, IamSmartState, IamSmartTicket
from kiosk.qr import KeyRing, MemoryNonceStore, TrustedKey, refusal, sign_prepared
from kiosk.qr.devices import QrDevices
from kiosk.qr.service import QrService
from kiosk.qr.settings import QrSettings
from ui.main_window import MainWindow
from ui.screens.registration_identity import RegistrationIdentityScreen

SCREENS = ("menu-scan", "scan", "scan-refused", "iamsmart", "iamsmart-scanned", "iamsmart-expired",
           "iamsmart-mismatch")
MEMBER = "A123456(3)"  # fictional
SOMEONE_ELSE = Identity("Z683365(A)", name_en="WONG SIU MING", name_zh="黃小明", date_of_birth="1955-05-05",
                        source=IdentitySource.IAMSMART)  # fictional: iAM Smart on another person's phone


class StandInIamSmart:
    """An iAM Smart client that opens a session and then waits (nobody scans in a screenshot)."""

    def iamsmart_start(self, purpose: str, lang: str) -> IamSmartTicket:
        return IamSmartTicket("ias-screenshot", "IAMSMART-SIM:0F1E2D3C4B5A69788796A5B4C3D2E1F0", 120.0, 1.0)

    def iamsmart_poll(self, session_id: str) -> IamSmartPoll:
        return IamSmartPoll(IamSmartState.PENDING)

    def iamsmart_cancel(self, session_id: str) -> None:
        pass


def qr_services(folder: Path) -> FakeServices:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    code = sign_prepared("CHANGE_PARTICULARS", {"mobile": "91234567", "language": "en"}, MEMBER, key, "shot-1",
                         int(time.time()))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "1-prepared.txt").write_text(code)
    services = FakeServices(config=KioskConfig(idle_timeout_s=600, idle_warning_s=30), online=True)
    services.qr = QrService(MemoryNonceStore(), keys=KeyRing([TrustedKey("shot-1", public)]))
    services.qr_devices = QrDevices(QrSettings(camera="off", frames_dir=folder, wedge=True))
    services.client = StandInIamSmart()
    return services


def services(tmp: Path) -> FakeServices:
    return qr_services(tmp / "frames")


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    s = window.session
    start_member(window, lang, mode)
    window.identify.keypad.press(MEMBER)
    window.identify.continue_button.click()
    shot("menu-scan")

    # The decoder is stopped for the pictures: a read would move on to review before the shot.
    devices = window.services.qr_devices
    assert devices is not None
    devices.camera.stop()
    window.menu.scan_button.click()
    wait_for(lambda: window.scan.preview.has_image, 5)
    settle(200)
    shot("scan")
    s.qr_received(refusal("NOT_FOR_KIOSK"))
    shot("scan-refused")
    window.scan.back_button.click()
    window.identify.clear()
    s.back()  # to identify
    window.identify.iamsmart_button.click()
    wait_for(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", 5)
    shot("iamsmart")
    s.iamsmart_progress(IamSmartPoll(IamSmartState.SCANNED))
    shot("iamsmart-scanned")
    s.iamsmart_progress(IamSmartPoll(IamSmartState.EXPIRED))
    shot("iamsmart-expired")
    window.iamsmart.back_button.click()
    assert s.state.screen is Screen.IDENTIFY
    # Registration with a typed number, then iAM Smart vouches for someone else: the stop.
    window.identify.keypad.press(MEMBER)
    window.identify.continue_button.click()
    window.menu.buttons["MEMBER_REGISTRATION"].click()
    choice = window.page(Screen.REGISTRATION_IDENTITY)
    assert isinstance(choice, RegistrationIdentityScreen)
    choice.iamsmart_button.click()
    wait_for(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", 5)
    s.iamsmart_progress(IamSmartPoll(IamSmartState.COMPLETED, SOMEONE_ELSE))
    shot("iamsmart-mismatch")
    window.iamsmart.start_again_button.click()
    assert s.state.screen is Screen.IDENTIFY
