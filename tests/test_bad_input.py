"""Bad input through the command line: exit codes, stdout and stderr apart, no traceback,
every message naming its file (and line where there is one), earlier outputs left alone.

Messages are located relative to the working directory, so each test runs from the
fixtures folder (or a temporary one) and expects paths like ``bad_binary/logo.md``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalscape.cli.main import cli
from rivalscape.graph.errors import InputError
from rivalscape.graph.pipeline import load

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def run(monkeypatch):
    """Run ``landscape ARGS`` from the fixtures folder; stdout and stderr kept apart."""
    monkeypatch.chdir(FIXTURES)

    def invoke(*args):
        result = CliRunner().invoke(cli, [str(a) for a in args])
        # No traceback for any input: the only exception allowed is click's own exit.
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert "Traceback" not in result.stdout + result.stderr
        return result

    return invoke


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


# --- errors: exit 1 ------------------------------------------------------------------------------


UTF8_ERROR = ("bad_not_utf8/latin1.md:3: error: not valid UTF-8 (byte 0xe9 at column 11); "
              "save the file as UTF-8")
BINARY_ERROR = "bad_binary/logo.md: error: binary file, not a markdown document"


def test_not_utf8_names_file_and_line(run):
    r = run("competitors", "Acme", "--data", "bad_not_utf8")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert lines(r.stderr) == [UTF8_ERROR, "Error: 1 error(s) in the input; nothing was written"]


def test_binary_file(run):
    r = run("themes", "--data", "bad_binary")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert lines(r.stderr) == [BINARY_ERROR, "Error: 1 error(s) in the input; nothing was written"]


def test_every_error_is_listed_not_just_the_first(run):
    r = run("validate", "--data", "bad_not_utf8", "--data", "bad_binary")
    assert r.exit_code == 1
    assert lines(r.stdout) == [BINARY_ERROR, UTF8_ERROR]
    assert lines(r.stderr) == ["2 error(s), 0 warning(s)"]


def test_library_raises_input_error_with_diagnostics():
    with pytest.raises(InputError) as e:
        load([FIXTURES / "bad_not_utf8"])
    assert [(Path(d.path).name, d.line, d.severity) for d in e.value.diagnostics] == [
        ("latin1.md", 3, "error")]


@pytest.mark.parametrize("args", [
    ("competitors", "X", "--data", "nope"),
    ("validate", "--data", "nope"),
    ("build", "--data", "nope", "--out", "never-written"),
])
def test_missing_path_is_misuse(run, args):
    r = run(*args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "'nope' does not exist" in r.stderr
    assert not (FIXTURES / "never-written").exists()


def test_missing_path_from_the_library_is_a_usage_error():
    from rivalscape.graph.errors import UsageError

    with pytest.raises(UsageError, match="nope"):
        load([FIXTURES / "nope"])


@pytest.mark.parametrize("content", [None, {"readme.txt": "not markdown"}])
def test_empty_folder(tmp_path, monkeypatch, content):
    (tmp_path / "empty").mkdir()
    for name, text in (content or {}).items():
        (tmp_path / "empty" / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["competitors", "X", "--data", "empty"])
    assert r.exit_code == 1
    assert r.stdout == ""
    assert lines(r.stderr) == [
        "empty: error: folder has no markdown (*.md) documents",
        "Error: 1 error(s) in the input; nothing was written",
    ]


def test_no_document_with_a_company_section(run):
    r = run("themes", "--data", "no_company")
    assert r.exit_code == 1
    assert r.stdout == ""
    err = lines(r.stderr)
    assert "no_company/notes.md: warning: no company section found" in err
    assert any(ln.startswith("no_company/notes.md: error: no document has a company section") for ln in err)
    assert err[-1] == "Error: 1 error(s) in the input; nothing was written"


# --- warnings: stderr, the run continues ------------------------------------------------------------


WARNINGS = [
    "warnings/a_notes.md: warning: no company section found",
    "warnings/b_company.md:7: warning: fact 'Founded' of 'Acme' given twice with different values "
    "('2015' at b_company.md:5); keeping the first",
]


def test_warnings_go_to_stderr_and_json_stays_pure(run):
    r = run("competitors", "Acme", "--data", "warnings", "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)  # stdout is one JSON document, nothing else
    assert doc["name"] == "Acme"
    assert "Globex" in [c["name"] for c in doc["competitors"]]
    for w in WARNINGS:
        assert w in lines(r.stderr)
    assert ": warning:" not in r.stdout


VS_NOBODY = [
    "warnings/b_company.md:11: warning: 'vs.' item names no competitor",
    "warnings/b_company.md:12: warning: 'vs.' item names no competitor",
]


def test_vs_item_naming_nobody_warns(run):
    r = run("competitors", "Acme", "--data", "warnings", "--json")
    assert r.exit_code == 0
    assert [c["name"] for c in json.loads(r.stdout)["competitors"]] == ["Globex"]
    err = lines(r.stderr)
    for w in VS_NOBODY:
        assert any(ln.startswith(w) for ln in err), w


def test_validate_lists_warnings_and_exits_0(run):
    r = run("validate", "--data", "warnings")
    assert r.exit_code == 0
    for w in WARNINGS:
        assert w in lines(r.stdout)
    assert all(ln.startswith("warnings/") for ln in lines(r.stdout))
    assert lines(r.stderr)[-1].startswith("0 error(s), ")


def test_validate_strict_exits_1_on_warnings(run):
    r = run("validate", "--strict", "--data", "warnings")
    assert r.exit_code == 1
    for w in WARNINGS:
        assert w in lines(r.stdout)


def test_validate_exits_1_on_errors_and_lists_them(run):
    r = run("validate", "--data", "bad_not_utf8")
    assert r.exit_code == 1
    assert lines(r.stdout) == [UTF8_ERROR]
    assert lines(r.stderr) == ["1 error(s), 0 warning(s)"]


def test_validate_clean_input(run):
    r = run("validate", "--strict", "--data", "dash_tagline")
    assert r.exit_code == 0
    assert r.stdout == ""
    # on stderr: one line per document (what it gave), and the count
    assert lines(r.stderr)[0] == "dash_tagline/robotics.md: no subject; rivalries read: 4 (vs-item 4)"
    assert lines(r.stderr)[-1] == "0 error(s), 0 warning(s)"


# --- build never destroys an earlier good output --------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_build_writes_nothing(run, tmp_path):
    out = tmp_path / "out"
    r = run("build", "--data", "bad_binary", "--out", out)
    assert r.exit_code == 1
    assert r.stdout == ""
    assert BINARY_ERROR in lines(r.stderr)
    assert not out.exists() or _snapshot(out) == {}


@pytest.mark.parametrize("bad", ["bad_not_utf8", "bad_binary", "no_company"])
def test_failed_build_keeps_earlier_good_output(run, tmp_path, bad):
    out = tmp_path / "out"
    good = run("build", "--data", "dash_tagline", "--out", out)
    assert good.exit_code == 0, good.stderr
    assert good.stdout.splitlines()[0] == (
        "2 companies, 2 competitors, 1 alternatives, 0 themes, 4 rivalries")
    before = _snapshot(out)
    assert {"landscape.html", "graph.json", "centrality.md"} <= set(before)

    r = run("build", "--data", bad, "--out", out)
    assert r.exit_code == 1
    assert r.stdout == ""
    assert lines(r.stderr)[-1] == "Error: 1 error(s) in the input; nothing was written"
    assert _snapshot(out) == before  # same files, same bytes, no temporary leftovers


def test_build_same_input_same_bytes(run, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run("build", "--data", "rival_forms", "--out", a).exit_code == 0
    assert run("build", "--data", "rival_forms", "--out", b).exit_code == 0
    assert _snapshot(a) == _snapshot(b)


def test_warnings_do_not_stop_build(run, tmp_path):
    out = tmp_path / "out"
    r = run("build", "--data", "warnings", "--out", out)
    assert r.exit_code == 0
    for w in WARNINGS:
        assert w in lines(r.stderr)
    assert ": warning:" not in r.stdout
    assert json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]


# --- a bad file among good ones -------------------------------------------------------------------


def test_one_bad_file_fails_the_whole_run(run, tmp_path):
    """bad_not_utf8 also holds a good document; the bad one still fails the run."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "bad_not_utf8", data)
    r = run("competitors", "Acme", "--data", data)
    assert r.exit_code == 1
    assert r.stdout == ""
    assert any(ln.endswith("latin1.md:3: error: not valid UTF-8 (byte 0xe9 at column 11); "
                           "save the file as UTF-8") for ln in lines(r.stderr))


def test_a_long_run_of_brackets_is_read_without_recursion_error(run, tmp_path):
    # Found by tests/test_fuzz.py: markdown-it's inline link parser recurses once per '['
    # up to maxNesting, and the nesting limit raised for deep lists let it overflow Python's
    # stack (RecursionError traceback from every command).
    (tmp_path / "brackets.md").write_text(
        "# T\n\n### 1. Acme: x\n\n- vs. Beta: " + "[" * 3000 + "\n", encoding="utf-8")
    result = run("competitors", "Acme", "--data", tmp_path)
    assert result.exit_code == 0
    assert "Beta" in result.stdout


def test_deeply_nested_front_matter_is_a_warning_not_a_traceback(run, tmp_path):
    # Found by tests/test_fuzz.py: PyYAML recurses once per nested '[' and raised
    # RecursionError from the front matter of a markdown document.
    (tmp_path / "deep.md").write_text(
        "---\nsubject: " + "[" * 3000 + "\n---\n\n### 1. Acme: x\n\n- vs. Beta: y\n",
        encoding="utf-8")
    result = run("validate", "--data", tmp_path)
    assert result.exit_code == 0
    assert "deep.md" in result.stdout and "front matter" in result.stdout
