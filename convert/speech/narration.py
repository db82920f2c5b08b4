"""Narration: a document's script spoken, levelled, paused by structure and timed, as a stream of PCM.

narrate(doc, options) gives a Narration at once and synthesises as its stream is read: worker processes
(one per core, one thread each) phonemise and synthesise the sentences the cache does not hold and level
them, while this process looks up the cache, keeps the samples on disk and hands them on, so the mp3
writer encodes while the voice still speaks. Memory does not grow with the length of the document: the
PCM goes to a temporary file, which later readers of the stream (the read-aloud EPUB's clips) read again.

Inside shared(), one narration of a document serves every writer: convert.convert() narrates each edition
once, whatever formats are asked for. The output does not depend on the number of processes.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import contextvars
import ctypes
import difflib
import hashlib
import json
import multiprocessing
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from convert.errors import ConvertError, ConvertWarning
from convert.model import Document, Heading
from convert.options import Options
from convert.speech.script import Utterance
from convert.transforms.sentences import words
from convert.walk import plain_text

if TYPE_CHECKING:
    import numpy as np

    from convert.speech.engines import Engine

TARGET_LUFS = -16.0
"""The spoken-word loudness norm (ITU-R BS.1770 integrated loudness)."""
PEAK = 0.89
"""The highest sample after the gain (-1 dBFS), so loud sentences never clip."""
SOFT_KNEE = 0.5
"""Above this level peaks are rounded off smoothly, so speech reaches the loudness norm without clipping."""
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
VERSION = "1"
"""Changes whenever the way a narration is put together changes, so files made from an older one (its encoded
MP3 in the cache) are not reused."""
READ_BLOCK = 1 << 18
"""Samples read from the stored narration at a time."""
AHEAD_PER_WORKER = 4
"""Sentences looked at ahead of the one being streamed, per worker: enough to keep the workers busy (and to
pair long sentences with short ones), few in memory."""
MEMORY_BUDGET = 500
"""At most this many characters of spoken text are synthesised at the same time. The voice needs about 1 MB
of memory per character while it speaks a sentence (a 20-second sentence takes 400 MB), so two long
sentences follow each other instead of taking 800 MB together; a shorter one goes beside a long one."""


@dataclass(frozen=True, slots=True)
class Cue:
    """When one utterance is heard: its id, its displayed text, its first and past-last sample, and its words."""

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
    words: tuple[tuple[int, int], ...] = ()
    """(first sample, sample after) of each displayed word (convert.transforms.sentences.words(text)), from the
    voice's own alignments; empty when the engine cannot time words, or the sentence has no words shown."""

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


class Narration:
    """The narration of a document: a stream of mono int16 PCM with its cues and chapters.

    The first reading of stream() drives the synthesis; cues, chapters and length are known once the
    whole narration has been made (asking for them finishes it). Later readings come from the stored PCM.
    """

    def __init__(self, doc: Document, utterances: tuple[Utterance, ...], engine: Engine, options: Options) -> None:
        self.sample_rate = engine.sample_rate
        """Samples per second."""
        self.utterances = utterances
        """The script it speaks."""
        self.word_timing = engine.word_timing
        """True when the engine times words, so cues carry word times."""
        self.key = narration_key(engine, utterances)
        """A digest of everything its audio depends on: the voice, the spoken script, the pauses, the levelling."""
        self.cached = options.cache
        """True when what is made from it may be kept in, and taken from, the cache folder."""
        self._doc = doc
        self._engine = engine
        self._options = options
        self._store: IO[bytes] = tempfile.TemporaryFile(prefix="accessconvert-narration-")  # noqa: SIM115
        self._stored = 0
        self._cues: list[Cue] = []
        self._finished_cues: tuple[Cue, ...] = ()
        self._chapters: tuple[Chapter, ...] | None = None
        self._synthesised = 0
        self._producer: Iterator[np.ndarray] | None = self._produce()
        self._closed = False

    # What is known once it is made --------------------------------------------

    @property
    def cues(self) -> tuple[Cue, ...]:
        """One per utterance, in order."""
        self.finish()
        return self._finished_cues

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        """One per top-level section, covering the whole narration."""
        self.finish()
        assert self._chapters is not None
        return self._chapters

    @property
    def synthesised(self) -> int:
        """How many utterances were synthesised (the rest came from the cache)."""
        self.finish()
        return self._synthesised

    @property
    def length(self) -> int:
        """Length in samples."""
        self.finish()
        return self._stored

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.length / self.sample_rate

    # The stream ------------------------------------------------------------------

    def stream(self, start: int = 0, stop: int | None = None) -> Iterator[np.ndarray]:
        """The PCM from sample start to stop (the end when None), in pieces, as it is made or from the store."""
        if self._closed:
            raise ConvertError("this narration is closed; narrate the document again")
        if self._producer is not None and self._stored == 0 and start == 0 and stop is None:
            producer, self._producer = self._producer, None
            yield from producer
            return
        self.finish()
        yield from self._read(start, self._stored if stop is None else min(stop, self._stored))

    def read(self, start: int, stop: int) -> np.ndarray:
        """The PCM from sample start to stop as one array (for short stretches)."""
        import numpy as np

        pieces = list(self.stream(start, stop))
        return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)

    def finish(self) -> None:
        """Make the whole narration, if the stream has not yet been read to its end."""
        if self._producer is not None:
            producer, self._producer = self._producer, None
            for _ in producer:
                pass
        elif self._chapters is None and not self._closed:
            raise ConvertError("the narration was interrupted before it was finished")

    def close(self) -> None:
        """Remove the stored PCM."""
        self._closed = True
        if self._producer is not None:
            self._producer.close()
            self._producer = None
        self._store.close()

    def __enter__(self) -> Narration:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _read(self, start: int, stop: int) -> Iterator[np.ndarray]:
        import numpy as np

        self._store.flush()
        position = max(0, start)
        while position < stop:
            count = min(READ_BLOCK, stop - position)
            self._store.seek(2 * position)
            data = self._store.read(2 * count)
            if len(data) != 2 * count:
                raise ConvertError("the stored narration is shorter than its timeline")
            yield np.frombuffer(data, dtype="<i2")
            position += count
        self._store.seek(0, 2)

    # Making it ---------------------------------------------------------------------

    def _keep(self, samples: np.ndarray) -> np.ndarray:
        self._store.seek(0, 2)
        self._store.write(samples.astype("<i2", copy=False).tobytes())
        self._stored += len(samples)
        return samples

    def _produce(self) -> Iterator[np.ndarray]:
        import numpy as np

        rate = self.sample_rate
        utterances = self.utterances
        starts: dict[int, int] = {}  # block index -> sample where its pause begins

        def silence(seconds: float) -> np.ndarray:
            return np.zeros(round(seconds * rate), dtype=np.int16)

        with _Speaker(self._engine, self._options) as speaker:
            spoken = zip(utterances, speaker.speak(utterances), strict=True)
            for index, (utterance, (samples, spoken_words)) in enumerate(spoken):
                starts.setdefault(utterance.block, self._stored)
                pause = PAUSE_BEFORE[utterance.kind if utterance.first else "next"]
                yield self._keep(silence(pause if index else START_SILENCE))
                start = self._stored
                yield self._keep(samples)
                timed = display_times(utterance, spoken_words, start) if spoken_words is not None else ()
                self._cues.append(Cue(utterance.id, utterance.text, start, self._stored, rate, timed))
                if utterance.kind == "heading":
                    yield self._keep(silence(PAUSE_AFTER_HEADING))
                self._options.report("narrating", index + 1, len(utterances))
            self._synthesised = speaker.synthesised
        yield self._keep(silence(END_SILENCE))
        self._chapters = _chapters(self._doc, starts, self._stored)
        self._finished_cues = tuple(self._cues)
        self._store.flush()


def speech_key(engine: Engine) -> str:
    """The cache key of the levelled speech of one utterance by engine."""
    # The cache keeps levelled audio, so a warm run needs neither the voice nor the loudness meter.
    return f"{engine.key}/lufs={TARGET_LUFS:g}/limit={SOFT_KNEE:g}"


def narration_key(engine: Engine, utterances: tuple[Utterance, ...]) -> str:
    """A digest of what a narration's samples are made from: the same key, the same samples."""
    pauses = (PAUSE_BEFORE, PAUSE_AFTER_HEADING, START_SILENCE, END_SILENCE)
    spoken = [(u.kind, u.first, u.spoken) for u in utterances]
    made_of = json.dumps([VERSION, speech_key(engine), engine.sample_rate, pauses, spoken], sort_keys=True)
    return hashlib.sha256(made_of.encode()).hexdigest()


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


# Synthesis, in worker processes ------------------------------------------------------

Spoken = tuple["np.ndarray", tuple[tuple[int, int], ...] | None]
"""Levelled samples of one utterance, and the times of its spoken words (None when the engine has none)."""

_WORKER: dict[str, Any] = {}
"""In a worker process: the engine's synthesize function."""


def _start_worker(setup: Callable[..., None] | None, setup_args: tuple[object, ...], synthesize: Callable) -> None:
    _WORKER["synthesize"] = synthesize
    if setup is not None:
        setup(*setup_args)


def _start_worker_process(
    setup: Callable[..., None] | None, setup_args: tuple[object, ...], synthesize: Callable
) -> None:
    """A worker process's start: its heap kept small, then the engine set up."""
    _keep_heap_small()
    _start_worker(setup, setup_args, synthesize)


M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameters (malloc.h)."""


def _keep_heap_small() -> bool:
    """In a worker process on glibc: large blocks mapped and freed blocks given back, so the heap stops growing;
    whether it could be done.

    The voice allocates and frees blocks of every size for each sentence; with glibc's default thresholds (which
    rise with the largest block freed) a worker's heap fragments and keeps what it freed, from about 70 to about
    200 MB after a few sentences. Fixed thresholds keep it near 140 MB: on the seed the peak of the whole
    narration is about 100 MB lower, for about 5% more synthesis time (measured in one process; within the noise
    of whole runs).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no such call)
        return False
    # mallopt answers 1 when it took the setting.
    return mallopt(M_MMAP_THRESHOLD, 256 * 1024) == 1 and mallopt(M_TRIM_THRESHOLD, 1024 * 1024) == 1


def _speak_in_worker(text: str, rate: int) -> Spoken:
    speech = _WORKER["synthesize"](text)
    return levelled(speech.samples, rate), speech.words


class _Speaker:
    """Gives the levelled speech of each utterance in order: from the cache, or synthesised ahead by workers."""

    def __init__(self, engine: Engine, options: Options) -> None:
        self.engine = engine
        self.options = options
        self.key = speech_key(engine)
        self.synthesised = 0
        self.pool: concurrent.futures.Executor | None = None

    def __enter__(self) -> _Speaker:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def speak(self, utterances: tuple[Utterance, ...]) -> Iterator[Spoken]:
        """The speech of each utterance, in order; the ones the cache lacks are synthesised a few ahead."""
        ahead = max(1, self.engine.workers) * AHEAD_PER_WORKER
        ready: dict[str, Spoken] = {}  # spoken text -> its speech, kept while a sentence in the window needs it
        needed: dict[str, int] = {}  # spoken text -> how many sentences of the window still need it
        wanted: list[str] = []  # texts to synthesise, in order, not yet handed to a worker
        running: dict[concurrent.futures.Future[Spoken], str] = {}
        looked = 0
        for index in range(len(utterances)):
            while looked < len(utterances) and looked <= index + ahead:
                text = utterances[looked].spoken
                needed[text] = needed.get(text, 0) + 1
                # The same sentence twice in the window is looked up and synthesised once.
                if needed[text] == 1 and text not in ready:
                    found = self._cached(text)
                    if found is None:
                        wanted.append(text)
                    else:
                        ready[text] = found
                looked += 1
            text = utterances[index].spoken
            while text not in ready:
                self._hand_out(wanted, running)
                done, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
                for future in done:
                    made = running.pop(future)
                    ready[made] = future.result()
                    self.synthesised += 1
                    self._store(made, ready[made])
            needed[text] -= 1
            yield ready[text] if needed[text] else ready.pop(text)
            if not needed[text]:
                del needed[text]

    def _hand_out(self, wanted: list[str], running: dict[concurrent.futures.Future[Spoken], str]) -> None:
        """Give idle workers the next texts that fit in the memory budget beside those being spoken."""
        while len(running) < max(1, self.engine.workers) and wanted:
            load = sum(len(text) for text in running.values())
            # A long sentence waits for its turn rather than run beside another long one; alone, it always runs.
            chosen = next((t for t in wanted if not running or load + len(t) <= MEMORY_BUDGET), None)
            if chosen is None:
                return
            wanted.remove(chosen)
            running[self._submit(chosen)] = chosen

    def _cached(self, spoken: str) -> Spoken | None:
        import numpy as np

        from convert.speech import cache

        if not self.options.cache:
            return None
        hit = cache.load(self.key, spoken)
        if hit is None or hit[0] != self.engine.sample_rate:
            return None
        if not self.engine.word_timing:
            return hit[1], None
        timed = cache.load(f"{self.key}/words", spoken)
        if timed is None:
            return None
        bounds = timed[1].view("<i4").reshape(-1, 2) if len(timed[1]) % 4 == 0 else np.zeros((0, 2), "<i4")
        if len(bounds) != len(words(spoken)):
            return None
        return hit[1], tuple((int(a), int(b)) for a, b in bounds)

    def _store(self, spoken: str, result: Spoken) -> None:
        import numpy as np

        from convert.speech import cache

        if not self.options.cache:
            return
        samples, bounds = result
        cache.store(self.key, spoken, self.engine.sample_rate, samples)
        if bounds is not None:
            # Word times are sample numbers, kept as 32-bit pairs in the cache's 16-bit entries.
            packed = np.asarray(bounds, dtype="<i4").reshape(-1).view("<i2")
            cache.store(f"{self.key}/words", spoken, self.engine.sample_rate, packed)

    def _submit(self, spoken: str) -> concurrent.futures.Future[Spoken]:
        engine = self.engine
        if self.pool is None:
            if engine.setup is not None:
                # Loaded here, before the workers start: they share the voice's memory instead of each loading it.
                engine.setup(*engine.setup_args)
            self.pool = _pool(engine)
        return self.pool.submit(_speak_in_worker, spoken, engine.sample_rate)


def _pool(engine: Engine) -> concurrent.futures.Executor:
    """Worker processes for an engine that can be set up in them, else threads in this process."""
    workers = max(1, engine.workers)
    arguments = (engine.setup, engine.setup_args, engine.synthesize)
    if engine.setup is not None and workers > 1:
        # What each worker imports to level its speech (scipy, about 1 s) is imported once, here, before the
        # fork: otherwise every worker pays for it at the start, on the cores the voice needs.
        import pyloudnorm  # noqa: F401

        methods = multiprocessing.get_all_start_methods()
        # fork starts a worker at once with what this process has imported; the others import it all again.
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        return concurrent.futures.ProcessPoolExecutor(workers, context, _start_worker_process, arguments)
    return concurrent.futures.ThreadPoolExecutor(workers, "speech", _start_worker, arguments)


# Levelling -------------------------------------------------------------------------------


def levelled(samples: np.ndarray, rate: int) -> np.ndarray:
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
    result = audio
    # Twice: rounding off the peaks lowers the loudness a little, which the second pass makes up.
    for _ in range(2):
        measured = loudness(result)
        if not np.isfinite(measured):
            break
        gain_db += TARGET_LUFS - measured
        result = _soft_limit(audio * 10 ** (gain_db / 20))
    return np.round(result * 32767).astype(np.int16)


def _soft_limit(audio: np.ndarray) -> np.ndarray:
    """Peaks above SOFT_KNEE bent smoothly (tanh) so that none passes PEAK."""
    import numpy as np

    magnitude = np.abs(audio)
    over = magnitude > SOFT_KNEE
    bent = SOFT_KNEE + (PEAK - SOFT_KNEE) * np.tanh((magnitude[over] - SOFT_KNEE) / (PEAK - SOFT_KNEE))
    result = audio.copy()
    result[over] = np.sign(audio[over]) * bent
    return result


# Word times ----------------------------------------------------------------------------------


def _key(word: str) -> str:
    return word.lower().replace("’", "'")


def display_times(
    utterance: Utterance, spoken_words: tuple[tuple[int, int], ...], offset: int
) -> tuple[tuple[int, int], ...]:
    """(first sample, sample after) of each displayed word, from the times of the spoken words.

    A displayed word said as written ("trafficking") takes its spoken word's time; where the text was
    written out for the ear ("17" -> "the seventeenth of", "UNODC" -> "U N O D C"), the displayed words
    between two such anchors share the spoken words between them in order. Times start at offset.
    """
    shown = [utterance.text[a:b] for a, b in words(utterance.text)]
    said = [utterance.spoken[a:b] for a, b in words(utterance.spoken)]
    if not shown or not said or len(said) != len(spoken_words):
        return ()
    times = [(offset + a, offset + b) for a, b in spoken_words]
    result: list[tuple[int, int] | None] = [None] * len(shown)
    matcher = difflib.SequenceMatcher(None, [_key(w) for w in shown], [_key(w) for w in said], autojunk=False)
    for tag, low, high, s_low, s_high in matcher.get_opcodes():
        if tag == "equal":
            for k in range(high - low):
                result[low + k] = times[s_low + k]
        elif tag in ("replace", "delete"):
            count = high - low
            if s_high > s_low:
                # The spoken words of the stretch, shared among its displayed words in order.
                for k in range(count):
                    a = s_low + k * (s_high - s_low) // count
                    b = max(a + 1, s_low + (k + 1) * (s_high - s_low) // count)
                    result[low + k] = (times[a][0], times[min(b, s_high) - 1][1])
            else:
                # Shown but not said (a citation mark's brackets, a dropped symbol): an instant where it stands.
                at = times[s_low - 1][1] if s_low > 0 else times[0][0]
                for k in range(count):
                    result[low + k] = (at, at)
    return tuple(r if r is not None else (offset, offset) for r in result)


# Sharing one narration -------------------------------------------------------------------

_SHARED: contextvars.ContextVar[dict[object, Narration] | None] = contextvars.ContextVar("narrations", default=None)


@contextlib.contextmanager
def shared() -> Iterator[None]:
    """Within this block, narrating the same document with the same voice gives the same Narration again."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        for narration in (_SHARED.get() or {}).values():
            narration.close()
        _SHARED.reset(token)


def narrate(doc: Document, options: Options | None = None, *, engine: Engine | None = None) -> Narration:
    """The narration of doc: its script (sentences from the model's marks), spoken as its stream is read."""
    from convert.speech.engines import engine_for
    from convert.speech.lexicon import load
    from convert.speech.script import script

    options = options or Options()
    utterances = script(doc, load(options.lexicon))
    engine = engine or engine_for(options, options.lang or doc.meta.lang)
    known = _SHARED.get()
    key = (engine.key, doc, utterances, options.cache)
    if known is not None and key in known:
        return known[key]
    if options.word_timing_wanted and not engine.word_timing:
        warnings.warn(
            f"the {engine.name} engine cannot tell when each word is said, so word timing is not available: "
            "the narration is timed by sentence",
            ConvertWarning,
            stacklevel=2,
        )
    narration = Narration(doc, utterances, engine, options)
    if known is not None:
        known[key] = narration
    return narration
