"""What the bundle tests share: the short note, and reading, unpacking and following the links of a zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import html as lxml_html

EPOCH = "1729123200"
NOTE = """A short note about rivers
Vienna
Rivers carry water to the sea and give life to the land around them.
Why rivers matter
People drink river water and farmers use it for crops.
"""
CHEAP = ("html", "docx", "mp3")


def read(zip_path: Path, name: str) -> str:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.read(name).decode("utf-8")


def unpack(zip_path: Path, into: Path) -> Path:
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(into)
    return into


def links(page: Path) -> list[str]:
    tree = lxml_html.parse(str(page))
    return [value for element in tree.iter() for attr in ("href", "src") if (value := element.get(attr)) is not None]


def check_links(folder: Path, names: set[str]) -> None:
    page = folder / "index.html"
    tree = lxml_html.parse(str(page))
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    found = links(page)
    assert found
    for target in found:
        assert "://" not in target and not target.startswith(("//", "/", "mailto:", "data:")), target
        if target.startswith("#"):
            assert target[1:] in ids, target
        else:
            assert target in names, f"{target} is not in the bundle"
