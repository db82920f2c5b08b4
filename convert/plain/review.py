"""The editor's review page of a child edition: source and plain text side by side, sentence by sentence, with flags."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from convert.fileio import write_text_atomic
from convert.model import Document

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
    """Names, numbers or negations of the source sentence that its plain sentences lack."""


def review_rows(doc: Document) -> list[Row]:
    """Every source sentence with its plain sentences and flags."""
    from convert.readability import contains, facts, normal_text
    from convert.transforms.child import simplify_with_trace

    rows = []
    for entry in simplify_with_trace(doc).trace:
        plain = normal_text(" ".join(entry.plain))
        flags = [f"missing {fact!r}" for fact in facts(normal_text(entry.source)) if not contains(plain, fact)]
        if NEGATION.search(entry.source) and not NEGATION.search(plain):
            flags.append("negation missing")
        rows.append(Row(entry.block, entry.source, entry.plain, tuple(flags)))
    return rows


def review_html(doc: Document) -> str:
    """The review page as HTML text."""
    from convert.readability import check_facts, document_metrics, words_of
    from convert.transforms.child import simplify

    edition = simplify(doc)
    before, after = document_metrics(doc), document_metrics(edition)
    check = check_facts(doc, edition)
    rows = review_rows(doc)
    e = html.escape
    lang = e(doc.meta.lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Review of the child edition: {e(doc.meta.title)}</title>",
        "<style>body{font-family:sans-serif;margin:1rem;line-height:1.5;color:#1a1a1a}"
        "table{border-collapse:collapse;width:100%}"
        "th,td{border:1px solid #767676;padding:.4em;vertical-align:top;text-align:left}"
        ".flag{background:#fff3cd}.flags{color:#8a1c1c;font-weight:bold}ol{margin:0;padding-left:1.2em}</style>",
        "</head><body><main>",
        f"<h1>Review of the child edition</h1><p>{e(doc.meta.title)}</p>",
        "<h2>Figures</h2>",
        "<table><caption>Readability of the source and of the child edition</caption>",
        '<tr><th scope="col">Measure</th><th scope="col">Source</th><th scope="col">Child edition</th></tr>',
    ]
    figures = [
        ("Flesch-Kincaid grade", f"{before.grade:.1f}", f"{after.grade:.1f}"),
        ("Average sentence (words)", f"{before.average_sentence:.1f}", f"{after.average_sentence:.1f}"),
        ("Longest sentence (words)", str(before.longest_sentence), str(after.longest_sentence)),
        ("Hard words", f"{before.hard_share:.1%}", f"{after.hard_share:.1%}"),
        ("Facts kept", str(len(check.facts)), f"{len(check.facts) - len(check.missing)}"),
        ("Facts invented", "", str(len(check.invented))),
    ]
    parts += [f'<tr><th scope="row">{e(a)}</th><td>{e(b)}</td><td>{e(c)}</td></tr>' for a, b, c in figures]
    parts.append("</table>")
    if check.invented:
        parts.append(f'<p class="flags">Not in the source: {e(", ".join(check.invented))}</p>')
    flagged = sum(1 for r in rows if r.flags)
    parts += [
        "<h2>Sentence by sentence</h2>",
        f"<p>{len(rows)} source sentences; {flagged} flagged for checking.</p>",
        "<table><caption>Each source sentence and its plain version</caption>",
        '<tr><th scope="col">#</th><th scope="col">Source</th>'
        '<th scope="col">Child edition</th><th scope="col">Check</th></tr>',
    ]
    for number, row in enumerate(rows, start=1):
        counts = ", ".join(str(len(words_of(p))) for p in row.plain)
        plain = "".join(f"<li>{e(p)}</li>" for p in row.plain)
        flags = "; ".join(row.flags) or "ok"
        css = ' class="flag"' if row.flags else ""
        parts.append(
            f'<tr{css} id="s{number}"><th scope="row">{number}</th>'
            f"<td>{e(row.source)}<br><small>{len(words_of(row.source))} words</small></td>"
            f"<td><ol>{plain}</ol><small>{e(counts)} words</small></td>"
            f'<td class="{"flags" if row.flags else ""}">{e(flags)}</td></tr>'
        )
    parts += ["</table></main></body></html>", ""]
    return "\n".join(parts)


def write_review(doc: Document, target: Path) -> None:
    """Write the review page of doc's child edition to target, atomically."""
    write_text_atomic(Path(target), review_html(doc))
