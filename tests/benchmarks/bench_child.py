"""Benchmark of the child-edition transform: time and peak memory on the seed and the seed x100 (linear growth)."""

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
RUNS = {1: 3, 100: 1}
"""Copies of the seed -> runs; each run is a fresh process so peak memory is the transform's own."""


def one(copies: int) -> dict[str, float]:
    """Run the transform once on the seed repeated `copies` times; return seconds and peak memory in MiB."""
    import convert
    from convert.plain.parse import nlp
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


def measure(copies: int, runs: int) -> tuple[float, float]:
    """Median seconds and largest peak memory over several fresh processes."""
    results = []
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(copies)], check=True, capture_output=True, text=True, cwd=ROOT
        ).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    return statistics.median(r["seconds"] for r in results), max(r["peak_mib"] for r in results)


def main() -> None:
    """Print the transform's time and memory for the seed and the seed x100, and how it grows."""
    figures = {copies: measure(copies, runs) for copies, runs in RUNS.items()}
    for copies, (seconds, peak) in figures.items():
        print(f"child transform, seed x{copies:<4} median {seconds:8.2f} s   peak {peak:7.1f} MiB")
    per_copy = figures[100][0] / 100 / figures[1][0]
    print(f"time per copy at x100 / time at x1: {per_copy:.2f} (1.00 is linear)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
    else:
        main()
