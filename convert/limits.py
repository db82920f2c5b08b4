"""The converter's resource limits, in one place: how large, how deep and how many before it says no.

Each limit is checked before the work it guards is done (the bytes read, the structure built, the image
decoded), so a hostile input is refused early and cheaply, with an InputError naming the file. The README's
"Resource limits" section states the same numbers.
"""

from __future__ import annotations

MB = 1_000_000

MAX_INPUT_BYTES = 64 * MB
"""The largest source file read; a larger one (or an endless one, such as /dev/zero) is refused."""

MAX_DEPTH = 64
"""Structure deeper than this (elements, lists, quotes, front-matter values) is read as plain text or refused."""
PARSER_DEPTH = 512
"""The depth parsers may build before the readers' own rule cuts the structure back to MAX_DEPTH."""
MARKDOWN_NESTING = 100
"""markdown-it's token nesting limit; it keeps the parser's recursion well inside Python's."""

MAX_FRONT_MATTER_BYTES = 1 * MB
"""The largest YAML front matter read."""
MAX_FRONT_MATTER_VALUES = 10_000
"""The most values front matter may hold once its aliases are expanded ("billion laughs" stops here)."""

MAX_TITLE_CHARS = 200
"""A longer title is cut at a word (with a warning); the text keeps the whole line."""

MAX_IMAGE_BYTES = 50 * MB
"""The largest image file or data: URL taken into a document."""
MAX_IMAGE_PIXELS = 50_000_000
"""The most pixels an image may have (a small file can declare a huge picture)."""
MAX_SVG_ELEMENTS = 100_000
"""The most elements an SVG image may draw, each <use> counting what it repeats."""
MAX_DOCUMENT_IMAGE_BYTES = 200 * MB
"""The most image data one document may carry, all its images together."""

MAX_PDF_TEXT_CHARS = 2_000_000
"""The most characters of text laid out as PDF (about 1,000 pages); larger documents: html, docx or epub."""

MAX_ZIP_MEMBERS = 10_000
"""The most files verify checks in one bundle."""
MAX_ZIP_MEMBER_BYTES = 1000 * MB
"""The largest file (uncompressed) verify checks inside a bundle."""
MAX_ZIP_TOTAL_BYTES = 4000 * MB
"""The most data (uncompressed) verify reads from one bundle."""
MAX_SUMS_BYTES = 16 * MB
"""The largest SHA256SUMS file verify reads."""

MAX_DOCX_BYTES = 256 * MB
"""The largest Word file read."""
MAX_DOCX_MEMBERS = 10_000
"""The most members a Word package may have."""
MAX_DOCX_XML_BYTES = 64 * MB
"""The largest XML part of a Word package, uncompressed (about 3,000 pages); reading takes some 17 times this."""
MAX_DOCX_MEMBER_BYTES = 256 * MB
"""The largest other member (a picture, an embedded object), uncompressed."""
MAX_DOCX_TOTAL_BYTES = 384 * MB
"""The most data a Word package may unpack to, all members together."""

RATE_RANGE = (0.5, 2.0)
"""The speaking rates accepted: half to twice the voice's natural speed."""


def size(count: int) -> str:
    """A byte count as people read it: "512 bytes", "34 kB", "2.1 MB"."""
    if count < 1000:
        return f"{count} bytes"
    if count < 1_000_000:
        return f"{count / 1000:.0f} kB"
    return f"{count / 1_000_000:.1f} MB"
