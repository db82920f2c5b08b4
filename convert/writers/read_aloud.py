"""Read-aloud EPUB: the EPUB with the narration inside and EPUB 3 Media Overlays, plus the read-along page.

Every sentence the model marks is an element with its id in the content documents (the EPUB writer's
build with sentences); each content document gets its own MP3 (its part of the narration) and a
SMIL file whose clips follow the narration's sample timings. The clips of a document follow each other
without gaps, from the start of its audio file to the end, so their sum is the file's duration: a clip
runs from its sentence's first sample to the next sentence's first sample, and the pauses go with the
sentence before them.

The writer also writes <stem>.read-along.html, which plays <stem>.mp3: that file is the mp3 writer's (the
format requires it, so convert() writes it too), from the same narration, so the page and the audio agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from convert.errors import ConvertError, UsageError
from convert.ids import unique
from convert.model import Document
from convert.options import Options
from convert.registry import WEB_BROWSER, FileKind, Writer
from convert.transforms.sentences import with_marks
from convert.writers import epub, html

if TYPE_CHECKING:
    from convert.speech.narration import Cue, Narration

EXTENSION = ".read-aloud.epub"
PAGE_EXTENSION = ".read-along.html"
ACTIVE_CLASS = "-epub-media-overlay-active"
"""The class reading systems put on the sentence being read; the themes highlight it."""
SMIL_NS = "http://www.w3.org/ns/SMIL"
AUDIO_DIR = "audio"
OVERLAY_DIR = "overlays"
# Structures a listener can escape from (EPUB Media Overlays 3.3, escapability), by the element that holds them.
ESCAPABLE = {"ul": "list", "ol": "list", "table": "table", "figure": "figure", "aside": "aside"}
# MPEG audio frame layouts: (bit rates in kbit/s for Layer III, sample rates, samples per frame) by version bits.
MPEG_VERSIONS = {
    3: ((0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320), (44100, 48000, 32000), 1152),
    2: ((0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160), (22050, 24000, 16000), 576),
    0: ((0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160), (11025, 12000, 8000), 576),
}


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a sentence of the narration is in the book: the element with its id."""

    utterance: str
    """The sentence's id (convert.speech.script.Utterance.id)."""
    element: etree._Element
    """The element that holds the sentence: its span, or the table row or image that stands for it."""

    @property
    def id(self) -> str:
        """The element's id in the book (the sentence's id, unless the book had to change it)."""
        return self.element.get("id")


@dataclass(frozen=True, slots=True)
class Clip:
    """One sentence in a Media Overlay: where it is in the text and when it is heard in its audio file."""

    utterance: str
    """The utterance's id."""
    target: str
    """The id of the element that holds the sentence."""
    begin: float
    """Seconds from the start of the audio file."""
    end: float
    """Seconds from the start of the audio file; the next clip's begin, or the file's end."""
    words: tuple[tuple[str, float, float], ...] = ()
    """With word granularity: (element id, begin, end) of each word, one after the other from begin to end."""


@dataclass(frozen=True, slots=True)
class Overlay:
    """The Media Overlay of one content document: its SMIL and audio files, clips and duration."""

    document: str
    """The content document, for example "text/part-001.xhtml"."""
    smil: str
    """The SMIL file, for example "overlays/part-001.smil"."""
    audio: str
    """The audio file, for example "audio/part-001.mp3"."""
    clips: tuple[Clip, ...]
    """Every sentence of the document, in reading order."""
    duration: float
    """The audio file's duration in seconds (whole MP3 frames)."""


# Clock values and audio ------------------------------------------------------


def clock(seconds: float) -> str:
    """A SMIL full clock value, H:MM:SS.ffffff (to the microsecond, finer than one sample)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}.{round((seconds - whole) * 1_000_000):06d}"


def timecount(seconds: float) -> str:
    """A SMIL timecount value in seconds, "12.345678s"."""
    return f"{seconds:.6f}s"


def mp3_samples(data: bytes) -> tuple[int, int]:
    """(decoded samples, sample rate) of an MP3 stream: whole frames, counted from their headers."""
    position, frames, per_frame, rate = 0, 0, 0, 0
    while position + 4 <= len(data):
        b1, b2 = data[position + 1], data[position + 2]
        if data[position] != 0xFF or b1 & 0xE0 != 0xE0 or (b1 >> 3) & 3 not in MPEG_VERSIONS or (b1 >> 1) & 3 != 1:
            raise ConvertError("the narration's MP3 has a frame that is not MPEG Layer III")
        bit_rates, rates, per_frame = MPEG_VERSIONS[(b1 >> 3) & 3]
        rate = rates[(b2 >> 2) & 3]
        coefficient = 144 if per_frame == 1152 else 72
        position += coefficient * bit_rates[b2 >> 4] * 1000 // rate + ((b2 >> 1) & 1)
        frames += 1
    return frames * per_frame, rate


# Media Overlays ----------------------------------------------------------------


def placements(book: epub.Book, narration: Narration) -> list[Placement]:
    """The element of every sentence of the narration in the book, in reading order."""
    elements = {
        (chapter.name, element.get("id")): element
        for chapter in book.chapters
        for element in chapter.root.iterfind(".//*[@id]")
    }
    result = []
    for cue in narration.cues:
        target = book.ids.get(cue.id)
        element = elements.get(target) if target else None
        if element is None:
            # The book and the narration come from the same marked document, so this is a bug, not bad input.
            raise ConvertError(f"sentence {cue.id} of the narration is not in the book, so it cannot be synchronised")
        result.append(Placement(cue.id, element))
    return result


def add_media_overlays(book: epub.Book, narration: Narration, *, by_word: bool = False) -> epub.Book:
    """Add each document's audio and SMIL for the sentences the book marks, the durations, the active class and
    the claims; by_word, each word the book marks gets its own clip inside its sentence."""
    from ebooklib import epub as ebooklib_epub

    from convert.writers.audio import encode

    chapter_of = {id(chapter.root): number for number, chapter in enumerate(book.chapters)}
    all_cues = narration.cues
    cues = {cue.id: number for number, cue in enumerate(all_cues)}
    grouped: dict[int, list[Placement]] = {}
    for placement in placements(book, narration):
        grouped.setdefault(chapter_of[id(placement.element.getroottree().getroot())], []).append(placement)

    overlays: list[Overlay] = []
    numbers = sorted(grouped)
    cuts = [0] + [_cut(all_cues, cues[grouped[n][0].utterance]) for n in numbers[1:]] + [narration.length]
    word_ids = _word_elements(book) if by_word else {}
    for position, number in enumerate(numbers):
        chapter = book.chapters[number]
        start, stop = cuts[position], cuts[position + 1]
        audio = b"".join(encode(narration.stream(start, stop), narration.sample_rate))
        decoded, rate = mp3_samples(audio)
        duration = decoded / rate
        stem = Path(chapter.name).stem
        begins = [0.0] + [
            (all_cues[cues[p.utterance]].start - start) / narration.sample_rate for p in grouped[number][1:]
        ]
        ends = [*begins[1:], duration]
        clips = tuple(
            Clip(p.utterance, p.id, begin, end, _word_clips(all_cues[cues[p.utterance]], begin, end, start, word_ids))
            for p, begin, end in zip(grouped[number], begins, ends, strict=True)
        )
        overlay = Overlay(chapter.name, f"{OVERLAY_DIR}/{stem}.smil", f"{AUDIO_DIR}/{stem}.mp3", clips, duration)
        overlays.append(overlay)
        book.epub.add_item(
            ebooklib_epub.EpubItem(uid=f"audio-{stem}", file_name=overlay.audio, media_type="audio/mpeg", content=audio)
        )
        smil = ebooklib_epub.EpubSMIL(
            uid=f"overlay-{stem}", file_name=overlay.smil, content=smil_document(overlay, grouped[number])
        )
        book.epub.add_item(smil)
        chapter.item.media_overlay = smil.id
        book.epub.add_metadata(None, "meta", clock(duration), {"property": "media:duration", "refines": f"#{smil.id}"})

    total = sum(overlay.duration for overlay in overlays)
    book.epub.add_metadata(None, "meta", clock(total), {"property": "media:duration"})
    book.epub.add_metadata(None, "meta", ACTIVE_CLASS, {"property": "media:active-class"})
    style = book.epub.get_item_with_id("style")
    style.content = style.content + ("\n" + html.quote_css()).encode("utf-8")
    return epub.set_accessibility(book, replace(book.facts, synchronized_audio=True))


def _cut(cues: tuple[Cue, ...], first: int) -> int:
    """Where the audio of a new document begins: halfway through the silence before its first sentence."""
    previous = cues[first - 1].end if first else 0
    return (previous + cues[first].start) // 2


def _word_elements(book: epub.Book) -> dict[str, str]:
    """Each word's id as the HTML writer made it ("s3-1.4") -> its id in the book."""
    return {original: new for original, (_, new) in book.ids.items() if "." in original}


def _word_clips(
    cue: Cue, begin: float, end: float, offset: int, word_ids: dict[str, str]
) -> tuple[tuple[str, float, float], ...]:
    """The clips of a sentence's words: each from its first sample to the next word's, the first from the
    sentence's begin and the last to its end, so the words fill the sentence's clip without gaps."""
    if not word_ids or not cue.words:
        return ()
    ids = [word_ids.get(f"{cue.id}.{number}") for number in range(1, len(cue.words) + 1)]
    if None in ids:
        return ()  # a sentence shown without its words (a table row, an image): timed as a whole
    starts = [(word_start - offset) / cue.sample_rate for word_start, _ in cue.words]
    result: list[tuple[str, float, float]] = []
    for number, (element, at) in enumerate(zip(ids, starts, strict=True)):
        at = begin if number == 0 else at
        # A word that takes no time of its own (not said aloud) goes with the word before it.
        if result and at <= result[-1][1]:
            continue
        if result:
            result[-1] = (result[-1][0], result[-1][1], at)
        result.append((element, at, end))
    return tuple((element, a, b) for element, a, b in result if b > a)


def smil_document(overlay: Overlay, placements: list[Placement]) -> bytes:
    """The SMIL of one document: a par per sentence, nested in a seq for each list, table, figure and box."""
    text = f"../{overlay.document}"
    audio = f"../{overlay.audio}"
    root = etree.Element(f"{{{SMIL_NS}}}smil", {"version": "3.0"}, nsmap={None: SMIL_NS, "epub": epub.OPS_NS})
    body = etree.SubElement(root, f"{{{SMIL_NS}}}body")
    body.set(f"{{{epub.OPS_NS}}}textref", text)
    taken = {e.get("id") for e in placements[0].element.getroottree().getroot().iterfind(".//*[@id]")}
    open_structures: list[tuple[etree._Element, etree._Element]] = []  # (content element, its seq)
    for placement, clip in zip(placements, overlay.clips, strict=True):
        chain = [e for e in reversed(list(placement.element.iterancestors())) if e.tag in ESCAPABLE]
        depth = 0
        while depth < min(len(chain), len(open_structures)) and open_structures[depth][0] is chain[depth]:
            depth += 1
        del open_structures[depth:]
        for structure in chain[depth:]:
            parent = open_structures[-1][1] if open_structures else body
            seq = etree.SubElement(parent, f"{{{SMIL_NS}}}seq", {"id": "seq"})
            seq.set(f"{{{epub.OPS_NS}}}textref", f"{text}#{_element_id(structure, ESCAPABLE[structure.tag], taken)}")
            seq.set(f"{{{epub.OPS_NS}}}type", ESCAPABLE[structure.tag])
            open_structures.append((structure, seq))
        parent = open_structures[-1][1] if open_structures else body
        if clip.words:
            # A sentence read word by word: a seq of one par per word, which a reader can skip as a whole.
            parent = etree.SubElement(parent, f"{{{SMIL_NS}}}seq", {"id": "seq"})
            parent.set(f"{{{epub.OPS_NS}}}textref", f"{text}#{clip.target}")
        for target, begin, end in clip.words or ((clip.target, clip.begin, clip.end),):
            par = etree.SubElement(parent, f"{{{SMIL_NS}}}par", {"id": f"par-{target}"})
            if placement.element.tag == "tr":
                par.set(f"{{{epub.OPS_NS}}}type", "table-row")
            etree.SubElement(par, f"{{{SMIL_NS}}}text", {"src": f"{text}#{target}"})
            etree.SubElement(
                par,
                f"{{{SMIL_NS}}}audio",
                {"src": audio, "clipBegin": timecount(begin), "clipEnd": timecount(end)},
            )
    _number_seqs(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _number_seqs(root: etree._Element) -> None:
    # Numbered once the tree is complete, so ids follow reading order and stay the same between runs.
    for number, seq in enumerate(root.iter(f"{{{SMIL_NS}}}seq"), start=1):
        seq.set("id", f"seq-{number}")


def _element_id(element: etree._Element, kind: str, taken: set[str]) -> str:
    """The element's id, giving it one ("list-3") if it has none: a seq's textref must point at it."""
    if not element.get("id"):
        element.set("id", unique(kind, taken, numbered=True))
        taken.add(element.get("id"))
    return element.get("id")


# Writing -----------------------------------------------------------------------


def companion(path: Path, extension: str) -> Path:
    """A file beside the read-aloud EPUB: <stem>.read-aloud.epub -> <stem><extension>."""
    name = path.name[: -len(EXTENSION)] if path.name.lower().endswith(EXTENSION) else path.stem
    return path.with_name(name + extension)


GRANULARITIES = ("sentence", "word")
"""What Media Overlays can highlight (Options.overlay_granularity)."""


def build(doc: Document, options: Options, narration: Narration, *, split_words: int = epub.SPLIT_WORDS) -> epub.Book:
    """The read-aloud book in memory: the EPUB of doc with narration's audio and Media Overlays."""
    if options.overlay_granularity not in GRANULARITIES:
        raise UsageError(
            f"unknown overlay granularity {options.overlay_granularity!r}; choose {' or '.join(GRANULARITIES)}"
        )
    by_word = options.overlay_granularity == "word" and narration.word_timing
    book = epub.build(with_marks(doc), options, split_words=split_words, sentences=True, words=by_word)
    return add_media_overlays(book, narration, by_word=by_word)


def write(doc: Document, path: Path, options: Options) -> None:
    """Write the read-aloud EPUB to path, and beside it the read-along page that plays <stem>.mp3.

    The MP3 is the mp3 format's file (the format this one requires), made from the same narration.
    """
    from convert.speech.narration import narrate
    from convert.writers import read_along

    path = Path(path)
    narration = narrate(doc, options)
    epub.save(build(doc, options, narration), path)
    read_along.write(doc, companion(path, PAGE_EXTENSION), options, narration, companion(path, ".mp3").name)


WRITER = Writer(
    name="read-aloud",
    write=write,
    description="EPUB 3 that reads itself aloud (Media Overlays, offline voice), and a read-along web page",
    files=(
        FileKind(
            EXTENSION,
            "Read-aloud ebook",
            "an ebook that reads itself aloud and highlights each sentence",
            (
                ("Windows, Mac or Linux", "Thorium Reader plays the narration with the highlighting."),
                ("iPhone, iPad or Mac", "Apple Books plays the narration with the highlighting."),
                ("Other reading apps", "show the text; some cannot play the narration."),
            ),
            embeds_fonts=True,
            spoken=True,
            follows=".epub",
        ),
        FileKind(
            PAGE_EXTENSION,
            "Read-along page",
            "to listen and follow the text, each sentence highlighted as it is read",
            WEB_BROWSER,
            spoken=True,
            follows=".html",
        ),
    ),
    requires=("mp3",),
)
