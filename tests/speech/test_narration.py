"""The narration: levelling, word times of displayed words, cues and chapters, the stored stream, sharing."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest

import convert
from convert.options import Options
from convert.speech.engines import engine_for
from convert.speech.narration import PEAK, TARGET_LUFS, display_times, levelled, narrate, narration_key, shared
from convert.speech.script import Utterance
from convert.transforms.sentences import words

RATE = 22050
SOURCE = "# Rivers\n\nRain falls on the hills.\n\n## Where it goes\n\nIt runs into 3 rivers. Then it reaches the sea.\n"


def test_levelling_reaches_the_spoken_word_norm_below_the_peak() -> None:
    time = np.arange(2 * RATE) / RATE
    for amplitude in (0.01, 0.9):
        tone = (amplitude * 32767 * np.sin(2 * np.pi * 220 * time)).astype(np.int16)
        result = levelled(tone, RATE)
        assert result.dtype == np.int16
        loudness = pyloudnorm.Meter(RATE).integrated_loudness(result / 32768.0)
        assert abs(loudness - TARGET_LUFS) < 1.0, amplitude
        assert np.max(np.abs(result)) / 32767 <= PEAK + 1e-3
    assert not levelled(np.zeros(RATE, dtype=np.int16), RATE).any()


def test_a_written_out_number_gives_its_time_to_the_digits_shown() -> None:
    text, spoken = "It runs into 3 rivers.", "It runs into three rivers."
    utterance = Utterance("s1-1", text, spoken, "paragraph", 0)
    said = tuple((100 * i, 100 * i + 80) for i in range(len(words(spoken))))
    times = display_times(utterance, said, 1000)
    assert len(times) == len(words(text))
    assert times == tuple((1000 + a, 1000 + b) for a, b in said)
    spelled = Utterance("s1-1", "The UNODC met.", "The U N O D C met.", "paragraph", 0)
    said = tuple((10 * i, 10 * i + 8) for i in range(len(words(spelled.spoken))))
    the, unodc, met = display_times(spelled, said, 0)
    assert the == said[0] and met == said[-1] and unodc == (said[1][0], said[5][1])
    # Times that do not match the spoken words are refused rather than guessed.
    assert display_times(utterance, said[:2], 0) == ()


@pytest.fixture(scope="module")
def narration(tmp_path_factory: pytest.TempPathFactory) -> object:
    cache = tmp_path_factory.mktemp("cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(cache))
    doc = convert.read(SOURCE, format="markdown")
    with shared():
        made = narrate(doc, Options())
        assert narrate(doc, Options()) is made  # one narration of a document per run
        pcm = np.concatenate(list(made.stream()))
        yield made, pcm, doc
    patch.undo()


def test_cues_follow_each_other_inside_the_stream(narration: object) -> None:
    made, pcm, _ = narration
    cues = made.cues
    assert [c.id for c in cues] == [u.id for u in made.utterances]
    assert all(a.end <= b.start for a, b in itertools.pairwise(cues))
    assert cues[-1].end <= made.length == len(pcm)
    assert made.duration == pytest.approx(len(pcm) / made.sample_rate)
    for cue in cues:
        assert len(cue.words) == len(words(cue.text)), cue.id
        assert all(cue.start <= a <= b <= cue.end for a, b in cue.words), cue.id
        assert np.abs(pcm[cue.start : cue.end]).max() > 1000, cue.id  # speech, not silence


def test_chapters_cover_the_narration_one_per_top_level_section(narration: object) -> None:
    made, _, doc = narration
    chapters = made.chapters
    # The part before the first heading is the intro, named by the title.
    assert [(c.id, c.title) for c in chapters] == [("intro", "Rivers"), (doc.blocks[1].id, "Where it goes")]
    assert chapters[0].start == 0 and chapters[-1].end == made.length
    assert all(a.end == b.start for a, b in itertools.pairwise(chapters))


def test_the_stored_stream_reads_back_the_same_samples(narration: object) -> None:
    made, pcm, _ = narration
    middle = made.cues[2]
    assert np.array_equal(made.read(middle.start, middle.end), pcm[middle.start : middle.end])
    assert np.array_equal(np.concatenate(list(made.stream(10, 5000))), pcm[10:5000])


def test_a_second_narration_comes_from_the_cache_with_the_same_samples(narration: object, tmp_path: Path) -> None:
    made, pcm, doc = narration
    with shared():
        again = narrate(doc, Options())
        assert np.array_equal(np.concatenate(list(again.stream())), pcm)
        assert again.synthesised == 0 < made.synthesised


def test_the_key_names_what_the_samples_are_made_of(narration: object) -> None:
    made, _, doc = narration
    with shared():
        assert narrate(doc, Options(cache=False)).key == made.key  # the cache does not change the samples
    assert made.cached and not narrate(doc, Options(cache=False)).cached
    # Another word, another kind of block (another pause) or another rate: other samples, another key.
    first = made.utterances[0]
    engine = engine_for(Options())
    keys = {
        narration_key(engine, made.utterances),
        narration_key(engine, (replace(first, spoken=first.spoken + " Now."), *made.utterances[1:])),
        narration_key(engine, (replace(first, kind="quote"), *made.utterances[1:])),
        narration_key(replace(engine, key=engine.key + "/rate=1.2"), made.utterances),
    }
    assert len(keys) == 4 and made.key in keys
    # The displayed text and the ids are not heard: they do not change the key.
    assert narration_key(engine, (replace(first, text="Other", id="x"), *made.utterances[1:])) == made.key


def test_a_worker_process_keeps_its_heap_small() -> None:
    """The heap thresholds a worker sets take effect where the C library is glibc, and nothing is tried elsewhere."""
    import concurrent.futures
    import multiprocessing
    import platform
    import sys

    from convert.speech.narration import _keep_heap_small

    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    with concurrent.futures.ProcessPoolExecutor(1, multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(_keep_heap_small).result() is glibc
