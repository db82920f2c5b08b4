"""The conformance corpus: which documents, built into every format of every edition, and checked once.

Documents are the real articles of tests/articles/ (its manifest, both sets), the seeds, and the structure
documents beside this file (nested lists, tables with header rows and columns, many links with a <base href>,
images with and without alt, footnotes, relative links, right-to-left text with numbered headings, math as
images, skipped heading levels). Their images are drawn here, so no binary file is kept in the repository.

Building runs in worker processes, two documents at a time; checking runs each validator once over all the
files of its type (convert.check). Both happen once per test session.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import shutil
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
STRUCTURE = Path(__file__).resolve().parent / "structure"
SEEDS = ROOT / "seeds"
SOURCE_SUFFIXES = (".txt", ".md", ".html")
FORMATS = ("html", "pdf", "docx", "epub")
EDITIONS = ("full", "child")
READ_ALOUD_ALL = "ACCESSCONVERT_CONFORMANCE_READ_ALOUD"
"""Set to "all" to narrate every document (the read-aloud EPUB and read-along page) rather than the sample."""
READ_ALOUD_SAMPLE = frozenset(
    {"structure/nested-lists", "structure/images", "structure/footnotes", "structure/heading-skips",
     "structure/many-links", "structure/readme/README"}
)  # fmt: skip
"""The documents narrated in every run: one per structure the read-aloud EPUB must carry (lists, images and math,
notes, renumbered headings, links, tables in Markdown). Narration costs about a CPU-minute per thousand words
and edition, so the articles, the seeds and the long structure documents (84 table rows; Arabic, which the
English voice narrates slowly) are narrated when READ_ALOUD_ALL is "all"; their other formats always run."""
JOBS = int(os.environ.get("ACCESSCONVERT_TEST_JOBS", "2"))


@dataclass(frozen=True, slots=True)
class Source:
    """One document of the corpus."""

    name: str
    """A short unique name, used in test ids."""
    path: Path
    """The source file, relative to its folder as given."""
    group: str
    """"articles", "structure" or "seeds"."""
    read_aloud: bool
    """Whether its read-aloud EPUB and read-along page are built and checked in this run."""


def sources() -> list[Source]:
    """Every document of the conformance corpus, in a stable order."""
    everything = os.environ.get(READ_ALOUD_ALL, "") == "all"
    found: list[Source] = []
    from tests.corpus import documents

    for entry in sorted(documents(), key=lambda e: e.file):
        # The set (design or check) is in the name, so a failure says whether it was looked at while fixing.
        found.append(Source(f"{entry.set}/{entry.path.stem}", entry.path, "articles", everything))
    for path in sorted(p for p in STRUCTURE.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file()):
        name = f"structure/{path.relative_to(STRUCTURE).with_suffix('')}"
        found.append(Source(name, path, "structure", everything or name in READ_ALOUD_SAMPLE))
    for path in sorted(p for p in SEEDS.iterdir() if p.suffix in SOURCE_SUFFIXES):
        found.append(Source(f"seeds/{path.stem}", path, "seeds", everything))
    return found


# Images the structure documents use, drawn with Pillow ----------------------------


def draw_images(folder: Path) -> None:
    """The PNG files images.html refers to: a logo, a set-up drawing, a class photo, two formulas, a chart."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)

    def canvas(width: int, height: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        image = Image.new("RGB", (width, height), "white")
        return image, ImageDraw.Draw(image)

    image, draw = canvas(120, 40)
    draw.ellipse((4, 4, 36, 36), fill="#2a6")
    draw.text((44, 14), "PhysLab", fill="black")
    image.save(folder / "logo.png")
    image, draw = canvas(240, 320)
    draw.rectangle((100, 10, 120, 310), outline="black")
    draw.ellipse((95, 5, 125, 35), fill="red")
    draw.rectangle((180, 150, 220, 230), fill="#333")
    image.save(folder / "setup.png")
    image, draw = canvas(320, 200)
    for x in range(10, 310, 40):
        draw.ellipse((x, 80, x + 30, 110), fill="#c96")
    image.save(folder / "class.png")
    for name, text in (("distance", "d = 1/2 g t^2"), ("time", "t = sqrt(2h / g)")):
        image, draw = canvas(160, 30)
        draw.text((6, 8), text, fill="black")
        image.save(folder / f"{name}.png")
    image, draw = canvas(300, 200)
    for index, value in enumerate((0.32, 0.45, 0.55, 0.64)):
        draw.rectangle((20 + index * 70, 190 - int(value * 280), 70 + index * 70, 190), fill="#36c")
    image.save(folder / "chart.png")
    image, draw = canvas(300, 8)
    draw.line((0, 4, 300, 4), fill="#999", width=2)
    image.save(folder / "divider.png")


def prepare_sources(work: Path) -> dict[str, Path]:
    """Copy the structure documents into work, with their images drawn; returns each source's path to convert."""
    copy = work / "structure"
    shutil.copytree(STRUCTURE, copy)
    draw_images(copy / "images")
    paths = {}
    for source in sources():
        if source.group == "structure":
            paths[source.name] = copy / source.path.relative_to(STRUCTURE)
        else:
            paths[source.name] = source.path
    return paths


# Building -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Built:
    """The outputs of one document: each (edition, format) -> path, and the warnings the conversion gave."""

    name: str
    """The source's name."""
    outputs: dict[tuple[str, str], Path] = field(default_factory=dict)
    """(edition, format) -> file; format is html, pdf, docx, epub, read-aloud (EPUB) or read-along (page)."""
    warnings: tuple[str, ...] = ()
    """Every warning the conversion gave."""
    seconds: float = 0.0
    """How long the conversion took."""
    error: str = ""
    """The error that stopped the conversion, if any."""


def build_one(name: str, source: str, out: str, read_aloud: bool) -> Built:
    """In a worker: every format of both editions of one source (and its read-aloud EPUB when asked)."""
    import convert

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1729123200")
    started = time.monotonic()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            written = convert.convert(Path(source), FORMATS, Path(out), editions=EDITIONS, read_aloud=read_aloud)
        except Exception as error:  # reported by the test that needs this document's outputs
            return Built(name, error=f"{type(error).__name__}: {error}", seconds=time.monotonic() - started)
    outputs: dict[tuple[str, str], Path] = {}
    for path in written:
        edition = "child" if ".child." in path.name else "full"
        if path.name.endswith(".read-aloud.epub"):
            outputs[(edition, "read-aloud")] = path
            page = path.with_name(path.name.replace(".read-aloud.epub", ".read-along.html"))
            outputs[(edition, "read-along")] = page
        elif path.suffix[1:] in FORMATS:
            outputs[(edition, path.suffix[1:])] = path
    messages = tuple(dict.fromkeys(str(w.message) for w in caught))
    return Built(name, outputs, messages, time.monotonic() - started)


def build_all(work: Path) -> dict[str, Built]:
    """Every document built, JOBS at a time in worker processes."""
    paths = prepare_sources(work)
    chosen = {source.name: source for source in sources()}
    context = multiprocessing.get_context("spawn")
    built: dict[str, Built] = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=JOBS, mp_context=context) as pool:
        futures = {
            pool.submit(build_one, name, str(path), str(work / "out" / name), chosen[name].read_aloud): name
            for name, path in paths.items()
        }
        for future in concurrent.futures.as_completed(futures):
            built[futures[future]] = future.result()
    return {name: built[name] for name in paths}
