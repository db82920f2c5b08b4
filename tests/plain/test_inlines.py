"""The inline tree as one string and back: what a rewrite keeps keeps its link, emphasis, code and language."""

from __future__ import annotations

from convert.model import Abbr, Break, Code, Emph, Link, Quoted, Span, Strong, Text
from convert.plain.inlines import FIXED, FOREIGN, MARKER, QUOTED, Draft, flatten, join, rebuild

INLINES = (
    Text("Read "),
    Link((Text("the "), Emph((Text("full"),)), Text(" guide")), "https://example.org/guide"),
    Text(" or run "),
    Code("make test"),
    Text(" with the "),
    Abbr("WHO", "World Health Organization"),
    Text(" team; "),
    Span((Text("c'est la vie"),), "fr"),
    Text(", "),
    Quoted((Text("we said"),)),
    Text("."),
    Break(),
    Strong((Text("Done"),)),
    Link((Text("[2]"),), "#notes"),
)


def test_the_whole_string_rebuilds_the_same_inlines():
    flat = flatten(INLINES)
    assert flat.text.startswith("Read the full guide or run make test with the WHO team; c'est la vie, “we said”.")
    assert rebuild(flat, Draft.of(flat, 0, len(flat.text))) == INLINES


def test_a_piece_cut_out_of_a_link_is_still_a_link():
    flat = flatten(INLINES)
    start = flat.text.index("full guide")
    part = rebuild(flat, Draft.of(flat, start, start + len("full guide")))
    assert part == (Link((Emph((Text("full"),)), Text(" guide")), "https://example.org/guide"),)


def test_flags_mark_what_may_not_be_rewritten():
    flat = flatten(INLINES)
    at = flat.text.index
    assert flat.flags[at("Read")] == 0
    assert flat.flags[at("guide")] & FIXED and flat.flags[at("make")] & FIXED and flat.flags[at("WHO")] & FIXED
    assert flat.flags[at("c'est")] & FOREIGN and flat.flags[at("we said")] & QUOTED
    assert flat.flags[at("[2]")] & MARKER
    assert flatten((Text("It grew fast.[12] It shrank [citation needed]."),)).flags[13] & MARKER


def test_a_replacement_takes_the_formatting_of_what_it_replaces_and_inserted_text_none():
    flat = flatten((Text("Go "), Emph((Text("quickly"),)), Text(" home")))
    draft = Draft.of(flat, 0, len(flat.text))
    start = flat.text.index("quickly")
    changed = draft.replace(start, start + len("quickly"), "fast")
    assert rebuild(flat, changed) == (Text("Go "), Emph((Text("fast"),)), Text(" home"))
    added = join(Draft.new("She"), Draft.of(flat, 0, 2), Draft.new("."))
    assert rebuild(flat, added) == (Text("She Go."),)
    standing = Draft.standing_for("She", start)
    assert rebuild(flat, standing) == (Text("She"),)
