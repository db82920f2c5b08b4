"""The options every writer receives: one frozen dataclass, defaults for every field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ProgressCallback = Callable[[str, float, float], None]
"""Called as progress(what, done, total) by writers doing long work."""


@dataclass(frozen=True, slots=True)
class Options:
    """Settings shared by all writers; each writer reads the fields it needs."""

    theme: str = "default"
    """The CSS theme in styles/: default, large-print, high-contrast, dyslexia, child."""
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

    def report(self, what: str, done: float, total: float) -> None:
        """Forward a progress report to the callback, if any."""
        if self.progress is not None:
            self.progress(what, done, total)
