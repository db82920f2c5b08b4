"""The mp3 writer with the real Piper voice: decoding, duration, chapters, tags, transcript, cache, loudness,
word timings, and the same bytes from one process and from several."""

from __future__ import annotations

import dataclasses
import io
import itertools
import os
import re
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
from convert.speech.engines import engine_for
from convert.speech.narration import Chapter, Narration, narrate
from convert.speech.script import script
from convert.transforms.sentences import words
from convert.writers.audio import tag, webvtt, write, write_mp3
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


def _decode(data: bytes) -> np.ndarray:
    return decode_mp3(data)


def _frames(data: bytes) -> bytes:
    """An MP3 file's audio frames, without its ID3 tag."""
    size = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10]))
    return data[size:]


@pytest.fixture(scope="module")
def fixed_time() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1729123200")
        yield


@pytest.fixture(scope="module")
def built(fixed_time: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Narration]:
    out = tmp_path_factory.mktemp("audio") / "short.mp3"
    reports: list[tuple[str, float, float]] = []
    write(DOC, out, Options(progress=lambda *r: reports.append(r), vtt_words=True))
    assert reports[-1] == ("narrating", len(script(DOC)), len(script(DOC)))
    return out, narrate(DOC, Options())


def test_mp3_decodes_and_lasts_the_sum_of_its_parts(built: tuple[Path, Narration]) -> None:
    path, narration = built
    decoded = _decode(path.read_bytes())
    assert abs(len(decoded) - narration.length) / narration.sample_rate < 0.05
    parts = sum(c.end - c.start for c in narration.cues)
    assert parts < narration.length  # pauses are between the parts
    assert np.abs(decoded).max() > 3000
    # players hear the first sentence when the transcript says it starts
    onset = int(np.argmax(np.abs(decoded) > 300))
    assert abs(onset - narration.cues[0].start) / narration.sample_rate < 0.03


def test_the_stored_stream_is_the_stream_that_was_encoded(built: tuple[Path, Narration]) -> None:
    path, narration = built
    again = io.BytesIO()
    write_mp3(narration, again)  # the second reading comes from the stored PCM
    assert again.getvalue() == _frames(path.read_bytes())
    pieces = list(narration.stream(1000, 5000))
    assert sum(len(p) for p in pieces) == 4000
    assert np.array_equal(np.concatenate(pieces), narration.read(0, 5000)[1000:])


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
    step = narration.length // 600
    many = tuple(Chapter(f"c{n}", f"Part {n}", n * step, (n + 1) * step) for n in range(600))
    tag(copy, DOC, many, narration.sample_rate)
    tags = ID3(copy)
    assert len(tags.getall("CHAP")) == 600
    tables = {t.element_id: list(t.child_element_ids) for t in tags.getall("CTOC")}
    assert tables["toc"] == ["toc0", "toc1", "toc2"]
    assert [len(tables[f"toc{n}"]) for n in range(3)] == [255, 255, 90]
    assert tables["toc0"][0] == "chp0" and tables["toc2"][-1] == "chp599"


def _cues(text: str) -> list[list[str]]:
    return [b.split("\n") for b in text.strip().split("\n\n")[1:]]


def test_vtt_has_one_cue_per_sentence_in_order(built: tuple[Path, Narration]) -> None:
    _, narration = built
    blocks = _cues(webvtt(narration))
    utterances = script(DOC)
    assert [b[0] for b in blocks] == [u.id for u in utterances]
    assert ["\n".join(b[2:]) for b in blocks] == [u.text for u in utterances]
    rate = narration.sample_rate
    for block, cue in zip(blocks, narration.cues, strict=True):
        start, _, end = block[1].partition(" --> ")
        assert _seconds(start) == pytest.approx(cue.start / rate, abs=0.0006)
        assert _seconds(end) == pytest.approx(cue.end / rate, abs=0.0006)
    times = [c.start for c in narration.cues]
    assert times == sorted(times) and all(a.end <= b.start for a, b in itertools.pairwise(narration.cues))


def test_the_word_timed_vtt_puts_each_words_time_before_it(built: tuple[Path, Narration]) -> None:
    path, narration = built
    text = path.with_suffix(".vtt").read_text(encoding="utf-8")  # written with vtt_words
    assert text.startswith("WEBVTT\n")
    for block, cue in zip(_cues(text), narration.cues, strict=True):
        body = "\n".join(block[2:])
        assert re.sub(r"<[\d:.]+>", "", body) == cue.text
        stamps = [_seconds(s) for s in re.findall(r"<([\d:.]+)>", body)]
        start, _, end = block[1].partition(" --> ")
        assert stamps == sorted(stamps) and all(_seconds(start) < s < _seconds(end) for s in stamps)
        if len(words(cue.text)) > 2:
            assert len(stamps) >= 2, body
    # one word, "went", stands after the timestamp the voice gave it
    cue = next(c for c in narration.cues if c.text == "It went well.")
    went = cue.words[1][0] / narration.sample_rate
    assert f"<{_stamp(went)}>went" in text


def _stamp(seconds: float) -> str:
    milliseconds = round(seconds * 1000)
    return f"00:{milliseconds // 60000:02d}:{milliseconds // 1000 % 60:02d}.{milliseconds % 1000:03d}"


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_words_are_timed_by_the_voice_inside_their_sentence(built: tuple[Path, Narration]) -> None:
    _, narration = built
    assert narration.word_timing
    for cue in narration.cues:
        assert len(cue.words) == len(words(cue.text))
        assert all(cue.start <= a <= b <= cue.end for a, b in cue.words)
        assert all(a[0] <= b[0] for a, b in itertools.pairwise(cue.words))
    # A word the voice says takes time; "UNODC", spelled out, takes longer than "the" before it.
    first = narration.cues[2]
    assert first.text == "Dr. Smith met the UNODC team."
    spans = dict(zip([first.text[a:b] for a, b in words(first.text)], first.words, strict=True))
    assert all(b > a for a, b in spans.values())
    assert spans["UNODC"][1] - spans["UNODC"][0] > 2 * (spans["the"][1] - spans["the"][0])
    # The PCM is loud where a word is said and the words follow each other through the sentence.
    samples = narration.read(first.start, first.end)
    a, b = spans["UNODC"]
    assert np.abs(samples[a - first.start : b - first.start]).max() > 3000
    assert spans["team"][0] >= spans["UNODC"][1] - narration.sample_rate // 50


def test_loudness_is_the_spoken_word_norm(built: tuple[Path, Narration]) -> None:
    import pyloudnorm

    _, narration = built
    samples = narration.read(0, narration.length)
    loudness = pyloudnorm.Meter(narration.sample_rate).integrated_loudness(samples / 32768.0)
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


def test_one_process_gives_the_same_bytes_as_several_without_the_cache(built: tuple[Path, Narration]) -> None:
    path, warm = built
    engine = engine_for(Options())
    assert engine.workers == len(os.sched_getaffinity(0))
    alone = narrate(DOC, Options(cache=False), engine=dataclasses.replace(engine, workers=1))
    together = narrate(DOC, Options(cache=False), engine=dataclasses.replace(engine, workers=2))
    frames = []
    for narration in (alone, together):
        out = io.BytesIO()
        write_mp3(narration, out)
        frames.append(out.getvalue())
        assert narration.synthesised == len(script(DOC))
    assert frames[0] == frames[1] == _frames(path.read_bytes())
    assert alone.cues == together.cues == warm.cues


def test_one_narration_serves_every_format_of_a_run(tmp_path: Path, fixed_time: None) -> None:
    from convert.speech import narration as narration_module

    made: list[Narration] = []
    original = narration_module.Narration.__init__

    def counting(self: Narration, *args: object, **kwargs: object) -> None:
        made.append(self)
        original(self, *args, **kwargs)

    source = tmp_path / "a.txt"
    source.write_text("A title\nDr. Smith met the UNODC team. It went well.\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(narration_module.Narration, "__init__", counting)
        written = convert.convert(source, ["mp3", "read-aloud"], tmp_path / "out")
    assert len(made) == 1
    assert sorted(p.name for p in written) == ["a.mp3", "a.read-aloud.epub"]
    names = sorted(p.name for p in (tmp_path / "out" / "a").iterdir())
    assert names == ["a.mp3", "a.read-along.html", "a.read-aloud.epub", "a.vtt"]


def test_missing_voice_is_exit_code_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_a_narration_encoded_before_is_copied_not_encoded(built: tuple[Path, Narration], monkeypatch) -> None:
    path, warm = built

    def encoding(*_: object) -> Iterator[bytes]:
        raise AssertionError("encoded again")

    monkeypatch.setattr("convert.writers.audio.encode", encoding)
    out = io.BytesIO()
    write_mp3(warm, out)  # the first write (the fixture's) kept the frames under the narration's key
    assert out.getvalue() == _frames(path.read_bytes())
    # Without the cache, nothing is taken from it.
    with pytest.raises(AssertionError, match="encoded again"):
        write_mp3(narrate(DOC, Options(cache=False)), io.BytesIO())
