"""Speech engines behind one small interface: spoken text in, mono 16-bit PCM out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from convert.errors import UsageError
from convert.options import Options

if TYPE_CHECKING:
    import numpy as np

CHILD_RATE = 0.9
"""The default speaking rate of the child edition: slightly slower than the voice's natural speed."""


@dataclass(frozen=True, slots=True)
class Engine:
    """A speech engine ready to use; loading the voice itself waits until the first synthesis."""

    name: str
    """"piper" or "gtts"."""
    key: str
    """Identifies everything that changes the sound (engine, voice, rate, version) for the cache."""
    sample_rate: int
    """Samples per second of the PCM that synthesize returns."""
    synthesize: Callable[[str], np.ndarray] = field(repr=False)
    """synthesize(spoken text) -> mono int16 samples; safe to call from several threads at once."""
    workers: int = 1
    """How many syntheses may usefully run at the same time."""


def rate_for(options: Options) -> float:
    """The speaking rate: the user's, or the child edition's slower default when the user left it at 1.0."""
    # Options checked the rate (convert.options.check_rate) when it was given.
    if options.edition == "child" and options.rate == 1.0:
        return CHILD_RATE
    return options.rate


def engine_for(options: Options, lang: str = "en") -> Engine:
    """The engine named by options.engine, set up with its voice and rate; MissingDependency if not installed."""
    rate = rate_for(options)
    match options.engine:
        case "piper":
            from convert.speech.engine_piper import piper_engine

            return piper_engine(options.voice, rate)
        case "gtts":
            from convert.speech.engine_gtts import gtts_engine

            return gtts_engine(lang, rate)
    raise UsageError(f"unknown speech engine {options.engine!r}; engines: piper (offline), gtts (online)")
