"""The demo's QR stand-ins (kiosk/qr/demo.py) against the simulator: the picture folder read by the
camera pipeline, the hand-held scanner burst through the real key filter, the serial scanner on a
pseudo-terminal, the iAM Smart phone; all three sources lead the demo member to review."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from kiosk.core.state import Screen
from kiosk.ports import QrSourceKind
from kiosk.qr import QrRefusal
from kiosk.qr.demo import DEMO_MEMBER, QrDemo
from kiosk.qr.devices import QrDevices
from kiosk.qr.service import QrService
from kiosk.qr.settings import ENV_SERIAL, QrSettings, SerialPort
from offline_cache.platform_client import HttpPlatformClient
from tests.support.platform import SimProcess
from tests.support.ui import open_window, type_hkid_and_continue
from ui.camera import qimage_to_grey
from ui.qr_folder import load_picture

WAIT_MS = 10_000


@pytest.fixture
def demo(platform_sim: SimProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QrDemo]:
    monkeypatch.setenv(ENV_SERIAL, "")  # prepare() sets it for the kiosk; restored after the test
    d = QrDemo(platform_sim.url, tmp_path / "demo-qr")
    d.prepare()
    yield d
    d.close()


@pytest.fixture
def qr_service(platform_sim: SimProcess, tmp_path: Path) -> Iterator[QrService]:
    import base64

    device_id, secret = platform_sim.enrol()
    client = HttpPlatformClient(platform_sim.url, lambda: (device_id, base64.b64decode(secret)))
    service = QrService.for_data_dir(tmp_path, client.qr_keys)
    yield service
    service.close()
    client.close()


def test_demo_pictures_decode_to_what_they_say(qtbot: QtBot, demo: QrDemo, qr_service: QrService) -> None:
    import zxingcpp

    names = sorted(p.name for p in demo.qr_frames.iterdir())
    assert names == ["0-phone-not-ready.txt", "1-prepared-instruction.txt", "2-employer-payment-reference.txt",
                     "3-not-for-this-kiosk.txt"]
    kinds = []
    for name in names:
        grey = qimage_to_grey(load_picture(demo.qr_frames / name))  # type: ignore[arg-type]
        found = zxingcpp.read_barcodes(grey)
        if not found:
            kinds.append("nothing")
            continue
        result = qr_service.interpret(found[0].bytes)
        kinds.append(type(result).__name__ if not isinstance(result, QrRefusal) else result.code)
    assert kinds == ["nothing", "PreparedInstruction", "PaymentReference", "NOT_FOR_KIOSK"]
    assert demo.serial_port is not None and Path(demo.serial_port).exists()


def test_all_three_sources_in_the_demo_window(qtbot: QtBot, tmp_path: Path, demo: QrDemo,
                                               qr_service: QrService) -> None:
    services = FakeServices(data_dir=tmp_path / "fake")
    services.qr = qr_service
    assert demo.serial_port is not None
    devices = QrDevices(QrSettings(camera="off", serial=(SerialPort(demo.serial_port),)))
    services.qr_devices = devices  # type: ignore[attr-defined]
    services.demo = SimpleNamespace(has_virtual_card=False, qr_demo=demo)  # type: ignore[attr-defined]
    with open_window(qtbot, services) as w:
        s = w.session
        w.attract.start_button.click()
        type_hkid_and_continue(w, DEMO_MEMBER)
        # The camera's pictures start with a phone showing no code for a few seconds, so the two
        # scanner buttons are read first; then the camera reads the prepared code by itself.
        sources = ((w.scan.demo_wedge.click, QrSourceKind.WEDGE), (w.scan.demo_serial.click, QrSourceKind.SERIAL),
                   (None, QrSourceKind.CAMERA))
        for press, source in sources:
            w.menu.scan_button.click()
            assert s.state.screen is Screen.SCAN and w.scan.demo_wedge.isVisibleTo(w)
            if press is not None:
                press()
            qtbot.waitUntil(lambda: s.state.screen is Screen.REVIEW, timeout=WAIT_MS)
            assert s.state.prepared is not None and w.qr.last_source is source
            s.back()  # not this one: back to the menu for the next source
        assert w.qr.outcomes >= 3
