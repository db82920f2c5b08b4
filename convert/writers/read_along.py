"""The read-along page: the HTML writer's page with an audio player, each sentence highlighted as it is heard.

One offline file: the theme and a small script are inside; the audio is the narration's MP3 beside it,
linked by name. Without JavaScript it is the full text and a plain audio player. With it, the sentence
being read is highlighted (and marked aria-current, with an outline, so colour is not the only cue) and,
where the voice timed its words, the word being said inside it (a switch turns that off); a click on a
sentence plays from there, buttons move by sentence, and a link in the contents list moves the voice to
that section. Scrolling follows the voice smoothly unless the reader prefers reduced motion.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from convert.fileio import write_text_atomic
from convert.labels import label
from convert.model import Document
from convert.options import Options
from convert.themes import document_css, page_file
from convert.transforms.sentences import with_marks
from convert.writers import html

if TYPE_CHECKING:
    from convert.speech.narration import Cue, Narration

PLAYER_ID = "read-along"
AUDIO_ID = "read-along-audio"


def player(title: str, audio_href: str, lang: str, *, word_switch: bool = False) -> etree._Element:
    """The player: a heading, the audio element (labelled, with a download link inside), buttons and a status line;
    with word_switch, a switch for the highlighting of each word."""

    def said(key: str) -> str:
        return label(f"read-along-{key}", lang)

    audio = html.element(
        "audio",
        {
            "id": AUDIO_ID,
            "controls": "controls",
            "preload": "metadata",
            "src": audio_href,
            "aria-label": f"{said('audio')}: {title}",
        },
        html.element("a", {"href": audio_href}, said("download")),
    )
    # Buttons and status need the script: hidden until it runs, so the page without it is honest.
    buttons = [
        html.element("button", {"type": "button", "id": f"read-along-{name}"}, said(name))
        for name in ("previous", "play", "next")
    ]
    if word_switch:
        checkbox = html.element("input", {"type": "checkbox", "id": "read-along-words", "checked": "checked"})
        buttons.append(
            html.element("label", {"class": "read-along-words"}, checkbox, html.element("span", None, said("words")))
        )
    controls = {"class": "read-along-controls", "role": "group", "aria-label": said("controls"), "hidden": ""}
    return html.element(
        "section",
        {
            "id": PLAYER_ID,
            "class": "read-along",
            "aria-labelledby": "read-along-title",
            "data-play": said("play"),
            "data-pause": said("pause"),
            "data-status": said("status"),
        },
        html.element("h2", {"id": "read-along-title"}, said("listen")),
        audio,
        html.element("div", controls, *buttons),
        html.element("p", {"id": "read-along-status", "class": "read-along-status", "hidden": ""}),
        html.element("p", {"class": "read-along-hint", "hidden": ""}, said("hint")),
    )


def render(doc: Document, options: Options, narration: Narration, audio_href: str) -> str:
    """The read-along page as a string: the text with every sentence timed, the player and the script."""
    lang = options.lang or doc.meta.lang
    css = "\n".join((document_css(options.theme, options.css), html.quote_css(), page_file("read-along.css")))
    timed_words = narration.word_timing
    root = html.page(with_marks(doc), options, css=css, sentences=True, words=timed_words)
    body = root.find("body")
    header = body.find("header")
    times = {cue.id: cue for cue in narration.cues}
    for element in body.iterfind(".//*[@id]"):
        cue = times.get(element.get("id"))
        if cue is not None:
            element.set("data-begin", f"{cue.start_seconds:.6f}")
            element.set("data-end", f"{cue.end_seconds:.6f}")
    if timed_words:
        _time_words(body, times)
    section = player(doc.meta.title, audio_href, lang, word_switch=timed_words)
    section.tail = "\n"
    header.addnext(section)
    body.append(html.element("script", None, "\n" + page_file("read-along.js")))
    return html.page_text(root)


def _time_words(body: etree._Element, times: dict[str, Cue]) -> None:
    """Give each word's pieces the times the voice said it (data-word-begin, data-word-end)."""
    for piece in body.iterfind(f".//span[@class='{html.WORD_CLASS}']"):
        word = piece.get("id") or piece.get("data-word") or ""
        sentence, _, number = word.rpartition(".")
        cue = times.get(sentence)
        if cue is None or not number.isdigit() or not 0 < int(number) <= len(cue.words):
            continue
        start, end = cue.words[int(number) - 1]
        piece.set("data-word-begin", f"{start / cue.sample_rate:.6f}")
        piece.set("data-word-end", f"{end / cue.sample_rate:.6f}")


def write(doc: Document, path: Path, options: Options, narration: Narration, audio_href: str) -> None:
    """Write the read-along page to path, atomically; audio_href is the narration's MP3, relative to the page."""
    write_text_atomic(Path(path), render(doc, options, narration, audio_href))
