"""The locked-down WeasyPrint fetcher: data: URLs and files under allowed folders only, never the network."""

from __future__ import annotations

import mimetypes
import warnings
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import DataHandler, Request, url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from convert.errors import ConvertWarning

REFUSED = "refused by accessconvert"
"""Marks our refusals in WeasyPrint's own log, so they are reported once, by us."""


class RefusedResource(ValueError):
    """A resource the fetcher will not serve; WeasyPrint treats it as a failed load and carries on."""


class LockedFetcher(URLFetcher):
    """Serves data: URLs and files under the given folders; refuses everything else without connecting."""

    def __init__(self, roots: Iterable[Path]) -> None:
        # No handlers are ever used for the network: fetch() below never calls the opener for http(s) or ftp.
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, timeout=1)
        self.roots = tuple(dict.fromkeys(Path(root).resolve() for root in roots))
        self.refused: list[str] = []
        """Every URL refused, in order, for callers that want more than the warnings."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """The resource at url, if it is a data: URL or a file under one of the roots; else a refusal."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            response = DataHandler().data_open(Request(url))
            return URLFetcherResponse(url, response.read(), dict(response.headers.items()))
        if scheme != "file":
            self._refuse(url, "only files beside the source document are used, never the network")
        if parts.netloc not in ("", "localhost"):
            self._refuse(url, "files on other machines are never fetched")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            self._refuse(url, "it is outside the source document's folder")
        if not path.is_file():
            raise FileNotFoundError(f"{path} does not exist")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})

    def _refuse(self, url: str, reason: str) -> None:
        self.refused.append(url)
        warnings.warn(f"refused {url!r}: {reason}", ConvertWarning, stacklevel=3)
        raise RefusedResource(f"{REFUSED}: {url}")
