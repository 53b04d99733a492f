"""Options shared by several commands, defined once."""

from __future__ import annotations

import json
import logging
import os

import click

from graph.pipeline import Loaded, load

DEFAULT_DATA = "data"


QUIET = "landscape.quiet"  # ctx.meta key, shared by the group and its commands


def quiet_callback(ctx: click.Context, param, value: bool) -> bool:
    if value:
        ctx.meta[QUIET] = True
    return value


def quiet_option(f):
    """``-q/--quiet``: no input warnings on stderr (errors still show)."""
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=quiet_callback,
                        help="Do not print warnings about the input.")(f)


def verbose_option(f):
    """``-v/--verbose`` on a command as well as on ``landscape`` itself: progress logs on stderr."""
    def callback(ctx, param, value):
        if value:
            logging.getLogger().setLevel(logging.INFO)
        return value

    return click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=callback,
                        help="Log progress to stderr.")(f)


def data_option(f):
    """``--data PATH`` (repeatable): a markdown file or a folder of ``*.md``; default ``data/``."""
    f = quiet_option(f)
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


def load_data(data: tuple[str, ...]) -> Loaded:
    """Read the landscape; warnings go to stderr once, as a count then the list (none with
    -q), errors raise (mapped by handle_errors)."""
    loaded = load(data_paths(data))
    ctx = click.get_current_context(silent=True)
    n = len(loaded.diagnostics)
    if n and not (ctx and ctx.meta.get(QUIET)):
        click.echo(f"{n} warning{'' if n == 1 else 's'} in the input (-q to hide):", err=True)
        for d in loaded.diagnostics:
            click.echo(str(d), err=True)
    return loaded


def echo_json(obj) -> None:
    """One JSON document on stdout, stable key order as built, UTF-8 kept readable."""
    click.echo(json.dumps(obj, indent=2, ensure_ascii=False))
