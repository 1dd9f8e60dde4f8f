"""The import rules of the product packages (kiosk, ui, drivers, offline_cache, platform_sim),
read from the source with `ast`; docs/architecture.md explains them.

Every import statement counts: at module level, inside a function, and under `if TYPE_CHECKING:`
(an annotation-only import still says which module knows which). Two forms are read as what
Python does: `from pkg import sub` imports the module `pkg.sub` when there is one, and a module's
own parent packages are not counted (Python initialises them first whoever imports what).

1. No import circle among product modules.
2. PySide6 and shiboken6 are imported only in ui/.
3. offline_cache/ and drivers/ (the adapters) import from kiosk/ only kiosk.domain and kiosk.ports;
   what those reach in turn stays within them and three stdlib-only helpers that turn a zh/en pair
   into the member's text (kiosk.languages, kiosk.simplified, kiosk.simplified_table).
4. kiosk.ports imports nothing of the product but kiosk.domain and those helpers.
5. Only the composition root (kiosk.app) imports ui/ from kiosk/; ui/ reaches the kiosk through
   its services (ui/services.py), never the root, the CLI or the adapters directly.
6. No product module imports devtools/ or tests/.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("kiosk", "ui", "drivers", "offline_cache", "platform_sim")
QT = ("PySide6", "shiboken6")
HELPERS = ("kiosk.languages", "kiosk.simplified", "kiosk.simplified_table")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported name, resolved to a module where one exists
    where: str  # path:line


def _modules(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    found = {}
    for pkg in packages:
        for path in sorted((root / pkg).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _statements(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement anywhere in the module (functions, TYPE_CHECKING blocks, try blocks)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def imports(root: Path = ROOT, packages: Iterable[str] = PRODUCT) -> list[Import]:
    """Every import in `packages`, product or not; product targets resolved to their module."""
    mods = _modules(root, packages)
    found = []
    for name, path in mods.items():
        is_package = path.name == "__init__.py"
        for node in _statements(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            where = f"{path.relative_to(root)}:{node.lineno}"
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    package = name.split(".") if is_package else name.split(".")[:-1]
                    package = package[:len(package) - (node.level - 1)]
                    base = ".".join([*package, *([base] if base else [])])
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for target in targets:
                resolved = target
                while resolved and resolved not in mods:  # a name inside a module: that module
                    resolved = resolved.rpartition(".")[0]
                found.append(Import(name, resolved or target, where))
    return found


def product_edges(found: list[Import]) -> dict[str, dict[str, str]]:
    """module -> {imported product module: where}, without a module's own parent packages."""
    edges: dict[str, dict[str, str]] = {}
    for i in found:
        if i.target.split(".")[0] in PRODUCT and i.target != i.source and not i.source.startswith(i.target + "."):
            edges.setdefault(i.source, {}).setdefault(i.target, i.where)
    return edges


def circles(edges: dict[str, dict[str, str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, {}))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _describe(component: list[str], edges: dict[str, dict[str, str]]) -> str:
    inside = set(component)
    return "\n".join(f"  {a} -> {b} ({where})" for a in component
                     for b, where in sorted(edges.get(a, {}).items()) if b in inside)


def _in(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


# ---------------------------------------------------------------- the checker can fail


def test_the_checker_sees_function_level_and_type_checking_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "kiosk"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from kiosk.b import g\n")
    (pkg / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kiosk import a\n")
    (pkg / "c.py").write_text("from . import a\nfrom .a import f\n")
    edges = product_edges(imports(tmp_path, ["kiosk"]))
    assert edges["kiosk.c"] == {"kiosk.a": "kiosk/c.py:1"}
    assert circles(edges) == [["kiosk.a", "kiosk.b"]]
    # And in the real tree: a function-level and an annotation-only import are both seen.
    real = product_edges(imports())
    assert "ui.app" in real["kiosk.app"] and "kiosk.staff" in real["kiosk.services"]


# ---------------------------------------------------------------- the rules


def test_no_import_circle_among_product_modules() -> None:
    edges = product_edges(imports())
    found = circles(edges)
    assert not found, "import circles (break each at one of these imports):\n" + "\n".join(
        _describe(c, edges) for c in found)


def test_qt_is_imported_only_in_ui() -> None:
    outside = [f"{i.where} imports {i.target}" for i in imports()
               if _in(i.target, QT) and not _in(i.source, ["ui"])]
    assert not outside, "Qt outside ui/:\n" + "\n".join(outside)


def test_the_adapters_import_only_the_domain_and_the_ports_of_the_kiosk() -> None:
    found = imports()
    adapters = ["offline_cache", "drivers"]
    direct = [f"{i.where} imports {i.target}" for i in found
              if _in(i.source, adapters) and _in(i.target, ["kiosk"])
              and not _in(i.target, ["kiosk.domain", "kiosk.ports"])]
    assert not direct, "offline_cache/drivers reaching into kiosk rules:\n" + "\n".join(direct)
    edges = product_edges(found)
    reached: set[str] = set()
    todo = [m for m in edges if _in(m, adapters)]
    while todo:
        for target in edges.get(todo.pop(), {}):
            if target not in reached:
                reached.add(target)
                todo.append(target)
    beyond = sorted(m for m in reached if _in(m, ["kiosk"]) and not _in(m, ["kiosk.domain", "kiosk.ports", *HELPERS]))
    assert not beyond, f"through kiosk.domain/kiosk.ports the adapters load: {beyond}"


def test_the_ports_import_only_the_domain() -> None:
    wrong = [f"{i.where} imports {i.target}" for i in imports()
             if _in(i.source, ["kiosk.ports"]) and _in(i.target, PRODUCT)
             and not _in(i.target, ["kiosk.domain", "kiosk.ports", *HELPERS])]
    assert not wrong, "\n".join(wrong)


def test_only_the_composition_root_joins_kiosk_and_ui() -> None:
    found = imports()
    into_ui = [f"{i.where} imports {i.target}" for i in found
               if _in(i.source, ["kiosk"]) and _in(i.target, ["ui"]) and i.source != "kiosk.app"]
    assert not into_ui, "kiosk/ importing ui/ (only kiosk.app, the composition root, may):\n" + "\n".join(into_ui)
    around = [f"{i.where} imports {i.target}" for i in found if _in(i.source, ["ui"])
              and _in(i.target, ["kiosk.app", "kiosk.cli", "kiosk.staff_cli", "offline_cache", "drivers"])]
    assert not around, "ui/ going around its services (ui/services.py):\n" + "\n".join(around)


def test_no_product_module_imports_development_tools_or_tests() -> None:
    wrong = [f"{i.where} imports {i.target}" for i in imports() if _in(i.target, ["devtools", "tests"])]
    assert not wrong, "\n".join(wrong)
