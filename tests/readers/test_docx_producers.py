"""The Word reader on Word files other programs made: our own writer (the round trip), LibreOffice and pandoc.

Every corpus document (tests/articles, the seeds, the readers' test data) goes through each producer; the structure
read back is compared with the source document's own model, and every difference allowed is named here, with why.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import warnings
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

import convert
from convert.images import Refused, local_file, missing_image_text, sniff
from convert.labels import LABELS
from convert.model import (
    Abbr,
    Aside,
    Block,
    Break,
    Code,
    CodeBlock,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    Link,
    List,
    ListItem,
    Meta,
    Paragraph,
    Quote,
    Quoted,
    Rule,
    Span,
    Strong,
    Table,
    Text,
)
from convert.readers.html import tidy
from convert.readers.text import InlineState
from convert.transforms.prepare import prepare
from convert.transforms.sentences import unmark
from convert.walk import plain_text, query
from convert.writers.docx import CORE_PROPERTY_LENGTH, heading_level, property_text
from tests.conftest import ROOT
from tests.corpus import documents
from tests.system_requirements import require

EPOCH = "1729123200"
SOURCES = sorted(
    [
        *(entry.path for entry in documents()),
        *(path for path in (ROOT / "seeds").iterdir() if path.suffix in (".txt", ".md", ".html")),
        *(ROOT / "tests" / "readers" / "data").iterdir(),
    ]
)
MARKUP = [path for path in SOURCES if path.suffix in (".md", ".html")]


def quietly(source: Path | str, **options: object) -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return unmark(convert.read(source, **options))  # type: ignore[arg-type]


def name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


# The round trip through our own writer ------------------------------------------------------


def by_design(doc: Document, resource_dir: Path) -> Document:
    """What our writer's .docx of doc reads back as, by design. Each change is one thing Word cannot say:

    - the dateline and date have no place in Word: the writer shows them as a bold line under the title, and
      that is what comes back;
    - document properties hold 255 characters in Word, so a longer description comes back cut there;
    - headings are shifted so the first is Heading 2 under the title, and never skip a level (the writer's
      rule, so the outline Word shows is sound);
    - heading ids come from the heading text, as the prepare transform makes them: Word's bookmark names
      cannot hold the source's own ids;
    - code blocks lose their programming language and the blank lines at their ends; pictures come back
      embedded, as data: URLs of the same bytes, and a picture the writer could not use (missing, or outside
      the source's folder) as the description the writer put in its place;
    - block quotes in a row come back as one, and so do boxes: Word's Quote paragraphs have no boundary between
      them, and it draws boxed paragraphs in a row as one box;
    - abbreviations and quotations are written as text ("Expansion (ABBR)" on first use when the text never
      spells one out, curly quotation marks around quoted speech) and found again by the rules every reader
      applies to running text, so they come back where those rules find them;
    - a passage in a regional variant of the document's language (en-GB in an en document) is not a change of
      language;
    - formatting of equal extent nests one way: a link outermost, then Strong(Emph(...)), whichever way the
      source nested them;
    - a box comes back as a box; its kind is read from its heading when it is one the converter writes.
    """
    meta = doc.meta
    blocks = list(doc.blocks)
    if meta.dateline or meta.date:
        line = ", ".join(part for part in (meta.dateline, meta.date) if part)
        blocks.insert(0, Paragraph((Strong((Text(line),)),)))
    description = meta.description
    if len(description) > CORE_PROPERTY_LENGTH:
        description = property_text(description)
    primary = meta.lang.split("-")[0].lower()
    state = SimpleNamespace(heading_shift=None, last_level=1)
    rules = InlineState()
    introduced: set[str] = set()
    expansions: dict[str, list[str]] = {}
    for short, long in meta.abbreviations:
        expansions.setdefault(long, []).append(short)

    def spelled(text: str) -> None:
        introduced.update(s for long, shorts in expansions.items() if long in text for s in shorts)

    spelled(" ".join((meta.title, meta.subtitle, ", ".join(meta.authors))))

    def flat(node: Inline, depth: int) -> list[Inline]:
        """The inline as the writer's runs say it."""
        match node:
            case Text(text=text):
                spelled(text)
                return [node]
            case Abbr(text=short, expansion=expansion):
                if short in introduced or not expansion:
                    return [Text(short)]
                introduced.add(short)
                return [Text(f"{expansion} ({short})")]
            case Quoted(content=content):
                opening, closing = ("“", "”") if depth % 2 == 0 else ("‘", "’")
                return [Text(opening), *flatten(content, depth + 1), Text(closing)]
            case Emph(content=(Strong(content=content),)):
                return [Strong((Emph(tuple(flatten(content, depth))),))]
            case Emph(content=(Link(content=content, url=url),)) | Strong(content=(Link(content=content, url=url),)):
                return [Link((type(node)(tuple(flatten(content, depth))),), url)]
            case Span(content=content, lang=lang) if lang.split("-")[0].lower() == primary:
                return flatten(content, depth)
            case Emph() | Strong() | Link() | Span():
                return [replace(node, content=tuple(flatten(node.content, depth)))]  # type: ignore[call-arg]
        return [node]

    def flatten(nodes: tuple[Inline, ...], depth: int = 0) -> list[Inline]:
        result: list[Inline] = []
        for node in nodes:
            for new in flat(node, depth):
                if isinstance(new, Text) and result and isinstance(result[-1], Text):
                    result[-1] = Text(result[-1].text + new.text)
                else:
                    result.append(new)
        return result

    def inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return tidy(flatten(nodes), rules)

    def block(node: Block) -> Block:
        match node:
            case Heading(level=level, content=content):
                return Heading(heading_level(level, state), inlines(content))  # type: ignore[arg-type]
            case Paragraph(content=content):
                return Paragraph(inlines(content))
            case List(items=items):
                return replace(node, items=tuple(ListItem(tuple(block(b) for b in i.blocks)) for i in items))
            case Quote(blocks=inner, attribution=attribution):
                return Quote(tuple(block(b) for b in inner), inlines(attribution))
            case Aside(blocks=inner):
                content = tuple(block(b) for b in inner)
                kind = "note"
                if content and isinstance(content[0], Heading):
                    heading = plain_text(content[0])
                    names = LABELS.get(primary, LABELS["en"])
                    kind = next(
                        (k for k in ("key-points", "glossary", "help", "notes") if names.get(k) == heading), kind
                    )
                return Aside(kind, content)
            case Table(head=head, rows=rows, caption=caption):
                fixed_caption = inlines(caption)
                fix = lambda r: tuple(tuple(inlines(cell) for cell in row) for row in r)  # noqa: E731
                return Table(fix(head), fix(rows), fixed_caption)
            case Figure(src=src, caption=caption) if not src.startswith("data:"):
                found = beside(src, resource_dir)
                if found is None:
                    described = [] if node.decorative else [Paragraph((Text(missing_image_text(node, meta.lang)),))]
                    return described + ([Paragraph(inlines(caption))] if caption else [])  # type: ignore[return-value]
                data = found.read_bytes()
                url = f"data:{sniff(data)};base64,{base64.b64encode(data).decode()}"
                return replace(node, src=url, caption=inlines(node.caption))
            case Figure(caption=caption):
                return replace(node, caption=inlines(caption))
            case CodeBlock(text=text):
                return CodeBlock(text.strip("\n"))
        return node

    written: list[Block] = []
    for original in blocks:
        if isinstance(original, Paragraph) and not original.content:
            continue
        new = block(original)
        for one in new if isinstance(new, list) else [new]:
            previous = written[-1] if written else None
            if isinstance(one, Quote) and isinstance(previous, Quote) and not previous.attribution:
                written[-1] = Quote(previous.blocks + one.blocks, one.attribution)
            elif isinstance(one, Aside) and isinstance(previous, Aside):
                written[-1] = Aside(previous.kind, previous.blocks + one.blocks)
            else:
                written.append(one)
    abbreviations = tuple(rules.abbreviations.items())
    new_meta = replace(meta, dateline="", date="", description=description, abbreviations=abbreviations)
    return prepare(Document(new_meta, tuple(written)))


def beside(src: str, folder: Path) -> Path | None:
    """The picture file src names beside the source, as the writers find it; None when they cannot use it."""
    try:
        return local_file(src, folder)
    except Refused:
        return None


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("round-trip")


@pytest.mark.parametrize("source", SOURCES, ids=name)
def test_our_word_files_read_back_as_written(source: Path, written: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    doc = quietly(source)
    target = written / f"{source.parent.name}-{source.stem}.docx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        convert.write(doc, target, resource_dir=source.parent)
    assert quietly(target) == by_design(doc, source.parent)


def test_every_kind_of_node_reads_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    Image.new("RGB", (400, 200), (200, 30, 30)).save(tmp_path / "chart.png")
    Image.new("RGB", (20, 20), (0, 0, 0)).save(tmp_path / "flourish.jpg")
    doc = prepare(
        Document(
            Meta(
                title="Everything",
                lang="en",
                subtitle="A test",
                authors=("Ann Author", "Bo Writer"),
                description="All nodes.",
                source="https://example.org/x",
            ),
            (
                Heading(2, (Text("First"),)),
                Paragraph(
                    (
                        Text("See "),
                        Link((Text("the report"),), "https://example.org/report"),
                        Text(" and "),
                        Link((Text("the last part"),), "#last"),
                        Text(". The World Health Organization (WHO) and the "),
                        Abbr("WHO", "World Health Organization"),
                        Text(" again; "),
                        Emph((Text("stress"),)),
                        Text(", "),
                        Strong((Text("bold "), Emph((Text("both"),)))),
                        Text(", "),
                        Span((Text("bonjour"),), "fr"),
                        Text(", "),
                        Span((Text("مرحبا"),), "ar"),
                        Text(", "),
                        Code("x = 1"),
                        Text(", "),
                        Abbr("UNODC", "United Nations Office on Drugs and Crime"),
                        Text("."),
                        Break(),
                        Text("Second line."),
                    )
                ),
                List(
                    (
                        ListItem((Paragraph((Text("outer one"),)),)),
                        ListItem(
                            (
                                Paragraph((Text("outer two"),)),
                                List(
                                    (ListItem((Paragraph((Text("inner a"),)),)), ListItem((Paragraph((Text("b"),)),))),
                                    ordered=True,
                                ),
                            )
                        ),
                        ListItem((Paragraph((Text("outer three"),)), Paragraph((Text("more of three"),)))),
                    )
                ),
                List((ListItem((Paragraph((Text("four"),)),)), ListItem((Paragraph((Text("five"),)),))), True, 4),
                Quote(
                    (Paragraph((Text("To be or not to be."),)), Paragraph((Text("That is it."),))), (Text("Hamlet"),)
                ),
                Quote(
                    (
                        Paragraph((Text("Do this:"),)),
                        List(
                            (
                                ListItem((Paragraph((Text("Save."),)),)),
                                ListItem((Paragraph((Text("Agree."),)), Paragraph((Text("Then wait."),)))),
                            ),
                            ordered=True,
                        ),
                        CodeBlock("value = el.value"),
                        Paragraph((Text("Done."),)),
                    )
                ),
                Paragraph((Quoted((Text("Outer "), Quoted((Text("inner"),)), Text(" words"))), Text(" she said."))),
                Figure("chart.png", "A red bar chart of cases by year", (Text("Cases by year"),)),
                Figure("flourish.jpg", "", decorative=True),
                Figure("missing.png", "A map that is not there"),
                Table(
                    (((Text("Year"),), (Text("Cases"),), (Text("Notes"),)),),
                    (((Text("2023"),), (Text("10"),), ()), ((Text("2024"),), (Text("12"),), (Text("rising"),))),
                    (Text("Cases per year"),),
                ),
                Rule(),
                Paragraph((Text("After the rule."),)),
                Heading(4, (Text("Deeper"),)),
                CodeBlock("print('hi')\n\n    print('there')\n", "python"),
                Aside("key-points", (Heading(3, (Text("Key points"),)), Paragraph((Text("Boxed."),)))),
                Aside("warning", (Paragraph((Text("Careful."),)),)),
                Heading(2, (Text("Last"),)),
                Paragraph((Text("The end."),)),
            ),
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        convert.write(doc, tmp_path / "everything.docx", resource_dir=tmp_path)
    back = quietly(tmp_path / "everything.docx")
    assert back == by_design(doc, tmp_path)
    figures = query(back, Figure)
    assert base64.b64decode(figures[0].src.partition(",")[2]) == (tmp_path / "chart.png").read_bytes()
    assert figures[1].src.startswith("data:image/jpeg;base64,") and figures[1].decorative
    assert back.meta.abbreviations == (
        ("WHO", "World Health Organization"),
        ("UNODC", "United Nations Office on Drugs and Crime"),
    )


# LibreOffice and pandoc ------------------------------------------------------------------------


TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "…": "..."})


def words(nodes: object) -> str:
    """The text without its white space and with plain quotes: the producers make quotes curly (pandoc's smart
    punctuation) and drop or add line breaks in table cells (pandoc drops raw HTML <br> in Markdown tables)."""
    return "".join(plain_text(nodes).translate(TYPOGRAPHY).split())  # type: ignore[arg-type]


def outline(doc: Document) -> dict[str, list[object]]:
    """What the structure check compares: headings, lists, tables, pictures and the language, outside the notes."""
    notes = [b for b in doc.blocks if isinstance(b, Aside) and b.kind == "notes"]
    body = tuple(b for b in doc.blocks if b not in notes)
    return {
        "headings": [(h.level, words(h)) for h in query(body, Heading)],
        "lists": [(node.ordered, tuple(words(item.blocks[:1]) for item in node.items)) for node in query(body, List)],
        # Cells as each row's non-empty cells: our HTML reader does not follow rowspan, where LibreOffice merges
        # cells (the row's later cells then sit one column further right, after an empty merged one).
        "tables": [
            (len(t.head), tuple(tuple(w for cell in row if (w := words(cell))) for row in (*t.head, *t.rows)))
            for t in query(body, Table)
        ],
        "figures": [(f.alt, f.decorative) for f in query(body, Figure)],
        "lang": [doc.meta.lang.split("-")[0].lower()],
    }


def in_order(wanted: list[object], found: list[object]) -> list[object]:
    """What of wanted is missing from found, taken in order (found may hold more)."""
    position, missing = 0, []
    for item in wanted:
        try:
            position = found.index(item, position) + 1
        except ValueError:
            missing.append(item)
    return missing


REMOTE_IMAGE = re.compile(r"""<img\b[^>]*?\bsrc=["']?(?:https?:)?//[^>]*""", re.IGNORECASE)


@pytest.fixture(scope="session")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, Path], Path]:
    """(producer, source) -> the .docx LibreOffice or pandoc made of it, all made once, with no network access.

    pandoc reads Markdown as CommonMark (with tables, footnotes and metadata), the dialect our reader reads, and
    runs sandboxed. LibreOffice has no Markdown import: it is given the HTML pandoc makes of each Markdown
    document; and it is given pages without their remote images (which our HTML reader drops too), so that it
    never tries to fetch them.
    """
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    folder = tmp_path_factory.mktemp("producers")
    made: dict[tuple[str, Path], Path] = {}
    pages: list[Path] = []
    for source in MARKUP:
        stem = f"{source.parent.name}-{source.stem}"
        target = folder / f"{stem}.pandoc.docx"
        kind = "commonmark_x" if source.suffix == ".md" else "html"
        subprocess.run([pandoc, str(source), "-f", kind, "--sandbox", "-o", str(target)], check=True, timeout=120)
        made["pandoc", source] = target
        page = folder / f"{stem}.html"
        if kind == "html":
            shutil.copyfile(source, page)
        else:
            command = [pandoc, str(source), "-f", kind, "--sandbox", "-t", "html5", "-s", "-o", str(page)]
            subprocess.run(command, check=True, timeout=120)
        page.write_text(REMOTE_IMAGE.sub("<img", page.read_text(encoding="utf-8")), encoding="utf-8")
        pages.append(page)
        made["libreoffice", source] = folder / "libreoffice" / f"{stem}.docx"
    profile = folder / "profile"  # a private profile: other LibreOffice runs must not share or lock it
    done = subprocess.run(
        [require("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--infilter=HTML (StarWriter)",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "libreoffice"), *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return made


@pytest.mark.parametrize("producer", ["libreoffice", "pandoc"])
@pytest.mark.parametrize("source", MARKUP, ids=name)
def test_structure_read_from_other_producers(
    source: Path, producer: str, produced: dict[tuple[str, Path], Path]
) -> None:
    """Headings (with their levels), lists, tables (with header rows), alt text and language, as in the source.

    Allowed by design: the producers' files may hold more than the source's model. LibreOffice converts the
    whole page (navigation and footer too) and writes the page's <title> as the document title and its <h1>
    as a Heading 1, where our HTML reader takes only the article, whose title the <h1> is; and the notes of
    an HTML page or of pandoc's HTML are ordinary headings and lists to LibreOffice. So what the source has must
    be found, in order, in what the file has.
    """
    doc = quietly(source)
    expected = outline(doc)
    # Pictures whose files are not beside the source (the corpus keeps none) cannot be put in a Word file.
    present = [(f.alt, f.decorative) for f in query(doc, Figure) if beside(f.src, source.parent)]
    expected["figures"] = [f for f in expected["figures"] if f in present]
    found = outline(quietly(produced[producer, source]))
    if found["lang"] != expected["lang"]:
        # A source that does not say its language, written half in another one: the producer's default
        # (en-US) stands, as the reader keeps what a file declares unless its text clearly says otherwise.
        assert not declares_language(source) and share_in(doc, expected["lang"][0]) < 0.5, found["lang"]
    if producer == "libreoffice":
        # LibreOffice marks a header row only for a <thead>; a first row of <th> in the body is a plain row.
        found["tables"] = [
            next((e for e in expected["tables"] if e[1] == cells), (head, cells)) for head, cells in found["tables"]
        ]
    checked = [key for key in KEYS if not (key == "lists" and (producer, source.name) in LIST_DEFECTS)]
    if producer == "pandoc" and source.suffix == ".md":
        # pandoc's Word writer leaves out raw HTML, so headings, lists, tables or pictures written as HTML in
        # Markdown are not in its file: of those kinds, what it has must be the source's, in order.
        text = source.read_text(encoding="utf-8")
        for key in [key for key in checked if RAW_HTML[key].search(text)]:
            checked.remove(key)
            assert in_order(found[key], expected[key]) == [], key
    for key in checked:
        assert in_order(expected[key], found[key]) == [], key


KEYS = ("headings", "lists", "tables", "figures")
RAW_HTML = {
    "headings": re.compile(r"<h[1-6]\b", re.IGNORECASE),
    "lists": re.compile(r"<(?:ul|ol)\b", re.IGNORECASE),
    "tables": re.compile(r"<table\b", re.IGNORECASE),
    "figures": re.compile(r"<(?:img|figure)\b", re.IGNORECASE),
}
"""The raw HTML that puts each kind of structure in a Markdown source."""
LIST_DEFECTS = {
    # LibreOffice 7.4 ends a list item at each <kbd> element and writes the rest of the item as paragraphs
    # outside the list, so its file holds five one-item lists where the page has one list of five items.
    ("libreoffice", "mdn-fr-accessible-web-applications.md"),
}


def declares_language(source: Path) -> bool:
    """Whether the source names its language (front matter lang, <html lang>)."""
    head = source.read_text(encoding="utf-8")[:4000]
    return bool(re.search(r"^lang(uage)?:", head, re.MULTILINE) or re.search(r"<html[^>]*\blang=", head))


def share_in(doc: Document, lang: str) -> float:
    """The share of the document's longer paragraphs detected as written in lang."""
    from convert.language import detect_language

    texts = [plain_text(p) for p in query(doc, Paragraph) if len(plain_text(p)) >= 120][:30]
    found = [detect_language(text, default="").split("-")[0] for text in texts]
    return found.count(lang) / len(found) if found else 1.0
