"""A bundle's index page: what the document is, each edition and file, the audio with its transcript, how to check."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from lxml import etree

import convert
from convert.bundles.archive import CONFORMANCE, CREDITS, INDEX, SUMS, safe_name
from convert.bundles.parts import Member, Missing
from convert.labels import has_label, label
from convert.limits import size
from convert.model import Document, Meta, Paragraph
from convert.registry import FileKind
from convert.themes import page_file, theme_css
from convert.walk import plain_text
from convert.writers.html import element, head

Element = etree._Element
E = element
"""The page's elements are made as the HTML writer makes its own."""
# The formats describe themselves in English (registry.FileKind), so the page around them is English too.
PAGE_LANG = "en"


def _words(key: str, **values: str) -> str:
    return label(key, PAGE_LANG).format(**values)


def _linked(key: str, **links: Element) -> list[Element | str]:
    """The label's text with each {name} replaced by the element given for it (a link inside a sentence)."""
    parts = re.split(r"\{(\w+)\}", label(key, PAGE_LANG))
    return [links[part] if i % 2 else part for i, part in enumerate(parts) if i % 2 or part]


def _edition_words(prefix: str, edition: str) -> str | None:
    key = f"{prefix}-{edition}"
    return label(key, PAGE_LANG) if has_label(key, PAGE_LANG) else None


def _css(theme: str) -> str:
    return theme_css(theme) + "\n" + page_file("index.css")


def _language(tag: str) -> str:
    key = f"language-{tag.split('-')[0].lower()}"
    return f"{label(key, PAGE_LANG)} ({tag})" if has_label(key, PAGE_LANG) else tag


def _lang(doc_lang: str) -> str | None:
    """A lang attribute for document text inside the page, when it is in another language."""
    return None if doc_lang.split("-")[0].lower() == PAGE_LANG else doc_lang


def _summary(doc: Document) -> str:
    if doc.meta.description:
        return doc.meta.description
    first = next((b for b in doc.blocks if isinstance(b, Paragraph)), None)
    return plain_text(first) if first is not None else ""


def transcript(vtt: str) -> list[str]:
    """The text of each cue of a WebVTT file, in order."""
    cues: list[str] = []
    for block in re.split(r"\n\s*\n", vtt.replace("\r\n", "\n")):
        lines = block.strip().splitlines()
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        text = " ".join(line.strip() for line in lines[timing + 1 :] if line.strip())
        text = re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        if text:
            cues.append(text)
    return cues


def index_page(
    doc: Document, members: list[Member], missing: list[Missing], editions: list[str], theme: str, *,
    conformance: bool = False,
) -> str:  # fmt: skip
    """The bundle's landing page: what the document is, each edition and format, the audio, and how to check it."""
    lang = doc.meta.lang
    title = _words("bundle-title", title=doc.meta.title)
    top = E(
        "header", None, E("p", {"class": "kicker"}, _words("bundle")), E("h1", {"lang": _lang(lang)}, doc.meta.title)
    )
    if doc.meta.subtitle:
        top.append(E("p", {"class": "subtitle", "lang": _lang(lang)}, doc.meta.subtitle))
    if doc.meta.dateline or doc.meta.date:
        top.append(E("p", {"class": "dateline"}, ", ".join(p for p in (doc.meta.dateline, doc.meta.date) if p)))
    main = E("main", {"id": "main", "tabindex": "-1"})
    about = E("section", {"aria-labelledby": "about"}, E("h2", {"id": "about"}, _words("bundle-about")))
    summary = _summary(doc)
    if summary:
        about.append(E("p", {"lang": _lang(lang)}, summary))
    about.append(E("p", None, _words("bundle-offline")))
    main.append(about)
    for edition in editions:
        main.append(_edition_section(edition, lang, [m for m in members if m.edition == edition], missing))
    main.append(_how_to_open_section(members))
    main.append(_checking_section(conformance))
    return _page(title, lang, theme, top, main)


def combined_index(bundles: list[tuple[str, str, str]]) -> str:
    """The page of a zip of several bundles: a link to each (folder, title, language) bundle's own index page."""
    items = E("ul")
    for folder, title, lang in bundles:
        items.append(E("li", None, E("a", {"href": f"{folder}/{INDEX}", "lang": _lang(lang)}, title)))
    main = E("main", {"id": "main", "tabindex": "-1"}, E("h1", None, _words("bundles")))
    main.append(E("p", None, _words("bundles-intro")))
    main.append(items)
    main.append(E("p", None, *_linked("bundles-sums", sums=E("a", {"href": SUMS}, SUMS))))
    return _page(_words("bundles"), PAGE_LANG, "default", main)


def _page(title: str, lang: str, theme: str, *parts: Element) -> str:
    head_element = head(Document(Meta(title=title, lang=lang)), convert.Options(), _css(theme))
    body = E("body", None, E("a", {"class": "skip-link", "href": "#main"}, label("skip", PAGE_LANG)), *parts)
    root = E("html", {"lang": PAGE_LANG, "dir": "ltr"}, head_element, body)
    # libxml2's HTML serialiser predates <track> and would close it; a void element takes no end tag.
    text = etree.tostring(root, encoding="unicode", method="html", pretty_print=True)
    return "<!DOCTYPE html>\n" + text.replace("</track>", "")


def _edition_section(edition: str, lang: str, members: list[Member], missing: list[Missing]) -> Element:
    ident = f"edition-{safe_name(edition)}"
    heading = _edition_words("edition", edition) or edition
    section = E("section", {"aria-labelledby": ident}, E("h2", {"id": ident}, heading))
    note = _edition_words("edition-note", edition)
    if note:
        section.append(E("p", None, note))
    if members:
        caption = _edition_words("edition-files", edition) or edition
        table = E("table", None, E("caption", None, caption))
        columns = ("format", "file", "size", "language", "good-for", "how-to-open")
        header = (E("th", {"scope": "col"}, _words(f"column-{c}")) for c in columns)
        table.append(E("thead", None, E("tr", None, *header)))
        rows = E("tbody")
        for member in members:
            link = E("a", {"href": member.name, "class": "file-name"}, member.name)
            opener = E(
                "a", {"href": f"#open-{_kind_id(member.kind)}"}, _words("how-to-open-a", title=member.kind.title)
            )
            cells = (link, size(member.path.stat().st_size), _language(lang), member.kind.good_for, opener)
            rows.append(E("tr", None, E("th", {"scope": "row"}, member.kind.title), *(E("td", None, c) for c in cells)))
        table.append(rows)
        section.append(E("div", {"class": "table-wrap"}, table))
    else:
        section.append(E("p", None, _words("edition-empty")))
    left_out = [m for m in missing if m.edition == edition]
    if left_out:
        box = E("div", {"class": "missing"}, E("h3", None, _words("not-included")))
        items = E("ul")
        for item in left_out:
            items.append(
                E("li", None, _words("could-not-be-made", format=_format_title(item.format), reason=item.reason))
            )
        box.append(items)
        section.append(box)
    for member in members:
        if member.kind.audio:
            section.append(_player(member, members, edition, lang))
    return section


def _player(audio: Member, members: list[Member], edition: str, lang: str) -> Element:
    ident = f"listen-{safe_name(edition)}"
    section = E("section", {"aria-labelledby": ident}, E("h3", {"id": ident}, _words("listen")))
    player = E("audio", {"controls": "controls", "preload": "metadata", "src": audio.name})
    vtt_name = str(PurePosixPath(audio.name).with_suffix(".vtt"))
    captions = next((m for m in members if m.name == vtt_name), None)
    if captions is not None:
        track = {"kind": "captions", "src": captions.name, "srclang": lang, "label": _words("transcript")}
        player.append(E("track", track))
        player[-1].set("default", "default")
    player.append(E("a", {"href": audio.name}, _words("download-narration", name=audio.name)))
    section.append(player)
    if captions is not None:
        cues = transcript(captions.path.read_text(encoding="utf-8", errors="replace"))
        details = E("details", None, E("summary", None, _words("narration-transcript")))
        text = E("div", {"lang": _lang(lang)}, *(E("p", None, cue) for cue in cues))
        details.append(text)
        section.append(details)
    return section


def _format_title(name: str) -> str:
    chosen = convert.registry.writers().get(name)
    return f"{chosen.title} ({name})" if chosen is not None else name


def _kind_id(kind: FileKind) -> str:
    return safe_name(kind.suffix.strip(".").replace(".", "-")).lower()


def _how_to_open_section(members: list[Member]) -> Element:
    section = E(
        "section", {"aria-labelledby": "how-to-open"}, E("h2", {"id": "how-to-open"}, _words("how-to-open-each"))
    )
    seen: list[FileKind] = []
    for member in members:
        if member.kind not in seen:
            seen.append(member.kind)
    for kind in seen:
        section.append(E("h3", {"id": f"open-{_kind_id(kind)}"}, kind.title))
        # The formats' phrases are English: "for printing" reads "Good for printing."
        good = f"Good {kind.good_for}." if kind.good_for.startswith("for ") else kind.good_for.capitalize() + "."
        section.append(E("p", None, good))
        steps = E("ul")
        for device, how in kind.how_to_open:
            steps.append(E("li", None, E("strong", None, f"{device}:"), f" {how}"))
        section.append(steps)
    return section


def _checking_section(conformance: bool = False) -> Element:
    section = E("section", {"aria-labelledby": "checking"}, E("h2", {"id": "checking"}, _words("check-files")))
    section.append(E("p", None, *_linked("sums-intro", sums=E("a", {"href": SUMS}, SUMS))))
    steps = E("ul")
    for device, command, after in (
        ("Linux", "sha256sum -c SHA256SUMS", _words("sums-linux")),
        ("Mac", "shasum -a 256 -c SHA256SUMS", _words("sums-mac")),
        ("Windows", "Get-FileHash FILE", _words("sums-windows")),
        (_words("sums-ours"), "accessconvert verify BUNDLE.zip", ""),
    ):
        steps.append(E("li", None, E("strong", None, f"{device}:"), " ", E("code", None, command), after))
    section.append(steps)
    section.append(E("p", None, *_linked("credits-line", credits=E("a", {"href": CREDITS}, CREDITS))))
    if conformance:
        report = E("a", {"href": CONFORMANCE}, _words("conformance-link"))
        section.append(E("p", None, *_linked("conformance-line", report=report)))
    return section
