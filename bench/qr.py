"""QR decoding speed: the kiosk's camera pipeline beside a bare zxing-cpp call, and scan-to-screen.

    .venv/bin/python bench/qr.py                  # 3 rounds of 240 frames
    .venv/bin/python bench/qr.py --rounds 1       # quicker

Runs pinned to ONE core (sched_setaffinity), as a kiosk's decoder shares the machine with the UI.

1. frames: 240 grey 640x480 frames rendered from generated codes, like a camera's: half without a
   code (gradient and sensor noise, the common case while a member gets the phone out), the rest
   with codes of several sizes, rotated, blurred, noisy, low contrast, small, two in one frame.
2. bare: zxing_cpp.read_barcodes(frame, formats=QR+MicroQR) on each frame in a loop.
3. pipeline: each frame offered to drivers.qr.pipeline.DecodePipeline (its decoder thread, the
   listener call, the stats) and waited for, one after the other: every frame decoded, none dropped.
   decode_ratio = pipeline fps / bare fps (goal >= 0.9); fps is the pipeline's (goal >= 30).
4. scan-to-screen: the kiosk's main window (Qt offscreen) on the scan screen; a frame holding a
   signed prepared instruction is offered to the camera pipeline; timed from the offer to the review
   screen being current after the event loop has run: decode, the hop to the GUI thread, the
   interpretation on a worker (Ed25519 signature, nonce lookup), the Session, presenting the review.

The last line is one JSON object: {"decode_ratio", "fps", "scan_to_screen_ms", ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# Python puts this script's folder first on the path; a bench script named like a standard module
# (bench/queue.py) would then shadow it for everything imported here.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import qrcode  # noqa: E402
import zxingcpp  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from drivers.qr.decoder import DEFAULT_FORMATS  # noqa: E402
from drivers.qr.pipeline import DecodePipeline  # noqa: E402
from kiosk.ports import QrRead  # noqa: E402

W, H = 640, 480
MEMBER = "A123456(3)"  # fictional


def code(text: str, px: int) -> np.ndarray:
    q = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    q.add_data(text)
    q.make(fit=True)
    m = np.array(q.get_matrix(), dtype=bool)
    mod = max(1, px // m.shape[0])
    return np.where(np.kron(m, np.ones((mod, mod), dtype=bool)), 0, 255).astype(np.uint8)


def place(*codes: tuple[np.ndarray, int, int], bg: int = 170) -> np.ndarray:
    f = np.full((H, W), bg, np.uint8)
    for img, x, y in codes:
        h, w = img.shape
        f[y:y + h, x:x + w] = img[: H - y, : W - x]
    return f


def frames(rng: np.random.Generator, n: int = 240) -> list[np.ndarray]:
    ramp = np.tile(np.linspace(50, 210, W, dtype=np.float32), (H, 1))
    out: list[np.ndarray] = []
    texts = [f"RSD{i:016d}" for i in range(8)] + ["EMPF:P1:" + "0123456789ABCDEF" * k for k in (6, 12, 20)]
    for i in range(n):
        if i % 2 == 0:  # no code in view
            noise = rng.normal(0, 6, (H, W))
            out.append(np.clip(ramp + noise, 0, 255).astype(np.uint8))
            continue
        text = texts[i % len(texts)]
        size = int(rng.integers(120, 360))
        img = code(text, size)
        h, w = img.shape
        f = place((img, int(rng.integers(0, W - w)), int(rng.integers(0, H - h))))
        kind = i % 10
        if kind == 1:
            f = np.asarray(Image.fromarray(f).rotate(float(rng.uniform(-40, 40)), fillcolor=170))
        elif kind == 3:
            f = np.asarray(Image.fromarray(f).filter(ImageFilter.GaussianBlur(1.2)))
        elif kind == 5:
            f = np.clip(f.astype(np.int16) + rng.normal(0, 25, f.shape), 0, 255).astype(np.uint8)
        elif kind == 7:
            f = (90 + f.astype(np.float32) * 60 / 255).astype(np.uint8)
        elif kind == 9:
            f = place((code("BLD1111111111111111", 150), 10, 10), (code("RSD2222222222222222", 150), 420, 300))
        out.append(np.ascontiguousarray(f))
    return out


def bare(batch: list[np.ndarray]) -> tuple[float, int]:
    formats = zxingcpp.BarcodeFormats(list(DEFAULT_FORMATS))
    found = 0
    t = time.perf_counter()
    for f in batch:
        found += len(zxingcpp.read_barcodes(f, formats=formats))
    return time.perf_counter() - t, found


class Count:
    def __init__(self) -> None:
        self.reads = 0

    def qr_read(self, read: QrRead) -> None:
        self.reads += 1


def through_pipeline(batch: list[np.ndarray]) -> tuple[float, int, int]:
    p = DecodePipeline()
    got = Count()
    p.start(got)
    try:
        t = time.perf_counter()
        for f in batch:
            p.offer(f)
            p.wait_idle(10)
        elapsed = time.perf_counter() - t
        stats = p.stats()
    finally:
        p.stop()
    assert stats.dropped == 0 and stats.decoded == len(batch), stats
    return elapsed, got.reads, stats.errors


def camera_conversion(batch: list[np.ndarray]) -> float:
    """ms per frame to take the grey (Y) plane out of an NV12 QVideoFrame, as ui/camera.py does on
    the decoder thread for each frame it decodes."""
    from PySide6.QtCore import QSize
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    from ui.camera import video_frame_to_grey

    video: list[QVideoFrame] = []
    for f in batch[:60]:
        vf = QVideoFrame(QVideoFrameFormat(QSize(W, H), QVideoFrameFormat.PixelFormat.Format_NV12))
        vf.map(QVideoFrame.MapMode.WriteOnly)
        np.frombuffer(vf.bits(0), dtype=np.uint8).reshape(-1, vf.bytesPerLine(0))[:H, :W] = f
        vf.unmap()
        video.append(vf)
    t = time.perf_counter()
    for vf in video:
        grey = video_frame_to_grey(vf)
        assert grey is not None and grey.shape == (H, W)
    return (time.perf_counter() - t) * 1000 / len(video)


def scan_to_screen(trials: int) -> list[float]:
    import tempfile

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from devtools.fakes import FakeClock, FakeServices
    from kiosk.core.state import Screen
    from kiosk.qr import KeyRing, MemoryNonceStore, TrustedKey, sign_prepared
    from kiosk.qr.devices import QrDevices
    from kiosk.qr.service import QrService
    from kiosk.qr.settings import QrSettings
    from ui.app import ensure_app
    from ui.main_window import MainWindow

    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    text = sign_prepared("CHANGE_PARTICULARS", {"mobile": "91234567", "language": "en"}, MEMBER, key, "bench-1",
                         int(time.time()))
    frame = place((code(text, 300), 170, 90))
    ensure_app()
    with tempfile.TemporaryDirectory(prefix="empf-qr-bench-") as tmp:
        services: Any = FakeServices(data_dir=Path(tmp))
        services.qr = QrService(MemoryNonceStore(), keys=KeyRing([TrustedKey("bench-1", public)]))
        services.qr_devices = QrDevices(QrSettings(camera="off", wedge=False))
        window = MainWindow(services, monotonic=FakeClock())
        window.resize(1920, 1080)
        window.start()
        window.clock.stop()
        window.show()
        s = window.session
        pipeline = services.qr_devices.camera
        times: list[float] = []
        try:
            s.start()
            s.identify_typed(MEMBER)
            for _ in range(trials):
                s.scan_requested()
                assert s.state.screen is Screen.SCAN
                QCoreApplication.processEvents()
                services.qr_devices.hub.dedup.forget()
                t0 = time.monotonic()
                pipeline.offer(frame, at=t0)
                deadline = t0 + 10
                while window.stack.currentWidget() is not window.review and time.monotonic() < deadline:
                    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
                QCoreApplication.processEvents()  # the review screen painted
                times.append((time.monotonic() - t0) * 1000)
                assert s.state.screen is Screen.REVIEW, "the code was not read"
                s.back()  # review -> menu (a prepared instruction is dropped)
        finally:
            window.allow_close()
            window.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="QR decode fps (pipeline vs bare zxing-cpp) and scan-to-screen")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the frame set (default 3)")
    parser.add_argument("--trials", type=int, default=20, help="scan-to-screen trials (default 20)")
    args = parser.parse_args(argv)
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    print(f"pinned to CPU {cpu}; {threading.active_count()} thread(s) before the run")
    batch = frames(np.random.default_rng(20261126))
    print(f"{len(batch)} frames of {W}x{H}, half with codes")
    bare(batch[:20])  # warm-up
    through_pipeline(batch[:20])
    bare_t: list[float] = []
    pipe_t: list[float] = []
    bare_found = pipe_found = errors = 0
    for r in range(args.rounds):
        # Alternate the order so neither side always runs on a warmer cache.
        if r % 2 == 0:
            t, bare_found = bare(batch)
            bare_t.append(t)
            t, pipe_found, errors = through_pipeline(batch)
            pipe_t.append(t)
        else:
            t, pipe_found, errors = through_pipeline(batch)
            pipe_t.append(t)
            t, bare_found = bare(batch)
            bare_t.append(t)
    bare_fps = len(batch) / statistics.median(bare_t)
    pipe_fps = len(batch) / statistics.median(pipe_t)
    ratio = pipe_fps / bare_fps
    print(f"bare zxing-cpp: {bare_fps:8.1f} frames/s  ({1000 / bare_fps:.2f} ms/frame), {bare_found} codes found")
    print(f"pipeline:       {pipe_fps:8.1f} frames/s  ({1000 / pipe_fps:.2f} ms/frame), {pipe_found} codes found, "
          f"{errors} errors")
    print(f"decode_ratio = {ratio:.3f} (goal >= 0.9); fps goal >= 30 on one core: "
          f"{'met' if pipe_fps >= 30 and ratio >= 0.9 else 'NOT met'}")
    from ui.app import ensure_app

    ensure_app()
    nv12_ms = camera_conversion(batch)
    print(f"camera frame (NV12 QVideoFrame) to grey: {nv12_ms:.3f} ms/frame, on the decoder thread")
    latencies = scan_to_screen(args.trials)
    median = statistics.median(latencies)
    p95 = sorted(latencies)[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"scan-to-screen: median {median:.1f} ms, p95 {p95:.1f} ms, max {max(latencies):.1f} ms "
          f"over {len(latencies)} scans (frame offered -> review screen current and painted)")
    print(json.dumps({"decode_ratio": round(ratio, 3), "fps": round(pipe_fps, 1), "scan_to_screen_ms": round(median, 1),
                      "bare_fps": round(bare_fps, 1), "scan_to_screen_p95_ms": round(p95, 1),
                      "frames": len(batch), "rounds": args.rounds, "codes_found": pipe_found,
                      "nv12_to_grey_ms": round(nv12_ms, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
