"""Bundles built once for the whole session: the short note with the cheap formats, and the seed with all."""

from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.bundles import Bundle
from tests.bundles.zips import CHEAP, EPOCH, NOTE


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="session")
def note(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "river note.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def short(note: Path, tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """A short document bundled once with the cheap formats (the audio is a few seconds)."""
    root = tmp_path_factory.mktemp("short")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        (made,) = convert.bundle(note, root / "dist", out_dir=root / "out", to=CHEAP, editions=["full"])
    return made


@pytest.fixture(scope="session")
def seed_bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """The seed with every registered format of every edition: built once for the session."""
    from tests.conftest import SEED

    root = tmp_path_factory.mktemp("seed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        (made,) = convert.bundle(SEED, root / "dist", out_dir=root / "out")
    return made
