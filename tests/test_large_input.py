"""A 50 MB article converts to HTML (its memory growth is measured in make bench, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED


def test_fifty_megabyte_article_converts_to_html(tmp_path: Path) -> None:
    body = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[2:]) + "\n"
    copies = 50 * 1024 * 1024 // len(body.encode("utf-8")) + 1
    source = tmp_path / "large.txt"
    source.write_text("A large article\n" + body * copies, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "convert", str(source), "--to", "html", "--out", str(tmp_path / "out"), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "large" / "large.html").read_text(encoding="utf-8")
    assert page.count("<h2 id=") == copies * 5 + 1  # every section, and the contents list's own heading
    assert f'id="field-outreach-{copies}"' in page
