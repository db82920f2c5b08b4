"""The PDF renderer's fetcher: the document's checked images, image data: URLs and files under its folders only."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from convert.images import check
from convert.local_files import Refused, local_file
from convert.pdf_fetcher import IMAGE_SCHEME, REFUSED, LockedFetcher, RefusedResource
from tests.adversarial.hostile import data_url, png

PNG = png()


@pytest.mark.parametrize(
    "name",
    ["inside.png", "../secret.png", "http://127.0.0.1:9/x.png", "file://host/x.png", "missing.png", "a%00.png"],
)
def test_the_pdf_fetcher_decides_as_the_policy_does(tmp_path: Path, name: str) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "inside.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    url = name if ":" in name else (source / name).as_uri() if "%" not in name else f"{source.as_uri()}/{name}"
    try:
        expected: str | None = str(local_file(url, None, [source]))
    except Refused as refusal:
        expected = None
        why = str(refusal)
    fetcher = LockedFetcher([source])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if expected is None:
            with pytest.raises(RefusedResource):
                fetcher.fetch(url)
            assert [str(w.message).endswith(why) for w in caught] == [True]
            assert fetcher.refused == [url]
        else:
            response = fetcher.fetch(url)
            assert response.url == Path(expected).as_uri() and not caught
    assert (expected is not None) == (name == "inside.png")


def test_the_documents_images_are_served_from_memory() -> None:
    image = check(PNG, "a.png")
    url = f"{IMAGE_SCHEME}:{image.digest}{image.extension}"
    response = LockedFetcher([], {url: image}).fetch(url)
    assert response.read() == image.data and response.content_type == "image/png"


def test_data_urls_go_through_the_image_check() -> None:
    fetcher = LockedFetcher([])
    assert fetcher.fetch(data_url(PNG)).url.startswith("data:")
    with warnings.catch_warnings(record=True) as caught, pytest.raises(RefusedResource, match=REFUSED):
        warnings.simplefilter("always")
        fetcher.fetch(data_url(b"<script>alert(1)</script>", "text/html"))
    assert len(caught) == 1 and "refused" in str(caught[0].message)
    # An image: URL the document did not give is refused, not looked up anywhere else.
    with warnings.catch_warnings(record=True), pytest.raises(RefusedResource):
        warnings.simplefilter("always")
        fetcher.fetch(f"{IMAGE_SCHEME}:unknown.png")
