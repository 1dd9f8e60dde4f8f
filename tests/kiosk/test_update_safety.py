"""What an install refuses and what a refusal leaves behind: no rollback when state.json is lost or
damaged (the floor comes from the version file where real bundles keep it), unsafe archive entries
refused on every Python (with and without tarfile's filters), every refusal and unexpected failure
in the audit log, and the active slot untouched by all of them."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.update import manifest as mf
from kiosk.update import unpack as unpack_module
from kiosk.update import versions
from kiosk.update.installer import SlotInstaller
from kiosk.update.manifest import UpdateRefused
from kiosk.update.sources import DirectorySource
from offline_cache.audit import open_audit_log
from tests.kiosk.test_update import GOOD_ENTRY, _retar, current, keys, kiosk, make_bundle, publish  # noqa: F401

# The "python_3_11_2" cases extract without a filter, as 3.11.2 does; a newer tarfile warns about that.
pytestmark = pytest.mark.filterwarnings("ignore:Python 3.14 will, by default, filter:DeprecationWarning")


def tree_digest(folder: Path) -> str:
    """One hash over every path, file content and link target under `folder`."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(p.relative_to(folder).as_posix().encode() + b"\0")
        if p.is_symlink():
            h.update(os.readlink(p).encode())
        elif p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def active(kiosk: SlotInstaller) -> tuple[str | None, str]:  # noqa: F811
    """Where `current` points and what the slot it points at holds."""
    return current(kiosk), tree_digest(kiosk.current_link.resolve())


def test_real_bundles_keep_their_version_where_the_installer_reads_it() -> None:
    """build/kiosk.spec adds the version file as data at the bundle's top ("."), which PyInstaller 6
    puts in the contents folder; tests/e2e/test_build.py checks the same path on a real bundle."""
    spec = (Path(__file__).resolve().parents[2] / "build" / "kiosk.spec").read_text()
    assert '(str(version_file), ".")' in spec
    assert versions.BUNDLE_VERSION_FILE == "_internal/empf_kiosk_version.txt"


@pytest.mark.parametrize("damage", ["deleted", "truncated", "empty", "not_an_object"])
def test_no_rollback_when_the_state_file_is_lost_or_damaged(tmp_path: Path, keys: dict[str, Path],  # noqa: F811
                                                            kiosk: SlotInstaller, damage: str) -> None:  # noqa: F811
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.3.0")))
    before = active(kiosk)
    text = kiosk.state_path.read_text()
    if damage == "deleted":
        kiosk.state_path.unlink()
    else:
        kiosk.state_path.write_text({"truncated": text[: len(text) // 2], "empty": "",
                                     "not_an_object": "[]"}[damage])
    assert kiosk.floor() == "0.3.0"  # from slots/b/_internal/empf_kiosk_version.txt
    for older in ("0.2.5", "0.3.0"):
        with pytest.raises(UpdateRefused) as e:
            kiosk.install(DirectorySource(publish(tmp_path, keys, older)))
        assert e.value.code == "NOT_NEWER" and "0.3.0" in e.value.message_en
    assert active(kiosk) == before
    assert kiosk.install(DirectorySource(publish(tmp_path, keys, "0.3.1"))).status == "installed"


def _block_the_inactive_slot(kiosk: SlotInstaller) -> None:  # noqa: F811
    """A file where the installer unpacks (slots/b.partial): mkdir fails with an OSError."""
    (kiosk.root / "slots" / f"{kiosk.inactive_slot()}.partial").write_text("in the way")


def _refusals(tmp: Path, keys: dict[str, Path]) -> dict[str, tuple[str, Callable[[SlotInstaller], Path]]]:  # noqa: F811
    def tampered(k: SlotInstaller) -> Path:
        d = publish(tmp, keys, "0.4.0")
        _retar(d, "edit")
        return d

    def expired(k: SlotInstaller) -> Path:
        return publish(tmp, keys, "0.4.0", valid_days=-1)

    def stranger(k: SlotInstaller) -> Path:
        return publish(tmp, keys, "0.4.0", key="other")

    def older(k: SlotInstaller) -> Path:
        k.state_path.unlink()
        return publish(tmp, keys, "0.2.5")

    def blocked(k: SlotInstaller) -> Path:
        _block_the_inactive_slot(k)
        return publish(tmp, keys, "0.4.0")

    return {"bad_signature": ("BAD_SIGNATURE", stranger), "changed_file": ("CHANGED_FILE", tampered),
            "expired": ("EXPIRED", expired), "older_without_state": ("NOT_NEWER", older),
            "install_failed": ("INSTALL_FAILED", blocked)}


@pytest.mark.parametrize("kind", ["bad_signature", "changed_file", "expired", "older_without_state",
                                  "install_failed"])
def test_every_refusal_is_audited_and_leaves_the_active_slot_unchanged(
        tmp_path: Path, keys: dict[str, Path], kind: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    data, root = tmp_path / "data", tmp_path / "opt"
    d = ["--data-dir", str(data), "--root", str(root)]
    assert cli.main(["update", "trust", str(keys["pub"]), "--data-dir", str(data)]) == 0
    for version in ("0.2.0", "0.3.0"):
        assert cli.main(["update", "install", "--from", str(publish(tmp_path, keys, version)), *d]) == 0
    kiosk = SlotInstaller(root, data / "keys" / "update-trust")  # noqa: F811
    before = active(kiosk)
    code, make = _refusals(tmp_path, keys)[kind]
    capsys.readouterr()
    assert cli.main(["update", "install", "--from", str(make(kiosk)), *d]) == 1
    err = capsys.readouterr().err
    assert f"\n{code}: " in err and "。" in err  # both languages
    assert active(kiosk) == before and kiosk.current_slot() == "b"
    last = open_audit_log(data).entries()[-1]
    assert (last["event"], last["outcome"], last["detail"]["code"]) == ("update.refused", "refused", code)


def _archive_with(entry: tarfile.TarInfo, data: bytes = b"") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        tar.addfile(entry, io.BytesIO(data) if entry.isfile() else None)
    return buf.getvalue()


def _entry(name: str, kind: bytes = tarfile.REGTYPE, linkname: str = "", size: int = 0) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.size, info.mode = kind, linkname, size, 0o644
    return info


UNSAFE = {
    "absolute": _entry("/etc/cron.d/evil", size=1),
    "dotdot": _entry("empf-kiosk-0.4.0/../../evil", size=1),
    "link_out": _entry("empf-kiosk-0.4.0/lib.so", tarfile.SYMTYPE, "../../../etc/passwd"),
    "link_absolute": _entry("empf-kiosk-0.4.0/lib.so", tarfile.SYMTYPE, "/etc/passwd"),
    "hard_link": _entry("empf-kiosk-0.4.0/shadow", tarfile.LNKTYPE, "/etc/shadow"),
    "device": _entry("empf-kiosk-0.4.0/sda", tarfile.BLKTYPE),
    "fifo": _entry("empf-kiosk-0.4.0/pipe", tarfile.FIFOTYPE),
}


@pytest.mark.parametrize("tar_filters", [True, False], ids=["with_tar_filters", "python_3_11_2"])
@pytest.mark.parametrize("kind", sorted(UNSAFE))
def test_unsafe_archive_entries_are_refused_on_every_python(tmp_path: Path, keys: dict[str, Path],  # noqa: F811
                                                            kiosk: SlotInstaller, kind: str,  # noqa: F811
                                                            tar_filters: bool,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive matches its signed hash (an operator's build machine was compromised): the
    installer's own entry checks refuse it whether or not this Python's tarfile has filters."""
    if tar_filters and not hasattr(tarfile, "data_filter"):
        pytest.skip("this Python's tarfile has no extraction filters (3.11.4+)")
    monkeypatch.setattr(unpack_module, "_HAS_TAR_FILTERS", tar_filters)
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    before = active(kiosk)
    bundle = make_bundle(tmp_path / "src", "0.4.0")
    out = tmp_path / "evil"
    out.mkdir()
    archive = out / "empf-kiosk-0.4.0.tar.gz"
    archive.write_bytes(_archive_with(UNSAFE[kind], b"x"))
    (out / mf.MANIFEST).write_bytes(mf.make_manifest(version="0.4.0", archive=archive, folder=bundle,
                                                     entry="empf-kiosk", valid_days=1))
    (out / mf.SIGNATURE).write_bytes(mf.sign((out / mf.MANIFEST).read_bytes(), mf.load_private_key(keys["key"])))
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(out))
    assert e.value.code == "CHANGED_FILE"
    assert active(kiosk) == before
    assert not (tmp_path / "etc").exists() and not list(tmp_path.glob("opt/**/evil"))


@pytest.mark.parametrize("tar_filters", [True, False], ids=["with_tar_filters", "python_3_11_2"])
def test_a_valid_update_unpacks_the_same_with_or_without_tar_filters(tmp_path: Path, keys: dict[str, Path],  # noqa: F811
                                                                     kiosk: SlotInstaller,  # noqa: F811
                                                                     tar_filters: bool,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if tar_filters and not hasattr(tarfile, "data_filter"):
        pytest.skip("this Python's tarfile has no extraction filters (3.11.4+)")
    monkeypatch.setattr(unpack_module, "_HAS_TAR_FILTERS", tar_filters)
    bundle = make_bundle(tmp_path / "src", "0.2.0")
    (bundle / "_internal" / "setuid-helper").write_bytes(b"#!/bin/sh\n")
    (bundle / "_internal" / "setuid-helper").chmod(0o4777)
    update = tmp_path / "upd"
    import importlib

    build = importlib.import_module("tests.kiosk.test_update").build
    build.package(bundle, "0.2.0", update, key=keys["key"], compresslevel=1)
    assert kiosk.install(DirectorySource(update)).status == "installed"
    helper = kiosk.current_link / "_internal" / "setuid-helper"
    assert helper.stat().st_mode & 0o7777 == 0o755  # no set-id bit, no write for others
    assert os.readlink(kiosk.current_link / "_internal" / "libkiosk.so.1") == "lib/libkiosk.so.1"
    assert json.loads(kiosk.state_path.read_text())["slots"]["a"]["version"] == "0.2.0"
