"""Shared by the battlecard and diff outputs: document text made safe for Markdown, and the
autoescaped Jinja environment for their one-file HTML templates."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from rivalscape.graph.text import printable

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`<>[]|"})


def md_text(text) -> str:
    """Document text as Markdown that renders as that text: no raw HTML, links or code spans,
    and no control character acting on a terminal (escaped as :func:`graph.text.printable` does).

    Examples
    --------
    >>> md_text("<img src=x onerror=alert(1)> [a](b) | c")
    '\\\\<img src=x onerror=alert(1)\\\\> \\\\[a\\\\](b) \\\\| c'
    """
    return printable(" ".join(("" if text is None else str(text)).translate(_MD_SPECIAL).split()))


def md_table(columns: list, rows: list, cell) -> list[str]:
    """A Markdown table's lines, each header and value written by ``cell``; ``(none)`` for
    no rows.

    >>> md_table(["a", "b"], [[1, "x|y"]], md_text)
    ['| a | b |', '|---|---|', '| 1 | x\\\\|y |']
    """
    if not rows:
        return ["(none)"]
    return ["| " + " | ".join(cell(c) for c in columns) + " |",
            "|" + "|".join("---" for _ in columns) + "|",
            *("| " + " | ".join(cell(v) for v in r) + " |" for r in rows)]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(Path(__file__).resolve().parent / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )


def render_template(name: str, **context) -> str:
    """Render one of the autoescaped templates in ``graph/templates``; control characters
    from document text (which HTML escaping leaves alone) become visible escapes, so the
    page prints safely on a terminal too."""
    return printable(_environment().get_template(name).render(**context), multiline=True)
