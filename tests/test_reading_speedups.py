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


def plain_offers_competition(s: str, low: str):
    """``_offers_competition`` without its early answer for sentences with no phrase."""
    from rivalscape.graph.ingest import prose as P

    left = P.name_prefix(s)
    if not left or not P.proper_name(left):
        return None
    mid = low[len(left):]
    for phrase in P._COMPETITION_PHRASES:
        k = mid.find(phrase)
        if k < 0:
            continue
        words = mid[:k].split()
        verb = any(w in P._OFFER_VERBS for w in words) if "competition" in phrase else bool(
            set(words[:2]) & {"is", "was", "remains", "became"})
        right = P._names_listed(s[len(left) + k + len(phrase):])
        if verb and len(words) <= 8 and right:
            return right[0], [left]
    return None


def test_offers_competition_equals_the_plain_version():
    from rivalscape.graph.ingest import prose as P

    said = ["Tidal is another service that offers fierce competition to Spotify.",
            "Globex is a strong competitor of Acme", "Initech remains a rival to Globex and Acme",
            "İstanbul Labs offers competition for Acme", "We compete with everyone."]
    texts = [b.text for text in _documents() for b in B.parse(text)[0]] + said
    hits = 0
    for text in texts:
        for s in sentences(text):
            got = P._offers_competition(s, s.lower())
            assert got == plain_offers_competition(s, s.lower())
            hits += got is not None
    assert hits >= 3


def plain_feed(self, event, span) -> None:
    """``_Events.feed`` without its shortcut for text inside an open inline."""
    if event.__class__ is str:
        if event == "Rule":
            self.block()
        elif self.inline(span):
            self.pieces.append((B.BREAK, B._break(event)))
        return
    (key, value), = event.items()
    if key == "Text" or key == "Code" or key == "InlineHtml":
        if key == "Code" and self.data.find(b"\n ", span["start"], span["end"]) >= 0:
            raise B._Refused
        if self.inline(span):
            self.pieces.append((B._EVENT_PIECES[key], value))
    elif key == "Start":
        name = value if value.__class__ is str else next(iter(value))
        B._STARTS.get(name, B._Events.other_start)(self, value, span)
    elif key == "End":
        name = value if value.__class__ is str else next(iter(value))
        B._ENDS.get(name, B._Events.other_end)(self, value, span)


@pytest.mark.skipif(B.pyromark is None, reason="pyromark not installed")
def test_pyromark_blocks_equal_those_of_the_plain_feed(monkeypatch):
    monkeypatch.setattr(B, "PARSER", "pyromark")
    docs = _documents() + [
        "Para with ![alt *text*](img.png) and **bold** end.\n",
        "- item one\n  continued line\n      - not a list\n- item ![x](y.png) two\n",
        "- a\n  b\n      > deep\n- c\n\n  d\n",
        "> quote\n> - a\n>   b\n",
        "```\ncode\n```\n\n<div>html</div>\n\nText `code` <span>x</span>\n",
    ]
    fast = [B.parse(text) for text in docs]
    monkeypatch.setattr(B._Events, "feed", plain_feed)
    assert fast == [B.parse(text) for text in docs]


@pytest.mark.parametrize("parser", B.PARSERS)
def test_a_blocks_text_is_the_text_of_its_inline(parser, monkeypatch):
    """What lets ``parse_vs`` take an item's ``text`` instead of reading its inline again."""
    monkeypatch.setattr(B, "PARSER", parser)
    found = [b for text in _documents() for b in B.parse(text)[0] if b.inline is not None]
    assert any(b.kind == "item" for b in found)
    for b in found:
        assert b.text == B.inline_text(b.inline)


def test_parse_vs_with_the_text_given_equals_parse_vs_alone():
    from rivalscape.graph.ingest.forms import parse_vs

    items = [b for text in _documents() for b in B.parse(text)[0] if b.kind == "item"]
    assert sum(parse_vs(b.inline) is not None for b in items) > 50
    for b in items:
        assert parse_vs(b.inline, b.text) == parse_vs(b.inline)
