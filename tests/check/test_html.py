"""axe-core on pages (convert/check/html.py): it finds what a page lacks, and names where."""

from __future__ import annotations

from convert.check import FileResult
from convert.check.report import text_lines
from tests.check.samples import rules


def test_axe_finds_an_image_without_alt(samples: dict[str, FileResult]) -> None:
    assert "image-alt" in rules(samples["no-alt.html"], "axe-core")


def test_findings_name_file_location_rule_and_what_to_do(samples: dict[str, FileResult]) -> None:
    lines = text_lines([samples["no-alt.html"]])
    line = next(line for line in lines if "image-alt" in line)
    assert line.startswith(f"{samples['no-alt.html'].path}: ") and "img" in line and " -- " in line
    assert lines[-1].startswith("checked 1 file: 1 failed; axe-core 1 error")
