"""The import layers of docs/design.md ("Layers"), read from the source with `ast`: every import, at module level
or inside a function, goes to the importer's own package or to a lower layer; no import circles between modules;
no module imports a `__main__`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = "mixbuddy_pl"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "paths", "noise"),
    ("", "audio", "machine"),  # "" is the package's own __init__ (it loads `noise`)
    ("advice",),
    ("scoring", "backbones"),
    ("data",),
    ("model",),
    ("training",),
    ("cli",),
    ("closed_loop", "judge"),
    ("__main__", "controls", "examples", "adapter", "fitcheck", "prepare", "listening", "demo", "ablation"),
)
"""Lowest first. A unit (top-level module or subpackage) may import its own modules and any unit of a lower layer,
never a unit of its own layer or a higher one: data never imports model, scoring and backbones not each other, and
no tool another tool."""


def modules(root: Path = ROOT / PACKAGE) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that module `name` imports (relative imports resolved, `from pkg import module` as
    the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def unit(module: str) -> str:
    """The layer unit of a module: its top-level module or subpackage under the package ("" for the package)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer(module: str) -> int:
    return next(i for i, units in enumerate(LAYERS) if unit(module) in units)


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_unit_has_a_layer() -> None:
    units = {unit(m) for m in graph()}
    placed = {u for layer_units in LAYERS for u in layer_units}
    assert units <= placed, f"place {sorted(units - placed)} in LAYERS and in docs/design.md ('Layers')"


def test_imports_go_down_the_layers() -> None:
    wrong = sorted(f"{a} -> {b}" for a, targets in graph().items() for b in targets
                   if unit(a) != unit(b) and layer(b) >= layer(a))
    assert not wrong, "imports against docs/design.md's layers:\n" + "\n".join(wrong)


def test_no_import_circles() -> None:
    assert circles(graph()) == []


def test_no_module_imports_a_main() -> None:
    assert not [f"{a} -> {b}" for a, targets in graph().items() for b in targets if b.endswith("__main__")]


def test_tests_import_only_main_from_a_main() -> None:
    """Tests reach a tool's logic in its modules; from a `__main__` they take the entry point alone."""
    wrong = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("__main__"):
                wrong += [f"{path.name}: {node.module}.{a.name}" for a in node.names if a.name != "main"]
    assert not wrong


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set(), "c": {"b"}}, []),
])
def test_circles_are_found(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert circles(edges) == expected


def test_a_back_arrow_is_caught(tmp_path: Path) -> None:
    """The rule bites: a data module that imports the model is reported."""
    package = tmp_path / PACKAGE
    for folder in ("data", "model"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "model" / "advisor.py").write_text("X = 1\n")
    (package / "data" / "datamodule.py").write_text("def f():\n    from mixbuddy_pl.model.advisor import X\n")
    known = modules(package)
    found = imports("mixbuddy_pl.data.datamodule", known["mixbuddy_pl.data.datamodule"], known)
    assert found == {"mixbuddy_pl.model.advisor"} and layer("mixbuddy_pl.model.advisor") > layer("mixbuddy_pl.data")
