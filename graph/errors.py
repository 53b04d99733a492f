"""Exceptions whose ``str()`` is the message a person should read.

The library raises these and never prints; ``cli.errors.handle_errors`` maps them to exit codes.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from typing import Literal, Sequence

# Characters that are not shown as themselves: C0/C1 controls (a newline could forge a whole
# message line), line/paragraph separators, format characters such as bidi overrides
# (zero-width joiners stay: scripts need them) and lone surrogates (undecodable bytes).
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
_JOINERS = {"\u200c", "\u200d"}
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def safe_path(path: str | bytes | os.PathLike) -> str:
    r"""A path as it may be shown on one line of a message: control and invisible characters
    become escapes, an undecodable byte (kept as a surrogate by ``os.fsdecode``) ``\xNN``.

    >>> safe_path("data/a.md")
    'data/a.md'
    >>> print(safe_path("evil\ndata/x.md:1: error: forged"))
    evil\ndata/x.md:1: error: forged
    >>> print(safe_path(b"caf\xe9.md"))
    caf\xe9.md
    """
    s = os.fsdecode(path)
    if s.isprintable():
        return s
    return "".join(_escape(ch) for ch in s)


def _escape(ch: str) -> str:
    if ch in _SHORT:
        return _SHORT[ch]
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # os.fsdecode's surrogateescape for a byte that is not UTF-8
        return f"\\x{o - 0xDC00:02x}"
    if ch in _JOINERS or unicodedata.category(ch) not in _HIDDEN:
        return ch
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


class LandscapeError(Exception):
    """Base class of every error the library reports to a person."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem in the input, located like a compiler message: ``path:line: message``."""

    severity: Literal["error", "warning"]
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        path = safe_path(self.path)
        where = path if self.line is None else f"{path}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"

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
