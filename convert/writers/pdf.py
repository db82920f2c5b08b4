"""Tagged PDF/UA-1: the HTML writer's page laid out by WeasyPrint with embedded fonts, bookmarks and print CSS."""

from __future__ import annotations

import contextlib
import io
import logging
import re
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from convert import __version__
from convert.errors import ConvertError, ConvertWarning, MissingDependency, UsageError
from convert.fileio import write_bytes_atomic
from convert.images import Image, Loader
from convert.limits import MAX_PDF_TEXT_CHARS
from convert.model import Code, CodeBlock, Document, Figure, Table, Text
from convert.options import Options
from convert.registry import Writer
from convert.reproducible import build_time
from convert.themes import document_css, font_face_css, print_css, styles_dir, theme_fonts
from convert.walk import query, walk
from convert.writers import html

PDF_VARIANT = "pdf/ua-1"
RELATIVE_BASE = "file:///accessconvert-source/"
"""Where relative URLs point while WeasyPrint lays out; a folder that holds nothing and is never read."""
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
# Beyond this many cells WeasyPrint needs minutes and gigabytes; such a table belongs in html or docx.
MAX_TABLE_CELLS = 50_000
# Wider tables squeeze every column to a few letters on a portrait page.
WIDE_TABLE_COLUMNS = 10
# How WeasyPrint writes the marked-content opener of a text run: "/Span <</MCID 12>> BDC".
_WEIGHT_RANGE = re.compile(r"^\s*font-weight:\s*[\d.]+\s+[\d.]+;\n", re.MULTILINE)
_MARKED_SPAN = re.compile(rb"/Span\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


# The stylesheet and page ------------------------------------------------------


def stylesheet(options: Options) -> str:
    """The CSS for the PDF: the theme's embedded faces, the theme, the print rules and the paper size."""
    if options.paper not in PAPER_SIZES:
        raise UsageError(f"unknown paper size {options.paper!r}; paper sizes: {', '.join(PAPER_SIZES)}")
    faces = font_face_css(theme_fonts(options.theme), lambda face: face.path.as_uri())
    # WeasyPrint 70 rejects weight ranges; a variable face is then its default instance, varied by the theme's
    # font-variation-settings.
    faces = _WEIGHT_RANGE.sub("", faces)
    paper = f"@page {{ size: {PAPER_SIZES[options.paper]}; }}\n"
    return faces + document_css(options.theme, options.css) + "\n" + print_css() + paper


@dataclass
class ServedImages:
    """The document's images for WeasyPrint: each checked once, then served from memory by the fetcher.

    They are named by their content (IMAGE_SCHEME:<digest><ext>), so a picture used a hundred times is one
    image in the PDF, and the PDF does not change when the source folder moves.
    """

    loader: Loader
    """The one image path."""
    served: dict[str, Image] = field(default_factory=dict)
    """URL in the page -> the image the fetcher serves for it."""

    def __call__(self, node: Figure) -> html.ImageRef | None:
        """The URL the page uses for node's image; None when the image cannot be used."""
        from convert.pdf_fetcher import IMAGE_SCHEME

        image = self.loader.load(node.src)
        if image is None:
            return None
        url = f"{IMAGE_SCHEME}:{image.digest}{image.extension}"
        self.served[url] = image
        return html.ImageRef(src=url)


def html_page(doc: Document, options: Options, images: ServedImages | None = None) -> str:
    """The HTML WeasyPrint lays out: the HTML writer's page with the print stylesheet and PDF metadata."""
    images = images if images is not None else ServedImages(Loader(options.resource_dir))
    root = html.page(doc, options, css=stylesheet(options), place_image=images)
    head = root.find("head")
    # WeasyPrint turns these into the PDF's Creator and CreationDate, fixed by SOURCE_DATE_EPOCH.
    created = build_time().strftime("%Y-%m-%dT%H:%M:%SZ")
    head.append(etree.Element("meta", name="generator", content=f"accessconvert {__version__}"))
    head.append(etree.Element("meta", name="dcterms.created", content=created))
    head.append(etree.Element("meta", name="dcterms.modified", content=created))
    if doc.meta.description and head.find("meta[@name='description']") is None:
        head.append(etree.Element("meta", name="description", content=doc.meta.description))
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html") + "\n"


def check_size(doc: Document) -> None:
    """Refuse a document or a table too big to lay out, and warn about tables too wide for the page."""
    characters = sum(len(node.text) for node in walk(doc) if isinstance(node, Text | Code | CodeBlock))
    if characters > MAX_PDF_TEXT_CHARS:
        raise ConvertError(
            f"the document has {characters:,} characters of text; the PDF writer lays out at most "
            f"{MAX_PDF_TEXT_CHARS:,} (about 1,000 pages): split it, or use the html, docx or epub format"
        )
    check_tables(doc)


def check_tables(doc: Document) -> None:
    """Refuse tables too big to lay out and warn about tables too wide for the page."""
    for number, table in enumerate(query(doc, Table), start=1):
        rows = table.head + table.rows
        cells = sum(len(row) for row in rows)
        if cells > MAX_TABLE_CELLS:
            raise ConvertError(
                f"table {number} has {cells:,} cells; the PDF writer lays out at most {MAX_TABLE_CELLS:,}: "
                "split the table, or use the html or docx format"
            )
        columns = max((len(row) for row in rows), default=0)
        if columns > WIDE_TABLE_COLUMNS:
            warnings.warn(
                f"table {number} has {columns} columns; on paper its columns will be very narrow",
                ConvertWarning,
                stacklevel=2,
            )


# Rendering --------------------------------------------------------------------


class _LogToWarnings(logging.Handler):
    """WeasyPrint's warnings and errors (an image it could not decode, a missing file) as ConvertWarnings."""

    def emit(self, record: logging.LogRecord) -> None:
        from convert.pdf_fetcher import REFUSED

        if _is_stylesheet_record(record):
            # Our own CSS, not the user's document: for developers, not a warning.
            logging.getLogger(__name__).info("stylesheet: %s", record.getMessage())
            return
        message = record.getMessage()
        if REFUSED not in message:  # the fetcher already warned, naming the URL
            warnings.warn(f"PDF: {message}", ConvertWarning, stacklevel=2)


def _is_stylesheet_record(record: logging.LogRecord) -> bool:
    """A remark about our own CSS (a screen-only media query WeasyPrint skips), not about the user's document."""
    parts = Path(record.pathname).parts
    return "weasyprint" in parts and "css" in parts[parts.index("weasyprint") :]


@contextlib.contextmanager
def _weasyprint_log() -> Iterator[None]:
    """Route WeasyPrint's log to warnings instead of its own stderr handler, for the duration."""
    logger = logging.getLogger("weasyprint")
    saved = logger.handlers[:], logger.propagate
    logger.handlers[:] = [_LogToWarnings(logging.WARNING)]
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers[:], logger.propagate = saved


@dataclass
class _TagRecord:
    """What WeasyPrint's tagging saw: the source of each structure element, and the MCIDs of page margins."""

    sources: dict[int, tuple[object, str]] = field(default_factory=dict)
    """Object number of a structure element -> (HTML element, tag) it was built from."""
    margins: dict[int, set[int]] = field(default_factory=dict)
    """Page index -> MCIDs of text drawn in the page margins (running title, page number)."""


@contextlib.contextmanager
def _recording_tags(record: _TagRecord) -> Iterator[None]:
    """Note, while WeasyPrint tags a document, which HTML element each structure element comes from.

    WeasyPrint builds the structure tree page by page, so an element split across a page break
    (main, a list, a long paragraph) becomes one structure element per page. Knowing the source
    of each lets _repair_structure join them again.
    """
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    # WeasyPrint's own signature; the recursion inside it calls back through the module, so through this.
    def recording(box, parent, pdf, page_number, nums, annotations, marked):  # type: ignore[no-untyped-def]
        source = box._box if isinstance(box, AbsolutePlaceholder) else box
        if isinstance(source, boxes.MarginBox):
            before = {tag["mcid"] for tag in marked.values()}
            yield from original(box, parent, pdf, page_number, nums, annotations, marked)
            after = {tag["mcid"] for tag in marked.values()}
            record.margins.setdefault(page_number, set()).update(before - after)
            return
        for element in original(box, parent, pdf, page_number, nums, annotations, marked):
            if source.element is not None:
                record.sources[element.number] = (source.element, source.element_tag)
            yield element

    tags._build_box_tree = recording
    try:
        yield
    finally:
        tags._build_box_tree = original


def render(doc: Document, options: Options) -> bytes:
    """The PDF/UA-1 bytes for doc."""
    load_weasyprint()  # before the fetcher, which imports it too: a missing library is said once, clearly
    from convert.pdf_fetcher import LockedFetcher

    check_size(doc)
    images = ServedImages(Loader(options.resource_dir))
    page_html = html_page(doc, options, images)
    # The source folder is no root: the document's images come checked, from memory, never as files. Nor is it
    # the base of relative links, which stay relative: the PDF never holds (or depends on) where the source was.
    roots = [styles_dir(), *(face.path.parent for face in theme_fonts(options.theme))]
    return render_html(page_html, None, LockedFetcher(roots, images.served))


PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"
"""The Debian packages of the layout libraries WeasyPrint loads (not on PyPI)."""


def load_weasyprint() -> object:
    """The weasyprint module; MissingDependency (exit 3) naming the packages when its system libraries are absent."""
    try:
        # WeasyPrint prints a banner on stdout when a library is missing; our error line says it instead.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError as error:
        raise MissingDependency(
            f"the PDF writer needs Pango, which WeasyPrint could not load ({error}); "
            f"install it with: sudo apt-get install {PANGO_PACKAGES}"
        ) from None
    return weasyprint


def render_html(page_html: str, base: Path | None, fetcher: object) -> bytes:
    """Lay out an HTML page with WeasyPrint through fetcher, then repair its structure tree.

    Relative URLs are resolved against base (a folder), or, without one, against a placeholder that the
    PDF's links are cut back from, so they stay relative.
    """
    weasyprint = load_weasyprint()
    record = _TagRecord()
    base_url = base.as_uri() + "/" if base else RELATIVE_BASE
    try:
        with _weasyprint_log(), _recording_tags(record):
            document = weasyprint.HTML(string=page_html, base_url=base_url, url_fetcher=fetcher).render(
                pdf_variant=PDF_VARIANT
            )
            data = document.write_pdf(pdf_variant=PDF_VARIANT)
    except (RecursionError, MemoryError) as error:
        raise ConvertError(
            f"the document is too deeply nested or too large to lay out as PDF ({type(error).__name__})"
        ) from None
    except OSError as error:
        # WeasyPrint writes the fonts it embeds to temporary files first: a full disk stops it there.
        where = error.filename or f"its temporary files in {tempfile.gettempdir()}"
        raise ConvertError(f"the PDF cannot be laid out: {error.strerror or error} ({where})") from None
    return _repair_structure(data, record, RELATIVE_BASE if base is None else "")


# Structure repair -------------------------------------------------------------


def _repair_structure(data: bytes, record: _TagRecord, relative_base: str = "") -> bytes:
    """Join structure elements split by page breaks, turn page-margin text into artifacts, keep relative links so."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        if relative_base:
            _relative_links(pdf, relative_base)
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        moved: dict[tuple[int, int], pikepdf.Object] = {}  # (page index, MCID or -1 - StructParent) -> new parent
        tree = pdf.Root.StructTreeRoot
        for element in tree.K:
            _join_split_elements(element, record, pages, moved)
        for index, mcids in record.margins.items():
            if mcids:
                _mark_artifacts(pdf.pages[index], mcids)
        _update_parent_tree(tree.ParentTree, record, moved)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _relative_links(pdf: object, base: str) -> None:
    """Cut the placeholder base off link targets WeasyPrint made absolute: "other.html" stays "other.html"."""
    import pikepdf

    for page in pdf.pages:  # type: ignore[attr-defined]
        for annotation in page.get("/Annots", []):
            action = annotation.get("/A")
            if isinstance(action, pikepdf.Dictionary) and str(action.get("/URI", "")).startswith(base):
                action.URI = pikepdf.String(str(action.URI)[len(base) :])


def _is_struct(item: object) -> bool:
    import pikepdf

    return isinstance(item, pikepdf.Dictionary) and "/S" in item


def _same_source(first: object, second: object, record: _TagRecord) -> bool:
    a = record.sources.get(first.objgen[0])
    b = record.sources.get(second.objgen[0])
    # Only elements on different pages: two elements of one page are two boxes WeasyPrint meant separately.
    return a is not None and b is not None and a[0] is b[0] and a[1] == b[1] and first.Pg.objgen != second.Pg.objgen


def _join_split_elements(element: object, record: _TagRecord, pages: dict, moved: dict) -> None:
    """Merge each run of siblings built from one HTML element on successive pages into the first of them."""
    import pikepdf

    kids = element.get("/K")
    if not isinstance(kids, pikepdf.Array):
        return
    joined: list[object] = []
    grown: list[object] = []
    for kid in kids:
        if joined and _is_struct(kid) and _is_struct(joined[-1]) and _same_source(joined[-1], kid, record):
            _absorb(joined[-1], kid, pages, moved)
            if not grown or grown[-1] is not joined[-1]:
                grown.append(joined[-1])
        else:
            joined.append(kid)
    if len(joined) != len(kids):
        element.K = pikepdf.Array(joined)
    # Only a joined element holds children from several pages, so only there can more splits remain.
    for survivor in grown:
        _join_split_elements(survivor, record, pages, moved)


def _absorb(first: object, second: object, pages: dict, moved: dict) -> None:
    """Move second's children into first, keeping each marked-content reference on its own page."""
    import pikepdf

    page = second.Pg
    page_index = pages[page.objgen]
    for kid in second.K:
        if isinstance(kid, int):
            first.K.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=kid))
            moved[(page_index, int(kid))] = first
        elif _is_struct(kid):
            kid.P = first
            first.K.append(kid)
        else:
            if kid.get("/Type") == pikepdf.Name.OBJR and "/StructParent" in kid.Obj:
                moved[(-1, int(kid.Obj.StructParent))] = first
            first.K.append(kid)


def _mark_artifacts(page: object, mcids: set[int]) -> None:
    """Rewrite the page's marked text runs with these MCIDs as /Artifact, so screen readers skip them."""
    import pikepdf

    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    for stream in streams:
        data = stream.read_bytes()
        changed = _MARKED_SPAN.sub(lambda m: b"/Artifact BMC" if int(m.group(1)) in mcids else m.group(0), data)
        if changed != data:
            stream.write(changed)


def _update_parent_tree(parent_tree: object, record: _TagRecord, moved: dict) -> None:
    """Point the parent tree at joined elements, and drop the margin MCIDs that are now artifacts."""
    import pikepdf

    nums = parent_tree.Nums
    for position in range(0, len(nums), 2):
        key, value = int(nums[position]), nums[position + 1]
        if isinstance(value, pikepdf.Array):
            margin = record.margins.get(key, set())
            entries = list(value)
            for mcid in range(len(entries)):
                if mcid in margin:
                    entries[mcid] = None
                elif (key, mcid) in moved:
                    entries[mcid] = moved[(key, mcid)]
            while entries and entries[-1] is None:
                entries.pop()
            if margin or any((key, mcid) in moved for mcid in range(len(entries))):
                nums[position + 1] = pikepdf.Array(entries)
        elif (-1, key) in moved:
            nums[position + 1] = moved[(-1, key)]


# The writer -------------------------------------------------------------------


def write(doc: Document, path: Path, options: Options) -> None:
    """Write doc as a tagged PDF/UA-1 file to path, atomically."""
    try:
        data = render(doc, options)
    except ConvertError as error:
        if error.path is None:
            error.path = Path(path)
        raise
    write_bytes_atomic(path, data)


WRITER = Writer(
    name="pdf",
    extension=".pdf",
    write=write,
    description="tagged PDF/UA for print and screen readers; embedded fonts, bookmarks, page numbers",
)
