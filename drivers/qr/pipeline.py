"""The camera's decoding pipeline: frames from any source, one decoder thread, drop when busy.

A camera delivers 30 frames a second whether or not the decoder keeps up; queueing them would
make every read later than the last. The pipeline holds at most one frame waiting: a newer frame
replaces it (the older one is counted as dropped), so the decoder always works on the freshest
picture and the camera thread (or Qt's GUI thread) never waits.

A frame may be offered as a `Frame`, a grey numpy array, or a callable returning either, so the
work of converting a camera buffer to grey happens on the decoder thread, not the caller's, and
only for frames that are actually decoded.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.ports import QrEvents, QrRead, QrSourceKind

from .decoder import ZxingDecoder
from .frames import Frame, Grey

log = logging.getLogger(__name__)

FrameLike = Frame | Grey | Callable[[], Frame | Grey | None]
JOIN_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class PipelineStats:
    offered: int
    decoded: int  # frames that went through the decoder
    dropped: int  # frames replaced before the decoder got to them
    reads: int  # codes found (before de-duplication)
    errors: int  # frames whose conversion or decoding raised
    last_decode_ms: float


class DecodePipeline:
    """A QrSource (kiosk.ports) for camera frames. `offer()` may be called from any thread."""

    def __init__(self, decoder: ZxingDecoder | None = None, source: QrSourceKind = QrSourceKind.CAMERA,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.decoder = decoder or ZxingDecoder()
        self.source = source
        self._monotonic = monotonic
        self._cond = threading.Condition()
        self._waiting: tuple[FrameLike, float] | None = None
        self._decoding = False
        self._events: QrEvents | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._offered = self._decoded = self._dropped = self._reads = self._errors = 0
        self._last_ms = 0.0

    # ------------------------------------------------------------ QrSource
    def start(self, events: QrEvents) -> None:
        with self._cond:
            self._events = events
            if self._thread is not None and self._thread.is_alive():
                return
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="qr-decoder", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._waiting = None
            self._cond.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(JOIN_TIMEOUT_S)
            if thread.is_alive():
                log.warning("QR decoder thread did not stop within %.0f s", JOIN_TIMEOUT_S)

    # ------------------------------------------------------------ frames in
    @property
    def busy(self) -> bool:
        """True while a frame is being decoded: a caller may skip preparing the next one."""
        with self._cond:
            return self._decoding

    def offer(self, frame: FrameLike, at: float | None = None) -> bool:
        """Hand over a frame; never blocks on decoding. False when the pipeline is not running.
        `at` is when the camera took it (default: now), the start of scan-to-screen latency.

        If a frame is already waiting, this one takes its place and the older one is dropped."""
        if at is None:
            at = frame.at if isinstance(frame, Frame) and frame.at else self._monotonic()
        with self._cond:
            if self._thread is None or self._stopping:
                return False
            self._offered += 1
            if self._waiting is not None:
                self._dropped += 1
            self._waiting = (frame, at)
            self._cond.notify()
            return True

    def wait_idle(self, timeout_s: float) -> bool:
        """Block until no frame is waiting or being decoded (tests and benchmarks)."""
        deadline = self._monotonic() + timeout_s
        with self._cond:
            while self._waiting is not None or self._decoding:
                left = deadline - self._monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def stats(self) -> PipelineStats:
        with self._cond:
            return PipelineStats(self._offered, self._decoded, self._dropped, self._reads, self._errors,
                                 self._last_ms)

    # ------------------------------------------------------------ the decoder thread
    def _run(self) -> None:
        while True:
            with self._cond:
                while self._waiting is None and not self._stopping:
                    self._cond.wait()
                item, self._waiting = self._waiting, None
                if self._stopping or item is None:
                    return
                self._decoding = True
                events = self._events
            try:
                self._decode_one(item, events)
            finally:
                with self._cond:
                    self._decoding = False
                    self._cond.notify_all()

    def _decode_one(self, waiting: tuple[FrameLike, float], events: QrEvents | None) -> None:
        item, at = waiting
        started = self._monotonic()
        try:
            frame = item() if callable(item) else item
            grey = frame.grey if isinstance(frame, Frame) else frame
            found = self.decoder.decode(grey) if grey is not None else []
        except Exception as e:  # one bad frame (odd format, a converter bug) must not end decoding
            with self._cond:
                self._errors += 1
            log.warning("QR frame skipped: %s", type(e).__name__)
            return
        with self._cond:
            self._decoded += 1
            self._reads += len(found)
            self._last_ms = (self._monotonic() - started) * 1000
        if events is None:
            return
        for d in found:
            try:
                events.qr_read(QrRead(payload=d.payload, symbology=d.symbology, source=self.source, at=at))
            except Exception:  # a listener's bug is logged, and the camera keeps working
                log.exception("QR listener failed")
