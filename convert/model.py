"""The document model: frozen dataclasses that every reader builds and every writer reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from convert import langtag
from convert.errors import ModelError, shown

# Inline nodes ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A run of plain text."""

    text: str
    """The characters, already cleaned of anything XML cannot hold."""


@dataclass(frozen=True, slots=True)
class Emph:
    """Emphasised text (italic in print, stressed when read aloud)."""

    content: tuple[Inline, ...]
    """The emphasised inlines."""


@dataclass(frozen=True, slots=True)
class Strong:
    """Strongly important text (bold in print)."""

    content: tuple[Inline, ...]
    """The important inlines."""


@dataclass(frozen=True, slots=True)
class Code:
    """A fragment of computer code inside a sentence."""

    text: str
    """The code, shown verbatim."""


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink."""

    content: tuple[Inline, ...]
    """The link text that readers see and screen readers announce."""
    url: str
    """The target address, as written in the source."""


@dataclass(frozen=True, slots=True)
class Abbr:
    """An abbreviation whose expansion is known."""

    text: str
    """The abbreviation as written, for example "UNODC"."""
    expansion: str
    """The full form, for example "United Nations Office on Drugs and Crime"."""


@dataclass(frozen=True, slots=True)
class Span:
    """A passage in another language than its surroundings (WCAG 3.1.2)."""

    content: tuple[Inline, ...]
    """The inlines in that language."""
    lang: str
    """The BCP 47 language tag of the passage, for example "fr" or "ar"."""

    def __post_init__(self) -> None:
        _check_lang(self.lang, "a passage")


@dataclass(frozen=True, slots=True)
class Quoted:
    """Quoted speech inside a paragraph; writers supply the quotation marks."""

    content: tuple[Inline, ...]
    """The words quoted, without the quotation marks."""
    opens: bool = True
    """False for a later piece of a quotation that sentence marks cut in two: its opening mark came before."""
    closes: bool = True
    """False for an earlier piece of a quotation that sentence marks cut in two: its closing mark comes after."""

    def __repr__(self) -> str:
        # A whole quotation reads as it always has (EPUB identifiers hash the repr); a piece says what it lacks.
        flags = "".join(f", {name}=False" for name in ("opens", "closes") if not getattr(self, name))
        return f"Quoted(content={self.content!r}{flags})"


@dataclass(frozen=True, slots=True)
class Break:
    """A forced line break inside a block."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, marked by the sentences transform so that every spoken format finds it by its id."""

    content: tuple[Inline, ...]
    """The inlines of the sentence, without the white space around it (but for the space after it inside a
    quotation or link that runs on into the next sentence)."""
    id: str
    """Stable and unique in the document: "s<block>-<n>" for the n-th sentence of doc.blocks[block]."""


Inline = Text | Emph | Strong | Code | Link | Abbr | Span | Quoted | Break | Sentence

# Block nodes -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading."""

    level: int
    """1 to 6; the document title is not a heading, so sections usually start at 2."""
    content: tuple[Inline, ...]
    """The heading text."""
    id: str = ""
    """A unique anchor, filled in by the prepare transform."""

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 6:
            raise ModelError(f"heading level must be between 1 and 6, not {self.level}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    content: tuple[Inline, ...]
    """The inlines of the paragraph."""


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list."""

    blocks: tuple[Block, ...]
    """The item's content; a nested list is one of these blocks."""


@dataclass(frozen=True, slots=True)
class List:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]
    """The items, in order."""
    ordered: bool = False
    """True for a numbered list."""
    start: int = 1
    """The number of the first item of a numbered list."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation, with who said or wrote it."""

    blocks: tuple[Block, ...]
    """The quoted blocks."""
    attribution: tuple[Inline, ...] = ()
    """Who said it, or the source; empty when unknown."""


@dataclass(frozen=True, slots=True)
class Figure:
    """An image with its text alternative and an optional caption."""

    src: str
    """The image's location, relative to the source document's folder, or a data: URL; empty when the source
    had no picture the writers can show (a chart, an EMF drawing): the description then stands in for it."""
    alt: str
    """The text alternative; empty means the image has no description."""
    caption: tuple[Inline, ...] = ()
    """The visible caption."""
    decorative: bool = False
    """True when the image carries no information and is hidden from assistive technology."""
    sentence_id: str = field(default="", repr=False)
    """The id under which the narration reads the text alternative of an image without a caption (sentences
    transform)."""


Cell = tuple[Inline, ...]
Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A data table with header rows."""

    head: tuple[Row, ...]
    """Header rows; each cell is a tuple of inlines."""
    rows: tuple[Row, ...]
    """Body rows."""
    caption: tuple[Inline, ...] = ()
    """The table's caption, which names it for screen readers."""
    header_columns: int = 0
    """How many leading cells of each body row are headers of their row (0 or 1)."""
    row_sentence_ids: tuple[str, ...] = field(default=(), repr=False)
    """For each body row, the id under which the narration reads it as one sentence ("" for an empty row);
    set by the sentences transform."""


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A block of preformatted code."""

    text: str
    """The code, verbatim, with its line breaks."""
    language: str = ""
    """The programming language, when known."""
    sentence_id: str = field(default="", repr=False)
    """The id under which the narration announces the code, set by the sentences transform."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A thematic break between parts of the text."""


@dataclass(frozen=True, slots=True)
class Aside:
    """A box beside the main text, such as "Key points" or "Words to know"."""

    kind: str
    """What the box is: "key-points", "glossary", "help", "note", "notes"..."""
    blocks: tuple[Block, ...]
    """The content of the box, usually starting with a heading."""


Block = Heading | Paragraph | List | ListItem | Quote | Figure | Table | CodeBlock | Rule | Aside

# The document ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Meta:
    """What is known about the document as a whole."""

    title: str
    """The document title; never empty."""
    lang: str = "en"
    """The main language, a BCP 47 tag."""
    subtitle: str = ""
    """A secondary title."""
    dateline: str = ""
    """The place a news article was filed from, for example "Vienna"."""
    date: str = ""
    """The publication date as written, for example "3 March 2025"."""
    authors: tuple[str, ...] = ()
    """Authors or the publishing organisation, in order."""
    source: str = ""
    """Where the text comes from: a URL or a citation."""
    description: str = ""
    """A one-sentence summary."""
    abbreviations: tuple[tuple[str, str], ...] = ()
    """(abbreviation, expansion) pairs in order of first definition."""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ModelError("a document needs a title; this one is empty")
        if not self.lang.strip():
            raise ModelError("a document needs a language tag; this one is empty")
        _check_lang(self.lang, "the document")


@dataclass(frozen=True, slots=True)
class Document:
    """One document: its metadata and its blocks in reading order."""

    meta: Meta
    """Title, language and the rest of the metadata."""
    blocks: tuple[Block, ...] = field(default=())
    """The body, in reading order."""


def _check_lang(tag: str, what: str) -> None:
    # Tags go into attributes and XML of every format: only well-formed ones enter the model.
    if not langtag.is_valid(tag):
        raise ModelError(f"the language of {what}, {shown(str(tag))}, is not a BCP 47 language tag")


RTL_LANGUAGES = frozenset({"ar", "arc", "dv", "fa", "ha", "he", "iw", "khw", "ks", "ku", "ps", "sd", "ur", "yi"})


def text_direction(lang: str) -> str:
    """Return "rtl" for languages written right to left, else "ltr"."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    return "rtl" if primary in RTL_LANGUAGES else "ltr"
