"""The ear's text: one table row per normalisation rule, input -> spoken text."""

from __future__ import annotations

import pytest

from convert.speech.normalise import cardinal, normalise, ordinal, year

CASES = [
    # abbreviations: letters by default, a word where the lexicon says so
    ("The UNODC report", "The U N O D C report"),
    ("ICAT met the IOM.", "eye-kat met the I O M."),
    ("the NGOs and the EU", "the N G O's and the E U"),
    ("NATO and UNICRI", "nay-toe and U N I C R I"),
    ("in the U.S. today", "in the U S today"),
    ("an A.I. system", "an ay I system"),
    ("e.g. this, i.e. that, etc.", "for example this, that is that, et cetera."),
    ("GENEVA HOSTS THE FIRST MEETING", "Geneva Hosts The First Meeting"),
    # titles
    ("Ms. Komenda and Dr. Smith", "Miz Komenda and Doctor Smith"),
    ("Mr. and Mrs. Jones", "Mister and Missus Jones"),
    # numbers
    ("10 action points", "ten action points"),
    ("1,250 victims", "one thousand two hundred fifty victims"),
    ("3.5 million", "three point five million"),
    ("No. 5", "number five"),
    # percentages
    ("35 percent", "thirty-five percent"),
    ("12.5% more", "twelve point five percent more"),
    # years and decades
    ("in 2024", "in twenty twenty-four"),
    ("in 2005", "in two thousand five"),
    ("in 1905", "in nineteen oh five"),
    ("the 1990s", "the nineteen nineties"),
    # dates
    ("on 17 October 2024", "on the seventeenth of October twenty twenty-four"),
    ("on October 17, 2024", "on October seventeenth, twenty twenty-four"),
    ("by 3 March", "by the third of March"),
    ("in July 2023", "in July twenty twenty-three"),
    ("2024-10-17", "the seventeenth of October twenty twenty-four"),
    # ordinals
    ("the 21st and 2nd", "the twenty-first and second"),
    ("its 103rd session", "its one hundred third session"),
    # currency
    ("$5.50", "five dollars and fifty cents"),
    ("€10 million", "ten million euros"),
    ("£1", "one pound"),
    ("US$2.5 billion", "two point five billion dollars"),
    # ranges
    ("2020–2024", "twenty twenty to twenty twenty-four"),
    ("10-20 people", "ten to twenty people"),
    # times
    ("at 9:05 a.m.", "at nine oh five a m"),
    ("at 3 p.m.", "at three p m"),
    ("at 14:30", "at fourteen thirty"),
    ("at 10:00", "at ten o'clock"),
    # symbols
    ("Tom & Jerry", "Tom and Jerry"),
    ("and/or", "and or"),
    ("input/output", "input or output"),
    ("24/7", "twenty-four seven"),
    # URLs by host name only
    ("see https://www.unodc.org/unodc/en/human-trafficking/index.html for more.", "see unodc dot org for more."),
    ("at www.example.com/a?b=1", "at example dot com"),
    # brackets, dashes and quotation marks become a reader's pauses
    ("the Organization (IOM), speaking", "the Organization, I O M, speaking"),
    ("the challenge [of trafficking] is", "the challenge of trafficking is"),
    ("“Yes,” she said.", "Yes, she said."),
    ("Vienna – the capital", "Vienna, the capital"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES, ids=[c[0] for c in CASES])
def test_normalisation(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (40, "forty"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (1001, "one thousand one"),
        (2_500_000, "two million five hundred thousand"),
    ],
)
def test_cardinal(number: int, words: str) -> None:
    assert cardinal(number) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [(1, "first"), (3, "third"), (12, "twelfth"), (20, "twentieth"), (22, "twenty-second"), (100, "one hundredth")],
)
def test_ordinal(number: int, words: str) -> None:
    assert ordinal(number) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [(2000, "two thousand"), (2010, "twenty ten"), (1800, "eighteen hundred"), (1066, "ten sixty-six")],
)
def test_year(number: int, words: str) -> None:
    assert year(number) == words
