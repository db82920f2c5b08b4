"""The Piper engine: the bundled voice, word times from the voice's own alignments, the rate, bad voices."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from convert.errors import InputError, MissingDependency
from convert.speech.engine_piper import piper_engine, setup, speak, usable_cores
from convert.transforms.sentences import words

TEXT = "The committee met in Geneva on Tuesday."


@pytest.fixture(scope="module")
def natural() -> object:
    engine = piper_engine(None, 1.0)
    setup(*engine.setup_args)
    return speak(TEXT)


def test_the_bundled_voice_is_a_timed_engine_keyed_by_its_rate() -> None:
    engine = piper_engine(None, 1.0)
    assert engine.name == "piper" and engine.word_timing and engine.sample_rate == 22050
    assert engine.workers == usable_cores() >= 1
    assert engine.key != piper_engine(None, 0.9).key and engine.key.endswith("rate=1")


def test_every_word_is_timed_in_order_inside_the_speech(natural: object) -> None:
    samples, times = natural.samples, natural.words
    assert samples.dtype == np.int16 and len(samples) > 22050  # more than a second of speech
    assert times is not None and len(times) == len(words(TEXT))
    starts = [a for a, _ in times]
    assert starts == sorted(starts) and all(a < b for a, b in times)
    assert times[-1][1] <= len(samples)
    # The words take most of the utterance: the times are the voice's, not spread evenly over silence.
    assert sum(b - a for a, b in times) > 0.5 * len(samples)


def test_a_slower_rate_speaks_longer(natural: object) -> None:
    engine = piper_engine(None, 0.7)
    setup(*engine.setup_args)
    slower = speak(TEXT)
    assert len(slower.samples) > 1.2 * len(natural.samples)
    assert len(slower.words) == len(natural.words)


def test_a_voice_that_is_not_a_model_is_a_clear_error(tmp_path: Path) -> None:
    bundled = Path(piper_engine(None, 1.0).setup_args[0])
    voice = tmp_path / "broken.onnx"
    voice.write_bytes(b"not a model")
    with pytest.raises(MissingDependency, match=r"broken\.onnx\.json"):
        piper_engine(voice, 1.0)
    shutil.copy(f"{bundled}.json", f"{voice}.json")
    engine = piper_engine(voice, 1.0)
    with pytest.raises(InputError, match="not a usable Piper voice") as caught:
        setup(*engine.setup_args)
    assert caught.value.path == voice
    (tmp_path / "bad.onnx").write_bytes(b"")
    (tmp_path / "bad.onnx.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not a Piper voice configuration"):
        piper_engine(tmp_path / "bad.onnx", 1.0)
