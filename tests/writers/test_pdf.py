"""The PDF writer: PDF/UA structure, fonts, text, page furniture, paper, fetcher lockdown and bad input."""

from __future__ import annotations

import collections
import difflib
import http.server
import io
import os
import re
import subprocess
import sys
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pikepdf
import pypdf
import pytest

import convert
from convert.errors import ConvertError, ConvertWarning
from convert.model import (
    Code,
    Document,
    Emph,
    Figure,
    Heading,
    Link,
    List,
    ListItem,
    Meta,
    Paragraph,
    Strong,
    Table,
    Text,
)
from convert.options import Options
from convert.pdf_fetcher import LockedFetcher
from convert.transforms.prepare import prepare
from convert.walk import plain_text, query
from convert.writers import pdf as pdf_writer
from tests.conftest import SEED

EPOCH = "1729123200"


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "black").save(out, format="PNG")
    return out.getvalue()


PNG_1PX = _png()


# Reading a PDF back ---------------------------------------------------------------


@dataclass
class Element:
    """One structure element, with the text of its marked content in reading order."""

    tag: str
    text: str
    alt: str | None
    pages: frozenset[int]
    depth: int


def words(text: str) -> list[str]:
    """Lower-case words, punctuation and bullets dropped, for comparing texts."""
    return re.findall(r"[\w’']+", text.lower().replace("’", "'"))


def marked_texts(data: bytes) -> tuple[dict[tuple[int, object], str], dict[int, int]]:
    """Text of each marked-content run by (page index, MCID or "/Artifact"), and page object number -> index."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    texts: dict[tuple[int, object], str] = collections.defaultdict(str)
    started: set[int] = set()
    for index, page in enumerate(reader.pages):
        stack: list[object] = []

        def before(op: bytes, args: list, cm: object, tm: object, stack: list = stack) -> None:
            if op == b"BDC":
                stack.append(args[1].get("/MCID") if hasattr(args[1], "get") else str(args[0]))
            elif op == b"BMC":
                stack.append(str(args[0]))
            elif op == b"EMC":
                stack.pop()

        def text(
            t: str, cm: object, tm: object, font: object, size: float, stack: list = stack, index: int = index
        ) -> None:
            if stack:
                # A page break is a line break, which pypdf only marks within a page.
                texts[(index, stack[-1])] += ("\n" if index not in started else "") + t
                started.add(index)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    return texts, pages


def structure(data: bytes) -> list[Element]:
    """Every structure element in reading order (depth first), with its text."""
    texts, pages = marked_texts(data)
    result: list[Element] = []

    def visit(element: pikepdf.Dictionary, depth: int) -> tuple[str, set[int]]:
        page = pages.get(element.Pg.objgen[0]) if "/Pg" in element else None
        parts: list[str] = []
        seen: set[int] = set()
        entry = Element(str(element.S)[1:], "", str(element.Alt) if "/Alt" in element else None, frozenset(), depth)
        result.append(entry)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, int):
                parts.append(texts.get((page, int(kid)), ""))
                seen.add(page)
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                text, kid_pages = visit(kid, depth + 1)
                parts.append(text)
                seen |= kid_pages
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                kid_page = pages[kid.Pg.objgen[0]]
                parts.append(texts.get((kid_page, int(kid.MCID)), ""))
                seen.add(kid_page)
        entry.text = "".join(parts)
        entry.pages = frozenset(seen)
        return entry.text, seen

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for element in pdf.Root.StructTreeRoot.K:
            visit(element, 0)
    return result


def render(doc: Document, options: Options | None = None) -> bytes:
    """The PDF bytes for doc, as SOURCE_DATE_EPOCH builds make them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return pdf_writer.render(doc, options or Options())


# The seed, built once --------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return convert.read(SEED)


@pytest.fixture(scope="module")
def seed_pdf(seed_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    target = tmp_path_factory.mktemp("seed") / "seed.pdf"
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        convert.write(seed_doc, target, to="pdf", resource_dir=SEED.parent)
    assert [str(w.message) for w in caught] == [], "the seed converts without any warning"
    return target.read_bytes()


@pytest.fixture(scope="module")
def seed_structure(seed_pdf: bytes) -> list[Element]:
    return structure(seed_pdf)


def test_catalog_marks_a_tagged_titled_pdf_ua(seed_pdf: bytes, seed_doc: Document) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == seed_doc.meta.title
        assert str(pdf.docinfo.Creator).startswith("accessconvert")
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert seed_doc.meta.title in str(xmp.get("dc:title"))


def test_metadata_has_author_and_subject_when_known() -> None:
    meta = Meta(
        "A short note", lang="fr", authors=("Ada Lovelace", "Alan Turing"), description="What the note is about"
    )
    data = render(Document(meta, (Paragraph((Text("Bonjour tout le monde."),)),)))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "fr"
        assert "Ada Lovelace" in str(pdf.docinfo.Author) and "Alan Turing" in str(pdf.docinfo.Author)
        assert str(pdf.docinfo.Subject) == "What the note is about"


def test_headings_list_and_paragraphs_in_reading_order(seed_structure: list[Element], seed_doc: Document) -> None:
    tags = [e.tag for e in seed_structure]
    assert tags.count("H1") == 1
    assert words(next(e.text for e in seed_structure if e.tag == "H1")) == words(seed_doc.meta.title)
    h2 = [words(e.text) for e in seed_structure if e.tag == "H2"]
    assert h2 == [words(plain_text(h)) for h in seed_doc.blocks if isinstance(h, Heading) and h.level == 2]
    assert len(h2) == 5
    lists = [i for i, e in enumerate(seed_structure) if e.tag == "L"]
    assert len(lists) == 1
    depth = seed_structure[lists[0]].depth
    items = [e for e in seed_structure[lists[0] + 1 :] if e.depth == depth + 1]
    items = items[: next((n for n, e in enumerate(items) if e.tag != "LI"), len(items))]
    assert [words(e.text) for e in items] == [words(plain_text(item)) for item in query(seed_doc, ListItem)]
    # Every paragraph of the model (but the tight list items' text) is one P, in order.
    in_items = {id(b) for item in query(seed_doc, ListItem) for b in item.blocks}
    expected = [words(plain_text(p)) for p in query(seed_doc, Paragraph) if id(p) not in in_items]
    paragraphs = [words(e.text) for e in seed_structure if e.tag == "P"]
    found = iter(paragraphs)
    assert all(any(p == q for q in found) for p in expected), "every paragraph appears, in order"
    header_lines = sum(bool(x) for x in (seed_doc.meta.subtitle, seed_doc.meta.dateline or seed_doc.meta.date))
    assert len(paragraphs) == len(expected) + header_lines


def test_every_font_is_embedded_and_the_face_is_atkinson(seed_pdf: bytes) -> None:
    names = set()
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                names.add(str(font.BaseFont))
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
    assert names and all("Atkinson-Hyperlegible" in n for n in names), names
    # Subset: a six-letter tag before the name.
    assert all(re.match(r"/[A-Z]{6}\+", n) for n in names), names


def test_tagged_text_matches_the_source_words(seed_structure: list[Element], seed_doc: Document) -> None:
    document = next(e for e in seed_structure if e.tag == "Document")
    source = (
        words(plain_text(seed_doc))
        if seed_doc.meta.title in plain_text(seed_doc)
        else words(" ".join([seed_doc.meta.title, seed_doc.meta.dateline, seed_doc.meta.date, plain_text(seed_doc)]))
    )
    tagged = words(document.text)
    assert difflib.SequenceMatcher(None, source, tagged, autojunk=False).ratio() >= 0.99


def test_bookmarks_follow_every_heading(seed_pdf: bytes, seed_doc: Document) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf, pdf.open_outline() as outline:
        top = outline.root
        assert [words(i.title) for i in top] == [words(seed_doc.meta.title)]
        assert [words(i.title) for i in top[0].children] == [
            words(plain_text(h)) for h in seed_doc.blocks if isinstance(h, Heading)
        ]


def test_page_numbers_and_running_title_are_artifacts(seed_pdf: bytes, seed_doc: Document) -> None:
    texts, _ = marked_texts(seed_pdf)
    pages = len(pypdf.PdfReader(io.BytesIO(seed_pdf)).pages)
    assert pages >= 2
    artifacts = {page: text for (page, mcid), text in texts.items() if mcid == "/Artifact"}
    for page in range(pages):
        assert f"{page + 1} / {pages}" in artifacts[page]
    assert words(seed_doc.meta.title) == words(artifacts[1].replace(f"2 / {pages}", ""))
    tagged = " ".join(text for (page, mcid), text in texts.items() if mcid != "/Artifact")
    assert f"1 / {pages}" not in tagged


def test_same_input_gives_the_same_bytes(seed_pdf: bytes, seed_doc: Document) -> None:
    assert render(seed_doc, Options(resource_dir=SEED.parent)) == seed_pdf


def test_paper_is_a4_by_default_and_letter_on_request(seed_pdf: bytes) -> None:
    letter = render(Document(Meta("Letter"), (Paragraph((Text("Short."),)),)), Options(paper="letter"))
    sizes = {}
    for name, data in (("a4", seed_pdf), ("letter", letter)):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            sizes[name] = [round(float(v)) for v in pdf.pages[0].MediaBox][2:]
    assert sizes == {"a4": [595, 842], "letter": [612, 792]}
    with pytest.raises(convert.UsageError, match="paper"):
        pdf_writer.render(Document(Meta("x")), Options(paper="a3"))


# Split paragraphs -------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_doc(seed_doc: Document) -> Document:
    text = plain_text(seed_doc).split()
    paragraphs = []
    for n in range(112):
        start = (n * 97) % (len(text) - 150)
        paragraphs.append(Paragraph((Text(f"Paragraph {n}: " + " ".join(text[start : start + 150])),)))
    return Document(Meta("A long document", lang="en"), tuple(paragraphs))


@pytest.fixture(scope="module")
def long_pdf(long_doc: Document) -> bytes:
    # Large print: a hundred pages from less text, so the test stays quick.
    return render(long_doc, Options(theme="large-print"))


def test_split_paragraphs_are_one_structure_element(long_pdf: bytes, long_doc: Document) -> None:
    elements = structure(long_pdf)
    assert len(pypdf.PdfReader(io.BytesIO(long_pdf)).pages) >= 100
    paragraphs = [e for e in elements if e.tag == "P"]
    assert [words(e.text) for e in paragraphs] == [words(plain_text(p)) for p in long_doc.blocks]
    assert sum(len(e.pages) > 1 for e in paragraphs) >= 20, "many paragraphs do cross a page break"
    assert [e.tag for e in elements].count("Part") == 1


# Figures, the fetcher and bad input --------------------------------------------------


def test_figures_carry_their_alt_text(tmp_path: Path) -> None:
    (tmp_path / "dot.png").write_bytes(PNG_1PX)
    doc = Document(
        Meta("Pictures"),
        (Figure("dot.png", "A single black dot", (Text("The dot"),)), Paragraph((Text("After."),))),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render(doc, Options(resource_dir=tmp_path))
    assert [str(w.message) for w in caught] == []
    figures = [e for e in structure(data) if e.tag == "Figure"]
    assert [f.alt for f in figures] == ["A single black dot"]
    assert "Caption" in [e.tag for e in structure(data)]


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG_1PX)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> object:
    _CountingHandler.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _refusals(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, ConvertWarning) and "refused" in str(w.message)]


def test_fetcher_refuses_files_outside_and_the_network(tmp_path: Path, server: object) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG_1PX)
    (source / "inside.png").write_bytes(PNG_1PX)
    port = server.server_address[1]
    remote = f"http://127.0.0.1:{port}/tracker.png"
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Probe</title>
<link rel="stylesheet" href="{remote}?css"></head><body><h1>Probe</h1>
<p><img src="file:///etc/passwd" alt="one"><img src="../secret.png" alt="two">
<img src="{remote}" alt="three"><img src="inside.png" alt="four"></p></body></html>"""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fetcher = LockedFetcher([source])
        data = pdf_writer.render_html(page, source, fetcher)
    assert _CountingHandler.requests == []
    refused = _refusals(caught)
    assert len(refused) == 4
    for url in ("file:///etc/passwd", "secret.png", remote, f"{remote}?css"):
        assert any(url in message for message in refused), url
    assert not any("inside.png" in m for m in refused)
    figures = structure(data)
    assert "four" in [e.alt for e in figures if e.tag == "Figure"]
    passwd = Path("/etc/passwd").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        images = [im for page in pdf.pages for im in page.get_images().values()]
        streams = b"".join(obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream))
    assert len(images) == 1, "only the image beside the source is in the PDF"
    assert b"root:x:0:0" not in streams and passwd[:40] not in streams


def test_document_images_go_through_the_one_image_path(tmp_path: Path, server: object) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG_1PX)
    remote = f"http://127.0.0.1:{server.server_address[1]}/image.png"
    doc = Document(
        Meta("Refusals"),
        (
            Figure("file:///etc/passwd", "a"),
            Figure("../secret.png", "b"),
            Figure(remote, "c"),
            Paragraph((Text("End."),)),
        ),
    )
    target = tmp_path / "out.pdf"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        convert.write(doc, target, to="pdf", resource_dir=source)
    assert _CountingHandler.requests == []
    refused = [str(w.message) for w in caught if "left out" in str(w.message)]
    assert len(refused) == 3
    for url in ("/etc/passwd", "secret.png", remote):
        assert any(url in message for message in refused), url
    data = target.read_bytes()
    assert data.startswith(b"%PDF-1.7") and b"root:x:0:0" not in data


def test_undecodable_image_is_a_warning_and_the_pdf_is_made(tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nthis is not an image at all")
    doc = Document(Meta("Broken"), (Figure("broken.png", "Broken picture"), Paragraph((Text("Still here."),))))
    target = tmp_path / "broken.pdf"
    with pytest.warns(ConvertWarning, match="broken.png"):
        convert.write(doc, target, to="pdf", resource_dir=tmp_path)
    assert "Still here." in "".join(e.text for e in structure(target.read_bytes()))


def test_enormous_table_is_a_clear_error_and_leaves_the_old_file(tmp_path: Path) -> None:
    row = tuple((Text(str(n)),) for n in range(10))
    doc = Document(Meta("Huge"), (Table((row,), (row,) * 6000),))
    target = tmp_path / "huge.pdf"
    target.write_bytes(b"previous output")
    with pytest.raises(ConvertError, match=r"table 1 has 60,010 cells") as failure:
        convert.write(doc, target, to="pdf")
    assert failure.value.path == target and "huge.pdf" in str(failure.value)
    assert target.read_bytes() == b"previous output"
    assert [p.name for p in tmp_path.iterdir()] == ["huge.pdf"]


def test_wide_table_is_a_warning() -> None:
    cells = tuple((Text(f"c{n}"),) for n in range(14))
    with pytest.warns(ConvertWarning, match="14 columns"):
        data = render(Document(Meta("Wide"), (Table((cells,), (cells,)),)))
    assert [e.tag for e in structure(data)].count("TD") == 14


def test_cli_writes_pdf_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "note.txt"
    source.write_text("A short note\nIt has one paragraph of text that is long enough to read.\n", encoding="utf-8")
    from convert.cli import main

    assert (
        main([str(source), "--to", "pdf", "--paper", "letter", "--theme", "dyslexia", "-o", str(tmp_path), "-q"]) == 0
    )
    data = (tmp_path / "note" / "note.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert [round(float(v)) for v in pdf.pages[0].MediaBox][2:] == [612, 792]
    assert "Traceback" not in capsys.readouterr().err


def test_emphasis_inlines_render(tmp_path: Path) -> None:
    doc = Document(
        Meta("Inline"),
        (
            Paragraph(
                (Text("Plain, "), Emph((Text("emphasised"),)), Text(" and "), Strong((Text("strong"),)), Text("."))
            ),
        ),
    )
    data = render(doc)
    text = " ".join(e.text for e in structure(data) if e.tag == "P")
    assert words(text) == ["plain", "emphasised", "and", "strong"]


def test_list_of_three_items_is_l_with_three_li() -> None:
    items = tuple(ListItem((Paragraph((Text(f"item {n}"),)),)) for n in range(3))
    elements = structure(render(Document(Meta("List"), (List(items),))))
    assert [e.tag for e in elements].count("L") == 1
    assert [e.tag for e in elements].count("LI") == 3


def test_missing_layout_libraries_are_a_missing_dependency(tmp_path: Path) -> None:
    # Pango cannot be removed from under a test, so the import fails the way WeasyPrint's does without it.
    fake = tmp_path / "site" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise OSError(\"cannot load library 'libgobject-2.0-0'\")\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "convert", str(SEED), "--to", "html,pdf", "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(fake.parent)},
    )
    assert done.returncode == 3, done.stderr
    assert "sudo apt-get install libpango-1.0-0" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""  # no banner from the library
    written = sorted(p.name for p in out.rglob("*"))
    assert written == [SEED.stem, f"{SEED.stem}.html"]  # the HTML stays; no PDF and no part file


# The structure repaired after WeasyPrint ------------------------------------------


def _structure(data: bytes) -> tuple[list[tuple[str, str, list[str]]], dict[int, str]]:
    """(type, parent type, kid types) of every structure element, and each annotation's structure parent type."""
    found: list[tuple[str, str, list[str]]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stack = [(pdf.Root.StructTreeRoot.K[0], "")]
        while stack:
            element, parent = stack.pop()
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            structs = [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            found.append((str(element.S), parent, [str(k.S) for k in structs]))
            if element.S == "/TH":
                found.append(("TH-scope", "", [str(element.A.get("/Scope", ""))]))
            if element.S == "/Figure":
                found.append(("Figure-alt", "", [str(element.get("/Alt", ""))]))
            stack.extend((k, str(element.S)) for k in structs)
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        owners = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        links = {
            int(annotation.StructParent): str(owners[int(annotation.StructParent)].S)
            for page in pdf.pages
            for annotation in page.obj.get("/Annots", [])
            if annotation.get("/Subtype") == "/Link"
        }
    return found, links


def test_lists_tables_links_and_figures_are_tagged_as_pdf_ua_wants_across_pages(tmp_path: Path) -> None:
    (tmp_path / "dot.png").write_bytes(PNG_1PX)
    items = tuple(ListItem((Paragraph((Text(f"Step {n}: " + "read the notes with care. " * 4),)),)) for n in range(40))
    inner = List(tuple(ListItem((Paragraph((Text(word),)),)) for word in ("one", "two")))
    nested = ListItem((Paragraph((Text("Parts:"),)), inner))
    rows = tuple(((Text(f"Row {n}"),), (Text(str(n * 7)),)) for n in range(90))
    doc = prepare(
        Document(
            Meta("Structure over pages"),
            (
                Paragraph((Text("See "), Link((Code("nvm"), Text(" the tool")), "https://example.org/nvm"), Text("."))),
                Figure("dot.png", "", decorative=True),
                List((nested, *items)),
                Table(head=(((Text("Name"),), (Text("Value"),)),), rows=rows, caption=(Text("Values"),)),
            ),
        )
    )
    found, links = _structure(render(doc, Options(resource_dir=tmp_path)))
    by_type = collections.defaultdict(list)
    for kind, parent, kids in found:
        by_type[kind].append((parent, kids))
    assert all(set(kids) <= {"/Lbl", "/LBody"} and kids.count("/LBody") == 1 for _, kids in by_type["/LI"])
    assert all(set(kids) <= {"/LI"} for _, kids in by_type["/L"]), "a nested list sits in its item's body"
    assert any(parent == "/LBody" for parent, _ in by_type["/L"])
    (table,) = by_type["/Table"]
    assert table[1].count("/THead") == 1 and table[1].count("/TBody") == 1, table
    assert {kids[0] for _, kids in by_type["TH-scope"]} == {"/Column"}
    assert set(links.values()) == {"/Link"} and len(links) >= 1
    assert not by_type["Figure-alt"], "the decorative image is an artifact, not a Figure"
    parts = by_type["/Part"]
    assert len(parts) == 1, "main, split over pages, is one element"
