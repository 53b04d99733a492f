"""The landscape report: an :class:`graph.analysis.Analysis` result as plain data, then as text.

:func:`build_report` lays out the result of :func:`graph.analysis.analyze` (computed once;
nothing here computes an analysis); :func:`render_report` turns the result into Markdown, JSON, CSV or a standalone HTML page;
:func:`render_centrality_md` writes the centrality summary that ``landscape build`` puts in
``centrality.md``. Rendering never computes and never reads files; document text is untrusted
and is escaped in every format that has markup.
"""

from __future__ import annotations

import csv
import io
import os
import time
from typing import Any

import networkx as nx

from rivalscape.graph import analysis as A
from rivalscape.graph.analysis import Analysis, Settings
from rivalscape.graph.errors import UsageError
from rivalscape.graph.hints import Hint, HintCode, HintText, Note
from rivalscape.graph.query import summary
from rivalscape.graph.text import dumps_json, md_cell
from rivalscape.graph.textout import md_table, render_template

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


def _centrality_section(res: Analysis) -> dict:
    by_id = {e["id"]: e for e in res.entities}
    metrics = []
    for m in A.METRICS:
        vals = res.centrality[m]
        nonzero = [n for n in res.rankings[m] if vals[n] > 0]
        metrics.append({
            "metric": m,
            "title": METRIC_TITLES[m],
            "meaning": MEANINGS[m],
            "count": len(nonzero),
            "zero_count": len(res.entities) - len(nonzero),
            "top": [{"name": by_id[n]["name"], "id": n, "kind": by_id[n]["kind"],
                     "rivals": by_id[n]["rivals"], "score": _r(vals[n])}
                    for n in nonzero[:res.settings.top]],
        })
    return {"meaning": MEANINGS["centrality"], "graph": COMPETITION_GRAPH_NOTE,
            "eigenvector": A.EIGENVECTOR_NOTE, "sampling": dict(res.sampling), "metrics": metrics}


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


def _rivalries_section(res: Analysis) -> dict:
    directions = res.directions
    return {
        "meaning": MEANINGS["rivalries"],
        "mutual_count": directions["mutual_count"],
        "one_sided_count": directions["one_sided_count"],
        "mutual": directions["mutual"],
        "one_sided": directions["one_sided"],
        "one_sided_by": list(res.one_sided_by),
    }


def _hidden_section(res: Analysis) -> dict:
    hidden = res.hidden_rivals
    return {
        "meaning": MEANINGS["hidden_rivals"],
        "measure": "Jaccard similarity of rivals and themes, at least one rival shared",
        "threshold": hidden["threshold"],
        "count": hidden["total"],
        "pairs": [{**p, "score": _r(p["score"])} for p in hidden["pairs"]],
    }


def _claims_section(res: Analysis) -> dict:
    dims = res.claim_dimensions
    return {
        "meaning": MEANINGS["claim_dimensions"],
        "lexicon": "graph/lexicon/claims.yaml",
        "dimensions": dims["dimensions"],
        "claims": dims["statements"],
        "totals": dims["totals"],
        "companies": len(dims["table"]),
        "table": dims["table"][:res.settings.top],
        "unclassified_count": len(dims["unclassified"]),
        "unclassified": dims["unclassified"],
    }


def _themes_section(res: Analysis) -> dict:
    themes = res.theme_coverage
    return {"meaning": MEANINGS["theme_coverage"], "themes": themes["themes"],
            "entities": len(themes["rows"]), "rows": themes["rows"][:res.settings.top]}


def build_report(G: nx.Graph, result: Analysis | None = None, *, settings: Settings | None = None,
                 timings: dict | None = None, **options: Any) -> dict:
    """The whole report on ``G``: an :class:`~graph.analysis.Analysis` result laid out as plain
    data with a stable key order. Nothing is computed here but the layout.

    Parameters
    ----------
    G : networkx.Graph
        A landscape graph (:mod:`graph.build`).
    result : Analysis, optional
        :func:`graph.analysis.analyze` of ``G``; computed here (with ``settings``) when not given.
    settings : Settings, optional
        Sampling, seed, sample size, resolution, hidden-rival threshold and ``top``, the rows
        kept per ranking (segments list at most ``top`` members each). Counts always cover
        everything, so a renderer can say how many rows were left out; ``nodes`` holds every
        entity's metrics and segment.
    timings : dict, optional
        If given, receives the seconds spent in ``metrics``, ``segments`` and ``report`` (the
        other sections), for benchmarks.
    **options
        Fields of :class:`~graph.analysis.Settings`, as a shorthand for ``settings``.

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
    >>> list(r)[:4], r["rivalries"]["one_sided_count"], r["settings"]["sampling"]
    (['title', 'summary', 'settings', 'findings'], 1, 'auto')
    """
    if result is None:
        settings = settings or A.Settings(**options)
        result = A.analyze(G, settings, timings=timings)
    elif settings is not None or options:
        raise UsageError("give the analysis result or its settings, not both")
    clock = time.perf_counter()
    res = result
    rep = {
        "title": res.title,
        "summary": summary(G),
        "settings": res.settings.as_dict(),
        "findings": [],
        "centrality": _centrality_section(res),
        "segments": _segments_section(res.segments, res.settings.top),
        "contested": {"meaning": MEANINGS["contested"], "min_companies": 2,
                      "count": len(res.contested), "rows": list(res.contested[:res.settings.top])},
        "rivalries": _rivalries_section(res),
        "hidden_rivals": _hidden_section(res),
        "claim_dimensions": _claims_section(res),
        "theme_coverage": _themes_section(res),
        "nodes": _nodes(res),
    }
    rep["findings"] = key_findings(res, rep)
    if timings is not None:
        timings["report"] = timings.pop("sections", 0.0) + time.perf_counter() - clock
    return rep


def _nodes(res: Analysis) -> list[dict]:
    out = []
    for e in res.entities:
        row = dict(e)
        for m in A.METRICS:
            row[m] = _r(res.centrality[m][e["id"]])
        row["segment"] = res.segment_of[e["id"]]
        out.append(row)
    return out


# --------------------------------------------------------------------------- findings


def _and(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _metric_word(m: str) -> str:
    return METRIC_TITLES[m] if m == "pagerank" else m


def _hubs(res: Analysis) -> dict | None:
    """The hubs (:attr:`Analysis.hubs`) in words."""
    if not res.hubs:
        return None
    parts = []
    for h in res.hubs:
        ms = h["metrics"]
        which = ("all 5 measures" if len(ms) == len(A.METRICS) else
                 f"{len(ms)} of 5: {', '.join(_metric_word(m) for m in ms)}")
        parts.append(f"{h['name']} (top {A.HUB_RANK} on {which}; {plural(h['rivals'], 'rival')}, "
                     f"betweenness {h['betweenness']:.4f}, PageRank {h['pagerank']:.4f})")
    return {"topic": "hubs", "entities": [h["name"] for h in res.hubs],
            "text": f"The market revolves around {_and(parts)}."}


def _bridges(res: Analysis) -> dict | None:
    """The bridges between segments (:attr:`Analysis.bridges`) in words."""
    if not res.bridges:
        return None
    names = res.segment_names()
    parts = [f"{b['name']} (betweenness {b['betweenness']:.4f}; links the "
             f"{_and([names[s] for s in [b['segment'], *b['others']]])} segments)"
             for b in res.bridges]
    return {"topic": "bridges", "entities": [b["name"] for b in res.bridges],
            "text": f"Bridges between segments: {_and(parts)}."}


def key_findings(res: Analysis, rep: dict) -> list[dict]:
    """The report's opening in words: hubs, contested rivals, bridges, hidden rivals,
    one-sided positioning; each ``{topic, entities, text}`` with the numbers in the text."""
    out = [f for f in (_hubs(res), _bridges(res)) if f]
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


def sampling_note(plan: dict) -> str:
    """How betweenness and closeness were computed, in words: the sampling setting, the sample
    size when sampled, and the seed.

    Examples
    --------
    >>> sampling_note({"sampling": "auto", "nodes": 3, "exact_limit": 20000, "exact": True,
    ...                "sample_size": None, "seed": 0})
    'Betweenness and closeness are exact (3 entities; sampling auto: a seeded sample above 20,000; seed 0).'
    """
    mode = plan.get("sampling", "auto")
    if plan["exact"]:
        why = {"auto": f"sampling auto: a seeded sample above {plan['exact_limit']:,}",
               "sampled": "sampling sampled, but the sample covers every entity"}.get(
                   mode, f"sampling {mode}")
        return (f"Betweenness and closeness are exact ({plural(plan['nodes'], 'entity', 'entities')}; "
                f"{why}; seed {plan['seed']}).")
    why = (f"the graph has {plan['nodes']:,} entities, more than {plan['exact_limit']:,}"
           if mode == "auto" else f"sampling {mode} was asked for ({plan['nodes']:,} entities)")
    return (f"Betweenness and closeness are estimated from a seeded sample of "
            f"{plan['sample_size']:,} source nodes (seed {plan['seed']}) because {why}; "
            f"the exact sampling setting gives exact values.")


def _centrality_rows(source, metric: str, settings: Settings, top: int | None
                     ) -> tuple[str, dict | None, list, int]:
    """``(title, sampling plan, the first top rows, the count of all)`` of whatever
    :func:`render_centrality_md` was given (of an analysis only the rows shown are made)."""
    if isinstance(source, nx.Graph):
        source = A.analyze(source, settings, parts={"centrality"})
    if isinstance(source, Analysis):
        ranked = source.rankings[metric]
        shown = set(ranked[:top])
        by_id = {e["id"]: e for e in source.entities if e["id"] in shown}
        rows = [{**by_id[n], **{m: source.centrality[m][n] for m in A.METRICS}}
                for n in ranked[:top]]
        return source.title, dict(source.sampling), rows, len(ranked)
    if isinstance(source, dict):
        rows = sorted(source["nodes"], key=lambda r: A.ranking_key(r[metric], r["name"], r["id"]))
        return source.get("title") or "Landscape", source["centrality"]["sampling"], rows[:top], len(rows)
    rows = list(source)
    return "Landscape", None, rows[:top], len(rows)


def _table(name: str, columns: list, rows: list, *, total: int | None = None, shown: int | None = None,
           noun: str = "rows") -> dict:
    """A table; ``total`` items of which ``shown`` made the rows: the rest is ``more``."""
    shown = len(rows) if shown is None else shown
    more = 0 if total is None else max(0, total - shown)
    return {"name": name, "columns": columns, "rows": rows, "more": more, "noun": noun,
            "top": total or 0}


def more_note(t: dict) -> Note | None:
    """``… 5 more one-sided rivalries: <hint>`` for a truncated table, the hint ``more-rows``
    with the ``top`` that shows every row (:mod:`graph.hints`)."""
    if not t["more"]:
        return None
    return Note(f"… {t['more']:,} more {t['noun']}", Hint.of(HintCode.MORE_ROWS, top=t["top"]),
                "{text}: {hint}")


def _centrality_block(rep: dict) -> dict:
    c = rep["centrality"]
    notes = [c["graph"], sampling_note(c["sampling"]), c["eigenvector"]]
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


def _table_notes(t: dict, hints: HintText) -> list[str]:
    more = more_note(t)
    return [n for n in (t.get("zero_note"), more and more.render(hints)) if n]


# --------------------------------------------------------------------------- formats


def _md_cell(v: Any) -> str:
    return md_cell(_fmt(v).replace("\\", "\\\\"))


def _md_table(columns: list, rows: list) -> list[str]:
    return md_table(columns, rows, _md_cell)


def _intro(rep: dict) -> str:
    s = rep["summary"]
    return (f"{plural(s['companies'], 'company', 'companies')}, {plural(s['competitors'], 'competitor')}, "
            f"{plural(s['alternatives'], 'alternative')}, {plural(s['themes'], 'theme')}, "
            f"{plural(s['rivalries'], 'rivalry', 'rivalries')}, "
            f"{plural(s['memberships'], 'theme membership')}. Rivalries read from "
            + ", ".join(f"{e} {n}" for e, n in s.get("rivalries_by_evidence", {}).items())
            + " (a rivalry read two ways counts in both; 'prose' is the least certain). Rankings show "
            f"the top {rep['settings']['top']}; ties are broken by name.")


def settings_sentence(settings: dict, plan: dict) -> str:
    """The settings an analysis ran with, and the sampling that applied, in words (every
    report format shows them).

    Examples
    --------
    >>> settings_sentence({"sampling": "sampled", "seed": 7, "sample_size": 64, "resolution": 1.0,
    ...                    "threshold": 0.2, "top": 10}, {"exact": False, "sample_size": 64})
    'Settings: sampling sampled (64 sampled sources), seed 7, segment resolution 1, hidden-rival threshold 0.2.'
    """
    applied = "exact values" if plan["exact"] else f"{plan['sample_size']:,} sampled sources"
    return (f"Settings: sampling {settings['sampling']} ({applied}), seed {settings['seed']}, "
            f"segment resolution {settings['resolution']:g}, hidden-rival threshold "
            f"{settings['threshold']:g}.")


def _render_md(rep: dict, hints: HintText) -> str:
    lines = [f"# {rep['title']}: landscape report", "", _intro(rep), "",
             settings_sentence(rep["settings"], rep["centrality"]["sampling"]), "", "## Key findings", ""]
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
            lines += [x for n in _table_notes(t, hints) for x in (n, "")]
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


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _render_html(rep: dict, hints: HintText) -> str:
    """The report through the autoescaped template ``templates/report.html.j2``: every cell is
    formatted here, as text; the template only places it."""
    sections = [
        {**sec, "tables": [
            {"heading": t["name"][0].upper() + t["name"][1:], "columns": [str(c) for c in t["columns"]],
             "rows": [[(_fmt(v), _is_number(v)) for v in r] for r in t["rows"]],
             "notes": _table_notes(t, hints)}
            for t in sec["tables"]]}
        for sec in _sections(rep)
    ]
    return render_template("report.html.j2", title=rep["title"], intro=_intro(rep),
                           settings=settings_sentence(rep["settings"], rep["centrality"]["sampling"]),
                           findings=[f["text"] for f in rep["findings"]], sections=sections)


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


def render_report(report: dict, fmt: str = "md", *, hints: HintText = str) -> str:
    """Render a :func:`build_report` result as ``md``, ``json`` or ``html`` (``csv``: see
    :func:`render_csv_tables`, one file per table; here they are concatenated, each after a
    ``# file name`` line, for a quick look).

    JSON is the report as it is (every entity's metrics in ``nodes``); HTML is one standalone
    page, escaped, loading nothing from the network. Every truncated table says how many rows
    it left out and how to see them: a ``more-rows`` hint (:mod:`graph.hints`) in the words of
    ``hints`` (the library's by default; the command line gives its command).

    Examples
    --------
    >>> G = nx.Graph(name="Tiny")
    >>> G.add_node("a", label="<A>", kind="company")
    >>> "&lt;A&gt;" in render_report(build_report(G), "html")
    True
    """
    if fmt == "md":
        return _render_md(report, hints)
    if fmt == "json":
        return dumps_json(report, indent=2) + "\n"
    if fmt == "csv":
        return "\n".join(f"# {name}\n{text}" for name, text in render_csv_tables(report).items())
    if fmt == "html":
        return _render_html(report, hints)
    raise UsageError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")


def render_centrality_md(source: Analysis | nx.Graph | list | dict, *, top: int | None = None,
                         metric: str = "degree", settings: Settings | None = None,
                         hints: HintText = str) -> str:
    """The centrality table as Markdown (``landscape build`` writes it to ``centrality.md``).

    Accepts an :class:`~graph.analysis.Analysis` result or a :func:`build_report` result
    (nothing is computed twice), a landscape graph (centrality is computed, with
    ``settings``) or rows of :func:`graph.analysis.centrality`. Rows are sorted by
    ``metric``, then name; ``top`` keeps the first rows, and a ``full-centrality`` hint in the
    words of ``hints`` says where the rest are.

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
    title, plan, rows, total = _centrality_rows(source, metric, settings or Settings(), top)
    lines = [f"# {title}: centrality", "", COMPETITION_GRAPH_NOTE, "", A.EIGENVECTOR_NOTE]
    if plan is not None:
        lines += ["", sampling_note(plan)]
    if len(rows) < total:
        lines += ["", Note(f"The first {len(rows)} of {total} entities",
                           Hint.of(HintCode.FULL_CENTRALITY), "{text}; {hint}.").render(hints)]
    lines += ["", f"Sorted by {metric}, ties by name. Normalised as in NetworkX.", ""]
    for m in A.METRICS:
        lines.append(f"- {m}: {MEANINGS[m]}")
    lines.append("")
    lines += _md_table(["rank", "name", "kind", *A.METRICS],
                       [[i + 1, r["name"], r["kind"], *[r.get(m) for m in A.METRICS]]
                        for i, r in enumerate(rows)])
    return "\n".join(lines) + "\n"
