"""The real-document corpus in tests/articles: its manifest (corpus.toml) as frozen entries, for any test to use."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "articles"
MANIFEST = ARTICLES / "corpus.toml"
SETS = ("design", "check")
# The formats convert.read() knows by extension; the manifest says which one each file is.
FORMATS = {".txt": "text", ".md": "markdown", ".html": "html"}


@dataclass(frozen=True)
class Entry:
    """One corpus document: where it came from, what it is, which set it belongs to, and its path."""

    file: str
    title: str
    kind: str
    lang: str
    format: str
    source: str
    repository: str
    path_in_repository: str
    commit: str
    licence: str
    attribution: str
    words: int
    features: tuple[str, ...]
    set: str
    tuned: bool
    changes: str
    path: Path
    batch: int = 1
    """1 for the documents gathered before the child edition's operations were written; 2 for those gathered
    after they were frozen (2026-12-02), which nobody looked at while writing them."""

    @property
    def stratum(self) -> str:
        """The group the split alternates within: the kind for English, else the language (or "rtl")."""
        if self.lang == "en":
            return self.kind
        return "rtl" if "rtl" in self.features else self.lang


@cache
def _entries() -> tuple[Entry, ...]:
    with MANIFEST.open("rb") as handle:
        records = tomllib.load(handle)["document"]
    # The manifest's "path" is the file's path in its repository; an Entry's path is the file here.
    return tuple(
        Entry(
            **dict(record, path=ARTICLES / record["file"], features=tuple(record["features"])),
            path_in_repository=record["path"],
        )
        for record in records
    )


def documents(set: str | None = None, lang: str | None = None) -> list[Entry]:
    """The corpus documents, optionally only one set ("design" or "check") and/or one language (BCP 47 tag)."""
    if set is not None and set not in SETS:
        raise ValueError(f"unknown set {set!r}; sets: {', '.join(SETS)}")
    return [e for e in _entries() if (set is None or e.set == set) and (lang is None or e.lang == lang)]


def split(entries: list[Entry]) -> dict[str, str]:
    """The set each document gets by the README's rule: tuned ones design, the second batch check, else
    alternating by hash per stratum."""
    chosen = {e.file: "design" for e in entries if e.tuned}
    chosen.update({e.file: "check" for e in entries if e.batch == 2})
    strata: dict[str, list[Entry]] = {}
    for entry in entries:
        if not entry.tuned and entry.batch == 1:
            strata.setdefault(entry.stratum, []).append(entry)
    for members in strata.values():
        ordered = sorted(members, key=lambda e: hashlib.sha256(e.file.encode()).hexdigest())
        chosen.update({e.file: SETS[(index + 1) % 2] for index, e in enumerate(ordered)})
    return chosen
