"""Shared fixtures: the seed article, reproducible builds, and the golden-file helper."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "icat-child-trafficking-briefing.txt"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session", autouse=True)
def speech_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One speech cache for the whole session, away from the user's: narration, the slowest thing the
    tests do, is synthesised once per sentence and voice, whichever test needs it first."""
    home = tmp_path_factory.mktemp("cache-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        yield home


@pytest.fixture
def seed_path() -> Path:
    """The ICAT briefing, the first seed."""
    return SEED


@pytest.fixture
def fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> int:
    """SOURCE_DATE_EPOCH set, so outputs are reproducible."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1729123200")
    return 1729123200


def check_golden(name: str, actual: str) -> None:
    """Compare text with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if os.environ.get("UPDATE_GOLDEN") != "1":
            pytest.fail(f"golden file {path} did not exist; it has been written, check it and run again")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}; UPDATE_GOLDEN=1 to accept"
