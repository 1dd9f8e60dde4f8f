"""The kiosk's runtime needs none of the simulator's server packages (starlette, uvicorn: the `sim`
extra) nor the simulator itself: no module of kiosk/, ui/, drivers/ or offline_cache/ imports them,
at module level or inside a function, and every one of them imports with them unavailable. The
bundle's lock file (build/requirements.lock) pins exactly the runtime and build dependencies."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = ("kiosk", "ui", "drivers", "offline_cache")
SERVER_ONLY = ("starlette", "uvicorn", "platform_sim", "anyio", "h11")


def imported_modules(path: Path) -> set[str]:
    """Every absolute module an `import` or `from … import` in the file names, wherever it stands."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_runtime_module_imports_the_simulator_or_its_server() -> None:
    offenders = {}
    files = [p for pkg in RUNTIME_PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    assert len(files) > 100
    for path in files:
        bad = sorted(m for m in imported_modules(path) if m.split(".")[0] in SERVER_ONLY)
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_every_runtime_module_imports_without_the_server_packages() -> None:
    """A fresh interpreter where importing starlette, uvicorn or platform_sim fails, as in the bundle."""
    code = textwrap.dedent("""
        import importlib, pkgutil, sys
        BLOCKED = %r
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ImportError(f"{name} is not part of the kiosk")
                return None
        sys.meta_path.insert(0, Block())
        count = 0
        for pkg in %r:
            root = importlib.import_module(pkg)
            for info in pkgutil.walk_packages(root.__path__, pkg + "."):
                if info.name.endswith("__main__"):
                    continue
                importlib.import_module(info.name)
                count += 1
        leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
        print(count, leaked)
    """) % (SERVER_ONLY, RUNTIME_PACKAGES)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    count, leaked = out.stdout.split(" ", 1)
    assert int(count) > 100 and leaked.strip() == "[]"


def _pins(lock: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) from a pip-compile lock file."""
    pins: dict[str, tuple[str, list[str]]] = {}
    text = lock.read_text().replace("\\\n", " ")
    for line in text.splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)(.*)$", line.strip())
        if m:
            name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
            pins[name] = (m.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", m.group(3)))
    return pins


def test_the_lock_pins_every_runtime_and_build_dependency_with_hashes_and_no_server() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _pins(ROOT / "build" / "requirements.lock")
    wanted = {re.sub(r"[-_.]+", "-", re.split(r"[<>=;\[ !~]", d, maxsplit=1)[0]).lower()
              for d in project["dependencies"] + project["optional-dependencies"]["build"]}
    assert wanted <= set(pins), wanted - set(pins)
    assert all(hashes for _, hashes in pins.values()), [n for n, (_, h) in pins.items() if not h]
    assert not set(pins) & {"starlette", "uvicorn", "pytest", "mypy"}  # the simulator and tests stay out
    assert pins["pyside6-essentials"][0] == pins["pyside6-addons"][0]
    assert tuple(int(x) for x in pins["pyside6-essentials"][0].split(".")[:2]) < (6, 12)  # Python 3.11's limit
