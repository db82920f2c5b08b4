"""The benchmarks leave no trace: every input they prepare is made in their temporary folder, nothing in seeds/.

Nothing is timed here (speed is measured by `make bench` only): these run the parts of tests/benchmarks that
make files, small, and check where the files went.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks import bench_audio, bench_docx, bench_pdf, run

SEEDS = run.SEED.parent


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under folder -> (size, modification time in ns)."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.fixture
def seeds_unchanged() -> object:
    before = snapshot(SEEDS)
    yield
    assert snapshot(SEEDS) == before, "a benchmark wrote into seeds/"


def test_the_writer_tables_inputs_are_made_in_the_folder(tmp_path: Path, seeds_unchanged: object) -> None:
    inputs = run.prepare(tmp_path)
    assert inputs["seed"] == run.SEED
    assert inputs["seed x100"].parent == tmp_path
    assert inputs["seed x100"].stat().st_size > 50 * run.SEED.stat().st_size
    for source in inputs.values():
        markdown = run.pandoc_input(source, tmp_path)
        assert markdown.parent == tmp_path and markdown.read_text(encoding="utf-8").startswith("# ")
    assert not (SEEDS / f"{run.SEED.stem}.md").exists()
    large = run.large_article(1, tmp_path)
    assert large.parent == tmp_path and large.stat().st_size > 900_000
    assert run.environment(tmp_path)["XDG_CACHE_HOME"] == str(tmp_path / "cache")


def test_the_other_benchmarks_inputs_are_made_in_the_folder(tmp_path: Path, seeds_unchanged: object) -> None:
    sources = bench_pdf.sources(tmp_path)
    page = bench_pdf.html_for(run.SEED, tmp_path)
    assert sources["seed x100"].parent == tmp_path and page.parent == tmp_path
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    word = bench_docx.word_file(2, tmp_path)
    assert word.parent == tmp_path and word.stat().st_size > 0
    assert bench_audio.SEED == run.SEED
    made = {p.parent for p in tmp_path.rglob("*") if p.is_file()}
    assert made <= {tmp_path}
