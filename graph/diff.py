"""What changed between two landscapes: entities, rivalries, claims, themes, segments, ranks.

:func:`diff_graphs` compares two landscape graphs (the shape of :mod:`graph.build`) and returns
plain data; :func:`render_diff` turns it into Markdown, JSON or one offline HTML file.

Matching
--------
An entity is the same on both sides when its id is. An entity that disappeared is **renamed**
to one that appeared when a spelling of one (label or alias) has the same matching key
(:func:`graph.resolve.key`) as a spelling of the other: ``Globex`` becomes ``Global Export
(Globex)``. Everything else is compared through that mapping, so a rename alone changes no
rivalry, claim or membership.

Claims are compared by rivalry and claimant (``by`` -> ``against``): texts on both sides are
unchanged; what is left is paired in reading order as **changed**, and the rest is added or
removed.

Segments are matched by overlap: each new segment is the old segment that shares most of its
members (ties: the lower old number). An entity **moves** when its new segment does not match
its old one. Centrality ranks are PageRank ranks on the competition graph (1 = most central);
changes of at least ``rank_threshold`` places are listed.

The summary sentences at the top name the changes that matter most, in this order: renames,
a new rival named by several companies, companies entering the top ``top`` by PageRank,
rivalries that became mutual, rivals no longer in the documents that several companies named.
"""

from __future__ import annotations

import copy

import networkx as nx

from rivalscape.graph import analysis
from rivalscape.graph.build import format_source
from rivalscape.graph.errors import UsageError
from rivalscape.graph.names import key
from rivalscape.graph.text import dumps_json
from rivalscape.graph.textout import md_table, md_text, render_template

FORMATS = ("md", "json", "html")
RANK_THRESHOLD = 3
TOP = 5
MAX_SENTENCES = 6


def _label(G: nx.Graph, n: str) -> str:
    return G.nodes[n]["label"]


def _name_key(text: str) -> tuple:
    return (text.casefold(), text)


def _spellings(G: nx.Graph, n: str) -> set[str]:
    d = G.nodes[n]
    return {key(s) for s in (d["label"], *d.get("aliases", ()))}


def match_entities(old: nx.Graph, new: nx.Graph) -> tuple[dict[str, str], list[dict]]:
    """``({old id: new id}, renames)``: same id, else a shared spelling key (see module doc)."""
    mapping = {n: n for n in old if n in new}
    gone = sorted(n for n in old if n not in new)
    fresh = sorted(n for n in new if n not in old)
    by_key: dict[str, list[str]] = {}
    for n in fresh:
        for k in sorted(_spellings(new, n)):
            by_key.setdefault(k, []).append(n)
    used: set[str] = set()
    renames = []
    for o in gone:
        is_theme = old.nodes[o]["kind"] == "theme"
        hits = sorted({n for k in _spellings(old, o) for n in by_key.get(k, ())
                       if n not in used and (new.nodes[n]["kind"] == "theme") == is_theme})
        if hits:
            n = hits[0]
            used.add(n)
            mapping[o] = n
            via = sorted((_spellings(old, o) & _spellings(new, n)))
            shared = [s for s in (new.nodes[n]["label"], *new.nodes[n]["aliases"],
                                  old.nodes[o]["label"], *old.nodes[o]["aliases"]) if key(s) in via]
            renames.append({"old": _label(old, o), "new": _label(new, n), "via": shared[0]})
    renames.sort(key=lambda r: _name_key(r["old"]))
    return mapping, renames


def _entity_rows(G: nx.Graph, ids) -> list[dict]:
    rows = [{"name": _label(G, n), "id": n, "kind": G.nodes[n]["kind"]} for n in ids]
    return sorted(rows, key=lambda r: (*_name_key(r["name"]), r["id"]))


def _rivalries(G: nx.Graph, m: dict | None = None) -> dict[frozenset, dict]:
    """``{frozenset(ids): edge data}`` of competes edges, ids mapped through ``m``."""
    m = m or {}
    return {frozenset((m.get(u, u), m.get(v, v))): d
            for u, v, d in G.edges(data=True) if d["kind"] == "competes"}


def _pair(G: nx.Graph, pair: frozenset) -> tuple[str, str]:
    a, b = sorted((_label(G, n) for n in pair), key=_name_key)
    return a, b


def _rivalry_diff(old: nx.Graph, new: nx.Graph, m: dict) -> dict:
    ro, rn = _rivalries(old, m), _rivalries(new)
    inv = {v: k for k, v in m.items()}

    def row(G, pair, d, ids=None):
        a, b = _pair(G, frozenset(ids or pair))
        return {"a": a, "b": b, "claims": len(d["claims"]), "mutual": d["mutual"]}

    def old_ids(pair):
        return [inv.get(n, n) for n in pair]

    added = [row(new, p, rn[p]) for p in rn if p not in ro]
    removed = [row(old, p, ro[p], old_ids(p)) for p in ro if p not in rn]
    mutual = [row(new, p, rn[p]) for p in rn if p in ro and rn[p]["mutual"] and not ro[p]["mutual"]]
    unmutual = [row(new, p, rn[p]) for p in rn if p in ro and ro[p]["mutual"] and not rn[p]["mutual"]]
    order = lambda r: (*_name_key(r["a"]), *_name_key(r["b"]))  # noqa: E731
    return {"added": sorted(added, key=order), "removed": sorted(removed, key=order),
            "became_mutual": sorted(mutual, key=order), "no_longer_mutual": sorted(unmutual, key=order)}


def _claims_by(G: nx.Graph, m: dict | None = None) -> dict[tuple, list[dict]]:
    m = m or {}
    out: dict[tuple, list[dict]] = {}
    for _, _, d in G.edges(data=True):
        if d["kind"] == "competes":
            for c in d["claims"]:
                out.setdefault((m.get(c["by"], c["by"]), m.get(c["against"], c["against"])), []).append(c)
    for cs in out.values():
        cs.sort(key=lambda c: ((c["source"] or {}).get("path") or "", (c["source"] or {}).get("line") or 0))
    return out


def _claim_diff(old: nx.Graph, new: nx.Graph, m: dict) -> list[dict]:
    co, cn = _claims_by(old, m), _claims_by(new)
    inv = {v: k for k, v in m.items()}
    rows = []
    for by, against in set(co) | set(cn):
        olds = [c for c in co.get((by, against), [])]
        news = [c for c in cn.get((by, against), [])]
        same = {c["text"] for c in olds} & {c["text"] for c in news}
        olds = [c for c in olds if c["text"] not in same]
        news = [c for c in news if c["text"] not in same]
        G, b, a = (new, by, against) if (by in new and against in new) else (old, inv.get(by, by), inv.get(against, against))
        names = {"by": _label(G, b), "against": _label(G, a)}
        for i in range(max(len(olds), len(news))):
            o = olds[i] if i < len(olds) else None
            n = news[i] if i < len(news) else None
            change = "changed" if o and n else "added" if n else "removed"
            rows.append({**names, "change": change, "old": o["text"] if o else None,
                         "new": n["text"] if n else None,
                         "source": format_source((n or o)["source"])})
    rank = {"added": 0, "changed": 1, "removed": 2}
    rows.sort(key=lambda r: (*_name_key(r["by"]), *_name_key(r["against"]), rank[r["change"]],
                             r["new"] or r["old"] or ""))  # a claim may have no text
    return rows


def _memberships(G: nx.Graph, m: dict | None = None) -> dict[tuple, str]:
    m = m or {}
    return {(m.get(d["theme"], d["theme"]), m.get(d["member"], d["member"])): d["description"]
            for _, _, d in G.edges(data=True) if d["kind"] == "theme"}


def _theme_diff(old: nx.Graph, new: nx.Graph, m: dict) -> list[dict]:
    mo, mn = _memberships(old, m), _memberships(new)
    inv = {v: k for k, v in m.items()}
    rows = [{"theme": _label(new, t), "member": _label(new, x), "change": "joined"}
            for t, x in mn if (t, x) not in mo]
    rows += [{"theme": _label(old, inv.get(t, t)), "member": _label(old, inv.get(x, x)), "change": "left"}
             for t, x in mo if (t, x) not in mn]
    return sorted(rows, key=lambda r: (*_name_key(r["theme"]), r["change"], *_name_key(r["member"])))


def _ids(segment: dict) -> list[str]:
    return [member["id"] for member in segment["members"]]


def _match_segments(so: list[dict], sn: list[dict], old_of: dict) -> dict[int, int]:
    """New segment -> old segment, one to one, largest overlaps first (ties: lower numbers)."""
    overlaps = []
    for s in sn:
        counts: dict[int, int] = {}
        for v in _ids(s):
            if v in old_of:
                counts[old_of[v]] = counts.get(old_of[v], 0) + 1
        overlaps += [(-c, s["segment"], o) for o, c in counts.items()]
    match: dict[int, int] = {}
    for _, new_seg, old_seg in sorted(overlaps):
        if new_seg not in match and old_seg not in match.values():
            match[new_seg] = old_seg
    return match


def _segment_moves(old: analysis.Analysis, new_result: analysis.Analysis, new: nx.Graph,
                   m: dict) -> list[dict]:
    so, sn = old.segments["segments"], new_result.segments["segments"]
    old_of = {m.get(v, v): s["segment"] for s in so for v in _ids(s)}
    old_name = {s["segment"]: s["name"] for s in so}
    match = _match_segments(so, sn, old_of)
    present = set(m.values())
    new_of = {v: s for s in sn for v in _ids(s)}
    rows = []
    for v in sorted(present):
        s = new_of.get(v)
        was, now = old_of.get(v), (match.get(s["segment"]) if s else None)
        if (v in old_of or s) and (was != now or (s is not None and now is None)):
            rows.append({"name": _label(new, v), "from": old_name.get(was), "to": s["name"] if s else None})
    return sorted(rows, key=lambda r: _name_key(r["name"]))


def _analysis(G: nx.Graph, seed: int) -> analysis.Analysis:
    """What the diff needs of one side, from one igraph copy: PageRank ranks and segments."""
    return analysis.analyze(G, analysis.Settings(seed=seed), parts={"segments"})


def _ranks(result: analysis.Analysis) -> dict[str, int]:
    return {n: i for i, n in enumerate(result.rankings["pagerank"], 1)}


def _rank_changes(ro: dict, rn: dict, new: nx.Graph, m: dict, threshold: int) -> list[dict]:
    rows = []
    for o, n in m.items():
        if o in ro and n in rn and abs(ro[o] - rn[n]) >= threshold:
            rows.append({"name": _label(new, n), "old_rank": ro[o], "new_rank": rn[n],
                         "change": ro[o] - rn[n]})
    return sorted(rows, key=lambda r: (-abs(r["change"]), *_name_key(r["name"])))


def _namers(G: nx.Graph, m: dict | None = None) -> dict[str, set[str]]:
    m = m or {}
    out: dict[str, set[str]] = {}
    for (by, against), _ in _claims_by(G, m).items():
        out.setdefault(against, set()).add(by)
    return out


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _sentences(old, new, m, renames, added, removed, rivalries, ro, rn, top) -> list[str]:
    out = [f"{r['old']} is now {r['new']} (matched through {r['via']!r})." for r in renames]
    namers_new, namers_old = _namers(new), _namers(old)
    for e in added:
        by = sorted((_label(new, n) for n in namers_new.get(e["id"], ())), key=_name_key)
        if len(by) >= 2:
            out.append(f"{e['name']} is a new rival, named by {len(by)} companies: {_and(by)}.")
    old_top = {m.get(n) for n, r in ro.items() if r <= top}
    inv = {v: k for k, v in m.items()}
    for n, r in sorted(rn.items(), key=lambda x: x[1]):
        if r <= top and n not in old_top and new.nodes[n]["kind"] == "company":
            was = f"was {ro[inv[n]]}" if n in inv and inv[n] in ro else "new in the documents"
            out.append(f"{_label(new, n)} entered the top {top} by PageRank (rank {r}; {was}).")
    for r in rivalries["became_mutual"]:
        out.append(f"The rivalry between {r['a']} and {r['b']} became mutual: both now make claims.")
    for e in removed:
        by = sorted((_label(old, n) for n in namers_old.get(e["id"], ())), key=_name_key)
        if len(by) >= 2:
            out.append(f"{e['name']}, named by {len(by)} companies before, is no longer in the documents.")
    return out[:MAX_SENTENCES]


def diff_graphs(old: nx.Graph, new: nx.Graph, *, rank_threshold: int = RANK_THRESHOLD,
                top: int = TOP, seed: int = 0) -> dict:
    """Every change from ``old`` to ``new``, the most important first in ``summary``.

    Returns ``summary`` (sentences), ``counts``, ``entities`` (``added``, ``removed``,
    ``renamed``, ``kind_changed``), ``rivalries`` (``added``, ``removed``, ``became_mutual``,
    ``no_longer_mutual``), ``claims``, ``themes``, ``segment_moves``, ``rank_changes`` and
    ``settings``; every list in a stable order.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> G.add_node("a", label="Acme", kind="company", aliases=[])
    >>> G.add_node("g", label="Globex", kind="competitor", aliases=[])
    >>> H = nx.Graph(name="t")
    >>> H.add_node("a", label="Acme", kind="company", aliases=[])
    >>> H.add_node("ge", label="Global Export", kind="competitor", aliases=["Globex"])
    >>> diff_graphs(G, H)["summary"]
    ["Globex is now Global Export (matched through 'Globex')."]
    """
    if rank_threshold < 1 or top < 1:
        raise UsageError("the rank threshold and the top size must be at least 1")
    m, renames = match_entities(old, new)
    matched = set(m.values())
    added = _entity_rows(new, (n for n in new if n not in matched))
    removed = _entity_rows(old, (n for n in old if n not in m))
    kinds = sorted(({"name": _label(new, n), "old": old.nodes[o]["kind"], "new": new.nodes[n]["kind"]}
                    for o, n in m.items() if old.nodes[o]["kind"] != new.nodes[n]["kind"]),
                   key=lambda r: _name_key(r["name"]))
    rivalries = _rivalry_diff(old, new, m)
    claims = _claim_diff(old, new, m)
    ao, an = _analysis(old, seed), _analysis(new, seed)
    ro, rn = _ranks(ao), _ranks(an)
    out = {
        "summary": _sentences(old, new, m, renames, added, removed, rivalries, ro, rn, top),
        "counts": {},
        "entities": {"added": added, "removed": removed, "renamed": renames, "kind_changed": kinds},
        "rivalries": rivalries,
        "claims": claims,
        "themes": _theme_diff(old, new, m),
        "segment_moves": _segment_moves(ao, an, new, m),
        "rank_changes": _rank_changes(ro, rn, new, m, rank_threshold),
        "settings": {"rank_threshold": rank_threshold, "top": top, "seed": seed,
                     "rank_metric": "pagerank"},
    }
    out["counts"] = _counts(out)
    return out


def _counts(d: dict) -> dict:
    e, r = d["entities"], d["rivalries"]
    change = lambda rows, what: sum(1 for x in rows if x["change"] == what)  # noqa: E731
    return {
        "entities_added": len(e["added"]), "entities_removed": len(e["removed"]),
        "entities_renamed": len(e["renamed"]),
        "rivalries_added": len(r["added"]), "rivalries_removed": len(r["removed"]),
        "claims_added": change(d["claims"], "added"), "claims_removed": change(d["claims"], "removed"),
        "claims_changed": change(d["claims"], "changed"),
        "memberships_joined": change(d["themes"], "joined"), "memberships_left": change(d["themes"], "left"),
        "segment_moves": len(d["segment_moves"]), "rank_changes": len(d["rank_changes"]),
    }


# --------------------------------------------------------------------------- rendering


def _tables(d: dict) -> list[tuple[str, list[str], list[list]]]:
    """``(title, columns, rows)`` for every table of a diff, in reading order."""
    e, r = d["entities"], d["rivalries"]
    riv = lambda rows: [[x["a"], x["b"], x["claims"], "yes" if x["mutual"] else "no"] for x in rows]  # noqa: E731
    return [
        ("Entities added", ["name", "kind"], [[x["name"], x["kind"]] for x in e["added"]]),
        ("Entities removed", ["name", "kind"], [[x["name"], x["kind"]] for x in e["removed"]]),
        ("Entities renamed", ["old", "new", "matched through"], [[x["old"], x["new"], x["via"]] for x in e["renamed"]]),
        ("Kinds changed", ["name", "old", "new"], [[x["name"], x["old"], x["new"]] for x in e["kind_changed"]]),
        ("Rivalries added", ["a", "b", "claims", "mutual"], riv(r["added"])),
        ("Rivalries removed", ["a", "b", "claims", "mutual"], riv(r["removed"])),
        ("Rivalries that became mutual", ["a", "b", "claims", "mutual"], riv(r["became_mutual"])),
        ("Rivalries no longer mutual", ["a", "b", "claims", "mutual"], riv(r["no_longer_mutual"])),
        ("Claims", ["by", "against", "change", "old", "new", "source"],
         [[x["by"], x["against"], x["change"], x["old"], x["new"], x["source"]] for x in d["claims"]]),
        ("Theme memberships", ["theme", "member", "change"],
         [[x["theme"], x["member"], x["change"]] for x in d["themes"]]),
        ("Segment moves", ["name", "from", "to"], [[x["name"], x["from"], x["to"]] for x in d["segment_moves"]]),
        (f"PageRank rank changes of {d['settings']['rank_threshold']} or more places",
         ["name", "old rank", "new rank", "change"],
         [[x["name"], x["old_rank"], x["new_rank"], f"{x['change']:+d}"] for x in d["rank_changes"]]),
    ]


def totals(d: dict) -> str:
    """One sentence with the main counts of a diff."""
    c = d["counts"]
    return (f"In all: {c['entities_added']} entities added, {c['entities_removed']} removed, "
            f"{c['entities_renamed']} renamed; {c['rivalries_added']} rivalries added, "
            f"{c['rivalries_removed']} removed; {c['claims_added']} claims added, "
            f"{c['claims_removed']} removed, {c['claims_changed']} changed; "
            f"{c['memberships_joined'] + c['memberships_left']} theme memberships changed.")


def _render_md(d: dict, old: str, new: str) -> str:
    out = [f"# What changed: {md_text(old)} -> {md_text(new)}", ""]
    out += [f"- {md_text(s)}" for s in d["summary"]] or ["- No change that stands out."]
    out += ["", totals(d), ""]
    for title, cols, rows in _tables(d):
        out += [f"## {title}", "", *md_table(cols, rows, md_text), ""]
    return "\n".join(out)


def render_diff(d: dict, fmt: str = "md", *, old: str = "old", new: str = "new") -> str:
    """A :func:`diff_graphs` result as ``md``, ``json`` or ``html``; ``old``/``new`` name the sides."""
    if fmt == "json":
        return dumps_json({"old": old, "new": new, **d}, indent=2) + "\n"
    if fmt == "md":
        return _render_md(d, old, new)
    if fmt == "html":
        return render_template("diff.html.j2", d=d, old=old, new=new, totals=totals(d),
                               tables=_tables(d))
    raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


# --------------------------------------------------------------------------- the page's overlay


def _sourced_at(d: dict, where: str) -> dict:
    """A deep copy of node or edge data whose sources read ``where:path`` (the old side's)."""
    d = copy.deepcopy(d)

    def fix(s):
        if isinstance(s, dict) and s.get("path") is not None:
            s["path"] = f"{where}:{s['path']}"

    for f in d.get("facts") or ():
        fix(f.get("source"))
    for s in d.get("sources") or ():
        fix(s)
    for c in d.get("claims") or ():
        fix(c.get("source"))
    fix(d.get("source"))
    return d


def overlay(old: nx.Graph, new: nx.Graph, *, where: str = "old") -> tuple[nx.Graph, dict]:
    """``(union, changes)``: ``new`` with what ``old`` had and ``new`` has not, for a page that
    marks what changed and can show the old state.

    Entities are matched as in :func:`diff_graphs` (renames through aliases are the same
    entity, under its new id). ``union`` holds every node and edge of ``new`` plus the removed
    entities (their old ids) and the removed edges (ends mapped to new ids), with sources read
    as ``where:path``. ``changes`` lists, sorted, ``added_nodes``, ``removed_nodes`` (ids) and
    ``added_edges``, ``removed_edges`` (sorted id pairs), rivalries and theme memberships alike.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company", aliases=[])
    >>> G.add_edge("a", "b", kind="competes", claims=[])
    >>> H = G.copy()
    >>> H.remove_node("b")
    >>> H.add_edge("a", "c", kind="competes", claims=[])
    >>> U, ch = overlay(G, H)
    >>> sorted(U.edges), ch["removed_nodes"], ch["added_edges"], ch["removed_edges"]
    ([('a', 'b'), ('a', 'c')], ['b'], [('a', 'c')], [('a', 'b')])
    """
    m, _ = match_entities(old, new)
    to_new = lambda n: m.get(n, n)  # noqa: E731  (a removed entity keeps its old id)
    U = new.copy()
    removed_nodes = sorted(n for n in old if n not in m)
    for n in removed_nodes:
        U.add_node(n, **_sourced_at(old.nodes[n], where))
    old_pairs, removed_edges = set(), []
    for u, v, d in old.edges(data=True):
        a, b = to_new(u), to_new(v)
        old_pairs.add(frozenset((a, b)))
        if a != b and not new.has_edge(a, b):
            d = _sourced_at(d, where)
            for c in d.get("claims") or ():
                c["by"], c["against"] = to_new(c["by"]), to_new(c["against"])
            d.update({k: to_new(d[k]) for k in ("theme", "member") if k in d})
            if "claimants" in d:
                d["claimants"] = sorted(to_new(c) for c in d["claimants"])
            U.add_edge(a, b, **d)
            removed_edges.append(tuple(sorted((a, b))))
    matched = set(m.values())
    changes = {
        "added_nodes": sorted(n for n in new if n not in matched),
        "removed_nodes": removed_nodes,
        "added_edges": sorted(tuple(sorted((u, v))) for u, v in new.edges if frozenset((u, v)) not in old_pairs),
        "removed_edges": sorted(removed_edges),
    }
    return U, changes
