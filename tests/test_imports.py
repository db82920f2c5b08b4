"""No module of convert/ takes a private (_name) name of another: by `from x import _y` or by `module._y`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "convert"


def private(name: str) -> bool:
    """A name of a module's inside: a leading underscore, but not a dunder (__version__, __file__)."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(dotted: str) -> bool:
    """True when dotted names a module or package of convert/ (so an attribute of it is one of its names)."""
    if dotted != "convert" and not dotted.startswith("convert."):
        return False
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def absolute(node: ast.ImportFrom, here: str, package: bool) -> str:
    """The module an ImportFrom reads from, relative imports resolved against the importing module."""
    if not node.level:
        return node.module or ""
    base = here.split(".")
    base = base[: len(base) - node.level + (1 if package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def dotted(node: ast.expr) -> list[str] | None:
    """a.b.c as ["a", "b", "c"]; None when the chain does not start with a plain name."""
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.insert(0, node.attr)
        node = node.value
    return [node.id, *names] if isinstance(node, ast.Name) else None


def violations(path: Path, here: str | None = None) -> list[str]:
    """Each place the module at path (called here, by default its name in convert/) takes another convert
    module's private name, as "file:line: what"."""
    here = here or module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE) else path
    found: list[str] = []
    modules: dict[str, str] = {}  # a local name -> the convert module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if any(private(part) for part in alias.name.split(".")) and is_module(alias.name.split(".")[0]):
                    found.append(f"{where}:{node.lineno}: import {alias.name}")
                if alias.asname:
                    modules[alias.asname] = alias.name
                else:
                    modules[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            source = absolute(node, here, path.name == "__init__.py")
            if not is_module(source):
                continue
            for alias in node.names:
                if private(alias.name) or any(private(part) for part in source.split(".")):
                    found.append(f"{where}:{node.lineno}: from {source} import {alias.name}")
                elif is_module(f"{source}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{source}.{alias.name}"
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        chain = dotted(node)
        if chain is None or chain[0] not in modules:
            continue
        target = modules[chain[0]]
        for attribute in chain[1:]:
            if private(attribute):
                found.append(f"{where}:{node.lineno}: {target}.{attribute}")
                break
            if not is_module(f"{target}.{attribute}"):
                break
            target = f"{target}.{attribute}"
    return sorted(set(found))


def test_no_module_takes_a_private_name_of_another() -> None:
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in violations(path)]
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from convert.cli import _Parser\n", ["from convert.cli import _Parser"]),
        ("from .html import _element\n", ["from convert.writers.html import _element"]),
        ("from convert.writers import html\nhtml._element('p')\n", ["convert.writers.html._element"]),
        ("import convert.writers.html as h\nh._break_lines(x)\n", ["convert.writers.html._break_lines"]),
        ("import convert\nconvert.registry._order('x')\n", ["convert.registry._order"]),
        ("import convert\nconvert.__version__\nfrom convert.cli import main\n", []),
        ("from lxml import etree\netree._Element\n", []),
    ],
)
def test_the_check_finds_each_way_of_taking_a_private_name(tmp_path: Path, source: str, expected: list[str]) -> None:
    # Read as if it were convert/writers/probe.py: the check reads files, it imports nothing.
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in violations(path, "convert.writers.probe")]
    assert found == expected
