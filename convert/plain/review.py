"""The editor's review page of a child edition: each source sentence beside what the edition says for it, the
operations applied and the verification's verdict, or why the sentence was left as written."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from convert.fileio import write_text_atomic
from convert.model import Document
from convert.registry import WEB_BROWSER, FileKind

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


def review_html(doc: Document) -> str:
    """The review page as HTML text."""
    from convert.readability import check_facts, document_metrics, words_of
    from convert.transforms.child import simplify_with_trace

    result = simplify_with_trace(doc)
    edition = result.doc
    before, after = document_metrics(doc), document_metrics(edition)
    check = check_facts(doc, edition)
    rows = review_rows(doc)
    counts = shares(doc)
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
        ".flag{background:#fff3cd}.flags{color:#8a1c1c;font-weight:bold}.kept{background:#eef7ee}"
        "ol,ul{margin:0;padding-left:1.2em}small{color:#444}</style>",
        "</head><body><main>",
        f"<h1>Review of the child edition</h1><p>{e(doc.meta.title)}</p>",
    ]
    if not result.simplified:
        parts.append(
            f"<p><strong>Not simplified:</strong> the document is in {e(doc.meta.lang)}; the child edition's rules"
            " are English, so the text is kept as written.</p>"
        )
    parts += [
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
        ("Sentences rewritten", str(counts.sentences), f"{counts.rewritten} ({_share(counts.rewritten, counts)})"),
        ("Sentences left as written", "", f"{counts.as_written} ({_share(counts.as_written, counts)})"),
    ]
    parts += [f'<tr><th scope="row">{e(a)}</th><td>{e(b)}</td><td>{e(c)}</td></tr>' for a, b, c in figures]
    parts.append("</table>")
    if counts.reasons:
        parts.append("<p>Left as written because:</p><ul>")
        parts += [f"<li>{e(reason)}: {number}</li>" for reason, number in counts.reasons]
        parts.append("</ul>")
    if check.invented:
        parts.append(f'<p class="flags">Not in the source: {e(", ".join(check.invented))}</p>')
    flagged = sum(1 for r in rows if r.flags)
    parts += [
        "<h2>Sentence by sentence</h2>",
        f"<p>{len(rows)} source sentences; {flagged} flagged for checking.</p>",
        "<table><caption>Each source sentence, what the edition says for it, and how</caption>",
        '<tr><th scope="col">#</th><th scope="col">Source</th>'
        '<th scope="col">Child edition</th><th scope="col">Operations and verification</th></tr>',
    ]
    for number, row in enumerate(rows, start=1):
        words = ", ".join(str(len(words_of(p))) for p in row.plain)
        plain = "".join(f"<li>{e(p)}</li>" for p in row.plain)
        how = []
        if row.reason:
            how.append(f"<p>Left as written: {e(row.reason)}.</p>")
        else:
            how.append("<p>Rewritten; the verification passed.</p><ul>")
            how += [f"<li>{e(a)}</li>" for a in row.applied]
            how.append("</ul>")
        if row.refused:
            how.append("<p>Refused by the verification:</p><ul>")
            how += [f"<li>{e(r)}</li>" for r in row.refused]
            how.append("</ul>")
        if row.flags:
            how.append(f'<p class="flags">{e("; ".join(row.flags))}</p>')
        css = ' class="flag"' if row.flags else (' class="kept"' if not row.reason else "")
        parts.append(
            f'<tr{css} id="s{number}"><th scope="row">{number}</th>'
            f"<td>{e(row.source)}<br><small>{len(words_of(row.source))} words</small></td>"
            f"<td><ol>{plain}</ol><small>{e(words)} words</small></td>"
            f"<td>{''.join(how)}</td></tr>"
        )
    parts += ["</table></main></body></html>", ""]
    return "\n".join(parts)


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
