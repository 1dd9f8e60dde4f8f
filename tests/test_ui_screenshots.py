"""The screenshot script under a real X server (Xvfb): every screen in both languages, full size,
not blank; and the CJK font that makes the Chinese readable is there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from ui import theme
from ui.screenshots import HEIGHT, LANGS, SCREENS, WIDTH

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_screenshots_of_every_screen(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{HEIGHT}x24",
         sys.executable, "-m", "ui.screenshots", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected = {f"{screen}-{lang}.png" for screen in SCREENS for lang in LANGS}
    assert {p.name for p in out.glob("*.png")} == expected
    for name in sorted(expected):
        with Image.open(out / name) as im:
            assert im.size == (WIDTH, HEIGHT), name
            # Not blank: a rendered screen has text, buttons and colour bands.
            variance = ImageStat.Stat(im.convert("L")).var[0]
            assert variance > 300, f"{name} looks blank (variance {variance:.0f})"


def test_cjk_font_family_available_to_qt(qapp: QApplication) -> None:
    families = QFontDatabase.families()
    assert any(f in families for f in ("Noto Sans CJK TC", "Noto Sans CJK HK")), \
        "install fonts-noto-cjk, or Chinese shows as boxes"
    font = QFont()
    font.setFamilies(list(theme.FONT_FAMILIES))
    metrics = QFontMetrics(font)
    for ch in "積金易自助服務站咭":
        assert metrics.inFontUcs4(ord(ch)), ch
