"""The kiosk's log file: rolled by size like RotatingFileHandler, HKID-shaped text scrubbed."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logging_setup import ScrubPersonalData, SizeRotatingFile


@pytest.fixture
def log(tmp_path: Path) -> Iterator[tuple[logging.Logger, SizeRotatingFile]]:
    handler = SizeRotatingFile(tmp_path / "kiosk.log", max_bytes=200, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(ScrubPersonalData())
    logger = logging.getLogger("test_logging_setup")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield logger, handler
    logger.removeHandler(handler)
    handler.close()


def test_the_file_rolls_over_by_size_and_keeps_only_the_backups(
        tmp_path: Path, log: tuple[logging.Logger, SizeRotatingFile]) -> None:
    logger, _ = log
    for i in range(40):
        logger.info("line %02d %s", i, "x" * 40)  # 49 bytes a line: four lines to a 200-byte file
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]  # never a .3
    for name in files:
        assert 0 < (tmp_path / name).stat().st_size <= 200
    newest = (tmp_path / "kiosk.log").read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("line 39")
    # Nothing lost between the files that remain: the lines run on without a gap.
    numbers = [int(line.split()[1]) for name in ("kiosk.log.2", "kiosk.log.1", "kiosk.log")
               for line in (tmp_path / name).read_text(encoding="utf-8").splitlines()]
    assert numbers == list(range(numbers[0], 40))


def test_an_hkid_never_reaches_the_file(tmp_path: Path, log: tuple[logging.Logger, SizeRotatingFile]) -> None:
    logger, handler = log
    logger.warning("member %s could not be read", "A123456(3)")
    handler.flush()
    text = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert "A123456" not in text and "[HKID]" in text
