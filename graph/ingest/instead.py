"""Lines that say one product replaces another: ``Tooljet instead of Retool``.

Watch lists and self-hosting notes are written as bare lines (a paragraph broken by hand, or
list items), each ``A instead of B`` or ``A or B instead of C`` and nothing more. Each such line
makes A (and B) a rival of C. Names there are often written in lower case (``nocodb or baserow
instead of airtable``), so a line is read only when the whole line is the form, every name is
short and none is an everyday word, and the document has two such lines at least (one line
``walk instead of drive`` is a sentence, not a list).

Every pattern here is anchored and runs on one line of 120 characters at most.
"""

from __future__ import annotations

import re

from rivalscape.graph.ingest.blocks import BREAK, Block, _TEXTUAL
from rivalscape.graph.names import _COMMON_WORDS, is_generic, looks_like_name

_WORD = r"[\w.+@-]{2,40}"
_NAME = _WORD + r"(?: " + _WORD + r"){0,2}?"
_INSTEAD = re.compile(
    r"^(?:(?:use|try|pick|choose|prefer|run|self-host) )?(?P<a>" + _NAME + r")(?:(?: or |/| and )(?P<a2>" + _NAME
    + r"))? (?:instead of|in place of|rather than|replacing|as a replacement for) (?P<b>" + _NAME + r")$",
    re.IGNORECASE,
)
_MAX_LINE = 120
_FILLERS = {"use", "using", "the", "a", "an", "it", "this", "that", "them", "something", "anything", "nothing"}


def lines_of(b: Block) -> list[str]:
    """A paragraph's lines (broken by hand or by the source's line ends), or an item's text."""
    if b.kind == "item" or b.inline is None:
        return [b.text]
    out, cur = [], []
    for kind, value in b.inline:
        if kind == BREAK:
            out.append(" ".join("".join(cur).split()))
            cur = []
        elif kind in _TEXTUAL:
            cur.append(value)
    out.append(" ".join("".join(cur).split()))
    return out


def _name_ok(name: str | None) -> bool:
    if not name:
        return False
    words = name.lower().split()
    return looks_like_name(name) and not is_generic(name) and not any(
        w in _COMMON_WORDS or w in _FILLERS for w in words) and not name.replace(".", "").isdigit()


def replacement_line(text: str) -> tuple[list[str], str] | None:
    """``'Nocodb or baserow instead of airtable'`` -> ``(['Nocodb', 'baserow'], 'airtable')``.

    Examples
    --------
    >>> replacement_line("Tooljet instead of retool"), replacement_line("Walk instead of the bus")
    ((['Tooljet'], 'retool'), None)
    """
    text = text.strip().rstrip(".")
    if len(text) > _MAX_LINE or not (m := _INSTEAD.match(text)):
        return None
    names = [n for n in (m.group("a"), m.group("a2")) if n]
    if not all(_name_ok(n) for n in names) or not _name_ok(m.group("b")):
        return None
    return names, m.group("b")


def replacement_lines(blocks: list[Block], used: set[int]) -> list[tuple[int, int, str, list[str], str]]:
    """``(block, line, text, replacements, replaced)`` of every replacement line of a document
    that has two at least."""
    found = []
    for j, b in enumerate(blocks):
        if j in used or b.kind not in ("para", "item"):
            continue
        for k, text in enumerate(lines_of(b)):
            if (got := replacement_line(text)) is not None:
                found.append((j, b.line + k, text, got[0], got[1]))
    return found if len(found) >= 2 else []
