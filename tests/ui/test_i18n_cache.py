"""The translation cache is rebuilt when the table is newer than the .qm (a developer's tree, a
translator's copy). Kiosk processes starting at once (a restart beside the update self-test) each
rebuild it; none may load a .qm another is half-way through writing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]

# Each child: a stale folder (its .ts dated 2001, no .qm), so install() rebuilds into the shared
# cache; then it checks a translated text came from a .qm.
CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from ui import i18n
from ui.strings import tr
for _ in range(3):
    assert i18n.install(Path(sys.argv[1])), "no translations loaded"
    assert i18n.loaded_languages() == ["en", "zh_CN", "zh_HK"], i18n.loaded_languages()
    assert tr("next", "en"), "empty text"
print("ok")
"""


def _stale_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ts"
    folder.mkdir()
    for lang in i18n.LANGUAGES:
        shutil.copy(i18n.ts_path(lang), i18n.ts_path(lang, folder))
        os.utime(i18n.ts_path(lang, folder), (1e9, 1e9))
    return folder


def test_rebuild_moves_complete_files_in_and_leaves_no_work_folder(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "empf-kiosk" / "i18n"
    i18n._rebuild_cache(_stale_folder(tmp_path), cache)
    assert sorted(p.name for p in cache.iterdir() if p.suffix == ".qm") == [
        f"empf_{lang}.qm" for lang in sorted(i18n.LANGUAGES)]
    assert (cache / "source").read_text() == str(tmp_path / "ts")
    assert [p.name for p in cache.parent.iterdir()] == ["i18n"]  # the private work folder is gone


def test_processes_rebuilding_at_once_all_load_whole_translations(tmp_path: Path) -> None:
    folder = _stale_folder(tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(folder)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=180) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0 and out.strip() == "ok", err[-2000:]
