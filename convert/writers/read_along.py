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
from convert.model import Document
from convert.options import Options
from convert.themes import document_css
from convert.transforms.sentences import with_marks
from convert.writers import html

if TYPE_CHECKING:
    from convert.speech.narration import Cue, Narration

PLAYER_ID = "read-along"
AUDIO_ID = "read-along-audio"
# The player's words; other languages fall back to English (the narration voice is English too).
WORDS = {
    "en": {
        "listen": "Listen",
        "audio": "Narration of the text",
        "controls": "Read-along controls",
        "play": "Play",
        "pause": "Pause",
        "previous": "Previous sentence",
        "next": "Next sentence",
        "status": "Sentence {n} of {total}",
        "hint": "Select any sentence to hear it from there; the contents links move the voice too.",
        "words": "Highlight each word",
        "download": "Download the narration (MP3)",
    },
}

PAGE_CSS = """
/* the read-along player */
.read-along { background: var(--background); border-bottom: 2px solid var(--muted); padding: 0.5em 0 0.75em; }
.read-along h2 { margin: 0 0 0.25em; font-size: 1.1em; }
.read-along audio { display: block; width: 100%; }
.read-along-controls { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.5em; }
.read-along button {
  font: inherit; min-height: 2.75rem; padding: 0.3em 0.9em; border-radius: 0.3em; cursor: pointer;
  border: 2px solid var(--accent); background: var(--background); color: var(--text);
}
.read-along button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.read-along-status { margin: 0.4em 0 0; font-weight: 700; }
.read-along-hint { margin: 0.2em 0 0; color: var(--muted); }
.read-along-ready .read-along { position: sticky; top: 0; z-index: 1; }
.read-along-ready [data-begin] { cursor: pointer; }
.reading-now { text-decoration: underline; text-decoration-thickness: 2px; }
.read-along-words { display: inline-flex; align-items: center; gap: 0.4em; min-height: 2.75rem; }
.read-along-words input { width: 1.25rem; height: 1.25rem; }
/* The word being said: the sentence's highlight turned round, so its contrast is the theme's own. */
.read-along-ready .word-now { background: var(--highlight-text); color: var(--highlight); }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var audio = document.getElementById("read-along-audio");
  var panel = document.getElementById("read-along");
  if (!audio || !panel || !window.requestAnimationFrame) { return; }
  var sentences = Array.prototype.slice.call(document.querySelectorAll("[data-begin]"));
  var begins = sentences.map(function (s) { return parseFloat(s.getAttribute("data-begin")); });
  var playButton = document.getElementById("read-along-play");
  var status = document.getElementById("read-along-status");
  var reduced = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var current = -1;
  // Each sentence's words: a word cut by markup has several pieces, named by the id of its first.
  var wordsOf = sentences.map(function (sentence) {
    var list = [], byId = {};
    Array.prototype.forEach.call(sentence.querySelectorAll("[data-word-begin]"), function (piece) {
      var key = piece.id || piece.getAttribute("data-word");
      if (!byId[key]) {
        byId[key] = {begin: parseFloat(piece.getAttribute("data-word-begin")),
                     end: parseFloat(piece.getAttribute("data-word-end")), pieces: []};
        list.push(byId[key]);
      }
      byId[key].pieces.push(piece);
    });
    return list;
  });
  var wordNow = null;
  var wordSwitch = document.getElementById("read-along-words");
  Array.prototype.forEach.call(panel.querySelectorAll("[hidden]"), function (e) { e.hidden = false; });
  document.documentElement.classList.add("read-along-ready");

  function indexAt(time) {
    var low = 0, high = begins.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (begins[middle] <= time + 0.0005) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  }
  function keepVisible(element) {
    var box = element.getBoundingClientRect();
    if (box.top < panel.getBoundingClientRect().bottom || box.bottom > window.innerHeight) {
      element.scrollIntoView({block: "center", behavior: reduced && reduced.matches ? "auto" : "smooth"});
    }
  }
  function show(index, follow) {
    if (index === current) { return; }
    if (current >= 0) {
      sentences[current].classList.remove("reading-now");
      sentences[current].removeAttribute("aria-current");
    }
    current = index;
    if (index < 0) { status.textContent = ""; return; }
    sentences[index].classList.add("reading-now");
    sentences[index].setAttribute("aria-current", "true");
    status.textContent = panel.getAttribute("data-status")
      .replace("{n}", String(index + 1)).replace("{total}", String(sentences.length));
    if (follow) { keepVisible(sentences[index]); }
  }
  function showWord(time) {
    var list = current >= 0 && wordSwitch && wordSwitch.checked ? wordsOf[current] : [];
    var found = null;
    for (var k = 0; k < list.length; k++) {
      if (list[k].begin <= time + 0.0005 && time < list[k].end) { found = list[k]; break; }
    }
    if (found === wordNow) { return; }
    if (wordNow) { wordNow.pieces.forEach(function (p) { p.classList.remove("word-now"); }); }
    wordNow = found;
    if (found) { found.pieces.forEach(function (p) { p.classList.add("word-now"); }); }
  }
  function sync() { show(indexAt(audio.currentTime), !audio.paused); showWord(audio.currentTime); }
  function tick() { sync(); if (!audio.paused) { window.requestAnimationFrame(tick); } }
  function seek(index, play) {
    if (!sentences.length) { return; }
    index = Math.max(0, Math.min(sentences.length - 1, index));
    audio.currentTime = begins[index];
    show(index, true);
    if (play) {
      var started = audio.play();
      if (started && started.catch) { started.catch(function () {}); }
    }
  }
  function label() {
    playButton.textContent = panel.getAttribute(audio.paused ? "data-play" : "data-pause");
  }
  audio.addEventListener("timeupdate", sync);
  audio.addEventListener("seeked", sync);
  audio.addEventListener("play", function () { label(); window.requestAnimationFrame(tick); });
  audio.addEventListener("pause", label);
  audio.addEventListener("ended", label);
  sentences.forEach(function (sentence, index) {
    sentence.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a[href]")) { return; }
      if (window.getSelection && String(window.getSelection()).length) { return; }
      seek(index, true);
    });
  });
  if (wordSwitch) { wordSwitch.addEventListener("change", function () { showWord(audio.currentTime); }); }
  playButton.addEventListener("click", function () {
    if (audio.paused) { seek(current < 0 ? 0 : current, true); } else { audio.pause(); }
  });
  document.getElementById("read-along-previous").addEventListener("click", function () {
    seek(current - 1, !audio.paused);
  });
  document.getElementById("read-along-next").addEventListener("click", function () {
    seek(current + 1, !audio.paused);
  });
  Array.prototype.forEach.call(document.querySelectorAll("nav a[href^='#']"), function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var first = target && (target.hasAttribute("data-begin") ? target : target.querySelector("[data-begin]"));
      if (first) { seek(sentences.indexOf(first), !audio.paused); }
    });
  });
  function pad() { document.documentElement.style.scrollPaddingTop = (panel.offsetHeight + 8) + "px"; }
  window.addEventListener("resize", pad);
  pad();
  label();
})();
"""


def words(lang: str) -> dict[str, str]:
    """The player's words in lang, falling back to English."""
    return WORDS.get(lang.replace("_", "-").split("-")[0].lower(), WORDS["en"])


def player(title: str, audio_href: str, lang: str, *, word_switch: bool = False) -> etree._Element:
    """The player: a heading, the audio element (labelled, with a download link inside), buttons and a status line;
    with word_switch, a switch for the highlighting of each word."""
    said = words(lang)
    section = etree.Element(
        "section",
        {
            "id": PLAYER_ID,
            "class": "read-along",
            "aria-labelledby": "read-along-title",
            "data-play": said["play"],
            "data-pause": said["pause"],
            "data-status": said["status"],
        },
    )
    etree.SubElement(section, "h2", {"id": "read-along-title"}).text = said["listen"]
    audio = etree.SubElement(
        section,
        "audio",
        {"id": AUDIO_ID, "controls": "controls", "preload": "metadata", "src": audio_href},
    )
    audio.set("aria-label", f"{said['audio']}: {title}")
    etree.SubElement(audio, "a", {"href": audio_href}).text = said["download"]
    # Buttons and status need the script: hidden until it runs, so the page without it is honest.
    group = etree.SubElement(
        section, "div", {"class": "read-along-controls", "role": "group", "aria-label": said["controls"], "hidden": ""}
    )
    for name in ("previous", "play", "next"):
        etree.SubElement(group, "button", {"type": "button", "id": f"read-along-{name}"}).text = said[name]
    if word_switch:
        switch = etree.SubElement(group, "label", {"class": "read-along-words"})
        etree.SubElement(switch, "input", {"type": "checkbox", "id": "read-along-words", "checked": "checked"})
        etree.SubElement(switch, "span").text = said["words"]
    etree.SubElement(section, "p", {"id": "read-along-status", "class": "read-along-status", "hidden": ""})
    etree.SubElement(section, "p", {"class": "read-along-hint", "hidden": ""}).text = said["hint"]
    return section


def render(doc: Document, options: Options, narration: Narration, audio_href: str) -> str:
    """The read-along page as a string: the text with every sentence timed, the player and the script."""
    lang = options.lang or doc.meta.lang
    css = document_css(options.theme, options.css) + html.QUOTE_CSS + PAGE_CSS
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
    etree.SubElement(body, "script").text = SCRIPT
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html") + "\n"


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
