"""Readers and writers by name and file extension, discovered through entry points."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
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


Steps = tuple[tuple[str, str], ...]
"""(device, how to open the file there) pairs."""

WEB_BROWSER: Steps = (
    ("Computer, phone or tablet", "open the file in any web browser (double-click it, or tap it in the Files app)."),
)
"""How to open a web page: the steps every format that is an HTML file shares."""


@dataclass(frozen=True, slots=True)
class FileKind:
    """One kind of file a writer writes, as a bundle's index page presents it: what it is, what for, how to open it."""

    suffix: str
    """What follows the stem and the edition in the file name: ".pdf", ".read-aloud.epub"."""
    title: str
    """What people call it: "PDF document"."""
    good_for: str
    """What it is good for, as a phrase: "for printing"."""
    how_to_open: Steps
    """(device, how to open it there) pairs."""
    embeds_fonts: bool = False
    """The file carries our fonts, so their licence goes with it."""
    spoken: bool = False
    """The file carries the synthetic voice, so the voice and its licence go with it."""
    audio: bool = False
    """The index page plays it, with the transcript of the same name (.vtt) as its captions."""
    follows: str = ""
    """The suffix of the file this one is a variant of (the read-aloud book of ".epub"): listed right after it."""

    def __post_init__(self) -> None:
        if not (self.suffix and self.title and self.good_for and self.how_to_open):
            raise TypeError(
                f"file kind {self.suffix!r} needs a suffix, a title, what it is good for and how to open it"
            )


@dataclass(frozen=True, slots=True)
class Writer:
    """A writer: Document in, one file (and possibly companions beside it) out, each described for its readers."""

    name: str
    """The name users give to --to."""
    write: Callable[[Document, Path, Options], None]
    """write(doc, path, options); writes atomically."""
    description: str
    """One line for --list-formats: what the format is good for, claiming only what the tests check."""
    files: tuple[FileKind, ...]
    """Every file it writes, the main one first, then its companions beside it (".vtt" beside ".mp3")."""
    requires: tuple[str, ...] = ()
    """Formats whose files this one needs beside it, written by their own writers (the read-along page plays
    the mp3 format's file)."""

    def __post_init__(self) -> None:
        if not self.description or not self.files:
            raise TypeError(f"writer {self.name!r} needs a description and the files it writes")

    @property
    def extension(self) -> str:
        """The suffix of the main file, with the dot."""
        return self.files[0].suffix

    @property
    def companions(self) -> tuple[str, ...]:
        """The suffixes of the further files it writes beside the main one."""
        return tuple(kind.suffix for kind in self.files[1:])

    @property
    def title(self) -> str:
        """What people call its main file: "Word document"."""
        return self.files[0].title


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


def file_kinds(chosen: Iterable[Writer]) -> list[FileKind]:
    """Every kind of file the writers write, in their order, each variant right after the file it follows."""
    listed: list[FileKind] = []
    for kind in (kind for writer_ in chosen for kind in writer_.files):
        if any(known.suffix == kind.suffix for known in listed):
            continue
        after = [i for i, known in enumerate(listed) if kind.follows and kind.follows in (known.suffix, known.follows)]
        listed.insert(after[-1] + 1 if after else len(listed), kind)
    return listed
