"""Updates through a TUF repository made by build/tuf_repo.py, on small bundles made by the build's
own packaging step: from a folder (USB stick) and from an HTTP server on 127.0.0.1, a root key
rotated and a targets key revoked without a visit, a frozen repository (expired timestamp) refused,
release rings (pilot first, stable later), and the trust bootstrap (a technician's root.json or the
one a bundle ships). Every refusal leaves the active slot as it was."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import importlib.util
import json
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kiosk import cli
from kiosk.update import manifest as mf
from kiosk.update.agent import UpdateAgent
from kiosk.update.installer import SlotInstaller
from kiosk.update.manifest import UpdateRefused
from kiosk.update.sources import DirectorySource
from kiosk.update.tuf_source import TufSource
from offline_cache.audit import open_audit_log
from tests.kiosk.test_update import GOOD_ENTRY, build, current, make_bundle, publish
from tests.kiosk.test_update_safety import active

REPO = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"empf_build_{name}", REPO / "build" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


tuf_repo = _load("tuf_repo")
ROLES = ("root1", "root2", "root3", "root4", "targets", "targets2", "snapshot", "timestamp")


@pytest.fixture(scope="module")
def tkeys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """(private, public) per key holder: three root keys (2 of 3), a fourth for rotation, two
    targets keys (the second replaces a revoked first), snapshot and timestamp."""
    d = tmp_path_factory.mktemp("tuf-keys")
    return {name: tuf_repo.keygen(d, name)[:2] for name in ROLES}


def signers(tkeys: dict[str, tuple[Path, Path]], *names: str) -> list[Any]:
    return [tuf_repo.signer(tkeys[n][0]) for n in names]


ONLINE = ("targets", "snapshot", "timestamp")


@pytest.fixture
def repo(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]]) -> Any:
    r = tuf_repo.Repo(tmp_path / "repo")
    pub = {n: tuf_repo.public_key(tkeys[n][1]) for n in ROLES}
    tuf_repo.init(r, root_keys=[pub["root1"], pub["root2"], pub["root3"]], root_threshold=2,
                  targets_keys=[pub["targets"]], snapshot_keys=[pub["snapshot"]], timestamp_keys=[pub["timestamp"]],
                  signers=signers(tkeys, "root1", "root2", *ONLINE))
    return r


def release(tmp: Path, version: str, entry: str = GOOD_ENTRY) -> Path:
    """A build's update folder (archive and per-file manifest; TUF signs it, not manifest.json.sig)."""
    bundle = make_bundle(tmp / "src", version, entry)
    return build.package(bundle, version, tmp / f"release-{version}-{bundle.name}", key=None, compresslevel=1)


def put(repo: Any, tmp: Path, tkeys: dict[str, tuple[Path, Path]], version: str, channel: str = "stable",
        keys: tuple[str, ...] = ONLINE) -> None:
    tuf_repo.publish(repo, release(tmp, version), channel, signers(tkeys, *keys))


def make_kiosk(tmp: Path, repo: Any, name: str = "kiosk", channel: str = "stable") -> SlotInstaller:
    """A kiosk whose technician trusted the repository's first root (`kiosk update trust root.json`)."""
    k = SlotInstaller(tmp / name / "opt", tmp / name / "data" / "keys" / "update-trust", data_dir=tmp / name / "data",
                      self_test_timeout_s=20, channel=lambda: channel)
    k.tuf_dir.mkdir(parents=True)
    shutil.copy(repo.metadata / "1.root.json", k.trusted_root_path)
    return k


def install(k: SlotInstaller, where: Path | str) -> str:
    return k.install(k.source_for(str(where))).status


def refused(k: SlotInstaller, where: Path | str) -> UpdateRefused:
    before = active(k)
    with pytest.raises(UpdateRefused) as e:
        k.install(k.source_for(str(where)))
    assert active(k) == before  # every refusal leaves the active slot as it was
    return e.value


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_install_from_a_tuf_repository_on_usb_then_http(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]],
                                                       repo: Any, serve: Callable[[Path], str]) -> None:
    k = make_kiosk(tmp_path, repo)
    put(repo, tmp_path, tkeys, "0.2.0")
    source = k.source_for(str(repo.folder))
    assert isinstance(source, TufSource)
    assert k.install(source).status == "installed" and current(k) == "slots/a"
    assert (k.current_link / "_internal" / "empf_kiosk_version.txt").read_text().strip() == "0.2.0"
    put(repo, tmp_path, tkeys, "0.3.0")
    url = serve(repo.folder)
    assert install(k, url) == "installed" and current(k) == "slots/b"
    assert k.status()["version"] == "0.3.0"
    assert refused(k, url).code == "NOT_NEWER"  # the same release again: nothing to do
    assert refused(k, tmp_path / "no-usb").code == "SOURCE_UNAVAILABLE"


def test_a_kiosk_with_a_tuf_root_takes_no_other_signature(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]],
                                                          repo: Any) -> None:
    """An update folder with only an Ed25519 manifest signature (the pre-TUF format), signed by a key
    the kiosk also trusts, is refused once a TUF root is trusted."""
    k = make_kiosk(tmp_path, repo)
    put(repo, tmp_path, tkeys, "0.2.0")
    assert install(k, repo.folder) == "installed"
    sign = importlib.import_module("tests.kiosk.test_update").sign
    key, pub, _ = sign.keygen(tmp_path / "manifest-key")
    k.trust_dir.mkdir(parents=True)
    shutil.copy(pub, k.trust_dir / "operator.pem")
    legacy = publish(tmp_path, {"key": key}, "0.9.0")
    before = active(k)
    with pytest.raises(UpdateRefused) as e:
        k.install(DirectorySource(legacy))
    assert e.value.code == "BAD_SIGNATURE" and "TUF" in e.value.message_en
    assert refused(k, legacy).code == "SOURCE_UNAVAILABLE"  # not a TUF repository at all
    assert active(k) == before


def test_a_rotated_root_key_updates_a_kiosk(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]], repo: Any,
                                           serve: Callable[[Path], str]) -> None:
    """root1 leaves (lost or leaked), root4 comes in: root version 2 is signed by two keys of
    version 1 and two of version 2. A kiosk that trusted version 1 follows it without a visit, and
    root1 can no longer sign a root on its own key holder's say."""
    k = make_kiosk(tmp_path, repo)
    put(repo, tmp_path, tkeys, "0.2.0")
    assert install(k, repo.folder) == "installed"
    pub4 = tuf_repo.public_key(tkeys["root4"][1])
    root1_id = tuf_repo.public_key(tkeys["root1"][1]).keyid
    with pytest.raises(SystemExit, match="signatures"):  # root2 and root4 alone: 1 of version 1's 2
        tuf_repo.change_root(repo, add=[("root", pub4)], revoke=[("root", root1_id)],
                             signers=signers(tkeys, "root2", "root4"))
    tuf_repo.change_root(repo, add=[("root", pub4)], revoke=[("root", root1_id)],
                         signers=signers(tkeys, "root1", "root2", "root4"))
    put(repo, tmp_path, tkeys, "0.3.0")
    url = serve(repo.folder)
    assert install(k, url) == "installed" and k.status()["version"] == "0.3.0"
    assert json.loads((k.tuf_dir / "metadata" / "root.json").read_text())["signed"]["version"] == 2
    # Version 3, by the new keys only (root2 + root4), is followed too.
    tuf_repo.change_root(repo, thresholds=[("root", 2)], signers=signers(tkeys, "root2", "root4"))
    put(repo, tmp_path, tkeys, "0.4.0")
    assert install(k, url) == "installed"
    assert json.loads((k.tuf_dir / "metadata" / "root.json").read_text())["signed"]["version"] == 3
    assert k.status()["trust"] == {"kind": "tuf", "root_version": 3}
    # A root forged with the revoked root1 and one current key does not pass: the kiosk refuses it.
    forged = tuf_repo.Repo(tmp_path / "forged")
    shutil.copytree(repo.folder, forged.folder)
    root_md = forged.root()
    root_md.signed.version += 1
    root_md.signatures.clear()
    for s in signers(tkeys, "root1", "root3"):
        root_md.sign(s, append=True)
    forged.write(root_md, versioned=True)
    assert refused(k, forged.folder).code == "BAD_SIGNATURE"


def _forge_release(repo: Any, update_dir: Path, channel: str, tkeys: dict[str, tuple[Path, Path]],
                   targets_key: str) -> None:
    """What someone holding a revoked targets key (and the online snapshot and timestamp keys)
    publishes: build/tuf_repo.py itself refuses to sign with a key root no longer names."""
    from tuf.api.metadata import Metadata, TargetFile

    m = mf.parse((update_dir / mf.MANIFEST).read_bytes())
    targets_md = repo.load("targets")
    index = json.dumps({"version": m.version, "archive": m.archive_name,
                        "manifest": f"empf-kiosk-{m.version}.manifest.json"}).encode()
    for name, data in ((m.archive_name, (update_dir / m.archive_name).read_bytes()),
                       (f"empf-kiosk-{m.version}.manifest.json", (update_dir / mf.MANIFEST).read_bytes()),
                       ("release.json", index)):
        info = TargetFile.from_data(f"{channel}/{name}", data, ["sha256"])
        targets_md.signed.targets[info.path] = info
        dest = repo.targets_dir / channel / f"{info.hashes['sha256']}.{name}"
        dest.write_bytes(data)
    targets_md.signed.version += 1
    targets_md.signatures.clear()
    targets_md.sign(tuf_repo.signer(tkeys[targets_key][0]))
    repo.write(targets_md, versioned=True)
    snapshot = repo.load("snapshot")
    snapshot.signed.version += 1
    snapshot.signed.meta["targets.json"].version = targets_md.signed.version
    snapshot.signatures.clear()
    snapshot.sign(tuf_repo.signer(tkeys["snapshot"][0]))
    repo.write(snapshot, versioned=True)
    tuf_repo.stamp(repo, signers(tkeys, "timestamp"))
    assert isinstance(targets_md, Metadata)


def test_a_revoked_keys_release_is_refused(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]],
                                           repo: Any) -> None:
    k = make_kiosk(tmp_path, repo)
    put(repo, tmp_path, tkeys, "0.2.0")
    assert install(k, repo.folder) == "installed"
    # The targets key leaked: root version 2 revokes it and names targets2; the repository is re-signed.
    old_id = tuf_repo.public_key(tkeys["targets"][1]).keyid
    tuf_repo.change_root(repo, add=[("targets", tuf_repo.public_key(tkeys["targets2"][1]))],
                         revoke=[("targets", old_id)], signers=signers(tkeys, "root2", "root3"))
    tuf_repo.resign(repo, signers(tkeys, "targets2", "snapshot", "timestamp"))
    with pytest.raises(SystemExit, match="targets signatures"):
        put(repo, tmp_path, tkeys, "0.3.0")  # the tool will not sign with the revoked key
    _forge_release(repo, release(tmp_path, "0.3.0"), "stable", tkeys, "targets")
    e = refused(k, repo.folder)
    assert e.code == "BAD_SIGNATURE" and "簽署" in e.message_zh
    assert k.status()["version"] == "0.2.0"
    put(repo, tmp_path, tkeys, "0.3.1", keys=("targets2", "snapshot", "timestamp"))
    assert install(k, repo.folder) == "installed" and k.status()["version"] == "0.3.1"


def test_a_frozen_repository_is_refused(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]], repo: Any,
                                        serve: Callable[[Path], str]) -> None:
    """A mirror that stopped updating serves a timestamp past its day: refused, even with a newer
    release behind it, until the operator's daily timestamp comes through."""
    k = make_kiosk(tmp_path, repo)
    put(repo, tmp_path, tkeys, "0.2.0")
    assert install(k, repo.folder) == "installed"
    put(repo, tmp_path, tkeys, "0.3.0")
    tuf_repo.stamp(repo, signers(tkeys, "timestamp"), lifetime=dt.timedelta(hours=-1))
    url = serve(repo.folder)
    e = refused(k, url)
    assert e.code == "EXPIRED" and "過期" in e.message_zh and k.status()["version"] == "0.2.0"
    ts = json.loads((repo.metadata / "timestamp.json").read_text())["signed"]
    lifetime = dt.datetime.fromisoformat(ts["expires"].replace("Z", "+00:00")) - dt.datetime.now(dt.UTC)
    assert lifetime < dt.timedelta(0)
    tuf_repo.stamp(repo, signers(tkeys, "timestamp"))  # the daily refresh: valid for a day
    ts = json.loads((repo.metadata / "timestamp.json").read_text())["signed"]
    expires = dt.datetime.fromisoformat(ts["expires"].replace("Z", "+00:00"))
    assert dt.timedelta(hours=23) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(days=1)
    assert install(k, url) == "installed"


def test_rings_pilot_first_then_stable(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]], repo: Any,
                                       serve: Callable[[Path], str]) -> None:
    pilot = make_kiosk(tmp_path, repo, "pilot-shop", channel="pilot")
    stable = make_kiosk(tmp_path, repo, "stable-shop", channel="stable")
    url = serve(repo.folder)
    assert refused(stable, url).code == "NO_RELEASE"
    reports: list[Any] = []
    agent = UpdateAgent(stable, lambda: stable.source_for(url), member_idle=lambda: True, on_outcome=reports.append)
    assert agent.step().state == "idle" and reports == []  # an empty channel is not news
    for channel in ("pilot", "stable"):
        put(repo, tmp_path, tkeys, "0.2.0", channel)
    assert install(pilot, url) == "installed" and install(stable, url) == "installed"
    put(repo, tmp_path, tkeys, "0.3.0", "pilot")  # the release goes to the pilot shop first
    assert install(pilot, url) == "installed" and pilot.status()["version"] == "0.3.0"
    assert refused(stable, url).code == "NOT_NEWER" and stable.status()["version"] == "0.2.0"
    assert tuf_repo.describe(repo)["releases"] == {"pilot": "0.3.0", "stable": "0.2.0"}
    put(repo, tmp_path, tkeys, "0.3.0", "stable")  # promoted once the pilot shop ran it well
    assert install(stable, url) == "installed" and stable.status()["version"] == "0.3.0"
    assert refused(pilot, url).code == "NOT_NEWER"


def test_a_bundle_ships_its_trusted_root(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]], repo: Any) -> None:
    """No technician step: the installed bundle's _internal/update-root.json is the starting root."""
    k = make_kiosk(tmp_path, repo)
    k.trusted_root_path.unlink()
    assert k.tuf_anchor() is None and not isinstance(k.source_for(str(tmp_path)), TufSource)
    slot = k.root / "slots" / "a"
    bundle = make_bundle(tmp_path / "src", "0.1.0")
    shutil.copytree(bundle, slot, symlinks=True)
    shutil.copy(repo.metadata / "1.root.json", slot / "_internal" / "update-root.json")
    k._point_current_at("a")
    put(repo, tmp_path, tkeys, "0.2.0")
    assert isinstance(k.source_for(str(repo.folder)), TufSource)
    assert install(k, repo.folder) == "installed" and current(k) == "slots/b"


def test_cli_trusts_a_root_and_follows_its_channel(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]],
                                                   repo: Any, capsys: pytest.CaptureFixture[str]) -> None:
    data, root = tmp_path / "data", tmp_path / "opt"
    d = ["--data-dir", str(data)]
    tampered = tmp_path / "tampered-root.json"
    doc = json.loads((repo.metadata / "1.root.json").read_text())
    doc["signed"]["roles"]["root"]["threshold"] = 1
    tampered.write_text(json.dumps(doc))
    assert cli.main(["update", "trust", str(tampered), *d]) == 1
    assert "not signed by its own threshold" in capsys.readouterr().err
    assert cli.main(["update", "trust", str(repo.metadata / "1.root.json"), *d]) == 0
    assert "trusted TUF root version 1" in capsys.readouterr().out
    assert cli.main(["settings", "set", "update_channel", "pilot", *d]) == 0
    put(repo, tmp_path, tkeys, "0.2.0", "pilot")
    put(repo, tmp_path, tkeys, "0.1.5", "stable")
    src = ["--from", str(repo.folder), "--root", str(root)]
    assert cli.main(["update", "check", *src, *d]) == 0
    assert "0.2.0" in capsys.readouterr().out
    assert cli.main(["update", "install", *src, "--json", *d]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == "0.2.0"
    tuf_repo.stamp(repo, signers(tkeys, "timestamp"), lifetime=dt.timedelta(hours=-1))
    assert cli.main(["update", "install", *src, *d]) == 1
    assert "EXPIRED" in capsys.readouterr().err
    events = [(e["event"], e["detail"].get("code")) for e in open_audit_log(data).entries()
              if e["event"].startswith("update.")]
    assert events == [("update.installed", None), ("update.refused", "EXPIRED")]


def test_the_repository_tool_from_its_command_line(tmp_path: Path, tkeys: dict[str, tuple[Path, Path]],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The operator's commands, as docs/technician.md gives them: init, publish to a ring, the daily
    timestamp, a revocation with resign, show."""
    k = {name: (str(priv), str(pub)) for name, (priv, pub) in tkeys.items()}
    repo = str(tmp_path / "repo")
    online = ["--sign", k["targets"][0], "--sign", k["snapshot"][0], "--sign", k["timestamp"][0]]
    assert tuf_repo.main(["init", repo, "--root-key", k["root1"][1], "--root-key", k["root2"][1], "--root-key",
                          k["root3"][1], "--root-threshold", "2", "--targets-key", k["targets"][1], "--snapshot-key",
                          k["snapshot"][1], "--timestamp-key", k["timestamp"][1], "--sign", k["root1"][0],
                          "--sign", k["root2"][0], *online]) == 0
    assert tuf_repo.main(["publish", repo, str(release(tmp_path, "0.2.0")), "--channel", "pilot", *online]) == 0
    assert "published 0.2.0 to pilot" in capsys.readouterr().out
    assert tuf_repo.main(["timestamp", repo, "--sign", k["timestamp"][0]]) == 0
    assert tuf_repo.main(["root", repo, "--revoke", "targets", k["targets"][1], "--add", "targets",
                          k["targets2"][1], "--sign", k["root2"][0], "--sign", k["root3"][0]]) == 0
    assert tuf_repo.main(["resign", repo, "--sign", k["targets2"][0], "--sign", k["snapshot"][0],
                          "--sign", k["timestamp"][0]]) == 0
    capsys.readouterr()
    assert tuf_repo.main(["show", repo]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["root_version"] == 2 and shown["releases"] == {"pilot": "0.2.0"}
    assert shown["roles"]["root"]["threshold"] == 2 and len(shown["roles"]["root"]["keyids"]) == 3
    assert shown["roles"]["targets"]["keyids"] == [tuf_repo.public_key(tkeys["targets2"][1]).keyid]
    pilot = make_kiosk(tmp_path, tuf_repo.Repo(Path(repo)), "pilot-shop", channel="pilot")
    assert install(pilot, repo) == "installed"
