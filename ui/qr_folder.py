"""A camera stand-in for demos and machines without one: pictures from a folder, shown one after
another as if held up to the camera, fed through the same decoding pipeline as camera frames.

Image files (PNG, JPEG, BMP, PGM...) are used as they are (scaled to fit 640x480). A `.txt` file
holds the text of a code: it is drawn as a QR code on a phone-sized patch in a camera-sized grey
frame, so the demo needs no image tools. Each picture stays `hold_s` seconds, fed at `fps`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter

from ui.camera import FrameSink, Grey, qimage_to_grey
from ui.qr import qr_image

log = logging.getLogger(__name__)

FRAME_W, FRAME_H = 640, 480
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".pgm", ".ppm", ".gif"}
MAX_FILES = 50
MAX_TEXT_BYTES = 4096


def code_frame(text: str) -> QImage:
    """A 640x480 frame with the code on a white 'phone screen' in the middle, as a member holds it;
    for empty text, the phone without a code (the member has not opened it yet)."""
    frame = QImage(FRAME_W, FRAME_H, QImage.Format.Format_Grayscale8)
    frame.fill(QColor(150, 150, 150))
    code = None
    side = 230
    if text:
        modules = qr_image(text, module_px=1, border=4).width()
        code = qr_image(text, module_px=max(2, 230 // modules), border=4)  # whole pixels per module
        side = code.width()
    p = QPainter(frame)
    phone_w, phone_h = side + 50, min(FRAME_H - 40, side + 150)
    p.fillRect((FRAME_W - phone_w) // 2, (FRAME_H - phone_h) // 2, phone_w, phone_h, QColor(235, 235, 235))
    if code is not None:
        p.drawImage((FRAME_W - side) // 2, (FRAME_H - side) // 2, code)
    p.end()
    return frame


def load_picture(path: Path) -> QImage | None:
    if path.suffix.lower() == ".txt":
        try:
            raw = path.read_bytes()[:MAX_TEXT_BYTES]
            text = raw.decode("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return code_frame(text)
    image = QImage(str(path))
    if image.isNull():
        return None
    if image.width() > FRAME_W or image.height() > FRAME_H:
        image = image.scaled(FRAME_W, FRAME_H, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


class FolderFeed(QObject):
    preview = Signal(QImage)

    def __init__(self, pipeline: FrameSink, folder: Path, fps: float = 15.0, hold_s: float = 4.0,
                 monotonic: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pipeline = pipeline
        self.folder = folder
        self.hold_s = hold_s
        self._monotonic = monotonic
        self._pictures: list[tuple[QImage, Grey]] = []
        self._index = 0
        self._since = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(1000 / fps)))
        self._timer.timeout.connect(self._tick)
        self.handed = 0

    def load(self) -> int:
        """Read the folder now; returns how many pictures there are."""
        self._pictures = []
        try:
            files = sorted(p for p in self.folder.iterdir()
                           if p.is_file() and (p.suffix.lower() in IMAGE_SUFFIXES or p.suffix.lower() == ".txt"))
        except OSError as e:
            log.warning("QR picture folder %s unusable: %s", self.folder, type(e).__name__)
            return 0
        for path in files[:MAX_FILES]:
            image = load_picture(path)
            grey = qimage_to_grey(image) if image is not None else None
            if image is not None and grey is not None:
                self._pictures.append((image, grey))
        return len(self._pictures)

    def start(self) -> bool:
        if not self._pictures and not self.load():
            return False
        self._index = 0
        self._since = self._monotonic()
        self._timer.start()
        return True

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def next_picture(self) -> None:
        if self._pictures:
            self._index = (self._index + 1) % len(self._pictures)
            self._since = self._monotonic()

    @Slot()
    def _tick(self) -> None:
        if not self._pictures:
            return
        now = self._monotonic()
        if now - self._since >= self.hold_s:
            self.next_picture()
        image, grey = self._pictures[self._index]
        self.preview.emit(image)
        if not self.pipeline.busy and self.pipeline.offer(grey, at=now):
            self.handed += 1
