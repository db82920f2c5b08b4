"""Options: every setting checked once, where it enters, before any work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from convert.errors import UsageError
from convert.options import Options, check_lang, check_rate


def test_defaults_and_what_they_mean() -> None:
    options = Options()
    assert (options.theme, options.edition, options.engine, options.rate, options.lang) == (
        "default",
        "full",
        "piper",
        1.0,
        "",
    )
    assert not options.word_timing_wanted
    assert Options(vtt_words=True).word_timing_wanted and Options(overlay_granularity="word").word_timing_wanted


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"theme": "../styles/default"}, "unknown theme"),
        ({"css": Path("/no/such.css")}, "no such file"),
        ({"lang": "english"}, "not a language tag"),
        ({"rate": 3}, "--rate must be a number from 0.5 to 2"),
        ({"rate": "fast"}, "not 'fast'"),
        ({"rate": True}, "not True"),
        ({"overlay_granularity": "paragraph"}, "choose sentence or word"),
    ],
)
def test_a_wrong_setting_is_a_usage_error(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Options(**settings)


def test_values_are_normalised() -> None:
    assert Options(lang="en_GB").lang == "en-GB" and check_lang(" fr ") == "fr"
    text: Any = "1.5"  # as a caller of the API might pass it
    assert Options(rate=text).rate == 1.5 and check_rate(0.5) == 0.5


def test_progress_goes_to_the_callback() -> None:
    seen: list[tuple[str, float, float]] = []
    Options(progress=lambda what, done, total: seen.append((what, done, total))).report("mp3", 1, 4)
    Options().report("mp3", 1, 4)  # no callback: nothing happens
    assert seen == [("mp3", 1, 4)]
