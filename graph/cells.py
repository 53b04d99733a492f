"""Spreadsheet cells: the one rule shared by the table readers and the table writers.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, tab or CR as a formula.
We write such cells with a leading ``'`` (OWASP's advice against CSV injection) and the table
readers take exactly that one ``'`` off again, so an export reads back unchanged.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def quote_cell(text: str) -> str:
    """A cell as we write it: a would-be formula gets a leading ``'``; so does a cell that
    already starts with quotes before one, so that :func:`unquote_cell` gives it back.

    Examples
    --------
    >>> quote_cell("=1+1"), quote_cell("'=x"), quote_cell("Acme")
    ("'=1+1", "''=x", 'Acme')
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_START) else text


def unquote_cell(text: str) -> str:
    """The inverse of :func:`quote_cell`: one leading ``'`` before a would-be formula goes.

    Examples
    --------
    >>> unquote_cell("'=1+1"), unquote_cell("''=x"), unquote_cell("'quoted'")
    ('=1+1', "'=x", "'quoted'")
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text
