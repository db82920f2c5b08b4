"""The speech cache: under XDG_CACHE_HOME, exact round trip, damaged entries detected and dropped."""

from __future__ import annotations

import io
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


def _damage(path: Path, damage: str) -> None:
    """Cut the file short, flip its last byte, or replace it with garbage."""
    data = bytearray(path.read_bytes())
    match damage:
        case "truncate":
            data = data[:-10]
        case "flip":
            data[-1] ^= 0xFF
        case "garbage":
            data = bytearray(b"not a cache entry")
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_damaged_entry_is_detected_and_removed(home: Path, damage: str) -> None:
    cache.store("k", "Text.", 16000, np.ones(1000, dtype=np.int16))
    path = cache.entry_path("k", "Text.")
    _damage(path, damage)
    with pytest.warns(ConvertWarning, match="damaged"):
        assert cache.load("k", "Text.") is None
    assert not path.exists()


def _kept(content: bytes) -> Path:
    kept = cache.KeptFile("mp3/x", "narration")
    for start in range(0, len(content), 1000):
        kept.write(content[start : start + 1000])
    kept.commit()
    return cache.file_path("mp3/x", "narration")


def test_a_kept_file_is_copied_back_exactly(home: Path) -> None:
    content = bytes(range(256)) * 40
    path = _kept(content)
    assert path.is_relative_to(home / "accessconvert" / "speech")  # cleared with the speech it was made from
    out = io.BytesIO()
    assert cache.copy_file("mp3/x", "narration", out) and out.getvalue() == content
    assert not cache.copy_file("mp3/y", "narration", io.BytesIO())
    assert not list(path.parent.glob(".*.part"))


def test_a_discarded_file_is_never_kept(home: Path) -> None:
    kept = cache.KeptFile("mp3/x", "half")
    kept.write(b"half an output")
    kept.discard()
    assert not cache.file_path("mp3/x", "half").exists()
    assert not list(cache.file_path("mp3/x", "half").parent.glob(".*.part"))


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_a_damaged_kept_file_never_reaches_the_output(home: Path, damage: str) -> None:
    path = _kept(b"frames " * 500)
    _damage(path, damage)
    out = io.BytesIO()
    with pytest.warns(ConvertWarning, match="damaged"):
        assert not cache.copy_file("mp3/x", "narration", out)
    assert out.getvalue() == b"" and not path.exists()


def test_a_cache_that_cannot_be_written_is_warned_about_and_ignored(home: Path) -> None:
    (home / "accessconvert").write_text("a file where the cache folder should be")
    with pytest.warns(ConvertWarning, match="cannot write to the speech cache"):
        kept = cache.KeptFile("mp3/x", "narration")
    kept.write(b"frames")
    kept.commit()
    assert not cache.copy_file("mp3/x", "narration", io.BytesIO())
