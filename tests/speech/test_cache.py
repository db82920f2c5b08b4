"""The speech cache: under XDG_CACHE_HOME, exact round trip, damaged entries detected and dropped."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from convert.errors import ConvertWarning
from convert.speech import cache


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def test_round_trip_under_the_users_cache_folder(home: Path) -> None:
    samples = np.arange(-500, 500, dtype=np.int16)
    cache.store("piper/x", "Hello.", 22050, samples)
    path = cache.entry_path("piper/x", "Hello.")
    assert path.is_relative_to(home / "accessconvert")
    rate, loaded = cache.load("piper/x", "Hello.")
    assert rate == 22050 and np.array_equal(loaded, samples)
    assert cache.load("piper/y", "Hello.") is None  # another voice or rate is another entry
    assert not list(path.parent.glob(".*.part"))  # atomic writes leave no temporary files


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_damaged_entry_is_detected_and_removed(home: Path, damage: str) -> None:
    cache.store("k", "Text.", 16000, np.ones(1000, dtype=np.int16))
    path = cache.entry_path("k", "Text.")
    data = bytearray(path.read_bytes())
    match damage:
        case "truncate":
            data = data[:-10]
        case "flip":
            data[-1] ^= 0xFF
        case "garbage":
            data = bytearray(b"not a cache entry")
    path.write_bytes(bytes(data))
    with pytest.warns(ConvertWarning, match="damaged"):
        assert cache.load("k", "Text.") is None
    assert not path.exists()
