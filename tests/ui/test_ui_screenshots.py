"""The screenshot script under a real X server (Xvfb): every screen in both languages, full size,
not blank; and the CJK font that makes the Chinese readable is there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from devtools.screenshots import SCREENS, duplicate_names, screen_names, walks
from devtools.shots import HEIGHT, LANGS, WIDTH
from ui import theme

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.xvfb
@pytest.mark.timeout(360)  # every screen in both languages: a couple of minutes on two shared cores
def test_screenshots_of_every_screen(tmp_path: Path) -> None:
    """`--quick`: every screen of every instruction type in both languages (landscape, normal), and
    a few in portrait, large text and high contrast; the full matrix is `make screenshots`."""
    out = tmp_path / "shots"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{WIDTH}x24",
         sys.executable, "-m", "devtools.screenshots", "--out", str(out), "--quick"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    names = screen_names()
    assert set(SCREENS) <= set(names)
    expected = {f"{screen}-{lang}.png" for screen in names for lang in LANGS}
    assert {p.name for p in (out / "landscape-normal").glob("*.png")} == expected
    for folder in ("landscape-large", "landscape-contrast", "portrait-normal", "portrait-large", "portrait-contrast"):
        got = {p.name for p in (out / folder).glob("*.png")}
        assert {f"{screen}-{lang}.png" for screen in ("attract", "menu", "review-CONTRIBUTION_DATA")
                for lang in LANGS} <= got, folder
        assert len(got) >= 8, folder
    index = (out / "index.txt").read_text(encoding="utf-8").split()
    assert len(index) == sum(1 for _ in out.rglob("*.png"))
    for path in sorted(out.rglob("*.png")):
        with Image.open(path) as im:
            size = (WIDTH, HEIGHT) if path.parent.name.startswith("landscape") else (HEIGHT, WIDTH)
            assert im.size == size, path  # the window never grows past the screen
            # Not blank: a rendered screen has text, buttons and colour bands.
            variance = ImageStat.Stat(im.convert("L")).var[0]
            assert variance > 300, f"{path} looks blank (variance {variance:.0f})"


def test_cjk_font_family_available_to_qt(qapp: QApplication) -> None:
    families = QFontDatabase.families()
    assert any(f in families for f in ("Noto Sans CJK TC", "Noto Sans CJK HK")), \
        "install fonts-noto-cjk, or Chinese shows as boxes"
    font = QFont()
    font.setFamilies(list(theme.FONT_FAMILIES))
    metrics = QFontMetrics(font)
    for ch in "積金易自助服務站咭":
        assert metrics.inFontUcs4(ord(ch)), ch


def test_no_two_walks_write_the_same_picture() -> None:
    """Each picture is one file named after its screen: a name two walks share would silently
    replace the first walk's picture (it did: the sign-in walk's and the account walk's "account")."""
    families = walks()
    assert duplicate_names(families, list(families)) == []
    clashing = {"a": families["signin"], "b": families["signin"]}
    assert duplicate_names(clashing, ["a", "b"])[0].endswith("(a, b)")
