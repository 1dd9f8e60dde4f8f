"""The update path on the lowest Python pyproject.toml allows, as Debian 12 ships it
(/usr/bin/python3, 3.11.2, whose tarfile has no extraction filters): a valid update from a TUF
repository and one with a signed manifest are installed by the installer running on that Python,
in a venv that scripts/setup.sh makes with only what the update path needs (.venv-lowest)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.kiosk.test_update import build, make_bundle, sign
from tests.kiosk.test_update_tuf import ONLINE, ROLES, signers, tuf_repo

REPO = Path(__file__).resolve().parents[2]
LOWEST_PYTHON = Path(os.environ.get("LOWEST_PYTHON", "/usr/bin/python3"))
LOWEST_VENV = REPO / os.environ.get("LOWEST_VENV", ".venv-lowest")

INSTALL = """
import json, platform, sys, tarfile
from pathlib import Path
from kiosk.update.installer import SlotInstaller

root, trust, where = (Path(a) for a in sys.argv[1:4])
kiosk = SlotInstaller(root, trust, self_test_timeout_s=20, channel=lambda: "stable")
outcome = kiosk.install(kiosk.source_for(str(where)))
print(json.dumps({"python": platform.python_version(), "tar_filters": hasattr(tarfile, "data_filter"),
                  "status": outcome.status, "version": outcome.version, "slot": outcome.slot}))
"""


def lowest_allowed() -> tuple[int, int]:
    spec = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(\d+)\.(\d+)", spec.strip())
    assert match, f"requires-python {spec!r}: teach this test its form"
    return int(match[1]), int(match[2])


@pytest.fixture(scope="module")
def lowest_python() -> Path:
    if not LOWEST_PYTHON.exists():
        pytest.skip(f"{LOWEST_PYTHON} is absent (not a Debian machine): no system Python to test the update path on")
    python = LOWEST_VENV / "bin" / "python"
    if not python.exists():
        pytest.fail(f"{python} is missing: run `make setup` (scripts/setup.sh makes it on {LOWEST_PYTHON})")
    found = subprocess.run([str(python), "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True,
                           text=True, check=True, timeout=60).stdout.split()
    if tuple(int(x) for x in found) != lowest_allowed():
        pytest.skip(f"{LOWEST_PYTHON} is Python {'.'.join(found)}, not the lowest allowed "
                    f"{'.'.join(map(str, lowest_allowed()))}")
    return python


def run_install(python: Path, root: Path, trust: Path, where: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run([str(python), "-c", INSTALL, str(root), str(trust), str(where)], capture_output=True,
                          text=True, cwd=REPO, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_an_update_installs_on_the_lowest_allowed_python(tmp_path: Path, lowest_python: Path) -> None:
    keys = {name: tuf_repo.keygen(tmp_path / "keys", name)[:2] for name in ROLES}
    repo = tuf_repo.Repo(tmp_path / "repo")
    pub = {n: tuf_repo.public_key(keys[n][1]) for n in ROLES}
    tuf_repo.init(repo, root_keys=[pub["root1"], pub["root2"], pub["root3"]], root_threshold=2,
                  targets_keys=[pub["targets"]], snapshot_keys=[pub["snapshot"]], timestamp_keys=[pub["timestamp"]],
                  signers=signers(keys, "root1", "root2", *ONLINE))
    update = build.package(make_bundle(tmp_path / "src", "0.2.0"), "0.2.0", tmp_path / "release", key=None,
                           compresslevel=1)
    tuf_repo.publish(repo, update, "stable", signers(keys, *ONLINE))

    # A kiosk that trusts the repository's root: the TUF path.
    trust = tmp_path / "data" / "keys" / "update-trust"
    (trust.parent / "update-tuf").mkdir(parents=True)
    shutil.copy(repo.metadata / "1.root.json", trust.parent / "update-tuf" / "trusted-root.json")
    result = run_install(lowest_python, tmp_path / "opt", trust, repo.folder)
    assert result["python"].startswith("{}.{}.".format(*lowest_allowed()))
    if sys.platform == "linux" and result["python"] == "3.11.2":
        assert result["tar_filters"] is False  # the Python whose tarfile made `filter=` a TypeError
    assert (result["status"], result["version"], result["slot"]) == ("installed", "0.2.0", "a")
    assert os.readlink(tmp_path / "opt" / "current") == "slots/a"
    assert (tmp_path / "opt" / "current" / "_internal" / "empf_kiosk_version.txt").read_text().strip() == "0.2.0"

    # A kiosk with only an Ed25519 manifest key: the signed-manifest path unpacks the same way.
    key, pub_pem, _ = sign.keygen(tmp_path / "manifest-key")
    legacy_trust = tmp_path / "legacy" / "keys" / "update-trust"
    legacy_trust.mkdir(parents=True)
    shutil.copy(pub_pem, legacy_trust / "operator.pem")
    signed = build.package(make_bundle(tmp_path / "src", "0.3.0"), "0.3.0", tmp_path / "signed", key=key,
                           compresslevel=1)
    result = run_install(lowest_python, tmp_path / "legacy-opt", legacy_trust, signed)
    assert (result["status"], result["version"]) == ("installed", "0.3.0")
