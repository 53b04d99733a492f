"""Issue 10.11: the README's command examples print something on the shipped data."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("Examples on the shipped data")[1].split("```sh")[1].split("```")[0]
    return [line.strip() for line in block.splitlines() if line.strip().startswith("landscape ")]


def test_readme_has_examples():
    assert len(examples()) >= 5
    assert "landscape competitors Cursor" not in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("line", examples())
def test_readme_example_shows_something(invoke, monkeypatch, tmp_path, line):
    monkeypatch.chdir(ROOT)  # the examples use the default data/
    args = shlex.split(line)[1:]
    if "-o" in args:
        i = args.index("-o") + 1
        args[i] = str(tmp_path / Path(args[i]).name)
    r = invoke(*args)
    assert r.exit_code == 0, r.stderr
    out = r.stdout if "-o" not in args else Path(args[args.index("-o") + 1]).read_text(encoding="utf-8")
    assert len(out.strip().splitlines()) >= 2, f"{line!r} printed nothing useful"
    assert "no rivals" not in out and "(none)" not in out.splitlines()[:3]
