"""The locked-down WeasyPrint fetcher: our own images, data: URLs and files under allowed folders, never the network."""

from __future__ import annotations

import mimetypes
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from convert.errors import ConvertWarning
from convert.images import Image, check, decode_data_url, describe
from convert.limits import MAX_IMAGE_BYTES
from convert.local_files import Refused, local_file
from convert.source import read_limited

REFUSED = "refused by accessconvert"
"""Marks our refusals in WeasyPrint's own log, so they are reported once, by us."""
IMAGE_SCHEME = "accessconvert-image"
"""The document's images, already checked by convert.images, are served under IMAGE_SCHEME:<digest><ext>."""


class RefusedResource(ValueError):
    """A resource the fetcher will not serve; WeasyPrint treats it as a failed load and carries on."""


class LockedFetcher(URLFetcher):
    """Serves the document's checked images, image data: URLs and files under the given folders; nothing else."""

    def __init__(self, roots: Iterable[Path], images: Mapping[str, Image] | None = None) -> None:
        # No handlers are ever used for the network: fetch() below never calls the opener for http(s) or ftp.
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, timeout=1)
        self.roots = tuple(dict.fromkeys(Path(root).resolve() for root in roots))
        self.images = images if images is not None else {}
        """IMAGE_SCHEME URL -> the checked image it stands for."""
        self.refused: list[str] = []
        """Every URL refused, in order, for callers that want more than the warnings."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """The resource at url, if it is a data: URL or a file under one of the roots; else a refusal."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == IMAGE_SCHEME and url in self.images:
            image = self.images[url]
            return URLFetcherResponse(url, image.data, {"Content-Type": image.media_type})
        if scheme == "data":
            # Through the one image path, as every writer's images: decoded, checked, SVG sanitised.
            try:
                image = check(decode_data_url(url)[1], "image")
            except Refused as refusal:
                self._refuse(url, str(refusal))
            return URLFetcherResponse(url, image.data, {"Content-Type": image.media_type})
        # Everything else by the one local-only policy: a file under one of the roots, or a refusal.
        try:
            path = local_file(url, None, self.roots)
        except Refused as refusal:
            self._refuse(url, str(refusal))
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = read_limited(path, MAX_IMAGE_BYTES, "resource")
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": kind})

    def _refuse(self, url: str, reason: str) -> NoReturn:
        self.refused.append(url)
        warnings.warn(f"refused {describe(url)}: {reason}", ConvertWarning, stacklevel=3)
        raise RefusedResource(f"{REFUSED}: {url}")
