"""Unpacking an update archive into a staging folder and checking it against its signed manifest:
only files, folders and links inside the bundle, then every file's hash and nothing extra."""

from __future__ import annotations

import copy
import hashlib
import os
import tarfile
from collections.abc import Callable
from pathlib import Path

from kiosk.update import manifest as mf
from kiosk.update.manifest import Manifest, UpdateRefused


def changed(what: str) -> UpdateRefused:
    return UpdateRefused("CHANGED_FILE", "更新檔與簽署資料不符（檔案可能被改動），已拒絕安裝。",
                         f"The update does not match what was signed ({what}); it was not installed.")


def safe_extract(archive: Path, dest: Path, progress: Callable[[float], None]) -> None:
    """Regular files, folders and links inside the bundle only, nothing outside `dest` (the hashes are
    checked after). The checks are the installer's own, so they hold on every Python the kiosk runs
    on: tarfile's `filter="data"` (added in 3.11.4; Debian 12 has 3.11.2) is used on top where it
    exists."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            members = tar.getmembers()
            for member in members:
                _check_member(member)
            for i, member in enumerate(members):
                if _HAS_TAR_FILTERS:
                    tar.extract(member, dest, filter="data")
                else:
                    tar.extract(_plain_member(member), dest)
                if i % 200 == 0:
                    progress(i / max(1, len(members)))
    except tarfile.TarError as e:
        raise changed(f"archive unreadable ({type(e).__name__})") from e
    progress(1.0)


_HAS_TAR_FILTERS = hasattr(tarfile, "data_filter")


def _check_member(member: tarfile.TarInfo) -> None:
    """No absolute path, no `..`, no link leaving the bundle, nothing but files, folders and links."""
    name = member.name
    if name.startswith("/") or ".." in Path(name).parts:
        raise changed(f"archive entry {name!r} points outside the bundle")
    if member.issym():
        if not mf.link_inside(name, member.linkname):
            raise changed(f"archive link {name!r} points outside the bundle")
    elif not (member.isfile() or member.isdir()):  # hard links, devices, fifos
        raise changed(f"archive entry {name!r} is not a regular file, folder or link")


def _plain_member(member: tarfile.TarInfo) -> tarfile.TarInfo:
    """What `filter="data"` makes of a checked entry: no set-id bits, no write for group or others,
    owned by whoever installs (not the archive's uid)."""
    plain = copy.copy(member)
    plain.mode = member.mode & 0o755
    plain.uid, plain.gid = os.getuid(), os.getgid()
    plain.uname = plain.gname = ""
    return plain


def check_files(folder: Path, m: Manifest, progress: Callable[[float], None]) -> None:
    """Every file the manifest names, with its hash, every link with its target, and nothing else."""
    found: dict[str, Path] = {}
    links: dict[str, str] = {}
    top = _bundle_top(folder)
    for p in top.rglob("*"):
        if p.is_symlink():
            links[p.relative_to(top).as_posix()] = os.readlink(p)
        elif p.is_file():
            found[p.relative_to(top).as_posix()] = p
    if links != dict(m.links):
        odd = sorted(set(links.items()) ^ set(m.links.items()))
        raise changed(f"link {odd[0][0]} differs from the signed list")
    extra = sorted(set(found) - set(m.files))
    missing = sorted(set(m.files) - set(found))
    if extra:
        raise changed(f"file not in the manifest: {extra[0]}")
    if missing:
        raise changed(f"file missing: {missing[0]}")
    for i, (rel, expected) in enumerate(sorted(m.files.items())):
        h = hashlib.sha256()
        with found[rel].open("rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
        if h.hexdigest() != expected:
            raise changed(f"{rel} differs from its signed hash")
        if i % 200 == 0:
            progress(i / max(1, len(m.files)))
    if top != folder:  # the archive held one top folder: lift its contents into the slot
        for child in list(top.iterdir()):
            os.replace(child, folder / child.name)
        top.rmdir()
    entry = folder / m.entry
    entry.chmod(entry.stat().st_mode | 0o111)
    progress(1.0)


def _bundle_top(folder: Path) -> Path:
    """Archives made by build/ hold one top folder (empf-kiosk-0.2.0/); accept both that and a flat one."""
    children = list(folder.iterdir())
    if len(children) == 1 and children[0].is_dir():
        return children[0]
    return folder


