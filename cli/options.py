"""Options shared by several commands, defined once."""

from __future__ import annotations

import json
import os

import click

from graph.pipeline import Loaded, load

DEFAULT_DATA = "data"
DEFAULT_OUT = "output"  # build's default --out; never read as data


def data_option(f):
    """``--data PATH`` (repeatable): a markdown file or a folder of ``*.md``; default ``data/``."""
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(exists=True, dir_okay=True, file_okay=True),
        help="A markdown file or a folder of *.md files (repeatable). Default: data/",
    )(f)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")(f)


def data_paths(data: tuple[str, ...]) -> tuple[str, ...]:
    """The ``--data`` paths, or ``data/`` when none were given (a usage error if it is missing)."""
    if data:
        return data
    if not os.path.exists(DEFAULT_DATA):
        raise click.UsageError(f"no --data given and no {DEFAULT_DATA}/ folder here; pass --data PATH")
    return (DEFAULT_DATA,)


def load_data(data: tuple[str, ...], exclude: tuple[str, ...] = ()) -> Loaded:
    """Read the landscape; warnings go to stderr, errors raise (mapped by handle_errors).

    The default output folder and the folders in ``exclude`` are not read as data."""
    loaded = load(data_paths(data), exclude=(DEFAULT_OUT, *exclude))
    for d in loaded.diagnostics:
        click.echo(str(d), err=True)
    return loaded


def echo_json(obj) -> None:
    """One JSON document on stdout, stable key order as built, UTF-8 kept readable."""
    click.echo(json.dumps(obj, indent=2, ensure_ascii=False))
