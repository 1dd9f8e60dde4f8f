"""Statement files on a USB stick (drivers/usb/statement_files.py): found on removable mounts and in
a configured folder, read without writing anything to the stick."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.usb.statement_files import MAX_BYTES, read_file, removable_mounts, statement_files

MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda1 /media/kiosk/PAYROLL vfat ro,nosuid,nodev,relatime,uid=1000 0 0
/dev/sdb1 /run/media/kiosk/HR\\040STICK exfat rw,nosuid,nodev,relatime 0 0
/dev/sdc1 /mnt/backup ext4 rw,relatime 0 0
"""


def test_removable_mounts_are_those_under_media() -> None:
    assert removable_mounts(MOUNTS) == {Path("/media/kiosk/PAYROLL"): True,
                                        Path("/run/media/kiosk/HR STICK"): False}


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    return {str(p.relative_to(root)): (p.lstat().st_mode, p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def stick(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "stick"
    (root / "2026-11").mkdir(parents=True)
    (root / "statement.csv").write_bytes(b"hkid,relevant_income\n")
    (root / "2026-11" / "November.CSV").write_bytes(b"x")
    (root / "notes.txt").write_bytes(b"not a statement")
    (root / ".hidden.csv").write_bytes(b"x")
    (root / "huge.csv").write_bytes(b"x" * (MAX_BYTES + 1))
    (root / "link.csv").symlink_to(root / "statement.csv")
    for p in [*root.rglob("*"), root]:
        if not p.is_symlink():
            p.chmod(0o555 if p.is_dir() else 0o444)
    yield root
    for p in [root, *root.rglob("*")]:
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() else 0o644)


def test_csv_files_are_found_and_read_and_the_stick_is_left_as_it_was(stick: Path) -> None:
    before = _snapshot(stick)
    files = statement_files(stick, mounts_text="")
    assert [f.path.relative_to(stick).as_posix() for f in files] == ["2026-11/November.CSV", "statement.csv"]
    assert read_file(files[1].path) == b"hkid,relevant_income\n"
    assert _snapshot(stick) == before
    assert sorted(os.listdir(stick)) == sorted(p.name for p in stick.iterdir())


def test_a_symbolic_link_is_not_followed(stick: Path) -> None:
    with pytest.raises(OSError):
        read_file(stick / "link.csv")


def test_a_file_that_grew_past_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (MAX_BYTES + 1))
    with pytest.raises(ValueError, match="over"):
        read_file(big)


def test_no_stick_no_files(tmp_path: Path) -> None:
    assert statement_files(None, mounts_text="") == []
    assert statement_files(tmp_path / "absent", mounts_text="") == []
