"""`accessconvert readability FILE...`: the readability table of each source beside its child edition's.

The measures are convert.readability's, which knows nothing of the child transform: this command reads each
file, makes its child edition and measures both documents.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import convert
from convert.plain.review import shares
from convert.readability import check_facts, document_metrics, is_english
from convert.transforms.child import simplify
from convert.transforms.sentences import unmark


def report(path: Path) -> str:
    """The readability table of a source file and its child edition."""
    source = convert.read(path)
    edition = simplify(unmark(source))
    before, after = document_metrics(source), document_metrics(edition)
    check = check_facts(source, edition)
    counts = shares(source)
    total = max(counts.sentences, 1)
    english = is_english(source.meta.lang)
    grade = ("Flesch-Kincaid grade", f"{before.grade:.1f}", f"{after.grade:.1f}")
    hard = ("hard words", f"{before.hard_share:.1%}", f"{after.hard_share:.1%}")
    if not english:
        grade, hard = (grade[0], "-", "-"), (hard[0], "-", "-")
    rows = [
        grade,
        ("sentences", str(before.sentences), str(after.sentences)),
        ("average sentence (words)", f"{before.average_sentence:.1f}", f"{after.average_sentence:.1f}"),
        ("longest sentence (words)", str(before.longest_sentence), str(after.longest_sentence)),
        hard,
        ("facts kept", "", f"{len(check.facts) - len(check.missing)} of {len(check.facts)} ({check.kept_share:.0%})"),
        ("facts invented", "", str(len(check.invented))),
        ("sentences rewritten", "", f"{counts.rewritten} of {counts.sentences} ({counts.rewritten / total:.0%})"),
        ("left as written", "", f"{counts.as_written} ({counts.as_written / total:.0%})"),
    ]
    lines = [f"{path}", f"  {'':<26}{'source':>10}  {'child edition':>14}"]
    lines += [f"  {name:<26}{a:>10}  {b:>14}" for name, a, b in rows]
    lines += [f"    {number:>3} {reason}" for reason, number in counts.reasons]
    if not english:
        lines.append(
            f"  no grade and no hard words: the Flesch-Kincaid formula and the common-word list are for English,"
            f" and this document is in {source.meta.lang!r}"
        )
    lines += [f"  missing: {fact}" for fact in check.missing]
    lines += [f"  invented: {fact}" for fact in check.invented]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """`accessconvert readability FILE...`: print the figures of each file and its child edition."""
    parser = argparse.ArgumentParser(
        prog="accessconvert readability",
        description="Readability of each source and of its child edition; facts kept and invented.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for index, path in enumerate(args.files):
        if index:
            print()
        print(report(path))
    sys.stdout.flush()
    return 0
