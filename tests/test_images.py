"""The one image path: data: URLs decoded as browsers do, bytes told by what they are, budgets, messages."""

from __future__ import annotations

import base64
import warnings
from pathlib import Path

import pytest

from convert import images
from convert.images import Image, Loader, Refused, decode_data_url, describe, sniff
from convert.model import Figure
from tests.adversarial.hostile import data_url, png, png_claiming

PNG = png()


@pytest.mark.parametrize(
    "url",
    [
        data_url(PNG),
        data_url(PNG).rstrip("="),  # padding is optional
        "data:image/png;base64," + "\n".join(base64.b64encode(PNG).decode()[i : i + 10] for i in range(0, 200, 10)),
        "  DATA:Image/PNG;Base64," + base64.b64encode(PNG).decode(),
        "data:image/png;charset=x;base64," + base64.b64encode(PNG).decode(),
    ],
)
def test_data_urls_decode_as_browsers_read_them(url: str) -> None:
    kind, data = decode_data_url(url)
    assert kind == "image/png" and data == PNG[: len(data)] and data.startswith(b"\x89PNG")


@pytest.mark.parametrize("payload", ["A", "AAAAA", "@@@@", "AA=A", "A===", "%%%"])
def test_damaged_base64_is_refused(payload: str) -> None:
    with pytest.raises(Refused, match="base64"):
        decode_data_url(f"data:image/png;base64,{payload}")


def test_bytes_are_told_by_what_they_are() -> None:
    assert sniff(PNG) == "image/png" and sniff(b"\xff\xd8\xff\xe0") == "image/jpeg" and sniff(b"GIF89a") == "image/gif"
    assert sniff(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp" and sniff(b'<?xml?><svg xmlns="x"/>') == "image/svg+xml"
    assert sniff(b"<html>") is None and sniff(b"BM") is None and sniff(b"") is None


def test_the_pixel_count_is_judged_from_the_header() -> None:
    with pytest.raises(Refused, match="pixels"):
        images.check(png_claiming(20_000, 20_000), "bomb.png")
    assert images.check(PNG, "ok.png").width == 4


def test_each_refusal_is_said_once_per_writer(tmp_path: Path) -> None:
    loader = Loader(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(3):
            assert loader.load("missing.png") is None
    assert len(caught) == 1 and "'missing.png' left out" in str(caught[0].message)


def test_types_a_writer_cannot_show_are_refused_in_its_words(tmp_path: Path) -> None:
    svg = data_url(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml")
    loader = Loader(tmp_path, frozenset({"image/png"}), "Word cannot show")
    with pytest.warns(match="image/svg\\+xml, which Word cannot show"):
        assert loader.load(svg) is None
    assert isinstance(loader.load(data_url(PNG)), Image)


def test_a_document_has_an_image_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_DOCUMENT_IMAGE_BYTES", len(PNG) + 10)
    loader = Loader(tmp_path)
    assert loader.load(data_url(PNG)) is not None
    assert loader.load("DATA" + data_url(PNG)[4:]) is not None  # the same picture again costs nothing more
    with pytest.warns(match="would pass"):
        assert loader.load(data_url(png(5, 5))) is None


def test_messages_never_quote_a_whole_data_url() -> None:
    url = data_url(PNG * 1000)
    assert len(describe(url)) < 60 and "image/png" in describe(url) and "kB" in describe(url)
    assert describe("x\n\x1b[31m.png") == repr("x\n\x1b[31m.png")


def test_the_missing_image_text_is_the_same_for_every_writer() -> None:
    assert images.missing_image_text(Figure("x", "A map"), "en") == "Image not available: A map"
    assert images.missing_image_text(Figure("x", ""), "fr") == "Image non disponible: Image sans description"
