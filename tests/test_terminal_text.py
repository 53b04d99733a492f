"""Document text and file names never reach a terminal as control sequences (issue 8, items 7
and 10): escape sequences, OSC 8 links, screen clears, CR/VT/FF, U+2028 and bidi controls are
shown as visible escapes. Markdown cells keep their row."""

from __future__ import annotations

import json

import pytest

from rivalscape.graph.text import dumps_json, md_cell, printable, safe_text, xml_text

RAW = ("\x1b", "\r", "\x07", "\x0b", "\x0c", "\x9b", "\u2028", "\u2029", "\u202e")

HOSTILE_DOC = (
    "# Hostile\n\n"
    "### 1. Acme\x1b[2J\x9b31m Corp: Tag\u2028line\n\n"
    "- Founded: 2019\n"
    "- Focus: bell\x07 and \x1b]8;;http://x\x07link\x1b]8;;\x07 \x0b\x0c\u202eevil\u2029\n"
    "- Focus: again\x1b[H\x1b[2J\r\n\n"
    "- vs. Rival\x1b[31m Inc: Cheaper\rfaster\u2028better | piped\x1b]8;;http://x\x07\n"
)


@pytest.fixture
def hostile(tmp_path):
    (tmp_path / "hostile.md").write_text(HOSTILE_DOC, encoding="utf-8")
    # A file name can carry the same payloads, and a newline that would forge a message.
    (tmp_path / "x\x1b[31m\rforged\n.md").write_text("# Only a title\n", encoding="utf-8")
    return tmp_path


def assert_no_raw_controls(text: str) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in RAW if c in text})
    assert not bad, bad


@pytest.mark.parametrize("args", [
    ["show", "acme-2j31m-corp"],
    ["show", "acme-2j31m-corp", "--json"],
    ["competitors", "acme-2j31m-corp"],
    ["competitors", "acme-2j31m-corp", "--json"],
    ["show", "Acme"],  # unknown name: the suggestion quotes the hostile label
    ["validate"],
    ["themes"],
])
def test_no_control_sequence_reaches_the_terminal(invoke, hostile, args):
    result = invoke(*args, "--data", hostile)
    assert_no_raw_controls(result.stdout)
    assert_no_raw_controls(result.stderr)
    assert "\\x1b" in result.stdout + result.stderr  # shown, not dropped
    if "--json" in args:
        json.loads(result.stdout)


def test_a_newline_in_a_file_name_cannot_forge_a_message(invoke, hostile):
    result = invoke("validate", "--data", hostile)
    lines = [line for line in result.stdout.splitlines() if "forged" in line]
    assert len(lines) == 1
    assert lines[0].endswith("/x\\x1b[31m\\x0dforged\\x0a.md: warning: no company section found")


def test_json_output_escapes_what_json_would_leave_raw(invoke, hostile):
    result = invoke("show", "acme-2j31m-corp", "--json", "--data", hostile)
    profile = json.loads(result.stdout)
    assert profile["name"] == "Acme\x1b[2J\x9b31m Corp"  # same value once parsed


def test_printable_escapes_one_notation():
    assert printable("a\x1b[2Jb\rc\x07d\x9be\u2028f\u202eg\x7f") == (
        "a\\x1b[2Jb\\x0dc\\x07d\\x9be\\u2028f\\u202eg\\x7f")
    assert printable("tab\tkept") == "tab\tkept"
    assert printable("one\ntwo") == "one\\x0atwo"
    assert printable("one\ntwo\r", multiline=True) == "one\ntwo\\x0d"
    assert printable("caf\udce9 \ud800") == "caf\\xe9 \\ud800"
    assert printable("Ünïcode — fine 日本") == "Ünïcode — fine 日本"


def test_md_cell_keeps_a_table_row_whole():
    cells = ["a|b", "line\nbreak", "cr\rvt\x0bff\x0c", "sep\u2028par\u2029", "ok"]
    row = "| " + " | ".join(md_cell(c) for c in cells) + " |"
    assert len(row.splitlines()) == 1
    assert row.replace("\\|", "").count("|") == len(cells) + 1
    assert_no_raw_controls(row)


def test_safe_text_and_xml_text():
    assert safe_text("caf\udce9.md") == "caf\\xe9.md"
    assert safe_text("plain") == "plain"
    assert xml_text("a\tb\nc\rd\x00e\x1ff\ufffeg\uffffh\udce9") == (
        "a\tb\nc\rd\\x00e\\x1ff\\ufffeg\\uffffh\\xe9")


def test_dumps_json_is_always_valid():
    found: list[str] = []
    text = dumps_json({"n": [1.5, float("inf"), float("nan")], "p": "caf\udce9", "s": "\u2028\x9b"},
                      found)
    assert found == ["$.n[1]", "$.n[2]"]
    assert json.loads(text, parse_constant=lambda c: pytest.fail(c)) == {
        "n": [1.5, None, None], "p": "caf\\xe9", "s": "\u2028\x9b"}
    assert "\u2028" not in text and "\x9b" not in text
    text.encode("utf-8")


def test_markdown_report_rows_stay_whole(invoke, hostile):
    result = invoke("report", "--data", hostile, "--format", "md")
    assert result.exit_code == 0
    table_lines = [line for line in result.stdout.split("\n") if line.startswith("|")]
    assert table_lines
    for line in table_lines:
        assert line.endswith("|") and len(line.splitlines()) == 1, line
    assert_no_raw_controls(result.stdout)


@pytest.mark.parametrize("args", [
    ["centrality"],
    ["segments"],
    ["similar", "acme-2j31m-corp"],
    ["path", "acme-2j31m-corp", "rival-31m-inc"],
    ["report"],
    ["battlecard", "acme-2j31m-corp"],  # found by probing beside tests/test_fuzz.py
    ["battlecard", "acme-2j31m-corp", "--format", "html"],  # found by tests/test_fuzz.py
])
def test_analysis_commands_print_no_control_sequence(invoke, hostile, args):
    result = invoke(*args, "--data", hostile)
    assert_no_raw_controls(result.stdout + result.stderr)


@pytest.mark.parametrize("args", [["centrality", "--json"], ["segments", "--json"]])
def test_analysis_json_goes_through_the_safe_printer(invoke, hostile, args):
    result = invoke(*args, "--data", hostile)
    assert_no_raw_controls(result.stdout + result.stderr)
    json.loads(result.stdout)


def test_yaml_export_on_stdout_escapes_bidi_and_line_separators(invoke, tmp_path):
    # Found by tests/test_fuzz.py: PyYAML counts bidi overrides and U+2028 as printable and
    # wrote them raw to the terminal with allow_unicode.
    (tmp_path / "a.md").write_text(
        "# T\n\n### 1. Acme: x\n\n- vs. Beta: \u202eevil\u2029 \u2066x\x9b\n", encoding="utf-8")
    result = invoke("export", "--format", "yaml", "--data", tmp_path)
    assert result.exit_code == 0
    assert_no_raw_controls(result.stdout)
    import yaml

    data = yaml.safe_load(result.stdout)
    claims = [r.get("claim") for r in data["rivalries"]]
    assert "\u202eevil \u2066x\x9b" in claims  # read back the same (U+2029 is a space)


@pytest.mark.parametrize("fmt_args", [["diff"], ["battlecard", "acme-2j31m-corp"]])
def test_diff_and_battlecard_json_escape_what_json_would_leave_raw(invoke, hostile, tmp_path,
                                                                 fmt_args):
    # Found by tests/test_fuzz.py: both wrote json.dumps(ensure_ascii=False) as it came,
    # with bidi controls and U+2028 raw.
    old = tmp_path / "old"
    old.mkdir()
    (old / "a.md").write_text("# T\n\n### 1. Acme: x\n\n- vs. Beta: old\n", encoding="utf-8")
    args = [*fmt_args, old, hostile] if fmt_args == ["diff"] else [*fmt_args, "--data", hostile]
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert_no_raw_controls(result.stdout)
    found = []
    json.loads(result.stdout, object_hook=lambda d: found.extend(d.values()) or d)
    assert "Acme\x1b[2J\x9b31m Corp" in found  # the same value once parsed
