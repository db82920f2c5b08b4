"""The resource limits: sizes people read, and limits that agree with each other."""

from __future__ import annotations

import pytest

from convert import limits


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1 kB"), (34_400, "34 kB"), (999_499, "999 kB"), (2_100_000, "2.1 MB")],
)
def test_sizes_are_shown_as_people_read_them(count: int, shown: str) -> None:
    assert limits.size(count) == shown


def test_the_limits_agree_with_each_other() -> None:
    # A part can never be allowed more than the whole it belongs to.
    assert limits.MAX_ZIP_MEMBER_BYTES <= limits.MAX_ZIP_TOTAL_BYTES
    assert max(limits.MAX_DOCX_XML_BYTES, limits.MAX_DOCX_MEMBER_BYTES) <= limits.MAX_DOCX_TOTAL_BYTES
    assert limits.MAX_IMAGE_BYTES <= limits.MAX_DOCUMENT_IMAGE_BYTES
    assert limits.MAX_FRONT_MATTER_BYTES <= limits.MAX_INPUT_BYTES
    # The readers flatten structure deeper than MAX_DEPTH well before the parsers' own recursion limit.
    assert limits.MAX_DEPTH < limits.MARKDOWN_NESTING < limits.PARSER_DEPTH
    low, high = limits.RATE_RANGE
    assert 0 < low < 1 < high
