"""The review page of the child edition: every sentence with what was done to it, and the flags for an editor."""

from __future__ import annotations

import convert
import convert.transforms.child as child
from convert.plain.review import review_rows, shares
from convert.transforms.child import SentenceTrace, Simplified
from tests.conftest import SEED


def test_the_review_page_shows_operations_verification_and_reasons(tmp_path):
    paths = convert.convert(SEED, ["html"], tmp_path, editions=["child"], review=True)
    names = sorted(p.name for p in paths)
    assert names == [f"{SEED.stem}.child-review.html", f"{SEED.stem}.child.html"]
    review = (tmp_path / SEED.stem / f"{SEED.stem}.child-review.html").read_text(encoding="utf-8")
    assert review.count("<tr") > 30 and "Flesch-Kincaid" in review
    assert "shorten_appositive" in review and "the verification passed" in review
    assert "Left as written: long, but no operation" in review and "Sentences left as written" in review


def test_review_flags_a_missing_fact():

    doc = convert.read("Title\n\nThe report was not published on 3 May 2024 by UNICEF.\n")
    rows = review_rows(doc)
    assert all(not r.flags for r in rows)
    lossy = Simplified(doc, (0,), (SentenceTrace(0, rows[0].source, ("The report was published.",)),))
    original = child.simplify_with_trace
    child.simplify_with_trace = lambda _doc: lossy
    try:
        flags = review_rows(doc)[0].flags
    finally:
        child.simplify_with_trace = original
    assert "negation missing" in flags and any("2024" in f for f in flags) and any("UNICEF" in f for f in flags)


def test_shares_count_every_sentence_once() -> None:
    counts = shares(convert.read(SEED))
    assert counts.sentences > 10 and 0 < counts.rewritten < counts.sentences
    assert counts.as_written == counts.sentences - counts.rewritten
    assert sum(number for _, number in counts.reasons) == counts.as_written
    assert [number for _, number in counts.reasons] == sorted((n for _, n in counts.reasons), reverse=True)
