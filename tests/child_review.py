"""The child edition on a corpus set: the figures, and the sheet for a strict editor's review.

    python -m tests.child_review figures [--set check]      # shares rewritten / as written, grade, longest
    python -m tests.child_review dump --set check --out DIR  # DIR/review.md and DIR/review.tsv

The dump lists every rewritten sentence of the set beside its source, with the operations applied; review.tsv
has one numbered row per rewritten sentence and empty columns for the reviewer's verdicts (true? grammatical?
natural for a 9-to-12-year-old?), so the counts in tests/articles/README can be recomputed from it.
"""

from __future__ import annotations

import argparse
import csv
import sys
import warnings
from collections import Counter
from pathlib import Path

import convert
from convert.readability import document_metrics, document_sentences, metrics, words_of
from convert.transforms.child import simplify_with_trace
from tests.corpus import SETS, documents

LONG = 25
"""A sentence of more than this many words is long (issue 13's target for the check set)."""


def _editions(which: str | None):
    for entry in documents(set=which):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = convert.read(entry.path)
            yield entry, doc, simplify_with_trace(doc)


def figures(which: str | None) -> str:
    """The set's figures: sentences rewritten and left as written (and why), grade and longest sentence."""
    reasons: Counter[str] = Counter()
    total = rewritten = 0
    before: list[str] = []
    after: list[str] = []
    long_left: list[tuple[str, int]] = []
    long_made: list[tuple[int, int]] = []
    rows = []
    for entry, doc, result in _editions(which):
        if entry.lang != "en":
            reasons["another language: English rules are not applied"] += len(result.trace)
            total += len(result.trace)
            continue
        total += len(result.trace)
        rewritten += sum(1 for t in result.trace if t.rewritten)
        reasons.update(t.reason for t in result.trace if not t.rewritten)
        source_sentences, edition_sentences = document_sentences(doc), document_sentences(result.doc)
        before += source_sentences
        after += edition_sentences
        one, two = document_metrics(doc), document_metrics(result.doc)
        grade = f"grade {one.grade:5.1f} -> {two.grade:5.1f}"
        rows.append(f"  {entry.file:<48} {grade}   longest {one.longest_sentence:3} -> {two.longest_sentence:3}")
        long_left += [(entry.file, len(words_of(s))) for s in edition_sentences if len(words_of(s)) > LONG]
        long_made += [
            (len(words_of(t.source)), len(words_of(p)))
            for t in result.trace
            if t.rewritten
            for p in t.plain
            if len(words_of(p)) > LONG
        ]
    share = lambda n: f"{n / total:.0%}" if total else "0%"  # noqa: E731
    one, two = metrics(before), metrics(after)
    lines = [
        f"set: {which or 'all'} ({len(documents(set=which))} documents)",
        f"sentences: {total}; rewritten {rewritten} ({share(rewritten)}); left as written {total - rewritten} "
        f"({share(total - rewritten)})",
        *(f"  {number:4} ({share(number)}) {reason}" for reason, number in reasons.most_common()),
        f"English documents, all sentences together: grade {one.grade:.1f} -> {two.grade:.1f}; average sentence "
        f"{one.average_sentence:.1f} -> {two.average_sentence:.1f} words; longest {one.longest_sentence} -> "
        f"{two.longest_sentence}",
        f"edition sentences over {LONG} words: {len(long_left)}; of them in rewritten sentences: {len(long_made)}"
        f" (source -> edition words: {', '.join(f'{a}->{b}' for a, b in long_made) or 'none'})",
        *rows,
    ]
    return "\n".join(lines)


def dump(which: str, out: Path) -> tuple[Path, Path]:
    """Write review.md and review.tsv for every rewritten sentence of the set."""
    out.mkdir(parents=True, exist_ok=True)
    markdown = [f"# Rewritten sentences of the {which} set\n"]
    table = [["id", "document", "source", "edition", "operations", "true", "grammatical", "natural", "note"]]
    number = 0
    for entry, _doc, result in _editions(which):
        rewritten = [t for t in result.trace if t.rewritten]
        if not rewritten:
            continue
        markdown.append(f"\n## {entry.file}\n")
        for trace in rewritten:
            number += 1
            operations = "; ".join(f"{s.operation}: {s.note}" for s in trace.steps if s.kept)
            markdown.append(f"\n{number}. **Source:** {trace.source}\n")
            markdown += [f"   - {p}" for p in trace.plain]
            markdown.append(f"\n   *{operations}*\n")
            table.append([str(number), entry.file, trace.source, " | ".join(trace.plain), operations, "", "", "", ""])
    md, tsv = out / "review.md", out / "review.tsv"
    md.write_text("\n".join(markdown) + "\n", encoding="utf-8")
    with tsv.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter="\t").writerows(table)
    return md, tsv


def main(argv: list[str]) -> int:
    """Print a set's figures, or dump its rewritten sentences for review."""
    parser = argparse.ArgumentParser(prog="python -m tests.child_review", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("figures", "dump"))
    parser.add_argument("--set", choices=SETS, default=None, dest="which")
    parser.add_argument("--out", type=Path, default=Path("out/child-review"))
    args = parser.parse_args(argv)
    if args.command == "figures":
        print(figures(args.which))
    else:
        for path in dump(args.which or "check", args.out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
