"""QR codes in the Qt shell: QtMultimedia frames into the core decoder, the demo's picture folder,
the wedge key filter against real widgets, the scan screen to review and receipt, the receipt's
QR, and the iAM Smart screen against the platform simulator. Real widgets offscreen; no camera
exists here, so frames are pushed into a real QVideoSink."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
import zxingcpp
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from devtools.fake_member import FakeMemberPlatform
from devtools.fakes import FakeServices
from drivers.qr.decoder import ZxingDecoder
from drivers.qr.pipeline import DecodePipeline
from drivers.qr.wedge import WedgeSource
from kiosk.core.state import Screen
from kiosk.domain import IdentitySource
from kiosk.ports import IamSmartState, QrRead, QrSourceKind
from kiosk.qr import MemoryNonceStore
from kiosk.qr.devices import QrDevices
from kiosk.qr.service import QrService
from kiosk.qr.settings import QrSettings
from offline_cache.platform_client import HttpPlatformClient
from tests.support.platform import SimProcess, loopback_session
from tests.support.qr import MEMBER, Signer, centred, code_image
from tests.support.ui import open_window, sign_in_with_code, to_pil, type_hkid_and_continue
from ui.app import ensure_app
from ui.camera import CameraFeed, grey_to_qimage, qimage_to_grey, video_frame_to_grey
from ui.qr import QR_PREFIX, payload, qr_image
from ui.qr_folder import FolderFeed, code_frame
from ui.qr_wedge import WedgeKeyFilter

WAIT_MS = 10_000
PAYMENT = "RSD1234567890123456"
PF = QVideoFrameFormat.PixelFormat


class Collect:
    def __init__(self) -> None:
        self.reads: list[QrRead] = []

    def qr_read(self, read: QrRead) -> None:
        self.reads.append(read)


def video_frame(grey: np.ndarray, fmt: QVideoFrameFormat.PixelFormat) -> QVideoFrame:
    """A real QVideoFrame in a camera pixel format, holding `grey` as its picture."""
    h, w = grey.shape
    frame = QVideoFrame(QVideoFrameFormat(QSize(w, h), fmt))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    try:
        stride = frame.bytesPerLine(0)
        plane = np.frombuffer(frame.bits(0), dtype=np.uint8).reshape(-1, stride)
        if fmt in (PF.Format_NV12, PF.Format_YUV420P):
            plane[:h, :w] = grey
            for p in range(1, frame.planeCount()):  # neutral chroma
                np.frombuffer(frame.bits(p), dtype=np.uint8)[:] = 128
        elif fmt == PF.Format_YUYV:
            plane[:h, 0:2 * w:2] = grey
            plane[:h, 1:2 * w:2] = 128
        elif fmt == PF.Format_BGRA8888:
            px = plane[:h, :4 * w].reshape(h, w, 4)
            px[..., 0] = px[..., 1] = px[..., 2] = grey
            px[..., 3] = 255
        else:
            raise AssertionError(fmt)
    finally:
        frame.unmap()
    return frame


# ---------------------------------------------------------------- frames from Qt


@pytest.mark.parametrize("fmt", [PF.Format_NV12, PF.Format_YUV420P, PF.Format_YUYV, PF.Format_BGRA8888])
def test_video_frames_to_grey(qapp: QApplication, fmt: QVideoFrameFormat.PixelFormat) -> None:
    grey = centred(code_image(PAYMENT, 240))
    out = video_frame_to_grey(video_frame(grey, fmt))
    assert out is not None and out.shape == grey.shape
    assert int(np.abs(out.astype(int) - grey.astype(int)).max()) <= 1


def test_qimage_round_trip_with_padded_rows(qapp: QApplication) -> None:
    grey = np.arange(7 * 5, dtype=np.uint8).reshape(5, 7)  # 7 px rows are padded to 8 bytes in a QImage
    assert np.array_equal(qimage_to_grey(grey_to_qimage(grey)), grey)


def test_camera_feed_hands_sink_frames_to_the_decoder_thread(qtbot: QtBot) -> None:
    pipeline = DecodePipeline()
    got = Collect()
    pipeline.start(got)
    feed = CameraFeed(pipeline)
    previews: list[QImage] = []
    feed.preview.connect(previews.append)
    try:
        feed.sink.setVideoFrame(video_frame(centred(code_image(PAYMENT, 240)), PF.Format_NV12))
        qtbot.waitUntil(lambda: bool(got.reads), timeout=WAIT_MS)
        assert got.reads[0].payload == PAYMENT.encode() and got.reads[0].source is QrSourceKind.CAMERA
        assert feed.frames == 1 and feed.handed == 1 and len(previews) == 1
    finally:
        pipeline.stop()


def test_camera_feed_drops_frames_while_the_decoder_is_busy(qtbot: QtBot) -> None:
    import threading

    pipeline = DecodePipeline()
    gate = threading.Event()

    class Slow:
        def qr_read(self, read: QrRead) -> None:
            gate.wait(10)  # the decoder thread is busy until released

    pipeline.start(Slow())
    feed = CameraFeed(pipeline)
    try:
        feed.sink.setVideoFrame(video_frame(centred(code_image(PAYMENT, 240)), PF.Format_NV12))
        qtbot.waitUntil(lambda: pipeline.busy, timeout=WAIT_MS)
        picture = centred(code_image("RSD0000000000000001", 240))
        for _ in range(10):  # a third of a second of camera frames (each a new frame, as a camera's are)
            feed.sink.setVideoFrame(video_frame(picture, PF.Format_NV12))
        assert feed.skipped == 10 and feed.handed == 1  # dropped on the GUI thread, not queued
    finally:
        gate.set()
        pipeline.stop()


def test_folder_feed_cycles_pictures_through_the_pipeline(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "a-payment.txt").write_text(PAYMENT + "\n")
    assert grey_to_qimage(centred(code_image("BLD6543210987654321", 240))).save(str(tmp_path / "b-photo.png"))
    (tmp_path / "c-broken.png").write_bytes(b"not a png")
    (tmp_path / "notes.md").write_text("ignored")
    pipeline = DecodePipeline()
    got = Collect()
    pipeline.start(got)
    feed = FolderFeed(pipeline, tmp_path, fps=30, hold_s=0.3)
    try:
        assert feed.load() == 2  # the broken picture and the other file are skipped
        assert feed.start()
        qtbot.waitUntil(lambda: {r.payload for r in got.reads} >= {PAYMENT.encode(), b"BLD6543210987654321"},
                        timeout=WAIT_MS)
    finally:
        feed.stop()
        pipeline.stop()
    empty = FolderFeed(pipeline, tmp_path / "missing")
    assert not empty.start()


def _qr() -> zxingcpp.BarcodeFormats:
    """QR codes only, as the kiosk reads them (drivers/qr/decoder.py): with every format enabled,
    zxing-cpp finds a one-dimensional code in some random payloads."""
    return zxingcpp.BarcodeFormats([zxingcpp.BarcodeFormat.QRCode])


def test_demo_code_frame_decodes(qapp: QApplication) -> None:
    text = Signer().code()
    grey = qimage_to_grey(code_frame(text))
    assert grey is not None and grey.shape == (480, 640)
    # With the kiosk's decoder, which reads QR codes only: zxing-cpp with every format enabled also
    # finds a one-dimensional code in some random payloads ('D184C' on one run).
    assert [d.payload for d in ZxingDecoder().decode(grey)] == [text.encode()]


# ---------------------------------------------------------------- the wedge filter on real widgets


def key(widget: QLineEdit, ch: str, stamp_ms: int, k: int | None = None) -> None:
    code = k if k is not None else (Qt.Key.Key_A + ord(ch.upper()) - ord("A") if ch.isalpha() else ord(ch))
    event = QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, ch)
    event.setTimestamp(stamp_ms)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def wedge_field(qtbot: QtBot) -> Iterator[tuple[QLineEdit, Collect, WedgeKeyFilter]]:
    ensure_app()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    source: WedgeSource[Any] = WedgeSource()
    got = Collect()
    source.start(got)
    filt = WedgeKeyFilter(source)
    filt.install()
    yield edit, got, filt
    filt.uninstall()


def test_scanner_burst_never_reaches_the_field(qtbot: QtBot, wedge_field: tuple[QLineEdit, Collect, WedgeKeyFilter]
                                               ) -> None:
    edit, got, _ = wedge_field
    t = int(time.monotonic() * 1000)
    for i, ch in enumerate(PAYMENT):
        key(edit, ch, t + 3 * i)
    key(edit, "\r", t + 3 * len(PAYMENT), k=Qt.Key.Key_Return)
    assert [r.payload for r in got.reads] == [PAYMENT.encode()]
    qtbot.wait(100)  # any timer that could give keys back has fired
    assert edit.text() == ""


def test_typing_reaches_the_field_and_on_screen_keys_do_not_mix(
        qtbot: QtBot, wedge_field: tuple[QLineEdit, Collect, WedgeKeyFilter]) -> None:
    edit, got, _ = wedge_field
    for ch in "abc":
        key(edit, ch, int(time.monotonic() * 1000))
        qtbot.wait(120)  # a person between keys: the filter gives each key back
    assert edit.text() == "abc"
    # The on-screen keyboard inserts text directly, in the middle of a scanner burst.
    t = int(time.monotonic() * 1000)
    for i, ch in enumerate("BLD1234567890123456"):
        key(edit, ch, t + 2 * i)
        if i == 5:
            edit.insert("9")
    key(edit, "\r", t + 40, k=Qt.Key.Key_Return)
    qtbot.wait(100)
    assert edit.text() == "abc9"
    assert [r.payload for r in got.reads] == [b"BLD1234567890123456"]


def test_keys_held_for_a_widget_that_went_away_are_dropped(qtbot: QtBot) -> None:
    ensure_app()
    edit = QLineEdit()
    edit.show()
    source: WedgeSource[Any] = WedgeSource()
    source.start(Collect())
    filt = WedgeKeyFilter(source)
    filt.install()
    try:
        key(edit, "x", int(time.monotonic() * 1000))
        edit.deleteLater()
        qtbot.wait(150)  # the held key's widget is gone when the timer gives it back: no crash
    finally:
        filt.uninstall()


# ---------------------------------------------------------------- the window


def qr_services(tmp_path: Path, signer: Signer, frames: Path | None = None, **extra: Any) -> FakeServices:
    services = FakeServices(data_dir=tmp_path / "fake")
    services.qr = QrService(MemoryNonceStore(), keys=signer.ring())
    services.qr_devices = QrDevices(QrSettings(camera="off", frames_dir=frames))  # type: ignore[attr-defined]
    for name, value in extra.items():
        setattr(services, name, value)
    return services


def test_scan_screen_reads_a_prepared_instruction_to_receipt(qtbot: QtBot, tmp_path: Path) -> None:
    signer = Signer()
    frames = tmp_path / "frames"
    frames.mkdir()
    (frames / "prepared.txt").write_text(signer.code(values={"email": "chan@example.com"}))
    services = qr_services(tmp_path, signer, frames)
    with open_window(qtbot, services) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        sign_in_with_code(w, qtbot)  # the prepared change of particulars needs it
        w.menu.scan_button.click()
        assert w.stack.currentWidget() is w.scan and w.qr.feed is not None and w.qr.feed.active
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.REVIEW, timeout=WAIT_MS)
        assert not w.qr.feed.active  # the camera stops when the scan screen goes
        assert w.qr.last_outcome == "review" and w.qr.last_latency_ms is not None
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.RECEIPT, timeout=WAIT_MS)
        assert services.enqueued[-1].values == {"email": "chan@example.com"}
        ref = w.session.state.receipt.kiosk_ref  # type: ignore[union-attr]
        decoded = [b.text for b in zxingcpp.read_barcodes(to_pil(w.receipt.qr.pixmap().toImage()), formats=_qr())]
        assert decoded == [QR_PREFIX + ref]
        # The same code again (another member's turn, same phone): used once already.
        w.receipt.done_button.click()
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        w.menu.scan_button.click()
        qtbot.waitUntil(lambda: w.session.state.notice is not None, timeout=WAIT_MS)
        assert w.session.state.screen is Screen.SCAN and "已經使用過" in w.scan.notice.text.text()


def test_confirm_refused_when_the_code_was_used_meanwhile(qtbot: QtBot, tmp_path: Path) -> None:
    signer = Signer()
    services = qr_services(tmp_path, signer)
    with open_window(qtbot, services) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        sign_in_with_code(w, qtbot)
        services.qr_devices.hub.qr_read(QrRead(signer.code().encode(), "QRCode", QrSourceKind.SERIAL,
                                               at=time.monotonic()))
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.REVIEW, timeout=WAIT_MS)
        prepared = w.session.state.prepared
        assert prepared is not None and services.qr.claim(prepared) is None  # another kiosk window took it
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: not w.session.state.saving, timeout=WAIT_MS)
        assert w.session.state.screen is Screen.REVIEW and w.session.state.notice is not None
        assert "已經使用過" in w.session.state.notice[0] and services.enqueued == []


def first_text_field(w: Any) -> tuple[str, QLineEdit] | None:
    """The first field with a line edit on the form's current step (the form's layout is the forms
    work's business; this finds a text field whichever way it is built)."""
    editors = getattr(w.form, "editors", None) or getattr(w.form, "rows", {})
    for name, editor in editors.items():
        line_edits = getattr(editor, "line_edits", None)
        edits = line_edits() if callable(line_edits) else [getattr(editor, "edit", None)]
        edit = next((e for e in edits if isinstance(e, QLineEdit)), None)
        if edit is not None:
            return str(name), edit
    return None


def test_wedge_scan_in_the_window_goes_to_the_session_not_the_field(qtbot: QtBot, tmp_path: Path) -> None:
    from kiosk.core.state import MEMBER_FORMS

    services = qr_services(tmp_path, Signer())
    # A member with no scheme account yet (the simulator's Z683365(A)): their forms ask for account
    # numbers as typed text, not as a list of their own accounts.
    services.member = FakeMemberPlatform(any_member=True)
    with open_window(qtbot, services) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w, "Z683365(A)")
        sign_in_with_code(w, qtbot)  # every member form opens at once
        found = None
        for code in MEMBER_FORMS:  # a form whose first step has a text field
            w.menu.buttons[code].click()
            found = first_text_field(w)
            if found is not None:
                break
            w.session.back()
        assert found is not None, "no member form starts with a text field"
        name, edit = found
        w.form.select_field(name)
        t = int(time.monotonic() * 1000)
        for i, ch in enumerate(PAYMENT):
            key(edit, ch, t + 2 * i)
        key(edit, "\r", t + 2 * len(PAYMENT), k=Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.qr.outcomes == 1, timeout=WAIT_MS)
        qtbot.wait(100)
        assert edit.text() == ""  # the burst did not type into the field
        assert w.qr.last_source is QrSourceKind.WEDGE
        assert w.qr.last_outcome == "refused" and PAYMENT in w.qr.toast.text.text()  # no payment field here
        text = "SCH-001234"
        t = int(time.monotonic() * 1000) + 1000
        for i, ch in enumerate(text):
            key(edit, ch, t + 2 * i)
        key(edit, "\r", t + 2 * len(text), k=Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.qr.outcomes == 2, timeout=WAIT_MS)
        # A plain code goes into the focused field, checked by that field's own rules.
        assert w.qr.last_outcome in ("field", "field-error")
        assert w.session.state.form_raw.get(name) == text and edit.text() == text


def test_receipt_qr_carries_only_the_reference(qapp: QApplication) -> None:
    ref = "K7-2611-0042"
    image = qr_image(payload(ref))
    grey = qimage_to_grey(image)
    assert grey is not None
    found = zxingcpp.read_barcodes(grey, formats=_qr())
    assert [b.text for b in found] == ["EMPFK:K7-2611-0042"]
    assert found[0].bytes == b"EMPFK:K7-2611-0042"  # nothing else hides in the bytes


# ---------------------------------------------------------------- iAM Smart on screen


@pytest.fixture
def sim_client(platform_sim: SimProcess) -> Iterator[HttpPlatformClient]:
    device_id, secret = platform_sim.enrol()
    client = HttpPlatformClient(platform_sim.url, lambda: (device_id, base64.b64decode(secret)), timeout_s=5)
    with loopback_session() as http:
        http.post(f"{platform_sim.url}/admin/iamsmart", json={"poll_interval_s": 0.1}, timeout=5).raise_for_status()
    yield client
    client.close()


def admin_phone(sim: SimProcess, qr: str, outcome: str = "approve") -> None:
    with loopback_session() as http:
        http.post(f"{sim.url}/admin/iamsmart/scan", json={"qr": qr, "outcome": outcome}, timeout=5).raise_for_status()


def test_iamsmart_screen_login(qtbot: QtBot, tmp_path: Path, platform_sim: SimProcess,
                               sim_client: HttpPlatformClient) -> None:
    services = qr_services(tmp_path, Signer(), client=sim_client)
    with open_window(qtbot, services) as w:
        s = w.session
        w.attract.start_button.click()
        w.identify.iamsmart_button.click()
        assert w.stack.currentWidget() is w.iamsmart
        qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", timeout=WAIT_MS)
        qr = s.state.iamsmart.qr  # type: ignore[union-attr]
        shown = [b.text for b in zxingcpp.read_barcodes(to_pil(w.iamsmart.qr.pixmap().toImage()), formats=_qr())]
        assert shown == [qr]  # what is on screen is what the phone must scan
        w.iamsmart.set_countdown(s.iamsmart_seconds_left(), s.state.lang)
        assert "二維碼有效時間尚餘" in w.iamsmart.countdown.text()
        admin_phone(platform_sim, qr, "scanned")
        qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "scanned", timeout=WAIT_MS)
        assert "請在手機上確認" in w.iamsmart.status.text()
        admin_phone(platform_sim, qr, "approve")
        qtbot.waitUntil(lambda: s.state.screen is Screen.MENU, timeout=WAIT_MS)
        assert s.state.identity is not None and s.state.identity.source is IdentitySource.IAMSMART
        assert s.state.identity.hkid == MEMBER


def test_iamsmart_cancel_expiry_and_retry(qtbot: QtBot, tmp_path: Path, platform_sim: SimProcess,
                                          sim_client: HttpPlatformClient) -> None:
    services = qr_services(tmp_path, Signer(), client=sim_client)
    with open_window(qtbot, services) as w:
        s = w.session
        w.attract.start_button.click()
        w.identify.iamsmart_button.click()
        qtbot.waitUntil(lambda: w.qr.login is not None and w.qr.login.ticket is not None, timeout=WAIT_MS)
        login = w.qr.login
        assert login is not None and login.ticket is not None
        w.iamsmart.back_button.click()  # Cancel
        assert s.state.screen is Screen.IDENTIFY
        assert login.join(10)
        assert sim_client.iamsmart_poll(login.ticket.session_id).state is IamSmartState.CANCELLED

        with loopback_session() as http:
            http.post(f"{platform_sim.url}/admin/iamsmart", json={"ttl_s": 0.6}, timeout=5).raise_for_status()
        w.identify.iamsmart_button.click()
        qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "expired", timeout=WAIT_MS)
        assert w.iamsmart.retry_button.isVisibleTo(w) and w.iamsmart.qr.pixmap().isNull()
        assert "已過期" in w.iamsmart.notice.text.text()
        with loopback_session() as http:
            http.post(f"{platform_sim.url}/admin/iamsmart", json={"ttl_s": 120}, timeout=5).raise_for_status()
        w.iamsmart.retry_button.click()
        qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", timeout=WAIT_MS)
        admin_phone(platform_sim, s.state.iamsmart.qr, "deny")  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "denied", timeout=WAIT_MS)
        assert s.state.screen is Screen.IAMSMART and s.state.identity is None


def test_iamsmart_demo_buttons_and_unavailable_platform(qtbot: QtBot, tmp_path: Path, platform_sim: SimProcess,
                                                        sim_client: HttpPlatformClient) -> None:
    phone = SimpleNamespace(iamsmart_phone=lambda qr, outcome: admin_phone(platform_sim, qr, outcome))
    demo = SimpleNamespace(has_virtual_card=False, qr_demo=phone)
    services = qr_services(tmp_path, Signer(), client=sim_client, demo=demo)
    with open_window(qtbot, services) as w:
        s = w.session
        w.attract.start_button.click()
        w.identify.iamsmart_button.click()
        qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", timeout=WAIT_MS)
        assert w.iamsmart.demo_approve.isVisibleTo(w)
        w.iamsmart.demo_approve.click()
        qtbot.waitUntil(lambda: s.state.screen is Screen.MENU, timeout=WAIT_MS)
        s.back()
        platform_sim.set_faults(status_rates={"503": 1.0}, seed=3)
        w.identify.iamsmart_button.click()
        qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "unavailable",
                        timeout=WAIT_MS)
        assert "暫時未能使用" in w.iamsmart.notice.text.text()
