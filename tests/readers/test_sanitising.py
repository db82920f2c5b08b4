"""Hostile HTML and Markdown: nothing active survives and nothing is fetched (a local server counts requests)."""

from __future__ import annotations

import http.server
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

import convert
from convert.errors import ConvertWarning
from convert.model import Figure, Link
from convert.registry import writers
from convert.walk import plain_text, query

# Formats that render text; audio has no markup to carry anything active.
RENDERED = [name for name, spec in writers().items() if spec.extension in (".html", ".pdf", ".docx", ".epub")]


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - shared on purpose: the test reads what the server saw

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that records every request it gets."""
    _Counter.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Counter.requests
    httpd.shutdown()
    httpd.server_close()


def hostile_html(base: str) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head>
<link rel="stylesheet" href="{base}/style.css"><script src="{base}/head.js"></script>
<meta http-equiv="refresh" content="0; url={base}/refresh"><base href="{base}/">
<style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png") }}</style>
</head><body onload="fetch('{base}/onload')"><article><h1>Safe title</h1>
<p>Kept text<script>fetch("{base}/inline.js")</script> and <a href="javascript:fetch('{base}/js')">a link text</a>.</p>
<p style="background:url({base}/style-attr.png)" onclick="alert(1)" onmouseover="x()">Styled.</p>
<iframe src="{base}/frame"></iframe><object data="{base}/object"></object><embed src="{base}/embed">
<img src="{base}/remote.png" alt="remote" onerror="alert(1)">
<img src="//127.0.0.1/protocol-relative.png" alt="relative">
<picture><source srcset="{base}/source.png">
<img src="local.png" alt="Local picture" srcset="{base}/srcset.png 2x"></picture>
<video poster="{base}/poster.png" src="{base}/video.mp4"></video><audio src="{base}/audio.mp3"></audio>
<form action="{base}/form"><input name="q" value="typed"><button formaction="{base}/b">Go</button></form>
<svg><image href="{base}/svg.png"/><script>alert(1)</script></svg>
<a href="vbscript:msgbox(1)">vb</a> <a href=" java&#9;script:alert(1)">tabbed</a>
<a href="data:text/html,<script>alert(1)</script>">data</a>
<template><img src="{base}/template.png"></template><noscript><img src="{base}/noscript.png"></noscript>
<p hidden>Hidden text.</p>
</article></body></html>"""


def hostile_markdown(base: str) -> str:
    return f"""# Safe title

Kept text <script>fetch("{base}/inline.js")</script> and <a href="javascript:alert(1)">a link text</a>.
[Not a link](javascript:void) stays words.

![remote]({base}/remote.png)

<iframe src="{base}/frame"></iframe>

<img src="{base}/raw.png" alt="raw" onerror="alert(1)"> <link rel="stylesheet" href="{base}/style.css">

<p onclick="alert(1)" style="background:url({base}/style-attr.png)">Styled.</p>
"""


@pytest.fixture(scope="module", params=["html", "markdown"])
def hostile(request: pytest.FixtureRequest, server: tuple[str, list[str]], tmp_path_factory: pytest.TempPathFactory):
    """A hostile source file beside a harmless local image, read once."""
    base, _ = server
    folder = tmp_path_factory.mktemp(request.param)
    (folder / "local.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )
    suffix = ".html" if request.param == "html" else ".md"
    source = folder / f"hostile{suffix}"
    source.write_text((hostile_html if request.param == "html" else hostile_markdown)(base), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = convert.read(source)
    return source, doc, [str(w.message) for w in caught if issubclass(w.category, ConvertWarning)]


def test_only_content_survives(hostile, server: tuple[str, list[str]]) -> None:
    _, doc, _ = hostile
    base, _ = server
    text = plain_text(doc).replace("[Not a link](javascript:void)", "")
    everything = " ".join([text, *(link.url for link in query(doc, Link)), *(f.src for f in query(doc, Figure))])
    for word in ("script", "alert", "fetch", "onload", "onclick", "javascript", "vbscript", "typed", "Hidden", base):
        assert word not in everything, f"{word!r} survived reading"
    assert "Kept text" in everything and "a link text" in everything and "Styled." in everything
    assert all(not link.url.lower().startswith(("javascript", "vbscript", "data")) for link in query(doc, Link))


def test_remote_images_are_dropped_and_reported(hostile, server: tuple[str, list[str]]) -> None:
    source, doc, messages = hostile
    base, _ = server
    assert all(not figure.src.startswith(("http", "//")) for figure in query(doc, Figure))
    assert any(f"{base}/remote.png" in m and "dropped" in m and str(source) in m for m in messages)


@pytest.mark.parametrize("name", RENDERED)
def test_nothing_is_fetched_when_writing(name: str, hostile, server: tuple[str, list[str]], tmp_path: Path) -> None:
    source, doc, _ = hostile
    base, requests = server
    target = tmp_path / f"out{writers()[name].extension}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvertWarning)
        convert.write(doc, target, to=name, resource_dir=source.parent)
    assert target.stat().st_size > 0
    if name == "html":
        page = etree.parse(str(target), etree.HTMLParser()).getroot()
        assert not page.xpath("//script[not(@type='application/ld+json')] | //iframe | //object | //embed | //form")
        assert not [a for e in page.iter() if isinstance(e.tag, str) for a in e.attrib if a.lower().startswith("on")]
        assert base not in target.read_text(encoding="utf-8")
    assert requests == [], f"the converter fetched {requests}"
