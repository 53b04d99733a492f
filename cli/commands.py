"""Core commands: build, validate, competitors, show, themes, export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.errors import handle_errors
from cli.main import cli
from cli.options import data_option, data_paths, echo_json, json_option, load_data, verbose_option
from graph import query
from graph.errors import InputError
from graph.export import FORMATS, export
from graph.fileio import write_atomic


@cli.command()
@data_option
@click.option("-o", "--out", "out", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the outputs into (-o too).")
@click.option("--focus", default=None, help="Draw only the neighbourhood of this entity.")
@click.option("--depth", default=None, type=click.IntRange(1, 10),
              help="With --focus: how many rivalries away to draw.  [default: 1]")
@click.option("--exact", is_flag=True, help="Exact betweenness/closeness even on large graphs.")
@verbose_option
def build(data, out, focus, depth, exact):
    """Build the landscape: HTML page, node-link graph, centrality and full report.

    Writes OUT/landscape.html, OUT/graph.json, OUT/centrality.md and OUT/report.md, and
    prints a one-line summary. Each file is written beside its old version and swapped in
    whole, so bad input or a failed run never leaves a broken output behind.

    Example:

    \b
        landscape build --data data/ --out output/
    """
    from graph.build_outputs import build_outputs

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus (the entity whose neighbourhood to draw)")
    depth = depth or 1
    with handle_errors():
        loaded = load_data(data)
        G = loaded.graph
        focus_id = query.find_entity(G, focus) if focus else None
        files, notes = build_outputs(G, out=Path(out), focus=focus_id, depth=depth, exact=exact)
        for note in notes:
            click.echo(note, err=True)
        for path, content in files.items():
            write_atomic(path, content)
    s = query.summary(G)
    click.echo(
        f"{s['companies']} companies, {s['competitors']} competitors, "
        f"{s['alternatives']} alternatives, {s['themes']} themes, {s['rivalries']} rivalries"
    )
    for path in files:
        click.echo(f"wrote {path}", err=True)


@cli.command()
@data_option
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
def validate(data, strict):
    """Check the input documents; list every error and warning as path:line: message.

    Exits 1 when there are errors (with --strict: warnings too), 0 otherwise.

    Example:

    \b
        landscape validate --data data/ --strict
    """
    from graph.pipeline import load

    with handle_errors():
        try:
            loaded = load(data_paths(data))
            diagnostics = loaded.diagnostics
        except InputError as e:
            diagnostics = e.diagnostics
    for d in diagnostics:
        click.echo(str(d))
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        sys.exit(1)


def _print_claims(claims, indent="    "):
    for c in claims:
        text = c["text"] or "(no claim text)"
        click.echo(f"{indent}{c['by']}: {text}  [{c['source']}]")


@cli.command()
@click.argument("name")
@data_option
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 10),
              help="Rivals of rivals: how many rivalries away to go.")
@json_option
def competitors(name, data, depth, as_json):
    """The rivals of a company, competitor or alternative, with each claim and its source.

    NAME may be a name, an alias or an acronym, in any case. A theme has members, not
    rivals: its list is empty and a note on stderr says so.

    Example:

    \b
        landscape competitors Replicate
        landscape competitors "W&B" --depth 2 --json
    """
    with handle_errors():
        G = load_data(data).graph
        node = query.find_entity(G, name)
        rows = query.competitors(G, node, depth=depth)
    note = query.theme_note(G, node)
    if note:
        click.echo(note, err=True)
    if as_json:
        echo_json({**query.ref(G, node), "depth": depth, "competitors": rows})
        return
    label = G.nodes[node]["label"]
    if not rows:
        if not note:
            click.echo(f"{label}: no rivals in this landscape")
        return
    click.echo(f"Rivals of {label} ({G.nodes[node]['kind']}):")
    for r in rows:
        via = f", via {r['via']}" if r["via"] else ""
        dist = f" [distance {r['distance']}{via}]" if depth > 1 else ""
        click.echo(f"  {r['name']} ({r['kind']}){dist}")
        _print_claims(r["claims"])


@cli.command()
@click.argument("name")
@data_option
@json_option
def show(name, data, as_json):
    """The profile of one entity: facts, rivals with claims, themes, sources.

    Example:

    \b
        landscape show "Modal Labs"
    """
    with handle_errors():
        G = load_data(data).graph
        p = query.profile(G, query.find_entity(G, name))
    if as_json:
        echo_json(p)
        return
    click.echo(f"{p['name']} ({p['kind']})")
    if p["aliases"]:
        click.echo(f"  also known as: {', '.join(p['aliases'])}")
    if p["facts"]:
        click.echo("Facts:")
        for f in p["facts"]:
            click.echo(f"  {f['label']}: {f['text']}  [{f['source']}]")
    if p["competitors"]:
        click.echo("Rivals:")
        for r in p["competitors"]:
            click.echo(f"  {r['name']} ({r['kind']})")
            _print_claims(r["claims"])
    if p["themes"]:
        click.echo("Themes:")
        for t in p["themes"]:
            click.echo(f"  {t['name']}: {t['description']}  [{t['source']}]")
    if p.get("members"):
        click.echo("Members:")
        for m in p["members"]:
            click.echo(f"  {m['name']}: {m['description']}  [{m['source']}]")
    click.echo("Sources: " + ", ".join(p["sources"]))


@cli.command()
@click.argument("name", required=False)
@data_option
@json_option
def themes(name, data, as_json):
    """Themes with their members, or one theme; NAME may also be any other entity: the
    themes it belongs to.

    Example:

    \b
        landscape themes
        landscape themes "Open Source Integration"
        landscape themes "Modal Labs"
    """
    with handle_errors():
        G = load_data(data).graph
        rows = query.themes(G, query.find_entity(G, name) if name is not None else None)
    if as_json:
        echo_json({"themes": rows})
        return
    if not rows:
        click.echo("no themes in this landscape" if name is None else
                   f"{name}: in no theme", err=name is not None)
    for r in rows:
        members = ", ".join(m["name"] for m in r["members"]) or "(no named members)"
        click.echo(f"{r['name']}  [{r['source']}]")
        click.echo(f"  members: {members}")
        if name is not None:
            for m in r["members"]:
                click.echo(f"    {m['name']}: {m['description']}  [{m['source']}]")


@cli.command(name="export")
@data_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="node-link", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="File to write (default: stdout).")
def export_cmd(data, fmt, output):
    """Export the graph as node-link JSON, GraphML or GEXF (Gephi, Cytoscape).

    Example:

    \b
        landscape export --format graphml -o output/landscape.graphml
    """
    with handle_errors():
        G = load_data(data).graph
        content = export(G, fmt)
        if output:
            write_atomic(output, content)
    if output:
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(content.decode("utf-8"), nl=False)
