"""Options shared by several commands, defined once."""

from __future__ import annotations

import functools
import logging
import os
import sys
import time

import click

from rivalscape.cli.hints import diagnostic_line
from rivalscape.graph.analysis import SAMPLINGS
from rivalscape.graph.cache import ENV as CACHE_ENV, Cache, default_cache_dir
from rivalscape.graph.export import input_warnings
from rivalscape.graph.pipeline import EVIDENCE_CHOICES, Loaded, load, load_lookup
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
    ``--subject NAME`` and ``--evidence all|structural``, and the cache settings
    ``--cache-dir DIR`` and ``--no-cache`` (kept in the click context and applied by
    :func:`load_data`)."""
    f = cache_options(f)
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


def cache_options(f):
    """``--cache-dir DIR`` and ``--no-cache``, kept in the click context (see :func:`run_cache`)."""
    f = click.option(
        "--no-cache", is_flag=True, expose_value=False, callback=_remember, is_eager=True,
        help="Read and build everything again; use and change no cache.",
    )(f)
    return click.option(
        "--cache-dir", metavar="DIR", type=click.Path(file_okay=False), expose_value=False,
        callback=_remember, is_eager=True,
        help=f"The cache of documents and landscapes read before. Default: ${CACHE_ENV}, "
             "else your cache folder (~/.cache/rivalscape).",
    )(f)


def cache_folder() -> str:
    """The cache folder this run uses: ``--cache-dir``, else :func:`graph.cache.default_cache_dir`."""
    meta = click.get_current_context().meta
    return meta.get("landscape.cache_dir") or str(default_cache_dir())


def run_cache() -> Cache | None:
    """The cache of this run (one per command), or None with ``--no-cache``."""
    ctx = click.get_current_context()
    if ctx.meta.get("landscape.no_cache"):
        return None
    if "landscape.cache" not in ctx.meta:
        ctx.meta["landscape.cache"] = Cache(cache_folder())
    return ctx.meta["landscape.cache"]


def echo_cache_problem() -> None:
    """The one warning of a run whose cache folder could not be used (the run goes on without)."""
    ctx = click.get_current_context()
    cache = ctx.meta.get("landscape.cache")
    if cache is not None and cache.problem and not ctx.meta.get("landscape.cache_warned"):
        ctx.meta["landscape.cache_warned"] = True
        echo(f"warning: {cache.problem}", err=True)


# Test-only: seconds a stage runs before its progress bar is drawn (0 draws every bar).
PROGRESS_AFTER_ENV = "LANDSCAPE_PROGRESS_AFTER"
PROGRESS_AFTER = 1.0


class ProgressBars:
    """The library's progress callback (``stage, total, advance``) drawn as one
    ``click.progressbar`` per stage on stderr, once the stage has run about a second."""

    def __init__(self, after: float):
        self.after = after
        self.stage: str | None = None
        self.bar = None

    def __call__(self, stage: str, total: int, advance: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage, self.total, self.done, self.started = stage, total, 0, time.monotonic()
        self.done += advance
        if self.bar is not None:
            self.bar.update(advance)
        elif total > 0 and time.monotonic() - self.started >= self.after:
            self.bar = click.progressbar(length=total, label=stage, file=sys.stderr)
            self.bar.__enter__()
            self.bar.update(self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        self.stage = None


def run_progress() -> ProgressBars | None:
    """The progress bars of this run: none with ``-q`` or when stderr is not a terminal."""
    ctx = click.get_current_context()
    if ctx.meta.get(QUIET) or not sys.stderr.isatty():
        return None
    if "landscape.progress" not in ctx.meta:
        try:
            after = float(os.environ.get(PROGRESS_AFTER_ENV, PROGRESS_AFTER))
        except ValueError:
            after = PROGRESS_AFTER
        bars = ctx.meta["landscape.progress"] = ProgressBars(after)
        ctx.call_on_close(bars.close)
    return ctx.meta["landscape.progress"]


def end_progress() -> None:
    """Finish the progress bar being drawn, if any, before other lines go to stderr."""
    bars = click.get_current_context().meta.get("landscape.progress")
    if bars is not None:
        bars.close()


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
    """Warnings (``Diagnostic``s or strings) on stderr, one safe line each, hints as commands."""
    for d in diagnostics:
        echo(diagnostic_line(d), err=True)


def read_data(loader, data: tuple[str, ...], exclude: tuple[str, ...] = (), **options):
    """``loader`` (:func:`graph.pipeline.load` or ``load_lookup``) on the ``--data`` paths with
    this run's cache, progress bars and reading settings (and the loader's own ``options``);
    whatever happens, the progress bar is finished and a cache problem told. The default
    output folder and the folders in ``exclude`` are not read as data. Prints no input
    warning (the callers do)."""
    try:
        return loader(data_paths(data), exclude=(DEFAULT_OUT, *exclude), cache=run_cache(),
                      progress=run_progress(), **options, **reading_settings())
    finally:
        end_progress()
        echo_cache_problem()


def load_data(data: tuple[str, ...], exclude: tuple[str, ...] = (), landscape: bool = False) -> Loaded:
    """Read the landscape (:func:`read_data`); warnings go to stderr, errors raise (mapped by
    handle_errors).

    Warnings include what every output will change: non-UTF-8 file names, numbers too large
    to be numbers (:func:`graph.export.input_warnings`). Commands need the graph only, and the
    landscape model is let go once it is built, unless ``landscape`` says it is wanted."""
    loaded = read_data(load, data, exclude, keep_landscape=landscape)
    _echo_input_warnings([*loaded.diagnostics, *input_warnings(loaded.graph)])
    return loaded


def load_around_data(data: tuple[str, ...], name: str, depth: int = 1):
    """:func:`load_data` for a question about one entity (``show``, ``competitors``):
    ``(graph, node)``, a graph that answers up to ``depth`` rivalries around the node of
    ``name`` (from a warm cache of a large landscape, only that part of the graph is loaded).
    Warnings are printed before an unknown name is an error, as with :func:`load_data`."""
    lookup = read_data(load_lookup, data)
    _echo_input_warnings([*lookup.diagnostics, *lookup.input_warnings])
    return lookup.around(name, depth)


def _echo_input_warnings(warnings) -> None:
    ctx = click.get_current_context(silent=True)
    if warnings and not (ctx and ctx.meta.get(QUIET)):
        n = len(warnings)
        echo(f"{n} warning{'' if n == 1 else 's'} in the input (-q to hide):", err=True)
        echo_warnings(warnings)


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

