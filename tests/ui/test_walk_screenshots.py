"""The ePassport screens (MRZ step, verdicts, forged), the QR screens (scan, iAM Smart) and the
member's account and receipt check, each rendered by its own walk of devtools/screenshots.py
(`--walks passport`, `--walks qr`, `--walks account`) under Xvfb
in both languages, full size and not blank; people look at the PNGs, this makes sure they exist and show something."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from devtools.shots import HEIGHT, LANGS, WIDTH

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.xvfb
@pytest.mark.parametrize(("walk", "module"), [("passport", "devtools.mrz_screenshots"),
                                            ("qr", "devtools.qr_screenshots"),
                                            ("account", "devtools.account_screenshots")])
def test_walk_screenshots(walk: str, module: str, tmp_path: Path) -> None:
    """In portrait at large text and landscape in high contrast: every picture there, full size,
    not blank, no layout problem."""
    screens: tuple[str, ...] = importlib.import_module(module).SCREENS
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{WIDTH}x24", sys.executable, "-m", "devtools.screenshots",
         "--walks", walk, "--out", str(out), "--orientations", "portrait,landscape", "--modes", "large,contrast",
         "--check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for folder, size in (("portrait-large", (HEIGHT, WIDTH)), ("portrait-contrast", (HEIGHT, WIDTH)),
                         ("landscape-large", (WIDTH, HEIGHT)), ("landscape-contrast", (WIDTH, HEIGHT))):
        expected = {f"{screen}-{lang}.png" for screen in screens for lang in LANGS}
        assert {p.name for p in (out / folder).glob("*.png")} == expected, folder
        for name in sorted(expected):
            with Image.open(out / folder / name) as im:
                assert im.size == size, (folder, name)  # nothing pushed the window past the screen
                assert ImageStat.Stat(im.convert("L")).var[0] > 300, f"{folder}/{name} looks blank"
    problems = (out / "problems.txt").read_text(encoding="utf-8").splitlines()
    # The header is checked by its own tests (tests/ui/test_ui_simplified.py: it fits in every mode).
    problems = [p for p in problems if not any(h in p for h in ("QLabel#brand", "QLabel#step"))]
    assert not problems, "\n".join(problems[:30])
