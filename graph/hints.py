"""What a person can do next, said by the library without naming how.

The library never names a command, a flag or a file: it is used from the command line, from
Python and from other programs, and only the caller knows how its own user asks for things.
A message that points to a next step carries a :class:`Hint` instead, a stable code and its
parameters. Its library wording (``str(hint)``) names no command; the command line turns each
code into its command (``rivalscape.cli.hints``, one table), and a JSON output carries
``hint.as_json()``, ``{"code": ..., <parameters>}``.

The codes (values are stable; JSON outputs carry them):

``show-theme`` (``name``)
    a theme has members, not rivals: the theme's profile lists its members.
``name-subject``
    a document names no subject: add ``subject:`` front matter, or give the subject to read
    the documents with.
``more-rows`` (``top``)
    a table shows its first rows: a report with ``top`` rows per ranking shows them all.
``full-centrality``
    a centrality summary shows the first entities: the full centrality table lists all.
``make-card`` (``a``, ``b``)
    no battlecard was written for the rivalry of ``a`` and ``b``: a battlecard of the pair
    (one HTML file) can be made. A page gets it as a template: ``a`` and ``b`` are ``{a}`` and
    ``{b}``, replaced by the pair's names where it is shown (:func:`card_template`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable

__all__ = ["Hint", "HintCode", "HintText", "Note", "card_template"]


class HintCode(str, Enum):
    """The next steps the library can point to; the values are stable (JSON outputs carry them)."""

    SHOW_THEME = "show-theme"
    NAME_SUBJECT = "name-subject"
    MORE_ROWS = "more-rows"
    FULL_CENTRALITY = "full-centrality"
    MAKE_CARD = "make-card"


# The library's words for each hint: they say what helps, never which command does it.
_WORDS = {
    HintCode.SHOW_THEME: "its profile lists them",
    HintCode.NAME_SUBJECT: "add 'subject:' front matter or give the subject to read it with",
    HintCode.MORE_ROWS: "a report of the top {top} lists them",
    HintCode.FULL_CENTRALITY: "the full centrality table lists every one",
    HintCode.MAKE_CARD: "a battlecard of {a} against {b} can be made as one HTML file",
}


@dataclass(frozen=True)
class Hint:
    """A next step: a :class:`HintCode` and its parameters (sorted ``(name, value)`` pairs).

    Examples
    --------
    >>> h = Hint.of("more-rows", top=15)
    >>> str(h), h["top"], h.as_json()
    ('a report of the top 15 lists them', 15, {'code': 'more-rows', 'top': 15})
    """

    code: HintCode
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: HintCode | str, **params: Any) -> "Hint":
        return cls(HintCode(code), tuple(sorted(params.items())))

    def __getitem__(self, name: str) -> Any:
        return dict(self.params)[name]

    def __str__(self) -> str:
        return _WORDS[self.code].format(**dict(self.params))

    def as_json(self) -> dict:
        """``{"code": ..., <parameters>}``, as JSON outputs carry a hint."""
        return {"code": self.code.value, **dict(self.params)}


HintText = Callable[[Hint], str]
"""Words for a hint: ``str`` gives the library's; the command line passes its own."""


@dataclass(frozen=True)
class Note:
    """A sentence for a person that may end in a hint, placed by ``template``.

    Examples
    --------
    >>> note = Note("… 5 more rivalries", Hint.of("more-rows", top=15), "{text}: {hint}")
    >>> str(note)
    '… 5 more rivalries: a report of the top 15 lists them'
    >>> note.render(lambda h: f"ask for {h['top']}")
    '… 5 more rivalries: ask for 15'
    """

    text: str
    hint: Hint | None = None
    template: str = "{text} ({hint})"

    def render(self, hint_text: HintText = str) -> str:
        """The sentence, its hint in ``hint_text``'s words (the library's by default)."""
        if self.hint is None:
            return self.text
        return self.template.format(text=self.text, hint=hint_text(self.hint))

    def __str__(self) -> str:
        return self.render()


def card_template(hints: HintText | None) -> str | None:
    """The ``make-card`` hint in ``hints``' words with ``{a}`` and ``{b}`` for the pair's
    names, for a page that fills them in; ``None`` without ``hints`` (the page then shows no
    way to make a card, only that there is none).

    >>> card_template(str)
    'a battlecard of {a} against {b} can be made as one HTML file'
    >>> card_template(None) is None
    True
    """
    return None if hints is None else hints(Hint.of(HintCode.MAKE_CARD, a="{a}", b="{b}"))
