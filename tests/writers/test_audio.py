"""The mp3 writer with the real Piper voice: decoding, duration, chapters, tags, transcript, cache, loudness."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3

import convert
from convert.cli import main
from convert.model import Document, Heading, List, ListItem, Meta, Paragraph, Quoted, Text
from convert.options import Options
from convert.speech.engines import CHILD_RATE, rate_for
from convert.speech.script import script
from convert.writers.audio import Chapter, Narration, narrate, tag, write
from tests.audio import decode_mp3

DOC = Document(
    Meta(title="Short report", authors=("ICAT",), lang="en", dateline="Vienna", date="17 October 2024"),
    (
        Paragraph((Text("Dr. Smith met the UNODC team. It went well."),)),
        Heading(2, (Text("Facts"),), "facts"),
        List((ListItem((Paragraph((Text("35% of victims"),)),)), ListItem((Paragraph((Text("$5 million"),)),)))),
        Heading(2, (Text("Voices"),), "voices"),
        Paragraph((Quoted((Text("We act now."),)), Text(" she said."))),
    ),
)


def _decode(path: Path) -> np.ndarray:
    return decode_mp3(path.read_bytes())


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        patch.setenv("SOURCE_DATE_EPOCH", "1729123200")
        yield home


@pytest.fixture(scope="module")
def built(cache_home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Narration]:
    out = tmp_path_factory.mktemp("audio") / "short.mp3"
    reports: list[tuple[str, float, float]] = []
    write(DOC, out, Options(progress=lambda *r: reports.append(r)))
    assert reports[-1] == ("narrating", len(script(DOC)), len(script(DOC)))
    return out, narrate(DOC, Options())


def test_mp3_decodes_and_lasts_the_sum_of_its_parts(built: tuple[Path, Narration]) -> None:
    path, narration = built
    decoded = _decode(path)
    assert abs(len(decoded) - len(narration.samples)) / narration.sample_rate < 0.05
    parts = sum(c.end - c.start for c in narration.cues)
    assert parts < len(narration.samples)  # pauses are between the parts
    assert np.abs(decoded).max() > 3000
    # players hear the first sentence when the transcript says it starts
    onset = int(np.argmax(np.abs(decoded) > 300))
    assert abs(onset - narration.cues[0].start) / narration.sample_rate < 0.03


def test_tags_and_chapters_match_the_headings(built: tuple[Path, Narration]) -> None:
    path, narration = built
    tags = ID3(path)
    assert str(tags["TIT2"]) == "Short report" and str(tags["TPE1"]) == "ICAT" and str(tags["TLAN"]) == "eng"
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [str(c.sub_frames["TIT2"]) for c in chapters] == ["Short report", "Facts", "Voices"]
    starts = [c.start_time for c in chapters]
    assert starts == sorted(set(starts)) and starts[0] == 0
    assert all(a.end_time == b.start_time for a, b in itertools.pairwise(chapters))
    assert abs(chapters[-1].end_time / 1000 - narration.duration) < 0.01
    toc = tags.getall("CTOC")[0]
    assert list(toc.child_element_ids) == [c.element_id for c in chapters]
    # a chapter starts just before its heading is heard
    facts = next(c for c in narration.cues if c.id == "s1-1")
    assert 0 < facts.start_seconds - starts[1] / 1000 < 1.5


def test_more_chapters_than_one_ctoc_can_list_nest_in_parts(built: tuple[Path, Narration], tmp_path: Path) -> None:
    path, narration = built
    copy = tmp_path / "many.mp3"
    copy.write_bytes(path.read_bytes())
    step = len(narration.samples) // 600
    many = tuple(Chapter(f"c{n}", f"Part {n}", n * step, (n + 1) * step) for n in range(600))
    tag(copy, DOC, replace(narration, chapters=many))
    tags = ID3(copy)
    assert len(tags.getall("CHAP")) == 600
    tables = {t.element_id: list(t.child_element_ids) for t in tags.getall("CTOC")}
    assert tables["toc"] == ["toc0", "toc1", "toc2"]
    assert [len(tables[f"toc{n}"]) for n in range(3)] == [255, 255, 90]
    assert tables["toc0"][0] == "chp0" and tables["toc2"][-1] == "chp599"


def test_vtt_has_one_cue_per_sentence_in_order(built: tuple[Path, Narration]) -> None:
    path, narration = built
    text = path.with_suffix(".vtt").read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n")
    blocks = [b.split("\n") for b in text.strip().split("\n\n")[1:]]
    utterances = script(DOC)
    assert [b[0] for b in blocks] == [u.id for u in utterances]
    assert ["\n".join(b[2:]) for b in blocks] == [u.text for u in utterances]
    rate = narration.sample_rate
    for block, cue in zip(blocks, narration.cues, strict=True):
        start, _, end = block[1].partition(" --> ")
        assert _seconds(start) == pytest.approx(cue.start / rate, abs=0.0006)
        assert _seconds(end) == pytest.approx(cue.end / rate, abs=0.0006)
    times = [c.start for c in narration.cues]
    assert times == sorted(times) and all(
        a.end <= b.start for a, b in zip(narration.cues, narration.cues[1:], strict=False)
    )


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_loudness_is_the_spoken_word_norm(built: tuple[Path, Narration]) -> None:
    import pyloudnorm

    _, narration = built
    loudness = pyloudnorm.Meter(narration.sample_rate).integrated_loudness(narration.samples / 32768.0)
    assert -17.5 < loudness < -14.5


def test_cache_second_run_synthesises_nothing_and_one_change_one(built: tuple[Path, Narration]) -> None:
    _, warm = built
    assert warm.synthesised == 0
    changed = replace(
        DOC, blocks=(Paragraph((Text("Dr. Smith met the UNODC team. It went very well."),)), *DOC.blocks[1:])
    )
    again = narrate(changed, Options())
    assert again.synthesised == 1
    assert [c.id for c in again.cues] == [c.id for c in warm.cues]
    assert narrate(changed, Options(cache=False)).synthesised == len(script(changed))


def test_same_input_gives_the_same_bytes_without_the_cache(built: tuple[Path, Narration], tmp_path: Path) -> None:
    path, _ = built
    fresh = tmp_path / "again.mp3"
    write(DOC, fresh, Options(cache=False))
    assert fresh.read_bytes() == path.read_bytes()
    assert fresh.with_suffix(".vtt").read_bytes() == path.with_suffix(".vtt").read_bytes()


def test_child_edition_speaks_slower_unless_the_user_chose_a_rate() -> None:
    assert rate_for(Options(edition="child")) == CHILD_RATE < 1.0
    assert rate_for(Options(edition="child", rate=1.2)) == 1.2
    assert rate_for(Options()) == 1.0


def test_missing_voice_is_exit_code_3(tmp_path: Path, capsys: pytest.CaptureFixture[str], cache_home: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("A title\nSome text here.\n", encoding="utf-8")
    code = main([str(source), "--to", "mp3", "--out", str(tmp_path), "--voice", str(tmp_path / "none.onnx"), "-q"])
    assert code == 3
    assert "none.onnx" in capsys.readouterr().err
    assert not (tmp_path / "a" / "a.mp3").exists()


def test_registered_with_its_transcript_companion() -> None:
    chosen = convert.registry.writer("mp3")
    assert chosen.extension == ".mp3" and chosen.companions == (".vtt",)
    assert os.path.basename(chosen.write.__module__) == "convert.writers.audio"
