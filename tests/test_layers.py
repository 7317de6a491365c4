"""The package's layers: imports point one way, and there is no import cycle.

Every import in rcp_docs is read with `ast`: at module level, inside functions, and under
TYPE_CHECKING alike (a cycle that only type checking sees is still a cycle a reader must untangle).
The layers, from the bottom: `base` (shared text and files), `source` (reading framework.yml),
`structure` (the model, the page registry, the change record), `check` (validation), then `site`
(rendering) and `editors` (diff and releases) side by side, and `publish` (the build, the plugin,
the CLI, the engines) on top. A module may import its own subpackage and the layers below it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rcp_docs"
LAYERS = {"base": 0, "source": 1, "structure": 2, "check": 3, "site": 4, "editors": 4, "publish": 5}
TOP = 6  # rcp_docs/__main__.py and rcp_docs/__init__.py


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(imported module of rcp_docs, line) for every import statement anywhere in the file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "rcp_docs":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "rcp_docs":
                continue
            for alias in node.names:  # `from . import model` imports the module rcp_docs.x.model
                sub = f"{target}.{alias.name}"
                yield (sub if sub in known else target), node.lineno


def _graph() -> dict[str, list[tuple[str, int]]]:
    known = _modules()
    return {module: list(_imports(module, path, known)) for module, path in known.items()}


def _layer(module: str) -> tuple[str, int]:
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in LAYERS:
        return parts[1], LAYERS[parts[1]]
    return "", TOP


def test_every_module_is_in_a_layer() -> None:
    loose = [m for m in _modules() if _layer(m)[1] == TOP and m not in {"rcp_docs", "rcp_docs.__main__"}]
    assert loose == []


def test_imports_point_down() -> None:
    wrong = []
    for module, imports in _graph().items():
        name, rank = _layer(module)
        for target, line in imports:
            target_name, target_rank = _layer(target)
            if target_name == name:
                continue
            if target_rank >= rank:
                wrong.append(f"{module}:{line} imports {target} ({target_name or 'top'} is not below "
                             f"{name or 'top'})")
    assert wrong == []


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, []):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    graph = {module: sorted({t for t, _ in imports if t != "rcp_docs"})
             for module, imports in _graph().items()}
    assert _cycles(graph) == []


@pytest.mark.parametrize("graph, expected", [
    ({"a": ["b"], "b": ["a"]}, [["a", "b"]]),
    ({"a": ["b"], "b": ["c"], "c": []}, []),
    ({"a": ["a"]}, [["a"]]),
    ({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}, [["a", "b", "c"]]),
])
def test_the_cycle_finder_finds_cycles(graph: dict[str, list[str]], expected: list[list[str]]) -> None:
    assert _cycles(graph) == expected


def test_the_import_reader_sees_every_kind_of_import() -> None:
    """Relative, absolute, function-level and TYPE_CHECKING imports are all edges."""
    graph = dict(_graph())
    edges = {t for t, _ in graph["rcp_docs.publish.build"]}
    assert "rcp_docs.base.options" in edges  # module level
    assert "rcp_docs.source.load" in edges  # inside a function
