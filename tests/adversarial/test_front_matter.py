"""YAML front matter from a hostile or careless author: bombs, impossible values, values of the wrong kind (C1, M9, m7).

Every case is refused with one InputError naming the file and the line, before any work is done, or read
as the model means it; none may hang, grow without bound or end in an unexpected exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.errors import InputError
from convert.limits import MAX_DEPTH, MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_VALUES
from tests.adversarial.hostile import MB, billion_laughs, markdown, run


def mapping_laughs(levels: int = 6, width: int = 10) -> str:
    """The same bomb made of mappings: each level a mapping of width keys, all aliases of the level below."""
    lines = ["m0: &m0 {" + ", ".join(f"k{k}: {k}" for k in range(width)) + "}"]
    for level in range(1, levels):
        lines.append(f"m{level}: &m{level} {{" + ", ".join(f"k{k}: *m{level - 1}" for k in range(width)) + "}")
    return "\n".join(lines) + "\n"


BOMBS = {
    # C1: nested aliases used as the title, the author, or a key the model does not even have.
    "laughs-as-title": billion_laughs() + "title: *l8\n",
    "laughs-as-author": billion_laughs() + "author: *l8\n",
    "laughs-unused": billion_laughs() + "ignored: *l8\ntitle: T\n",
    "laughs-in-mappings": mapping_laughs() + "title: *m5\n",
    "self-reference": "a: &a [*a]\ntitle: *a\n",
    "mapping-self-reference": "a: &a {b: *a}\ntitle: *a\n",
    "merge-of-laughs": billion_laughs() + "<<: {title: *l8}\n",
}


@pytest.mark.parametrize("name", BOMBS)
def test_alias_bombs_are_refused_before_they_expand(name: str, tmp_path: Path) -> None:
    source = tmp_path / "bomb.md"
    source.write_text(markdown(BOMBS[name]), encoding="utf-8")
    # Under 400 MB of address space and 30 CPU seconds: expanding any of these takes gigabytes, or never ends.
    result = run(source, "--out", tmp_path / "out", memory=400 * MB, cpu=30)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and f"{source}:" in result.stderr
    assert "expands to more than" in result.stderr and f"{MAX_FRONT_MATTER_VALUES:,}" in result.stderr
    assert not (tmp_path / "out").exists()


def read(tmp_path: Path, front_matter: str, body: str = "Some text.\n") -> convert.Document:
    source = tmp_path / "doc.md"
    source.write_text(markdown(front_matter, body), encoding="utf-8")
    return convert.read(source)


def refusal(tmp_path: Path, front_matter: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read(tmp_path, front_matter)
    return caught.value


def test_nesting_deeper_than_the_limit_is_refused_with_its_line(tmp_path: Path) -> None:
    deep = MAX_DEPTH + 1
    flows = [
        "[" * deep + "]" * deep,
        "{a: " * deep + "1" + "}" * deep,
        "[{a: " * (deep // 2) + "1" + "}]" * (deep // 2),
    ]
    for value in flows:
        error = refusal(tmp_path, f"title: T\nx: {value}\n")
        assert error.line == 3 and f"nested more than {MAX_DEPTH} levels" in str(error), str(error)
    # Block style nests the same way.
    block = "".join(f"{'  ' * n}k{n}:\n" for n in range(deep)) + "  " * deep + "v\n"
    error = refusal(tmp_path, "title: T\n" + block)
    assert "nested more than" in str(error) and error.line is not None


def test_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 2
    doc = read(tmp_path, "title: Kept\nx: " + "[" * depth + "]" * depth + "\n")
    assert doc.meta.title == "Kept"


def test_front_matter_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    error = refusal(tmp_path, "title: T\nnotes: " + "x" * MAX_FRONT_MATTER_BYTES + "\n")
    assert "front matter is larger than" in str(error) and error.line == 1


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("2024-02-30", "date"),
        ("2023-02-29", "date"),
        ("2024-13-01", "date"),
        ("2024-04-31 10:00:00", "date"),
        ("2024-01-01 25:61:00", "date"),
        ("!!timestamp 2024-00-10", "date"),
        ("!!int 1" + "0" * 5000, "number"),
        ("1" + "0" * 5000, "number"),
    ],
)
def test_impossible_values_are_one_clear_error_with_the_line(value: str, kind: str, tmp_path: Path) -> None:
    error = refusal(tmp_path, f"title: T\nlang: en\ndate: {value}\n")
    assert error.line == 4, str(error)
    assert f"is not a valid {kind}" in str(error) and str(error).startswith(f"{tmp_path / 'doc.md'}:4:")
    assert len(str(error)) < 300


@pytest.mark.parametrize(
    ("front_matter", "field", "line"),
    [
        ("title: {a: 1}\n", "title", 2),
        ("title: [a, b]\n", "title", 2),
        ("title: T\nlang: [en, fr]\n", "lang", 3),
        ("title: T\nlang: {en: 1}\n", "lang", 3),
        ("title: T\nauthor: {name: Ada}\n", "author", 3),
        ("title: T\nauthors: [[Ada, Bob]]\n", "authors", 3),
        ("title: T\ndescription: [x]\n", "description", 3),
        ("title: T\nsubtitle: {x: y}\n", "subtitle", 3),
        ("title: T\nsource: [http://a, http://b]\n", "source", 3),
        ("title: T\ndate: [2024-01-01]\n", "date", 3),
        ("title: true\n", "title", 2),
    ],
)
def test_values_of_the_wrong_kind_are_refused_not_printed_as_python(
    front_matter: str, field: str, line: int, tmp_path: Path
) -> None:
    error = refusal(tmp_path, front_matter)
    assert error.line == line and f"front matter: {field} must be" in str(error)
    assert "{'" not in str(error) and "['" not in str(error)


@pytest.mark.parametrize("lang", ["english", "en fr", "a<b", 'en" injected="yes', "en us", "e", "123", "en-", "-en"])
def test_language_that_is_not_a_tag_is_refused_with_its_line(lang: str, tmp_path: Path) -> None:
    quoted = '"' + lang.replace("\\", "\\\\").replace('"', '\\"').replace("\u0001", "\\x01") + '"'
    error = refusal(tmp_path, f"title: T\nlang: {quoted}\n")
    assert error.line == 3 and "is not a language tag" in str(error)


def test_well_typed_front_matter_is_read_as_written(tmp_path: Path) -> None:
    doc = read(
        tmp_path,
        "defaults: &d {subtitle: From an anchor}\n<<: *d\ntitle: 2024\nlang: pt_BR\nauthor: [Ada, 7]\n"
        "date: 2024-02-29\ndescription: 3.5\n",
    )
    assert doc.meta.title == "2024" and doc.meta.lang == "pt-BR" and doc.meta.authors == ("Ada", "7")
    assert doc.meta.date == "2024-02-29" and doc.meta.description == "3.5" and doc.meta.subtitle == "From an anchor"


def test_characters_xml_cannot_hold_are_cleaned_from_values_first(tmp_path: Path) -> None:
    doc = read(tmp_path, 'title: "Ti\\x01tle\\x1b"\nlang: "en\\x01"\nauthor: ["A\\x00da"]\n')
    assert (doc.meta.title, doc.meta.lang, doc.meta.authors) == ("Title", "en", ("Ada",))
