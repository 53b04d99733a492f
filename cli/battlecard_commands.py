"""Battlecards and change over time (issue 13): ``battlecard`` and ``diff``.

Each command builds its inputs, calls one library function and prints what it got: the result
on stdout (or into ``-o FILE``, written atomically), notes on stderr.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from rivalscape.cli.errors import handle_errors
from rivalscape.cli.hints import diagnostic_line
from rivalscape.cli.options import data_option, data_paths, echo_cache_problem, load_data, run_cache, seed_option
from rivalscape.graph import battlecard as bc
from rivalscape.graph import diff as df
from rivalscape.graph.asof import as_of_dates, parse_age
from rivalscape.graph.errors import UsageError
from rivalscape.graph.fileio import write_atomic
from rivalscape.graph.models import RIVAL_KINDS
from rivalscape.graph.query import find_entity
from rivalscape.graph.revisions import load_side


def _output_option(f):
    return click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
                        help="Write to FILE (atomically) instead of stdout.")(f)


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("name")
@click.option("--vs", "vs", default=None, metavar="RIVAL",
              help="One card against this rival (default: one card per rival, most central first).")
@data_option
@click.option("--format", "fmt", type=click.Choice(bc.FORMATS), default="md", show_default=True,
              help="Output format; html is one offline, printable file.")
@_output_option
@click.option("--stale-after", default="180d", show_default=True, metavar="AGE",
              help="Flag lines older than this (180d, 26w, 6m, 1y).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date ages are counted to, YYYY-MM-DD (default: the current date).")
@click.option("--no-git", is_flag=True, help="Do not date lines from git history.")
@seed_option
def battlecard(name, vs, data, fmt, output, stale_after, today, no_git, seed):
    """Battlecards of NAME: where it wins, what rivals say, differentiators, sources with dates.

    With --vs, one card: both snapshots, the thirty-second read (mutual or not, the strongest
    claim each way: the one with most words), claims each way, themes only one side has, other
    vendors likely in the same deal, and every line's path:line with its as-of date (the
    document's front-matter date, else the line's last git commit, else undated).
    Without --vs, one card per rival, most central (PageRank) first, with contents.

    Example:

    \b
        landscape battlecard Modal --vs Replicate --format html -o modal-vs-replicate.html
    """
    with handle_errors():
        G = load_data(data).graph
        a = find_entity(G, name, kinds=RIVAL_KINDS)
        b = find_entity(G, vs, kinds=RIVAL_KINDS) if vs is not None else None
        dating = bc.Dating(as_of_dates(data_paths(data), git=not no_git),
                           today.date() if today else dt.date.today(), parse_age(stale_after))
        text = bc.render_battlecards(bc.battlecards(G, a, b, dating=dating, seed=seed), fmt)
        _emit(text, output)


@click.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--since", default=None, metavar="REV",
              help="Compare git revision REV of the data folder with its working tree.")
@data_option
@click.option("--format", "fmt", type=click.Choice(df.FORMATS), default="md", show_default=True,
              help="Output format.")
@_output_option
@click.option("--rank-threshold", type=click.IntRange(min=1), default=df.RANK_THRESHOLD,
              show_default=True, help="List PageRank rank changes of at least this many places.")
@click.option("--top", type=click.IntRange(min=1), default=df.TOP, show_default=True,
              help="Size of the ranking top the summary watches.")
@seed_option
def diff_command(old, new, since, data, fmt, output, rank_threshold, top, seed):
    """What changed from OLD to NEW: entities (renames matched through aliases), rivalries,
    claims, theme memberships, segment moves, centrality rank changes; the changes that
    matter most in words first.

    OLD and NEW are each a folder, a markdown file, or a git revision of the data folder
    (--data, read through git without checking anything out); a path that exists wins over
    a revision of the same name. --since REV compares REV with
    the working tree.

    Example:

    \b
        landscape diff --since HEAD~1 --data data/
    """
    with handle_errors():
        if since is not None and (old or new):
            raise UsageError("give either OLD NEW or --since REV, not both")
        if since is None and not (old and new):
            raise UsageError("give OLD and NEW (folders, files or git revisions), or --since REV")
        paths = data_paths(data)
        if len(paths) != 1 and (since or not all(map(_exists, (old, new)))):
            raise UsageError("a git revision is read from one data folder; give one --data")
        old, new = (since, paths[0]) if since is not None else (old, new)
        sides = []
        for spec in (old, new):
            try:
                loaded = load_side(spec, paths[0], cache=run_cache())
            finally:
                echo_cache_problem()
            for d in map(diagnostic_line, loaded.diagnostics):
                click.echo(d if d.startswith(f"{spec}:") else f"{spec}: {d}", err=True)
            sides.append(loaded.graph)
        result = df.diff_graphs(*sides, rank_threshold=rank_threshold, top=top, seed=seed)
        _emit(df.render_diff(result, fmt, old=old, new=new if since is None else "working tree"), output)


def _exists(spec: str) -> bool:
    return Path(spec).exists()

COMMANDS = [battlecard, diff_command]
