"""Devices by the names shop staff know them by, for the staff dashboard's health tiles: a camera's
own name (the driver's, from sysfs: "USB2.0 HD UVC WebCam") or "camera 1", a serial scanner by its
maker and model from /dev/serial/by-id, else "scanner 1". Device paths (/dev/video0,
/dev/ttyACM0) are for technicians and stay in the doctor's report. No Qt."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

SYSFS_VIDEO = Path("/sys/class/video4linux")
_BY_ID = re.compile(r"^(?:usb|pci)-(.+?)(?:_[0-9A-Fa-f]{6,})?(?:-if\d+)?(?:-port\d+)?$")


def camera_name(device: str, index: int, sysfs: Path = SYSFS_VIDEO) -> tuple[str, str]:
    """(繁體中文, English) name of a V4L2 device: its driver's name, or "鏡頭 n" / "camera n"."""
    try:
        name = (sysfs / Path(device).name / "name").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        name = ""
    name = _printable(name)
    return (name, name) if name else (f"鏡頭 {index}", f"camera {index}")


def scanner_name(port: str, index: int) -> tuple[str, str]:
    """(繁體中文, English) name of a serial port: maker and model from a /dev/serial/by-id link
    ("usb-Honeywell_Imaging_Scanner_ABC123-if00" -> "Honeywell Imaging Scanner"), else "掃描器 n"."""
    found = _BY_ID.match(Path(port).name)
    if found:
        name = _printable(found.group(1).replace("_", " "))
        if name:
            return name, name
    return f"掃描器 {index}", f"scanner {index}"


def _printable(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable())[:40].strip()


def _names(devices: Sequence[str], camera: bool, sysfs: Path) -> tuple[str, str]:
    pairs = [camera_name(d, i, sysfs) if camera else scanner_name(d, i) for i, d in enumerate(devices, 1)]
    return "、".join(p[0] for p in pairs), ", ".join(p[1] for p in pairs)


def staff_words(probe: str, failed: bool, data: Mapping[str, Any],
                sysfs: Path = SYSFS_VIDEO) -> tuple[str, str] | None:
    """(繁體中文, English) for the dashboard's camera or scanner tile from the doctor's probe
    (`probe` its name, `data` its devices), without device paths; None for another probe."""
    if probe == "camera":
        devices = [str(d) for d in data.get("devices") or []]
        if not devices:
            return "沒有鏡頭：只可用手提掃描器讀取二維碼", "no camera: QR codes by the hand scanner only"
        zh, en = _names(devices, True, sysfs)
        if failed:
            return (f"{zh}：本機無法使用（權限），請聯絡技術人員",
                    f"{en}: the kiosk may not use it (permissions); call a technician")
        return zh, en
    if probe == "qr_scanner":
        ports = [str(p) for p in data.get("ports") or []]
        if not ports:
            return ("未設定序列掃描器（鍵盤式掃描器掃描時才出現）",
                    "no serial scanner set up (a keyboard scanner shows when it scans)")
        zh, en = _names(ports, False, sysfs)
        if failed:
            return (f"{zh}：未連接，請檢查接線或聯絡技術人員",
                    f"{en}: not connected; check the cable or call a technician")
        return zh, en
    return None
