"""Benchmark of the child-edition transform: time and peak memory on the seed and on many copies (linear growth).

The transform caches spaCy's parse of each sentence text, so copies of one text would cost almost nothing; the
copies are therefore measured without that cache too, as if every sentence were new: that is the growth a long
book of distinct sentences sees.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "icat-child-trafficking-briefing.txt"
RUNS = {1: 3, 30: 1}
"""Copies of the seed -> runs; each run is a fresh process so peak memory is the transform's own."""


def one(copies: int, cached: bool) -> dict[str, float]:
    """Run the transform once on the seed repeated `copies` times; return seconds and peak memory in MiB."""
    import convert
    import convert.plain.parse as parse
    from convert.plain.parse import nlp

    if not cached:
        # Every sentence parsed as if it were new, as in a book without repeats.
        parse.parse_text = lambda text: nlp()(text)
    from convert.plain.words import common_words, lemmas
    from convert.transforms.child import simplify

    doc = convert.read(SEED)
    doc = replace(doc, blocks=doc.blocks * copies)
    # Loading the model and word lists is a fixed cost of the process, not of the transform.
    nlp(), common_words(), lemmas("children")
    start = time.perf_counter()
    simplify(doc)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak}


def measure(copies: int, runs: int, cached: bool = False) -> tuple[float, float]:
    """Median seconds and largest peak memory over several fresh processes."""
    results = []
    for _ in range(runs):
        command = [sys.executable, __file__, "--one", str(copies), "cached" if cached else "uncached"]
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    return statistics.median(r["seconds"] for r in results), max(r["peak_mib"] for r in results)


def main() -> None:
    """Print the transform's time and memory for the seed and its copies, and how it grows."""
    figures = {copies: measure(copies, runs) for copies, runs in RUNS.items()}
    most = max(RUNS)
    for copies, (seconds, peak) in figures.items():
        line = f"child transform, seed x{copies:<4} median {seconds:8.2f} s   peak {peak:7.1f} MiB"
        print(f"{line}   (every sentence parsed)")
    per_copy = figures[most][0] / most / figures[1][0]
    print(f"time per copy at x{most} / time at x1: {per_copy:.2f} (1.00 is linear)")
    seconds, peak = measure(most, 1, cached=True)
    print(
        f"child transform, seed x{most:<4} median {seconds:8.2f} s   peak {peak:7.1f} MiB   (repeated sentences cached)"
    )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]), sys.argv[3] == "cached")))
    else:
        main()
