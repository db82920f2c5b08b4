"""Benchmark: `accessconvert --to pdf` against the WeasyPrint command line on the same HTML, side by side."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.run import SEED, repeated_seed

BIN = Path(sys.executable).parent
TARGETS = {"seed": 1.15, "seed x100": 1.2}
"""Allowed time ratio to the WeasyPrint CLI, from issue 3."""


def _run(command: list[str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MiB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss // 1024


def sources(folder: Path) -> dict[str, Path]:
    """The seed, and the seed's body repeated 100 times under its title."""
    return {"seed": SEED, "seed x100": repeated_seed(100, folder)}


def html_for(source: Path, folder: Path) -> Path:
    """The exact HTML the PDF writer gives WeasyPrint, saved beside the source copy."""
    import convert
    from convert.options import Options
    from convert.writers.pdf import html_page

    page = folder / f"{source.stem}.html"
    page.write_text(html_page(convert.read(source), Options(resource_dir=source.parent)), encoding="utf-8")
    return page


def compare(name: str, source: Path, folder: Path, runs: int) -> float:
    """Time both commands alternately; print medians, peak memory and the ratio; return the ratio."""
    page = html_for(source, folder)
    ours_cmd = [str(BIN / "accessconvert"), "--to", "pdf", "-q", "-o", str(folder / "out"), str(source)]
    theirs_cmd = [str(BIN / "weasyprint"), "--pdf-variant", "pdf/ua-1", "-q", str(page), str(folder / "cli.pdf")]
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(_run(ours_cmd))
        theirs.append(_run(theirs_cmd))
    ours_time = statistics.median(t for t, _ in ours)
    theirs_time = statistics.median(t for t, _ in theirs)
    ratio = ours_time / theirs_time
    verdict = "ok" if ratio <= TARGETS[name] else f"OVER the {TARGETS[name]}x target"
    print(
        f"{name:<10} accessconvert {ours_time:7.2f} s {max(m for _, m in ours):5d} MiB | "
        f"weasyprint CLI {theirs_time:7.2f} s {max(m for _, m in theirs):5d} MiB | "
        f"ratio {ratio:.2f} (target <= {TARGETS[name]}) {verdict}  [median of {runs}]"
    )
    return ratio


def main() -> None:
    """Print the PDF writer's times against the WeasyPrint CLI for the seed and the seed x100."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1729123200")
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as name:
        folder = Path(name)
        inputs = sources(folder)
        compare("seed", inputs["seed"], folder, runs=int(os.environ.get("BENCH_RUNS", "5")))
        compare("seed x100", inputs["seed x100"], folder, runs=int(os.environ.get("BENCH_RUNS_LARGE", "3")))


if __name__ == "__main__":
    main()
