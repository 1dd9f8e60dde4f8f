"""Where updates come from: an HTTP(S) update server (any static file server) or a folder (a USB
stick). Both hand over bytes with a size limit; checking them is the installer's job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

import requests

from kiosk.update.manifest import UpdateRefused
from offline_cache.http_session import new_session

CHUNK = 1 << 20


def unreachable(where: str, why: str) -> UpdateRefused:
    return UpdateRefused("SOURCE_UNAVAILABLE", "未能從更新來源取得檔案（網絡或 USB 裝置）。",
                         f"Could not get the update from {where}: {why}.")


def too_big(name: str, limit: int) -> UpdateRefused:
    return UpdateRefused("CHANGED_FILE", "更新檔與簽署資料不符，已拒絕安裝。",
                         f"{name} is larger than the signed size ({limit} bytes): refused.")


class UpdateSource(Protocol):
    description: str

    def fetch_small(self, name: str, limit: int) -> bytes:
        """A small file (manifest, signature), at most `limit` bytes."""
        ...

    def fetch_to(self, name: str, dest: Path, limit: int, progress: Callable[[int], None]) -> None:
        """Copy `name` to `dest`, refusing more than `limit` bytes; progress(bytes so far)."""
        ...


class DirectorySource:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.description = str(folder)

    def _path(self, name: str) -> Path:
        p = self.folder / name
        if p.parent != self.folder:
            raise unreachable(self.description, f"bad file name {name!r}")
        return p

    def fetch_small(self, name: str, limit: int) -> bytes:
        try:
            with self._path(name).open("rb") as f:
                data = f.read(limit + 1)
        except OSError as e:
            raise unreachable(self.description, f"{name}: {type(e).__name__}") from e
        if len(data) > limit:
            raise too_big(name, limit)
        return data

    def fetch_to(self, name: str, dest: Path, limit: int, progress: Callable[[int], None]) -> None:
        done = 0
        try:
            with self._path(name).open("rb") as fin, dest.open("wb") as fout:
                while block := fin.read(CHUNK):
                    done += len(block)
                    if done > limit:
                        raise too_big(name, limit)
                    fout.write(block)
                    progress(done)
        except OSError as e:
            raise unreachable(self.description, f"{name}: {type(e).__name__}") from e


class HttpSource:
    def __init__(self, base_url: str, timeout_s: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.description = self.base_url
        self.timeout_s = timeout_s
        # A local update server is reached directly, whatever proxy the environment names.
        self.session = new_session(self.base_url, "empf-kiosk-updater")

    def _get(self, name: str) -> requests.Response:
        url = f"{self.base_url}/{quote(name)}"
        try:
            resp = self.session.get(url, stream=True, timeout=self.timeout_s)
        except requests.RequestException as e:
            raise unreachable(self.description, type(e).__name__) from e
        if resp.status_code != 200:
            resp.close()
            raise unreachable(self.description, f"{name}: HTTP {resp.status_code}")
        return resp

    def fetch_small(self, name: str, limit: int) -> bytes:
        with self._get(name) as resp:
            data = b""
            try:
                for block in resp.iter_content(65536):
                    data += block
                    if len(data) > limit:
                        raise too_big(name, limit)
            except requests.RequestException as e:
                raise unreachable(self.description, type(e).__name__) from e
        return data

    def fetch_to(self, name: str, dest: Path, limit: int, progress: Callable[[int], None]) -> None:
        done = 0
        with self._get(name) as resp, dest.open("wb") as fout:
            try:
                for block in resp.iter_content(CHUNK):
                    done += len(block)
                    if done > limit:
                        raise too_big(name, limit)
                    fout.write(block)
                    progress(done)
            except requests.RequestException as e:
                raise unreachable(self.description, type(e).__name__) from e

    def close(self) -> None:
        self.session.close()


def source_for(where: str) -> UpdateSource:
    """`http(s)://...` is a server, anything else a folder."""
    if where.startswith(("http://", "https://")):
        return HttpSource(where)
    folder = Path(where).expanduser()
    if not folder.is_dir():
        raise unreachable(where, "no such folder (is the USB stick mounted?)")
    return DirectorySource(folder)

