"""Signed two-slot updates on small bundles made by the build's own packaging step (build/build.py
package(), build/sign.py): applied from a USB folder and from an HTTP server on 127.0.0.1, and every
refusal: bad signature, changed file, older version, expired manifest, failed self-test (switched
back), a member using the kiosk (deferred), a power cut between switch and self-test (recovered)."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import itertools
import json
import os
import shutil
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kiosk import cli
from kiosk.update import manifest as mf
from kiosk.update.installer import SlotInstaller
from kiosk.update.manifest import UpdateRefused
from kiosk.update.sources import DirectorySource, HttpSource
from offline_cache.audit import open_audit_log

REPO = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"empf_build_{name}", REPO / "build" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load("build")
sign = _load("sign")

GOOD_ENTRY = """#!/bin/sh
if [ "$1" = "--self-test" ]; then echo '{"self_test": "pass"}'; exit 0; fi
echo "empf-kiosk $(cat "$(dirname "$0")/_internal/empf_kiosk_version.txt")"
"""
FAILING_ENTRY = """#!/bin/sh
echo '{"self_test": "fail", "steps": [{"step": "ui", "ok": false}]}'; exit 1
"""
HANGING_ENTRY = """#!/bin/sh
exec sleep 30
"""


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("keys")
    key, pub, _ = sign.keygen(d / "operator")
    other_key, _, _ = sign.keygen(d / "stranger")
    return {"key": key, "pub": pub, "other": other_key}


_serial = itertools.count()


def make_bundle(where: Path, version: str, entry: str = GOOD_ENTRY) -> Path:
    folder = where / f"bundle-{version}-{next(_serial)}"
    (folder / "_internal" / "lib").mkdir(parents=True)
    (folder / "empf-kiosk").write_text(entry)
    (folder / "empf-kiosk").chmod(0o755)
    (folder / "_internal" / "empf_kiosk_version.txt").write_text(version + "\n")  # where PyInstaller puts it
    (folder / "_internal" / "lib" / "libkiosk.so.1").write_bytes(os.urandom(4096))
    os.symlink("lib/libkiosk.so.1", folder / "_internal" / "libkiosk.so.1")  # as PyInstaller links Qt libs
    return folder


def publish(tmp: Path, keys: dict[str, Path], version: str, entry: str = GOOD_ENTRY, *, key: str = "key",
            valid_days: float = 30.0) -> Path:
    """An update folder as a USB stick or an update server holds it."""
    bundle = make_bundle(tmp / "src", version, entry)
    out = tmp / f"update-{version}-{next(_serial)}"
    return build.package(bundle, version, out, key=keys[key], valid_days=valid_days, compresslevel=1)


@pytest.fixture
def kiosk(tmp_path: Path, keys: dict[str, Path]) -> SlotInstaller:
    trust = tmp_path / "data" / "keys" / "update-trust"
    trust.mkdir(parents=True)
    shutil.copy(keys["pub"], trust / "operator.pem")
    return SlotInstaller(tmp_path / "opt", trust, data_dir=tmp_path / "data", self_test_timeout_s=20)


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/updates", root / "updates"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def current(kiosk: SlotInstaller) -> str | None:
    return os.readlink(kiosk.current_link) if kiosk.current_link.is_symlink() else None


def test_install_from_usb_then_http(tmp_path: Path, keys: dict[str, Path], kiosk: SlotInstaller,
                                    http_server: tuple[str, Path]) -> None:
    stages: list[str] = []
    usb = publish(tmp_path, keys, "0.2.0")
    outcome = kiosk.install(DirectorySource(usb), progress=lambda stage, f: stages.append(stage))
    assert (outcome.status, outcome.version, outcome.slot) == ("installed", "0.2.0", "a")
    assert current(kiosk) == "slots/a"
    assert (kiosk.current_link / "_internal" / "empf_kiosk_version.txt").read_text().strip() == "0.2.0"
    assert os.readlink(kiosk.current_link / "_internal" / "libkiosk.so.1") == "lib/libkiosk.so.1"
    order = list(dict.fromkeys(stages))
    assert order == ["check", "download", "verify", "extract", "verify_files", "switch", "self_test"]
    assert not (kiosk.root / "current.new").exists() and not list((kiosk.root / "downloads").iterdir())

    url, www = http_server
    shutil.copytree(publish(tmp_path, keys, "0.3.0"), www)
    outcome = kiosk.install(HttpSource(url))
    assert (outcome.status, outcome.slot) == ("installed", "b")
    assert current(kiosk) == "slots/b"
    status = kiosk.status()
    assert (status["slot"], status["version"], status["highest"]) == ("b", "0.3.0", "0.3.0")
    assert [h["outcome"] for h in status["history"]] == ["installed", "installed"]


def test_bad_signatures_are_refused_before_any_download(tmp_path: Path, keys: dict[str, Path],
                                                        kiosk: SlotInstaller) -> None:
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    stranger = publish(tmp_path, keys, "0.3.0", key="other")  # signed by a key this kiosk does not trust
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(stranger))
    assert e.value.code == "BAD_SIGNATURE" and "簽署" in e.value.message_zh
    edited = publish(tmp_path, keys, "0.3.0")
    m = json.loads((edited / mf.MANIFEST).read_text())
    m["version"] = "9.0.0"  # the manifest changed after it was signed
    (edited / mf.MANIFEST).write_text(json.dumps(m, indent=1, sort_keys=True))
    (edited / "empf-kiosk-0.3.0.tar.gz").unlink()  # nothing past the manifest may be fetched
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(edited))
    assert e.value.code == "BAD_SIGNATURE"
    unsigned = publish(tmp_path, keys, "0.3.1")
    (unsigned / mf.SIGNATURE).write_text("{}")
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(unsigned))
    assert e.value.code == "BAD_SIGNATURE"
    assert current(kiosk) == "slots/a" and kiosk.status()["version"] == "0.2.0"


def _retar(update_dir: Path, change: str) -> None:
    """Rewrite the archive with one file changed or added, keeping the signed manifest."""
    archive = next(update_dir.glob("*.tar.gz"))
    work = update_dir / "unpacked"
    with tarfile.open(archive) as tar:  # our own archive; 3.11.2's tarfile has no filters
        tar.extractall(work, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    top = next(work.iterdir())
    if change == "edit":
        (top / "_internal" / "lib" / "libkiosk.so.1").write_bytes(b"\x7fELF trojan")
    else:
        (top / "_internal" / "extra.so").write_bytes(b"\x7fELF extra")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(top, arcname=top.name)
    shutil.rmtree(work)


@pytest.mark.parametrize("change", ["edit", "add"])
def test_a_changed_archive_is_refused(tmp_path: Path, keys: dict[str, Path], kiosk: SlotInstaller, change: str) -> None:
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    tampered = publish(tmp_path, keys, "0.3.0")
    _retar(tampered, change)
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(tampered))
    assert e.value.code == "CHANGED_FILE"
    assert current(kiosk) == "slots/a" and not (kiosk.root / "slots" / "b").exists()


def test_a_signed_manifest_that_does_not_match_its_files_is_refused(tmp_path: Path, keys: dict[str, Path],
                                                                     kiosk: SlotInstaller) -> None:
    """The archive matches its hash, but a file inside differs from the signed per-file hash."""
    bundle = make_bundle(tmp_path / "src", "0.2.0")
    out = build.package(bundle, "0.2.0", tmp_path / "upd", key=None, compresslevel=1)
    m = json.loads((out / mf.MANIFEST).read_text())
    m["files"]["_internal/empf_kiosk_version.txt"] = "0" * 64
    (out / mf.MANIFEST).write_bytes(json.dumps(m, indent=1, sort_keys=True).encode())
    sign.sign_dir(out, keys["key"])
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(out))
    assert e.value.code == "CHANGED_FILE" and "empf_kiosk_version.txt" in e.value.message_en
    assert current(kiosk) is None


def test_older_or_same_versions_are_refused(tmp_path: Path, keys: dict[str, Path], kiosk: SlotInstaller) -> None:
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.3.0")))
    for old in ("0.2.0", "0.3.0", "0.2.9"):
        with pytest.raises(UpdateRefused) as e:
            kiosk.install(DirectorySource(publish(tmp_path, keys, old)))
        assert e.value.code == "NOT_NEWER" and "0.3.0" in e.value.message_en
    # A lost state file does not open the door: the slots' own version files keep the floor.
    kiosk.state_path.unlink()
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.5")))
    assert e.value.code == "NOT_NEWER"
    assert current(kiosk) == "slots/b"


def test_an_expired_manifest_is_refused(tmp_path: Path, keys: dict[str, Path], kiosk: SlotInstaller) -> None:
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0", valid_days=-1)))
    assert e.value.code == "EXPIRED" and "過期" in e.value.message_zh
    assert current(kiosk) is None


def test_a_failed_self_test_switches_back(tmp_path: Path, keys: dict[str, Path], kiosk: SlotInstaller) -> None:
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    broken = publish(tmp_path, keys, "0.3.0", FAILING_ENTRY)
    outcome = kiosk.install(DirectorySource(broken))
    assert (outcome.status, outcome.slot) == ("rolled_back", "b")
    assert outcome.detail == "self-test exited 1: fail in ? s: ui FAILED: "
    assert current(kiosk) == "slots/a"
    status = kiosk.status()
    assert status["version"] == "0.2.0" and status["highest"] == "0.2.0" and "0.3.0" in status["failed"]
    with pytest.raises(UpdateRefused) as e:
        kiosk.install(DirectorySource(broken))
    assert e.value.code == "FAILED_BEFORE"
    assert kiosk.install(DirectorySource(broken), retry_failed=True).status == "rolled_back"
    # A fixed build with a higher version goes in.
    assert kiosk.install(DirectorySource(publish(tmp_path, keys, "0.3.1"))).status == "installed"
    assert current(kiosk) == "slots/b"


def test_a_self_test_that_hangs_is_a_failure(tmp_path: Path, keys: dict[str, Path]) -> None:
    trust = tmp_path / "trust"
    trust.mkdir()
    shutil.copy(keys["pub"], trust / "k.pem")
    kiosk = SlotInstaller(tmp_path / "opt", trust, self_test_timeout_s=1.0)
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    outcome = kiosk.install(DirectorySource(publish(tmp_path, keys, "0.3.0", HANGING_ENTRY)))
    assert outcome.status == "rolled_back" and "did not finish" in outcome.detail
    assert current(kiosk) == "slots/a"


def test_a_member_session_defers_the_switch(tmp_path: Path, keys: dict[str, Path], kiosk: SlotInstaller) -> None:
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    source = DirectorySource(publish(tmp_path, keys, "0.3.0"))
    m = kiosk.check(source)
    prepared = kiosk.prepare(source, m)
    member_there = True
    outcome = kiosk.activate(prepared, may_switch=lambda: not member_there)
    assert outcome.status == "deferred" and current(kiosk) == "slots/a"
    member_there = False  # back on the attract screen
    assert kiosk.activate(prepared, may_switch=lambda: not member_there).status == "installed"
    assert current(kiosk) == "slots/b"


@pytest.mark.parametrize(("entry", "expected", "slot"), [(GOOD_ENTRY, "installed", "slots/b"),
                                                         (FAILING_ENTRY, "rolled_back", "slots/a")])
def test_a_power_cut_between_switch_and_self_test_is_recovered(tmp_path: Path, keys: dict[str, Path],
                                                               kiosk: SlotInstaller, entry: str, expected: str,
                                                               slot: str) -> None:
    kiosk.install(DirectorySource(publish(tmp_path, keys, "0.2.0")))
    source = DirectorySource(publish(tmp_path, keys, "0.3.0", entry))
    prepared = kiosk.prepare(source, kiosk.check(source))
    # What activate() does up to the cut: record the pending switch, switch, then the power goes.
    state = json.loads(kiosk.state_path.read_text())
    state["pending"] = {"slot": "b", "version": "0.3.0", "previous": "a", "entry": prepared.manifest.entry}
    kiosk._write_state(state)
    kiosk._point_current_at("b")
    restarted = SlotInstaller(kiosk.root, kiosk.trust_dir, data_dir=kiosk.data_dir)
    outcome = restarted.recover()
    assert outcome is not None and outcome.status == expected
    assert current(restarted) == slot and restarted.status()["pending"] is None
    assert restarted.recover() is None


def test_cli_trust_install_and_refusal_with_audit(tmp_path: Path, keys: dict[str, Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data, root = tmp_path / "data", tmp_path / "opt"
    d = ["--data-dir", str(data)]
    assert cli.main(["update", "trust", str(keys["pub"]), *d]) == 0
    assert "trusted update key" in capsys.readouterr().out
    good = publish(tmp_path, keys, "0.2.0")
    assert cli.main(["update", "install", "--from", str(good), "--root", str(root), "--json", *d]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert result["status"] == "installed" and result["version"] == "0.2.0"
    assert cli.main(["update", "install", "--from", str(good), "--root", str(root), *d]) == 1
    err = capsys.readouterr().err
    assert "NOT_NEWER" in err and "不比" in err
    assert cli.main(["update", "status", "--root", str(root), *d]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == "0.2.0"
    assert cli.main(["update", "install", "--from", str(tmp_path / "no-usb"), "--root", str(root), *d]) == 1
    assert "SOURCE_UNAVAILABLE" in capsys.readouterr().err
    events = [(e["event"], e["outcome"], e["detail"].get("code")) for e in open_audit_log(data).entries()]
    assert events == [("update.installed", "ok", None), ("update.refused", "refused", "NOT_NEWER"),
                      ("update.refused", "refused", "SOURCE_UNAVAILABLE")]
