"""The local-only policy: which file a reference may be read from (never the network, never outside its folders)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Refused(ValueError):
    """A resource that is not used; the message says why, as the end of a sentence ("it is outside ...")."""


def local_file(src: str, base: Path | None, roots: Iterable[Path] | None = None) -> Path:
    """The file src names, if the local-only policy lets it be read; Refused for anything else.

    src is a name relative to base, or a file: URL on this machine (no host, or "localhost"); anything with
    another scheme or a host is the network and is refused. The file must exist and lie, with every link
    followed, under one of roots (base itself when roots are not given). Every writer's images (through
    convert.images), the user's CSS fonts and the PDF renderer's fetcher all read local files only through here.
    """
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        raise Refused("it is not a well-formed address") from None
    if parts.scheme.lower() not in ("", "file") or parts.netloc.lower() not in ("", "localhost"):
        raise Refused("only files beside the source document are used, never the network")
    name = unquote(parts.path)
    folders = list(roots) if roots is not None else [base] if base is not None else []
    if not folders or (base is None and not name.startswith("/")):
        raise Refused("the document has no source folder to take it from")
    if "\x00" in name:
        raise Refused("its name holds a NUL byte")
    try:
        allowed = [folder.resolve() for folder in folders]
        candidate = ((base.resolve() if base is not None else Path("/")) / name).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a name too long for the system
        raise Refused(f"it cannot be followed ({reason(error)})") from None
    if not any(candidate.is_relative_to(folder) for folder in allowed):
        raise Refused("it is outside the source document's folder")
    try:
        if not candidate.is_file():
            raise Refused(f"it is not found in {base.resolve() if base is not None else candidate.parent}")
    except OSError as error:
        raise Refused(f"it cannot be read ({reason(error)})") from None
    return candidate


def reason(error: BaseException) -> str:
    """The words of an OS error ("No such file or directory"), else its text, else its type's name."""
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
