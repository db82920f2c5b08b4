"""The speech cache: audio of each utterance by (engine, voice, rate, spoken text), under the user's cache folder."""

from __future__ import annotations

import hashlib
import os
import struct
import warnings
from pathlib import Path

import numpy as np

from convert.errors import ConvertWarning, OutputError
from convert.fileio import write_bytes_atomic

MAGIC = b"ACSPCH1\n"
HEADER = struct.Struct("<8sIQ32s")  # magic, sample rate, sample count, sha256 of the samples


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/accessconvert (or ~/.cache/accessconvert)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "accessconvert"


def entry_path(engine_key: str, spoken: str) -> Path:
    """Where the audio of spoken text by this engine is kept."""
    digest = hashlib.sha256(f"{engine_key}\n{spoken}".encode()).hexdigest()
    return cache_dir() / "speech" / digest[:2] / f"{digest}.pcm"


def load(engine_key: str, spoken: str) -> tuple[int, np.ndarray] | None:
    """The cached (sample rate, int16 samples), or None when absent; a damaged entry is removed and None returned."""
    path = entry_path(engine_key, spoken)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) >= HEADER.size:
        magic, rate, count, digest = HEADER.unpack_from(data)
        payload = data[HEADER.size :]
        if magic == MAGIC and len(payload) == 2 * count and hashlib.sha256(payload).digest() == digest:
            return rate, np.frombuffer(payload, dtype="<i2").copy()
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        # A read-only cache is still a cache: the entry is made again in memory, the output is not at fault.
        warnings.warn(
            f"the speech cache entry {path} was damaged and cannot be removed ({error.strerror or error}); "
            "it is made again without the cache",
            ConvertWarning,
            stacklevel=2,
        )
        return None
    warnings.warn(f"the speech cache entry {path} was damaged; it is made again", ConvertWarning, stacklevel=2)
    return None


def store(engine_key: str, spoken: str, sample_rate: int, samples: np.ndarray) -> None:
    """Keep samples for later runs; written atomically, so a crash never leaves a half entry."""
    payload = np.ascontiguousarray(samples, dtype="<i2").tobytes()
    header = HEADER.pack(MAGIC, sample_rate, len(payload) // 2, hashlib.sha256(payload).digest())
    try:
        write_bytes_atomic(entry_path(engine_key, spoken), header + payload)
    except OutputError as error:
        warnings.warn(
            f"cannot write to the speech cache ({error.reason}); continuing without it", ConvertWarning, stacklevel=2
        )
