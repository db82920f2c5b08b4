"""The read-aloud EPUB (Media Overlays) and the read-along page, with the real voice, EPUBCheck and Chromium."""

from __future__ import annotations

import itertools
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from lxml import etree

import convert
from convert.bundles import bundle_kinds
from convert.model import Abbr, Document, Emph, Figure, Heading, List, ListItem, Meta, Paragraph, Quoted, Table, Text
from convert.options import Options
from convert.registry import writer, writers
from convert.speech.narration import narrate
from convert.speech.script import script
from convert.themes import theme_css, theme_names
from convert.transforms.prepare import prepare
from convert.transforms.sentences import mark, words
from convert.writers import epub, html, read_aloud
from tests.audio import decode_mp3
from tests.axe import chromium, describe, violations_in
from tests.conftest import SEED
from tests.epubcheck import epubcheck_many, messages

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "x": "http://www.w3.org/1999/xhtml",
    "smil": "http://www.w3.org/ns/SMIL",
    "epub": "http://www.idpf.org/2007/ops",
}
EPOCH = "1729123200"
NOTE = """Rivers and rain
Lyon
Rain falls on the hills. “Water finds a way. It always does,” said Dr. Lee.
Where the water goes
It soaks into the soil and runs into the rivers.
"""


def short_document() -> Document:
    """About a dozen sentences: a quotation and an emphasis that sentences cut through, a list, a table, a figure."""
    return prepare(
        Document(
            Meta("Rivers and rain", dateline="Lyon"),
            (
                Paragraph(
                    (
                        Text("Rain falls on the hills. "),
                        Quoted((Text("Water finds a way. It always does,"),)),
                        Text(" said Dr. Lee of the "),
                        Abbr("WMO", "World Meteorological Organization"),
                        Text("."),
                    )
                ),
                Heading(2, (Text("Where the water goes"),)),
                List(
                    (
                        ListItem((Paragraph((Text("Into the soil;"),)),)),
                        ListItem((Paragraph((Text("into the "), Emph((Text("rivers. Then"),)), Text(" the sea."))),)),
                    )
                ),
                Table(
                    head=(((Text("River"),), (Text("Length"),)),),
                    rows=(((Text("Rhône"),), (Text("813 km"),)),),
                    caption=(Text("One river."),),
                ),
                Figure("drop.png", "A drop of water."),
                Heading(2, (Text("Why it matters"),)),
                Paragraph((Text("People need clean water. Rivers carry it to us."),)),
            ),
        )
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """The short document as a read-aloud EPUB (with its page and MP3), split into three documents, and the seed."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("read-aloud")
    Image.new("RGB", (20, 20), "navy").save(folder / "drop.png")
    doc = short_document()
    options = Options(resource_dir=folder)
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        convert.write(doc, folder / "short.read-aloud.epub", resource_dir=folder)
        narration = narrate(doc, options)
        split = read_aloud.build(doc, options, narration, split_words=10)
        epub.save(split, folder / "split.read-aloud.epub")
        by_word = read_aloud.build(doc, replace(options, overlay_granularity="word"), narration, split_words=10)
        epub.save(by_word, folder / "words.read-aloud.epub")
        convert.write(convert.read(SEED), folder / "seed.read-aloud.epub")
    yield {
        "folder": folder,
        "doc": doc,
        "narration": narration,
        "warnings": [str(w.message) for w in caught],
        "short": folder / "short.read-aloud.epub",
        "split": folder / "split.read-aloud.epub",
        "words": folder / "words.read-aloud.epub",
        "seed": folder / "seed.read-aloud.epub",
    }


def read_xml(book: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(book) as archive:
        return etree.fromstring(archive.read(name))


def package(book: Path) -> etree._Element:
    return read_xml(book, "EPUB/content.opf")


def meta_values(opf: etree._Element, prop: str, refines: str | None = None) -> list[str]:
    condition = f" and @refines='{refines}'" if refines else " and not(@refines)"
    return opf.xpath(f"//opf:meta[@property='{prop}'{condition}]/text()", namespaces=NS)


def overlays(book: Path) -> list[tuple[str, str, etree._Element]]:
    """(content document, overlay id, SMIL root) for every manifest item with a media overlay."""
    opf = package(book)
    items = {item.get("id"): item for item in opf.iterfind(".//opf:item", NS)}
    found = []
    for item in items.values():
        if overlay := item.get("media-overlay"):
            found.append((item.get("href"), overlay, read_xml(book, "EPUB/" + items[overlay].get("href"))))
    return found


def seconds(value: str) -> float:
    """A SMIL clock value (H:MM:SS.fff, MM:SS.fff or 12.5s) in seconds."""
    if value.endswith("s"):
        return float(value[:-1])
    total = 0.0
    for part in value.split(":"):
        total = total * 60 + float(part)
    return total


def clips(smil: etree._Element) -> list[tuple[str, str, float, float]]:
    """(text src, audio src, begin, end) of every par, in document order."""
    result = []
    for par in smil.iterfind(".//smil:par", NS):
        text, sound = par.find("smil:text", NS), par.find("smil:audio", NS)
        result.append(
            (text.get("src"), sound.get("src"), seconds(sound.get("clipBegin")), seconds(sound.get("clipEnd")))
        )
    return result


def decoded(data: bytes) -> np.ndarray:
    """An MP3 decoded to 16-bit mono PCM at its own rate."""
    return decode_mp3(data)


# EPUBCheck and the package ---------------------------------------------------


@pytest.fixture(scope="module")
def reports(built: dict[str, object], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    names = ["short", "split", "words", "seed"]
    return epubcheck_many({name: built[name] for name in names}, tmp_path_factory.mktemp("epubcheck"))


@pytest.mark.parametrize("name", ["short", "split", "words", "seed"])
def test_epubcheck_reports_no_message(reports: dict[str, dict], name: str) -> None:
    report = reports[name]
    assert messages(report) == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == report["checker"]["nWarning"] == 0


def test_no_warning_is_given(built: dict[str, object]) -> None:
    assert built["warnings"] == []


@pytest.mark.parametrize("name", ["short", "split", "seed"])
def test_every_sentence_has_exactly_one_par_and_every_par_an_existing_target(
    built: dict[str, object], name: str
) -> None:
    book = built[name]
    doc = convert.read(SEED) if name == "seed" else built["doc"]
    utterances = {u.id for u in script(doc)}
    targets: list[str] = []
    for document, _, smil in overlays(book):
        content = read_xml(book, f"EPUB/{document}")
        ids = set(content.xpath("//@id"))
        sentence_ids = {e.get("id") for e in content.iterfind(".//*[@id]") if e.get("id") in utterances}
        pointed = []
        for src, _, _, _ in clips(smil):
            file, _, fragment = src.partition("#")
            assert file == f"../{document}"
            assert fragment in ids
            pointed.append(fragment)
        assert sorted(pointed) == sorted(sentence_ids), "a sentence without a par, or a par without a sentence"
        targets += pointed
    assert len(targets) == len(set(targets))
    assert set(targets) == utterances, "every utterance of the script is in the overlay"


@pytest.mark.parametrize("name", ["short", "split", "words", "seed"])
def test_clips_are_in_order_without_gaps_and_add_up_to_the_durations(built: dict[str, object], name: str) -> None:
    book = built[name]
    opf = package(book)
    total = 0.0
    for _, overlay_id, smil in overlays(book):
        timeline = clips(smil)
        assert len({sound for _, sound, _, _ in timeline}) == 1
        assert all(end > begin for _, _, begin, end in timeline)
        for (_, _, begin, end), (_, _, next_begin, _) in itertools.pairwise(timeline):
            assert begin < end <= next_begin, "clips overlap or are out of order"
        assert timeline[0][2] == 0.0
        duration = seconds(meta_values(opf, "media:duration", f"#{overlay_id}")[0])
        assert abs(sum(end - begin for _, _, begin, end in timeline) - duration) < 0.05
        total += duration
    assert abs(seconds(meta_values(opf, "media:duration")[0]) - total) < 0.05


@pytest.mark.parametrize("name", ["short", "split"])
def test_durations_in_the_package_are_the_audio_files_real_durations(built: dict[str, object], name: str) -> None:
    book = built[name]
    opf = package(book)
    items = {item.get("id"): item for item in opf.iterfind(".//opf:item", NS)}
    rate = built["narration"].sample_rate
    with zipfile.ZipFile(book) as archive:
        for document, overlay_id, smil in overlays(book):
            sound = clips(smil)[0][1]
            data = archive.read(str(Path("EPUB") / Path(document).parent / sound).replace("text/../", ""))
            real = len(decoded(data)) / rate
            assert abs(seconds(meta_values(opf, "media:duration", f"#{overlay_id}")[0]) - real) < 0.001
            assert items[overlay_id].get("media-type") == "application/smil+xml"


def test_clips_begin_at_the_narration_sample_timings(built: dict[str, object]) -> None:
    narration = built["narration"]
    ((_, _, smil),) = overlays(built["short"])
    timeline = clips(smil)
    cues = {f"#{cue.id}": cue for cue in narration.cues}
    for src, _, begin, _ in timeline[1:]:
        cue = cues["#" + src.partition("#")[2]]
        assert abs(begin - cue.start / narration.sample_rate) < 1e-6


def test_split_audio_is_the_narration_itself_at_the_same_times(built: dict[str, object]) -> None:
    narration = built["narration"]
    cues = {f"#{cue.id}": cue for cue in narration.cues}
    found = overlays(built["split"])
    assert len(found) == 3
    with zipfile.ZipFile(built["split"]) as archive:
        for _, _, smil in found:
            timeline = clips(smil)
            pcm = decoded(archive.read("EPUB/" + timeline[0][1].removeprefix("../"))).astype(np.float64)
            # Where the file's second sentence starts, its audio is the narration's there (correlated at lag 0).
            src, _, begin, _ = timeline[1]
            at = round(begin * narration.sample_rate)
            offset = cues["#" + src.partition("#")[2]].start - at
            original = narration.read(offset + at, offset + at + 8000).astype(np.float64)
            assert np.corrcoef(pcm[at : at + 8000], original)[0, 1] > 0.9


def test_package_metadata_says_what_is_true(built: dict[str, object]) -> None:
    opf = package(built["short"])
    assert meta_values(opf, "media:active-class") == [read_aloud.ACTIVE_CLASS]
    assert "auditory" in meta_values(opf, "schema:accessMode")
    assert {"textual", "auditory"} <= set(meta_values(opf, "schema:accessModeSufficient"))
    assert "synchronizedAudioText" in meta_values(opf, "schema:accessibilityFeature")
    assert "narration" in meta_values(opf, "schema:accessibilitySummary")[0]
    with zipfile.ZipFile(built["short"]) as archive:
        css = archive.read("EPUB/styles/theme.css").decode("utf-8")
        names = archive.namelist()
    assert f".{read_aloud.ACTIVE_CLASS}" in css
    assert "EPUB/audio/part-001.mp3" in names


def test_lists_tables_and_figures_are_escapable(built: dict[str, object]) -> None:
    ((document, _, smil),) = overlays(built["short"])
    content = read_xml(built["short"], f"EPUB/{document}")
    kinds = {seq.get(f"{{{NS['epub']}}}type"): seq for seq in smil.iterfind(".//smil:seq", NS)}
    assert {"list", "table", "figure"} <= set(kinds)
    for kind, tag in (("list", "ul"), ("table", "table"), ("figure", "figure")):
        target = kinds[kind].get(f"{{{NS['epub']}}}textref").partition("#")[2]
        assert content.xpath(f"//x:*[@id='{target}']", namespaces=NS)[0].tag == f"{{{NS['x']}}}{tag}"
    row = kinds["table"].find("smil:par", NS)
    assert kinds["table"].findall("smil:par", NS)[-1].get(f"{{{NS['epub']}}}type") == "table-row"
    assert row is not None


def test_wrapping_keeps_the_text_and_splits_what_sentences_cross(built: dict[str, object]) -> None:
    plain = epub.build(built["doc"], Options(resource_dir=built["folder"]))
    ((document, _, _),) = overlays(built["short"])
    content = read_xml(built["short"], f"EPUB/{document}")
    body = content.find("x:body", NS)
    assert "".join(body.itertext()) == "".join(plain.chapters[0].root.find("body").itertext())
    spans = {e.get("id"): "".join(e.itertext()) for e in body.iterfind(".//x:span[@class='sentence']", NS)}
    assert spans["s0-2"] == "Water finds a way. "  # the opening mark comes from the <q>; the space stays in it
    assert spans["s2-2"] == "into the rivers. "
    assert spans["s2-3"] == "Then the sea."
    quotes = body.findall(".//x:q", NS)
    assert [q.get("class") for q in quotes] == ["q-continues", "q-continued"]
    assert body.find(".//x:tr[@id='s3-2']", NS) is not None
    assert body.find(".//x:img[@id='s4-1']", NS) is not None


def test_two_runs_give_identical_bytes(built: dict[str, object], tmp_path: Path, fixed_epoch: int) -> None:
    options = Options(resource_dir=built["folder"])
    writer("read-aloud").write(built["doc"], tmp_path / "again.read-aloud.epub", options)
    assert (tmp_path / "again.read-aloud.epub").read_bytes() == built["short"].read_bytes()
    page = (tmp_path / "again.read-along.html").read_text(encoding="utf-8")
    assert page.replace("again.mp3", "short.mp3") == (built["folder"] / "short.read-along.html").read_text("utf-8")


def test_mp3_frames_are_counted_as_a_decoder_counts_them(built: dict[str, object]) -> None:
    data = (built["folder"] / "short.mp3").read_bytes()
    tags = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10]))  # the ID3v2 tag's size
    samples, rate = read_aloud.mp3_samples(data[tags:])
    assert rate == built["narration"].sample_rate
    assert samples == len(decoded(data))


# Sentences and words as the model marks them ----------------------------------------


def test_every_sentence_of_the_model_is_an_element_with_its_id() -> None:
    doc = mark(
        prepare(Document(Meta("Title"), (Heading(2, (Text("Title"),), "title"), Paragraph((Text("One. Two."),)))))
    )
    root = html.page(doc, Options(), css="", sentences=True)
    placed = [e.get("id") for e in root.iterfind(".//span[@class='sentence']")]
    assert placed == ["title-2", "s0-1", "s1-1", "s1-2"]  # the heading had the id "title" first
    assert [u.id for u in script(doc)] == placed
    assert len(set(root.xpath("//@id"))) == len(root.xpath("//@id"))
    plain = html.page(doc, Options(), css="")
    assert plain.find(".//span[@class='sentence']") is None
    assert "".join(plain.find("body/main").itertext()) == "".join(root.find("body/main").itertext())


def test_words_are_elements_inside_their_sentence_even_across_markup(built: dict[str, object]) -> None:
    doc = mark(built["doc"])
    root = html.page(doc, Options(resource_dir=built["folder"]), css="", sentences=True, words=True)
    sentence = root.find(".//span[@id='s0-3']")  # "It always does,” said Dr. Lee of the WMO."
    pieces = sentence.findall(".//span[@class='word']")
    assert [p.get("id") for p in pieces if p.get("id")] == [f"s0-3.{n}" for n in range(1, 10)]
    assert [p.text for p in pieces] == ["It", "always", "does", "said", "Dr", "Lee", "of", "the", "WMO"]
    assert sentence.find(".//abbr/span[@class='word']").text == "WMO"  # the word sits inside the abbreviation
    assert "".join(sentence.itertext()) == "It always does, said Dr. Lee of the WMO."


def test_word_overlays_time_every_word_inside_its_sentence(built: dict[str, object]) -> None:
    narration = built["narration"]
    cues = {cue.id: cue for cue in narration.cues}
    for document, _, smil in overlays(built["words"]):
        content = read_xml(built["words"], f"EPUB/{document}")
        ids = set(content.xpath("//@id"))
        for seq in smil.iterfind(".//smil:seq", NS):
            target = seq.get(f"{{{NS['epub']}}}textref").partition("#")[2]
            if target not in cues:
                continue  # a list, table or figure
            pars = seq.findall("smil:par", NS)
            targets = [p.find("smil:text", NS).get("src").partition("#")[2] for p in pars]
            assert all(t in ids and t.startswith(f"{target}.") for t in targets)
            assert len(targets) <= len(words(cues[target].text))
    # The sentences without words of their own (a table row, an image) stay one clip each.
    ((_, _, first), *_) = overlays(built["words"])
    assert not first.findall(".//smil:par[@id='par-s3-2.1']", NS)


# Highlight contrast in every theme -----------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", theme_names())
def test_the_current_sentence_is_highlighted_with_enough_contrast(theme: str) -> None:
    css = theme_css(theme)
    values = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))  # later definitions win
    assert re.search(rf"\.{read_aloud.ACTIVE_CLASS}[^{{]*\.reading-now\s*{{[^}}]*var\(--highlight\)", css)
    for text in ("highlight-text", "link", "link-visited", "muted"):
        assert _contrast(values[text], values["highlight"]) >= 4.5, (theme, text)
    # The outline that marks the sentence besides its colour stands out from the page.
    assert _contrast(values["highlight-text"], values["background"]) >= 3


# Outputs, editions and bundles ----------------------------------------------------


def test_cli_writes_both_editions_and_the_audio_they_play(tmp_path: Path, fixed_epoch: int) -> None:
    from convert.cli import main

    source = tmp_path / "rain.txt"
    source.write_text(NOTE, encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(source), "--to", "html", "--read-aloud", "--edition", "full,child", "-o", str(out), "-q"]) == 0
    folder = out / "rain"
    for infix in ("", ".child"):
        for suffix in (".html", ".read-aloud.epub", ".read-along.html", ".mp3", ".vtt"):
            assert (folder / f"rain{infix}{suffix}").is_file(), f"rain{infix}{suffix}"
        page = etree.parse(str(folder / f"rain{infix}.read-along.html"), etree.HTMLParser())
        assert page.find(".//audio").get("src") == f"rain{infix}.mp3"
    # The child edition is narrated at its slower rate: its book's audio is that narration.
    child = convert.edition(convert.read(source), "child")
    slow = narrate(child, Options(edition="child"))
    natural = narrate(child, Options())
    total = seconds(meta_values(package(folder / "rain.child.read-aloud.epub"), "media:duration")[0])
    assert abs(total - slow.duration) < 0.1
    assert natural.duration < 0.97 * slow.duration
    assert (folder / "rain.child.mp3").stat().st_size > 0


def test_read_aloud_is_built_once_when_all_formats_are_asked_for_too() -> None:
    chosen = convert.resolve_formats(["all", "read-aloud"])
    assert [c.name for c in chosen].count("read-aloud") == 1
    assert chosen.index(writers()["mp3"]) < chosen.index(writers()["read-aloud"])


def test_bundles_know_both_files_of_the_format() -> None:
    kinds = {kind.suffix: kind for kind in bundle_kinds()}
    assert kinds[".read-aloud.epub"].title == "Read-aloud ebook"
    assert kinds[".read-along.html"].title == "Read-along page"
    assert writers()["read-aloud"].companions == (".read-along.html",)
    assert writers()["read-aloud"].requires == ("mp3",)
    assert [w.name for w in convert.resolve_formats(["read-aloud"])] == ["mp3", "read-aloud"]


# The read-along page in Chromium -----------------------------------------------

WAIT_SEEK = """
const [time, done] = [arguments[0], arguments[arguments.length - 1]];
const player = document.getElementById('read-along-audio');
const go = () => {
  player.addEventListener('seeked', () => setTimeout(() => {
    const now = document.querySelector('.reading-now');
    done(now ? now.id : null);
  }, 100), {once: true});
  player.currentTime = time;
};
if (player.readyState >= 1) { go(); } else { player.addEventListener('loadedmetadata', go, {once: true}); }
"""
WAIT_PLAY = """
const [from, until, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const player = document.getElementById('read-along-audio');
const check = () => {
  if (player.currentTime >= until) {
    player.pause();
    const now = document.querySelector('.reading-now');
    done([now ? now.id : null, now ? now.getAttribute('aria-current') : null]);
  } else { setTimeout(check, 20); }
};
const go = () => { player.currentTime = from; player.play().then(check, e => done(['error', String(e)])); };
if (player.readyState >= 1) { go(); } else { player.addEventListener('loadedmetadata', go, {once: true}); }
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as driver:
        driver.set_script_timeout(30)
        yield driver


@pytest.fixture(scope="module")
def timings(built: dict[str, object]) -> dict[str, float]:
    page = etree.parse(str(built["folder"] / "short.read-along.html"), etree.HTMLParser())
    return {e.get("id"): float(e.get("data-begin")) for e in page.iterfind(".//*[@data-begin]")}


def test_read_along_page_without_javascript_is_the_text_and_a_plain_player(built: dict[str, object]) -> None:
    page = etree.parse(str(built["folder"] / "short.read-along.html"), etree.HTMLParser())
    player = page.find(".//audio")
    assert player.get("controls") is not None and player.get("aria-label")
    assert (built["folder"] / player.get("src")).is_file()
    assert page.find(".//div[@class='read-along-controls']").get("hidden") is not None
    shown = "".join(page.find(".//main").itertext())
    for sentence in ("Rain falls on the hills.", "Rivers carry it to us.", "Then", "the sea."):
        assert sentence in shown
    assert "prefers-reduced-motion" in page.find(".//style").text


def test_read_along_page_has_no_axe_violations(built: dict[str, object], browser: object) -> None:
    violations = violations_in(browser, (built["folder"] / "short.read-along.html").as_uri())
    assert violations == [], describe(violations)


def test_seeking_highlights_the_sentence_at_that_time(
    built: dict[str, object], browser: object, timings: dict[str, float]
) -> None:
    browser.get((built["folder"] / "short.read-along.html").as_uri())
    for sentence in ("s1-1", "s3-2", "s0-3"):
        assert browser.execute_async_script(WAIT_SEEK, timings[sentence] + 0.05) == sentence


def test_playing_highlights_each_sentence_as_it_is_reached(
    built: dict[str, object], browser: object, timings: dict[str, float]
) -> None:
    browser.get((built["folder"] / "short.read-along.html").as_uri())
    start = timings["s2-2"]
    current, marker = browser.execute_async_script(WAIT_PLAY, start - 0.3, start + 0.2)
    assert (current, marker) == ("s2-2", "true")


def test_clicking_a_sentence_plays_from_its_start(
    built: dict[str, object], browser: object, timings: dict[str, float]
) -> None:
    from selenium.webdriver.common.by import By

    browser.get((built["folder"] / "short.read-along.html").as_uri())
    sentence = browser.find_element(By.ID, "s6-2")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", sentence)
    sentence.click()
    position = browser.execute_script("return document.getElementById('read-along-audio').currentTime;")
    assert timings["s6-2"] - 0.001 <= position < timings["s6-2"] + 1.0
    assert browser.find_element(By.CLASS_NAME, "reading-now").get_attribute("id") == "s6-2"


WAIT_WORD = """
const [time, done] = [arguments[0], arguments[arguments.length - 1]];
const player = document.getElementById('read-along-audio');
const go = () => {
  player.addEventListener('seeked', () => setTimeout(() => {
    const word = document.querySelector('.reading-now .word-now');
    done(word ? [word.textContent, word.closest('.reading-now').id] : null);
  }, 100), {once: true});
  player.currentTime = time;
};
if (player.readyState >= 1) { go(); } else { player.addEventListener('loadedmetadata', go, {once: true}); }
"""


def test_the_word_being_said_is_highlighted_inside_its_sentence(built: dict[str, object], browser: object) -> None:
    page = etree.parse(str(built["folder"] / "short.read-along.html"), etree.HTMLParser())
    word = page.find(".//span[@id='s6-2.2']")  # "Rivers carry it to us.": "carry"
    begin, end = float(word.get("data-word-begin")), float(word.get("data-word-end"))
    assert word.text == "carry" and begin < end
    browser.get((built["folder"] / "short.read-along.html").as_uri())
    assert browser.execute_async_script(WAIT_WORD, (begin + end) / 2) == ["carry", "s6-2"]
    # The switch turns the word highlighting off; the sentence stays highlighted.
    browser.find_element("id", "read-along-words").click()
    assert browser.execute_script("return document.querySelectorAll('.word-now').length") == 0
    assert browser.find_element("css selector", ".reading-now").get_attribute("id") == "s6-2"


def test_the_next_sentence_button_works_from_the_keyboard(
    built: dict[str, object], browser: object, timings: dict[str, float]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get((built["folder"] / "short.read-along.html").as_uri())
    browser.execute_async_script(WAIT_SEEK, timings["s1-1"] + 0.05)
    button = browser.find_element(By.ID, "read-along-next")
    assert button.is_displayed() and button.text == "Next sentence"
    button.send_keys(Keys.ENTER)
    assert browser.find_element(By.CLASS_NAME, "reading-now").get_attribute("id") == "s2-1"
    position = browser.execute_script("return document.getElementById('read-along-audio').currentTime;")
    assert abs(position - timings["s2-1"]) < 0.01
