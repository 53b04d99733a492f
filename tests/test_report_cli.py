"""Issue 10.5 / 8.7: report -o infers the format, refuses contradictions; csv is one tidy,
neutralised table per file; issue 10.7: help examples are never rewrapped."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from landscape_paths import DATA

D = ("--data", DATA)

HOSTILE = """# =Title

### 1. ACME: Rockets for everyone
**Company Snapshot**
- Founded: 2020
**Competitive Positioning**
- **vs. Globex**: =HYPERLINK("http://x","cheaper")
- **vs. Initech**: +2x faster at @scale

### 2. GLOBEX: Everything
**Company Snapshot**
- Founded: 2019
**Competitive Positioning**
- **vs. Acme**: -Lower risk and cost

## CROSS-CUTTING THEMES
### =SUM(A1) Theme
- **Acme**: does it
- **Globex**: too
"""


@pytest.mark.parametrize("ext,marker", [("html", "<!DOCTYPE html>"), ("json", '"findings"'),
                                        ("md", "## Key findings")])
def test_report_output_extension_sets_the_format(invoke, tmp_path, ext, marker):
    out = tmp_path / f"r.{ext}"
    r = invoke("report", *D, "-o", out)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "" and f"wrote {out}" in r.stderr
    assert marker in out.read_text(encoding="utf-8")[:2000]


def test_report_format_contradicting_the_extension_is_misuse(invoke, tmp_path):
    r = invoke("report", *D, "--format", "md", "-o", tmp_path / "x.html")
    assert r.exit_code == 2 and "contradicts" in r.stderr
    assert not (tmp_path / "x.html").exists()


def test_report_out_alias(invoke, tmp_path):
    r = invoke("report", *D, "--out", tmp_path / "r.md")
    assert r.exit_code == 0 and (tmp_path / "r.md").exists()


def test_report_csv_needs_a_folder_or_zip(invoke, tmp_path):
    assert invoke("report", *D, "--format", "csv").exit_code == 2
    assert invoke("report", *D, "--format", "csv", "-o", tmp_path / "x.csv").exit_code == 2


def read_tables_from(folder):
    return {p.name: list(csv.reader(io.StringIO(p.read_text(encoding="utf-8"))))
            for p in sorted(folder.iterdir())}


def test_report_csv_folder_and_zip_hold_the_same_tidy_tables(invoke, tmp_path):
    r = invoke("report", *D, "--format", "csv", "-o", tmp_path / "tables")
    assert r.exit_code == 0, r.stderr
    tables = read_tables_from(tmp_path / "tables")
    assert tables["contested.csv"][1][:3] == ["Cloud providers", "alternative", "2"]
    assert tables["rivalries-one-sided.csv"][0] == ["by", "against", "claim", "source"]
    r = invoke("report", *D, "-o", tmp_path / "t.zip")  # .zip implies csv
    assert r.exit_code == 0, r.stderr
    with zipfile.ZipFile(tmp_path / "t.zip") as z:
        assert sorted(z.namelist()) == sorted(tables)
        assert z.read("contested.csv").decode() == (tmp_path / "tables" / "contested.csv").read_bytes().decode()


def test_report_csv_cells_are_neutralised_against_formula_injection(invoke, tmp_path):
    doc = tmp_path / "=evil.md"
    doc.write_text(HOSTILE, encoding="utf-8")
    r = invoke("report", "--data", doc, "--format", "csv", "-o", tmp_path / "out")
    assert r.exit_code == 0, r.stderr
    cells = [c for rows in read_tables_from(tmp_path / "out").values() for row in rows for c in row]
    assert "'=HYPERLINK(\"http://x\",\"cheaper\")" in cells  # claim
    assert "'-Lower risk and cost" in cells and "'+2x faster at @scale" in cells
    assert "'=SUM(A1) Theme" in cells  # theme name
    assert any(c.startswith("'=evil.md:") for c in cells)  # file name in a source
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cells if c.startswith("-") and not re.fullmatch(r"-[\d.e-]+", c)]


def example_lines(command) -> list[str]:
    help_text = command.help or ""
    block = help_text.split("Example:")[1]
    return [line.strip() for line in block.splitlines() if line.strip().startswith("landscape")]


def commands():
    from rivalscape.cli.main import cli

    return [(name, cli.commands[name]) for name in sorted(cli.commands)] + [("landscape", cli)]


@pytest.mark.parametrize("name,command", commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_help_examples_are_not_rewrapped(runner, name, command):
    from rivalscape.cli.main import cli

    args = ["--help"] if name == "landscape" else [name, "--help"]
    r = runner.invoke(cli, args, terminal_width=40, catch_exceptions=False)
    assert r.exit_code == 0
    shown = [line.strip() for line in r.stdout.splitlines()]
    lines = example_lines(command)
    assert lines, f"{name} has no example"
    for line in lines:
        assert line in shown, f"{name}: {line!r} was rewrapped"
