"""The speech engine registry: engines by name from a lazy table, the speaking rate."""

from __future__ import annotations

import importlib

import pytest

from convert.errors import UsageError
from convert.options import Options
from convert.speech.engines import CHILD_RATE, ENGINES, engine_for, rate_for


def test_child_edition_speaks_slower_unless_the_user_chose_a_rate() -> None:
    assert rate_for(Options(edition="child")) == CHILD_RATE < 1.0
    assert rate_for(Options(edition="child", rate=1.2)) == 1.2
    assert rate_for(Options()) == 1.0


def test_gtts_is_never_used_unless_asked() -> None:
    assert engine_for(Options()).name == "piper"
    assert engine_for(Options(engine="gtts")).name == "gtts"


def test_every_engine_in_the_table_is_a_factory_of_its_module() -> None:
    for name, (target, where) in ENGINES.items():
        module, _, factory = target.partition(":")
        assert callable(getattr(importlib.import_module(module), factory)), name
        assert where in ("offline", "online")


def test_an_engine_gets_the_rate_the_options_ask_for() -> None:
    slow, usual = engine_for(Options(rate=0.75)), engine_for(Options())
    assert slow.name == usual.name == "piper"
    assert slow.key != usual.key, "the rate changes the sound, so it is part of the cache key"
    assert engine_for(Options(edition="child")).key == engine_for(Options(rate=CHILD_RATE)).key


def test_an_unknown_engine_is_a_usage_error_naming_the_known_ones() -> None:
    options = Options(engine="espeak")
    with pytest.raises(UsageError, match=r"unknown speech engine 'espeak'; engines: piper \(offline\), gtts"):
        engine_for(options)
