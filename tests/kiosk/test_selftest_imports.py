"""The bundle's self-test imports every third-party module the kiosk's code imports (at the top of a
file or inside a function), so a bundle that missed one fails its self-test instead of the first
member who needs it. This keeps kiosk/update/selftest.IMPORTS complete; no bundle needed."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

from kiosk.update import selftest

REPO = Path(__file__).resolve().parents[2]
OURS = ("kiosk", "ui", "drivers", "offline_cache")
DEVTOOLS = "devtools"  # not in the bundle: what only it imports is DEV_ONLY


def third_party_imports() -> dict[str, set[str]]:
    """module -> the files importing it, for every absolute import of a module that is neither
    the standard library's nor ours."""
    found: dict[str, set[str]] = {}
    for pkg in (*OURS, DEVTOOLS):
        for path in sorted((REPO / pkg).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in (*OURS, DEVTOOLS, "__future__"):
                        found.setdefault(name, set()).add(str(path.relative_to(REPO)))
    return found


def test_the_self_test_imports_every_third_party_module_the_kiosk_imports() -> None:
    found = third_party_imports()
    assert "PySide6.QtQuickWidgets" in found and "zxingcpp" in found  # the scan sees imports inside functions
    missing = {m: sorted(files) for m, files in found.items()
               if m not in selftest.IMPORTS and m not in selftest.DEV_ONLY}
    assert not missing, f"add to kiosk/update/selftest.IMPORTS (or DEV_ONLY with a reason): {missing}"


def test_the_lists_name_only_modules_that_exist_and_are_used() -> None:
    found = third_party_imports()
    assert not set(selftest.IMPORTS) & set(selftest.DEV_ONLY)
    assert sorted(set(selftest.IMPORTS) - set(found)) == []  # nothing listed that nobody imports
    for name in selftest.IMPORTS:
        importlib.import_module(name)  # the development tree has every one of them
    for name, why in selftest.DEV_ONLY.items():
        assert name in found and why
        assert all(f.startswith(("ui/i18n/simplified_gen.py", "devtools/"))
                   for f in found[name]), (name, found[name])  # a dev-only module creeping into the kiosk


def test_a_missing_module_fails_the_step_and_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "IMPORTS", ("json", "empf_no_such_module_here"))
    results: list[dict[str, object]] = []
    selftest._step(results, "imports", selftest._imports)
    assert results[0]["ok"] is False
    assert "empf_no_such_module_here" in str(results[0]["detail"]) and "1 of 2 missing" in str(results[0]["detail"])
