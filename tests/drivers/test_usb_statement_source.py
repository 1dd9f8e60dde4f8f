"""The kiosk's StatementFiles over real folders (drivers/usb/statement_source.py): names unique in
a listing, only listed files read, the large ones listed and refused, no stick said as such."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.usb.statement_files import MAX_BYTES
from drivers.usb.statement_source import UsbStatementFiles
from kiosk.config import ENV_STATEMENT_DIR, load
from kiosk.ports.statement_files import StatementFile, StatementFilesError


def test_files_are_listed_by_name_and_size_and_only_listed_ones_are_read(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    (stick / "2026").mkdir(parents=True)
    (stick / "october.csv").write_bytes(b"a,b\n1,2\n")
    (stick / "2026" / "november.csv").write_bytes(b"x\n")
    (stick / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "secret.csv").write_bytes(b"not on the stick")
    source = UsbStatementFiles(stick, mounts_text="")
    with pytest.raises(StatementFilesError) as e:
        source.read("october.csv")  # nothing listed yet
    assert e.value.code == "UNREADABLE"
    assert source.list_files() == (StatementFile("2026/november.csv", 2), StatementFile("october.csv", 8))
    assert source.read("october.csv") == b"a,b\n1,2\n"
    for name in ("../secret.csv", str(tmp_path / "secret.csv"), "photo.jpg"):
        with pytest.raises(StatementFilesError):
            source.read(name)


def test_a_large_file_is_listed_but_never_read(tmp_path: Path) -> None:
    (tmp_path / "big.csv").write_bytes(b"x" * (MAX_BYTES + 1))
    source = UsbStatementFiles(tmp_path, mounts_text="")
    assert source.list_files() == (StatementFile("big.csv", MAX_BYTES + 1),)
    with pytest.raises(StatementFilesError) as e:
        source.read("big.csv")
    assert e.value.code == "TOO_LARGE"


def test_no_stick_and_an_empty_stick_are_told_apart(tmp_path: Path) -> None:
    with pytest.raises(StatementFilesError) as e:
        UsbStatementFiles(tmp_path / "absent", mounts_text="").list_files()
    assert e.value.code == "NO_STICK"
    with pytest.raises(StatementFilesError):
        UsbStatementFiles(None, mounts_text="/dev/sda1 /home ext4 rw 0 0\n").list_files()
    assert UsbStatementFiles(tmp_path, mounts_text="").list_files() == ()


def test_the_statement_folder_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_STATEMENT_DIR, str(tmp_path))
    assert load().statement_dir == tmp_path
    monkeypatch.delenv(ENV_STATEMENT_DIR)
    assert load().statement_dir is None
