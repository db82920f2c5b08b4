"""Which resources (images, fonts) a document may use: local files under its folder, never the network."""

from __future__ import annotations

import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit

from convert.errors import ConvertWarning


def local_resource(src: str, base: Path | None) -> Path | None:
    """The file src names under base; None (with a warning naming src) for anything else."""
    parts = urlsplit(src)
    if parts.scheme not in ("", "file") or parts.netloc:
        warnings.warn(
            f"refused {src!r}: only files beside the source document are used, never the network",
            ConvertWarning,
            stacklevel=2,
        )
        return None
    if base is None:
        warnings.warn(
            f"refused {src!r}: the document has no source folder to take it from", ConvertWarning, stacklevel=2
        )
        return None
    root = base.resolve()
    candidate = (root / unquote(parts.path)).resolve()
    if not candidate.is_relative_to(root):
        warnings.warn(f"refused {src!r}: it is outside the source document's folder", ConvertWarning, stacklevel=2)
        return None
    if not candidate.is_file():
        warnings.warn(f"image {src!r} not found in {root}", ConvertWarning, stacklevel=2)
        return None
    return candidate
