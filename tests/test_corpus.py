"""The corpus in tests/articles: every file in the manifest and back, sources and licences recorded, split by rule."""

from __future__ import annotations

import re
import warnings
from collections import Counter

import pytest

import convert
from convert.model import Text
from tests.corpus import ARTICLES, FORMATS, MANIFEST, SETS, documents, split

KINDS = frozenset({"press-release", "guide", "encyclopedic", "report", "blog-post", "health", "legal", "documentation"})
LICENCES = frozenset({"CC0-1.0", "public-domain", "OGL-UK-3.0", "CC-BY-SA-2.5", "CC-BY-4.0"})
NOT_DOCUMENTS = frozenset({"README", MANIFEST.name})
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
RTL_LANGUAGES = frozenset({"ar", "ur", "fa", "he"})
ALL = documents()


def _words(node: object) -> list[str]:
    """Every word of the text runs under a model node, in order."""
    match node:
        case Text(text=text):
            return text.split()
        case tuple() | list():
            return [word for child in node for word in _words(child)]
        case _ if hasattr(node, "__dataclass_fields__"):
            return [word for name in node.__dataclass_fields__ for word in _words(getattr(node, name))]
        case _:
            return []


def test_every_file_is_in_the_manifest_and_every_entry_has_its_file():
    on_disk = {p.name for p in ARTICLES.iterdir() if p.is_file() and p.name not in NOT_DOCUMENTS}
    listed = [e.file for e in ALL]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    assert on_disk == set(listed), f"not in the manifest: {on_disk - set(listed)}; missing: {set(listed) - on_disk}"


@pytest.mark.parametrize("entry", ALL, ids=[e.file for e in ALL])
def test_entry_records_source_licence_and_set(entry):
    assert entry.set in SETS and entry.kind in KINDS and entry.licence in LICENCES
    assert entry.format == FORMATS[entry.path.suffix]
    assert BCP47.match(entry.lang), entry.lang
    assert re.match(r"^https?://\S+$", entry.source), entry.source
    assert re.match(r"^[\w.-]+/[\w.-]+$", entry.repository) and entry.path_in_repository
    assert re.match(r"^[0-9a-f]{40}$", entry.commit), entry.commit
    assert entry.attribution.strip() and entry.changes.strip() and entry.title.strip()
    assert ("rtl" in entry.features) == (entry.lang in RTL_LANGUAGES)


def test_size_and_variety():
    tuned = [e for e in ALL if e.tuned]
    assert len(tuned) == 5 and all(e.set == "design" for e in tuned)
    assert len(ALL) - len(tuned) >= 30
    other = [e for e in ALL if e.lang != "en"]
    assert len(other) >= 4 and {"es", "ar"} <= {e.lang for e in other} and len({e.lang for e in other}) >= 3
    assert set(Counter(e.kind for e in ALL)) == KINDS
    assert set(Counter(e.format for e in ALL)) == set(FORMATS.values())
    # CI converts every document to every format and edition (narration only with READ_ALOUD=all): keep it small.
    assert sum(e.words for e in ALL) < 50_000
    assert all(150 <= e.words <= 3_000 for e in ALL), [(e.file, e.words) for e in ALL if not 150 <= e.words <= 3_000]


def test_both_sets_for_every_kind_and_language_group():
    for kind, count in Counter(e.kind for e in ALL).items():
        if count >= 2:
            assert {e.set for e in ALL if e.kind == kind} == set(SETS), kind
    for lang in {e.lang for e in ALL if e.lang != "en"}:
        group = [e for e in ALL if e.lang == lang]
        if len(group) >= 2:
            assert {e.set for e in group} == set(SETS), lang
    assert {e.set for e in ALL if e.lang in RTL_LANGUAGES} == set(SETS)


def test_split_follows_the_written_rule():
    assert {e.file: e.set for e in ALL} == split(ALL)
    assert documents(set="check") and documents(set="design")
    assert {e.file for e in documents(set="check")}.isdisjoint(e.file for e in documents(set="design"))


def test_loader_filters_and_rejects_unknown_sets():
    assert {e.lang for e in documents(lang="es")} == {"es"}
    assert all(e.set == "check" and e.lang == "en" for e in documents(set="check", lang="en"))
    with pytest.raises(ValueError, match="unknown set"):
        documents(set="training")


def test_readme_describes_every_document():
    readme = (ARTICLES / "README").read_text(encoding="utf-8")
    assert [e.file for e in ALL if e.file not in readme] == []


@pytest.mark.parametrize("entry", ALL, ids=[e.file for e in ALL])
def test_document_reads(entry):
    with warnings.catch_warnings():
        # Warnings are fine here (remote images dropped, images not in the corpus): reading must not fail.
        warnings.simplefilter("ignore")
        doc = convert.read(entry.path)
    words = len(_words(doc.blocks))
    assert doc.meta.title
    assert doc.meta.lang.split("-")[0] == entry.lang
    # The recorded count is what a reader of the manifest plans with; it must stay close to what is read.
    assert abs(words - entry.words) <= 0.15 * entry.words, (words, entry.words)
