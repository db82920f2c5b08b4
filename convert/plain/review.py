"""The editor's review page of a child edition: each source sentence beside what the edition says for it, the
operations applied and the verification's verdict, or why the sentence was left as written."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from convert.fileio import write_text_atomic
from convert.model import Document, text_direction
from convert.registry import WEB_BROWSER, FileKind
from convert.themes import page_file
from convert.writers import html

Element = etree._Element
E = html.element
"""The page's elements are made as the HTML writer makes its own."""
REVIEW_LANG = "en"
"""The language the review page speaks to its editor in (the child edition's rules are English)."""

NEGATION = re.compile(r"\b(?:not|no|never|nothing|none|nobody|neither|nor|without|cannot)\b|n[’']t\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Row:
    """One source sentence, its plain sentences and what an editor should check."""

    block: int
    """Index of the source block."""
    source: str
    """The source sentence."""
    plain: tuple[str, ...]
    """The edition's sentences made from it."""
    flags: tuple[str, ...]
    """Names, numbers or negations of the source sentence that its plain sentences lack (a second check)."""
    applied: tuple[str, ...] = ()
    """The operations kept, each with what it did."""
    refused: tuple[str, ...] = ()
    """The operations whose result the verification refused, each with the reason."""
    reason: str = ""
    """Why the sentence is left as written; "" when it was rewritten."""


@dataclass(frozen=True, slots=True)
class Shares:
    """How many sentences the edition rewrote and how many it left as written, and why."""

    sentences: int
    """Source sentences in the running text (headings included)."""
    rewritten: int
    """Sentences the edition says differently."""
    reasons: tuple[tuple[str, int], ...]
    """Why the others are as written, with how many, most frequent first."""

    @property
    def as_written(self) -> int:
        """Sentences left exactly as written."""
        return self.sentences - self.rewritten


def review_rows(doc: Document) -> list[Row]:
    """Every source sentence with its plain sentences, the operations and the flags."""
    from convert.readability import contains, facts, normal_text
    from convert.transforms.child import simplify_with_trace

    rows = []
    for entry in simplify_with_trace(doc).trace:
        plain = normal_text(" ".join(entry.plain))
        flags = [f"missing {fact!r}" for fact in facts(normal_text(entry.source)) if not contains(plain, fact)]
        if NEGATION.search(entry.source) and not NEGATION.search(plain):
            flags.append("negation missing")
        applied = tuple(f"{s.operation}: {s.note}" for s in entry.steps if s.kept)
        refused = tuple(f"{s.operation} ({s.note}): {s.reason}" for s in entry.steps if not s.kept)
        rows.append(Row(entry.block, entry.source, entry.plain, tuple(flags), applied, refused, entry.reason))
    return rows


def shares(doc: Document) -> Shares:
    """The shares of sentences rewritten and left as written (with the reasons) in doc's child edition."""
    from convert.transforms.child import simplify_with_trace

    trace = simplify_with_trace(doc).trace
    reasons = Counter(t.reason for t in trace if not t.rewritten)
    return Shares(len(trace), sum(1 for t in trace if t.rewritten), tuple(reasons.most_common()))


def review_page(doc: Document) -> Element:
    """The review page's <html> element: the figures, then every source sentence with what became of it."""
    from convert.readability import check_facts, document_metrics
    from convert.transforms.child import simplify_with_trace

    result = simplify_with_trace(doc)
    before, after = document_metrics(doc), document_metrics(result.doc)
    check = check_facts(doc, result.doc)
    rows = review_rows(doc)
    counts = shares(doc)
    lang = doc.meta.lang
    parts: list[Element] = [E("h1", None, "Review of the child edition"), E("p", _lang(lang), doc.meta.title)]
    if not result.simplified:
        parts.append(
            E(
                "p",
                None,
                E("strong", None, "Not simplified:"),
                f" the document is in {lang}; the child edition's rules are English, so the text is kept as written.",
            )
        )
    figures = [
        ("Flesch-Kincaid grade", f"{before.grade:.1f}", f"{after.grade:.1f}"),
        ("Average sentence (words)", f"{before.average_sentence:.1f}", f"{after.average_sentence:.1f}"),
        ("Longest sentence (words)", str(before.longest_sentence), str(after.longest_sentence)),
        ("Hard words", f"{before.hard_share:.1%}", f"{after.hard_share:.1%}"),
        ("Facts kept", str(len(check.facts)), f"{len(check.facts) - len(check.missing)}"),
        ("Facts invented", "", str(len(check.invented))),
        ("Sentences rewritten", str(counts.sentences), f"{counts.rewritten} ({_share(counts.rewritten, counts)})"),
        ("Sentences left as written", "", f"{counts.as_written} ({_share(counts.as_written, counts)})"),
    ]
    parts += [
        E("h2", None, "Figures"),
        _table(
            "Readability of the source and of the child edition",
            ("Measure", "Source", "Child edition"),
            [E("tr", None, E("th", {"scope": "row"}, a), E("td", None, b), E("td", None, c)) for a, b, c in figures],
        ),
    ]
    if counts.reasons:
        parts.append(E("p", None, "Left as written because:"))
        parts.append(E("ul", None, *(E("li", None, f"{reason}: {number}") for reason, number in counts.reasons)))
    if check.invented:
        parts.append(E("p", {"class": "flags"}, f"Not in the source: {', '.join(check.invented)}"))
    flagged = sum(1 for r in rows if r.flags)
    parts += [
        E("h2", None, "Sentence by sentence"),
        E("p", None, f"{len(rows)} source sentences; {flagged} flagged for checking."),
        _table(
            "Each source sentence, what the edition says for it, and how",
            ("#", "Source", "Child edition", "Operations and verification"),
            [sentence_row(number, row, lang) for number, row in enumerate(rows, start=1)],
        ),
    ]
    title = f"Review of the child edition: {doc.meta.title}"
    return html.simple_page(title, REVIEW_LANG, page_file("review.css"), [E("main", None, *parts)])


def sentence_row(number: int, row: Row, lang: str) -> Element:
    """The table row of one source sentence: the sentence, its plain sentences, the operations and the flags."""
    from convert.readability import words_of

    how: list[Element] = []
    if row.reason:
        how.append(E("p", None, f"Left as written: {row.reason}."))
    else:
        how.append(E("p", None, "Rewritten; the verification passed."))
        how += _items(row.applied)
    if row.refused:
        how.append(E("p", None, "Refused by the verification:"))
        how += _items(row.refused)
    if row.flags:
        how.append(E("p", {"class": "flags"}, "; ".join(row.flags)))
    plain_words = ", ".join(str(len(words_of(p))) for p in row.plain)
    kind = "flag" if row.flags else ("kept" if not row.reason else None)
    return E(
        "tr",
        {"class": kind, "id": f"s{number}"},
        E("th", {"scope": "row"}, str(number)),
        E("td", _lang(lang), row.source, E("br"), E("small", None, f"{len(words_of(row.source))} words")),
        E(
            "td",
            _lang(lang),
            E("ol", None, *(E("li", None, p) for p in row.plain)),
            E("small", None, f"{plain_words} words"),
        ),
        E("td", None, *how),
    )


def _items(texts: tuple[str, ...]) -> list[Element]:
    return [E("ul", None, *(E("li", None, text) for text in texts))] if texts else []


def _table(caption: str, columns: tuple[str, ...], rows: list[Element]) -> Element:
    head = E("thead", None, E("tr", None, *(E("th", {"scope": "col"}, name) for name in columns)))
    return E("table", None, E("caption", None, caption), head, E("tbody", None, *rows))


def _lang(lang: str) -> dict[str, str | None]:
    """The lang (and dir) attributes for the document's own text, when it is not in the page's language."""
    if not lang or lang.split("-")[0].lower() == REVIEW_LANG:
        return {}
    direction = text_direction(lang)
    return {"lang": lang, "dir": direction if direction != text_direction(REVIEW_LANG) else None}


def review_html(doc: Document) -> str:
    """The review page as HTML text."""
    return html.page_text(review_page(doc))


def _share(part: int, counts: Shares) -> str:
    return f"{part / counts.sentences:.0%}" if counts.sentences else "0%"


def write_review(doc: Document, target: Path) -> None:
    """Write the review page of doc's child edition to target, atomically."""
    write_text_atomic(Path(target), review_html(doc))


PAGE = FileKind(
    "-review.html",
    "Review page",
    "for editors: each sentence of the source beside its plain-language version",
    WEB_BROWSER,
)
"""The review page as a bundle presents it: <stem>.child-review.html, beside the child edition."""
