"""What a bundle holds: its members (one output file each), the formats left out, and the zip that was written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from convert.registry import FileKind


@dataclass(frozen=True, slots=True)
class Member:
    """One output file in a bundle."""

    edition: str
    """The edition it belongs to."""
    kind: FileKind
    """What kind of file it is, as its writer describes it."""
    path: Path
    """The file on disk."""
    name: str
    """Its safe name inside the bundle's folder."""


@dataclass(frozen=True, slots=True)
class Missing:
    """A format that failed and is left out of a bundle."""

    edition: str
    """The edition it belongs to."""
    format: str
    """The format's name."""
    reason: str
    """What went wrong, one line."""


@dataclass(frozen=True, slots=True)
class Bundle:
    """A zip that was written."""

    path: Path
    """The zip file."""
    names: tuple[str, ...]
    """Every entry, in order."""
    missing: tuple[Missing, ...] = ()
    """Formats left out because they failed (only with keep_going)."""
