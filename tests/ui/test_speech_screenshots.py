"""The read-aloud bar's screens (devtools/speech_screenshots.py, `--walks speech`) where room is
tightest, portrait at large text, in both languages: every picture there, full size, not blank, and
no layout problem (the bar's buttons and volume fit; the "not available" message is not cut)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from devtools.shots import HEIGHT, LANGS, WIDTH
from devtools.speech_screenshots import SCREENS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.xvfb
def test_the_read_aloud_bar_fits_portrait_at_large_text(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{WIDTH}x24", sys.executable, "-m", "devtools.screenshots",
         "--walks", "speech", "--out", str(out), "--orientations", "portrait", "--modes", "large", "--check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = out / "portrait-large"
    expected = {f"{screen}-{lang}.png" for screen in SCREENS for lang in LANGS}
    assert {p.name for p in folder.glob("*.png")} == expected
    for name in sorted(expected):
        with Image.open(folder / name) as im:
            assert im.size == (HEIGHT, WIDTH), name
            assert ImageStat.Stat(im.convert("L")).var[0] > 300, f"{name} looks blank"
    problems = (out / "problems.txt").read_text(encoding="utf-8").splitlines()
    problems = [p for p in problems if not any(h in p for h in ("QLabel#brand", "QLabel#step"))]
    assert not problems, "\n".join(problems[:30])
