"""Exceptions whose ``str()`` is the message a person should read.

The library raises these and never prints; ``cli.errors.handle_errors`` maps them to exit codes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal, Sequence

from rivalscape.graph.hints import Hint, HintText, Note
from rivalscape.graph.text import printable, safe_text

def safe_path(path: str | bytes | os.PathLike) -> str:
    r"""A path as it may be shown on one line of a message: control and invisible characters
    become ``\xNN`` escapes, and so does an undecodable byte (kept as a surrogate by
    ``os.fsdecode``); one notation with :func:`graph.text.printable`.

    >>> safe_path("data/a.md")
    'data/a.md'
    >>> print(safe_path("evil\ndata/x.md:1: error: forged"))
    evil\x0adata/x.md:1: error: forged
    >>> print(safe_path(b"caf\xe9.md"))
    caf\xe9.md
    """
    return printable(safe_text(os.fsdecode(path)))


class LandscapeError(Exception):
    """Base class of every error the library reports to a person."""


def path_line(path: str, line: int | None) -> str:
    """A place as every output writes it: ``path:line``, or ``path`` when the line is unknown.

    The one formatter of places (diagnostics, sources of facts and claims).

    Examples
    --------
    >>> path_line("data/a.md", 14), path_line("data/a.md", None)
    ('data/a.md:14', 'data/a.md')
    """
    return path if line is None else f"{path}:{line}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem in the input, located like a compiler message: ``path:line: message``.

    ``hint``, if any, is what the person can do about it (:class:`graph.hints.Hint`), shown in
    parentheses after the message: in the library's words by ``str()``, in the caller's by
    :meth:`render`.

    Examples
    --------
    >>> d = Diagnostic("warning", "a.md", 3, "no subject", Hint.of("name-subject"))
    >>> str(d)
    "a.md:3: warning: no subject (add 'subject:' front matter or give the subject to read it with)"
    >>> d.render(lambda h: h.code.value)
    'a.md:3: warning: no subject (name-subject)'
    """

    severity: Literal["error", "warning"]
    path: str
    line: int | None
    message: str
    hint: Hint | None = None

    def __str__(self) -> str:
        return self.render()

    def render(self, hint_text: HintText = str) -> str:
        """The diagnostic as one line, its hint in ``hint_text``'s words."""
        where = path_line(safe_path(self.path), self.line)
        return Note(f"{where}: {self.severity}: {self.message}", self.hint).render(hint_text)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.severity, self.message)


class InputError(LandscapeError):
    """The input cannot be read into a landscape; carries every error found, not just the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class UsageError(LandscapeError):
    """The caller asked for something that cannot work (bad option value, missing path)."""


class UnknownEntityError(UsageError):
    """A name that matches no entity; carries close matches."""

    def __init__(self, name: str, suggestions: Sequence[str] = (), what: str = "entity"):
        self.name = name
        self.suggestions = tuple(suggestions)
        msg = f"no {what} {name!r}"
        if self.suggestions:
            msg += " (did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?)"
        super().__init__(msg)


class OutputError(LandscapeError):
    """An output that could not be written; names the output, never a temporary file."""

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"{safe_path(self.path)}: cannot write: {reason}")


class BusyError(LandscapeError):
    """Another run holds the lock of an output folder."""


class TooLargeError(LandscapeError):
    """A landscape too large for this machine's memory: stopped before the work that would
    exhaust it. The CLI adds where to go instead (the Parquet export and the Spark report)."""

    def __init__(self, stage: str, entities: int, rivalries: int, needed: int, available: int,
                 source: str):
        self.stage, self.entities, self.rivalries = stage, entities, rivalries
        self.needed, self.available, self.source = needed, available, source
        what = "analyse" if stage == "report" else "load"
        super().__init__(
            f"a landscape of about {entities:,} entities and {rivalries:,} rivalries needs about "
            f"{_gib(needed)} of memory to {what} on one machine, more than the {_gib(available)} "
            f"this run can have ({source}); stopped before running out of memory"
        )


def _gib(n: int) -> str:
    return f"{n / (1 << 30):.1f} GiB"
