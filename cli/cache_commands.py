"""``landscape cache info|clear``: the cache of documents and landscapes read before."""

from __future__ import annotations

import click

from rivalscape.cli.errors import handle_errors
from rivalscape.cli.options import cache_folder, echo, echo_json, json_option
from rivalscape.graph.cache import ENV, Cache


def _cache_dir_option(f):
    return click.option(
        "--cache-dir", metavar="DIR", type=click.Path(file_okay=False), expose_value=False,
        callback=lambda ctx, param, value: ctx.meta.__setitem__("landscape.cache_dir", value),
        is_eager=True, help=f"The cache folder. Default: ${ENV}, else ~/.cache/rivalscape.",
    )(f)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


@click.group("cache")
def cache_group():
    """The cache of work already done: documents parsed and landscapes built before.

    Every command that reads data keeps it (in $LANDSCAPE_CACHE_DIR, else
    $XDG_CACHE_HOME/rivalscape, else ~/.cache/rivalscape; --cache-dir DIR moves it,
    --no-cache bypasses it). An entry is found again only for the same bytes read with the
    same settings by the same version of landscape, so the cache never changes an answer.

    Example:

    \b
        landscape cache info
        landscape cache clear
    """


@cache_group.command("info")
@_cache_dir_option
@json_option
def info(as_json):
    """Where the cache is, how many entries it holds and their size.

    Example:

    \b
        landscape cache info --json
    """
    with handle_errors():
        doc = Cache(cache_folder()).info()
    if as_json:
        echo_json(doc)
        return
    echo(f"folder: {doc['folder']}")
    kinds = ", ".join(f"{k['entries']} {name}" for name, k in doc["kinds"].items())
    echo(f"entries: {doc['entries']}" + (f" ({kinds})" if kinds else ""))
    echo(f"size: {_size(doc['bytes'])}")


@cache_group.command("clear")
@_cache_dir_option
def clear():
    """Remove every entry of the cache (the next run reads everything again).

    Example:

    \b
        landscape cache clear
    """
    with handle_errors():
        cache = Cache(cache_folder())
        before = cache.clear()
    echo(f"removed {before['entries']} entries ({_size(before['bytes'])}) from {cache.folder}")


COMMANDS = [cache_group]
