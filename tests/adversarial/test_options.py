"""Settings and sources from a careless or hostile caller: rates, themes, style sheets, lists, texts (M13, m12, M15).

Settings enter once (convert.options) for the command line and the API alike, and are checked there, before
any work: a wrong one is a UsageError, exit code 2, one line.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pytest

import convert
from convert.errors import InputError, UsageError
from convert.limits import MAX_INPUT_BYTES, MAX_TITLE_CHARS, RATE_RANGE
from convert.options import Options
from convert.walk import plain_text
from tests.adversarial.hostile import png, run
from tests.conftest import SEED

BAD_RATES = [0.001, 0, -1, 0.49, 2.01, 1e308, math.inf, -math.inf, math.nan, "fast", "", None, True, [1]]


@pytest.mark.parametrize("rate", BAD_RATES)
def test_rates_outside_the_sane_range_are_refused_where_options_enter(rate: object) -> None:
    with pytest.raises(UsageError, match=r"--rate must be a number from 0\.5 to 2"):
        Options(rate=rate)  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        convert.make_options(rate=rate)


@pytest.mark.parametrize("rate", [RATE_RANGE[0], 0.9, 1, "1.5", RATE_RANGE[1]])
def test_rates_inside_the_range_are_taken(rate: object) -> None:
    assert Options(rate=rate).rate == float(rate)  # type: ignore[arg-type]


@pytest.mark.parametrize("rate", ["0.001", "nan", "inf", "-inf", "1e9"])
def test_the_command_line_refuses_a_bad_rate_before_any_synthesis(rate: str, tmp_path: Path) -> None:
    done = run(SEED, "--to", "mp3", f"--rate={rate}", "--out", tmp_path / "out", cpu=30)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--rate must be" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "theme", ["../../x/evil", "/etc/passwd", "default.css", "_print", "Default", "default/../default", "", " default"]
)
def test_a_theme_is_a_name_from_the_list_never_a_path(theme: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown theme"):
        Options(theme=theme)
    done = run(SEED, "--theme", theme, "--out", tmp_path / "out")
    assert done.returncode == 2 and "unknown theme" in done.stderr and not (tmp_path / "out").exists()


def test_a_style_sheet_of_ones_own_follows_the_local_only_rules(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(png(color="red"))
    folder = tmp_path / "style"
    folder.mkdir()
    (folder / "paper.png").write_bytes(png())
    sheet = folder / "mine.css"
    sheet.write_text(
        "@import url(http://127.0.0.1:9/more.css);\n"
        "body { background: url(paper.png) }\n"
        "h1 { background: \\75 rl(http://127.0.0.1:9/track.png) }\n"
        "h2 { background: url(../secret.png) }\n"
        'p { background-image: image-set("paper.png" 1x, "http://127.0.0.1:9/2x.png" 2x) }\n'
        'q::after { content: "</style><script>alert(1)</script>" }\n',
        encoding="utf-8",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = convert.convert(SEED, ["html", "epub"], tmp_path / "out", css=sheet)
    messages = "\n".join(str(w.message) for w in caught)
    assert "@import left out" in messages and "never the network" in messages and "outside" in messages
    page = written[0].read_text(encoding="utf-8")
    assert "127.0.0.1" not in page and "secret" not in page and "</style><script>" not in page
    assert page.count('url("data:image/png;base64,') == 1 and '"data:image/png;base64,' in page


def test_format_and_edition_lists_that_name_nothing_are_refused(tmp_path: Path) -> None:
    for option in ("--to", "--edition"):
        for value in (",", " , ", ",,"):
            done = run(SEED, option, value, "--out", tmp_path / "out")
            assert done.returncode == 2 and "no " in done.stderr, (option, value, done.stderr)
    assert not (tmp_path / "out").exists()


def test_the_api_takes_one_format_or_edition_as_a_string(tmp_path: Path) -> None:
    written = convert.convert(SEED, to="html", out_dir=tmp_path, editions="full")
    assert [p.suffix for p in written] == [".html"]
    assert [p.suffix for p in convert.convert(SEED, to="html,docx", out_dir=tmp_path)] == [".html", ".docx"]
    with pytest.raises(UsageError, match="no format given"):
        convert.convert(SEED, to="", out_dir=tmp_path)


@pytest.mark.parametrize(
    "text",
    ["The cat sat. It was happy", "Version 2.0 is out", "See report.pdf", "a.txt", "x/y.md", "~", "C:\\x.txt"],
)
def test_a_string_is_a_path_only_when_it_names_an_existing_file(text: str) -> None:
    doc = convert.read(text)
    assert plain_text(doc.blocks) == text or doc.meta.title == text


def test_paths_are_still_paths(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text("The title\n\nThe text.\n", encoding="utf-8")
    assert convert.read(str(source)).meta.title == "The title" == convert.read(source).meta.title
    with pytest.raises(InputError, match="no such file"):
        convert.read(tmp_path / "absent.txt")
    for folder in (str(tmp_path), tmp_path, ".."):
        with pytest.raises(InputError, match="is a directory"):
            convert.read(folder)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\x00\x01", "x" * 5000 + "\x00"])
def test_empty_or_strange_strings_are_texts_not_paths(text: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the 5,000-character line is too long for a title: said, and fine
            doc = convert.read(text)
    except InputError as error:
        assert "'.'" not in str(error) and "the text is empty" in str(error)
    else:
        assert plain_text(doc.blocks) or doc.meta.title


def test_a_text_larger_than_the_input_limit_is_refused_at_once() -> None:
    with pytest.raises(InputError, match="largest source read"):
        convert.read("x" * (MAX_INPUT_BYTES + 1))


def test_a_one_line_text_gets_a_short_title_and_keeps_the_whole_line(tmp_path: Path) -> None:
    source = tmp_path / "line.txt"
    line = " ".join(f"word{n}" for n in range(200_000))  # about 1.5 MB, no line break
    source.write_text(line + "\n", encoding="utf-8")
    with pytest.warns(convert.ConvertWarning, match="line 1 is .* too long for a title"):
        doc = convert.read(source)
    assert len(doc.meta.title) <= MAX_TITLE_CHARS and doc.meta.title.startswith("word0 word1")
    assert doc.meta.title.endswith("…") and plain_text(doc.blocks) == line


@pytest.mark.parametrize(
    "source",
    [
        "---\ntitle: " + "Long " * 100 + "\n---\n\nText.\n",
        "# " + "Heading " * 100 + "\n\nText.\n",
    ],
)
def test_long_titles_from_markdown_are_cut_and_said(source: str, tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(source, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = convert.read(path)
    assert len(doc.meta.title) <= MAX_TITLE_CHARS and doc.meta.title.endswith("…")
    assert any("title" in str(w.message) for w in caught) or "Heading Heading" in plain_text(doc.blocks)
