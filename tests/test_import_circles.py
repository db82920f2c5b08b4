"""No import circles between the modules of convert/, read from the source with ast.

What counts as an import of module B by module A:
- every `import B` and `from B import name` in A, at module level and also inside functions and methods: a
  circle through a function-level import is still a circle (the two modules cannot be understood, tested or
  moved apart), it only fails later, at run time, instead of at import time;
- `from package import name` where package.name is a module counts as importing package.name;
- `import convert` or `from convert import name` (a name that is not a module) imports the package itself,
  convert/__init__.py;
- imports under `if TYPE_CHECKING:` are left out: they never run, and exist only for annotations;
- the implicit import of a parent package (importing convert.a.b runs convert/__init__.py and
  convert/a/__init__.py first) is left out: it is Python's mechanics, not a dependency the module states;
- imports named as text (entry points in pyproject.toml, importlib.import_module("...")) are not imports: the
  registries find their readers, writers and engines that way on purpose, so that a registry never depends on
  what it registers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest

from tests.test_imports import PACKAGE, module_name

MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _import_nodes_of(other)
            continue
        yield from _import_nodes_of(child)


def _import_nodes_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    yield from _import_nodes(node)


def imports(module: str) -> set[str]:
    """The modules of convert/ that module imports, by the rules in this file's docstring."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*anchor, *([base] if base else [])])
        for alias in node.names:
            found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {name for name in found if name in MODULES and name != module}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted, in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_import_circles() -> None:
    graph = {module: imports(module) for module in MODULES}
    found = circles(graph)
    described = [
        " <-> ".join(c) + ": " + "; ".join(f"{a} -> {b}" for a in c for b in sorted(graph[a]) if b in c) for c in found
    ]
    assert not found, "import circles:\n" + "\n".join(described)


def test_the_reader_of_imports_sees_what_it_must() -> None:
    # Relative, function-level and package-member imports are all seen; TYPE_CHECKING ones are not.
    assert "convert.writers.html" in imports("convert.writers.epub")  # from convert.writers import html
    assert "convert.speech.engine_piper" not in imports("convert.speech.engines")
    engines = imports("convert.speech.narration")
    assert "convert.speech.engines" in engines
    assert {"convert.model", "convert.walk"} <= imports("convert.readability")


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}}, [["a", "b", "c"]]),
    ],
)
def test_circles_are_found(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert circles(graph) == expected
