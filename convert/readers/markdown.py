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

from convert import langtag
from convert.errors import ConvertWarning, InputError, shown
from convert.labels import label
from convert.language import detect_language
from convert.limits import MARKDOWN_NESTING, MAX_DEPTH, MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_VALUES, size
from convert.model import Document
from convert.readers.html import read_markup
from convert.registry import Reader
from convert.source import clean_text

# Deeper Markdown nesting than this is cut by markdown-it (convert.limits says why).
MAX_NESTING = MARKDOWN_NESTING
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
    """Meta fields from YAML front matter; malformed YAML, or a field of the wrong kind, is an InputError with its line.

    The YAML is composed before anything is built, and refused when it is deeper than MAX_DEPTH or would
    expand (through aliases) to more than MAX_FRONT_MATTER_VALUES values: a few hundred bytes of nested
    aliases ("billion laughs") must not become gigabytes. Only the fields the model has are built.
    """
    import yaml

    if len(content.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise InputError(f"front matter is larger than {size(MAX_FRONT_MATTER_BYTES)}", path=origin, line=1)
    loader = _yaml_loader(content)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        if _expanded_values(node) > MAX_FRONT_MATTER_VALUES:
            raise InputError(
                f"front matter expands to more than {MAX_FRONT_MATTER_VALUES:,} values (through YAML aliases)",
                path=origin,
                line=node.start_mark.line + 2,
            )
        if not isinstance(node, yaml.MappingNode):
            warnings.warn(
                f"{origin or 'the Markdown'}: front matter is not a mapping of keys to values; ignored",
                ConvertWarning,
                stacklevel=3,
            )
            return {}
        loader.flatten_mapping(node)  # merge keys ("<<: *defaults") take part like any other
        known: dict[str, object] = {}
        for key_node, value_node in node.value:
            field = FRONT_MATTER.get(str(loader.construct_object(key_node, deep=True)).lower())
            if field is not None:
                value = loader.construct_object(value_node, deep=True)
                if value is not None:
                    known[field] = _field(field, value, str(key_node.value), origin, value_node.start_mark.line + 2)
        return known
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the opening "---"
        problem = getattr(error, "problem", None) or str(error)
        if isinstance(error, loader.BadValue):
            raise InputError(f"front matter: {problem}", path=origin, line=line) from None
        raise InputError(f"front matter is not valid YAML: {problem}", path=origin, line=line) from None
    finally:
        loader.dispose()


def _field(field: str, value: object, key: str, origin: Path | None, line: int) -> object:
    """A front-matter value as its Meta field holds it; a value of the wrong kind is an InputError."""
    if field == "authors":
        names = value.split(",") if isinstance(value, str) else value
        if not isinstance(names, list) or not all(_is_scalar(name) for name in names):
            raise InputError(f"front matter: {key} must be a name or a list of names", path=origin, line=line)
        return tuple(" ".join(clean_text(str(name)).split()) for name in names if clean_text(str(name)).strip())
    if not _is_scalar(value):
        kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else type(value).__name__
        raise InputError(f"front matter: {key} must be text, not {kind}", path=origin, line=line)
    # YAML escapes ("\x01") can write what XML cannot hold: cleaned as the text of the document is.
    text = value.isoformat() if isinstance(value, datetime.date) else " ".join(clean_text(str(value)).split())
    if field == "lang":
        tag = langtag.normalise(text)
        if tag is None:
            raise InputError(
                f"front matter: {key} {shown(text)} is not a language tag (BCP 47, {langtag.EXAMPLES})",
                path=origin,
                line=line,
            )
        return tag
    return text


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float | datetime.date) and not isinstance(value, bool)


def _expanded_values(root: Any) -> int:
    """How many values the YAML node graph stands for with every alias expanded (more than the limit: cycles)."""
    import yaml

    sizes: dict[int, int] = {}
    ceiling = MAX_FRONT_MATTER_VALUES + 1
    # Children before parents, with an explicit stack: the graph may be deep, and may share nodes.
    stack: list[tuple[Any, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        if done:
            open_nodes.discard(id(node))
            sizes[id(node)] = min(1 + sum(sizes[id(child)] for child in children), ceiling)
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            return ceiling  # an alias to a node that holds it: endless
        open_nodes.add(id(node))
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                return ceiling
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


@functools.cache
def _loader_class() -> type:
    """A safe YAML loader that refuses nesting deeper than MAX_DEPTH and reports bad values with their line."""
    import yaml

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            # The composer recurses once per level: stop long before Python's recursion limit.
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise yaml.MarkedYAMLError(
                        problem=f"nested more than {MAX_DEPTH} levels deep", problem_mark=self.peek_event().start_mark
                    )
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as error:  # "2024-02-30", an integer of a million digits
                kind = node.tag.rsplit(":", 1)[-1]
                what = {"timestamp": "date", "int": "number", "float": "number"}.get(kind, kind)
                value = node.value if isinstance(node.value, str) else ""
                reason = str(error).split(";")[0]  # Python's advice on its own settings is not for the author
                raise BadValue(
                    problem=f"{shown(value, 40)} is not a valid {what} ({reason})", problem_mark=node.start_mark
                ) from None

    class BadValue(yaml.MarkedYAMLError):
        """Well-formed YAML holding a value that cannot be: a date that does not exist, an endless number."""

    Loader.BadValue = BadValue  # type: ignore[attr-defined]
    return Loader


def _yaml_loader(content: str) -> Any:
    return _loader_class()(content)


READER = Reader(
    name="markdown",
    extensions=(".md", ".markdown"),
    read=read,
    description="Markdown (CommonMark with tables and footnotes, YAML front matter); raw HTML sanitised",
)
