"""The camera decoding pipeline on real frames rendered from generated codes (no camera here):
rotated, blurred, noisy, low contrast, small in frame, several codes in one frame; drop-when-busy;
de-duplication within a second; the hub merging sources."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import numpy as np
import pytest

from drivers.qr.decoder import ZxingDecoder
from drivers.qr.dedup import Dedup
from drivers.qr.frames import Frame, grey_from_buffer, grey_from_rgb
from drivers.qr.hub import QrHub
from drivers.qr.pipeline import DecodePipeline
from kiosk.ports import QrRead, QrSourceKind
from tests.support.qr import (
    Signer,
    blurred,
    centred,
    code_image,
    empty_frame,
    frame_with,
    low_contrast,
    noisy,
    rotated,
)

WAIT_S = 10.0


class Collect:
    """A QrEvents listener that records reads (and can hold the decoder thread on purpose)."""

    def __init__(self) -> None:
        self.reads: list[QrRead] = []
        self.threads: set[str] = set()
        self.gate: threading.Event | None = None
        self.arrived = threading.Event()

    def qr_read(self, read: QrRead) -> None:
        self.threads.add(threading.current_thread().name)
        self.reads.append(read)
        self.arrived.set()
        if self.gate is not None:
            self.gate.wait(WAIT_S)

    @property
    def payloads(self) -> list[bytes]:
        return [r.payload for r in self.reads]


@pytest.fixture
def pipeline() -> Iterator[DecodePipeline]:
    p = DecodePipeline()
    yield p
    p.stop()


PREPARED = Signer().code(values={"mobile": "91234567", "address": "FLAT A, 12/F, 1 EXAMPLE ROAD, KOWLOON"})
PAYMENT = "RSD1234567890123456"


def decode(frame: np.ndarray) -> list[bytes]:
    return [d.payload for d in ZxingDecoder().decode(frame)]


@pytest.mark.parametrize(("name", "make"), [
    ("plain", lambda: centred(code_image(PREPARED, 300))),
    ("rotated 30", lambda: rotated(centred(code_image(PREPARED, 300)), 30)),
    ("rotated 90", lambda: rotated(centred(code_image(PREPARED, 300)), 90)),
    ("upside down", lambda: rotated(centred(code_image(PREPARED, 300)), 180)),
    ("blurred", lambda: blurred(centred(code_image(PREPARED, 400)), 1.5)),
    ("noisy", lambda: noisy(centred(code_image(PREPARED, 300)), 35)),
    ("low contrast", lambda: low_contrast(centred(code_image(PREPARED, 300)), 100, 150)),
    ("inverted (dark mode)", lambda: 255 - centred(code_image(PREPARED, 300))),
    ("small in frame", lambda: frame_with((code_image(PAYMENT, 70), 500, 30))),
    ("everything at once", lambda: noisy(low_contrast(blurred(rotated(centred(code_image(PAYMENT, 200)), 15), 1.0)),
                                         15)),
])
def test_hard_frames_decode(name: str, make: object) -> None:
    frame = make()  # type: ignore[operator]
    assert frame.shape == (480, 640) and frame.dtype == np.uint8
    found = decode(frame)
    assert found and found[0] in (PREPARED.encode(), PAYMENT.encode()), name


def test_several_codes_in_one_frame() -> None:
    frame = frame_with((code_image("RSD1111111111111111", 150), 20, 20),
                       (code_image("BLD2222222222222222", 150), 400, 40),
                       (code_image("SCH-001234", 120), 250, 300))
    assert sorted(decode(frame)) == sorted([b"RSD1111111111111111", b"BLD2222222222222222", b"SCH-001234"])


def test_too_blurred_or_empty_frames_give_nothing() -> None:
    assert decode(empty_frame()) == []
    assert decode(blurred(centred(code_image(PREPARED, 300)), 4.0)) == []
    assert decode(np.zeros((480, 640), np.uint8)) == []


def test_pipeline_delivers_on_its_own_thread(pipeline: DecodePipeline) -> None:
    got = Collect()
    pipeline.start(got)
    assert pipeline.offer(Frame(centred(code_image(PAYMENT, 200)), at=123.0))
    assert got.arrived.wait(WAIT_S)
    read = got.reads[0]
    assert read.payload == PAYMENT.encode() and read.symbology == "QRCode"
    assert read.source is QrSourceKind.CAMERA and read.at == 123.0
    assert got.threads == {"qr-decoder"}


def test_lazy_frames_are_converted_on_the_decoder_thread(pipeline: DecodePipeline) -> None:
    got = Collect()
    converted_on: list[str] = []
    rgb = np.repeat(centred(code_image(PAYMENT, 200))[:, :, None], 3, axis=2)

    def convert() -> np.ndarray:
        converted_on.append(threading.current_thread().name)
        return grey_from_rgb(rgb)

    pipeline.start(got)
    pipeline.offer(convert)
    assert got.arrived.wait(WAIT_S)
    assert converted_on == ["qr-decoder"]


def test_drop_when_busy_keeps_only_the_newest_frame(pipeline: DecodePipeline) -> None:
    got = Collect()
    got.gate = threading.Event()  # the listener holds the decoder thread: it is busy
    pipeline.start(got)
    pipeline.offer(frame_with((code_image("RSD0000000000000000", 200), 200, 100)))
    assert got.arrived.wait(WAIT_S) and pipeline.busy
    started = time.perf_counter()
    for n in range(1, 31):  # a second of camera frames while the decoder is busy
        assert pipeline.offer(frame_with((code_image(f"RSD{n:016d}", 200), 200, 100)))
    offer_time = time.perf_counter() - started
    stats = pipeline.stats()
    assert stats.dropped == 29 and stats.decoded == 1  # nothing queued up behind the busy decoder
    got.gate.set()
    assert pipeline.wait_idle(WAIT_S)
    assert got.payloads == [b"RSD0000000000000000", b"RSD0000000000000030"]  # the first, then the newest
    assert pipeline.stats().decoded == 2
    assert offer_time < 1.0  # offering never waited for the decoder (generous bound)


def test_a_bad_frame_is_skipped_and_decoding_goes_on(pipeline: DecodePipeline) -> None:
    got = Collect()
    pipeline.start(got)

    def broken() -> np.ndarray:
        raise RuntimeError("camera buffer unmappable")

    pipeline.offer(broken)
    assert pipeline.wait_idle(WAIT_S)
    pipeline.offer(np.zeros((4, 4, 4, 4), np.uint8))  # not an image at all
    assert pipeline.wait_idle(WAIT_S)
    pipeline.offer(centred(code_image(PAYMENT, 200)))
    assert got.arrived.wait(WAIT_S)
    assert pipeline.stats().errors == 2


def test_stop_is_bounded_and_offers_after_stop_are_refused() -> None:
    p = DecodePipeline()
    p.start(Collect())
    p.offer(empty_frame())
    started = time.perf_counter()
    p.stop()
    assert time.perf_counter() - started < 5
    assert not p.offer(empty_frame())
    p.stop()  # twice is fine


def test_grey_from_padded_buffer() -> None:
    width, height, stride = 5, 3, 8
    raw = bytearray(range(stride * height))
    grey = grey_from_buffer(raw, width, height, stride)
    assert grey.shape == (3, 5) and grey[1, 0] == 8 and grey[2, 4] == 20
    with pytest.raises(ValueError):
        grey_from_buffer(raw, 9, 3, 8)
    rgb = np.zeros((2, 2, 3), np.uint8)
    rgb[0, 0] = (255, 255, 255)
    assert grey_from_rgb(rgb)[0, 0] == 255 and grey_from_rgb(rgb)[1, 1] == 0


# ---------------------------------------------------------------- de-dup and the hub


def test_dedup_same_code_within_a_second_is_one_read() -> None:
    d = Dedup(window_s=1.0)
    assert d.fresh(b"A", 10.0)
    assert not d.fresh(b"A", 10.5)
    assert not d.fresh(b"A", 11.4)  # still in view: seen 0.9 s ago
    assert d.fresh(b"B", 11.4)
    assert d.fresh(b"A", 12.5)  # out of sight for over a second: a new read
    d.forget()
    assert d.fresh(b"A", 12.6)


def test_hub_dedups_across_sources_and_forwards_once() -> None:
    got = Collect()
    cam = DecodePipeline()
    hub = QrHub([cam])
    hub.start(got)
    try:
        frame = centred(code_image(PAYMENT, 200))
        for _ in range(5):  # five frames of the same code in a sixth of a second
            cam.offer(frame)
            assert cam.wait_idle(WAIT_S)
        # The same code from a hand scanner at the same moment is the same read.
        hub.qr_read(QrRead(PAYMENT.encode(), "", QrSourceKind.WEDGE, at=time.monotonic()))
        assert got.payloads == [PAYMENT.encode()]
        assert cam.stats().reads == 5
    finally:
        hub.stop()
    hub.qr_read(QrRead(b"RSD9999999999999999", "", QrSourceKind.WEDGE, at=time.monotonic()))
    assert len(got.reads) == 1  # stopped: nothing forwarded


def test_hub_keeps_going_when_a_source_fails_to_start() -> None:
    class Broken:
        def start(self, events: object) -> None:
            raise OSError("no such device")

        def stop(self) -> None:
            raise OSError("still no device")

    got = Collect()
    cam = DecodePipeline()
    hub = QrHub([Broken(), cam])
    hub.start(got)
    cam.offer(centred(code_image(PAYMENT, 200)))
    assert got.arrived.wait(WAIT_S)
    hub.stop()
