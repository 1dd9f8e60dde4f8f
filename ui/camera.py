"""QtMultimedia camera -> the core's decoding pipeline (drivers/qr/pipeline.py), off the GUI thread.

Qt delivers each camera frame to a QVideoSink on the GUI thread. The slot here does almost nothing
there: when the decoder is busy the frame is dropped on the spot; otherwise a shallow copy of the
QVideoFrame is handed over with a converter that the decoder thread runs. The converter takes the
luma (Y) plane straight out of YUV frames (what cameras deliver: the Y plane is the grey picture the
decoder wants), computes it for RGB frames, and only falls back to QVideoFrame.toImage() for
anything else. The preview gets a QImage at most PREVIEW_FPS times a second.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoFrameFormat,
    QVideoSink,
)

log = logging.getLogger(__name__)

Grey = npt.NDArray[np.uint8]
PREVIEW_FPS = 12.0

PF = QVideoFrameFormat.PixelFormat
# Formats whose plane 0 is 8-bit luma, one byte per pixel.
_Y_PLANE = {PF.Format_NV12, PF.Format_NV21, PF.Format_YUV420P, PF.Format_YV12, PF.Format_YUV422P,
            PF.Format_IMC1, PF.Format_IMC2, PF.Format_IMC3, PF.Format_IMC4, PF.Format_Y8}
_PACKED_Y_FIRST = {PF.Format_YUYV}  # Y0 U Y1 V
_PACKED_Y_SECOND = {PF.Format_UYVY}  # U Y0 V Y1
# 32-bit RGB layouts: (index of R, G, B) within each pixel's 4 bytes in memory (little-endian).
_RGB32 = {PF.Format_ARGB8888: (1, 2, 3), PF.Format_ARGB8888_Premultiplied: (1, 2, 3), PF.Format_XRGB8888: (1, 2, 3),
          PF.Format_BGRA8888: (2, 1, 0), PF.Format_BGRA8888_Premultiplied: (2, 1, 0), PF.Format_BGRX8888: (2, 1, 0),
          PF.Format_ABGR8888: (3, 2, 1), PF.Format_XBGR8888: (3, 2, 1), PF.Format_RGBA8888: (0, 1, 2),
          PF.Format_RGBX8888: (0, 1, 2)}


class FrameSink(Protocol):
    """drivers.qr.pipeline.DecodePipeline as the UI sees it."""

    @property
    def busy(self) -> bool: ...
    def offer(self, frame: Grey | Callable[[], Grey | None], at: float | None = None) -> bool: ...


def _plane(frame: QVideoFrame, plane: int, rows: int) -> npt.NDArray[np.uint8]:
    stride = frame.bytesPerLine(plane)
    data = frame.bits(plane)
    buf = np.frombuffer(data, dtype=np.uint8, count=stride * rows)
    return buf.reshape(rows, stride)


def video_frame_to_grey(frame: QVideoFrame) -> Grey | None:
    """The frame's grey picture as a new numpy array (safe to keep after the frame is gone)."""
    fmt = frame.pixelFormat()
    w, h = frame.width(), frame.height()
    if w <= 0 or h <= 0:
        return None
    if fmt in _Y_PLANE or fmt in _PACKED_Y_FIRST or fmt in _PACKED_Y_SECOND or fmt in _RGB32:
        if not frame.map(QVideoFrame.MapMode.ReadOnly):
            return None
        try:
            rows = _plane(frame, 0, h)
            if fmt in _Y_PLANE:
                return np.array(rows[:, :w], copy=True)
            if fmt in _PACKED_Y_FIRST:
                return np.array(rows[:, 0:2 * w:2], copy=True)
            if fmt in _PACKED_Y_SECOND:
                return np.array(rows[:, 1:2 * w:2], copy=True)
            r, g, b = _RGB32[fmt]
            px = rows[:, :4 * w].reshape(h, w, 4)
            luma = px[..., r].astype(np.uint16) * 77 + px[..., g].astype(np.uint16) * 150 + \
                px[..., b].astype(np.uint16) * 29
            return (luma >> 8).astype(np.uint8)
        finally:
            frame.unmap()
    return qimage_to_grey(frame.toImage())


def qimage_to_grey(image: QImage) -> Grey | None:
    """Any QImage as a grey numpy array (a copy; QImage rows are padded to 4 bytes)."""
    if image.isNull():
        return None
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, stride = grey.width(), grey.height(), grey.bytesPerLine()
    buf = np.frombuffer(grey.constBits(), dtype=np.uint8, count=stride * h)
    return np.array(buf.reshape(h, stride)[:, :w], copy=True)


def grey_to_qimage(grey: Grey) -> QImage:
    h, w = grey.shape
    data = np.ascontiguousarray(grey)
    return QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()  # copy: owns its pixels


def pick_camera(hint: str = "auto") -> QCameraDevice | None:
    """The camera to use: the default for "auto", one whose name contains `hint`, None for "off"."""
    if hint == "off":
        return None
    devices = QMediaDevices.videoInputs()
    if not devices:
        return None
    if hint == "auto":
        default = QMediaDevices.defaultVideoInput()
        return default if not default.isNull() else devices[0]
    return next((d for d in devices if hint.lower() in d.description().lower()), None)


class CameraFeed(QObject):
    """Frames from a QVideoSink to the pipeline and the preview. Without a device (tests, the demo)
    anything may push frames into `sink`; with one, start() connects a QCamera to it."""

    preview = Signal(QImage)

    def __init__(self, pipeline: FrameSink, device: QCameraDevice | None = None,
                 monotonic: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pipeline = pipeline
        self.device = device
        self._monotonic = monotonic
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._frame)
        self._camera: QCamera | None = None
        self._capture: QMediaCaptureSession | None = None
        self._last_preview = 0.0
        self.frames = 0  # delivered by the sink
        self.handed = 0  # offered to the decoder
        self.skipped = 0  # dropped on the GUI thread because the decoder was busy
        self.error = ""

    def start(self) -> bool:
        """Open the camera (if there is a device); False when it cannot be started."""
        if self.device is None:
            return True  # frames come from whoever pushes them into the sink
        if self._camera is not None:
            return True
        camera = QCamera(self.device, self)
        capture = QMediaCaptureSession(self)
        capture.setCamera(camera)
        capture.setVideoSink(self.sink)
        camera.errorOccurred.connect(self._camera_error)
        camera.start()
        self._camera, self._capture = camera, capture
        return camera.isActive() or camera.error() == QCamera.Error.NoError

    def stop(self) -> None:
        """Camera off: it is only on while the scan screen shows (privacy, and CPU)."""
        if self._camera is not None:
            self._camera.stop()
            self._camera.deleteLater()
            self._camera = None
        if self._capture is not None:
            self._capture.deleteLater()
            self._capture = None

    @property
    def active(self) -> bool:
        return self._camera is not None and self._camera.isActive()

    @Slot(QCamera.Error, str)
    def _camera_error(self, error: QCamera.Error, text: str) -> None:
        self.error = text or str(error)
        log.warning("camera error: %s", self.error)

    @Slot(QVideoFrame)
    def _frame(self, frame: QVideoFrame) -> None:
        self.frames += 1
        now = self._monotonic()
        if now - self._last_preview >= 1.0 / PREVIEW_FPS:
            self._last_preview = now
            self.preview.emit(frame.toImage())
        if self.pipeline.busy:
            self.skipped += 1  # drop here: not even a copy is made
            return
        held = QVideoFrame(frame)  # shallow, reference-counted: the decoder thread maps it
        if self.pipeline.offer(lambda: video_frame_to_grey(held), at=now):
            self.handed += 1
