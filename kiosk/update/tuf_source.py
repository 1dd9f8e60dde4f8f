"""Updates through The Update Framework (python-tuf's ngclient): which release a kiosk may install,
and the files of that release, verified against the operator's TUF repository metadata.

Trust starts at a root (root.json) that the kiosk already has: built into the bundle
(`_internal/update-root.json`) or given once by a technician (`kiosk update trust root.json`).
From it the kiosk follows every newer root the repository publishes (each signed by the threshold
of the previous root's keys and of its own), so a key is rotated or revoked without a visit. The
timestamp role is short-lived (a day): a mirror that stops updating, or an attacker replaying old
metadata to hide a fix, is refused once it expires (a freeze). Snapshot and targets name every file
with its length and SHA-256; a file is accepted only when it matches.

Each channel (ring) has its own targets: CHANNEL/release.json names the release, its archive and
its per-file manifest (kiosk/update/manifest.py's format, signed by the TUF targets role instead of
a separate signature). A kiosk reads only the channel its settings name (`update_channel`).

Works over HTTP(S) (requests; a loopback server is reached without a proxy) and from a folder (a USB
stick holding the same repository).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests
from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import TargetFile
from tuf.ngclient import FetcherInterface, Updater, UpdaterConfig

from kiosk.update import manifest as mf
from kiosk.update.manifest import Manifest, UpdateRefused
from kiosk.update.sources import CHUNK, unreachable
from offline_cache.http_session import new_session

log = logging.getLogger(__name__)

RELEASE_INDEX = "release.json"
MAX_INDEX_BYTES = 64 * 1024


def refused_metadata(why: str) -> UpdateRefused:
    return UpdateRefused("BAD_SIGNATURE", "更新資料的簽署無效或金鑰已被撤銷，已拒絕安裝。",
                         f"The update repository's metadata is not trusted ({why}); nothing was installed.")


def refused_expired(why: str) -> UpdateRefused:
    return UpdateRefused("EXPIRED", "更新資料已過期（更新來源可能已停止更新），已拒絕安裝。請聯絡營運商。",
                         f"The update repository's metadata has expired ({why}): the source may be frozen "
                         "or out of date; nothing was installed. Ask the operator to refresh it.")


def no_release(channel: str) -> UpdateRefused:
    return UpdateRefused("NO_RELEASE", f"更新頻道 {channel} 暫無可安裝的版本。",
                         f"The update channel {channel!r} has no release yet.")


class _Fetcher(FetcherInterface):
    """http(s):// through requests, file:// from a folder; a missing file is HTTP 404 for ngclient."""

    def __init__(self, timeout_s: float, base_url: str) -> None:
        self._timeout_s = timeout_s
        self._session = new_session(base_url, "empf-kiosk-updater")  # loopback: no proxy

    def _fetch(self, url: str) -> Iterator[bytes]:
        if url.startswith("file://"):
            return self._file(Path(unquote(urlsplit(url).path)))
        try:
            resp = self._session.get(url, stream=True, timeout=self._timeout_s)
        except requests.RequestException as e:
            raise tuf_errors.DownloadError(f"{url}: {type(e).__name__}") from e
        if resp.status_code != 200:
            resp.close()
            raise tuf_errors.DownloadHTTPError(f"{url}: HTTP {resp.status_code}", resp.status_code)
        return self._chunks(resp)

    @staticmethod
    def _chunks(resp: requests.Response) -> Iterator[bytes]:
        with resp:
            try:
                yield from resp.iter_content(CHUNK)
            except requests.RequestException as e:
                raise tuf_errors.DownloadError(type(e).__name__) from e

    @staticmethod
    def _file(path: Path) -> Iterator[bytes]:
        if not path.is_file():
            raise tuf_errors.DownloadHTTPError(f"{path}: no such file", 404)

        def chunks() -> Iterator[bytes]:
            with path.open("rb") as f:
                while block := f.read(CHUNK):
                    yield block
        return chunks()

    def close(self) -> None:
        self._session.close()


class TufSource:
    """One check of one TUF repository for one channel. `manifest()` refreshes the metadata and
    returns the channel's release; `fetch_to()` downloads its archive, verified by length and hash."""

    def __init__(self, where: str, metadata_dir: Path, anchor: bytes, channel: str, *,
                 timeout_s: float = 30.0) -> None:
        if where.startswith(("http://", "https://")):
            base = where.rstrip("/")
        else:
            folder = Path(where).expanduser()
            if not (folder / "metadata").is_dir():
                raise unreachable(where, "no TUF repository there (metadata/ is missing; is the USB stick mounted?)")
            base = folder.resolve().as_uri()
        self.description = f"{where} ({channel})"
        self.channel = channel
        metadata_dir.mkdir(parents=True, exist_ok=True)
        self._fetcher = _Fetcher(timeout_s, base)
        try:
            self._updater = Updater(str(metadata_dir), f"{base}/metadata/", target_base_url=f"{base}/targets/",
                                    fetcher=self._fetcher, config=UpdaterConfig(app_user_agent="empf-kiosk"),
                                    bootstrap=anchor)
        except tuf_errors.RepositoryError as e:
            raise refused_metadata(f"the trusted root is not valid: {e}") from e
        self._files: dict[str, TargetFile] = {}

    def _verified(self, call: Callable[[], object], what: str) -> object:
        """ngclient's errors as the installer's refusals."""
        try:
            return call()
        except tuf_errors.ExpiredMetadataError as e:
            raise refused_expired(str(e)) from e
        except tuf_errors.DownloadError as e:
            raise unreachable(self.description, f"{what}: {e}") from e
        except tuf_errors.RepositoryError as e:  # bad or too few signatures, revoked keys, rollback, hash
            raise refused_metadata(f"{what}: {type(e).__name__}: {e}") from e

    def _target(self, name: str) -> TargetFile:
        path = f"{self.channel}/{name}"
        info = self._verified(lambda: self._updater.get_targetinfo(path), path)
        if not isinstance(info, TargetFile):
            if name == RELEASE_INDEX:
                raise no_release(self.channel)
            raise refused_metadata(f"{path} is not in the signed targets")
        self._files[name] = info
        return info

    def _download_small(self, name: str, limit: int) -> bytes:
        info = self._target(name)
        if info.length > limit:
            raise refused_metadata(f"{info.path} is {info.length} bytes, more than {limit}")
        with tempfile.TemporaryDirectory(prefix="empf-tuf-") as d:
            dest = Path(d) / "target"
            self._verified(lambda: self._updater.download_target(info, str(dest)), info.path)
            return dest.read_bytes()

    def manifest(self) -> Manifest:
        """The channel's release: its per-file manifest, checked against the signed archive entry."""
        self._verified(self._updater.refresh, "metadata")
        raw_index = self._download_small(RELEASE_INDEX, MAX_INDEX_BYTES)
        try:
            index = json.loads(raw_index)
            version, archive_name, manifest_name = str(index["version"]), str(index["archive"]), str(index["manifest"])
        except (ValueError, KeyError, TypeError) as e:
            raise refused_metadata(f"{self.channel}/{RELEASE_INDEX} unreadable") from e
        m = mf.parse(self._download_small(manifest_name, mf.MAX_MANIFEST_BYTES))
        archive = self._target(archive_name)
        if (m.version, m.archive_name) != (version, archive_name):
            raise refused_metadata(f"the release names {archive_name} {version}, its manifest {m.archive_name} "
                                   f"{m.version}")
        if archive.length != m.archive_size or archive.hashes.get("sha256") != m.archive_sha256:
            raise refused_metadata(f"{archive.path}: the signed length or hash differs from its manifest")
        return m

    def fetch_small(self, name: str, limit: int) -> bytes:
        return self._download_small(name, limit)

    def fetch_to(self, name: str, dest: Path, limit: int, progress: Callable[[int], None]) -> None:
        """Download a target of the release (the archive) into `dest`, verified by ngclient."""
        info = self._files.get(name) or self._target(name)
        if info.length > limit:
            raise refused_metadata(f"{info.path} is {info.length} bytes, more than {limit}")
        self._verified(lambda: self._updater.download_target(info, str(dest)), info.path)
        progress(info.length)

    def close(self) -> None:
        self._fetcher.close()


def check_root(data: bytes) -> int:
    """A root.json a technician wants to trust: it must be TUF root metadata signed by its own
    threshold. Returns its version; raises ValueError otherwise."""
    from tuf.api.metadata import Metadata, Root

    try:
        md = Metadata[Root].from_bytes(data)
    except Exception as e:  # tuf raises DeserializationError and others for anything not a root
        raise ValueError(f"not TUF root metadata ({type(e).__name__})") from e
    if not isinstance(md.signed, Root):
        raise ValueError("not TUF root metadata")
    try:
        md.signed.verify_delegate("root", md.signed_bytes, md.signatures)
    except tuf_errors.UnsignedMetadataError as e:
        raise ValueError(f"not signed by its own threshold of root keys: {e}") from e
    return md.signed.version
