"""Core commands: build, validate, competitors, show, themes, export."""

from __future__ import annotations

from pathlib import Path

import click

from rivalscape.cli.errors import handle_errors
from rivalscape.cli.hints import diagnostic_line, hint_text, hints_json, note_line
from rivalscape.cli.options import (
    data_option,
    data_paths,
    echo,
    echo_json,
    echo_warnings,
    end_progress,
    json_option,
    load_around_data,
    load_data,
    read_data,
    sampling_option,
    seed_option,
    run_cache,
    run_progress,
    verbose_option,
)
from rivalscape.graph import query
from rivalscape.graph.analysis import Settings
from rivalscape.graph.errors import InputError, safe_path
from rivalscape.graph.export import FORMATS, export, format_for_path, input_warnings
from rivalscape.graph.export_parquet import PARQUET_FORMATS
from rivalscape.graph.export_tables import TABLE_FORMATS, export_tables
from rivalscape.graph.fileio import write_atomic
from rivalscape.graph.text import printable


@click.command()
@data_option
@click.option("-o", "--out", "out", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the outputs into (-o too).")
@click.option("--focus", default=None, help="Draw only the neighbourhood of this entity.")
@click.option("--depth", default=None, type=click.IntRange(1, 10),
              help="With --focus: how many links away to draw (rivalries and theme "
                   "memberships; not onward through a theme).  [default: 1]")
@sampling_option
@seed_option
@click.option("--compare", "compare", default=None, metavar="REV",
              help="Mark on the page what changed since git revision REV of the data folder "
                   "(read through git, nothing checked out); a toggle shows the state at REV.")
@verbose_option
def build(data, out, focus, depth, sampling, seed, compare):
    """Build the landscape: HTML page, node-link graph, centrality and full report.

    Writes OUT/landscape.html, OUT/graph.json, OUT/centrality.md and OUT/report.md, and
    prints a one-line summary. The analysis runs once, with --sampling and --seed (which
    seeds the page layout too); every output says which settings it used. The files are one
    set with one build id: the new set is written beside the old one and swapped in whole, so
    bad input, a full disk or a killed run never leaves a broken or mixed output behind. An --out given inside a --data folder
    is refused; the default output/ may be inside one and is never read as data.

    OUT/battlecards/ holds a battlecard per rivalry on the page (the 1,000 most central at
    most), linked from the page's panel. With --compare REV the page marks the entities and
    rivalries added since REV, lists the main changes in the panel, and a toggle shows the
    state at REV (removed ones ghosted).

    Example:

    \b
        landscape build --data data/ --out output/
        landscape build --compare HEAD~1
    """
    from rivalscape.graph.asof import as_of_dates
    from rivalscape.graph.battlecard import Dating
    from rivalscape.graph.build_outputs import build_outputs, written
    from rivalscape.graph.output_set import check_out_not_in_data, publish

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus (the entity whose neighbourhood to draw)")
    depth = depth or 1
    with handle_errors():
        default_out = click.get_current_context().get_parameter_source("out").name == "DEFAULT"
        check_out_not_in_data(out, data_paths(data), allow_inside=default_out)
        loaded = load_data(data, exclude=(out,))
        G = loaded.graph
        focus_id = query.find_entity(G, focus) if focus else None
        dating = Dating(as_of_dates(data_paths(data), git=True))
        earlier = _earlier_state(compare, data) if compare is not None else None
        outputs, notes = build_outputs(G, focus=focus_id, depth=depth, dating=dating, compare=earlier,
                                       settings=Settings(sampling=sampling, seed=seed),
                                       progress=run_progress(), cache=run_cache(), key=loaded.key,
                                       hints=hint_text)
        end_progress()
        for note in notes:
            echo(note, err=True)
        published = publish(out, outputs, progress=run_progress())
        end_progress()
        for note in published.notes:
            echo(note, err=True)
    s = query.summary(G)
    echo(
        f"{s['companies']} companies, {s['competitors']} competitors, "
        f"{s['alternatives']} alternatives, {s['themes']} themes, {s['rivalries']} rivalries"
    )
    for name, what in written(outputs):
        echo(f"wrote {safe_path(Path(out) / name)}" + (f" ({what})" if what else ""), err=True)


def _earlier_state(rev: str, data):
    """``(graph, rev)`` of the one data folder at git revision ``rev``."""
    from rivalscape.graph.errors import UsageError
    from rivalscape.graph.revisions import load_revision

    paths = data_paths(data)
    if len(paths) != 1:
        raise UsageError("--compare reads one data folder at a git revision; give one --data")
    return load_revision(rev, paths[0]).graph, rev


@click.command()
@data_option
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
def validate(data, strict):
    """Check the input documents; list every error and warning as path:line: message.

    Exits 1 when there are errors (with --strict: warnings too), 0 otherwise.

    Example:

    \b
        landscape validate --data data/ --strict
    """
    from rivalscape.graph.pipeline import load
    from rivalscape.graph.reading import describe, document_report, unread_diagnostics

    with handle_errors():
        try:
            loaded = read_data(load, data)
            diagnostics = [*loaded.diagnostics, *input_warnings(loaded.graph), *unread_diagnostics(loaded)]
            diagnostics.sort(key=lambda d: d.sort_key())
            for record in document_report(loaded):  # what each document gave, for the writer
                echo(describe(record), err=True)
        except InputError as e:
            diagnostics = e.diagnostics
    for d in diagnostics:
        echo(diagnostic_line(d))
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        raise click.exceptions.Exit(1)  # the problems are printed above: exit 1 without a message


def _print_claims(claims, indent="    "):
    for c in claims:
        text = c["text"] or "(no claim text)"
        echo(f"{indent}{c['by']}: {text}  [{c['source']}]")


@click.command()
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
        G, node = load_around_data(data, name, depth=depth)
        rows = query.competitors(G, node, depth=depth)
    note = query.theme_note(G, node)
    if note:
        echo(note_line(note), err=True)
    if as_json:
        echo_json({**query.ref(G, node), "depth": depth, "competitors": rows, **hints_json(note)})
        return
    label = G.nodes[node]["label"]
    if not rows:
        if not note:
            echo(f"{label}: no rivals in this landscape")
        return
    echo(f"Rivals of {label} ({G.nodes[node]['kind']}):")
    for r in rows:
        via = f", via {r['via']}" if r["via"] else ""
        dist = f" [distance {r['distance']}{via}]" if depth > 1 else ""
        echo(f"  {r['name']} ({r['kind']}){dist}")
        _print_claims(r["claims"])


@click.command()
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
        G, node = load_around_data(data, name)
        p = query.profile(G, node)
    if as_json:
        echo_json(p)
        return
    echo(f"{p['name']} ({p['kind']})")
    if p["aliases"]:
        echo(f"  also known as: {', '.join(p['aliases'])}")
    if p["facts"]:
        echo("Facts:")
        for f in p["facts"]:
            echo(f"  {f['label']}: {f['text']}  [{f['source']}]")
    if p["competitors"]:
        echo("Rivals:")
        for r in p["competitors"]:
            echo(f"  {r['name']} ({r['kind']})")
            _print_claims(r["claims"])
    if p["themes"]:
        echo("Themes:")
        for t in p["themes"]:
            echo(f"  {t['name']}: {t['description']}  [{t['source']}]")
    if p.get("members"):
        echo("Members:")
        for m in p["members"]:
            echo(f"  {m['name']}: {m['description']}  [{m['source']}]")
    echo("Sources: " + ", ".join(p["sources"]))


@click.command()
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
        echo("no themes in this landscape" if name is None else
             f"{name}: in no theme", err=name is not None)
    for r in rows:
        members = ", ".join(m["name"] for m in r["members"]) or "(no named members)"
        echo(f"{r['name']}  [{r['source']}]")
        echo(f"  members: {members}")
        if name is not None:
            for m in r["members"]:
                echo(f"    {m['name']}: {m['description']}  [{m['source']}]")


def _export_format(fmt: str | None, output: str | None) -> str:
    """``--format``, else the one ``-o``'s extension implies, else node-link; a contradiction
    between the two is a usage error."""
    implied = format_for_path(output) if output else None
    if fmt is None and output:  # a workbook or a data file: the table writers say the rest
        implied = implied or {".xlsx": "kumu", ".yaml": "yaml", ".yml": "yaml"}.get(Path(output).suffix.lower())
    if fmt and implied and fmt != implied:
        raise click.UsageError(
            f"--format {fmt} contradicts the extension of {printable(output)} ({implied}); "
            "change one of them")
    return fmt or implied or "node-link"


@click.command(name="export")
@data_option
@click.option("--format", "fmt", type=click.Choice(FORMATS + TABLE_FORMATS + PARQUET_FORMATS),
              default=None,
              help="node-link (JSON), graphml, gexf, or the tables kumu, gephi, yaml, parquet. "
                   "Default: from the -o extension (.json, .graphml, .gexf, .xlsx, .yaml), else "
                   "node-link.")
@click.option("-o", "--output", "output", type=click.Path(), default=None,
              help="File to write (default: stdout); for kumu, gephi and parquet tables, a "
                   "folder (or a .xlsx file for kumu).")
def export_cmd(data, fmt, output):
    """Export the graph as node-link JSON, GraphML or GEXF (Gephi, Cytoscape), or as the
    tables and data file landscape reads back: kumu (elements.csv + connections.csv, or one
    .xlsx), gephi (nodes.csv + edges.csv) or yaml (our data file), or as Parquet tables for
    Spark (entities, rivalries with their claims, memberships; needs the parquet extra; see
    spark-report).

    Every attribute is kept; a theme membership's own source is the node-link key
    "provenance" (source/target are the edge's ends). Text XML does not allow is replaced
    by visible escapes, with a warning.

    Example:

    \b
        landscape export -o output/landscape.graphml
        landscape export --format gexf -o output/landscape.gexf
        landscape export --format kumu -o edit-me/
        landscape export --format parquet -o tables/
    """
    fmt = _export_format(fmt, output)
    if fmt in PARQUET_FORMATS:
        return _export_parquet(data, output)
    if fmt in TABLE_FORMATS:
        return _export_tables(data, fmt, output)
    if output and Path(output).is_dir():
        raise click.UsageError(f"{printable(output)} is a folder; --format {fmt} writes one file")
    with handle_errors():
        G = load_data(data).graph
        content, warnings = export(G, fmt)
        echo_warnings(warnings)
        if output:
            write_atomic(output, content)
    if output:
        echo(f"wrote {output}", err=True)
    else:
        click.echo(content.decode("utf-8"), nl=False)


def _export_tables(data, fmt, output):
    if fmt != "yaml" and not output:
        raise click.UsageError(f"--format {fmt} writes two tables: give a folder with -o")
    xlsx = bool(output) and output.lower().endswith(".xlsx")
    if xlsx and fmt != "kumu":
        raise click.UsageError("only --format kumu writes a .xlsx workbook")
    if fmt != "yaml" and not xlsx and Path(output).is_file():
        raise click.UsageError(f"{output} is a file; --format {fmt} writes two tables into a folder")
    with handle_errors():
        files = export_tables(load_data(data, landscape=True).landscape, fmt, xlsx=xlsx)
        if fmt == "yaml" or xlsx:
            targets = {output: c for c in files.values()} if output else {}
        else:
            targets = {str(Path(output) / name): c for name, c in files.items()}
        for path, content in targets.items():
            write_atomic(path, content)
    if not output:
        click.echo(files["landscape.yaml"].decode("utf-8"), nl=False)
    for path in targets:
        click.echo(f"wrote {path}", err=True)


def _export_parquet(data, output):
    from rivalscape.graph.export_parquet import require_pyarrow, write_parquet

    if not output:
        raise click.UsageError("--format parquet writes three tables: give a folder with -o")
    if Path(output).exists() and not Path(output).is_dir():
        raise click.UsageError(f"{printable(output)} is a file; --format parquet writes three "
                               "tables into a folder")
    with handle_errors():
        require_pyarrow()
        published = write_parquet(load_data(data).graph, output)
    for note in published.notes:
        echo(note, err=True)
    echo(f"wrote {safe_path(Path(output))} (entities, rivalries, memberships; build "
         f"{published.build_id})", err=True)

COMMANDS = [build, validate, competitors, show, themes, export_cmd]
