"""Faster versions of reading helpers give what the plain versions gave: each is compared
with the plain version (kept here) on random text and on every block of the shipped data and
the fixtures."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from rivalscape.graph.ingest import blocks as B
from rivalscape.graph.ingest.prose import sentences

ROOT = Path(__file__).resolve().parent.parent
_ENDS = (". ", "; ", "! ", "? ")


def plain_sentences(text: str) -> list[str]:
    """The character-by-character scan ``sentences`` replaced."""
    out, start = [], 0
    for i in range(len(text) - 1):
        if text[i:i + 2] in _ENDS and (i + 2 >= len(text) or not text[i + 2].islower()):
            out.append(text[start:i + 1])
            start = i + 2
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def plain_leading_strong(inline):
    """``leading_strong`` without its early answer for inlines that open with no bold."""
    pieces = [p for p in inline or () if not (p[0] == B.TEXT and p[1] == "")]
    if not pieces or pieces[0][0] != B.STRONG:
        return None
    depth, lead, i = 0, [], 0
    for i, (k, v) in enumerate(pieces):
        if k == B.STRONG:
            depth += 1
        elif k == B.END_STRONG:
            depth -= 1
            if depth == 0:
                break
        elif k == B.TEXT or k == B.CODE:
            lead.append(v)
        elif k == B.BREAK:
            lead.append(" ")
    return B.single_spaced("".join(lead)), B.inline_text(tuple(pieces[i + 1:]))


def _documents() -> list[str]:
    """The text of every markdown document shipped or used as a fixture (bad ones left out)."""
    out = []
    for path in sorted([*ROOT.glob("data/**/*.md"), *ROOT.glob("tests/fixtures/**/*.md")]):
        try:
            out.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    return out


def test_sentences_equal_the_plain_scan_on_random_text():
    rng = random.Random(14)
    alphabet = ".;!? aA\u00e9\u00c9x\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert sentences(text) == plain_sentences(text), repr(text)


def test_sentences_equal_the_plain_scan_on_every_block():
    texts = [b.text for text in _documents() for b in B.parse(text)[0]]
    assert len(texts) > 1000
    for text in texts:
        assert sentences(text) == plain_sentences(text)


@pytest.mark.parametrize("parser", B.PARSERS)
def test_leading_strong_equals_the_plain_version_on_every_block(parser, monkeypatch):
    monkeypatch.setattr(B, "PARSER", parser)
    inlines = [b.inline for text in _documents()
               for b in B.parse(text)[0] if b.inline is not None]
    assert any(B.leading_strong(i) is not None for i in inlines)
    for inline in [*inlines, None, (), ((B.TEXT, ""),), ((B.TEXT, ""), (B.STRONG, ""))]:
        assert B.leading_strong(inline) == plain_leading_strong(inline)
