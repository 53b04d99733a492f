"""Questions asked of the landscape graph by name: lookup, competitors, profile, themes.

Functions take the graph built by :func:`graph.build.build_graph` and return plain data
(dicts and lists, stable order), never print.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable

import networkx as nx

from rivalscape.graph.build import format_source
from rivalscape.graph.errors import UnknownEntityError, UsageError
from rivalscape.graph.hints import Hint, HintCode, Note
from rivalscape.graph.models import EVIDENCE, KINDS
from rivalscape.graph.names import acronym, is_acronym_like, key, loose, norm, search_keys


def exact_names(G: nx.Graph) -> dict[str, str]:
    """The first rule of :func:`find_entity` worked out for every node at once: each
    normalised id and label -> the node it finds (the first by id), so that
    ``exact_names(G).get(norm(name))``, when not None, is ``find_entity(G, name)``. For
    finding names in a large landscape without a pass over every node (:mod:`graph.slices`).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("modal-labs", label="Modal Labs", kind="company")
    >>> exact_names(G)
    {'modal-labs': 'modal-labs', 'modal labs': 'modal-labs'}
    """
    out: dict[str, str] = {}
    for n, d in sorted(G.nodes(data=True), key=lambda item: item[0]):
        for spelling in (norm(n), norm(d["label"])):
            out.setdefault(spelling, n)
    return out


def find_entity(G: nx.Graph, name: str, *, kinds: tuple[str, ...] | None = None) -> str:
    """The node id for a name, alias or acronym (``Cursor``, ``W&B``), case-insensitive.

    Raises :class:`~graph.errors.UnknownEntityError` with close matches as suggestions.

    Examples
    --------
    >>> from rivalscape.graph.pipeline import load
    >>> G = load(["data"]).graph
    >>> find_entity(G, "cursor"), find_entity(G, "W&B")
    ('anysphere', 'weights-and-biases')
    """
    nodes = [(n, d) for n, d in G.nodes(data=True) if kinds is None or d["kind"] in kinds]
    want_norm, want_key, want_loose = norm(name), key(name), loose(name)
    for test in (
        lambda n, d: norm(n) == want_norm or norm(d["label"]) == want_norm,
        lambda n, d: any(norm(a) == want_norm for a in d.get("aliases", ())),
        lambda n, d: d["kind"] != "theme" and (
            key(d["label"]) == want_key or any(key(a) == want_key for a in d.get("aliases", ()))),
        lambda n, d: d["kind"] != "theme" and is_acronym_like(name) and acronym(d["label"]) == name.upper(),
        # last, the page's own search forms ("wandb" for W&B), so both find the same entity
        lambda n, d: d["kind"] != "theme" and want_loose in search_keys(d["label"], d.get("aliases", ())),
    ):
        hits = sorted(n for n, d in nodes if test(n, d))
        if hits:
            return hits[0]
    what = "theme" if kinds == ("theme",) else "entity"
    raise UnknownEntityError(name, suggest(G, name, nodes), what=what)


def suggest(G: nx.Graph, name: str, nodes=None, n: int = 3) -> list[str]:
    """Labels close to ``name``: by spelling of labels and aliases, then by prefix. The one
    "did you mean" engine (names, focus, themes); a node without a label is named by its id."""
    nodes = nodes if nodes is not None else list(G.nodes(data=True))
    spellings: dict[str, str] = {}
    for nid, d in nodes:
        label = str(d.get("label", nid))
        for s in (label, str(nid), *d.get("aliases", ())):
            spellings.setdefault(norm(s), label)
    close = difflib.get_close_matches(norm(name), list(spellings), n=n * 2, cutoff=0.6)
    close += sorted(s for s in spellings if s.startswith(norm(name)[:3]) and len(name) >= 3)
    out: list[str] = []
    for s in close:
        label = spellings[s]
        if label not in out:
            out.append(label)
    return out[:n]


def _claims_between(G: nx.Graph, u: str, v: str) -> list[dict]:
    return [
        {"by": G.nodes[c["by"]]["label"], "against": G.nodes[c["against"]]["label"],
         "text": c["text"], "source": format_source(c["source"])}
        for c in G.edges[u, v]["claims"]
    ]


def ref(G: nx.Graph, node: str) -> dict:
    """An entity as every output names it: ``{name, id, kind}``."""
    d = G.nodes[node]
    return {"name": d["label"], "id": node, "kind": d["kind"]}


def theme_note(G: nx.Graph, node: str) -> Note | None:
    """For a theme: a note saying it has members instead of rivals, with the hint that its
    profile lists them (:class:`graph.hints.Note`, ``str()`` for the library's words);
    ``None`` otherwise.

    >>> from rivalscape.graph.pipeline import load
    >>> note = theme_note(load(["data"]).graph, "theme:open-source-integration")
    >>> str(note)
    "'Open Source Integration' is a theme: it has 4 members, not rivals (its profile lists them)"
    >>> note.hint.as_json()
    {'code': 'show-theme', 'name': 'Open Source Integration'}
    """
    if G.nodes[node]["kind"] != "theme":
        return None
    label = G.nodes[node]["label"]
    n = G.degree(node)
    return Note(f"{label!r} is a theme: it has {n} member{'' if n == 1 else 's'}, not rivals",
                Hint.of(HintCode.SHOW_THEME, name=label))


def competitors(G: nx.Graph, node: str, *, depth: int = 1) -> list[dict]:
    """Rivals of ``node`` up to ``depth`` rivalries away, nearest first, then by name.

    Each row: ``name``, ``id``, ``kind``, ``distance``, ``via`` and ``via_id`` (the rival it
    is reached through, for distance > 1) and ``claims`` (on the edge that reaches it, each
    with ``by``, ``against``, ``text`` and ``source`` as ``path:line``). A theme has members,
    not rivals: its list is empty (:func:`theme_note` says so).

    Examples
    --------
    >>> from rivalscape.graph.pipeline import load
    >>> G = load(["data"]).graph
    >>> [r["name"] for r in competitors(G, "replicate")]
    ['Cloud providers', 'Custom deployment', 'Hugging Face', 'Modal Labs']
    """
    if G.nodes[node]["kind"] == "theme":
        return []
    return [
        {"name": r["name"], "id": r["id"], "kind": r["kind"], "distance": r["distance"],
         "via": r["via"], "via_id": r["via_id"],
         "claims": _claims_between(G, r["via_id"] or node, r["id"])}
        for r in neighbours_by_depth(G, node, depth)
    ]


def profile(G: nx.Graph, node: str) -> dict:
    """Everything the graph knows of one entity: facts, rivals with claims, themes, sources.

    A theme has ``members`` (each once) instead of rivals and themes.
    """
    d = G.nodes[node]
    themes = sorted(
        (
            {**ref(G, t), "description": G.edges[node, t]["description"],
             "source": format_source(G.edges[node, t]["source"])}
            for t in G.adj[node]
            if G.edges[node, t]["kind"] == "theme" and d["kind"] != "theme"
        ),
        key=lambda r: (r["name"].casefold(), r["id"]),
    )
    out = {
        "name": d["label"],
        "id": node,
        "kind": d["kind"],
        "aliases": list(d["aliases"]),
        "facts": [
            {"label": f["label"], "text": f["text"], "source": format_source(f["source"])}
            for f in d["facts"]
        ],
        "parsed": {k: d[k] for k in ("founded", "funding_usd", "funding_round", "valuation_usd")
                   if d.get(k) is not None},
        "competitors": competitors(G, node) if d["kind"] != "theme" else [],
        "themes": themes,
        "sources": [format_source(s) for s in d["sources"]],
    }
    if d["kind"] == "theme":
        out["members"] = theme_members(G, node)
    return out


def theme_members(G: nx.Graph, theme: str) -> list[dict]:
    return sorted(
        (
            {**ref(G, m), "description": G.edges[theme, m]["description"],
             "source": format_source(G.edges[theme, m]["source"])}
            for m in G.adj[theme]
        ),
        key=lambda r: (r["name"].casefold(), r["id"]),
    )


def themes(G: nx.Graph, node: str | None = None) -> list[dict]:
    """Every theme with its members, by theme name; with ``node``, that theme alone, or for
    any other entity the themes it belongs to."""
    rows = []
    for n, d in G.nodes(data=True):
        if node is not None and n != node and node not in G.adj[n]:
            continue
        if d["kind"] == "theme":
            rows.append({
                **ref(G, n),
                "source": format_source(d["sources"][0]) if d["sources"] else None,
                "members": theme_members(G, n),
            })
    return sorted(rows, key=lambda r: r["name"].casefold())


def summary(G: nx.Graph) -> dict:
    """Counts by kind and of rivalries and memberships."""
    counts = {k: 0 for k in KINDS}
    for _, k in G.nodes(data="kind"):
        counts[k] = counts.get(k, 0) + 1
    rivalries = 0
    by_evidence = {e: 0 for e in EVIDENCE}
    for *_, d in G.edges(data=True):  # one pass: it ran twice per build over 400k edges
        if d.get("kind") == "competes":
            rivalries += 1
            for e in d.get("evidence") or ("vs-item",):
                by_evidence[e] = by_evidence.get(e, 0) + 1
    return {
        "companies": counts["company"],
        "competitors": counts["competitor"],
        "alternatives": counts["alternative"],
        "themes": counts["theme"],
        "rivalries": rivalries,
        "memberships": G.number_of_edges() - rivalries,
        # how the rivalries were read; a rivalry read two ways counts under both
        "rivalries_by_evidence": {e: n for e, n in by_evidence.items() if n},
    }


def _name_key(label: str, node: str = "") -> tuple:
    return (label.casefold(), label, node)


FOLLOW: tuple[str, ...] = ("rivalries", "links")
"""What a neighbourhood walk follows: rivalries only, or every link (rivalries and theme
memberships, never onward through a theme)."""


def walk(G: nx.Graph, start: Hashable, depth: int = 1, *,
         follow: str = "rivalries") -> dict[Hashable, tuple[int, Hashable | None]]:
    """The one neighbourhood walk: ``{node: (distance, via)}`` for every node at most ``depth``
    steps from ``start`` (``start`` itself at ``(0, None)``), breadth first.

    ``follow="rivalries"`` steps along ``competes`` edges only (``landscape competitors
    --depth``); ``"links"`` along every edge but does not continue through a theme node unless
    the walk starts at it, so a shared theme does not pull in every other member (what the page
    draws around a focus). ``via`` is the nearer node a node was first reached from; nodes are
    visited in name order, so it is the same every run.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", kind="competes"); G.add_edge("b", "t", kind="theme")
    >>> G.add_edge("t", "c", kind="theme"); G.add_edge("b", "d", kind="competes")
    >>> G.nodes["t"]["kind"] = "theme"
    >>> walk(G, "a", 2)
    {'a': (0, None), 'b': (1, 'a'), 'd': (2, 'b')}
    >>> sorted(walk(G, "a", 3, follow="links"))
    ['a', 'b', 'd', 't']
    """
    if follow not in FOLLOW:
        raise UsageError(f"unknown walk {follow!r}; choose from {', '.join(FOLLOW)}")

    def order(x):
        return _name_key(str(G.nodes[x].get("label", x)), str(x))

    seen: dict = {start: (0, None)}
    frontier = [start]
    for dist in range(1, max(depth, 0) + 1):
        nxt = []
        for u in sorted(frontier, key=order):
            if follow == "links" and u != start and G.nodes[u].get("kind") == "theme":
                continue
            for v in sorted(G.adj[u], key=order):
                if v in seen or (follow == "rivalries" and G.edges[u, v].get("kind") != "competes"):
                    continue
                seen[v] = (dist, u)
                nxt.append(v)
        frontier = nxt
    return seen


def neighbours_by_depth(G: nx.Graph, node: str, depth: int = 1) -> list[dict]:
    """Rivals, rivals of rivals, ... up to ``depth`` rivalries away, marked by distance.

    Rows: ``name``, ``id``, ``kind``, ``distance``, ``via`` and ``via_id`` (the label and id of
    the nearer entity it is reached through; ``None`` at distance 1), by ``(distance, name)``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_edges_from([("a", "b"), ("b", "c")], kind="competes")
    >>> [(r["name"], r["distance"], r["via"]) for r in neighbours_by_depth(G, "a", 2)]
    [('B', 1, None), ('C', 2, 'B')]
    """
    if depth < 1:
        raise UsageError("depth must be at least 1")
    rows = []
    for v, (dist, u) in walk(G, node, depth, follow="rivalries").items():
        if dist == 0:
            continue
        d = G.nodes[v]
        rows.append({"name": d["label"], "id": v, "kind": d["kind"], "distance": dist,
                     "via": None if dist == 1 else G.nodes[u]["label"],
                     "via_id": None if dist == 1 else u})
    rows.sort(key=lambda r: (r["distance"], *_name_key(r["name"], r["id"])))
    return rows
