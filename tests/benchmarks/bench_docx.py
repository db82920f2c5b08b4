"""Benchmark: the Word reader on a 300-page .docx beside pandoc reading the same file, and its memory by size.

The .docx is our writer's, of the seeds' text repeated (headings, paragraphs, lists, a table, notes, links), so it
holds what real reports hold; pandoc reads it to its JSON AST (`pandoc -f docx -t json`). Everything is written
under one temporary folder, removed at the end.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import warnings
from dataclasses import replace
from pathlib import Path

from tests.benchmarks.run import measure, pandoc_path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "seeds" / "turing-way-definitions.md", ROOT / "seeds" / "icat-child-trafficking-briefing.txt"]
WORDS_PER_PAGE = 450
"""A page of 12-point text on A4 with one-inch margins holds about this many words."""
PAGES = 300
TARGET = 1.0
"""The reader may take at most as long as pandoc (issue 18)."""
READ = "import sys, convert; convert.read(sys.argv[1])"


def word_file(pages: int, folder: Path) -> Path:
    """Our writer's .docx of the seeds' body repeated to about this many pages."""
    import convert
    from convert.model import Aside, Document
    from convert.walk import plain_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = [convert.read(source) for source in SOURCES]
    body = [b for doc in docs for b in doc.blocks if not (isinstance(b, Aside) and b.kind == "notes")]
    notes = [b for doc in docs for b in doc.blocks if isinstance(b, Aside) and b.kind == "notes"]
    words = len(plain_text(tuple(body)).split())
    copies = max(1, round(pages * WORDS_PER_PAGE / words))
    doc = Document(replace(docs[0].meta, title=f"A report of {pages} pages"), tuple(body * copies + notes))
    path = folder / f"report-{pages}.docx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        convert.write(doc, path)
    return path


def compare(path: Path, folder: Path, runs: int) -> float:
    """Time our reader and pandoc's alternately on one file; print medians, peak memory and the ratio."""
    pandoc = pandoc_path()
    if pandoc is None:
        raise SystemExit("the Word reader's benchmark needs pandoc: pip install pypandoc-binary")
    ours_cmd = [sys.executable, "-c", READ, str(path)]
    theirs_cmd = [pandoc, "-f", "docx", "-t", "json", "-o", str(folder / "pandoc.json"), str(path)]
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(measure(ours_cmd, runs=1))
        theirs.append(measure(theirs_cmd, runs=1))
    ours_time = statistics.median(m.seconds for m in ours)
    theirs_time = statistics.median(m.seconds for m in theirs)
    ratio = ours_time / theirs_time
    verdict = "ok" if ratio <= TARGET else f"OVER the {TARGET}x target"
    print(
        f"{PAGES} pages ({path.stat().st_size / 1e6:.1f} MB) accessconvert {ours_time:6.2f} s "
        f"{max(m.peak_mb for m in ours):5.0f} MiB | pandoc {theirs_time:6.2f} s {max(m.peak_mb for m in theirs):5.0f}"
        f" MiB | ratio {ratio:.2f} (target <= {TARGET}) {verdict}  [median of {runs}]",
        flush=True,
    )
    return ratio


def memory(folder: Path) -> None:
    """Peak memory of reading 100, 300 and 900 pages: what each further page costs must stay the same."""
    print(f"{'pages':>6} {'docx MB':>8} {'seconds':>8} {'peak MiB':>9} {'MiB per 100 pages above the first':>34}")
    first: tuple[int, int] | None = None
    for pages in (100, 300, 900):
        path = word_file(pages, folder)
        result = measure([sys.executable, "-c", READ, str(path)], runs=1)
        seconds, peak = result.seconds, round(result.peak_mb)
        step = f"{(peak - first[1]) / (pages - first[0]) * 100:>34.1f}" if first else f"{'':>34}"
        first = first or (pages, peak)
        print(f"{pages:>6} {path.stat().st_size / 1e6:>8.1f} {seconds:>8.2f} {peak:>9d} {step}", flush=True)


def main() -> None:
    """Print the Word reader's time beside pandoc's on a 300-page file, and its memory for three sizes."""
    with tempfile.TemporaryDirectory(prefix="bench-docx-") as name:
        folder = Path(name)
        compare(word_file(PAGES, folder), folder, runs=int(os.environ.get("BENCH_RUNS", "3")))
        memory(folder)


if __name__ == "__main__":
    main()
