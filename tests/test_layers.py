"""The package's folders are its pipeline: each stage imports only from the stages before it.

dataset -> frames -> analysis -> charts | tables -> book -> publish. Every import is
checked, including those inside functions (lazy imports are still dependencies); the
entry points (``lawgov/__init__``, ``__main__``, ``cli``) sit outside the stages. The
module-level import graph must also have no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "lawgov"
STAGES = ["dataset", "frames", "analysis", "charts", "tables", "book", "publish"]
RANK = {"dataset": 0, "frames": 1, "analysis": 2, "charts": 3, "tables": 3, "book": 4, "publish": 5}
ENTRY_POINTS = {"lawgov", "lawgov.__main__", "lawgov.cli"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """The lawgov modules a file imports (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("lawgov")}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import (write lawgov.<stage>.<module>)"
            if node.module and node.module.startswith("lawgov"):
                found |= {
                    f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                    for a in node.names
                }
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else None


def test_every_module_belongs_to_a_stage_or_is_an_entry_point() -> None:
    loose = [m for m in MODULES if _stage(m) is None and m not in ENTRY_POINTS]
    assert not loose, f"modules outside the stage folders: {loose}"
    assert sorted({_stage(m) for m in MODULES} - {None}) == sorted(STAGES)


@pytest.mark.parametrize("module", [m for m in MODULES if m not in ENTRY_POINTS])
def test_imports_only_from_earlier_stages(module: str) -> None:
    mine = _stage(module)
    for target in _imports(MODULES[module]):
        theirs = _stage(target)
        if theirs is None:
            assert target == "lawgov", f"{module} imports the entry point {target}"
            continue
        if theirs == mine:
            continue
        assert RANK[theirs] < RANK[mine], f"{module} ({mine}) imports {target} ({theirs}): a later or peer stage"


def test_no_private_name_is_imported_from_another_module() -> None:
    bad = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lawgov"):
                bad += [
                    f"{module}: from {node.module} import {a.name}"
                    for a in node.names
                    if a.name.startswith("_") and a.name != "__version__"
                ]
    assert not bad, bad


def test_module_level_imports_have_no_cycle() -> None:
    graph = {m: {t for t in _imports(p, top_level_only=True) if t in MODULES and t != m} for m, p in MODULES.items()}
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for t in graph[m]:
            if state.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(t) :] + [t]) if t in trail else t)
            if t not in state:
                visit(t, trail + [t])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [m])


def test_no_module_is_longer_than_400_lines() -> None:
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long


def test_the_checker_sees_a_violation() -> None:
    """The rules above must be able to fail: a dataset module importing a chart is caught."""
    assert RANK[_stage("lawgov.charts.figures")] > RANK[_stage("lawgov.dataset.load")]
    assert _imports(MODULES["lawgov.frames.tidy"]) & {m for m in MODULES if _stage(m) == "dataset"}
