"""The one table that turns the library's hints into this command line's commands.

The library never names a command, flag or file: a message that points to a next step carries
a :class:`graph.hints.Hint` (a code and its parameters). Here, and only here, each code
becomes the command that does it; every CLI path that prints a diagnostic or a note goes
through :func:`hint_text` (via :func:`diagnostic_line` and :func:`note_line`), and
:func:`hint_text` is what the commands pass as ``hints=`` to the library's renderers.
"""

from __future__ import annotations

from typing import Callable

from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.hints import Hint, HintCode, Note

# code -> the words on this command line, from the hint's parameters
COMMANDS: dict[HintCode, Callable[[Hint], str]] = {
    HintCode.SHOW_THEME: lambda h: f"landscape show {h['name']!r} lists them",
    HintCode.NAME_SUBJECT: lambda h: "add 'subject:' front matter or pass --subject",
    HintCode.MORE_ROWS: lambda h: f"`landscape report --top {h['top']}`",
    HintCode.FULL_CENTRALITY: lambda h: "`landscape centrality --json` lists every one",
    HintCode.MAKE_CARD: lambda h: f"landscape battlecard {h['a']} --vs {h['b']} --format html -o card.html",
}


def hint_text(hint: Hint) -> str:
    """A hint as this command line says it: the command that does it.

    >>> hint_text(Hint.of("more-rows", top=15))
    '`landscape report --top 15`'
    """
    return COMMANDS[hint.code](hint)


def diagnostic_line(d: Diagnostic | str) -> str:
    """A diagnostic (or an already written warning) as one line, its hint as a command."""
    return d.render(hint_text) if isinstance(d, Diagnostic) else str(d)


def note_line(note: Note | str) -> str:
    """A note for the person, its hint as a command."""
    return note.render(hint_text) if isinstance(note, Note) else str(note)


def hints_json(*notes: Note | None) -> dict:
    """``{"hints": [...]}`` for a ``--json`` document: the codes and parameters of the notes'
    hints (``graph.hints.Hint.as_json``), never command text; ``{}`` when there are none."""
    hints = [n.hint.as_json() for n in notes if n is not None and n.hint is not None]
    return {"hints": hints} if hints else {}
