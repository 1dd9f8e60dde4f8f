"""zxing-cpp behind one small call: grey frame in, (payload bytes, symbology) pairs out."""

from __future__ import annotations

from dataclasses import dataclass

import zxingcpp

from .frames import Grey

# What kiosk codes use. Restricting formats is most of zxing-cpp's speed on frames without a code.
DEFAULT_FORMATS = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode)


@dataclass(frozen=True)
class Decoded:
    payload: bytes
    symbology: str  # e.g. "QRCode"


class ZxingDecoder:
    def __init__(self, formats: tuple[zxingcpp.BarcodeFormat, ...] = DEFAULT_FORMATS, try_rotate: bool = True,
                 try_downscale: bool = True, try_invert: bool = True) -> None:
        # Kept as a tuple; a zxing-cpp BarcodeFormats object still alive at interpreter exit makes
        # nanobind report a leak, so it is made per call (about a microsecond).
        self.formats = tuple(formats)
        self.try_rotate = try_rotate
        self.try_downscale = try_downscale
        self.try_invert = try_invert  # light-on-dark codes, as some phone apps draw them in dark mode

    def decode(self, grey: Grey) -> list[Decoded]:
        formats = zxingcpp.BarcodeFormats(list(self.formats))
        found = zxingcpp.read_barcodes(grey, formats=formats, try_rotate=self.try_rotate,
                                       try_downscale=self.try_downscale, try_invert=self.try_invert)
        return [Decoded(bytes(b.bytes), b.format.name) for b in found if b.valid]
