"""The child edition: targets on the seed, facts, quotations, boxes, provenance and the sentence rules."""

from __future__ import annotations

import re

import pytest

import convert
from convert.cli import main
from convert.model import Aside, List, Paragraph
from convert.plain.quotes import quotations
from convert.plain.words import glossary, is_common, plain_words
from convert.readability import check_facts, document_metrics, document_sentences, split_sentences
from convert.transforms.child import simplify, simplify_text, simplify_with_provenance, simplify_with_trace
from convert.walk import plain_text, query
from tests import corpus
from tests.conftest import SEED


@pytest.fixture(scope="module")
def source() -> convert.Document:
    return convert.read(SEED)


@pytest.fixture(scope="module")
def result(source):
    return simplify_with_trace(source)


@pytest.fixture(scope="module")
def figures(result):
    return document_metrics(result.doc)


@pytest.fixture(scope="module")
def facts(source, result):
    return check_facts(source, result.doc)


# Targets of issue 7, on the seed ------------------------------------------------


def test_grade_is_at_most_6(figures):
    assert figures.grade <= 6, figures


def test_average_sentence_is_at_most_12_words(figures):
    assert figures.average_sentence <= 12, figures


def test_no_sentence_is_over_20_words(result):
    long = [s for s in document_sentences(result.doc) if len(s.split()) > 20]
    assert not long, long


def test_at_least_90_percent_of_words_are_common(figures):
    assert figures.hard_share <= 0.10, figures


def test_every_fact_is_kept(facts):
    assert facts.facts, "the seed has numbers and names"
    assert facts.missing == ()


def test_no_fact_is_invented(facts):
    assert facts.invented == ()


def test_every_quotation_is_one_of_the_source(source, result):
    source_quotes = set(quotations(plain_text(source)))
    edition_quotes = quotations(plain_text(result.doc))
    assert all(q in source_quotes for q in edition_quotes), set(edition_quotes) - source_quotes


def test_the_edition_is_simpler_than_the_source(source, figures):
    before = document_metrics(source)
    assert figures.grade < before.grade - 5
    assert figures.longest_sentence < before.longest_sentence


# Structure ----------------------------------------------------------------------


def test_key_points_come_first_with_3_to_5_points_from_the_text(result):
    box = result.doc.blocks[0]
    assert isinstance(box, Aside) and box.kind == "key-points"
    points = [plain_text(item) for item in box.blocks[1].items]
    assert 3 <= len(points) <= 5
    body = plain_text(tuple(b for b in result.doc.blocks if not isinstance(b, Aside)))
    assert all(point.rstrip(".") in body for point in points)


def test_words_to_know_and_help_close_the_edition(result):
    kinds = [b.kind for b in result.doc.blocks if isinstance(b, Aside)]
    assert kinds[-2:] == ["glossary", "help"]
    terms = [plain_text(i).split(":")[0] for i in result.doc.blocks[-2].blocks[1].items]
    assert "trafficking" in terms
    assert all(t in glossary() for t in terms)


def test_help_note_can_be_turned_off_or_replaced(source, monkeypatch, tmp_path):
    simplify_with_trace.cache_clear()
    monkeypatch.setenv("ACCESSCONVERT_HELP_NOTE", "off")
    assert "help" not in [b.kind for b in simplify(source).blocks if isinstance(b, Aside)]
    note = tmp_path / "help.toml"
    note.write_text('paragraphs = ["Ask your teacher."]\n', encoding="utf-8")
    simplify_with_trace.cache_clear()
    monkeypatch.setenv("ACCESSCONVERT_HELP_NOTE", str(note))
    assert plain_text(simplify(source).blocks[-1]).endswith("Ask your teacher.")
    simplify_with_trace.cache_clear()


def test_every_block_records_its_source_block(source, result):
    doc, provenance = simplify_with_provenance(source)
    assert doc == result.doc and len(provenance) == len(doc.blocks)
    for block, origin in zip(doc.blocks, provenance, strict=True):
        assert (origin is None) == isinstance(block, Aside)
    indexes = [p for p in provenance if p is not None]
    assert indexes == sorted(indexes) and set(indexes) == set(range(len(source.blocks)))


def test_same_input_same_output(source, result):
    simplify_with_trace.cache_clear()
    assert simplify(source) == result.doc


def test_percentage_gets_a_childs_comparison(result):
    assert "35 percent (about 1 in 3)" in plain_text(result.doc)


def test_abbreviation_is_explained_on_first_use(result):
    text = plain_text(result.doc)
    first = text.index("IOM")
    assert "IOM is the United Nations group" in text[first : first + 300]


def test_the_edition_renders_as_html(source, tmp_path):
    paths = convert.convert(SEED, ["html"], tmp_path, editions=["child"], review=True)
    names = sorted(p.name for p in paths)
    assert names == [f"{SEED.stem}.child-review.html", f"{SEED.stem}.child.html"]
    page = (tmp_path / SEED.stem / f"{SEED.stem}.child.html").read_text(encoding="utf-8")
    assert 'class="key-points"' in page and "child" in page
    review = (tmp_path / SEED.stem / f"{SEED.stem}.child-review.html").read_text(encoding="utf-8")
    assert review.count("<tr") > 30 and "Flesch-Kincaid" in review


def test_review_flags_a_missing_fact():
    from convert.plain.review import review_rows
    from convert.transforms.child import SentenceTrace, Simplified

    doc = convert.read("Title\n\nThe report was not published on 3 May 2024 by UNICEF.\n")
    simplify_with_trace(doc)  # warm the cache, then check the flagging on a trace that lost facts
    rows = review_rows(doc)
    assert all(not r.flags for r in rows)
    lossy = Simplified(doc, (0,), (SentenceTrace(0, rows[0].source, ("The report was published.",)),))
    simplify_with_trace.cache_clear()
    import convert.transforms.child as child

    original = child.simplify_with_trace
    child.simplify_with_trace = lambda _doc: lossy
    try:
        flags = review_rows(doc)[0].flags
    finally:
        child.simplify_with_trace = original
    assert "negation missing" in flags and any("2024" in f for f in flags) and any("UNICEF" in f for f in flags)


# Sentence rules -------------------------------------------------------------------


def test_relative_clause_becomes_its_own_sentence():
    plain = simplify_text("ICAT prepared a Call for Accelerated Action, which proposes 10 action points for States.")
    assert re.search(r"\. (It|This) (suggests|proposes) 10 action points", plain), plain


def test_hard_words_are_replaced_keeping_the_inflection():
    plain = simplify_text("The briefing underscored that the crime requires cooperation.")
    assert "showed" in plain and "needs" in plain and "underscored" not in plain


def test_a_series_becomes_a_list():
    plain = simplify_text(
        "The crime requires the full cooperation of diverse stakeholders, including governments, "
        "civil society organizations and the private sector."
    )
    assert plain.splitlines()[1:] == ["- governments", "- community groups", "- businesses"]


def test_job_title_is_shortened_to_where_the_person_works():
    plain = simplify_text(
        "Ms. Heather Komenda, Senior Regional Migration Protection Specialist at the International "
        "Organization for Migration (IOM), opened the session."
    )
    # The long name is said once, in its own sentence; the sentence about her uses the abbreviation.
    assert "She works at IOM. IOM stands for International Organization for Migration." in plain
    assert "Specialist" not in plain


def test_short_easy_quote_stays_word_for_word():
    text = "“We must keep children safe,” Ms. Albert said."
    assert simplify_text(text) == text


def test_long_hard_quote_becomes_reported_speech():
    plain = simplify_text(
        "“In order to address trafficking in persons, we need a holistic and coordinated approach at every level,” "
        "said Ms. Diane Schmitt."
    )
    assert plain.startswith("Ms. Diane Schmitt said that") and "“" not in plain


def test_names_are_never_reworded():
    plain = simplify_text(
        "She works at the United Nations Office on Drugs and Crime. "
        "She reads the Global Report on Trafficking in Persons."
    )
    assert "United Nations Office on Drugs and Crime" in plain and "Trafficking in Persons" in plain


# Data ---------------------------------------------------------------------------


def test_plain_words_are_common_words():
    # Nearly every plain word is among the 3,000 most common; the few others are everyday words a child knows.
    table = plain_words()
    assert sum(len(v) for v in table.values()) >= 300
    words = [w for s, e in table.items() if s != "phrase" for v in e.values() for w in re.findall(r"[a-z-]+", v)]
    unknown = sorted({w for w in words if not is_common(w) and w not in glossary()})
    assert len(unknown) <= 0.10 * len(set(words)), unknown


def test_glossary_definitions_have_no_numbers_or_names():
    for term, definition in glossary().items():
        assert not re.search(r"\d", definition), term
        assert len(definition.split()) <= 40, term


def test_readability_command(capsys):
    assert main(["readability", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Flesch-Kincaid grade" in out and "facts invented" in out


def test_child_paragraphs_are_short(result):
    paragraphs = [p for p in query(result.doc, Paragraph)]
    # Sentences counted as the metrics count them: "Ms." does not end one.
    assert all(len(split_sentences(plain_text(p))) <= 4 for p in paragraphs)
    assert query(result.doc, List)


# The five articles issue 7 tuned on: its grade targets hold there; the rest of the corpus is issue 13's to measure.
ARTICLES = [entry.path for entry in corpus.documents() if entry.tuned]


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_targets_on_other_articles(article):
    doc = convert.read(article)
    edition = simplify(doc)
    figures = document_metrics(edition)
    check = check_facts(doc, edition)
    assert figures.grade <= 7 and figures.average_sentence <= 12 and figures.longest_sentence <= 20, figures
    assert figures.hard_share <= 0.10 and check.missing == () and check.invented == ()
    box = edition.blocks[0]
    assert isinstance(box, Aside) and box.kind == "key-points" and 3 <= len(box.blocks[1].items) <= 5
    body = plain_text(tuple(b for b in edition.blocks if not isinstance(b, Aside)))
    assert all(plain_text(item).rstrip(".") in body for item in box.blocks[1].items)


# Rules added for the targets: each keeps every word's meaning and makes good sentences ---------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "The inclusion of perspectives of survivors in developing initiatives to counter crime has been at the "
            "core of the work over the years.",
            "The views of survivors are included in making projects to fight crime. This has been at the heart "
            "of the work for many years.",
        ),
        (
            "However, when asked what they would do if they got this letter, most people said they would call the "
            "office.",
            "Most people were asked what they would do if they got this letter. However, most people said they "
            "would call the office.",
        ),
        (
            "Please follow along at our main repo, give us feedback or contribute, and look for more updates in the "
            "future.",
            "Please follow along at our main repo. Give us feedback or contribute. Look for more updates in the "
            "future.",
        ),
        (
            "Since 1966, the Freedom of Information Act, FOIA, has granted the public the right to access information "
            "from the Federal Government.",
            "Since 1966, the Freedom of Information Act has granted the public the right to access information from "
            "the Federal Government. FOIA stands for Freedom of Information Act.",
        ),
        (
            "Over the next several years, thousands of Tutsis were killed, and some 150,000 driven into exile in "
            "neighboring countries.",
            "Over the next several years, thousands of Tutsis were killed. Some 150,000 were driven into exile in "
            "neighboring countries.",
        ),
        (
            "For those who want to dig deeper, FBOpen is also an API that you can use to build custom query pages "
            "and analysis tools.",
            "For those who want to dig deeper, FBOpen is also an API. You can use it to build custom search pages "
            "and analysis tools.",
        ),
        (
            "This recognizes that every victim’s experience is unique, as are their personal needs after their ordeal.",
            "This accepts that every victim’s story is different. So are their own needs after their terrible time.",
        ),
        (
            "To solve this problem, VBA explained the phrase so that everyone was working from the same definition.",
            "VBA explained the phrase. This way, everyone was working from the same definition. The aim is to fix "
            "this problem.",
        ),
        (
            "The best way to grab and hold someone's attention is to figure out who they are and what they want to "
            "know.",
            "Here is the best way to grab and hold someone's attention. Figure out who they are and what they want "
            "to know.",
        ),
        (
            "The war culminated in April 1994 in a genocide, in which Rwandans killed approximately 800,000 of their "
            "fellow citizens.",
            "The war ended in April 1994 in a genocide. In this genocide, Rwandans killed about 800,000 of their "
            "fellow citizens.",
        ),
        (
            "Rwandans killed approximately 800,000 of their fellow citizens, including approximately three-quarters "
            "of the Tutsi population.",
            "Rwandans killed about 800,000 of their fellow citizens. They included about three-quarters of the "
            "Tutsi population.",
        ),
        (
            "Rwanda held its first local elections in 1999 and its first post-genocide presidential and legislative "
            "elections in 2003.",
            "Rwanda held its first local elections in 1999. Rwanda held its first post-genocide presidential and "
            "law-making elections in 2003.",
        ),
        (
            # spaCy reads "forced" as a verb joined to "targeting"; it is a modifier inside the series.
            "Criminal gangs recruit young people, targeting them for drug dealing, forced labour and even forcing "
            "them to steal from shops.",
            "Criminal gangs recruit young people.\nCriminal gangs go after them for:\n- drug dealing\n- forced work"
            "\n- even forcing them to steal from shops",
        ),
        (
            "The army shelled the town with rockets, destroyed houses and killed many people in the streets.",
            "The army shelled the town with rockets. The army destroyed houses and killed many people in the streets.",
        ),
    ],
    ids=[
        "nominalised-subject",
        "opening-when-clause",
        "imperatives",
        "abbreviation-as-appositive",
        "gapped-passive",
        "object-relative",
        "as-are",
        "so-that-and-fronted-purpose",
        "best-way",
        "preposition-which",
        "including",
        "two-objects",
        "participle-in-series",
        "verb-series-kept",
    ],
)
def test_sentence_rule(source, expected):
    assert simplify_text(source) == expected


def test_long_name_is_said_once_in_a_sentence_of_its_own():
    name = "Conference of the Parties to the United Nations Convention against Transnational Organized Crime"
    plain = simplify_text(f"The briefing took place in the margins of the meeting of the {name} held in Vienna.")
    assert plain.count(name) == 1 and f"full name is the {name}." in plain
    assert all(len(s.split()) <= 20 for s in split_sentences(plain)), plain
    # A job title is not a name to shorten so.
    titled = simplify_text(
        "It was moderated by Ms. Kari Johnstone, the Special Representative and Coordinator for Combating "
        "Trafficking in Persons."
    )
    assert "full name" not in titled


def test_coordinated_gerund_subjects_share_the_predicate():
    plain = simplify_text(
        "She said that elevating survivor leaders and integrating their expertise is the right thing."
    )
    assert plain == "She said that lifting up survivor leaders is the right thing. So is including their knowledge."


def test_the_subject_repeated_is_the_one_the_words_mean():
    # The parser hangs "targeting" on "overlap" (the crises); the ones who target are the traffickers.
    plain = simplify_text(
        "In most cases, these crises overlap further pushing children into precarious situations where traffickers "
        "exploit their plight, targeting them for sexual exploitation."
    )
    assert "These crises also push children into danger" in plain and "Traffickers go after them" in plain
    # "won't have to call" is said of the audience, not of the goal.
    plain = simplify_text(
        "Remember, the goal of protocol testing is to ensure that your audience understands your document, and "
        "therefore, won't have to call you for an explanation."
    )
    assert plain.endswith("So, your audience won't have to call you for an explanation.")


def test_a_series_of_questions_becomes_a_list():
    plain = simplify_text(
        "In future posts we'll talk about how FBOpen works, where the data comes from, and how it fits into our plans."
    )
    assert plain.splitlines() == [
        "In future posts we'll talk about:",
        "- how FBOpen works",
        "- where the data comes from",
        "- how it fits into our plans",
    ]


def test_a_quoted_term_is_never_cut():
    plain = simplify_text(
        "Yet several would have done something other than what VBA wanted because they had a different definition "
        'of "service-connected," said the report that the team wrote last year.'
    )
    assert '"service-connected,"' in plain
