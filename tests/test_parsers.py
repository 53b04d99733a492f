"""The two markdown parsers behind graph.ingest.blocks read every document the same way.

pyromark (pulldown-cmark) is the default, markdown-it-py the reference. Every fixture folder,
the shipped data and the practice documents are read with both: the records (entities,
rivalries with file:line, claims, evidence, themes, problems), the diagnostics and the
resolved landscape must be identical. Where the two parsers are known to disagree the
document is read by markdown-it-py whichever is chosen; each such case has a document here
that pulldown-cmark alone would read differently.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from rivalscape.cli.main import cli
from rivalscape.graph.errors import UsageError
from rivalscape.graph.ingest import blocks
from rivalscape.graph.pipeline import read_documents
from rivalscape.graph.resolve import resolve

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = Path("/work/shared/checks/practice")


def _folders() -> list[Path]:
    fixtures = sorted(p for p in (ROOT / "tests" / "fixtures").iterdir()
                      if p.is_dir() and any(p.rglob("*.md")))  # others hold tables, data files
    return [*fixtures, ROOT / "data", PRACTICE]


def _read(folder: Path, parser: str, monkeypatch) -> tuple:
    monkeypatch.setattr(blocks, "PARSER", parser)
    docs, diags = read_documents([folder])
    landscape, more = resolve(docs)
    return docs, [*diags, *more], landscape.model_dump()


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_both_parsers_give_the_same_records(folder, monkeypatch):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not on this machine")
    reference = _read(folder, "markdown-it", monkeypatch)
    fast = _read(folder, "pyromark", monkeypatch)
    assert fast[0] == reference[0]  # records, file:line included
    assert fast[1] == reference[1]  # warnings and errors
    assert fast[2] == reference[2]  # entities, rivalries, claims, evidence


def test_pyromark_reads_most_fixtures_itself():
    """The comparison above is not vacuous: most fixture documents are read by pyromark, not
    handed to markdown-it."""
    docs = sorted((ROOT / "tests" / "fixtures").rglob("*.md")) + [ROOT / "data" / "ai_infrastructure_2025.md"]
    texts = [blocks.front_matter(p.read_text(encoding="utf-8", errors="replace"))[1] for p in docs]
    by_pyromark = [p.name for p, t in zip(docs, texts) if blocks._from_events(t) is not None]
    assert len(by_pyromark) >= 0.8 * len(docs), by_pyromark
    assert "ai_infrastructure_2025.md" in by_pyromark


def _view(parsed: tuple[list[blocks.Block], bool]) -> tuple:
    """What the readers see of the blocks: everything but the inline's raw pieces, and of
    those what they are read for (leading bold, first link)."""
    return [(b.kind, b.line, b.text, b.level, b.list_id, b.label_before, b.cells, b.links,
             b.header, blocks.leading_strong(b.inline), blocks.first_link(b.inline))
            for b in parsed[0]], parsed[1]


def _both(text: str, monkeypatch) -> tuple[tuple, tuple]:
    monkeypatch.setattr(blocks, "PARSER", "markdown-it")
    reference = blocks.parse(text)
    monkeypatch.setattr(blocks, "PARSER", "pyromark")
    return _view(blocks.parse(text)), _view(reference)


# Documents the two parsers read differently, each read by markdown-it whichever is chosen.
DISAGREEMENTS = {
    "tab before a closing heading sequence": "# Acme\t#\n\n- vs. Beta: faster\n",
    "tab after a closing fence": "```x\ncode\n```\t\n- vs. Beta: faster\n",
    "reference definition before a list": "[x]: /u\n2) **vs. Beta**: faster\n",
    "unsafe reference definition": "[a]: /ok\n[a]: javascript:alert(1)\n\n- vs. Beta\n",
    "table that goes on after an indented line": "| A | B |\n|---|---|\n| 1 | 2 |\n    x | y\n",
    "line of one pipe after a table": "| A | B |\n|---|---|\n| 1 | 2 |\n|\n",
    "no-break space before bold": "- \xa0**vs. Beta**: faster\n",
    "quote marker after four spaces": "   >\n       >--->\\*\n",
    "indented fence line in a nested item": "1986. + - **X**: y\n    ~~~**Beta**\n",
    "lazy line inside a code span": "- a `b\n  c\n   d` e\n",
    "unsafe inline link": "- vs. [Beta](javascript:alert(1)): faster\n",
}


@pytest.mark.parametrize("text", DISAGREEMENTS.values(), ids=DISAGREEMENTS.keys())
def test_known_disagreements_are_read_by_markdown_it(text, monkeypatch):
    fast, reference = _both(text, monkeypatch)
    assert fast == reference


def test_pyromark_alone_would_differ_on_those_documents():
    """The cases above are real: read by pulldown-cmark alone (the refusal skipped), at
    least the parser bugs they name show up."""
    heading = [e for e in blocks.pyromark.events("# Acme\t#\n") if isinstance(e, dict) and "Text" in e]
    assert heading == [{"Text": "Acme\t#"}]  # markdown-it: "Acme"
    fence = list(blocks.pyromark.events("```x\ncode\n```\t\n- item\n"))
    assert not any(e == {"Start": "Item"} for e in fence)  # markdown-it: a list item


def test_deep_nesting_is_read_by_markdown_it_with_its_warning(monkeypatch):
    text = "".join("  " * i + "- item\n" for i in range(250))
    fast, reference = _both(text, monkeypatch)
    assert fast == reference
    assert fast[1] is True  # nesting past markdown-it's limit is still reported
    assert blocks._from_events(text) is None


def test_brackets_nested_past_markdown_it_limit(monkeypatch):
    text = "- vs. " + "[" * 120 + "Beta" + "]" * 120 + "(http://x)\n"
    fast, reference = _both(text, monkeypatch)
    assert fast == reference


# Fragments of markdown, hostile and ordinary, for a seeded random corpus.
_FRAGMENTS = ["- ", "* ", "1. ", "2) ", "  ", "    ", "      ", "\n", "\n\n", "> ", "# ", "### ",
              "**", "*", "_", "__", "`", "``", "[", "]", "(", ")", "<", ">", "!", "|", "---",
              "===", ":", "vs. ", "Acme", "Beta Corp", " ", "\\", "&amp;", "&nbsp;",
              "http://x.y/z", "<http://a.b>", "<a@b.c>", "<b>", "</b>", "<div>", "```", "~~~",
              "[x]", "[a](b)", "![i](j)", "\r\n", "**vs. Foo**: claim", "- **X**: y\n", "+ ",
              "ü", "1986. ", "<!-- c -->", "&#42;", "\\*", "[a](<b c>)", "[a](b 'T')", "  - ",
              "   1. ", "\n   ", "\n       ", "- [ ] ", "<x@y>", "***", "___", "\t", "\xa0",
              "| A | B |\n|---|---|\n| 1 | 2 |\n", "[x]: /u", "javascript:x", "\x00", "\r"]


def test_both_parsers_agree_on_a_seeded_random_corpus(monkeypatch):
    rng = random.Random(14)
    read_by_pyromark = 0
    for _ in range(1500):
        text = "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 60)))
        fast, reference = _both(text, monkeypatch)
        assert fast == reference, repr(text)
        read_by_pyromark += blocks._from_events(text) is not None
    assert read_by_pyromark > 300  # the corpus exercises pyromark, not only the fallback


def test_pyromark_is_the_default(monkeypatch):
    monkeypatch.setattr(blocks, "PARSER", None)
    monkeypatch.delenv(blocks.PARSER_ENV, raising=False)
    assert blocks.parser_name() == "pyromark"
    monkeypatch.setenv(blocks.PARSER_ENV, "markdown-it")
    assert blocks.parser_name() == "markdown-it"


def test_an_unknown_parser_is_a_usage_error(monkeypatch, tmp_path):
    monkeypatch.setattr(blocks, "PARSER", None)
    monkeypatch.setenv(blocks.PARSER_ENV, "commonmark-py")
    with pytest.raises(UsageError, match="LANDSCAPE_MARKDOWN_PARSER='commonmark-py'"):
        blocks.parser_name()
    result = CliRunner().invoke(cli, ["show", "Acme", "--data", str(ROOT / "data")])
    assert result.exit_code == 2
    assert "LANDSCAPE_MARKDOWN_PARSER" in result.stderr
    assert "Traceback" not in result.stderr
