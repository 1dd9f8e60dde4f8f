"""ui.i18n.install in a PyInstaller bundle (sys.frozen): the .qm shipped beside it are used as they
are, with no attempt to compare them with a table source or .ts the bundle does not have, nor to
rebuild them with an lrelease it does not have. A folder laid out like the bundle's stands in for
the bundle (build/build.py puts the .qm into _internal/ui/i18n, nothing else)."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.support.ui import translators_edit
from ui import i18n
from ui.strings import STRINGS, tr


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Path]:
    """A bundle's ui/i18n: three .qm built by the build's steps, one with a translator's edit (so a
    text from the .qm can be told from the table's), dated before the table (stale by the
    checkout's rules). The cache folder is an empty one of the test's own."""
    work = tmp_path / "work"
    i18n.update(i18n.HERE, work)
    ts = i18n.ts_path("en", work)
    translators_edit(ts)  # what a translator typed in Linguist
    folder = tmp_path / "bundle" / "_internal" / "ui" / "i18n"
    folder.mkdir(parents=True)
    for qm in i18n.build(work, work):
        shutil.copy(qm, folder / qm.name)
        os.utime(folder / qm.name, (1e9, 1e9))  # 2001: older than any table or .ts
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    try:
        yield folder
    finally:
        assert i18n.install()  # back to the project's own translations for the tests after this one


def test_frozen_uses_the_shipped_qm_as_they_are(shipped: Path, tmp_path: Path) -> None:
    assert sorted(p.name for p in shipped.iterdir()) == ["empf_en.qm", "empf_zh_CN.qm", "empf_zh_HK.qm"]
    assert i18n.install(shipped, frozen=True)
    assert i18n.loaded_languages() == ["en", "zh_CN", "zh_HK"]
    assert all(i18n.missing_keys(lang) == [] for lang in i18n.LANGUAGES)
    assert tr("next", "en") == "Continue ›" != STRINGS["next"][1]  # from the shipped .qm, not the table
    assert tr("or_type", "zh_CN") == "输入你的香港身份证号码"
    assert not (tmp_path / "cache").exists()  # nothing rebuilt, no update, no lrelease


def test_not_frozen_the_same_folder_counts_as_stale_and_is_rebuilt(shipped: Path, tmp_path: Path) -> None:
    """The checkout's rule, for contrast: without .ts or a newer .qm the folder is rebuilt from the
    table into the cache, and the shipped edit is lost. This is what a bundle must not do."""
    assert i18n.install(shipped, frozen=False)
    assert sorted(p.name for p in (tmp_path / "cache" / "empf-kiosk" / "i18n").glob("*.qm")) == [
        "empf_en.qm", "empf_zh_CN.qm", "empf_zh_HK.qm"]
    assert tr("next", "en") == STRINGS["next"][1]


def test_sys_frozen_is_what_decides_and_a_missing_qm_is_reported(shipped: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # what PyInstaller's bootloader sets
    (shipped / "empf_zh_CN.qm").unlink()
    with caplog.at_level(logging.WARNING, logger="ui.i18n"):
        assert i18n.install(shipped)
    assert i18n.loaded_languages() == ["en", "zh_HK"]
    assert i18n.missing_keys("zh_CN") == list(STRINGS)  # what the bundle's self-test reports
    assert "zh_CN" in caplog.text and "built-in" in caplog.text
    assert tr("next", "en") == "Continue ›"
    assert tr("or_type", "zh_CN") == i18n.table_text("zh_CN", STRINGS["or_type"])  # the table, converted
    assert tr("or_type", "zh_CN") != tr("or_type", "zh_HK")  # not zh_HK's Traditional .qm
    assert not (tmp_path / "cache").exists()
