"""The options every writer receives: one frozen dataclass, defaults for every field."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from convert import langtag
from convert.errors import UsageError
from convert.limits import RATE_RANGE

ProgressCallback = Callable[[str, float, float], None]
"""Called as progress(what, done, total) by writers doing long work."""


@dataclass(frozen=True, slots=True)
class Options:
    """Settings shared by all writers; each writer reads the fields it needs."""

    theme: str = "default"
    """The CSS theme in styles/: default, large-print, high-contrast, dyslexia, child."""
    css: Path | None = None
    """A style sheet of the user's own, added after the theme; its url()s follow the local-only rules."""
    edition: str = "full"
    """"full" for the source as written, "child" for the plain-language edition."""
    paper: str = "a4"
    """Paper size for print formats: "a4" or "letter"."""
    lang: str = ""
    """Overrides the document's language when set."""
    engine: str = "piper"
    """The speech engine for audio: "piper" (offline) or "gtts" (online, opt-in)."""
    voice: Path | None = None
    """A Piper .onnx voice to use instead of the bundled one."""
    rate: float = 1.0
    """Speaking rate; 1.0 is the voice's natural speed, below 1 is slower."""
    lexicon: Path | None = None
    """A TOML pronunciation lexicon that extends the built-in one."""
    cache: bool = True
    """Reuse synthesised speech from the cache folder."""
    overlay_granularity: str = "sentence"
    """What the read-aloud EPUB's Media Overlays highlight as the voice reads: "sentence" or "word"."""
    vtt_words: bool = False
    """Give each word of the WebVTT transcript its time (inline timestamps), still one cue per sentence."""
    resource_dir: Path | None = None
    """The source document's folder: the only place (besides our styles) resources may come from."""
    progress: ProgressCallback | None = None
    """Receives progress reports from long-running writers."""

    @property
    def word_timing_wanted(self) -> bool:
        """True when an output was asked to be timed word by word."""
        return self.overlay_granularity == "word" or self.vtt_words

    def __post_init__(self) -> None:
        # Settings enter here, from the command line and the API alike: each is checked once, before any work.
        from convert.themes import check_theme

        check_theme(self.theme)
        if self.css is not None and not Path(self.css).is_file():
            raise UsageError(f"--css {self.css}: no such file")
        object.__setattr__(self, "lang", check_lang(self.lang) if self.lang else "")
        object.__setattr__(self, "rate", check_rate(self.rate))
        if self.overlay_granularity not in ("sentence", "word"):
            raise UsageError(f"unknown overlay granularity {self.overlay_granularity!r}; choose sentence or word")

    def report(self, what: str, done: float, total: float) -> None:
        """Forward a progress report to the callback, if any."""
        if self.progress is not None:
            self.progress(what, done, total)


def check_lang(value: str) -> str:
    """A language tag given by the user, normalised; anything else is a UsageError."""
    tag = langtag.normalise(value)
    if tag is None:
        from convert.errors import shown

        raise UsageError(f"--lang {shown(str(value))} is not a language tag (BCP 47, {langtag.EXAMPLES})")
    return tag


def check_rate(value: object) -> float:
    """A speaking rate given by the user, as a float; outside RATE_RANGE (or not a number) a UsageError."""
    low, high = RATE_RANGE
    try:
        rate = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        rate = math.nan
    if isinstance(value, bool) or not low <= rate <= high:  # nan fails every comparison
        raise UsageError(
            f"--rate must be a number from {low:g} to {high:g} (1 is the voice's natural speed), not {value!r}"
        )
    return rate
