"""The landscape report: every analysis of :mod:`graph.analysis` as plain data, then as text.

:func:`build_report` computes (the competition graph is copied into the compiled engine once);
:func:`render_report` turns the result into Markdown, JSON, CSV or a standalone HTML page;
:func:`render_centrality_md` writes the centrality summary that ``landscape build`` puts in
``centrality.md``. Rendering never computes and never reads files; document text is untrusted
and is escaped in every format that has markup.
"""

from __future__ import annotations

import csv
import heapq
import html
import io
import json
import time
from typing import Any

import networkx as nx

from graph import analysis as A
from graph.errors import UsageError
from graph.query import summary

FORMATS = ("md", "json", "csv", "html")
DIGITS = 6  # floats in the report are rounded so that the same input gives the same bytes

COMPETITION_GRAPH_NOTE = (
    "Metrics are computed on the competition graph: companies, competitors and alternatives "
    "joined by rivalries (\"vs.\" claims); themes are left out."
)

MEANINGS = {
    "centrality": "Who the market's rivalries revolve around: the entities a buyer or an "
                  "entrant meets first, by five measures of position.",
    "degree": "Share of the other entities it is in a rivalry with: how many fronts it fights on.",
    "betweenness": "How often it sits on the shortest chain of rivalries between two others: "
                   "a bridge between segments.",
    "pagerank": "Named by those who are themselves named: a rivalry with a central player "
                "counts for more.",
    "eigenvector": "Tied to well-connected rivals: standing inside the most densely contested "
                   "part of the market.",
    "closeness": "How few rivalries away it is from everything it can reach: how fast a move "
                 "by it is felt across the market.",
    "segments": "Groups of entities that compete mostly among themselves: sub-markets in which "
                "buyers compare these options with each other rather than with the rest.",
    "contested": "Rivals that several companies position against: the incumbents and default "
                 "choices the market defines itself against.",
    "rivalries": "Mutual rivalries are head-to-head fights both sides acknowledge; one-sided "
                 "claims show who positions against whom without being named back.",
    "hidden_rivals": "Companies that never name each other but face the same rivals or share "
                     "themes: likely competitors for the same customers.",
    "claim_dimensions": "The grounds on which each company says it wins: where competition in "
                        "this market is actually fought.",
    "theme_coverage": "Which companies take part in each cross-cutting theme: the shared bets "
                      "of the market and who is outside them.",
}


def _r(x: float) -> float:
    return round(float(x), DIGITS)


def build_report(G: nx.Graph, *, exact: bool | None = None, seed: int = 0, top: int = 10,
                 k: int | None = None, threshold: float = A.HIDDEN_RIVAL_THRESHOLD,
                 resolution: float = 1.0, timings: dict | None = None) -> dict:
    """Compute the whole report on ``G``: plain data with a stable key order.

    Parameters
    ----------
    G : networkx.Graph
        A landscape graph (:mod:`graph.build`).
    exact, seed, k
        Sampling of betweenness and closeness, see :func:`graph.analysis.centrality`; ``seed``
        also seeds community detection.
    top : int
        Rows kept per ranking (segments list at most ``top`` members each). Counts always
        cover everything; ``nodes`` holds every entity's metrics and segment.
    threshold : float
        Least Jaccard similarity for hidden rivals.
    resolution : float
        Modularity resolution of the segments.
    timings : dict, optional
        If given, receives the seconds spent in ``metrics``, ``segments`` and ``report`` (the
        other sections), for benchmarks.

    Returns
    -------
    dict
        Keys, in order: ``title``, ``summary``, ``settings``, ``centrality``, ``segments``,
        ``contested``, ``rivalries``, ``hidden_rivals``, ``claim_dimensions``,
        ``theme_coverage``, ``nodes``. Each section has a ``meaning`` sentence.

    Examples
    --------
    >>> G = nx.Graph(name="Tiny")
    >>> for n in "ab":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_edge("a", "b", kind="competes", claims=[{"by": "a", "against": "b",
    ...            "text": "Cheaper", "source": {"path": "t.md", "line": 3, "section": None}}])
    >>> r = build_report(G)
    >>> list(r)[:4], r["rivalries"]["one_sided_count"]
    (['title', 'summary', 'settings', 'centrality'], 1)
    """
    if top < 1:
        raise UsageError("--top must be at least 1")
    clock = time.perf_counter()
    eng = A.Engine.from_graph(G)
    plan = A.sampling_plan(eng, exact=exact, k=k, seed=seed)
    values = A._metric_values(eng, A.METRICS, plan)
    t_metrics = time.perf_counter()
    seg = A._segments(G, eng, values["pagerank"], seed=seed, resolution=resolution)
    t_segments = time.perf_counter()
    seg_of: dict[str, int] = {}
    for s in seg["segments"]:
        for n in s["ids"]:
            seg_of[n] = s["segment"]

    metrics = []
    for m in A.METRICS:
        vals = values[m]
        best = heapq.nsmallest(top, range(eng.n), key=lambda i: (
            -A._score_key(vals[i]), *A._name_key(eng.labels[i], eng.nodes[i])))
        metrics.append({
            "metric": m,
            "meaning": MEANINGS[m],
            "top": [{"name": eng.labels[i], "kind": eng.kinds[i], "score": _r(vals[i])} for i in best],
        })

    segments = {
        "meaning": MEANINGS["segments"],
        "algorithm": seg["algorithm"],
        "method": seg["method"],
        "objective": seg["objective"],
        "resolution": seg["resolution"],
        "seed": seg["seed"],
        "modularity": _r(seg["modularity"]),
        "count": len(seg["segments"]),
        "segments": [
            {"segment": s["segment"], "name": s["name"], "size": s["size"],
             "companies": s["companies"], "members": s["members"][:top],
             "shared_themes": s["shared_themes"][:top]}
            for s in seg["segments"][:top]
        ],
        "unconnected_count": len(seg["unconnected"]),
        "unconnected": seg["unconnected"][:top],
    }

    contested_rows = A.most_contested(G)
    directions = A.rivalry_directions(G, top=top)
    hidden = A.hidden_rivals(G, threshold=threshold, top=top)
    dims = A.claim_dimensions(G, with_claims=False)
    themes = A.theme_coverage(G)

    nodes = []
    for i, n in enumerate(eng.nodes):
        row = {"id": n, "name": eng.labels[i], "kind": eng.kinds[i]}
        for m in A.METRICS:
            row[m] = _r(values[m][i])
        row["segment"] = seg_of.get(n)
        nodes.append(row)

    if timings is not None:
        timings.update(metrics=t_metrics - clock, segments=t_segments - t_metrics,
                       report=time.perf_counter() - t_segments)
    return {
        "title": G.graph.get("name") or "Landscape",
        "summary": summary(G),
        "settings": {"top": top, "seed": seed},
        "centrality": {
            "meaning": MEANINGS["centrality"],
            "graph": COMPETITION_GRAPH_NOTE,
            "eigenvector": A.EIGENVECTOR_NOTE,
            "sampling": plan,
            "metrics": metrics,
        },
        "segments": segments,
        "contested": {
            "meaning": MEANINGS["contested"],
            "min_companies": 2,
            "count": len(contested_rows),
            "rows": contested_rows[:top],
        },
        "rivalries": {
            "meaning": MEANINGS["rivalries"],
            "mutual_count": directions["mutual_count"],
            "one_sided_count": directions["one_sided_count"],
            "mutual": [{"a": r["a"], "b": r["b"], "claims": [c["text"] for c in r["claims"]]}
                       for r in directions["mutual"]],
            "one_sided": [{"by": r["by"], "against": r["against"],
                           "claims": [c["text"] for c in r["claims"]]}
                          for r in directions["one_sided"]],
        },
        "hidden_rivals": {
            "meaning": MEANINGS["hidden_rivals"],
            "measure": "Jaccard similarity of rivals and themes",
            "threshold": hidden["threshold"],
            "count": hidden["total"],
            "pairs": [{**p, "score": _r(p["score"])} for p in hidden["pairs"]],
        },
        "claim_dimensions": {
            "meaning": MEANINGS["claim_dimensions"],
            "lexicon": "graph/lexicon/claims.yaml",
            "dimensions": dims["dimensions"],
            "claims": dims["statements"],
            "totals": dims["totals"],
            "companies": len(dims["table"]),
            "table": dims["table"][:top],
            "unclassified_count": len(dims["unclassified"]),
            "unclassified": dims["unclassified"],
        },
        "theme_coverage": {
            "meaning": MEANINGS["theme_coverage"],
            "themes": themes["themes"],
            "entities": len(themes["rows"]),
            "rows": themes["rows"][:top],
        },
        "nodes": nodes,
    }


def node_metrics(report: dict) -> dict[str, dict[str, float]]:
    """``{node id: {metric: value}}`` for every entity of a report (for the HTML page)."""
    return {r["id"]: {m: r[m] for m in A.METRICS} for r in report["nodes"]}


def node_segments(report: dict) -> dict[str, int | None]:
    """``{node id: segment number}`` (``None`` for entities with no rivalry)."""
    return {r["id"]: r["segment"] for r in report["nodes"]}


def segment_names(report: dict) -> dict[int, str]:
    """``{segment number: name}``; a segment is named by its most central member."""
    return {s["segment"]: s["name"] for s in report["segments"]["segments"]}


# --------------------------------------------------------------------------- blocks

# A report is rendered through one intermediate shape, so every format says the same:
# sections of (title, meaning, notes, tables), each table (name, columns, rows).


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, float):
        return f"{v:.4f}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_fmt(x) for x in v)
    return str(v)


def _sampling_note(plan: dict) -> str:
    if plan["exact"]:
        return (f"Betweenness and closeness are exact ({plan['nodes']} entities; sampling starts "
                f"above {plan['exact_limit']}).")
    return (f"Betweenness and closeness are estimated from a seeded sample of "
            f"{plan['sample_size']} source nodes (seed {plan['seed']}) because the graph has "
            f"{plan['nodes']} entities, more than {plan['exact_limit']}; use --exact for exact values.")


def _sections(rep: dict) -> list[dict]:
    out = []
    c = rep["centrality"]
    tables = []
    notes = [c["graph"], _sampling_note(c["sampling"]), c["eigenvector"]]
    for m in c["metrics"]:
        notes.append(f"{m['metric'].capitalize()}: {m['meaning']}")
        tables.append((m["metric"], ["rank", "name", "kind", m["metric"]],
                       [[i + 1, r["name"], r["kind"], r["score"]] for i, r in enumerate(m["top"])]))
    out.append({"key": "centrality", "title": "Centrality", "meaning": c["meaning"],
                "notes": notes, "tables": tables})

    s = rep["segments"]
    out.append({
        "key": "segments", "title": "Segments", "meaning": s["meaning"],
        "notes": [f"{s['count']} segments, modularity {s['modularity']:.4f}: {s['method']} "
                  f"({s['objective']}, resolution "
                  f"{s['resolution']:g}, seed {s['seed']}); each is named by its most central "
                  f"member (PageRank).",
                  f"{s['unconnected_count']} entities have no rivalry and belong to no segment"
                  + (f": {', '.join(s['unconnected'])}"
                     + (" ..." if s["unconnected_count"] > len(s["unconnected"]) else "")
                     if s["unconnected"] else "") + "."],
        "tables": [("segments", ["segment", "name", "size", "companies", "members", "shared themes"],
                    [[x["segment"], x["name"], x["size"], x["companies"], x["members"],
                      [f"{t['theme']} ({t['members']})" for t in x["shared_themes"]]]
                     for x in s["segments"]])],
    })

    ct = rep["contested"]
    out.append({
        "key": "contested", "title": "Most contested", "meaning": ct["meaning"],
        "notes": [f"{ct['count']} competitors and alternatives are named by at least "
                  f"{ct['min_companies']} companies."],
        "tables": [("contested", ["name", "kind", "companies", "named by"],
                    [[r["name"], r["kind"], r["companies"], r["named_by"]] for r in ct["rows"]])],
    })

    rv = rep["rivalries"]
    out.append({
        "key": "rivalries", "title": "Mutual and one-sided rivalries", "meaning": rv["meaning"],
        "notes": [f"{rv['mutual_count']} mutual rivalries, {rv['one_sided_count']} one-sided."],
        "tables": [
            ("mutual", ["a", "b", "claims"], [[r["a"], r["b"], r["claims"]] for r in rv["mutual"]]),
            ("one-sided", ["by", "against", "claims"],
             [[r["by"], r["against"], r["claims"]] for r in rv["one_sided"]]),
        ],
    })

    h = rep["hidden_rivals"]
    out.append({
        "key": "hidden_rivals", "title": "Hidden rivals", "meaning": h["meaning"],
        "notes": [f"Score: {h['measure']} (shared / all of the two companies' rivals and "
                  f"themes); pairs with a direct rivalry are left out; threshold {h['threshold']}; "
                  f"{h['count']} pairs qualify."],
        "tables": [("hidden rivals", ["a", "b", "score", "shared rivals", "shared themes"],
                    [[p["a"], p["b"], p["score"], p["shared_rivals"], p["shared_themes"]]
                     for p in h["pairs"]])],
    })

    d = rep["claim_dimensions"]
    dim_ids = [x["id"] for x in d["dimensions"]]
    out.append({
        "key": "claim_dimensions", "title": "Claim dimensions", "meaning": d["meaning"],
        "notes": [f"{d['claims']} claims classified with the lexicon in {d['lexicon']} (a claim "
                  f"written 'X vs. Y' is read on X); {d['unclassified_count']} match no dimension "
                  f"and are listed below."]
                 + [f"{x['id']}: {x['label']}." for x in d["dimensions"]],
        "tables": [
            ("dimensions", ["company", "claims", *dim_ids],
             [[r["name"], r["claims"], *[r["dimensions"][i] for i in dim_ids]] for r in d["table"]]
             + [["(all companies)", d["claims"], *[d["totals"][i] for i in dim_ids]]]),
            ("unclassified", ["by", "against", "claim", "source"],
             [[u["by"], u["against"], u["text"], u["source"]] for u in d["unclassified"]]),
        ],
    })

    t = rep["theme_coverage"]
    names = [x["name"] for x in t["themes"]]
    out.append({
        "key": "theme_coverage", "title": "Theme coverage", "meaning": t["meaning"],
        "notes": [f"{len(names)} themes; {t['entities']} companies and theme members."]
                 + [f"T{i + 1}: {n} ({x['members']} members)." for i, (n, x)
                    in enumerate(zip(names, t["themes"]))],
        "tables": [("themes", ["name", "kind", *[f"T{i + 1}" for i in range(len(names))]],
                    [[r["name"], r["kind"], *["x" if n in r["themes"] else "" for n in names]]
                     for r in t["rows"]])],
    })
    return out


# --------------------------------------------------------------------------- formats


def _md_cell(v: Any) -> str:
    return _fmt(v).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(columns: list, rows: list) -> list[str]:
    if not rows:
        return ["(none)"]
    lines = ["| " + " | ".join(_md_cell(c) for c in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(_md_cell(v) for v in r) + " |" for r in rows]
    return lines


def _render_md(rep: dict) -> str:
    s = rep["summary"]
    lines = [f"# {rep['title']}: landscape report", "",
             f"{s['companies']} companies, {s['competitors']} competitors, {s['alternatives']} "
             f"alternatives, {s['themes']} themes, {s['rivalries']} rivalries, "
             f"{s['memberships']} theme memberships. Rankings show the top "
             f"{rep['settings']['top']}; ties are broken by name.", ""]
    for sec in _sections(rep):
        lines += [f"## {sec['title']}", "", sec["meaning"], ""]
        for n in sec["notes"]:
            lines += [f"- {n}"]
        lines.append("")
        for name, cols, rows in sec["tables"]:
            if len(sec["tables"]) > 1:
                lines += [f"### {name.capitalize()}", ""]
            lines += _md_table(cols, rows) + [""]
    return "\n".join(lines).rstrip() + "\n"


def _render_csv(rep: dict) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "table", "row", "column", "value"])
    for sec in _sections(rep):
        for name, cols, rows in sec["tables"]:
            for i, r in enumerate(rows, 1):
                for c, v in zip(cols, r):
                    w.writerow([sec["key"], name, i, c, v if isinstance(v, (int, float)) and not isinstance(v, bool) else _fmt(v)])
    cols = ["id", "name", "kind", *A.METRICS, "segment"]
    for i, r in enumerate(rep["nodes"], 1):
        for c in cols:
            w.writerow(["nodes", "nodes", i, c, "" if r[c] is None else r[c]])
    return buf.getvalue()


_CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}p.meaning{font-style:italic}td.num{text-align:right;font-variant-numeric:tabular-nums}"""


def _render_html(rep: dict) -> str:
    e = html.escape
    s = rep["summary"]
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>{e(rep['title'])}: landscape report</title>", f"<style>{_CSS}</style>",
             "</head>", "<body>", f"<h1>{e(rep['title'])}: landscape report</h1>",
             f"<p>{s['companies']} companies, {s['competitors']} competitors, {s['alternatives']} "
             f"alternatives, {s['themes']} themes, {s['rivalries']} rivalries, {s['memberships']} "
             f"theme memberships. Rankings show the top {rep['settings']['top']}; ties are broken "
             f"by name.</p>"]
    for sec in _sections(rep):
        parts += [f'<section id="{e(sec["key"])}">', f"<h2>{e(sec['title'])}</h2>",
                  f'<p class="meaning">{e(sec["meaning"])}</p>', "<ul>"]
        parts += [f"<li>{e(n)}</li>" for n in sec["notes"]]
        parts.append("</ul>")
        for name, cols, rows in sec["tables"]:
            if len(sec["tables"]) > 1:
                parts.append(f"<h3>{e(name.capitalize())}</h3>")
            if not rows:
                parts.append("<p>(none)</p>")
                continue
            parts.append("<table><thead><tr>" + "".join(f"<th>{e(str(c))}</th>" for c in cols)
                         + "</tr></thead><tbody>")
            for r in rows:
                cells = []
                for v in r:
                    num = isinstance(v, (int, float)) and not isinstance(v, bool)
                    cells.append(f'<td class="num">{e(_fmt(v))}</td>' if num else f"<td>{e(_fmt(v))}</td>")
                parts.append("<tr>" + "".join(cells) + "</tr>")
            parts.append("</tbody></table>")
        parts.append("</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def render_report(report: dict, fmt: str = "md") -> str:
    """Render a :func:`build_report` result as ``md``, ``json``, ``csv`` or ``html``.

    JSON is the report as it is (every entity's metrics in ``nodes``); CSV is one long table
    (``section, table, row, column, value``) of the same tables as the Markdown, then every
    entity's metrics; HTML is one standalone page, escaped, loading nothing from the network.

    Examples
    --------
    >>> G = nx.Graph(name="Tiny")
    >>> G.add_node("a", label="<A>", kind="company")
    >>> "&lt;A&gt;" in render_report(build_report(G), "html")
    True
    """
    if fmt == "md":
        return _render_md(report)
    if fmt == "json":
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _render_csv(report)
    if fmt == "html":
        return _render_html(report)
    raise UsageError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")


def render_centrality_md(G_or_rows: nx.Graph | list | dict, *, top: int | None = None,
                         metric: str = "degree", exact: bool | None = None, seed: int = 0,
                         k: int | None = None) -> str:
    """The centrality table as Markdown (``landscape build`` writes it to ``centrality.md``).

    Accepts a landscape graph (metrics are computed), a :func:`build_report` result (its
    ``nodes`` are used: nothing is computed twice) or rows of
    :func:`graph.analysis.centrality`. Rows are sorted by ``metric``, then name; ``top`` keeps
    the first rows.

    Examples
    --------
    >>> G = nx.Graph(name="Tiny")
    >>> G.add_node("a", label="A", kind="company"); G.add_node("b", label="B", kind="competitor")
    >>> G.add_edge("a", "b", kind="competes")
    >>> "competition graph" in render_centrality_md(G)
    True
    """
    if metric not in A.METRICS:
        raise UsageError(f"unknown metric {metric!r}; choose from {', '.join(A.METRICS)}")
    plan = None
    title = "Landscape"
    if isinstance(G_or_rows, nx.Graph):
        title = G_or_rows.graph.get("name") or title
        plan = A.sampling_plan(G_or_rows, exact=exact, k=k, seed=seed)
        rows = A.centrality(G_or_rows, [metric, *[m for m in A.METRICS if m != metric]],
                            exact=exact, seed=seed, k=k)
    elif isinstance(G_or_rows, dict):
        title = G_or_rows.get("title") or title
        plan = G_or_rows["centrality"]["sampling"]
        rows = sorted(G_or_rows["nodes"], key=lambda r: (-A._score_key(r[metric]),
                                                         *A._name_key(r["name"], r["id"])))
    else:
        rows = list(G_or_rows)
    total = len(rows)
    if top is not None:
        rows = rows[:top]
    lines = [f"# {title}: centrality", "", COMPETITION_GRAPH_NOTE, "", A.EIGENVECTOR_NOTE]
    if plan is not None:
        lines += ["", _sampling_note(plan)]
    if len(rows) < total:
        lines += ["", f"The first {len(rows)} of {total} entities; `landscape centrality --json` "
                      "lists every one."]
    lines += ["", f"Sorted by {metric}, ties by name. Normalised as in NetworkX.", ""]
    for m in A.METRICS:
        lines.append(f"- {m}: {MEANINGS[m]}")
    lines.append("")
    lines += _md_table(["rank", "name", "kind", *A.METRICS],
                       [[i + 1, r["name"], r["kind"], *[r.get(m) for m in A.METRICS]]
                        for i, r in enumerate(rows)])
    return "\n".join(lines) + "\n"
