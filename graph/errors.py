"""Exceptions whose ``str()`` is the message a person should read.

The library raises these and never prints; ``cli.errors.handle_errors`` maps them to exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence


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
        where = self.path if self.line is None else f"{self.path}:{self.line}"
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
