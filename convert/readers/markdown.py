"""Reader for Markdown (markdown-it-py: CommonMark, GitHub tables, footnotes, YAML front matter).

markdown-it turns the Markdown into HTML, and the HTML reader reads that: one set of rules for both, and raw
HTML inside the Markdown goes through the HTML reader's sanitising like any web page.

Footnotes: the model has no footnote node and keeps anchors only on headings, so the notes become an
Aside(kind="notes") at the end: a "Notes" heading and an ordered list of the notes. A reference is a Link
"[1]" to the Notes heading; each note ends with a Link back to the heading of the section that cites it.
"""

from __future__ import annotations

import datetime
import functools
import warnings
from pathlib import Path
from typing import Any

from convert.errors import ConvertWarning, InputError
from convert.labels import label
from convert.language import detect_language
from convert.model import Document
from convert.readers.html import read_markup
from convert.registry import Reader
from convert.source import clean_text

# Deeper Markdown nesting than this is cut by markdown-it; it keeps its parser's recursion well inside Python's limit.
MAX_NESTING = 100
# Front-matter keys and the Meta field each fills.
FRONT_MATTER = {
    "title": "title",
    "subtitle": "subtitle",
    "lang": "lang",
    "language": "lang",
    "author": "authors",
    "authors": "authors",
    "date": "date",
    "description": "description",
    "summary": "description",
    "dateline": "dateline",
    "source": "source",
}


def read(text: str, *, origin: Path | None = None) -> Document:
    """Read a Markdown document into a Document."""
    text = clean_text(text)
    if not text.strip():
        raise InputError("is empty: there is nothing to convert", path=origin)
    parser = _parser()
    env: dict[str, Any] = {}
    tokens = parser.parse(text, env)
    known: dict[str, object] = {}
    if tokens and tokens[0].type == "front_matter":
        known = _front_matter(tokens[0].content, origin)
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        warnings.warn(
            f"{origin or 'the Markdown'}: nested more than {MAX_NESTING} levels deep; the deepest part was not read",
            ConvertWarning,
            stacklevel=2,
        )
    # The notes heading is written in the document's language, so it is known before rendering.
    known["lang"] = env["lang"] = str(known.get("lang") or detect_language(text))
    markup = parser.renderer.render(tokens, parser.options, env)
    return read_markup(markup, origin=origin, known=known, html_lines=False)


@functools.cache
def _parser() -> Any:
    """A CommonMark parser with tables, footnotes and front matter; notes rendered as the HTML reader reads them."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table")
    parser.use(front_matter_plugin).use(footnote_plugin)
    parser.add_render_rule("image", _image)
    parser.add_render_rule("footnote_block_open", _notes_open)
    parser.add_render_rule("footnote_anchor", _back_link)
    parser.add_render_rule("footnote_ref", _reference)
    return parser


def _escape(text: str) -> str:
    from markdown_it.common.utils import escapeHtml

    return escapeHtml(text)


def _image(self: Any, tokens: list[Any], index: int, options: Any, env: dict[str, Any]) -> str:
    """<img> with its alt text; none means undescribed in Markdown (not decorative), so then no alt attribute."""
    token = tokens[index]
    alt = self.renderInlineAsText(token.children or [], options, env)
    attributes = f' src="{_escape(str(token.attrGet("src") or ""))}"'
    if alt.strip():
        attributes += f' alt="{_escape(alt)}"'
    if token.attrGet("title"):
        attributes += f' title="{_escape(str(token.attrGet("title")))}"'
    return f"<img{attributes}>"


def _notes_open(self: Any, tokens: list[Any], index: int, options: Any, env: dict[str, Any]) -> str:
    return f'<section role="doc-endnotes"><h2>{_escape(label("notes", env.get("lang", "en")))}</h2><ol>\n'


def _reference(self: Any, tokens: list[Any], index: int, options: Any, env: dict[str, Any]) -> str:
    """A note reference "[1]", the same number however often the note is cited."""
    token = tokens[index]
    number = token.meta["id"] + 1
    suffix = f":{token.meta['subId']}" if token.meta.get("subId", 0) > 0 else ""
    return f'<a href="#fn{number}" id="fnref{number}{suffix}" role="doc-noteref">[{number}]</a>'


def _back_link(self: Any, tokens: list[Any], index: int, options: Any, env: dict[str, Any]) -> str:
    token = tokens[index]
    number = token.meta["id"] + 1
    target = f"fnref{number}" + (f":{token.meta['subId']}" if token.meta.get("subId", 0) > 0 else "")
    return f' <a href="#{target}" role="doc-backlink">{_escape(label("back-to-text", env.get("lang", "en")))}</a>'


def _front_matter(content: str, origin: Path | None) -> dict[str, object]:
    """Meta fields from YAML front matter; malformed YAML is an InputError with its line."""
    import yaml

    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the opening "---"
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(f"front matter is not valid YAML: {problem}", path=origin, line=line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        warnings.warn(
            f"{origin or 'the Markdown'}: front matter is not a mapping of keys to values; ignored",
            ConvertWarning,
            stacklevel=3,
        )
        return {}
    known: dict[str, object] = {}
    for key, value in data.items():
        field = FRONT_MATTER.get(str(key).lower())
        if field is None or value is None:
            continue
        if field == "authors":
            names = value if isinstance(value, list) else str(value).split(",")
            known[field] = tuple(str(name).strip() for name in names if str(name).strip())
        elif isinstance(value, datetime.date):
            known[field] = value.isoformat()
        else:
            known[field] = " ".join(str(value).split())
    return known


READER = Reader(
    name="markdown",
    extensions=(".md", ".markdown"),
    read=read,
    description="Markdown (CommonMark with tables and footnotes, YAML front matter); raw HTML sanitised",
)
