"""Options shared by several commands, defined once."""

from __future__ import annotations

import functools
import logging
import os

import click

from rivalscape.graph.analysis import SAMPLINGS
from rivalscape.graph.export import input_warnings
from rivalscape.graph.pipeline import EVIDENCE_CHOICES, Loaded, load
from rivalscape.graph.text import dumps_json, printable

DEFAULT_DATA = "data"
DEFAULT_OUT = "output"  # build's default --out; never read as data


def _remember(ctx: click.Context, param: click.Parameter, value):
    ctx.meta[f"landscape.{param.name}"] = value
    return value


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
    """``--data PATH`` (repeatable): a markdown file or a folder of ``*.md``; default ``data/``.

    With it come the reading settings every command that reads documents shares:
    ``--subject NAME`` and ``--evidence all|structural`` (kept in the click context and
    applied by :func:`load_data`)."""
    f = click.option(
        "--evidence", type=click.Choice(EVIDENCE_CHOICES), default="all", show_default=True,
        expose_value=False, callback=_remember, is_eager=True,
        help="'structural' leaves out rivalries read only from running prose.",
    )(f)
    f = click.option(
        "--subject", metavar="NAME", expose_value=False, callback=_remember, is_eager=True,
        help="What a document is about when it never names itself (front matter 'subject:' wins).",
    )(f)
    f = quiet_option(f)
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(exists=True, dir_okay=True, file_okay=True),
        help="A markdown file or a folder of *.md files (repeatable). Default: data/",
    )(f)


def reading_settings() -> dict:
    """``subject`` and ``evidence`` as given on the command line (see :func:`data_option`)."""
    meta = click.get_current_context().meta
    return {"subject": meta.get("landscape.subject"), "evidence": meta.get("landscape.evidence") or "all"}


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")(f)


def data_paths(data: tuple[str, ...]) -> tuple[str, ...]:
    """The ``--data`` paths, or ``data/`` when none were given (a usage error if it is missing)."""
    if data:
        return data
    if not os.path.exists(DEFAULT_DATA):
        raise click.UsageError(f"no --data given and no {DEFAULT_DATA}/ folder here; pass --data PATH")
    return (DEFAULT_DATA,)


def echo(line: str = "", *, err: bool = False, multiline: bool = False) -> None:
    """``click.echo`` for text that may hold document text or file names: control
    characters, escape sequences, U+2028 and bidi controls are shown as ``\\xNN``/``\\uNNNN``
    escapes (:func:`graph.text.printable`). ``multiline=True`` keeps newlines (text whose line
    breaks we made, e.g. a table); otherwise one call prints exactly one line."""
    click.echo(printable(line, multiline=multiline), err=err)


def echo_warnings(diagnostics) -> None:
    """Warnings (``Diagnostic``s or strings) on stderr, one safe line each."""
    for d in diagnostics:
        echo(str(d), err=True)


def load_data(data: tuple[str, ...], exclude: tuple[str, ...] = ()) -> Loaded:
    """Read the landscape; warnings go to stderr, errors raise (mapped by handle_errors).

    Warnings include what every output will change: non-UTF-8 file names, numbers too large
    to be numbers (:func:`graph.export.input_warnings`). The default output folder and the
    folders in ``exclude`` are not read as data."""
    loaded = load(data_paths(data), exclude=(DEFAULT_OUT, *exclude), **reading_settings())
    warnings = [*loaded.diagnostics, *input_warnings(loaded.graph)]
    ctx = click.get_current_context(silent=True)
    if warnings and not (ctx and ctx.meta.get(QUIET)):
        n = len(warnings)
        echo(f"{n} warning{'' if n == 1 else 's'} in the input (-q to hide):", err=True)
        echo_warnings(warnings)
    return loaded


def echo_json(obj) -> None:
    """One JSON document on stdout, stable key order as built, UTF-8 kept readable.

    Always valid JSON (:func:`graph.text.dumps_json`): NaN/Infinity are written as null, lone
    surrogates as ``\\xNN`` text, DEL/C1/U+2028/bidi characters as ``\\uNNNN`` escapes (the
    same value, safe on a terminal); control characters are escaped by JSON itself."""
    click.echo(dumps_json(obj, indent=2))


def sampling_option(f):
    """``--sampling [auto|exact|sampled]``: how betweenness and closeness are computed.

    ``--exact``, the flag it replaces, is kept hidden as a deprecated alias of
    ``--sampling exact`` (a note on stderr says so)."""

    @functools.wraps(f)
    def wrapper(*args, exact: bool = False, **kwargs):
        if exact:
            click.echo("note: --exact is deprecated; use --sampling exact", err=True)
            kwargs["sampling"] = "exact"
        return f(*args, **kwargs)

    wrapper = click.option("--exact", is_flag=True, hidden=True,
                           help="Deprecated alias of --sampling exact.")(wrapper)
    return click.option(
        "--sampling", type=click.Choice(SAMPLINGS), default="auto", show_default=True,
        help="Betweenness and closeness: auto (exact up to 20,000 entities, sampled "
             "beyond), exact (slow on large graphs) or sampled.")(wrapper)


def seed_option(f):
    """``--seed N``: the one seed of everything random (sampling, segments, layout)."""
    return click.option("--seed", default=0, show_default=True, type=int,
                        help="Seed of everything random: sampling, segments, page layout.")(f)

