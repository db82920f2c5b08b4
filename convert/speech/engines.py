"""Speech engines behind one small interface: spoken text in, mono 16-bit PCM (and the time of each word) out."""

from __future__ import annotations

import importlib
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
class Speech:
    """What an engine made of one spoken text."""

    samples: np.ndarray = field(repr=False)
    """Mono int16 PCM."""
    words: tuple[tuple[int, int], ...] | None = None
    """(first sample, sample after) of each word of the spoken text, as convert.transforms.sentences.words()
    finds them; None when the engine cannot tell when each word is said."""


@dataclass(frozen=True, slots=True)
class Engine:
    """A speech engine ready to use; loading the voice itself waits until the first synthesis."""

    name: str
    """"piper" or "gtts"."""
    key: str
    """Identifies everything that changes the sound (engine, voice, rate, version) for the cache."""
    sample_rate: int
    """Samples per second of the PCM that synthesize returns."""
    synthesize: Callable[[str], Speech] = field(repr=False)
    """synthesize(spoken text) -> Speech, once setup(*setup_args) has run in the process."""
    workers: int = 1
    """How many syntheses may usefully run at the same time."""
    setup: Callable[..., None] | None = field(default=None, repr=False)
    """Prepares a process to synthesise (loads the voice); with it, synthesize and setup are module-level
    functions, so synthesis can run in worker processes, each set up once."""
    setup_args: tuple[object, ...] = field(default=(), repr=False)
    """The arguments of setup: plain values that a worker process can receive."""
    word_timing: bool = False
    """True when synthesize tells when each word is said (Speech.words)."""


def rate_for(options: Options) -> float:
    """The speaking rate: the user's, or the child edition's slower default when the user left it at 1.0."""
    # Options checked the rate (convert.options.check_rate) when it was given.
    if options.edition == "child" and options.rate == 1.0:
        return CHILD_RATE
    return options.rate


ENGINES = {
    "piper": ("convert.speech.engine_piper:engine", "offline"),
    "gtts": ("convert.speech.engine_gtts:engine", "online"),
}
"""Each engine's name -> ("module:factory", offline or online). A factory takes (options, lang, rate) and returns
the Engine. The table names the engines as text, so this registry never imports what it registers (each engine
imports Engine and Speech from here) and an engine's dependencies load only when it is used."""


def engine_for(options: Options, lang: str = "en") -> Engine:
    """The engine named by options.engine, set up with its voice and rate; MissingDependency if not installed."""
    if options.engine not in ENGINES:
        known = ", ".join(f"{name} ({where})" for name, (_, where) in ENGINES.items())
        raise UsageError(f"unknown speech engine {options.engine!r}; engines: {known}")
    module, _, factory = ENGINES[options.engine][0].partition(":")
    make: Callable[[Options, str, float], Engine] = getattr(importlib.import_module(module), factory)
    return make(options, lang, rate_for(options))
