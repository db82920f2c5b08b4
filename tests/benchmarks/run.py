"""Time every registered writer as a whole process on the seed and the seed x100, beside pandoc 3.

Every file a benchmark makes (inputs, outputs, pandoc's Markdown, the speech cache) goes into its temporary
folder: after `make bench` the checkout, seeds/ above all, is as it was (tests/test_benchmarks.py checks it).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import convert
from convert.model import Document, Heading, List, Paragraph
from convert.registry import writers
from convert.walk import plain_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "icat-child-trafficking-briefing.txt"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# pandoc's name for each of our formats it also writes; it has no PDF without LaTeX and no audio.
PANDOC_FORMATS = {"html": ["-t", "html5", "--standalone"], "docx": ["-t", "docx"], "epub": ["-t", "epub3"]}
# Formats too slow to run on the 320-page document in every benchmark; their own benchmarks cover them.
SEED_ONLY = {"mp3", "read-aloud"}


@dataclass(frozen=True)
class Measure:
    """Median wall time and peak memory of several runs of one command."""

    seconds: float
    peak_mb: float


def measure(command: list[str], runs: int = RUNS, env: dict[str, str] | None = None) -> Measure:
    """Run command `runs` times; median wall seconds and the largest peak resident memory (MB)."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return Measure(statistics.median(times), max(peaks))


def repeated_seed(times: int, folder: Path) -> Path:
    """The seed with its body repeated `times` times, as a .txt article in folder."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    path = folder / f"seed-x{times}.txt"
    path.write_text("\n".join(lines[:2] + lines[2:] * times) + "\n", encoding="utf-8")
    return path


def markdown_of(doc: Document) -> str:
    """The same content as Markdown, for pandoc."""
    parts = [f"# {doc.meta.title}", doc.meta.dateline]
    for block in doc.blocks:
        match block:
            case Heading(level=level):
                parts.append("#" * level + " " + plain_text(block))
            case List(items=items):
                parts.append("\n".join(f"- {plain_text(item)}" for item in items))
            case Paragraph():
                parts.append(plain_text(block))
    return "\n\n".join(parts) + "\n"


def pandoc_input(source: Path, folder: Path) -> Path:
    """pandoc's Markdown of source, written in folder: never beside the source, where it would become a seed."""
    markdown = folder / f"{source.stem}.pandoc.md"
    markdown.write_text(markdown_of(convert.read(source)), encoding="utf-8")
    return markdown


def large_article(megabytes: int, folder: Path) -> Path:
    """The seed's body repeated to about `megabytes` MB, under one title, in folder."""
    block = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[2:]) + "\n"
    path = folder / f"large-{megabytes}.txt"
    copies = max(1, megabytes * 1024 * 1024 // len(block.encode("utf-8")))
    path.write_text("A large article\n" + block * copies, encoding="utf-8")
    return path


def environment(folder: Path) -> dict[str, str]:
    """The environment of our commands: the speech cache inside folder, so a benchmark leaves none behind."""
    return {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}


def prepare(folder: Path) -> dict[str, Path]:
    """The inputs of the writer table, made inside folder: the seed and the seed x100."""
    return {"seed": SEED, "seed x100": repeated_seed(100, folder)}


def pandoc_path() -> str | None:
    """The pandoc binary shipped by pypandoc-binary, if installed."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def writer_table(inputs: dict[str, Path], folder: Path) -> None:
    """Print one row per writer and input: ours, pandoc's, and the ratio."""
    pandoc = pandoc_path()
    markdown = {label: pandoc_input(source, folder) for label, source in inputs.items()} if pandoc else {}
    env = environment(folder)
    print(f"{'format':<8} {'input':<10} {'ours s':>8} {'peak MB':>8} {'pandoc s':>9} {'ours/pandoc':>12}")
    for name in writers():
        for label, source in inputs.items():
            if name in SEED_ONLY and label != "seed":
                continue
            ours = measure(
                [sys.executable, "-m", "convert", str(source), "--to", name, "--out", str(folder / "ours"), "--quiet"],
                env=env,
            )
            row = f"{name:<8} {label:<10} {ours.seconds:>8.2f} {ours.peak_mb:>8.0f}"
            if pandoc and name in PANDOC_FORMATS:
                theirs = measure(
                    [
                        pandoc,
                        str(markdown[label]),
                        "-f",
                        "markdown",
                        *PANDOC_FORMATS[name],
                        "-o",
                        str(folder / f"pandoc.{name}"),
                    ]
                )
                row += f" {theirs.seconds:>9.2f} {ours.seconds / theirs.seconds:>12.2f}"
            print(row, flush=True)


def memory_growth(folder: Path) -> None:
    """Peak memory of the HTML conversion for 5, 25 and 50 MB articles: it must grow linearly."""
    print("\nHTML of large articles (memory must grow linearly):")
    print(f"{'size MB':>8} {'seconds':>8} {'peak MB':>8} {'peak/size':>10}")
    for megabytes in (5, 25, 50):
        path = large_article(megabytes, folder)
        result = measure(
            [sys.executable, "-m", "convert", str(path), "--to", "html", "--out", str(folder / "large"), "--quiet"],
            runs=1,
            env=environment(folder),
        )
        print(
            f"{megabytes:>8} {result.seconds:>8.1f} {result.peak_mb:>8.0f} {result.peak_mb / megabytes:>10.1f}",
            flush=True,
        )


def other_benchmarks() -> None:
    """Run each tests/benchmarks/bench_*.py module's main()."""
    for module in sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")
    ):
        print(f"\n== {module} ==", flush=True)
        importlib.import_module(f"tests.benchmarks.{module}").main()


def main() -> None:
    """Run every benchmark and print the figures."""
    with tempfile.TemporaryDirectory(prefix="accessconvert-bench-") as name:
        folder = Path(name)
        inputs = prepare(folder)
        print(f"Each figure is the median of {RUNS} whole-process runs; compare ratios within one run.\n")
        writer_table(inputs, folder)
        memory_growth(folder)
        other_benchmarks()


if __name__ == "__main__":
    main()
