"""Where the kiosk's QR sources are, from the environment (documented in README):

EMPF_KIOSK_QR_CAMERA   "auto" (default: the first camera Qt finds), "off", or part of a camera's name
EMPF_KIOSK_QR_FRAMES   a folder of images (or .txt files holding code text) fed to the camera
                       pipeline instead of a camera: for demos and machines without one
EMPF_KIOSK_QR_SERIAL   serial scanners, comma separated, each PORT or PORT@BAUD (e.g. /dev/ttyACM0@115200)
EMPF_KIOSK_QR_WEDGE    "on" (default) or "off": recognise keyboard-wedge scanners
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ENV_CAMERA = "EMPF_KIOSK_QR_CAMERA"
ENV_FRAMES = "EMPF_KIOSK_QR_FRAMES"
ENV_SERIAL = "EMPF_KIOSK_QR_SERIAL"
ENV_WEDGE = "EMPF_KIOSK_QR_WEDGE"


@dataclass(frozen=True)
class SerialPort:
    port: str
    baudrate: int = 9600


@dataclass(frozen=True)
class QrSettings:
    camera: str = "auto"
    frames_dir: Path | None = None
    serial: tuple[SerialPort, ...] = field(default_factory=tuple)
    wedge: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> QrSettings:
        e = os.environ if env is None else env
        ports: list[SerialPort] = []
        for item in (p.strip() for p in e.get(ENV_SERIAL, "").split(",")):
            if not item:
                continue
            port, _, baud = item.partition("@")
            try:
                ports.append(SerialPort(port, int(baud) if baud else 9600))
            except ValueError:
                raise ValueError(f"{ENV_SERIAL}: {item!r} is not PORT or PORT@BAUD") from None
        frames = e.get(ENV_FRAMES, "").strip()
        return cls(camera=e.get(ENV_CAMERA, "auto").strip() or "auto",
                   frames_dir=Path(frames).expanduser() if frames else None,
                   serial=tuple(ports),
                   wedge=e.get(ENV_WEDGE, "on").strip().lower() not in ("off", "0", "no", "false"))
