"""Tagged PDF/UA-1: the HTML writer's page laid out by WeasyPrint with embedded fonts, bookmarks and print CSS."""

from __future__ import annotations

import contextlib
import io
import itertools
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
from convert.ids import unique
from convert.images import Image, Loader
from convert.limits import MAX_PDF_TEXT_CHARS
from convert.model import Code, CodeBlock, Document, Figure, Table, Text
from convert.options import Options
from convert.registry import FileKind, Writer
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
_WEIGHT_RANGE = re.compile(r"^\s*font-weight:\s*[\d.]+\s+[\d.]+;\n", re.MULTILINE)
# How WeasyPrint opens a run of marked content: "/Span <</MCID 12>> BDC".
_MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
BOX_ID = "pdf-box"
"""The prefix of the ids mark_boxes gives block elements, to learn from WeasyPrint which pages each is on."""
SPLITTABLE = frozenset(
    str.split(
        "main section article aside nav header footer div blockquote figure figcaption ul ol dl li dt dd p pre"
        " table caption thead tbody tfoot tr th td h1 h2 h3 h4 h5 h6"
    )
)
"""Block elements, which a page break can split."""
REPEATED_GROUPS = frozenset({"thead", "tfoot"})
# The structure type WeasyPrint's tagging gives each HTML element (the elements our pages hold).
STRUCTURE_TYPES = {
    "main": "/Part", "article": "/Art", "section": "/Sect", "blockquote": "/BlockQuote", "p": "/P", "div": "/Div",
    "ul": "/L", "ol": "/L", "dl": "/L", "li": "/LI", "dt": "/LI", "dd": "/LI", "table": "/Table", "thead": "/THead",
    "tbody": "/TBody", "tfoot": "/TFoot", "tr": "/TR", "th": "/TH", "td": "/TD", "caption": "/Caption",
    "figcaption": "/Caption", **{f"h{level}": f"/H{level}" for level in range(1, 7)},
}  # fmt: skip
# The structure types of anonymous boxes (a list item's body, text beside blocks), which have no element of their own.
ANONYMOUS_TYPES = frozenset({"/NonStruct", "/LBody"})


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
    return html.page_text(root)


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

    def __init__(self, level: int, *, decorative: bool = False) -> None:
        super().__init__(level)
        self.decorative = decorative
        """Every image without alt text is decorative: WeasyPrint's complaint about it is not news."""

    def emit(self, record: logging.LogRecord) -> None:
        from convert.pdf_fetcher import REFUSED

        if _is_stylesheet_record(record):
            # Our own CSS, not the user's document: for developers, not a warning.
            logging.getLogger(__name__).info("stylesheet: %s", record.getMessage())
            return
        message = record.getMessage()
        if self.decorative and "has no required alt description" in message:
            return
        if REFUSED not in message:  # the fetcher already warned, naming the URL
            warnings.warn(f"PDF: {message}", ConvertWarning, stacklevel=2)


def _is_stylesheet_record(record: logging.LogRecord) -> bool:
    """A remark about our own CSS (a screen-only media query WeasyPrint skips), not about the user's document."""
    parts = Path(record.pathname).parts
    return "weasyprint" in parts and "css" in parts[parts.index("weasyprint") :]


@contextlib.contextmanager
def _weasyprint_log(*, decorative: bool = False) -> Iterator[None]:
    """Route WeasyPrint's log to warnings instead of its own stderr handler, for the duration."""
    logger = logging.getLogger("weasyprint")
    saved = logger.handlers[:], logger.propagate
    logger.handlers[:] = [_LogToWarnings(logging.WARNING, decorative=decorative)]
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers[:], logger.propagate = saved


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
    """Lay out an HTML page with WeasyPrint through fetcher, then repair the structure tree it wrote.

    Relative URLs are resolved against base (a folder), or, without one, against a placeholder that the
    PDF's links are cut back from, so they stay relative.
    """
    weasyprint = load_weasyprint()
    marked, boxes = mark_boxes(page_html)
    decorative = decorative_only(page_html)
    base_url = base.as_uri() + "/" if base else RELATIVE_BASE
    try:
        with _weasyprint_log(decorative=decorative):
            document = weasyprint.HTML(string=marked, base_url=base_url, url_fetcher=fetcher).render(
                pdf_variant=PDF_VARIANT
            )
            # Which elements have a box on each page: an element on two successive pages was split by the break.
            on_pages = [set(page.anchors) & boxes.keys() for page in document.pages]
            data = document.write_pdf(pdf_variant=PDF_VARIANT)
    except (RecursionError, MemoryError) as error:
        raise ConvertError(
            f"the document is too deeply nested or too large to lay out as PDF ({type(error).__name__})"
        ) from None
    except OSError as error:
        # WeasyPrint writes the fonts it embeds to temporary files first: a full disk stops it there.
        where = error.filename or f"its temporary files in {tempfile.gettempdir()}"
        raise ConvertError(f"the PDF cannot be laid out: {error.strerror or error} ({where})") from None
    chains = split_chains(on_pages, boxes)
    return repair_structure(
        data, chains, boxes, decorative=decorative, relative_base=RELATIVE_BASE if base is None else ""
    )


# Which elements a page break splits -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Box:
    """A block element of the page laid out: its tag and the nearest enclosing block element with an id."""

    tag: str
    """The HTML tag."""
    parent: str
    """The id of the enclosing block element, "" at the top."""


def decorative_only(page_html: str) -> bool:
    """Whether every image of the page without a text alternative is marked decorative (alt="")."""
    import lxml.html

    root = lxml.html.document_fromstring(page_html)
    return all(image.get("alt") is not None for image in root.iter("img"))


def mark_boxes(page_html: str) -> tuple[str, dict[str, Box]]:
    """The page with an id on every block element of its body (WeasyPrint reports them per page), and their boxes.

    Ids in the page are kept; the ones added start with BOX_ID and are removed from the PDF's named destinations.
    """
    import lxml.html

    root = lxml.html.document_fromstring(page_html)
    body = root.find("body")
    boxes: dict[str, Box] = {}
    if body is None:
        return page_html, boxes
    taken = {element.get("id") for element in root.iter() if isinstance(element.tag, str) and element.get("id")}
    counters: dict[str, int] = {}
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag not in SPLITTABLE:
            continue
        identifier = element.get("id")
        if not identifier or identifier in boxes:
            identifier = unique(BOX_ID, taken, numbered=True, counters=counters)
            element.set("id", identifier)
        parent = next((a.get("id") for a in element.iterancestors() if a.get("id") in boxes), "")
        boxes[identifier] = Box(element.tag, parent or "")
    return html.page_text(root), boxes


def _inside(identifier: str, ancestor: str, boxes: dict[str, Box]) -> bool:
    while identifier:
        identifier = boxes[identifier].parent
        if identifier == ancestor:
            return True
    return False


def _repeated(identifier: str, boxes: dict[str, Box]) -> bool:
    """Whether the element is a table's header or footer group (or inside one), which WeasyPrint draws again."""
    while identifier:
        if boxes[identifier].tag in REPEATED_GROUPS:
            return True
        identifier = boxes[identifier].parent
    return False


def split_chains(on_pages: list[set[str]], boxes: dict[str, Box]) -> list[list[str]]:
    """For each page break, the elements it splits, outermost first (each inside the one before)."""
    chains = []
    for before, after in itertools.pairwise(on_pages):
        both = {i for i in before & after if not _repeated(i, boxes)}
        chain: list[str] = []
        for identifier in boxes:  # in document order
            if identifier in both and (not chain or _inside(identifier, chain[-1], boxes)):
                chain.append(identifier)
        chains.append(chain)
    return chains


# Structure repair -------------------------------------------------------------


@dataclass
class _Repair:
    """What repairing one PDF needs to remember until the parent tree is rewritten."""

    pdf: object
    """The pikepdf.Pdf."""
    pages: dict[tuple[int, int], int]
    """Page object -> page index."""
    moved: dict[tuple[int, int], object] = field(default_factory=dict)
    """(page index, MCID) or (-1, StructParent) -> the structure element that now holds it."""
    artifacts: dict[int, set[int]] = field(default_factory=dict)
    """Page index -> MCIDs whose content becomes an artifact."""

    def page_of(self, element: object) -> int:
        """The page index of a structure element (or marked-content reference)."""
        return self.pages[element.Pg.objgen]


def repair_structure(
    data: bytes, chains: list[list[str]], boxes: dict[str, Box], *, decorative: bool = False, relative_base: str = ""
) -> bytes:
    """PDF/UA structure from WeasyPrint's: split elements joined, lists, tables and links as PDF/UA wants them.

    - an element a page break splits is one structure element again (WeasyPrint tags page by page);
    - a table's header row, drawn again on each page, is an artifact after the first;
    - text outside the structure tree (the running title and page numbers) is an artifact;
    - every list item holds a label (Lbl) and a body (LBody), and a nested list sits in its item's body;
    - every link annotation is in a Link element (WeasyPrint gives one to an element inside a link too);
    - header cells say what they head (/Scope), link annotations are printable;
    - with decorative, a figure without a text alternative is an artifact (the page marked each such image
      decorative with alt="");
    - link targets made absolute against relative_base (a placeholder) are cut back to relative.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        if relative_base:
            _relative_links(pdf, relative_base)
        repair = _Repair(pdf, {page.obj.objgen: index for index, page in enumerate(pdf.pages)})
        tree = pdf.Root.StructTreeRoot
        document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
        for page, chain in enumerate(chains):
            if chain:
                _join_at_break(document, page, chain, boxes, repair)
        _orphans_to_artifacts(tree, repair)
        if decorative:
            _decorative_figures(document, repair)
        _links_in_link_elements(document, repair)
        for element in _elements(document):
            match str(element.S):
                case "/L":
                    _list_kids(element, repair)
                case "/LI":
                    _list_item_kids(element, repair)
                case "/TH":
                    _header_scope(element)
        for index, mcids in repair.artifacts.items():
            _mark_artifacts(pdf.pages[index], mcids)
        _update_parent_tree(tree.ParentTree, repair)
        _printable_links(pdf)
        _drop_box_destinations(pdf)
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


def _kids(element: object) -> list[object]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _set_kids(element: object, kids: list[object]) -> None:
    import pikepdf

    element.K = pikepdf.Array(kids)


def _elements(root: object) -> Iterator[object]:
    """Every structure element below root, parents before children (a list, as repairs change the tree)."""
    found = []
    stack = [root]
    while stack:
        element = stack.pop()
        found.append(element)
        stack.extend(kid for kid in reversed(_kids(element)) if _is_struct(kid))
    return iter(found[1:])


def _join_at_break(document: object, page: int, chain: list[str], boxes: dict[str, Box], repair: _Repair) -> None:
    """Join the elements split by the break after page (index) into the structure elements of the page before."""
    kids = _kids(document)
    after = next((i for i, k in enumerate(kids) if _is_struct(k) and repair.page_of(k) == page + 1), None)
    if not after or not _is_struct(kids[after - 1]):
        return
    if _join(kids[after - 1], kids[after], chain, 0, "/Document", boxes, repair):
        _set_kids(document, kids[:after] + kids[after + 1 :])


def _join(first: object, second: object, chain: list[str], depth: int, parent: str, boxes: dict[str, Box],
          repair: _Repair) -> bool:  # fmt: skip
    """Move second (the continuation on the next page) into first when they are one element split by the break."""
    if not (_is_struct(first) and _is_struct(second)) or first.S != second.S:
        return False
    kind = str(first.S)
    if depth < len(chain) and STRUCTURE_TYPES.get(boxes[chain[depth]].tag, "/NonStruct") == kind:
        depth += 1
    elif not (0 < depth < len(chain) and (kind in ANONYMOUS_TYPES or kind == parent)):
        # Only an anonymous box (an item's body, a run of text) wraps the split element further down the chain.
        return False
    if kind == "/Table":
        _drop_repeated_header(first, second, repair)
    if kind == "/TR" and _join_cells(first, second, repair):
        return True
    first_kids = [k for k in _kids(first) if _is_struct(k)]
    second_kids = _kids(second)
    if first_kids and second_kids and _join(first_kids[-1], second_kids[0], chain, depth, kind, boxes, repair):
        _set_kids(second, second_kids[1:])
    for kid in _kids(second):
        _adopt(first, kid, second, repair)
    return True


def _join_cells(first: object, second: object, repair: _Repair) -> bool:
    """A table row split by the break continues in every cell at once: each cell joins the one above it."""
    above = [k for k in _kids(first) if _is_struct(k)]
    below = [k for k in _kids(second) if _is_struct(k)]
    if len(above) != len(below) or len(below) != len(_kids(second)):
        return False
    for cell, continued in zip(above, below, strict=True):
        for kid in _kids(continued):
            _adopt(cell, kid, continued, repair)
    return True


def _adopt(parent: object, kid: object, owner: object, repair: _Repair) -> None:
    """Append kid (a child of owner) to parent's children, keeping each marked-content item on its own page."""
    import pikepdf

    if isinstance(kid, int):
        page = repair.page_of(owner)
        if repair.page_of(parent) != page:
            kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=owner.Pg, MCID=kid)
        repair.moved[(page, int(kid if isinstance(kid, int) else kid.MCID))] = parent
    elif _is_struct(kid):
        kid.P = parent
    elif kid.get("/Type") == pikepdf.Name.MCR:
        repair.moved[(repair.pages[(kid.Pg if "/Pg" in kid else owner.Pg).objgen], int(kid.MCID))] = parent
    elif kid.get("/Type") == pikepdf.Name.OBJR and "/StructParent" in kid.Obj:
        repair.moved[(-1, int(kid.Obj.StructParent))] = parent
    if not isinstance(kid, int) and not _is_struct(kid) and "/Pg" not in kid and "/Pg" in owner:
        kid.Pg = owner.Pg
    parent.K.append(kid) if isinstance(parent.get("/K"), pikepdf.Array) else _set_kids(parent, [*_kids(parent), kid])


def _content_items(element: object, owner_page: int, repair: _Repair) -> Iterator[tuple[int, int]]:
    """(page index, MCID) of every marked-content item inside element."""
    page = repair.page_of(element) if "/Pg" in element else owner_page
    for kid in _kids(element):
        if isinstance(kid, int):
            yield page, int(kid)
        elif _is_struct(kid):
            yield from _content_items(kid, page, repair)
        elif "/MCID" in kid:
            yield (repair.pages[kid.Pg.objgen] if "/Pg" in kid else page), int(kid.MCID)


def _drop_repeated_header(first: object, second: object, repair: _Repair) -> None:
    """The header rows a continued table draws again become artifacts; its cells point to the first page's headers."""
    import pikepdf

    heads = [k for k in _kids(first) if _is_struct(k) and k.S == "/THead"]
    again = [k for k in _kids(second) if _is_struct(k) and k.S == "/THead"]
    if not heads or not again:
        return
    renamed = {}
    for old, new in zip(_header_ids(again[0]), _header_ids(heads[0]), strict=False):
        renamed[old] = new
    for group in again:
        for page, mcid in _content_items(group, repair.page_of(second), repair):
            repair.artifacts.setdefault(page, set()).add(mcid)
    dropped = {group.objgen for group in again}
    _set_kids(second, [k for k in _kids(second) if not (_is_struct(k) and k.objgen in dropped)])
    for element in _elements(second):
        headers = element.get("/A", {}).get("/Headers") if "/A" in element else None
        if headers is not None:
            element.A.Headers = pikepdf.Array([renamed.get(str(h), h) for h in headers])


def _header_ids(group: object) -> list[str]:
    return [str(e.ID) for e in _elements(group) if e.S == "/TH" and "/ID" in e]


def _orphans_to_artifacts(tree: object, repair: _Repair) -> None:
    """Text whose structure element is not in the tree (WeasyPrint's page margins) becomes an artifact."""
    import pikepdf

    reachable = {element.objgen for element in _elements(tree)}
    nums = tree.ParentTree.Nums
    for position in range(0, len(nums), 2):
        key, value = int(nums[position]), nums[position + 1]
        if isinstance(value, pikepdf.Array):
            for mcid, owner in enumerate(value):
                if _is_struct(owner) and owner.objgen not in reachable:
                    repair.artifacts.setdefault(key, set()).add(mcid)


def _links_in_link_elements(document: object, repair: _Repair) -> None:
    """Move each link annotation held by another element (code or emphasis inside a link) into its Link element."""
    import pikepdf

    for element in _elements(document):
        if element.S == "/Link":
            continue
        kids = _kids(element)
        links = [
            kid
            for kid in kids
            if isinstance(kid, pikepdf.Dictionary)
            and kid.get("/Type") == pikepdf.Name.OBJR
            and kid.Obj.get("/Subtype") == "/Link"
        ]
        if not links:
            continue
        owner = element.get("/P")
        while owner is not None and _is_struct(owner) and owner.S != "/Link":
            owner = owner.get("/P")
        if owner is None or not _is_struct(owner):
            # No Link around it: the element holding the annotation is the link.
            element.S = pikepdf.Name.Link
            continue
        moved = {kid.objgen for kid in links}
        _set_kids(element, [k for k in kids if not (isinstance(k, pikepdf.Dictionary) and k.objgen in moved)])
        for kid in links:
            _adopt(owner, kid, element, repair)


def _decorative_figures(document: object, repair: _Repair) -> None:
    """Figures without /Alt (decorative images) leave the tree; what they draw becomes an artifact."""
    for element in _elements(document):
        if element.S != "/Figure" or "/Alt" in element or "/ActualText" in element:
            continue
        for page, mcid in _content_items(element, repair.page_of(element), repair):
            repair.artifacts.setdefault(page, set()).add(mcid)
        # A wrapper left empty (the figure around the image) goes too: an empty element means nothing.
        while True:
            parent = element.P
            _set_kids(parent, [k for k in _kids(parent) if not (_is_struct(k) and k.objgen == element.objgen)])
            if _kids(parent) or str(parent.get("/S")) not in ("/NonStruct", "/Div", "/P"):
                break
            element = parent


def _list_kids(element: object, repair: _Repair) -> None:
    """A list holds only list items: a nested list WeasyPrint put beside the items goes into its item's body."""
    import pikepdf

    kids = _kids(element)
    if not any(_is_struct(k) and k.S == "/L" for k in kids):
        return
    kept: list[object] = []
    for kid in kids:
        if _is_struct(kid) and kid.S == "/L":
            item = kept[-1] if kept and _is_struct(kept[-1]) and kept[-1].S == "/LI" else None
            if item is None:
                item = _new_element(repair, "/LI", element, kid.Pg)
                kept.append(item)
            body = _body_of(item, repair)
            kid.P = body
            body.K.append(kid)
        else:
            kept.append(kid)
    element.K = pikepdf.Array(kept)


def _list_item_kids(element: object, repair: _Repair) -> None:
    """A list item holds its label (Lbl) and one body (LBody) with everything else, in order."""
    kids = _kids(element)
    bodies = [k for k in kids if _is_struct(k) and k.S == "/LBody"]
    if len(bodies) <= 1 and all(_is_struct(k) and k.S in ("/Lbl", "/LBody") for k in kids):
        return
    labels = [k for k in kids if _is_struct(k) and k.S == "/Lbl"]
    body = bodies[0] if bodies else _new_element(repair, "/LBody", element, element.Pg)
    _fill_body(element, body, kids, labels, repair)


def _fill_body(item: object, body: object, kids: list[object], labels: list[object], repair: _Repair) -> None:
    """Put every kid of item that is not a label into body, in order; the item then holds labels and body."""
    import pikepdf

    contents: list[tuple[object, object]] = []  # (kid, its owner)
    label_ids = {label.objgen for label in labels}
    for kid in kids:
        if _is_struct(kid) and kid.objgen in label_ids:
            continue
        if _is_struct(kid) and kid.S == "/LBody":
            contents.extend((inner, kid) for inner in _kids(kid))
        else:
            contents.append((kid, item))
    _set_kids(body, [])
    for kid, owner in contents:
        _adopt(body, kid, owner, repair)
    item.K = pikepdf.Array([*labels, body])


def _new_element(repair: _Repair, kind: str, parent: object, page: object) -> object:
    import pikepdf

    return repair.pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(kind), P=parent, Pg=page, K=pikepdf.Array())
    )


def _body_of(item: object, repair: _Repair) -> object:
    """The item's LBody, made when it has none (its other kids move into it)."""
    labels = [k for k in _kids(item) if _is_struct(k) and k.S == "/Lbl"]
    bodies = [k for k in _kids(item) if _is_struct(k) and k.S == "/LBody"]
    body = bodies[0] if bodies else _new_element(repair, "/LBody", item, item.Pg)
    _fill_body(item, body, _kids(item), labels, repair)
    return body


def _header_scope(cell: object) -> None:
    """/Scope on a header cell: /Column in a header row group or an all-header row, else /Row."""
    import pikepdf

    row = cell.get("/P")
    group = row.get("/P") if row is not None else None
    cells = [k for k in _kids(row) if _is_struct(k)] if row is not None else []
    column = (group is not None and group.get("/S") == "/THead") or all(k.S == "/TH" for k in cells)
    attributes = cell.get("/A")
    if attributes is None:
        cell.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
        attributes = cell.A
    if "/Scope" not in attributes:
        attributes.Scope = pikepdf.Name.Column if column else pikepdf.Name.Row


def _mark_artifacts(page: object, mcids: set[int]) -> None:
    """Rewrite the page's marked text runs with these MCIDs as /Artifact, so screen readers skip them."""
    import pikepdf

    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    for stream in streams:
        data = stream.read_bytes()
        changed = _MARKED.sub(lambda m: b"/Artifact BMC" if int(m.group(2)) in mcids else m.group(0), data)
        if changed != data:
            stream.write(changed)


def _update_parent_tree(parent_tree: object, repair: _Repair) -> None:
    """Point the parent tree at the elements that now hold each item, and drop the items that became artifacts."""
    import pikepdf

    nums = parent_tree.Nums
    for position in range(0, len(nums), 2):
        key, value = int(nums[position]), nums[position + 1]
        if isinstance(value, pikepdf.Array):
            artifacts = repair.artifacts.get(key, set())
            entries = list(value)
            changed = False
            for mcid in range(len(entries)):
                if mcid in artifacts:
                    entries[mcid], changed = None, True
                elif (key, mcid) in repair.moved:
                    entries[mcid], changed = repair.moved[(key, mcid)], True
            if changed:
                nums[position + 1] = pikepdf.Array(entries)
        elif (-1, key) in repair.moved:
            nums[position + 1] = repair.moved[(-1, key)]


def _printable_links(pdf: object) -> None:
    """Link annotations print, as the text around them does (WeasyPrint leaves their flags unset)."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == "/Link" and "/F" not in annotation:
                annotation.F = 4


def _drop_box_destinations(pdf: object) -> None:
    """Remove the named destinations of the ids mark_boxes added; nothing links to them."""
    import pikepdf

    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    tree = pikepdf.NameTree(names.Dests)
    for key in [key for key in tree if key.startswith(f"{BOX_ID}-")]:
        del tree[key]


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
    write=write,
    description="tagged PDF/UA for print and screen readers; embedded fonts, bookmarks, page numbers",
    files=(
        FileKind(
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
    ),
)
