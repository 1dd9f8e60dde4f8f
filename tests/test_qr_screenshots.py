"""The QR screens (scan, iAM Smart) rendered under a real X server (Xvfb) in both languages, full
size and not blank; people look at the PNGs, this makes sure they exist and show something."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from ui.qr_screenshots import SCREENS
from ui.screenshots import HEIGHT, LANGS, WIDTH

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.xvfb
def test_qr_screenshots(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{HEIGHT}x24", sys.executable, "-m", "ui.qr_screenshots",
         "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected = {f"{screen}-{lang}.png" for screen in SCREENS for lang in LANGS}
    assert {p.name for p in out.glob("*.png")} == expected
    for name in sorted(expected):
        with Image.open(out / name) as im:
            assert im.size == (WIDTH, HEIGHT), name  # nothing pushed the window past the screen
            assert ImageStat.Stat(im.convert("L")).var[0] > 300, f"{name} looks blank"
