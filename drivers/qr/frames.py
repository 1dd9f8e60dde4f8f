"""Frames for the decoder: 8-bit grey numpy arrays, from whatever a camera or file hands over."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Grey = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Frame:
    grey: Grey = field(repr=False)  # (height, width), C-contiguous or with a row stride numpy knows
    at: float = 0.0  # time.monotonic() when the camera delivered it

    @property
    def size(self) -> tuple[int, int]:
        h, w = self.grey.shape
        return int(w), int(h)


def grey_from_buffer(buffer: memoryview | bytes | bytearray, width: int, height: int,
                     bytes_per_line: int) -> Grey:
    """A view of a Grayscale8 buffer whose rows may be padded (QImage pads rows to 4 bytes).

    Copies nothing: the caller keeps the buffer alive (or copies) for as long as the view is used.
    """
    if width <= 0 or height <= 0 or bytes_per_line < width:
        raise ValueError("bad frame geometry")
    flat = np.frombuffer(buffer, dtype=np.uint8, count=bytes_per_line * height)
    return flat.reshape(height, bytes_per_line)[:, :width]


def grey_from_rgb(rgb: npt.NDArray[np.uint8]) -> Grey:
    """ITU-R BT.601 luma of an (h, w, 3) or (h, w, 4) RGB(A) array, in integers (fast, no floats)."""
    if rgb.ndim != 3 or rgb.shape[2] < 3:
        raise ValueError("expected an (h, w, 3|4) array")
    r = rgb[..., 0].astype(np.uint16)
    g = rgb[..., 1].astype(np.uint16)
    b = rgb[..., 2].astype(np.uint16)
    return ((r * 77 + g * 150 + b * 29) >> 8).astype(np.uint8)
