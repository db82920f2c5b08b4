"""accessconvert: one source document into accessible HTML, PDF, Word, EPUB and audio editions.

The Python API: read() a source into a Document, write() it in a format, or convert() in one step.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from pathlib import Path

from convert import registry
from convert.errors import ConvertError, ConvertWarning, InputError, MissingDependency, UsageError
from convert.limits import MAX_INPUT_BYTES
from convert.model import Document
from convert.options import Options, check_lang
from convert.registry import Writer
from convert.source import clean_text, load
from convert.transforms.prepare import prepare
from convert.transforms.sentences import mark, unmark

__all__ = [
    "ConvertError",
    "ConvertWarning",
    "Document",
    "InputError",
    "MissingDependency",
    "Options",
    "UsageError",
    "bundle",
    "convert",
    "edition",
    "formats",
    "make_options",
    "output_path",
    "read",
    "simplify",
    "simplify_text",
    "verify",
    "write",
]
__version__ = "0.1.0"

# Editions are transforms of the whole Document; "full" is the source as written.
EDITIONS: dict[str, str] = {"full": "", "child": "convert.transforms.child:simplify"}
EDITION_THEMES = {"child": "child"}


def simplify_text(text: str) -> str:
    """One English paragraph in, its plain version out (a list as "- " lines after its lead-in)."""
    # The child edition needs spaCy: loaded only when asked for.
    from convert.transforms.child import simplify_paragraphs

    return simplify_paragraphs(read("Text\n\n" + " ".join(text.split())))


def __getattr__(name: str) -> object:
    """bundle and verify, imported on first use so plain conversions do not load them."""
    if name in ("bundle", "verify"):
        return getattr(importlib.import_module("convert.bundles"), name)
    raise AttributeError(f"module 'convert' has no attribute {name!r}")


def formats() -> list[str]:
    """The names of every installed output format, in build order."""
    return list(registry.writers())


def _names_file(source: str) -> bool:
    """True when source names an existing file or folder (a folder is then refused as a document)."""
    if "\n" in source or not source.strip() or len(source) > 4096:
        return False
    try:
        return Path(source).exists()
    except (OSError, ValueError):  # a name too long for the system, or with a NUL byte
        return False


def read(source: Path | str, *, format: str | None = None, lang: str = "") -> Document:
    """Read a source into a prepared Document: a file, or a text.

    A Path is always a file. A str is a file only when it names an existing one; any other str is the
    text itself ("Version 2.0 is out" is a sentence, not a file name). format names the reader (by
    default the file's extension decides; a text is read as plain text); lang overrides the language.
    The Document has its sentences marked (convert.transforms.sentences): every spoken format takes its
    sentences and their ids from there.
    """
    if lang:
        lang = check_lang(lang)
    if isinstance(source, Path) or _names_file(source):
        path = Path(source)
        if path.is_dir():
            raise InputError("is a directory, not a document", path=path)
        chosen = registry.reader(format) if format else registry.reader_for(path)
        if chosen.read_path is not None:
            doc = chosen.read_path(path)
        else:
            assert chosen.read is not None
            doc = chosen.read(load(path), origin=path)
    else:
        chosen = registry.reader(format or "text")
        if chosen.read is None:
            raise UsageError(f"the {chosen.name} reader reads files, not text: give the path of the document")
        if len(source) > MAX_INPUT_BYTES:
            raise InputError(f"the text is longer than {MAX_INPUT_BYTES:,} characters, the largest source read")
        text = clean_text(source)
        if not text.strip():
            raise InputError("the text is empty: there is nothing to convert")
        doc = chosen.read(text, origin=None)
    return mark(prepare(doc, lang=lang))


def edition(doc: Document, name: str) -> Document:
    """The document as the named edition: "full" unchanged, "child" in plain language.

    An edition transform works on the document without sentence marks; the edition it makes is prepared
    and marked again, as read() does.
    """
    if name not in EDITIONS:
        raise UsageError(f"unknown edition {name!r}; editions: {', '.join(EDITIONS)}")
    target = EDITIONS[name]
    if not target:
        return doc
    module_name, _, function = target.partition(":")
    try:
        transform: Callable[[Document], Document] = getattr(importlib.import_module(module_name), function)
    except ModuleNotFoundError as error:
        raise MissingDependency(f"the {name} edition needs {error.name}, which is not installed") from None
    return mark(prepare(transform(unmark(doc))))


def simplify(doc: Document) -> Document:
    """The child edition of doc: plain language for readers aged 8 to 12 (the same as edition(doc, "child"))."""
    return edition(doc, "child")


def make_options(**settings: object) -> Options:
    """Options from keyword settings; an unknown setting is a UsageError naming the known ones."""
    known = {f.name for f in fields(Options)}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise UsageError(f"unknown option {', '.join(unknown)}; options: {', '.join(sorted(known))}")
    return Options(**settings)  # type: ignore[arg-type]


def write(doc: Document, path: Path | str, *, to: str | None = None, **settings: object) -> Path:
    """Write doc to path in the format named by `to`, or guessed from the path's extension.

    A format that needs another's file beside it (the read-aloud page plays the mp3) has that written first,
    from the same narration.
    """
    from convert.speech.narration import shared

    path = Path(path)
    chosen = registry.writer(to) if to else _writer_for_extension(path)
    options = make_options(**settings)
    stem = path.name[: -len(chosen.extension)] if path.name.lower().endswith(chosen.extension) else path.stem
    with shared():
        for needed in resolve_formats([*chosen.requires]):
            needed.write(doc, path.with_name(stem + needed.extension), options)
        chosen.write(doc, path, options)
    return path


def _writer_for_extension(path: Path) -> Writer:
    # The longest extension the name ends with: "x.read-aloud.epub" is a read-aloud book, not a plain EPUB.
    name = path.name.lower()
    matching = [c for c in registry.writers().values() if name.endswith(c.extension)]
    if matching:
        return max(matching, key=lambda c: len(c.extension))
    raise UsageError(
        f"cannot tell the format from {path.name!r}; name one with to=, among: {', '.join(registry.writers())}"
    )


def output_path(out_dir: Path, stem: str, edition_name: str, chosen: Writer | str) -> Path:
    """Where a file of an edition goes: OUT/<stem>/<stem>.<ext>, the child edition as <stem>.child.<ext>.

    chosen is a writer (its main file) or the suffix of one of the files it writes (".vtt", "-review.html").
    """
    infix = "" if edition_name == "full" else f".{edition_name}"
    suffix = chosen if isinstance(chosen, str) else chosen.extension
    return Path(out_dir) / stem / f"{stem}{infix}{suffix}"


def names(value: str | Iterable[str], what: str) -> list[str]:
    """A list of names from a str ("html", or "html,pdf") or from any iterable of them; none at all is refused."""
    items = value.split(",") if isinstance(value, str) else list(value)
    found = [str(item).strip() for item in items if str(item).strip()]
    if not found:
        raise UsageError(f"no {what} given")
    return found


def resolve_formats(formats: Iterable[str]) -> list[Writer]:
    """Writers for format names ("all" means every installed one), unknown names refused; a format that
    requires another (read-aloud needs mp3) comes after it."""
    result: list[Writer] = []

    def add(chosen: Writer) -> None:
        if chosen in result:
            return
        for needed in chosen.requires:
            add(registry.writer(needed))
        result.append(chosen)

    for name in formats:
        for chosen in registry.writers().values() if name == "all" else (registry.writer(name),):
            add(chosen)
    return result


def convert(
    source: Path | str,
    to: str | Iterable[str] = ("html",),
    out_dir: Path | str = "out",
    *,
    editions: str | Iterable[str] = ("full",),
    format: str | None = None,
    on_output: Callable[[str, Path], None] | None = None,
    review: bool = False,
    read_aloud: bool = False,
    **settings: object,
) -> list[Path]:
    """Read a source file and write each format of each edition under out_dir; return the paths written.

    review=True also writes <stem>.child-review.html beside the child edition, for an editor to check it.
    read_aloud=True adds the "read-aloud" format: <stem>.read-aloud.epub and <stem>.read-along.html (with
    the mp3 format, whose <stem>.mp3 the page plays). Each edition is narrated once, whatever formats
    are asked for.

    on_output, when given, is called as on_output("start", path) before and on_output("done", path)
    after each file, for progress displays.
    """
    from convert.speech.narration import shared

    path = Path(source)
    to, editions = names(to, "format"), names(editions, "edition")
    targets = resolve_formats([*to, "read-aloud"] if read_aloud else to)
    for name in editions:
        if name not in EDITIONS:
            raise UsageError(f"unknown edition {name!r}; editions: {', '.join(EDITIONS)}")
    options = make_options(**settings)
    doc = read(path, format=format, lang=options.lang)
    options = replace(options, resource_dir=options.resource_dir or path.resolve().parent)
    written: list[Path] = []
    for name in editions:
        version = edition(doc, name)
        themed = replace(options, edition=name)
        if options.theme == "default":
            themed = replace(themed, theme=EDITION_THEMES.get(name, "default"))
        # One narration of the edition serves every spoken format: it is synthesised once.
        with shared():
            for chosen in targets:
                target = output_path(Path(out_dir), path.stem, name, chosen)
                if on_output:
                    on_output("start", target)
                chosen.write(version, target, themed)
                written.append(target)
                if on_output:
                    on_output("done", target)
        if review and name == "child":
            from convert.plain.review import PAGE, write_review

            target = output_path(Path(out_dir), path.stem, name, PAGE.suffix)
            if on_output:
                on_output("start", target)
            write_review(unmark(doc), target)
            written.append(target)
            if on_output:
                on_output("done", target)
    return written
