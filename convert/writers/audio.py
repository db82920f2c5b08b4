"""The mp3 writer: the narration encoded as MP3 with ID3 chapters, and its WebVTT transcript beside it.

The narration itself (synthesis, cache, levelling, pauses, cue and chapter times) is convert.speech.narration's:
this writer only encodes its stream, as it is made, and packages it. The encoded frames are kept in the speech
cache under the narration's key, so a narration already encoded is copied, not encoded again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from convert.model import Document
from convert.options import Options
from convert.registry import FileKind, Writer
from convert.transforms.sentences import words

if TYPE_CHECKING:
    import numpy as np

    from convert.speech.narration import Chapter, Cue, Narration

BIT_RATE = 64
"""kbit/s of the mono MP3: clear speech at a small size."""
ENCODER_DELAY = 1105
"""Samples an MP3 decoder puts before the audio (LAME's 576 plus the decoder's 529) when no LAME tag says so."""
QUALITY = 5
"""LAME's "good" setting: at a speech bit rate q2 sounds no better and is 3x slower."""


def mp3_encoder(sample_rate: int) -> Any:
    """A LAME encoder with the narration's settings: mono, speech bit rate."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_out_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(QUALITY)
    return encoder


def encode(pcm: Iterable[np.ndarray], sample_rate: int) -> Iterator[bytes]:
    """MP3 frames of a stretch of narration, as its PCM arrives.

    The decoder's delay replaces the first samples (the opening silence), so players' times match the
    narration's: a sample of the stretch is heard at its own time.
    """
    encoder = mp3_encoder(sample_rate)
    skipped = 0
    for samples in pcm:
        if skipped < ENCODER_DELAY:
            cut = min(ENCODER_DELAY - skipped, len(samples))
            samples, skipped = samples[cut:], skipped + cut
        if len(samples):
            yield bytes(encoder.encode(samples.tobytes()))
    yield bytes(encoder.flush())


def write_mp3(narration: Narration, out: IO[bytes]) -> None:
    """Encode the whole narration into out (untagged MP3 frames), while it is being made; a narration encoded
    before with the same settings is copied from the cache instead."""
    from convert.speech import cache

    encoding = f"{_encoding()}/rate={narration.sample_rate}"
    if narration.cached and cache.copy_file(encoding, narration.key, out):
        return
    kept = cache.KeptFile(encoding, narration.key) if narration.cached else None
    try:
        for frames in encode(narration.stream(), narration.sample_rate):
            out.write(frames)
            if kept is not None:
                kept.write(frames)
    except BaseException:
        if kept is not None:
            kept.discard()
        raise
    if kept is not None:
        kept.commit()


def _encoding() -> str:
    from importlib.metadata import version

    return f"mp3/lameenc={version('lameenc')}/{BIT_RATE}kbps/q{QUALITY}/delay={ENCODER_DELAY}"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "→")


def _timed_words(cue: Cue) -> str:
    """The cue's text with a timestamp before each word after the first (WebVTT karaoke-style cue text)."""
    pieces: list[str] = []
    cursor, last = 0, cue.start
    for number, ((low, _), (start, _)) in enumerate(zip(words(cue.text), cue.words, strict=True)):
        # Timestamps must lie inside the cue and go forward; a word said at the same instant shares the last one.
        if number and cue.start < start < cue.end and start > last:
            pieces += [_escaped(cue.text[cursor:low]), f"<{_timestamp(start, cue.sample_rate)}>"]
            cursor, last = low, start
    return "".join(pieces) + _escaped(cue.text[cursor:])


def webvtt(narration: Narration, *, timed_words: bool = False) -> str:
    """The WebVTT transcript: one cue per sentence, named by the utterance id, in order.

    With timed_words, each word after a cue's first carries its time as an inline timestamp, where the
    narration knows it.
    """
    lines = ["WEBVTT", ""]
    for cue in narration.cues:
        text = _timed_words(cue) if timed_words and cue.words else _escaped(cue.text)
        text = "\n".join(line for line in text.splitlines() if line.strip()) or "…"
        lines += [
            cue.id,
            f"{_timestamp(cue.start, cue.sample_rate)} --> {_timestamp(cue.end, cue.sample_rate)}",
            text,
            "",
        ]
    return "\n".join(lines)


def _timestamp(sample: int, rate: int) -> str:
    milliseconds = round(sample * 1000 / rate)
    seconds, ms = divmod(milliseconds, 1000)
    minutes, s = divmod(seconds, 60)
    hours, m = divmod(minutes, 60)
    return f"{hours:02d}:{m:02d}:{s:02d}.{ms:03d}"


ISO_639_2 = {
    "en": "eng",
    "fr": "fra",
    "es": "spa",
    "de": "deu",
    "it": "ita",
    "pt": "por",
    "nl": "nld",
    "ar": "ara",
    "zh": "zho",
    "ru": "rus",
    "ja": "jpn",
    "ko": "kor",
    "pl": "pol",
    "sv": "swe",
    "tr": "tur",
    "hi": "hin",
}


CTOC_MAX_ENTRIES = 255
"""The most entries one ID3 CTOC frame can list."""


def tag(path: Path, doc: Document, chapters: tuple[Chapter, ...], sample_rate: int) -> None:
    """Write ID3 tags into the MP3 at path: title, artist, language, and a chapter (CHAP + CTOC) per section."""
    from mutagen.id3 import CHAP, CTOC, ID3, TALB, TCON, TIT2, TLAN, TPE1, CTOCFlags

    tags = ID3()
    meta = doc.meta
    tags.add(TIT2(encoding=3, text=meta.title))
    tags.add(TALB(encoding=3, text=meta.title))
    if meta.authors:
        tags.add(TPE1(encoding=3, text=", ".join(meta.authors)))
    lang = meta.lang.split("-")[0].lower()
    tags.add(TLAN(encoding=3, text=ISO_639_2.get(lang, lang)))
    tags.add(TCON(encoding=3, text="Speech"))
    ms = 1000 / sample_rate
    ids = [f"chp{number}" for number in range(len(chapters))]
    # A CTOC counts its entries in one byte: past 255 chapters the table of contents nests, in parts.
    parts = [ids[i : i + CTOC_MAX_ENTRIES] for i in range(0, len(ids), CTOC_MAX_ENTRIES)]
    top = ids if len(parts) <= 1 else [f"toc{number}" for number in range(len(parts))]
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=top,
            sub_frames=[TIT2(encoding=3, text="Contents")],
        )
    )
    if len(parts) > 1:
        for number, (element, part) in enumerate(zip(top, parts, strict=True)):
            title = f"Contents, part {number + 1}"
            tags.add(
                CTOC(
                    element_id=element,
                    flags=CTOCFlags.ORDERED,
                    child_element_ids=part,
                    sub_frames=[TIT2(encoding=3, text=title)],
                )
            )
    for element, chapter in zip(ids, chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element,
                start_time=round(chapter.start * ms),
                end_time=round(chapter.end * ms),
                start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    tags.save(path, v2_version=3)


def write(doc: Document, path: Path, options: Options) -> None:
    """Narrate doc to path (MP3 with tags and chapters) and write the WebVTT transcript beside it."""
    from convert.fileio import atomic_path, write_text_atomic
    from convert.speech.narration import narrate

    narration = narrate(doc, options)
    path = Path(path)
    with atomic_path(path) as temporary:
        with temporary.open("wb") as out:
            write_mp3(narration, out)
        tag(temporary, doc, narration.chapters, narration.sample_rate)
    timed = options.vtt_words and narration.word_timing
    write_text_atomic(path.with_suffix(".vtt"), webvtt(narration, timed_words=timed))


WRITER = Writer(
    name="mp3",
    write=write,
    description="audio narration (offline neural voice) with chapters, and a WebVTT transcript",
    files=(
        FileKind(
            ".mp3",
            "Audio narration (MP3)",
            "to listen to; a chapter for each section",
            (
                ("This page", "press Play on the player below."),
                (
                    "Computer",
                    "any media player: Windows Media Player, Music or QuickTime on a Mac, VLC (free, any system).",
                ),
                ("Phone or tablet", "the Files app or a music app."),
                ("MP3 player", "copy the file onto it."),
            ),
            spoken=True,
            audio=True,
        ),
        FileKind(
            ".vtt",
            "Transcript (WebVTT)",
            "to read what the narration says, with times; captions for the audio",
            (
                ("Any device", "open it with a text editor, or load it as subtitles in VLC beside the MP3."),
                ("This page", "the transcript is also shown under the audio player."),
            ),
        ),
    ),
)
