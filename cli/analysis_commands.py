"""Analysis commands: centrality, report, segments, similar, path (issue "Analysis that scales").

Each command parses its options, calls one library function and prints what it got: results
on stdout, notes on stderr.
"""

from __future__ import annotations

import os

import click

from rivalscape.cli.errors import handle_errors
from rivalscape.cli.hints import hint_text, hints_json, note_line
from rivalscape.cli.options import (
    data_option,
    echo,
    echo_json,
    json_option,
    load_data,
    sampling_option,
    seed_option,
)
from rivalscape.graph import analysis, report
from rivalscape.graph.fileio import write_atomic
from rivalscape.graph.query import find_entity, ref, theme_note
from rivalscape.graph.text import printable

def _resolution_option(f):
    return click.option("--resolution", default=1.0, show_default=True,
                        type=click.FloatRange(min=0, min_open=True),
                        help="Modularity resolution: higher gives more, smaller segments.")(f)


def _table(columns: list[str], rows: list[list]) -> str:
    def cell(v):
        if isinstance(v, float):
            return f"{v:.4f}"
        if isinstance(v, (list, tuple)):
            return ", ".join(map(str, v))
        return "" if v is None else str(v)

    text = [[cell(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in text]) for i, c in enumerate(columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in text]
    return "\n".join(out)


@click.command()
@data_option
@click.option("--metric", type=click.Choice(analysis.METRICS, case_sensitive=False), default="degree",
              show_default=True, help="Rank by this metric, in any case (every metric is shown).")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show the first N rows.")
@json_option
@sampling_option
@seed_option
def centrality(data, metric, top, as_json, sampling, seed):
    """Degree, betweenness, PageRank, eigenvector and closeness of every entity.

    Computed on the competition graph (companies, competitors and alternatives joined by
    rivalries; themes left out), normalised as in NetworkX (eigenvector per connected
    group), ranked by --metric then name. Above 20,000 entities betweenness and closeness
    are sampled (--sampling auto; exact or sampled force one way; --seed seeds it). --json
    prints one object: how the values were computed (sampling, sample size, seed) and the rows (name, id, kind, rivals, one field per metric). Notes go to stderr.

    Example:

    \b
        landscape centrality --metric betweenness --top 5
    """
    with handle_errors():
        result = analysis.analyze(load_data(data).graph,
                                  analysis.Settings(sampling=sampling, seed=seed),
                                  parts={"centrality"})
        doc = result.centrality_table(metric, top=top)
    if not doc["sampling"]["exact"]:
        echo(report.sampling_note(doc["sampling"]), err=True)
    if as_json:
        echo_json(doc)
        return
    echo(f"{doc['graph']} {doc['eigenvector']} Ranked by {doc['metric']}.", err=True)
    if doc["sampling"]["exact"]:
        echo(report.sampling_note(doc["sampling"]), err=True)
    if doc["shown"] < doc["count"]:
        echo(f"the first {doc['shown']} of {doc['count']} entities", err=True)
    echo(_table(["name", "kind", "rivals", *analysis.METRICS],
                [[r["name"], r["kind"], r["rivals"], *[r[m] for m in analysis.METRICS]]
                 for r in doc["rows"]]), multiline=True)


@click.command("report")
@data_option
@click.option("--format", "fmt", type=click.Choice(report.FORMATS), default=None,
              help="Output format [default: from the -o extension, else md]. csv writes one "
                   "file per table into the -o folder, or a zip when -o ends in .zip.")
@click.option("-o", "--output", "--out", "output", type=click.Path(), default=None,
              help="Write to FILE (atomically) instead of stdout; --out is an alias.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Rows per ranking.")
@sampling_option
@seed_option
@_resolution_option
def report_command(data, fmt, output, top, sampling, seed, resolution):
    """The full landscape report: key findings, centrality, segments, most contested, mutual
    and one-sided rivalries, hidden rivals, claim dimensions, theme coverage.

    Example:

    \b
        landscape report -o output/report.html
        landscape report --format csv -o output/report-tables.zip
    """
    with handle_errors():
        fmt = report.output_format(output, fmt)
        G = load_data(data).graph
        settings = analysis.Settings(sampling=sampling, seed=seed, top=top, resolution=resolution)
        rep = report.build_report(G, settings=settings)
        if fmt == "csv":
            written = _write_csv(rep, output)
        else:
            text = report.render_report(rep, fmt, hints=hint_text)
            if output:
                write_atomic(output, text)
            written = [output] if output else []
    for path in written:
        echo(f"wrote {path}", err=True)
    if not output:
        click.echo(text if fmt in ("json", "csv") else printable(text, multiline=True), nl=False)


def _write_csv(rep: dict, output: str) -> list[str]:
    if output.lower().endswith(".zip"):
        write_atomic(output, report.render_csv_zip(rep))
        return [output]
    paths = []
    for name, text in report.render_csv_tables(rep).items():
        path = os.path.join(output, name)
        write_atomic(path, text)
        paths.append(path)
    return paths


@click.command()
@data_option
@json_option
@seed_option
@_resolution_option
def segments(data, as_json, seed, resolution):
    """Market segments: communities of the competition graph, each named by its most central
    member, with the themes its members share and the modularity obtained.

    The partition is the best of several Leiden runs shuffled by --seed (and, on small
    graphs, the exact modularity optimum); the output says which.

    Example:

    \b
        landscape segments --json
    """
    with handle_errors():
        result = analysis.analyze(load_data(data).graph,
                                  analysis.Settings(seed=seed, resolution=resolution),
                                  parts={"segments"}).segments
    if as_json:
        echo_json(result)
        return
    echo(f"{len(result['segments'])} segments, modularity {result['modularity']:.4f} "
               f"({result['method']}, resolution {resolution:g}, seed {seed})")
    for s in result["segments"]:
        themes = ", ".join(f"{t['name']} ({t['members']})" for t in s["shared_themes"])
        echo()
        echo(f"{s['segment']}. {s['name']}: {s['size']} members, {s['companies']} companies")
        echo("   " + ", ".join(m["name"] for m in s["members"]))
        if themes:
            echo(f"   shared themes: {themes}")
    if result["unconnected"]:
        echo()
        echo(f"no rivalry: {', '.join(u['name'] for u in result['unconnected'])}")


@click.command()
@data_option
@click.argument("name")
@click.option("--threshold", type=click.FloatRange(0, 1), default=analysis.HIDDEN_RIVAL_THRESHOLD,
              show_default=True, help="Least Jaccard similarity of rivals and themes.")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show the first N rows.")
@json_option
def similar(data, name, threshold, top, as_json):
    """Hidden rivals of NAME: entities it has no rivalry with that share at least one of
    its rivals, by Jaccard similarity of rivals and themes, with what they share.

    Example:

    \b
        landscape similar "W&B" --threshold 0.1
    """
    with handle_errors():
        G = load_data(data).graph
        node = find_entity(G, name)
        note = theme_note(G, node)
        rows = [] if note else analysis.similar(G, node, threshold=threshold, top=top)
    if note:
        echo(note_line(note), err=True)
    if as_json:
        echo_json({**ref(G, node), "threshold": threshold, "similar": rows, **hints_json(note)})
        return
    echo(f"Hidden rivals of {G.nodes[node]['label']} (Jaccard >= {threshold}):")
    if not rows:
        echo("(none)")
        return
    echo(_table(["name", "kind", "score", "shared rivals", "shared themes"],
                [[r["name"], r["kind"], r["score"], r["shared_rivals"], r["shared_themes"]]
                 for r in rows]), multiline=True)


@click.command()
@data_option
@click.argument("a")
@click.argument("b")
@json_option
def path(data, a, b, as_json):
    """The shortest chain of rivalries from A to B, each step with its claim.

    No chain (or a theme, which has members, not rivals) is an empty result: exit 0, a note
    on stderr, and with --json an object with no steps.

    Example:

    \b
        landscape path "Weights & Biases" RunPod
    """
    with handle_errors():
        G = load_data(data).graph
        u, v = find_entity(G, a), find_entity(G, b)
        steps = analysis.rivalry_path(G, u, v)
    notes = [n for n in (theme_note(G, u), theme_note(G, v)) if n is not None]
    for note in notes:
        echo(note_line(note), err=True)
    if not steps:
        echo(f"no chain of rivalries joins {G.nodes[u]['label']!r} and "
                   f"{G.nodes[v]['label']!r}", err=True)
    if as_json:
        echo_json({"from": ref(G, u), "to": ref(G, v), "steps": steps, **hints_json(*notes)})
        return
    if not steps:
        return
    echo(f"{G.nodes[u]['label']} -> {G.nodes[v]['label']}: {len(steps)} rivalries")
    for i, s in enumerate(steps, 1):
        echo(f"{i}. {s['from']} vs. {s['to']}")
        for c in s["claims"]:
            echo(f"   {c['by']}: {c['text']} ({c['source']})")

COMMANDS = [centrality, report_command, segments, similar, path]
