"""Benchmark: the Word reader on a 300-page .docx beside pandoc reading the same file, and its memory by size.

The .docx is our writer's, of the seeds' text repeated (headings, paragraphs, lists, a table, notes, links), so it
holds what real reports hold; pandoc reads it to its JSON AST (`pandoc -f docx -t json`). Everything is written
under one temporary folder, removed at the end.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "seeds" / "turing-way-definitions.md", ROOT / "seeds" / "icat-child-trafficking-briefing.txt"]
WORDS_PER_PAGE = 450
"""A page of 12-point text on A4 with one-inch margins holds about this many words."""
PAGES = 300
TARGET = 1.0
"""The reader may take at most as long as pandoc (issue 18)."""
READ = "import sys, convert; convert.read(sys.argv[1])"


def _run(command: list[str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MiB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss // 1024


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


def pandoc_path() -> str:
    """pandoc from pypandoc-binary (a dev dependency)."""
    import pypandoc

    return pypandoc.get_pandoc_path()


def compare(path: Path, folder: Path, runs: int) -> float:
    """Time our reader and pandoc's alternately on one file; print medians, peak memory and the ratio."""
    ours_cmd = [sys.executable, "-c", READ, str(path)]
    theirs_cmd = [pandoc_path(), "-f", "docx", "-t", "json", "-o", str(folder / "pandoc.json"), str(path)]
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(_run(ours_cmd))
        theirs.append(_run(theirs_cmd))
    ours_time = statistics.median(t for t, _ in ours)
    theirs_time = statistics.median(t for t, _ in theirs)
    ratio = ours_time / theirs_time
    verdict = "ok" if ratio <= TARGET else f"OVER the {TARGET}x target"
    print(
        f"{PAGES} pages ({path.stat().st_size / 1e6:.1f} MB) accessconvert {ours_time:6.2f} s "
        f"{max(m for _, m in ours):5d} MiB | pandoc {theirs_time:6.2f} s {max(m for _, m in theirs):5d} MiB | "
        f"ratio {ratio:.2f} (target <= {TARGET}) {verdict}  [median of {runs}]",
        flush=True,
    )
    return ratio


def memory(folder: Path) -> None:
    """Peak memory of reading 100, 300 and 900 pages: what each further page costs must stay the same."""
    print(f"{'pages':>6} {'docx MB':>8} {'seconds':>8} {'peak MiB':>9} {'MiB per 100 pages above the first':>34}")
    first: tuple[int, int] | None = None
    for pages in (100, 300, 900):
        path = word_file(pages, folder)
        seconds, peak = _run([sys.executable, "-c", READ, str(path)])
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
