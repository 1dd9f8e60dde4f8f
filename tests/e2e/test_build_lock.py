"""build/build.py's build environment from a lock file with hashes: the pinned packages installed with
`pip install --require-hashes` (the kiosk itself on top, without dependencies), made again only when
the lock changes, and a file whose hash differs from the lock refused. Uses two small packages of the
real build/requirements.lock (pyserial, setuptools) from the package index; the whole lock is
installed by a real `build/build.py` run (docs/technician.md)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "build" / "requirements.lock"


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("empf_build_build_lock", REPO / "build" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _blocks(names: set[str]) -> str:
    """The lock's entries (pin, hashes, comments) for `names`, as pip-compile wrote them."""
    entries = re.split(r"\n(?=[a-z0-9])", LOCK.read_text())
    picked = [e for e in entries if e.split("==")[0] in names]
    assert len(picked) == len(names), picked
    return "\n".join(picked) + "\n"


@pytest.mark.timeout(600)
def test_the_build_environment_holds_the_locked_versions_and_refuses_a_changed_hash(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    build = _load_build()
    lock = tmp_path / "requirements.lock"
    lock.write_text(_blocks({"pyserial", "setuptools"}))
    pinned = re.search(r"^pyserial==(\S+)", lock.read_text(), re.M)
    assert pinned is not None
    python = build.build_env(tmp_path / "work", lock)
    out = subprocess.run([str(python), "-c", "import importlib.metadata as m, serial, kiosk.domain; "
                          "print(m.version('pyserial'), m.version('empf-kiosk'))"],
                         capture_output=True, text=True, timeout=60, check=True, cwd=tmp_path)
    assert out.stdout.split() == [pinned.group(1), build.project_version()]
    # Unchanged lock: the same environment, not made again.
    marker = python.parent.parent / "made-before"
    marker.write_text("")
    assert build.build_env(tmp_path / "work", lock) == python and marker.exists()
    # One hex digit changed in every hash: pip refuses the file, and no environment is kept as good.
    lock.write_text(re.sub(r"(--hash=sha256:[0-9a-f]{63})([0-9a-f])",
                           lambda m: m.group(1) + ("0" if m.group(2) != "0" else "1"), lock.read_text()))
    capfd.readouterr()
    with pytest.raises(subprocess.CalledProcessError):
        build.build_env(tmp_path / "work", lock)
    assert "DO NOT MATCH THE HASHES" in capfd.readouterr().err
    assert not (python.parent.parent / "empf-lock.sha256").exists()
