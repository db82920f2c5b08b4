"""The mp3 writer: the document narrated, with pauses by structure, ID3 chapters and a WebVTT transcript beside it.

narrate() is public: it returns the PCM, the MP3 and the exact timeline of every utterance, so the
EPUB writer can build Media Overlays from the same narration without synthesising twice.
"""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convert.model import Document, Heading
from convert.options import Options
from convert.registry import Writer
from convert.walk import plain_text

if TYPE_CHECKING:
    import numpy as np

    from convert.speech.engines import Engine

TARGET_LUFS = -16.0
"""The spoken-word loudness norm (ITU-R BS.1770 integrated loudness)."""
PEAK = 0.89
"""The highest sample after the gain (-1 dBFS), so loud sentences never clip."""
BIT_RATE = 64
"""kbit/s of the mono MP3: clear speech at a small size."""
# Silence in seconds before an utterance, by its kind; "next" is a later sentence of the same block.
PAUSE_BEFORE = {
    "title": 0.3,
    "dateline": 0.8,
    "heading": 1.2,
    "paragraph": 0.75,
    "item": 0.5,
    "quote": 0.6,
    "attribution": 0.45,
    "caption": 0.75,
    "table": 0.5,
    "code": 0.75,
    "next": 0.35,
}
PAUSE_AFTER_HEADING = 0.6
END_SILENCE = 0.8
START_SILENCE = 0.25
ENCODER_DELAY = 1105
"""Samples an MP3 decoder puts before the audio (LAME's 576 plus the decoder's 529) when no LAME tag says so."""
SOFT_KNEE = 0.5
"""Above this level peaks are rounded off smoothly, so speech reaches the loudness norm without clipping."""


@dataclass(frozen=True, slots=True)
class Cue:
    """When one utterance is heard: its id, its displayed text, and its first and past-last sample."""

    id: str
    """The utterance's id (convert.speech.script.Utterance.id)."""
    text: str
    """The sentence as displayed."""
    start: int
    """The first sample of its speech."""
    end: int
    """The sample just after its speech."""
    sample_rate: int
    """Samples per second, to turn samples into seconds."""

    @property
    def start_seconds(self) -> float:
        """The start in seconds."""
        return self.start / self.sample_rate

    @property
    def end_seconds(self) -> float:
        """The end in seconds."""
        return self.end / self.sample_rate


@dataclass(frozen=True, slots=True)
class Chapter:
    """A top-level section of the narration, from the pause before its heading to the next chapter."""

    id: str
    """The heading's id (or "intro" for the part before the first heading)."""
    title: str
    """The heading text (the document title for the intro)."""
    start: int
    """The first sample."""
    end: int
    """The sample just after the chapter."""


@dataclass(frozen=True)
class Narration:
    """The narration of a document: PCM, MP3 frames (untagged), the timeline and chapters."""

    sample_rate: int
    """Samples per second."""
    samples: np.ndarray = field(repr=False)
    """Mono int16 PCM of the whole narration, loudness normalised."""
    mp3: bytes = field(repr=False)
    """The PCM encoded as MP3 frames, without tags (write() adds them)."""
    cues: tuple[Cue, ...]
    """One per utterance, in order."""
    chapters: tuple[Chapter, ...]
    """One per top-level section, covering the whole narration."""
    synthesised: int
    """How many utterances were synthesised (the rest came from the cache)."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.sample_rate


def mp3_encoder(sample_rate: int) -> Any:
    """A LAME encoder with the narration's settings: mono, speech bit rate."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_out_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)  # LAME's "good" setting: at a speech bit rate q2 sounds no better and is 3x slower
    return encoder


def narrate(doc: Document, options: Options | None = None, *, engine: Engine | None = None) -> Narration:
    """Narrate doc: script it, synthesise (or fetch from the cache) every utterance, join, normalise and encode."""
    import numpy as np

    from convert.speech import cache
    from convert.speech.engines import engine_for
    from convert.speech.lexicon import load
    from convert.speech.script import script

    options = options or Options()
    utterances = script(doc, load(options.lexicon))
    engine = engine or engine_for(options, options.lang or doc.meta.lang)
    rate = engine.sample_rate
    # The cache keeps levelled audio, so a warm run needs neither the voice nor the loudness meter.
    key = f"{engine.key}/lufs={TARGET_LUFS:g}/limit={SOFT_KNEE:g}"
    cached: dict[int, np.ndarray] = {}
    if options.cache:
        for index, utterance in enumerate(utterances):
            hit = cache.load(key, utterance.spoken)
            if hit is not None and hit[0] == rate:
                cached[index] = hit[1]
    missing = [i for i in range(len(utterances)) if i not in cached]

    def make(index: int) -> np.ndarray:
        samples = _levelled(engine.synthesize(utterances[index].spoken), rate)
        if options.cache:
            cache.store(key, utterances[index].spoken, rate, samples)
        return samples

    encoder = mp3_encoder(rate)
    frames: list[bytes] = []
    pieces: list[np.ndarray] = []
    cues: list[Cue] = []
    starts: dict[int, int] = {}  # block index -> sample where its pause begins
    position = 0

    def emit(samples: np.ndarray) -> None:
        nonlocal position
        pieces.append(samples)
        # Encoding as utterances arrive overlaps it with the synthesis still running in the workers.
        # The decoder's delay replaces the start of the opening silence, so players' times match ours.
        encoded = samples[max(0, ENCODER_DELAY - position) :] if position < ENCODER_DELAY else samples
        frames.append(bytes(encoder.encode(encoded.tobytes())))
        position += len(samples)

    def silence(seconds: float) -> np.ndarray:
        return np.zeros(round(seconds * rate), dtype=np.int16)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, engine.workers)) as pool:
        futures = {index: pool.submit(make, index) for index in missing}
        try:
            for index, utterance in enumerate(utterances):
                speech = cached[index] if index in cached else futures[index].result()
                starts.setdefault(utterance.block, position)
                pause = PAUSE_BEFORE[utterance.kind if utterance.first else "next"]
                emit(silence(pause if index else START_SILENCE))
                start = position
                emit(speech)
                cues.append(Cue(utterance.id, utterance.text, start, position, rate))
                if utterance.kind == "heading":
                    emit(silence(PAUSE_AFTER_HEADING))
                options.report("narrating", index + 1, len(utterances))
        except BaseException:
            for future in futures.values():
                future.cancel()
            raise
    emit(silence(END_SILENCE))
    frames.append(bytes(encoder.flush()))
    samples = np.concatenate(pieces)
    return Narration(rate, samples, b"".join(frames), tuple(cues), _chapters(doc, starts, position), len(missing))


def _levelled(samples: np.ndarray, rate: int) -> np.ndarray:
    """One utterance brought to TARGET_LUFS, its peaks kept below PEAK; silence stays silence."""
    import numpy as np
    import pyloudnorm

    audio = samples.astype(np.float64) / 32768.0
    if not audio.size or np.max(np.abs(audio)) < 1e-6:
        return samples.astype(np.int16)
    # BS.1770 measures 400 ms blocks; a shorter utterance is measured repeated to that length.
    meter = pyloudnorm.Meter(rate)

    def loudness(signal: np.ndarray) -> float:
        measured = signal if len(signal) >= 0.5 * rate else np.tile(signal, int(0.5 * rate / len(signal)) + 1)
        return float(meter.integrated_loudness(measured))

    gain_db = 0.0
    levelled = audio
    # Twice: rounding off the peaks lowers the loudness a little, which the second pass makes up.
    for _ in range(2):
        measured = loudness(levelled)
        if not np.isfinite(measured):
            break
        gain_db += TARGET_LUFS - measured
        levelled = _soft_limit(audio * 10 ** (gain_db / 20))
    return np.round(levelled * 32767).astype(np.int16)


def _soft_limit(audio: np.ndarray) -> np.ndarray:
    """Peaks above SOFT_KNEE bent smoothly (tanh) so that none passes PEAK."""
    import numpy as np

    magnitude = np.abs(audio)
    over = magnitude > SOFT_KNEE
    bent = SOFT_KNEE + (PEAK - SOFT_KNEE) * np.tanh((magnitude[over] - SOFT_KNEE) / (PEAK - SOFT_KNEE))
    result = audio.copy()
    result[over] = np.sign(audio[over]) * bent
    return result


def _chapters(doc: Document, starts: dict[int, int], end: int) -> tuple[Chapter, ...]:
    headings = [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Heading)]
    top = min((b.level for _, b in headings), default=0)
    marks = [(i, b) for i, b in headings if b.level == top and i in starts]
    chapters: list[tuple[str, str, int]] = []
    if not marks or starts[marks[0][0]] > 0:
        chapters.append(("intro", doc.meta.title, 0))
    chapters += [(b.id or f"section-{i}", plain_text(b), starts[i]) for i, b in marks]
    bounds = [start for _, _, start in chapters[1:]] + [end]
    return tuple(Chapter(cid, title, start, stop) for (cid, title, start), stop in zip(chapters, bounds, strict=True))


def webvtt(narration: Narration) -> str:
    """The WebVTT transcript: one cue per sentence, named by the utterance id, in order."""
    lines = ["WEBVTT", ""]
    for cue in narration.cues:
        text = cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "→")
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


def tag(path: Path, doc: Document, narration: Narration) -> None:
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
    ms = 1000 / narration.sample_rate
    ids = [f"chp{number}" for number in range(len(narration.chapters))]
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
    for element, chapter in zip(ids, narration.chapters, strict=True):
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

    narration = narrate(doc, options)
    path = Path(path)
    with atomic_path(path) as temporary:
        temporary.write_bytes(narration.mp3)
        tag(temporary, doc, narration)
    write_text_atomic(path.with_suffix(".vtt"), webvtt(narration))


WRITER = Writer(
    name="mp3",
    extension=".mp3",
    write=write,
    description="audio narration (offline neural voice) with chapters, and a WebVTT transcript",
    companions=(".vtt",),
)
