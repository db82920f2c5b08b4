"""The one id maker: slugs from text, unique ids with or without numbers."""

from __future__ import annotations

from convert.ids import slug, unique


def test_slug_folds_accents_case_and_punctuation() -> None:
    assert slug("Child trafficking: children’s rights — Éducation") == "child-trafficking-children-s-rights-education"
    assert slug("  ¿Qué?  ") == "que"
    assert slug("—") == "section"
    assert slug("حقوق الطفل") == "حقوق-الطفل"


def test_unique_keeps_a_free_base_and_numbers_from_two() -> None:
    assert unique("intro", set()) == "intro"
    assert unique("intro", {"intro"}) == "intro-2"
    assert unique("intro", {"intro", "intro-2", "intro-3"}) == "intro-4"
    # A gap is filled: the first free id wins.
    assert unique("intro", {"intro", "intro-3"}) == "intro-2"


def test_unique_does_not_change_taken() -> None:
    taken = {"a"}
    assert unique("a", taken) == "a-2"
    assert taken == {"a"}


def test_numbered_ids_start_at_one_and_never_use_the_bare_base() -> None:
    assert unique("list", set(), numbered=True) == "list-1"
    assert unique("list", {"list-1", "list-2"}, numbered=True) == "list-3"
    assert unique("list", {"list"}, numbered=True) == "list-1"


def test_counters_remember_the_next_number_and_agree_with_a_fresh_search() -> None:
    taken: set[str] = set()
    counters: dict[str, int] = {}
    with_counters = []
    for _ in range(5):
        chosen = unique("s", taken, counters=counters)
        taken.add(chosen)
        with_counters.append(chosen)
    assert with_counters == ["s", "s-2", "s-3", "s-4", "s-5"]
    fresh: set[str] = set()
    for expected in with_counters:
        chosen = unique("s", fresh)
        fresh.add(chosen)
        assert chosen == expected
    # Numbered with counters: a number is not given twice even when the caller does not record it.
    counters = {}
    assert [unique("box", {"box-2"}, numbered=True, counters=counters) for _ in range(3)] == ["box-1", "box-3", "box-4"]


class CountingSet(set[str]):
    """A set that counts membership look-ups."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        self.lookups += 1
        return super().__contains__(item)


def test_counters_make_many_equal_bases_linear() -> None:
    taken = CountingSet()
    counters: dict[str, int] = {}
    for _ in range(2_000):
        taken.add(unique("same", taken, counters=counters))
    # Without counters the n-th id costs n look-ups (2 million in all); with them, two each.
    assert taken.lookups <= 2 * 2_000
    assert len(taken) == 2_000 and "same-2000" in taken
