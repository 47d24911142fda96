"""The house rules of docs/architecture.md ("Layout rules"), checked on the source: the stages'
packages import one another in one direction only, and no module takes a private name from
another package."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "timeline"


def _module(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _runtime_imports(tree: ast.Module) -> list[ast.ImportFrom]:
    """``from … import …`` at run time: inside functions too, never under ``TYPE_CHECKING``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for n in ast.walk(node)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and id(n) not in skipped]


def _imports() -> list[tuple[str, str, list[str]]]:
    """(importing module, imported module, names) for every relative import in timeline/."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = _module(path)
        base = here if path.name == "__init__.py" else here[:-1]
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if not node.level:
                continue
            target = base[: len(base) - (node.level - 1)] + ([node.module] if node.module else [])
            found.append((".".join(here), ".".join(target), [a.name for a in node.names]))
    return found


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_packages_import_one_another_in_one_direction() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target, _ in _imports():
        if _package(source) != _package(target):
            graph[_package(source)].add(_package(target))
    assert "timeline.events" in graph  # the walk saw the stages
    assert _cycles(graph) == []


def test_no_private_name_crosses_a_package() -> None:
    crossing = [
        f"{source} imports {name} from {target}"
        for source, target, names in _imports()
        for name in names
        if name.startswith("_")
        and not name.startswith("__")
        and _package(source) != _package(target)
    ]
    assert crossing == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
