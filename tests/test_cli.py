"""The command line: exit codes, errors on stderr with the file name, nothing written on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from convert.cli import main
from tests.conftest import SEED


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run accessconvert as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "convert", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    (folder / "nul.txt").write_bytes(b"Title\nline two\x00\x00\x01binary")
    (folder / "invalid.txt").write_bytes(bytes(range(128, 256)) * 4)
    (folder / "binary.txt").write_bytes(bytes(range(1, 32)) * 40)
    (folder / "article.xyz").write_text("Title\nText.\n", encoding="utf-8")
    (folder / "adir.txt").mkdir()
    return {
        "empty": folder / "empty.txt",
        "blank": folder / "blank.txt",
        "nul": folder / "nul.txt",
        "invalid": folder / "invalid.txt",
        "binary": folder / "binary.txt",
        "missing": folder / "missing.txt",
        "directory": folder / "adir.txt",
        "unknown extension": folder / "article.xyz",
    }


@pytest.mark.parametrize(
    "case", ["empty", "blank", "nul", "invalid", "binary", "missing", "directory", "unknown extension"]
)
def test_bad_input_exits_2_names_the_file_and_writes_nothing(
    case: str, bad_inputs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main([str(bad_inputs[case]), "--out", str(out), "--quiet"])
    captured = capsys.readouterr()
    assert code == 2
    assert str(bad_inputs[case]) in captured.err
    assert captured.err.count("\n") == 1, "one line, no traceback"
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_nul_byte_error_gives_the_line(bad_inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    main([str(bad_inputs["nul"])])
    assert f"{bad_inputs['nul']}:2:" in capsys.readouterr().err


def test_legacy_encoding_is_read(tmp_path: Path) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes(
        "Réunion à Genève\nLes délégués ont discuté des problèmes économiques et de la sécurité.\n".encode("cp1252")
    )
    assert main([str(source), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert "Genève" in (tmp_path / "out" / "latin" / "latin.html").read_text(encoding="utf-8")


def test_converts_the_seed_as_a_real_process(tmp_path: Path) -> None:
    result = run(SEED, "--to", "html", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    target = tmp_path / SEED.stem / f"{SEED.stem}.html"
    assert target.is_file()
    assert f"wrote {target}" in result.stdout
    assert result.stderr == ""


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    result = run(SEED, "--out", tmp_path, "--quiet")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_unknown_format_lists_the_known_ones(tmp_path: Path) -> None:
    result = run(SEED, "--to", "nope", "--out", tmp_path)
    assert result.returncode == 2
    assert "unknown format 'nope'" in result.stderr and "html" in result.stderr
    assert not (tmp_path / SEED.stem).exists()


def test_no_source_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2 and "no SOURCE" in result.stderr


def test_bad_option_is_a_usage_error() -> None:
    result = run("--paper", "A0", SEED)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_help_version_and_formats() -> None:
    help_ = run("--help")
    assert help_.returncode == 0 and "--to FORMATS" in help_.stdout and "Exit codes" in help_.stdout
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("accessconvert ")
    listing = run("--list-formats")
    assert listing.returncode == 0 and "html" in listing.stdout and ".txt" in listing.stdout


def test_one_bad_source_does_not_stop_the_others(tmp_path: Path, bad_inputs: dict[str, Path]) -> None:
    result = run(bad_inputs["empty"], SEED, "--out", tmp_path, "--quiet")
    assert result.returncode == 2
    assert (tmp_path / SEED.stem / f"{SEED.stem}.html").is_file()
    assert "empty.txt" in result.stderr


def test_failed_run_keeps_the_earlier_output(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text("Title\nFirst version.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(source), "--out", str(out), "--quiet"]) == 0
    target = out / "doc" / "doc.html"
    before = target.read_bytes()
    source.write_bytes(b"\x00broken")
    assert main([str(source), "--out", str(out), "--quiet"]) == 2
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["doc.html"], "no temporary file left behind"


def test_unwritable_output_is_one_line_without_traceback(tmp_path: Path) -> None:
    # The output folder's place is taken by a file, so the folder cannot be made.
    out = tmp_path / "out"
    out.write_text("not a folder", encoding="utf-8")
    result = run(SEED, "--out", out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert str(SEED) in result.stderr and "cannot write" in result.stderr


def test_a_closed_pipe_ends_quietly() -> None:
    # `accessconvert --list-formats | head -1`: the reader leaves early; no traceback may reach the terminal.
    command = [sys.executable, "-m", "convert", "--list-formats"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode()
        process.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_cli_bundle_and_verify(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.bundles.zips import EPOCH, NOTE

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    note = tmp_path / "river note.txt"
    note.write_text(NOTE, encoding="utf-8")
    dist = tmp_path / "dist"
    assert (
        main(
            [
                "bundle",
                str(note),
                "--to",
                "html",
                "--edition",
                "full",
                "--out",
                str(tmp_path / "out"),
                "--dist",
                str(dist),
            ]
        )
        == 0
    )
    output = capsys.readouterr().out
    assert f"bundled {dist / 'river-note.zip'}" in output
    assert main(["verify", str(dist / "river-note.zip")]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["bundle", str(note), "--to", "nope", "--dist", str(dist)]) == 2
    assert "unknown format" in capsys.readouterr().err
    assert main(["bundle", str(tmp_path / "absent.txt"), "--dist", str(dist)]) == 2
    with pytest.raises(SystemExit) as done:
        main(["bundle", "--help"])
    assert done.value.code == 0 and "--keep-going" in capsys.readouterr().out


def test_bundle_and_verify_parsers_live_with_the_others() -> None:
    from convert.cli import COMMANDS, Parser, bundle_parser, comma_list, verify_parser

    assert comma_list(" html, ,pdf ") == ["html", "pdf"]
    bundle = bundle_parser()
    assert isinstance(bundle, Parser) and isinstance(verify_parser(), Parser)
    args = bundle.parse_args(["a.txt", "--to", "html,docx", "--edition", "full", "--no-check"])
    assert (args.to, args.edition, args.check, args.dist) == (["html", "docx"], ["full"], False, Path("dist"))
    assert verify_parser().parse_args(["b.zip", "-q"]).quiet
    assert COMMANDS["bundle"][1] == "convert.cli:main_bundle" and COMMANDS["verify"][1] == "convert.cli:main_verify"


def test_usage_errors_of_the_bundle_commands_are_one_line_and_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, said in (
        (["bundle", "a.txt", "--paper", "a5"], "argument --paper"),
        (["verify"], "the following arguments are required: BUNDLE"),
    ):
        with pytest.raises(SystemExit) as done:
            main(argv)
        errors = capsys.readouterr().err.splitlines()
        assert done.value.code == 2 and errors[-1].startswith(f"accessconvert: error: {said}"), errors


def test_check_takes_the_written_files_and_the_companions_a_validator_reads(tmp_path: Path) -> None:
    from convert.cli import checkable

    names = ["a.html", "a.mp3", "a.vtt", "a.read-aloud.epub", "a.read-along.html", "a.child.pdf"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    written = [tmp_path / n for n in ("a.html", "a.mp3", "a.read-aloud.epub", "a.child.pdf", "gone.docx")]
    assert [p.name for p in checkable(written)] == ["a.html", "a.read-aloud.epub", "a.child.pdf", "a.read-along.html"]
