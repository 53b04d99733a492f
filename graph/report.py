"""The landscape report: every analysis of :mod:`graph.analysis` as plain data, then as text.

:func:`build_report` computes (the competition graph is copied into the compiled engine once);
:func:`render_report` turns the result into Markdown, JSON, CSV or a standalone HTML page;
:func:`render_centrality_md` writes the centrality summary that ``landscape build`` puts in
``centrality.md``. Rendering never computes and never reads files; document text is untrusted
and is escaped in every format that has markup.
"""

from __future__ import annotations

import csv
import html
import io
import os
import time
from typing import Any

import networkx as nx

from rivalscape.graph.text import dumps_json, md_cell
from rivalscape.graph import analysis as A
from rivalscape.graph.errors import UsageError
from rivalscape.graph.memory import check_memory
from rivalscape.graph.query import summary

FORMATS = ("md", "json", "csv", "html")
DIGITS = 6  # floats in the report are rounded so that the same input gives the same bytes

COMPETITION_GRAPH_NOTE = A.COMPETITION_GRAPH_NOTE

MEANINGS = {
    "centrality": "Who the market's rivalries revolve around: the entities a buyer or an "
                  "entrant meets first, by five measures of position.",
    "degree": "How many rivals it has, and their share of all other entities: how many fronts "
              "it fights on.",
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


METRIC_TITLES = {"degree": "Degree", "betweenness": "Betweenness", "pagerank": "PageRank",
                 "eigenvector": "Eigenvector", "closeness": "Closeness"}

HUB_RANK = 3  # an entity is "top" on a measure when it scores at least the third best


def _r(x: float) -> float:
    return A.rounded(x, DIGITS)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 company``, ``2 companies``: a count with its noun in the right number.

    Examples
    --------
    >>> plural(1, "mutual rivalry", "mutual rivalries"), plural(3, "pair")
    ('1 mutual rivalry', '3 pairs')
    """
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def _ranked(eng: A.Engine, vals: list[float]) -> list[int]:
    return sorted(range(eng.n), key=lambda i: (-A._score_key(vals[i]),
                                               *A._name_key(eng.labels[i], eng.nodes[i])))


def _centrality_section(eng: A.Engine, values: dict, plan: dict, top: int) -> dict:
    rivals = eng.graph.degree()
    metrics = []
    for m in A.METRICS:
        vals = values[m]
        nonzero = [i for i in _ranked(eng, vals) if vals[i] > 0]
        metrics.append({
            "metric": m,
            "title": METRIC_TITLES[m],
            "meaning": MEANINGS[m],
            "count": len(nonzero),
            "zero_count": eng.n - len(nonzero),
            "top": [{"name": eng.labels[i], "id": eng.nodes[i], "kind": eng.kinds[i],
                     "rivals": rivals[i], "score": _r(vals[i])} for i in nonzero[:top]],
        })
    return {"meaning": MEANINGS["centrality"], "graph": COMPETITION_GRAPH_NOTE,
            "eigenvector": A.EIGENVECTOR_NOTE, "sampling": plan, "metrics": metrics}


def _segments_section(seg: dict, top: int) -> dict:
    return {
        "meaning": MEANINGS["segments"],
        "algorithm": seg["algorithm"],
        "method": seg["method"],
        "objective": seg["objective"],
        "resolution": seg["resolution"],
        "seed": seg["seed"],
        "modularity": _r(seg["modularity"]),
        "count": len(seg["segments"]),
        "segments": [
            {"segment": s["segment"], "name": s["name"], "id": s["id"], "size": s["size"],
             "companies": s["companies"], "members": s["members"][:top],
             "shared_themes": s["shared_themes"][:top]}
            for s in seg["segments"][:top]
        ],
        "unconnected_count": len(seg["unconnected"]),
        "unconnected": seg["unconnected"][:top],
    }


def _rivalries_section(G: nx.Graph, top: int) -> dict:
    directions = A.rivalry_directions(G, top=top)
    claims_by: dict[str, int] = {}
    for u, v, d in G.edges(data=True):
        claimants = {c["by"] for c in d.get("claims", ())} if d.get("kind") == "competes" else set()
        if len(claimants) == 1:
            by = next(iter(claimants))
            claims_by[by] = claims_by.get(by, 0) + 1
    most = sorted(claims_by.items(), key=lambda kv: (-kv[1], *A._name_key(A._label(G, kv[0]), kv[0])))
    return {
        "meaning": MEANINGS["rivalries"],
        "mutual_count": directions["mutual_count"],
        "one_sided_count": directions["one_sided_count"],
        "mutual": directions["mutual"],
        "one_sided": directions["one_sided"],
        "one_sided_by": [{"name": A._label(G, n), "id": n, "rivals": c} for n, c in most[:top]],
    }


def _hidden_section(G: nx.Graph, threshold: float, top: int) -> dict:
    hidden = A.hidden_rivals(G, threshold=threshold, top=top)
    return {
        "meaning": MEANINGS["hidden_rivals"],
        "measure": "Jaccard similarity of rivals and themes, at least one rival shared",
        "threshold": hidden["threshold"],
        "count": hidden["total"],
        "pairs": [{**p, "score": _r(p["score"])} for p in hidden["pairs"]],
    }


def _claims_section(G: nx.Graph, top: int) -> dict:
    dims = A.claim_dimensions(G, with_claims=False)
    return {
        "meaning": MEANINGS["claim_dimensions"],
        "lexicon": "graph/lexicon/claims.yaml",
        "dimensions": dims["dimensions"],
        "claims": dims["statements"],
        "totals": dims["totals"],
        "companies": len(dims["table"]),
        "table": dims["table"][:top],
        "unclassified_count": len(dims["unclassified"]),
        "unclassified": dims["unclassified"],
    }


def _themes_section(G: nx.Graph, top: int) -> dict:
    themes = A.theme_coverage(G)
    return {"meaning": MEANINGS["theme_coverage"], "themes": themes["themes"],
            "entities": len(themes["rows"]), "rows": themes["rows"][:top]}


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
        cover everything, so a renderer can say how many rows were left out; ``nodes`` holds
        every entity's metrics and segment.
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
        Keys, in order: ``title``, ``summary``, ``settings``, ``findings``, ``centrality``,
        ``segments``, ``contested``, ``rivalries``, ``hidden_rivals``, ``claim_dimensions``,
        ``theme_coverage``, ``nodes``. Each section has a ``meaning`` sentence; ``findings``
        are the key findings in words, each with the numbers behind it.

    Examples
    --------
    >>> G = nx.Graph(name="Tiny")
    >>> for n in "ab":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_edge("a", "b", kind="competes", claims=[{"by": "a", "against": "b",
    ...            "text": "Cheaper", "source": {"path": "t.md", "line": 3, "section": None}}])
    >>> r = build_report(G)
    >>> list(r)[:4], r["rivalries"]["one_sided_count"]
    (['title', 'summary', 'settings', 'findings'], 1)
    """
    if top < 1:
        raise UsageError("the number of rows shown (top) must be at least 1")
    check_memory("report", G.number_of_nodes(), G.number_of_edges())
    clock = time.perf_counter()
    eng = A.Engine.from_graph(G)
    plan = A.sampling_plan(eng, exact=exact, k=k, seed=seed)
    values = A._metric_values(eng, A.METRICS, plan)
    t_metrics = time.perf_counter()
    seg = A._segments(G, eng, values["pagerank"], seed=seed, resolution=resolution)
    t_segments = time.perf_counter()
    seg_of = {m["id"]: s["segment"] for s in seg["segments"] for m in s["members"]}
    contested = A.most_contested(G)
    rep = {
        "title": G.graph.get("name") or "Landscape",
        "summary": summary(G),
        "settings": {"top": top, "seed": seed, "resolution": resolution, "threshold": threshold},
        "findings": [],
        "centrality": _centrality_section(eng, values, plan, top),
        "segments": _segments_section(seg, top),
        "contested": {"meaning": MEANINGS["contested"], "min_companies": 2,
                      "count": len(contested), "rows": contested[:top]},
        "rivalries": _rivalries_section(G, top),
        "hidden_rivals": _hidden_section(G, threshold, top),
        "claim_dimensions": _claims_section(G, top),
        "theme_coverage": _themes_section(G, top),
        "nodes": _nodes(eng, values, seg_of),
    }
    rep["findings"] = key_findings(G, eng, values, seg, rep)
    if timings is not None:
        timings.update(metrics=t_metrics - clock, segments=t_segments - t_metrics,
                       report=time.perf_counter() - t_segments)
    return rep


def _nodes(eng: A.Engine, values: dict, seg_of: dict) -> list[dict]:
    rivals = eng.graph.degree()
    out = []
    for i, n in enumerate(eng.nodes):
        row = {"name": eng.labels[i], "id": n, "kind": eng.kinds[i], "rivals": rivals[i]}
        for m in A.METRICS:
            row[m] = _r(values[m][i])
        row["segment"] = seg_of.get(n)
        out.append(row)
    return out


# --------------------------------------------------------------------------- findings


def _and(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _metric_word(m: str) -> str:
    return METRIC_TITLES[m] if m == "pagerank" else m


def _hubs(eng: A.Engine, values: dict) -> dict | None:
    """Entities at or above the third best score on most measures (ties included)."""
    tops: dict[int, list[str]] = {}
    if eng.n <= 2 * HUB_RANK:  # "top 3" of a handful of entities says nothing
        return None
    for m in A.METRICS:
        ranked = _ranked(eng, values[m])
        if len(ranked) < HUB_RANK:
            return None
        bar = A._score_key(values[m][ranked[HUB_RANK - 1]])
        for i in ranked:
            if A._score_key(values[m][i]) < bar or values[m][i] <= 0:
                break
            tops.setdefault(i, []).append(m)
    hubs = sorted((i for i, ms in tops.items() if len(ms) * 2 > len(A.METRICS)),
                  key=lambda i: (-len(tops[i]), -A._score_key(values["pagerank"][i]),
                                 *A._name_key(eng.labels[i], eng.nodes[i])))[:3]
    if not hubs:
        return None
    rivals = eng.graph.degree()
    parts = []
    for i in hubs:
        ms = tops[i]
        which = ("all 5 measures" if len(ms) == len(A.METRICS) else
                 f"{len(ms)} of 5: {', '.join(_metric_word(m) for m in ms)}")
        parts.append(f"{eng.labels[i]} (top {HUB_RANK} on {which}; {plural(rivals[i], 'rival')}, "
                     f"betweenness {values['betweenness'][i]:.4f}, PageRank "
                     f"{values['pagerank'][i]:.4f})")
    return {"topic": "hubs", "entities": [eng.labels[i] for i in hubs],
            "text": f"The market revolves around {_and(parts)}."}


def _bridges(G: nx.Graph, eng: A.Engine, values: dict, seg: dict) -> dict | None:
    """Entities with rivals in another segment, by betweenness."""
    seg_of = {m["id"]: s["segment"] for s in seg["segments"] for m in s["members"]}
    names = {s["segment"]: s["name"] for s in seg["segments"]}
    rows = []
    for i, n in enumerate(eng.nodes):
        own = seg_of.get(n)
        others = {seg_of[w] for w in G.adj[n] if w in seg_of and seg_of[w] != own
                  and G.edges[n, w].get("kind") == "competes"}
        if own is not None and others and values["betweenness"][i] > 0:
            rows.append((-A._score_key(values["betweenness"][i]),
                         *A._name_key(eng.labels[i], n), i, own, sorted(others)))
    if not rows:
        return None
    parts = [f"{eng.labels[i]} (betweenness {values['betweenness'][i]:.4f}; links the "
             f"{_and([names[s] for s in [own, *others]])} segments)"
             for *_, i, own, others in sorted(rows)[:3]]
    return {"topic": "bridges", "entities": [eng.labels[r[-3]] for r in sorted(rows)[:3]],
            "text": f"Bridges between segments: {_and(parts)}."}


def key_findings(G: nx.Graph, eng: A.Engine, values: dict, seg: dict, rep: dict) -> list[dict]:
    """The report's opening in words: hubs, contested rivals, bridges, hidden rivals,
    one-sided positioning; each ``{topic, entities, text}`` with the numbers in the text."""
    out = [f for f in (_hubs(eng, values), _bridges(G, eng, values, seg)) if f]
    ct = rep["contested"]["rows"][:3]
    if ct:
        out.insert(1, {"topic": "contested", "entities": [r["name"] for r in ct],
                       "text": "Most contested: " + _and([
                           f"{r['name']} ({r['kind']}), named by {plural(r['companies'], 'company', 'companies')}: "
                           f"{_and(r['named_by'])}" for r in ct]) + "."})
    h = rep["hidden_rivals"]["pairs"][:2]
    if h:
        out.append({"topic": "hidden_rivals", "entities": [x for p in h for x in (p["a"], p["b"])],
                    "text": "Strongest hidden rivals: " + _and([
                        f"{p['a']} and {p['b']} (Jaccard {p['score']:.4f}; both face "
                        f"{_and(p['shared_rivals'])}"
                        + (f", share {_and(p['shared_themes'])}" if p["shared_themes"] else "")
                        + ")" for p in h]) + "."})
    by = rep["rivalries"]["one_sided_by"]
    if by:
        best = [r for r in by if r["rivals"] == by[0]["rivals"]][:3]
        one, n = len(best) == 1, best[0]["rivals"]
        out.append({"topic": "one_sided", "entities": [r["name"] for r in best],
                    "text": f"Largest one-sided positioning: {_and([r['name'] for r in best])} "
                            f"{'claims' if one else 'each claim'} an edge over "
                            f"{plural(n, 'rival')} that {'does' if n == 1 else 'do'} not name "
                            f"{'it' if one else 'them'} back."})
    return out


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
# sections of (title, meaning, notes, tables); each table a dict with ``name``, ``columns``,
# ``rows``, and ``more``/``noun``/``top``: how many rows were left out and how to see them.


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, float):
        return f"{v:.4f}"
    if isinstance(v, dict):
        return str(v.get("name", ""))
    if isinstance(v, (list, tuple)):
        return ", ".join(_fmt(x) for x in v)
    return str(v)


def _sampling_note(plan: dict) -> str:
    if plan["exact"]:
        return (f"Betweenness and closeness are exact ({plural(plan['nodes'], 'entity', 'entities')}; "
                f"sampling starts above {plan['exact_limit']:,}).")
    return (f"Betweenness and closeness are estimated from a seeded sample of "
            f"{plan['sample_size']:,} source nodes (seed {plan['seed']}) because the graph has "
            f"{plan['nodes']:,} entities, more than {plan['exact_limit']:,}; use --exact for exact values.")


def _table(name: str, columns: list, rows: list, *, total: int | None = None, shown: int | None = None,
           noun: str = "rows") -> dict:
    """A table; ``total`` items of which ``shown`` made the rows: the rest is ``more``."""
    shown = len(rows) if shown is None else shown
    more = 0 if total is None else max(0, total - shown)
    return {"name": name, "columns": columns, "rows": rows, "more": more, "noun": noun,
            "top": total or 0}


def more_note(t: dict) -> str | None:
    """``… 5 more one-sided rivalries: landscape report --top 15`` for a truncated table."""
    if not t["more"]:
        return None
    return f"… {t['more']:,} more {t['noun']}: `landscape report --top {t['top']}`"


def _centrality_block(rep: dict) -> dict:
    c = rep["centrality"]
    notes = [c["graph"], _sampling_note(c["sampling"]), c["eigenvector"]]
    tables = []
    for m in c["metrics"]:
        notes.append(f"{m['title']}: {m['meaning']}")
        extra = ["rivals"] if m["metric"] == "degree" else []
        t = _table(m["title"], ["rank", "name", "kind", *extra, m["metric"]],
                   [[i + 1, r["name"], r["kind"], *[r[x] for x in extra], r["score"]]
                    for i, r in enumerate(m["top"])],
                   total=m["count"], noun="entities")
        if m["zero_count"]:
            t["zero_note"] = (f"{plural(m['zero_count'], 'entity', 'entities')} with "
                              f"{m['metric']} 0 left out.")
        tables.append(t)
    return {"key": "centrality", "title": "Centrality", "meaning": c["meaning"], "notes": notes,
            "tables": tables}


def _segments_block(rep: dict) -> dict:
    s = rep["segments"]
    un = s["unconnected"]
    rest = s["unconnected_count"] - len(un)
    notes = [f"{plural(s['count'], 'segment')}, modularity {s['modularity']:.4f}: {s['method']} "
             f"({s['objective']}, resolution {s['resolution']:g}, seed {s['seed']}); each is "
             f"named by its most central member (PageRank)."]
    if s["unconnected_count"]:
        notes.append(f"{plural(s['unconnected_count'], 'entity has', 'entities have')} no "
                     f"rivalry and belong to no segment: {', '.join(u['name'] for u in un)}"
                     + (f" … {rest:,} more" if rest else "") + ".")
    rows = []
    for x in s["segments"]:
        left = x["size"] - len(x["members"])
        members = ", ".join(m["name"] for m in x["members"]) + (f" … {left:,} more" if left else "")
        rows.append([x["segment"], x["name"], x["size"], x["companies"], members,
                     [f"{t['name']} ({t['members']})" for t in x["shared_themes"]]])
    return {"key": "segments", "title": "Segments", "meaning": s["meaning"], "notes": notes,
            "tables": [_table("segments", ["segment", "name", "size", "companies", "members",
                                           "shared themes"], rows, total=s["count"],
                              noun="segments")]}


def _rivalries_block(rep: dict) -> dict:
    rv = rep["rivalries"]
    mutual = [[r["a"], r["b"], c["by"], c["text"], c["source"]]
              for r in rv["mutual"] for c in r["claims"]]
    one_sided = [[r["by"], r["against"], c["text"], c["source"]]
                 for r in rv["one_sided"] for c in r["claims"]]
    return {
        "key": "rivalries", "title": "Mutual and one-sided rivalries", "meaning": rv["meaning"],
        "notes": [f"{plural(rv['mutual_count'], 'mutual rivalry', 'mutual rivalries')}, "
                  f"{plural(rv['one_sided_count'], 'one-sided rivalry', 'one-sided rivalries')}; "
                  f"one row per claim, with who made it."],
        "tables": [
            _table("mutual", ["a", "b", "claim by", "claim", "source"], mutual,
                   total=rv["mutual_count"], shown=len(rv["mutual"]), noun="mutual rivalries"),
            _table("one-sided", ["by", "against", "claim", "source"], one_sided,
                   total=rv["one_sided_count"], shown=len(rv["one_sided"]),
                   noun="one-sided rivalries"),
        ],
    }


def _contested_block(rep: dict) -> dict:
    ct = rep["contested"]
    return {
        "key": "contested", "title": "Most contested", "meaning": ct["meaning"],
        "notes": [f"{plural(ct['count'], 'competitor or alternative is', 'competitors and alternatives are')} "
                  f"named by at least {ct['min_companies']} companies."],
        "tables": [_table("contested", ["name", "kind", "companies", "named by"],
                          [[r["name"], r["kind"], r["companies"], r["named_by"]] for r in ct["rows"]],
                          total=ct["count"], noun="contested rivals")],
    }


def _hidden_block(rep: dict) -> dict:
    h = rep["hidden_rivals"]
    return {
        "key": "hidden_rivals", "title": "Hidden rivals", "meaning": h["meaning"],
        "notes": [f"Score: Jaccard similarity (shared / all of the two companies' rivals and "
                  f"themes); a pair needs at least one shared rival and no direct rivalry; "
                  f"threshold {h['threshold']}; {plural(h['count'], 'pair qualifies', 'pairs qualify')}."],
        "tables": [_table("hidden rivals", ["a", "b", "score", "shared rivals", "shared themes"],
                          [[p["a"], p["b"], p["score"], p["shared_rivals"], p["shared_themes"]]
                           for p in h["pairs"]], total=h["count"], noun="pairs")],
    }


def _claims_block(rep: dict) -> dict:
    d = rep["claim_dimensions"]
    ids = [x["id"] for x in d["dimensions"]]
    rows = [[r["name"], r["claims"], *[r["dimensions"][i] for i in ids]] for r in d["table"]]
    dims = _table("dimensions", ["company", "claims", *ids], rows, total=d["companies"],
                  noun="companies")
    dims["rows"] = rows + [["(all companies)", d["claims"], *[d["totals"][i] for i in ids]]]
    return {
        "key": "claim_dimensions", "title": "Claim dimensions", "meaning": d["meaning"],
        "notes": [f"{plural(d['claims'], 'claim')} classified with the lexicon in {d['lexicon']} "
                  f"(a claim written 'X vs. Y' is read on X); "
                  f"{plural(d['unclassified_count'], 'claim matches', 'claims match')} no "
                  f"dimension and {'is' if d['unclassified_count'] == 1 else 'are'} listed below."]
                 + [f"{x['id']}: {x['label']}." for x in d["dimensions"]],
        "tables": [dims, _table("unclassified", ["by", "against", "claim", "source"],
                                [[u["by"], u["against"], u["text"], u["source"]]
                                 for u in d["unclassified"]])],
    }


def _themes_block(rep: dict) -> dict:
    t = rep["theme_coverage"]
    names = [x["name"] for x in t["themes"]]
    return {
        "key": "theme_coverage", "title": "Theme coverage", "meaning": t["meaning"],
        "notes": [f"{plural(len(names), 'theme')}; {plural(t['entities'], 'company or theme member', 'companies and theme members')}; "
                  f"columns T1, T2, ... are the themes listed below."],
        "tables": [_table("themes", ["name", "kind", *[f"T{i + 1}" for i in range(len(names))]],
                          [[r["name"], r["kind"], *["x" if n in r["themes"] else "" for n in names]]
                           for r in t["rows"]], total=t["entities"], noun="entities"),
                   _table("theme list", ["column", "theme", "members"],
                          [[f"T{i + 1}", x["name"], x["members"]]
                           for i, x in enumerate(t["themes"])])],
    }


def _sections(rep: dict) -> list[dict]:
    return [f(rep) for f in (_centrality_block, _segments_block, _contested_block,
                             _rivalries_block, _hidden_block, _claims_block, _themes_block)]


def _table_notes(t: dict) -> list[str]:
    return [n for n in (t.get("zero_note"), more_note(t)) if n]


# --------------------------------------------------------------------------- formats


def _md_cell(v: Any) -> str:
    return md_cell(_fmt(v).replace("\\", "\\\\"))


def _md_table(columns: list, rows: list) -> list[str]:
    if not rows:
        return ["(none)"]
    lines = ["| " + " | ".join(_md_cell(c) for c in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(_md_cell(v) for v in r) + " |" for r in rows]
    return lines


def _intro(rep: dict) -> str:
    s = rep["summary"]
    return (f"{plural(s['companies'], 'company', 'companies')}, {plural(s['competitors'], 'competitor')}, "
            f"{plural(s['alternatives'], 'alternative')}, {plural(s['themes'], 'theme')}, "
            f"{plural(s['rivalries'], 'rivalry', 'rivalries')}, "
            f"{plural(s['memberships'], 'theme membership')}. Rivalries read from "
            + ", ".join(f"{e} {n}" for e, n in s.get("rivalries_by_evidence", {}).items())
            + " (a rivalry read two ways counts in both; 'prose' is the least certain). Rankings show "
            f"the top {rep['settings']['top']}; ties are broken by name.")


def _render_md(rep: dict) -> str:
    lines = [f"# {rep['title']}: landscape report", "", _intro(rep), "", "## Key findings", ""]
    lines += [f"{i}. {f['text']}" for i, f in enumerate(rep["findings"], 1)] or ["(none)"]
    lines.append("")
    for sec in _sections(rep):
        lines += [f"## {sec['title']}", "", sec["meaning"], ""]
        lines += [f"- {n}" for n in sec["notes"]]
        lines.append("")
        for t in sec["tables"]:
            if len(sec["tables"]) > 1:
                lines += [f"### {t['name'][0].upper() + t['name'][1:]}", ""]
            lines += _md_table(t["columns"], t["rows"]) + [""]
            lines += [x for n in _table_notes(t) for x in (n, "")]
    return "\n".join(lines).rstrip() + "\n"


_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(v: Any) -> Any:
    """One CSV cell, neutralised against formula injection (OWASP): text starting with
    ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``; numbers stay.

    Examples
    --------
    >>> csv_cell("=HYPERLINK(1)"), csv_cell(-0.5), csv_cell(["a", "b"])
    ("'=HYPERLINK(1)", -0.5, 'a; b')
    """
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    if isinstance(v, (list, tuple)):
        text = "; ".join(_fmt(x) for x in v)
    else:
        text = _fmt(v)
    return "'" + text if text.startswith(_CSV_TRIGGERS) else text


def _csv_text(columns: list, rows: list) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([csv_cell(c) for c in columns])
    for r in rows:
        w.writerow([csv_cell(v) for v in r])
    return buf.getvalue()


def render_csv_tables(report: dict) -> dict[str, str]:
    """The report as one tidy CSV per table: ``{file name: CSV text}``, in report order.

    ``findings.csv``, one file per section table (``<section>-<table>.csv``, the same rows
    as the Markdown) and ``nodes.csv`` (every entity's metrics and segment). Cells are
    neutralised against formula injection (:func:`csv_cell`).
    """
    out = {"findings.csv": _csv_text(["topic", "finding"],
                                     [[f["topic"], f["text"]] for f in report["findings"]])}
    for sec in _sections(report):
        for t in sec["tables"]:
            slug = "-".join(t["name"].lower().replace("-", " ").split())
            name = sec["key"].replace("_", "-") + ("" if slug == sec["key"].replace("_", "-")
                                                   else f"-{slug}") + ".csv"
            out[name] = _csv_text(t["columns"], t["rows"])
    cols = ["id", "name", "kind", "rivals", *A.METRICS, "segment"]
    out["nodes.csv"] = _csv_text(cols, [[r[c] for c in cols] for r in report["nodes"]])
    return out


def render_csv_zip(report: dict) -> bytes:
    """:func:`render_csv_tables` as one zip archive (fixed timestamps: same input, same bytes)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in render_csv_tables(report).items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


_CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}p.meaning{font-style:italic}td.num{text-align:right;font-variant-numeric:tabular-nums}"""


def _html_table(t: dict) -> list[str]:
    e = html.escape
    if not t["rows"]:
        return ["<p>(none)</p>"]
    parts = ["<table><thead><tr>" + "".join(f"<th>{e(str(c))}</th>" for c in t["columns"])
             + "</tr></thead><tbody>"]
    for r in t["rows"]:
        cells = []
        for v in r:
            num = isinstance(v, (int, float)) and not isinstance(v, bool)
            cells.append(f'<td class="num">{e(_fmt(v))}</td>' if num else f"<td>{e(_fmt(v))}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return parts + [f"<p>{e(n)}</p>" for n in _table_notes(t)]


def _render_html(rep: dict) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>{e(rep['title'])}: landscape report</title>", f"<style>{_CSS}</style>",
             "</head>", "<body>", f"<h1>{e(rep['title'])}: landscape report</h1>",
             f"<p>{e(_intro(rep))}</p>", '<section id="findings">', "<h2>Key findings</h2>", "<ol>"]
    parts += [f"<li>{e(f['text'])}</li>" for f in rep["findings"]]
    parts += ["</ol>", "</section>"]
    for sec in _sections(rep):
        parts += [f'<section id="{e(sec["key"])}">', f"<h2>{e(sec['title'])}</h2>",
                  f'<p class="meaning">{e(sec["meaning"])}</p>', "<ul>"]
        parts += [f"<li>{e(n)}</li>" for n in sec["notes"]]
        parts.append("</ul>")
        for t in sec["tables"]:
            if len(sec["tables"]) > 1:
                parts.append(f"<h3>{e(t['name'][0].upper() + t['name'][1:])}</h3>")
            parts += _html_table(t)
        parts.append("</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


EXTENSIONS = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html",
              ".zip": "csv", ".csv": "csv"}
"""Output file extensions and the report format each one means."""


def output_format(path: str | None, fmt: str | None) -> str:
    """The report format for an output ``path`` and an explicit ``fmt`` (either may be None).

    The extension decides when no format is given (``x.html`` -> html, ``x.zip`` -> csv,
    anything else -> md); a format that contradicts a known extension is a usage error, and
    so is csv into a single ``.csv`` file or to stdout (csv is one file per table: a folder or
    a ``.zip``).

    Examples
    --------
    >>> output_format("r.html", None), output_format("out/tables", "csv"), output_format(None, None)
    ('html', 'csv', 'md')
    """
    ext = "" if path is None else os.path.splitext(str(path))[1].lower()
    implied = EXTENSIONS.get(ext)
    if fmt is None:
        fmt = implied or "md"
    elif implied is not None and implied != fmt:
        raise UsageError(f"format {fmt} contradicts the extension of {path!r} ({implied}); "
                         "give one of them only, or make them agree")
    if fmt == "csv" and (path is None or ext == ".csv"):
        raise UsageError("the csv format writes one CSV per table: give a folder or a .zip file to write")
    return fmt


def render_report(report: dict, fmt: str = "md") -> str:
    """Render a :func:`build_report` result as ``md``, ``json`` or ``html`` (``csv``: see
    :func:`render_csv_tables`, one file per table; here they are concatenated, each after a
    ``# file name`` line, for a quick look).

    JSON is the report as it is (every entity's metrics in ``nodes``); HTML is one standalone
    page, escaped, loading nothing from the network. Every truncated table says how many rows
    it left out and how to see them.

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
        return dumps_json(report, indent=2) + "\n"
    if fmt == "csv":
        return "\n".join(f"# {name}\n{text}" for name, text in render_csv_tables(report).items())
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
