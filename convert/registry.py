"""Readers and writers by name and file extension, discovered through entry points."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from convert.errors import UsageError
from convert.model import Document
from convert.options import Options

READER_GROUP = "convert.readers"
WRITER_GROUP = "convert.writers"
# The order formats are listed and built in; formats not named here follow alphabetically.
PREFERRED_ORDER = ("html", "pdf", "docx", "epub", "mp3")


@dataclass(frozen=True, slots=True)
class Reader:
    """A reader: source text (or, for binary formats, a source file) in, Document out."""

    name: str
    """The name users give to --from."""
    extensions: tuple[str, ...]
    """File extensions it reads, lower case with the dot."""
    read: Callable[..., Document] | None
    """read(text, *, origin: Path | None) -> Document; None for a binary format, which only reads files."""
    description: str
    """One line for --list-formats."""
    read_path: Callable[[Path], Document] | None = None
    """read_path(path) -> Document for binary formats (a .docx is a zip): given the file, not decoded text."""

    def __post_init__(self) -> None:
        if self.read is None and self.read_path is None:
            raise TypeError(f"reader {self.name!r} needs read or read_path")


@dataclass(frozen=True, slots=True)
class Writer:
    """A writer: Document in, one file (and possibly companions beside it) out."""

    name: str
    """The name users give to --to."""
    extension: str
    """The extension of the main file, with the dot."""
    write: Callable[[Document, Path, Options], None]
    """write(doc, path, options); writes atomically."""
    description: str
    """One line for --list-formats: what the format is good for."""
    companions: tuple[str, ...] = ()
    """Extensions of further files this writer writes beside the main one (".vtt" beside ".mp3")."""
    requires: tuple[str, ...] = ()
    """Formats whose files this one needs beside it, written by their own writers (the read-along page plays
    the mp3 format's file)."""


def _order(name: str) -> tuple[int, str]:
    return (PREFERRED_ORDER.index(name) if name in PREFERRED_ORDER else len(PREFERRED_ORDER), name)


@functools.cache
def writers() -> dict[str, Writer]:
    """Every installed writer by name, in the preferred build order."""
    found = {ep.name: ep for ep in entry_points(group=WRITER_GROUP)}
    return {name: found[name].load() for name in sorted(found, key=_order)}


@functools.cache
def readers() -> dict[str, Reader]:
    """Every installed reader by name."""
    return {ep.name: ep.load() for ep in sorted(entry_points(group=READER_GROUP), key=lambda ep: ep.name)}


def writer(name: str) -> Writer:
    """The writer called name; an unknown name is a UsageError listing the known ones."""
    known = writers()
    if name not in known:
        raise UsageError(f"unknown format {name!r}; known formats: {', '.join(known)}")
    return known[name]


def reader(name: str) -> Reader:
    """The reader called name; an unknown name is a UsageError listing the known ones."""
    known = readers()
    if name not in known:
        raise UsageError(f"unknown input format {name!r}; known input formats: {', '.join(known)}")
    return known[name]


def reader_for(path: Path) -> Reader:
    """The reader for a file, by its extension; an unknown extension is an InputError naming the file."""
    from convert.errors import InputError

    suffix = path.suffix.lower()
    for candidate in readers().values():
        if suffix in candidate.extensions:
            return candidate
    known = sorted(ext for r in readers().values() for ext in r.extensions)
    raise InputError(f"unknown kind of file {suffix or '(no extension)'!r}; readable: {', '.join(known)}", path=path)
