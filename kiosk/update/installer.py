"""Installing an update into the inactive of two slots, switching atomically, self-testing, and
switching back when the self-test fails.

Layout under the install root (e.g. /opt/empf-kiosk):

    slots/a/            one complete bundle folder
    slots/b/            the other
    current -> slots/a  the symlink systemd starts (ExecStart=/opt/empf-kiosk/current/empf-kiosk run)
    state.json          versions per slot, highest version ever installed, failed versions, history
    downloads/          archives being fetched

The switch is one rename of a new symlink over `current` (rename(2) is atomic), so a power cut
leaves either the old or the new bundle in place, never a mix. `state.json` records a pending
switch before it happens; `recover()` (run before the kiosk starts) finishes or undoes it.

Refusals (UpdateRefused, bilingual, stable codes): BAD_SIGNATURE, NO_TRUSTED_KEY, BAD_MANIFEST,
EXPIRED, NOT_NEWER (no rollback: never a version at or below the highest ever installed),
FAILED_BEFORE, CHANGED_FILE (archive or any file differs from the signed hashes), SOURCE_UNAVAILABLE,
INSTALL_FAILED (anything unexpected: a full disk, a folder in the way).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.update import manifest as mf
from kiosk.update import sources, versions
from kiosk.update.install_root import default_root as default_root  # where it always was
from kiosk.update.manifest import Manifest, UpdateRefused
from kiosk.update.sources import UpdateSource
from kiosk.update.tuf_source import TufSource
from kiosk.update.unpack import changed, check_files, safe_extract

log = logging.getLogger(__name__)

SLOTS = ("a", "b")
BUNDLED_ROOT = "_internal/update-root.json"  # the TUF root a bundle ships (build/build.py --tuf-root)
SELF_TEST_TIMEOUT_S = 120.0
Progress = Callable[[str, float], None]  # (stage, fraction 0..1 of that stage)


def _no_progress(stage: str, fraction: float) -> None:
    pass


@contextlib.contextmanager
def failures_refused(stage: str) -> Iterator[None]:
    """Any unexpected error (a full disk, a folder in the way, a bug) becomes a refusal with the code
    INSTALL_FAILED, so that whoever installs (the shell command, the agent) audits it like any other."""
    try:
        yield
    except UpdateRefused:
        raise
    except Exception as e:
        log.exception("update %s failed", stage)
        raise UpdateRefused("INSTALL_FAILED", "安裝更新時發生錯誤，更新未有安裝，現有版本照常運作。",
                            f"The update could not be installed ({stage}: {type(e).__name__}: {str(e)[:160]}); "
                            "the current version keeps running.") from e


@dataclass(frozen=True)
class Prepared:
    manifest: Manifest
    slot: str
    slot_dir: Path


@dataclass(frozen=True)
class Outcome:
    status: str  # installed | rolled_back | deferred
    version: str
    slot: str
    detail: str = ""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SlotInstaller:
    def __init__(self, root: Path, trust_dir: Path, *, data_dir: Path | None = None,
                 clock: Callable[[], dt.datetime] = _utcnow,
                 self_test_timeout_s: float = SELF_TEST_TIMEOUT_S, tuf_dir: Path | None = None,
                 channel: Callable[[], str] = lambda: "stable") -> None:
        """`trust_dir`: Ed25519 public keys for signed manifests (kiosks without a TUF root);
        `tuf_dir`: the TUF root a technician trusted and ngclient's metadata cache (default: beside
        trust_dir); `channel`: the release ring to follow (the `update_channel` setting)."""
        self.root = root
        self.trust_dir = trust_dir
        self.tuf_dir = tuf_dir or trust_dir.parent / "update-tuf"
        self.channel = channel
        self.data_dir = data_dir
        self._clock = clock
        self.self_test_timeout_s = self_test_timeout_s
        self._lock = threading.Lock()  # one installation at a time in this process
        self.current_link = root / "current"
        self.state_path = root / "state.json"

    # ------------------------------------------------------------ state
    def _read_state(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.state_path.read_text())
            return doc if isinstance(doc, dict) else {}
        except FileNotFoundError:
            return {}
        except ValueError:
            # A damaged state file must not open the door to a rollback: keep the floor from the
            # slots' own version files.
            log.error("update state.json is damaged; rebuilding from the slots")
            return {}

    def _write_state(self, state: dict[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        with tmp.open("w") as f:
            json.dump(state, f, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.state_path)
        _fsync_dir(self.root)

    def current_slot(self) -> str | None:
        try:
            target = os.readlink(self.current_link)
        except OSError:
            return None
        name = Path(target).name
        return name if name in SLOTS else None

    def _slot_version(self, state: dict[str, Any], slot: str | None) -> str | None:
        if slot is None:
            return None
        info = (state.get("slots") or {}).get(slot) or {}
        version = info.get("version")
        if isinstance(version, str):
            return version
        return versions.bundle_version(self.root / "slots" / slot)

    def floor(self) -> str | None:
        """The version an update must be newer than: the highest ever installed here. Without a
        state file (lost, damaged) the slots' own version files stand in, failed ones included:
        refusing too much is safe, a rollback is not."""
        state = self._read_state()
        recorded = state.get("slots")
        if isinstance(recorded, dict):
            in_slots = [info.get("version") for info in recorded.values() if isinstance(info, dict)]
        else:
            in_slots = [self._slot_version({}, s) for s in SLOTS]
        candidates = [v for v in (state.get("highest"), *in_slots) if isinstance(v, str)]
        valid = [v for v in candidates if _valid(v)]
        return max(valid, key=versions.parse) if valid else None

    def status(self) -> dict[str, Any]:
        state = self._read_state()
        slot = self.current_slot()
        return {
            "root": str(self.root),
            "slot": slot,
            "version": self._slot_version(state, slot),
            "highest": self.floor(),
            "failed": state.get("failed") or {},
            "pending": state.get("pending"),
            "history": (state.get("history") or [])[-10:],
            "channel": self.channel(),
            "trust": self.trust_status(),
        }

    def trust_status(self) -> dict[str, Any]:
        """What this kiosk verifies updates with: a TUF root (and the newest root version it has
        followed), or Ed25519 manifest keys."""
        anchor = self.tuf_anchor()
        if anchor is None:
            return {"kind": "signed-manifest", "keys": len(mf.trusted_keys(self.trust_dir))}
        history = self.tuf_dir / "metadata" / "root_history"  # ngclient keeps every root it followed there
        versions_seen = [int(p.name.split(".")[0]) for p in history.glob("*.root.json") if p.name[0].isdigit()]
        with contextlib.suppress(ValueError, KeyError, TypeError):
            versions_seen.append(int(json.loads(anchor)["signed"]["version"]))
        return {"kind": "tuf", "root_version": max(versions_seen, default=None)}

    def _history(self, state: dict[str, Any], version: str, slot: str, outcome: str, detail: str = "") -> None:
        entry = {"at": self._clock().isoformat(timespec="seconds"), "version": version, "slot": slot,
                 "outcome": outcome, "detail": detail[:300]}
        state["history"] = ([*state.get("history", []), entry])[-50:]

    # ------------------------------------------------------------ check
    def check(self, source: UpdateSource, *, retry_failed: bool = False, progress: Progress = _no_progress) -> Manifest:
        """Fetch and verify the signed manifest: signature, expiry, version. Nothing is downloaded
        beyond the manifest until this passes."""
        with failures_refused("check"):
            return self._check(source, retry_failed=retry_failed, progress=progress)

    def _check(self, source: UpdateSource, *, retry_failed: bool, progress: Progress) -> Manifest:
        progress("check", 0.0)
        # A TUF release's freshness is its repository's timestamp: the manifest's own expiry is not used.
        m = source.manifest() if isinstance(source, TufSource) else self._signed_manifest(source)
        floor = self.floor()
        if floor is not None and not versions.newer(m.version, floor):
            raise UpdateRefused("NOT_NEWER", f"更新版本 {m.version} 不比已安裝的 {floor} 新，已拒絕（不可降級）。",
                                f"Version {m.version} is not newer than {floor}, the highest installed here: "
                                "refused (no rollback to older versions).")
        failed = self._read_state().get("failed") or {}
        if m.version in failed and not retry_failed:
            raise UpdateRefused("FAILED_BEFORE", f"版本 {m.version} 之前未能通過自我測試。",
                                f"Version {m.version} failed its self-test here before ({failed[m.version]}); "
                                "use --retry-failed to try it again.")
        progress("check", 1.0)
        return m

    def _signed_manifest(self, source: UpdateSource) -> Manifest:
        """A manifest with its own Ed25519 signature (manifest.json.sig), for kiosks without a TUF root.
        A kiosk that has a TUF root takes nothing else: a stolen manifest key cannot go around it."""
        if self.tuf_anchor() is not None:
            raise UpdateRefused("BAD_SIGNATURE", "本機只接受經 TUF 更新資料驗證的更新，已拒絕安裝。",
                                f"{source.description} is not a TUF update repository, and this kiosk trusts a "
                                "TUF root: only releases verified by it are installed.")
        raw = source.fetch_small(mf.MANIFEST, mf.MAX_MANIFEST_BYTES)
        sig = source.fetch_small(mf.SIGNATURE, 8192)
        m = mf.verify(raw, sig, mf.trusted_keys(self.trust_dir))
        if m.expired(self._clock()):
            raise UpdateRefused("EXPIRED", "更新檔已過期，已拒絕安裝。請向營運商索取最新版本。",
                                f"The update manifest expired on {m.expires.isoformat(timespec='minutes')}; "
                                "it was not installed. Ask the operator for a current one.")
        return m

    # ------------------------------------------------------------ TUF trust
    @property
    def trusted_root_path(self) -> Path:
        return self.tuf_dir / "trusted-root.json"

    def tuf_anchor(self) -> bytes | None:
        """The TUF root this kiosk starts from: one a technician trusted (`kiosk update trust
        root.json`), else the one built into the running bundle or the installed one, else None (signed
        manifests only). Roots published since are cached beside it (metadata/root_history/)."""
        running = Path(getattr(sys, "_MEIPASS", "")) / BUNDLED_ROOT.removeprefix("_internal/")
        bundled = [running] if getattr(sys, "frozen", False) else []
        for path in (self.trusted_root_path, *bundled, self.current_link / BUNDLED_ROOT):
            try:
                return path.read_bytes()
            except OSError:
                continue
        return None

    def source_for(self, where: str) -> UpdateSource:
        """Where to look: a TUF repository (URL or folder) when this kiosk has a TUF root, else an
        update folder with a signed manifest."""
        with failures_refused("source"):
            anchor = self.tuf_anchor()
            if anchor is None:
                return sources.source_for(where)
            return TufSource(where, self.tuf_dir / "metadata", anchor, self.channel())

    # ------------------------------------------------------------ prepare
    def inactive_slot(self) -> str:
        return "b" if self.current_slot() == "a" else "a"

    def prepare(self, source: UpdateSource, m: Manifest, progress: Progress = _no_progress) -> Prepared:
        """Download, check the archive's size and hash, unpack into the inactive slot and check every
        file. The running kiosk is not touched."""
        with failures_refused("prepare"):
            return self._prepare(source, m, progress)

    def _prepare(self, source: UpdateSource, m: Manifest, progress: Progress) -> Prepared:
        with self._lock:
            downloads = self.root / "downloads"
            downloads.mkdir(parents=True, exist_ok=True)
            archive = downloads / (m.archive_name + ".partial")
            size = max(1, m.archive_size)
            source.fetch_to(m.archive_name, archive, m.archive_size, lambda done: progress("download", done / size))
            try:
                if archive.stat().st_size != m.archive_size:
                    raise changed(f"{m.archive_name} is {archive.stat().st_size} bytes, signed {m.archive_size}")
                progress("verify", 0.0)
                if mf.sha256_file(archive) != m.archive_sha256:
                    raise changed(f"{m.archive_name} hash")
                progress("verify", 1.0)
                slot = self.inactive_slot()
                slot_dir = self.root / "slots" / slot
                staging = self.root / "slots" / f"{slot}.partial"
                shutil.rmtree(staging, ignore_errors=True)
                staging.mkdir(parents=True)
                safe_extract(archive, staging, lambda f: progress("extract", f))
                check_files(staging, m, lambda f: progress("verify_files", f))
                if slot_dir.exists():
                    shutil.rmtree(slot_dir)
                os.replace(staging, slot_dir)
                _fsync_dir(slot_dir.parent)
            finally:
                archive.unlink(missing_ok=True)
            return Prepared(manifest=m, slot=slot, slot_dir=slot_dir)

    # ------------------------------------------------------------ activate
    def _point_current_at(self, slot: str | None) -> None:
        if slot is None:
            self.current_link.unlink(missing_ok=True)
        else:
            tmp = self.root / "current.new"
            tmp.unlink(missing_ok=True)
            os.symlink(f"slots/{slot}", tmp)
            os.replace(tmp, self.current_link)  # the one atomic step
        _fsync_dir(self.root)

    def self_test(self, entry: str) -> tuple[bool, str]:
        """Run the bundle `current` points at with --self-test, offscreen; (passed, detail)."""
        exe = self.current_link / entry
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        if self.data_dir is not None:
            env["EMPF_KIOSK_DATA_DIR"] = str(self.data_dir)
        try:
            proc = subprocess.run([str(exe), "--self-test"], capture_output=True, timeout=self.self_test_timeout_s,
                                  env=env, cwd=str(self.root), check=False)
        except subprocess.TimeoutExpired:
            return False, f"self-test did not finish in {self.self_test_timeout_s:.0f} s"
        except OSError as e:
            return False, f"self-test could not start: {type(e).__name__}"
        summary = _self_test_summary(proc.stdout)
        if proc.returncode != 0:
            tail = proc.stderr[-300:].decode("utf-8", "replace").strip()
            return False, f"self-test exited {proc.returncode}: {summary or tail}"
        return True, summary or "self-test passed"

    def activate(self, prepared: Prepared, *, may_switch: Callable[[], bool] = lambda: True,
                 progress: Progress = _no_progress) -> Outcome:
        """Switch to the prepared slot, self-test, and switch back on failure. `may_switch` is asked
        first: while a member is using the kiosk the answer is no and nothing changes (deferred).
        An unexpected error after the switch leaves the pending switch in state.json for recover()."""
        with failures_refused("switch"):
            return self._activate(prepared, may_switch, progress)

    def _activate(self, prepared: Prepared, may_switch: Callable[[], bool], progress: Progress) -> Outcome:
        m = prepared.manifest
        if not may_switch():
            return Outcome("deferred", m.version, prepared.slot, "a member is using the kiosk")
        with self._lock:
            state = self._read_state()
            previous = self.current_slot()
            state["pending"] = {"slot": prepared.slot, "version": m.version, "previous": previous,
                                "entry": m.entry}
            self._write_state(state)
            progress("switch", 0.0)
            self._point_current_at(prepared.slot)
            progress("switch", 1.0)
            progress("self_test", 0.0)
            passed, detail = self.self_test(m.entry)
            progress("self_test", 1.0)
            return self._settle(state, prepared.slot, m.version, previous, passed, detail)

    def _settle(self, state: dict[str, Any], slot: str, version: str, previous: str | None, passed: bool,
                detail: str) -> Outcome:
        state.pop("pending", None)
        if passed:
            state.setdefault("slots", {})[slot] = {"version": version,
                                                   "installed_at": self._clock().isoformat(timespec="seconds")}
            floor = state.get("highest")
            if not isinstance(floor, str) or not _valid(floor) or versions.newer(version, floor):
                state["highest"] = version
            state.get("failed", {}).pop(version, None)
            self._history(state, version, slot, "installed")
            self._write_state(state)
            return Outcome("installed", version, slot, detail)
        self._point_current_at(previous)
        state.setdefault("slots", {}).pop(slot, None)  # what that slot holds now was never installed
        state.setdefault("failed", {})[version] = detail[:200]
        self._history(state, version, slot, "rolled_back", detail)
        self._write_state(state)
        log.error("update %s failed its self-test; back on slot %s", version, previous)
        return Outcome("rolled_back", version, slot, detail)

    def install(self, source: UpdateSource, *, may_switch: Callable[[], bool] = lambda: True,
                retry_failed: bool = False, progress: Progress = _no_progress) -> Outcome:
        m = self.check(source, retry_failed=retry_failed, progress=progress)
        prepared = self.prepare(source, m, progress)
        return self.activate(prepared, may_switch=may_switch, progress=progress)

    def recover(self) -> Outcome | None:
        """After a power cut between switch and self-test: test again, keep or switch back."""
        state = self._read_state()
        pending = state.get("pending")
        if not isinstance(pending, dict):
            return None
        with self._lock:
            slot, version = str(pending["slot"]), str(pending["version"])
            previous = pending.get("previous")
            if self.current_slot() != slot:  # the cut came before the switch: nothing was changed
                state.pop("pending", None)
                self._write_state(state)
                return None
            passed, detail = self.self_test(str(pending.get("entry") or "empf-kiosk"))
            return self._settle(state, slot, version, previous if isinstance(previous, str) else None, passed,
                                detail)


def _self_test_summary(stdout: bytes) -> str:
    """`pass in 1.1 s: drivers ok, outbox ok, ...` from the self-test's JSON line, '' if there is none."""
    for line in reversed(stdout.decode("utf-8", "replace").strip().splitlines()[-5:]):
        try:
            doc = json.loads(line)
            steps = ", ".join(f"{s['step']} {'ok' if s['ok'] else 'FAILED: ' + str(s.get('detail', ''))[:80]}"
                              for s in doc.get("steps", []))
            return f"{doc['self_test']} in {doc.get('seconds', '?')} s" + (f": {steps}" if steps else "")
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return ""


def _valid(v: str) -> bool:
    try:
        versions.parse(v)
    except ValueError:
        return False
    return True
