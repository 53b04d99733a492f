"""Analysis of a landscape graph: centrality, segments, rival structure, claim dimensions.

Every function takes the landscape graph ``G`` (the shape documented in :mod:`graph.build`)
and returns plain data (lists of rows, dicts with a stable key order); nothing here prints.
Rankings sort by ``(-score, name)`` so ties come out the same way every time; randomised
steps (community detection, sampling) take ``seed=`` and give the same answer for the same
seed.

Engine
------
NetworkX is the graph model. Its pure-Python betweenness, closeness and Louvain take minutes
to hours at 10^4-10^5 nodes, so the heavy metrics run in python-igraph (C), on a copy of the
competition graph made once per run with a hand-built index map (:class:`Engine`). Values are
rescaled to NetworkX's definitions, and the tests cross-check them against NetworkX on small
graphs:

- ``degree``: :func:`networkx.degree_centrality` (degree / (n - 1)).
- ``betweenness``: :func:`networkx.betweenness_centrality`, normalised by (n-1)(n-2)/2.
- ``pagerank``: :func:`networkx.pagerank`, damping 0.85.
- ``eigenvector``: :func:`networkx.eigenvector_centrality`, unit Euclidean norm. On a
  disconnected graph this is the dominant eigenvector of the whole graph: components other
  than the one with the largest eigenvalue score 0.
- ``closeness``: :func:`networkx.closeness_centrality` with ``wf_improved=True`` (the
  Wasserman-Faust scaling by the share of the graph a node can reach; isolated nodes 0).

Size
----
Up to :data:`EXACT_LIMIT` nodes in the competition graph, betweenness and closeness are exact.
Beyond, they are estimated from ``k`` (default :data:`DEFAULT_SAMPLE`) seeded source nodes,
unless ``exact=True``: betweenness as :func:`networkx.betweenness_centrality` does with ``k``
(dependencies from the sampled sources, scaled by n/k); closeness from the mean distance to
``k`` sampled nodes of each component larger than ``k`` (smaller components are exact).
:func:`sampling_plan` says which applies; the report prints it.

NetworKit was measured as the alternative engine (2 cores, scale-free graph, 100,000 nodes,
300,000 edges): igraph's source-sampled betweenness took 7.4 s against NetworKit's
EstimateBetweenness 16.5 s, igraph's Leiden (2 iterations) 1.3 s against PLM 1.8 s; only
NetworKit's approximate closeness was faster (3.5 s against 5.7 s). igraph, already a
dependency, is used alone.
"""

from __future__ import annotations

import heapq
import logging
import math
import random
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import networkx as nx

from graph.build import competition_graph, format_source
from graph.errors import LandscapeError, UsageError

log = logging.getLogger(__name__)

METRICS: tuple[str, ...] = ("degree", "betweenness", "pagerank", "eigenvector", "closeness")
"""The centrality metrics, in the order their fields appear in a row."""

EXACT_LIMIT = 20_000
"""Competition graphs with more nodes than this get sampled betweenness and closeness."""

DEFAULT_SAMPLE = 256
"""Number of sampled source nodes for betweenness and closeness on large graphs."""

HIDDEN_RIVAL_THRESHOLD = 0.2
"""Least Jaccard similarity of two entities' rivals and themes to call them hidden rivals."""

PAGERANK_DAMPING = 0.85

_DIST_BATCH = 32  # sampled closeness: sources per distance batch (bounds memory)


# --------------------------------------------------------------------------- helpers


def _score_key(x: float) -> float:
    """Scores compared for ranking: rounded so that float noise cannot break a tie by name."""
    return round(x, 12)


def _name_key(label: str, node: str = "") -> tuple:
    return (label.casefold(), label, node)


def _label(G: nx.Graph, n: str) -> str:
    return G.nodes[n]["label"]


def _check_metrics(metrics) -> list[str]:
    if metrics is None:
        return list(METRICS)
    if isinstance(metrics, str):
        metrics = [metrics]
    metrics = list(metrics)
    bad = [m for m in metrics if m not in METRICS]
    if bad or not metrics:
        raise UsageError(
            f"unknown metric {', '.join(map(repr, bad)) or '(none)'}; choose from {', '.join(METRICS)}"
        )
    return list(dict.fromkeys(metrics))


# --------------------------------------------------------------------------- engine


@dataclass
class Engine:
    """The competition graph copied once into igraph, with the index map both ways.

    ``nodes[i]`` is the NetworkX node id of igraph vertex ``i``; nodes are in sorted id order and
    edges sorted, so the copy (and every seeded result on it) depends only on the graph's content.
    """

    nodes: list
    index: dict
    graph: object  # igraph.Graph
    labels: list
    kinds: list

    @classmethod
    def from_graph(cls, G: nx.Graph) -> "Engine":
        import igraph as ig

        nodes = sorted(n for n, k in G.nodes(data="kind") if k != "theme")
        index = {n: i for i, n in enumerate(nodes)}
        edges = sorted(
            (min(index[u], index[v]), max(index[u], index[v]))
            for u, v, k in G.edges(data="kind")
            if k == "competes"
        )
        g = ig.Graph(n=len(nodes), edges=edges)
        labels = [G.nodes[n]["label"] for n in nodes]
        kinds = [G.nodes[n]["kind"] for n in nodes]
        return cls(nodes=nodes, index=index, graph=g, labels=labels, kinds=kinds)

    @property
    def n(self) -> int:
        return len(self.nodes)


class _igraph_rng:
    """Run igraph's randomised code on a private, seeded ``random.Random``."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def __enter__(self):
        import igraph as ig

        ig.set_random_number_generator(self.rng)
        return self.rng

    def __exit__(self, *exc):
        import igraph as ig

        ig.set_random_number_generator(random)  # python-igraph's default
        return False


def sampling_plan(G: nx.Graph | Engine, *, exact: bool | None = None, k: int | None = None,
                  seed: int = 0) -> dict:
    """How betweenness and closeness will be computed on ``G``: exact or sampled, and how.

    ``exact=None`` decides by size (sampled beyond :data:`EXACT_LIMIT` nodes), ``True`` forces
    exact values, ``False`` forces sampling (when ``k`` is smaller than the graph).

    Examples
    --------
    >>> G = nx.Graph([("a", "b")], name="t")
    >>> nx.set_node_attributes(G, {"a": {"label": "A", "kind": "company"},
    ...                             "b": {"label": "B", "kind": "competitor"}})
    >>> nx.set_edge_attributes(G, "competes", "kind")
    >>> sampling_plan(G)
    {'nodes': 2, 'exact_limit': 20000, 'exact': True, 'sample_size': None, 'seed': 0}
    """
    if isinstance(G, Engine):
        n = G.n
    else:
        n = sum(1 for _, kd in G.nodes(data="kind") if kd != "theme")
    k = DEFAULT_SAMPLE if k is None else int(k)
    if k < 1:
        raise UsageError("the sample size k must be at least 1")
    sampled = (exact is False or (exact is None and n > EXACT_LIMIT)) and k < n
    return {
        "nodes": n,
        "exact_limit": EXACT_LIMIT,
        "exact": not sampled,
        "sample_size": k if sampled else None,
        "seed": seed,
    }


def _component_sizes(g) -> tuple[list[int], list[int]]:
    cc = g.connected_components()
    return cc.membership, cc.sizes()


def _betweenness(eng: Engine, plan: dict) -> list[float]:
    g, n = eng.graph, eng.n
    if n <= 2:
        return [0.0] * n
    if plan["exact"]:
        raw = g.betweenness(directed=False)
        scale = 2.0 / ((n - 1) * (n - 2))
    else:
        k = plan["sample_size"]
        sources = sorted(random.Random(plan["seed"]).sample(range(n), k))
        # igraph halves the dependencies accumulated from the given sources on an undirected
        # graph; NetworkX's k-sampled estimate is (sum of dependencies) * n / k / ((n-1)(n-2)).
        raw = g.betweenness(directed=False, sources=sources)
        scale = 2.0 * n / (k * (n - 1) * (n - 2))
    return [b * scale for b in raw]


def _closeness(eng: Engine, plan: dict) -> list[float]:
    g, n = eng.graph, eng.n
    if n <= 1:
        return [0.0] * n
    membership, sizes = _component_sizes(g)
    out = [0.0] * n
    k = plan["sample_size"]
    if plan["exact"]:
        exact_vs = list(range(n))
        large: list[list[int]] = []
    else:
        members: dict[int, list[int]] = {}
        for v, c in enumerate(membership):
            members.setdefault(c, []).append(v)
        exact_vs = [v for v in range(n) if sizes[membership[v]] <= k]
        large = [members[c] for c in sorted(members) if sizes[c] > k]
    if exact_vs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            vals = g.closeness(vertices=exact_vs, normalized=True)
        for v, c in zip(exact_vs, vals):
            r = sizes[membership[v]]
            out[v] = 0.0 if r <= 1 or c is None or math.isnan(c) else c * (r - 1) / (n - 1)
    if large:
        import numpy as np

        rng = random.Random(f"{plan['seed']}:closeness")
        for comp in large:
            r = len(comp)
            sources = sorted(rng.sample(comp, k))
            total = np.zeros(r)
            for i in range(0, k, _DIST_BATCH):
                rows = g.distances(source=sources[i:i + _DIST_BATCH], target=comp)
                total += np.asarray(rows, dtype=float).sum(axis=0)
            # A sampled source sees itself at distance 0: average over the other k - 1.
            counts = np.full(r, float(k))
            pos = {v: j for j, v in enumerate(comp)}
            for s in sources:
                counts[pos[s]] -= 1
            mean = total / counts
            scale = (r - 1) / (n - 1)
            for j, v in enumerate(comp):
                out[v] = float(scale / mean[j]) if mean[j] > 0 else 0.0
    return out


def _eigenvector(eng: Engine) -> list[float]:
    g, n = eng.graph, eng.n
    if n == 0:
        return []
    if g.ecount() == 0:
        return [1.0 / math.sqrt(n)] * n
    # ARPACK starts from a random vector: seed it, so the last digits repeat run to run.
    with warnings.catch_warnings(), _igraph_rng(0):
        warnings.simplefilter("ignore", RuntimeWarning)
        vals = g.eigenvector_centrality()
    vals = [abs(x) if abs(x) > 1e-12 else 0.0 for x in vals]
    norm = math.sqrt(sum(x * x for x in vals)) or 1.0
    return [x / norm for x in vals]


def _metric_values(eng: Engine, metrics: Sequence[str], plan: dict) -> dict[str, list[float]]:
    g, n = eng.graph, eng.n
    out: dict[str, list[float]] = {}
    for m in metrics:
        if m == "degree":
            out[m] = [1.0] * n if n == 1 else [d / (n - 1) for d in g.degree()]
        elif m == "betweenness":
            out[m] = _betweenness(eng, plan)
        elif m == "pagerank":
            out[m] = g.pagerank(directed=False, damping=PAGERANK_DAMPING) if n else []
        elif m == "eigenvector":
            out[m] = _eigenvector(eng)
        elif m == "closeness":
            out[m] = _closeness(eng, plan)
    # igraph's PageRank (PRPACK) can differ run to run in the 17th digit: round every value
    # to 12 decimals, so the same input gives the same bytes.
    return {m: [round(x, 12) + 0.0 for x in vals] for m, vals in out.items()}


def _rows(eng: Engine, values: dict[str, list[float]], sort_by: str) -> list[dict]:
    fields = [m for m in METRICS if m in values]
    rows = []
    for i, node in enumerate(eng.nodes):
        row = {"name": eng.labels[i], "id": node, "kind": eng.kinds[i]}
        for m in fields:
            row[m] = values[m][i]
        rows.append(row)
    rows.sort(key=lambda r: (-_score_key(r[sort_by]), *_name_key(r["name"], r["id"])))
    return rows


# --------------------------------------------------------------------------- centrality


def centrality(G: nx.Graph, metrics: str | Sequence[str] | None = None, *, exact: bool | None = None,
               seed: int = 0, k: int | None = None) -> list[dict]:
    """Centrality of every entity on the competition graph, most central first.

    The competition graph holds companies, competitors and alternatives joined by rivalries
    (``competes`` edges); themes are left out (:func:`graph.build.competition_graph`).

    Parameters
    ----------
    G : networkx.Graph
        A landscape graph.
    metrics : str or sequence of str, optional
        Metrics to compute, from :data:`METRICS` (default all). Rows are sorted by the first one.
    exact : bool, optional
        ``None``: exact betweenness and closeness up to :data:`EXACT_LIMIT` nodes, sampled
        beyond; ``True``: always exact; ``False``: sampled whenever ``k`` < number of nodes.
    seed : int
        Seed of the sampling.
    k : int, optional
        Sample size (default :data:`DEFAULT_SAMPLE`).

    Returns
    -------
    list of dict
        One row per entity: ``name`` (label), ``id``, ``kind``, then one field per metric in
        the order of :data:`METRICS`, sorted by ``(-score, name)`` on the first metric.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abcd":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_edges_from([("a", "b"), ("a", "c"), ("a", "d")], kind="competes")
    >>> [(r["name"], round(r["betweenness"], 3)) for r in centrality(G, ["betweenness"])]
    [('A', 1.0), ('B', 0.0), ('C', 0.0), ('D', 0.0)]
    """
    metrics = _check_metrics(metrics)
    eng = Engine.from_graph(G)
    plan = sampling_plan(eng, exact=exact, k=k, seed=seed)
    return _rows(eng, _metric_values(eng, metrics, plan), metrics[0])


# --------------------------------------------------------------------------- segments


def _theme_members(G: nx.Graph) -> dict[str, list[str]]:
    """Theme node -> its member node ids."""
    out: dict[str, list[str]] = {}
    for n, k in G.nodes(data="kind"):
        if k == "theme":
            out[n] = sorted(G.adj[n])
    return out


def _segments(G: nx.Graph, eng: Engine, pagerank: list[float], *, seed: int,
              resolution: float) -> dict:
    g, n = eng.graph, eng.n
    if n == 0 or g.ecount() == 0:
        membership = list(range(n))
        modularity = 0.0
    else:
        with _igraph_rng(seed):
            part = g.community_leiden(objective_function="modularity", resolution=resolution,
                                      n_iterations=-1 if n <= EXACT_LIMIT else 2)
        membership = part.membership
        modularity = g.modularity(membership, resolution=resolution)
    groups: dict[int, list[int]] = {}
    for v, c in enumerate(membership):
        groups.setdefault(c, []).append(v)
    themes_of: dict[int, list[str]] = {}
    for t, ms in _theme_members(G).items():
        for m in ms:
            if m in eng.index:
                themes_of.setdefault(eng.index[m], []).append(t)
    segs = []
    unconnected = []
    for vs in groups.values():
        vs.sort(key=lambda v: (-_score_key(pagerank[v]), *_name_key(eng.labels[v], eng.nodes[v])))
        if len(vs) == 1:
            unconnected.append(vs[0])
            continue
        counts: dict[str, int] = {}
        for v in vs:
            for t in themes_of.get(v, ()):
                counts[t] = counts.get(t, 0) + 1
        shared = sorted(
            ({"theme": _label(G, t), "members": c} for t, c in counts.items() if c >= 2),
            key=lambda r: (-r["members"], *_name_key(r["theme"])),
        )
        segs.append({
            "name": eng.labels[vs[0]],
            "size": len(vs),
            "companies": sum(1 for v in vs if eng.kinds[v] == "company"),
            "members": [eng.labels[v] for v in vs],
            "ids": [eng.nodes[v] for v in vs],
            "shared_themes": shared,
        })
    segs.sort(key=lambda s: (-s["size"], *_name_key(s["name"], s["ids"][0])))
    for i, s in enumerate(segs):
        s["segment"] = i
    unconnected.sort(key=lambda v: _name_key(eng.labels[v], eng.nodes[v]))
    return {
        "algorithm": "leiden",
        "objective": "modularity",
        "resolution": resolution,
        "seed": seed,
        "modularity": modularity,
        "segments": [{"segment": s.pop("segment"), **s} for s in segs],
        "unconnected": [eng.labels[v] for v in unconnected],
    }


def segments(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> dict:
    """Market segments: communities of the competition graph (Leiden, modularity, seeded).

    Each segment is named after its most central member (highest PageRank, ties by name) and
    summarised by the themes at least two of its members share. Entities with no rivalry form
    no segment; they are listed as ``unconnected``.

    Returns
    -------
    dict
        ``algorithm``, ``objective``, ``resolution``, ``seed``, ``modularity`` (of the whole
        partition, as :func:`networkx.community.modularity`), ``segments`` (largest first; each
        with ``segment`` number, ``name``, ``size``, ``companies``, ``members`` and ``ids`` most
        central first, ``shared_themes`` as ``{theme, members}``) and ``unconnected`` labels.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abcdef":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"),
    ...                   ("d", "f"), ("c", "d")], kind="competes")
    >>> [s["members"] for s in segments(G)["segments"]]
    [['C', 'A', 'B'], ['D', 'E', 'F']]
    """
    eng = Engine.from_graph(G)
    plan = sampling_plan(eng, exact=True)
    pr = _metric_values(eng, ["pagerank"], plan)["pagerank"]
    return _segments(G, eng, pr, seed=seed, resolution=resolution)


# --------------------------------------------------------------------------- rival structure


def _claims_against(G: nx.Graph) -> dict[str, set[str]]:
    named: dict[str, set[str]] = {}
    for _, _, d in G.edges(data=True):
        if d.get("kind") == "competes":
            for c in d["claims"]:
                named.setdefault(c["against"], set()).add(c["by"])
    return named


def most_contested(G: nx.Graph, *, min_companies: int = 2,
                   kinds: Iterable[str] = ("competitor", "alternative")) -> list[dict]:
    """Competitors and alternatives named as a rival by the most companies.

    Returns rows ``name``, ``id``, ``kind``, ``companies`` (how many distinct entities name it)
    and ``named_by`` (their labels), for entities named by at least ``min_companies``, sorted
    by ``(-companies, name)``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> G.add_node("a", label="A", kind="company"); G.add_node("b", label="B", kind="company")
    >>> G.add_node("x", label="X", kind="alternative")
    >>> for c in "ab":
    ...     G.add_edge(c, "x", kind="competes",
    ...                claims=[{"by": c, "against": "x", "text": "", "source": None}])
    >>> most_contested(G)
    [{'name': 'X', 'id': 'x', 'kind': 'alternative', 'companies': 2, 'named_by': ['A', 'B']}]
    """
    kinds = set(kinds)
    rows = []
    for node, by in _claims_against(G).items():
        d = G.nodes[node]
        if d["kind"] in kinds and len(by) >= min_companies:
            rows.append({
                "name": d["label"], "id": node, "kind": d["kind"], "companies": len(by),
                "named_by": sorted((_label(G, b) for b in by), key=_name_key),
            })
    rows.sort(key=lambda r: (-r["companies"], *_name_key(r["name"], r["id"])))
    return rows


def _claim_row(G: nx.Graph, c: dict) -> dict:
    return {"by": _label(G, c["by"]), "against": _label(G, c["against"]), "text": c["text"],
            "source": format_source(c.get("source"))}


def rivalry_directions(G: nx.Graph, *, top: int | None = None) -> dict:
    """Mutual rivalries (both ends name each other) and one-sided claims.

    Returns ``{"mutual": [...], "one_sided": [...], "mutual_count": m, "one_sided_count": o}``
    (with ``top``, each list holds its first ``top`` rows; the counts cover all). A mutual row
    has ``a`` and ``b`` (labels in name order) and the ``claims`` of both; a one-sided row has ``by``, ``against`` and its
    ``claims``. Each claim: ``by``, ``against``, ``text``, ``source`` (``path:line``).

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> cl = lambda b, a: {"by": b, "against": a, "text": "t", "source": None}
    >>> G.add_edge("a", "b", kind="competes", claims=[cl("a", "b"), cl("b", "a")])
    >>> G.add_edge("a", "c", kind="competes", claims=[cl("a", "c")])
    >>> r = rivalry_directions(G)
    >>> [(m["a"], m["b"]) for m in r["mutual"]], [(o["by"], o["against"]) for o in r["one_sided"]]
    ([('A', 'B')], [('A', 'C')])
    """
    labels = dict(G.nodes(data="label"))
    mutual, one_sided = [], []  # (sort key, u, v) first; rows are built only for those kept
    for u, v, d in G.edges(data=True):
        if d.get("kind") != "competes":
            continue
        claimants = {c["by"] for c in d["claims"]}
        if u in claimants and v in claimants:
            a, b = sorted((u, v), key=lambda x: _name_key(labels[x], x))
            mutual.append(((_name_key(labels[a], a), _name_key(labels[b], b)), a, b))
        elif claimants:
            by = next(iter(claimants))
            against = v if by == u else u
            one_sided.append(((_name_key(labels[by], by), _name_key(labels[against], against)),
                              by, against))

    def rows(items, first, second):
        items = sorted(items) if top is None else heapq.nsmallest(top, items)
        out = []
        for _, x, y in items:
            claims = [{"by": labels[c["by"]], "against": labels[c["against"]], "text": c["text"],
                       "source": format_source(c.get("source"))} for c in G.edges[x, y]["claims"]]
            out.append({first: labels[x], second: labels[y], "claims": claims})
        return out

    return {"mutual": rows(mutual, "a", "b"), "one_sided": rows(one_sided, "by", "against"),
            "mutual_count": len(mutual), "one_sided_count": len(one_sided)}


def _shared(G: nx.Graph, u: str, v: str) -> tuple[list[str], list[str]]:
    common = set(G.adj[u]) & set(G.adj[v])
    rivals = sorted((_label(G, w) for w in common if G.nodes[w]["kind"] != "theme"), key=_name_key)
    themes = sorted((_label(G, w) for w in common if G.nodes[w]["kind"] == "theme"), key=_name_key)
    return rivals, themes


def hidden_rivals(G: nx.Graph, *, threshold: float = HIDDEN_RIVAL_THRESHOLD,
                  kinds: Iterable[str] = ("company",), top: int | None = None) -> dict:
    """Pairs with no direct rivalry whose rivals and themes overlap: who competes unsaid.

    The score is the Jaccard similarity of the two entities' neighbourhoods in ``G`` (their
    rivals and their themes together), as :func:`networkx.jaccard_coefficient`; pairs scoring
    at least ``threshold`` are kept. Only entities of the given ``kinds`` are paired (default
    companies: the ones whose own positioning the documents report).

    Returns
    -------
    dict
        ``measure``, ``threshold``, ``kinds``, ``total`` (pairs over the threshold) and
        ``pairs`` (the first ``top``, by ``(-score, a, b)``), each with ``a``, ``b``, ``score``,
        ``shared_rivals`` and ``shared_themes`` (labels).

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "ab":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_node("x", label="X", kind="competitor"); G.add_node("y", label="Y", kind="competitor")
    >>> G.add_edges_from([("a", "x"), ("b", "x"), ("b", "y")], kind="competes")
    >>> hidden_rivals(G)["pairs"]
    [{'a': 'A', 'b': 'B', 'score': 0.5, 'shared_rivals': ['X'], 'shared_themes': []}]
    """
    kinds = tuple(kinds)
    cands = sorted(n for n, k in G.nodes(data="kind") if k in kinds)
    result = {"measure": "jaccard", "threshold": threshold, "kinds": list(kinds), "total": 0,
              "pairs": []}
    if len(cands) < _SPARSE_FROM:
        found = _hidden_pairs_python(G, cands, threshold)
    else:
        found = _hidden_pairs_sparse(G, cands, threshold)
    result["total"] = len(found)
    if top is not None and len(found) > top:
        cut = sorted((s for s, _, _ in found), reverse=True)[top - 1] if top > 0 else math.inf
        found = [f for f in found if f[0] >= cut]
    pairs = []
    for s, u, v in found:
        a, b = sorted((u, v), key=lambda x: _name_key(_label(G, x), x))
        pairs.append((s, a, b))
    pairs.sort(key=lambda p: (-_score_key(p[0]), _name_key(_label(G, p[1]), p[1]),
                              _name_key(_label(G, p[2]), p[2])))
    if top is not None:
        pairs = pairs[:top]
    out = []
    for s, a, b in pairs:
        rivals, themes = _shared(G, a, b)
        out.append({"a": _label(G, a), "b": _label(G, b), "score": s,
                    "shared_rivals": rivals, "shared_themes": themes})
    result["pairs"] = out
    return result


_SPARSE_FROM = 2000  # candidates from which hidden rivals use a sparse matrix product (scipy)
_BLOCK = 2048  # candidate rows per block of that product


def _jaccard_hits(G: nx.Graph, mine: set, candidates, threshold: float):
    """``(score, v)`` for candidates not adjacent to the owner of ``mine`` (its neighbour set)
    whose neighbourhoods overlap it with a Jaccard score at or above ``threshold``."""
    for v in candidates:
        if v in mine:
            continue
        theirs = set(G.adj[v])
        s = len(mine & theirs) / len(mine | theirs)
        if s >= threshold - 1e-12:
            yield s, v


def _hidden_pairs_python(G: nx.Graph, cands: list, threshold: float) -> list[tuple]:
    group = set(cands)
    found = []
    for u in cands:
        mine = set(G.adj[u])
        seen: set = set()
        for w in mine:
            seen.update(x for x in G.adj[w] if x in group and x > u)
        found.extend((s, u, v) for s, v in _jaccard_hits(G, mine, seen, threshold))
    return found


def _hidden_pairs_sparse(G: nx.Graph, cands: list, threshold: float) -> list[tuple]:
    import numpy as np
    from scipy import sparse

    pos = {n: i for i, n in enumerate(G.nodes)}
    rows, cols = [], []
    for i, u in enumerate(cands):
        for w in G.adj[u]:
            rows.append(i)
            cols.append(pos[w])
    if not rows:
        return []
    B = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(cands), len(pos)))
    deg = np.asarray(B.sum(axis=1)).ravel().astype(np.float64)
    BT = B.T.tocsr()
    hits_r, hits_c, hits_s = [], [], []
    # Row blocks bound memory: a hub named by thousands of companies makes millions of pairs.
    for lo in range(0, len(cands), _BLOCK):
        S = (B[lo:lo + _BLOCK] @ BT).tocoo()
        r = S.row.astype(np.int64) + lo
        upper = S.col > r
        r, c, inter = r[upper], S.col[upper], S.data[upper].astype(np.float64)
        score = inter / (deg[r] + deg[c] - inter)
        ok = score >= threshold - 1e-12
        hits_r.append(r[ok]); hits_c.append(c[ok]); hits_s.append(score[ok])
    R_, C_, score = np.concatenate(hits_r), np.concatenate(hits_c), np.concatenate(hits_s)
    keep = range(len(score))
    found = []
    for j in keep:
        u, v = cands[R_[j]], cands[C_[j]]
        if G.has_edge(u, v):
            continue
        found.append((float(score[j]), u, v))
    return found


def similar(G: nx.Graph, node: str, *, threshold: float = HIDDEN_RIVAL_THRESHOLD,
            top: int | None = None) -> list[dict]:
    """Hidden rivals of one entity: others it does not name or get named by, sharing its
    rivals or themes, by Jaccard similarity as :func:`hidden_rivals`.

    A company is compared with companies; a competitor or alternative with competitors and
    alternatives. Rows: ``name``, ``id``, ``kind``, ``score``, ``shared_rivals``,
    ``shared_themes``, sorted by ``(-score, name)``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_node("x", label="X", kind="competitor")
    >>> G.add_edges_from([("a", "x"), ("b", "x"), ("c", "x"), ("c", "a")], kind="competes")
    >>> [(r["name"], r["score"]) for r in similar(G, "b")]
    [('A', 0.5), ('C', 0.5)]
    """
    if node not in G or G.nodes[node]["kind"] == "theme":
        raise UsageError(f"{node!r} is not a company, competitor or alternative")
    kind = G.nodes[node]["kind"]
    group = {"company"} if kind == "company" else {"competitor", "alternative"}
    mine = set(G.adj[node])
    cands: set[str] = set()
    for w in mine:
        cands.update(x for x in G.adj[w] if G.nodes[x]["kind"] in group)
    cands.discard(node)
    rows = []
    for s, v in _jaccard_hits(G, mine, cands, threshold):
        rivals, themes = _shared(G, node, v)
        d = G.nodes[v]
        rows.append({"name": d["label"], "id": v, "kind": d["kind"], "score": s,
                     "shared_rivals": rivals, "shared_themes": themes})
    rows.sort(key=lambda r: (-r["score"], *_name_key(r["name"], r["id"])))
    return rows if top is None else rows[:top]


# --------------------------------------------------------------------------- claim dimensions

_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


@lru_cache(maxsize=8)
def _read_lexicon(path: str | None) -> dict:
    import yaml

    if path is None:
        text = resources.files("graph").joinpath("lexicon/claims.yaml").read_text("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    data = yaml.safe_load(text)
    dims = []
    for d in data["dimensions"]:
        kws = tuple(tuple(str(k).lower().split()) for k in d["keywords"])
        dims.append({"id": d["id"], "label": d["label"], "description": d.get("description", ""),
                     "keywords": kws})
    return {"version": data.get("version"), "dimensions": dims}


def load_lexicon(path: str | None = None) -> dict:
    """The claim-dimension lexicon: ``graph/lexicon/claims.yaml`` unless ``path`` is given."""
    return _read_lexicon(None if path is None else str(path))


def _word_match(word: str, pattern: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _compiled(lexicon: dict) -> dict:
    """Index of the lexicon's keywords by first word: exact words in a dict, prefixes by length."""
    cached = lexicon.get("_compiled")
    if cached is not None:
        return cached
    exact: dict[str, list] = {}
    prefix: dict[int, dict[str, list]] = {}
    for order, dim in enumerate(lexicon["dimensions"]):
        for kw in dim["keywords"]:
            entry = (order, dim["id"], kw)
            first = kw[0]
            if first.endswith("*"):
                prefix.setdefault(len(first) - 1, {}).setdefault(first[:-1], []).append(entry)
            else:
                exact.setdefault(first, []).append(entry)
    compiled = {"exact": exact, "prefix": sorted(prefix.items()), "by_word": {}}
    try:
        lexicon["_compiled"] = compiled
    except TypeError:
        pass
    return compiled


def classify_claim(text: str, lexicon: dict | None = None) -> list[str]:
    """Dimension ids of one claim, in lexicon order (see ``graph/lexicon/claims.yaml``).

    Examples
    --------
    >>> classify_claim("10x simpler deployment, better pricing transparency")
    ['cost', 'simplicity']
    >>> classify_claim("Independent vs. vendor lock-in")
    ['openness']
    """
    lexicon = lexicon or load_lexicon()
    index = _compiled(lexicon)
    words = _WORD.findall(text.lower())
    for i, w in enumerate(words):
        if w in ("vs", "versus") and i > 0:
            words = words[:i]
            break
    found: dict[int, str] = {}
    by_word = index["by_word"]  # keywords a word can start, memoised per word
    for i, w in enumerate(words):
        entries = by_word.get(w)
        if entries is None:
            entries = list(index["exact"].get(w, ()))
            for n, table in index["prefix"]:
                entries += table.get(w[:n], ()) if len(w) >= n else ()
            by_word[w] = entries
        for order, dim_id, kw in entries:
            if order in found or i + len(kw) > len(words):
                continue
            if all(_word_match(words[i + j], kw[j]) for j in range(1, len(kw))):
                found[order] = dim_id
    return [found[o] for o in sorted(found)]


def claim_dimensions(G: nx.Graph, lexicon: dict | None = None, *, with_claims: bool = True) -> dict:
    """Where each company says it wins: its claims classified into dimensions.

    Returns
    -------
    dict
        ``dimensions`` (``id``, ``label``, ``description``, in lexicon order), ``totals``
        (claims per dimension), ``table`` (one row per claimant: ``name``, ``id``, ``claims``
        and ``dimensions`` as ``{dimension id: count}``, by ``(-claims, name)``), ``claims``
        (every claim with its ``dimensions``; a statement made against several rivals at once
        counts once, ``against`` listing them) and ``unclassified`` (claims matching no
        dimension, listed rather than dropped). ``with_claims=False`` leaves ``claims`` out
        (the report needs only the table, totals and unclassified claims).

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> G.add_node("a", label="A", kind="company"); G.add_node("b", label="B", kind="competitor")
    >>> G.add_edge("a", "b", kind="competes",
    ...            claims=[{"by": "a", "against": "b", "text": "Cheaper", "source": None}])
    >>> claim_dimensions(G)["table"][0]["dimensions"]["cost"]
    1
    """
    lexicon = lexicon or load_lexicon()
    ids = [d["id"] for d in lexicon["dimensions"]]
    per: dict[str, dict] = {}
    claims, unclassified = [], []
    totals = {i: 0 for i in ids}
    # One statement naming several rivals ("vs. AWS/GCP: ...") is one claim edge per rival in
    # the graph; here it counts once, with every rival it was made against.
    statements: dict[tuple, dict] = {}
    for _, _, d in G.edges(data=True):
        if d.get("kind") != "competes":
            continue
        for c in d["claims"]:
            key = (c["by"], c["text"], format_source(c.get("source")))
            st = statements.get(key)
            if st is None:
                statements[key] = {"by": c["by"], "against": [c["against"]], "text": c["text"],
                                   "source": key[2]}
            else:
                st["against"].append(c["against"])
    labels = dict(G.nodes(data="label"))

    def row_of(st: dict) -> dict:
        against = sorted((labels[a] for a in st["against"]), key=_name_key)
        return {"by": labels[st["by"]], "against": ", ".join(against), "text": st["text"],
                "source": st["source"]}

    for st in statements.values():
        dims = classify_claim(st["text"], lexicon)
        if with_claims:
            claims.append({**row_of(st), "dimensions": dims})
        if not dims:
            unclassified.append(row_of(st))
        entry = per.setdefault(st["by"], {"claims": 0, "dims": {i: 0 for i in ids}})
        entry["claims"] += 1
        for x in dims:
            entry["dims"][x] += 1
            totals[x] += 1
    table = [{"name": _label(G, n), "id": n, "claims": e["claims"], "dimensions": e["dims"]}
             for n, e in per.items()]
    table.sort(key=lambda r: (-r["claims"], *_name_key(r["name"], r["id"])))
    order = lambda r: (_name_key(r["by"]), _name_key(r["against"]), r["source"] or "", r["text"])
    claims.sort(key=order)
    unclassified.sort(key=order)
    out = {
        "dimensions": [{"id": d["id"], "label": d["label"], "description": d["description"]}
                       for d in lexicon["dimensions"]],
        "totals": totals,
        "statements": len(statements),
        "table": table,
        "claims": claims,
        "unclassified": unclassified,
    }
    if not with_claims:
        del out["claims"]
    return out


# --------------------------------------------------------------------------- themes, paths


def theme_coverage(G: nx.Graph) -> dict:
    """Company x theme table: which entities each cross-cutting theme names.

    Returns ``themes`` (``name``, ``id``, ``members``: count, by name) and ``rows``: every
    company and every other theme member, with ``name``, ``id``, ``kind``, ``themes`` (labels)
    and ``count``, by ``(-count, name)``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> G.add_node("a", label="A", kind="company"); G.add_node("t", label="T", kind="theme")
    >>> G.add_edge("t", "a", kind="theme")
    >>> theme_coverage(G)["rows"]
    [{'name': 'A', 'id': 'a', 'kind': 'company', 'themes': ['T'], 'count': 1}]
    """
    members = _theme_members(G)
    themes = sorted(({"name": _label(G, t), "id": t, "members": len(ms)} for t, ms in members.items()),
                    key=lambda r: _name_key(r["name"], r["id"]))
    of: dict[str, list[str]] = {n: [] for n, k in G.nodes(data="kind") if k == "company"}
    for t, ms in members.items():
        for m in ms:
            of.setdefault(m, []).append(_label(G, t))
    rows = [{"name": _label(G, n), "id": n, "kind": G.nodes[n]["kind"],
             "themes": sorted(ts, key=_name_key), "count": len(ts)} for n, ts in of.items()]
    rows.sort(key=lambda r: (-r["count"], *_name_key(r["name"], r["id"])))
    return {"themes": themes, "rows": rows}


def rivalry_path(G: nx.Graph, source: str, target: str) -> list[dict]:
    """The shortest chain of rivalries from ``source`` to ``target``, each step with its claims.

    Returns one row per step: ``from``, ``to`` (labels) and ``claims`` (``by``, ``against``,
    ``text``, ``source``). Raises :class:`~graph.errors.LandscapeError` when no chain exists.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> cl = lambda b, a: [{"by": b, "against": a, "text": b + " wins", "source": None}]
    >>> G.add_edge("a", "b", kind="competes", claims=cl("a", "b"))
    >>> G.add_edge("b", "c", kind="competes", claims=cl("c", "b"))
    >>> [(s["from"], s["to"], s["claims"][0]["text"]) for s in rivalry_path(G, "a", "c")]
    [('A', 'B', 'a wins'), ('B', 'C', 'c wins')]
    """
    for n in (source, target):
        if n not in G or G.nodes[n]["kind"] == "theme":
            raise UsageError(f"{n!r} is not a company, competitor or alternative")
    C = competition_graph(G)
    try:
        nodes = nx.bidirectional_shortest_path(C, source, target)
    except nx.NetworkXNoPath:
        raise LandscapeError(
            f"no chain of rivalries joins {_label(G, source)!r} and {_label(G, target)!r}"
        ) from None
    return [
        {"from": _label(G, u), "to": _label(G, v),
         "claims": [_claim_row(G, c) for c in G.edges[u, v]["claims"]]}
        for u, v in zip(nodes, nodes[1:])
    ]


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
    seen = {node: 0}
    rows = []
    frontier = [node]
    for dist in range(1, depth + 1):
        nxt = []
        for u in sorted(frontier, key=lambda x: _name_key(_label(G, x), x)):
            for v in sorted(G.adj[u], key=lambda x: _name_key(_label(G, x), x)):
                if v in seen or G.edges[u, v].get("kind") != "competes":
                    continue
                seen[v] = dist
                nxt.append(v)
                d = G.nodes[v]
                rows.append({"name": d["label"], "id": v, "kind": d["kind"], "distance": dist,
                             "via": None if dist == 1 else _label(G, u),
                             "via_id": None if dist == 1 else u})
        frontier = nxt
    rows.sort(key=lambda r: (r["distance"], *_name_key(r["name"], r["id"])))
    return rows
