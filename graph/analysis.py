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
- ``eigenvector``: :func:`networkx.eigenvector_centrality` (unit Euclidean norm) computed per
  connected component, each component's vector scaled by sqrt(component size / n), so the
  whole vector still has unit norm and a connected graph gets NetworkX's values; entities
  with no rivalry score 0 (:data:`EIGENVECTOR_NOTE`).
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

import bisect
import heapq
import itertools
import math
import random
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import networkx as nx

from rivalscape.graph.build import competition_graph, format_source
from rivalscape.graph.errors import UsageError

COMPETITION_GRAPH_NOTE = (
    "Metrics are computed on the competition graph: companies, competitors and alternatives "
    "joined by rivalries (\"vs.\" claims); themes are left out."
)

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


def _ref(eng: "Engine", v: int) -> dict:
    """An entity as every output shows it: ``name``, ``id``, ``kind``."""
    return {"name": eng.labels[v], "id": eng.nodes[v], "kind": eng.kinds[v]}


def rounded(x: float, digits: int = 6) -> float:
    """``x`` to ``digits`` significant digits: every float in every output is shown this way.

    Examples
    --------
    >>> rounded(2 / 9), rounded(123456.789), rounded(0.0)
    (0.222222, 123457.0, 0.0)
    """
    return float(f"{x:.{digits}g}") + 0.0


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


EIGENVECTOR_NOTE = (
    "Eigenvector centrality is computed per connected group of rivals and scaled so groups "
    "compare: each group's vector has unit length, times the square root of the group's share "
    "of all entities (on a connected graph this is NetworkX's value); entities with no "
    "rivalry score 0."
)
"""How eigenvector centrality is scaled; every output that shows it says so."""


def _eigenvector(eng: Engine) -> list[float]:
    """Per connected component: the unit-norm dominant eigenvector, times sqrt(size / n).

    On a disconnected graph the whole-graph eigenvector is 0 outside the component with the
    largest eigenvalue, which reads as "does not matter"; per component it does not.
    """
    g, n = eng.graph, eng.n
    out = [0.0] * n
    for comp in map(sorted, g.connected_components()):
        r = len(comp)
        if r < 2:
            continue
        if r == 2:
            vals = [1.0, 1.0]
        else:
            # ARPACK starts from a random vector: seed it, so the last digits repeat run to run.
            with warnings.catch_warnings(), _igraph_rng(0):
                warnings.simplefilter("ignore", RuntimeWarning)
                vals = g.induced_subgraph(comp).eigenvector_centrality()
            vals = [abs(x) if abs(x) > 1e-12 else 0.0 for x in vals]
        scale = math.sqrt(r / n) / (math.sqrt(sum(x * x for x in vals)) or 1.0)
        for v, x in zip(comp, vals):
            out[v] = x * scale
    return out


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


def centrality_table(G: nx.Graph, metric: str = "degree", *, top: int | None = None,
                     exact: bool | None = None, seed: int = 0, k: int | None = None) -> dict:
    """:func:`centrality` as one document: what was computed and how, and the rows.

    Returns ``graph`` and ``eigenvector`` (how to read the values), ``sampling``
    (:func:`sampling_plan`), ``metric`` (the ranking), ``count`` (all entities), ``shown``
    and ``rows`` (the first ``top``): ``name``, ``id``, ``kind``, ``rivals`` (a count), then
    every metric, rounded to 6 significant digits (:func:`rounded`).
    """
    metric = _metric_name(metric)
    order = [metric, *[m for m in METRICS if m != metric]]
    rows = centrality(G, order, exact=exact, seed=seed, k=k)
    count = len(rows)
    rows = rows if top is None else rows[:top]
    out = []
    for r in rows:
        row = {"name": r["name"], "id": r["id"], "kind": r["kind"],
               "rivals": sum(1 for w in G.adj[r["id"]] if G.nodes[w]["kind"] != "theme")}
        row.update({m: rounded(r[m]) for m in METRICS})
        out.append(row)
    return {"graph": COMPETITION_GRAPH_NOTE, "eigenvector": EIGENVECTOR_NOTE,
            "sampling": sampling_plan(G, exact=exact, k=k, seed=seed), "metric": metric,
            "count": count, "shown": len(out), "rows": out}


def _metric_name(metric: str) -> str:
    """A metric by name in any case (``PageRank`` -> ``pagerank``)."""
    m = str(metric).casefold()
    if m not in METRICS:
        raise UsageError(f"unknown metric {metric!r}; choose from {', '.join(METRICS)}")
    return m


# --------------------------------------------------------------------------- segments


def _theme_members(G: nx.Graph) -> dict[str, list[str]]:
    """Theme node -> its member node ids."""
    out: dict[str, list[str]] = {}
    for n, k in G.nodes(data="kind"):
        if k == "theme":
            out[n] = sorted(G.adj[n])
    return out


SEGMENT_RUNS = 10
"""Seeded Leiden runs whose best partition (highest modularity) gives the segments, up to
2,000 entities; above, ``20,000 // n`` runs (at least 2) keep the total work flat."""

EXACT_SEGMENTS_LIMIT = (20, 40)
"""Up to this many entities with a rivalry and rivalries, the exact modularity optimum
(:meth:`igraph.Graph.community_optimal_modularity`, GLPK) is a candidate too (resolution 1
only). Beyond, its integer program can take minutes."""


def _leiden_runs(g, *, seed: int, resolution: float) -> list[list[int]]:
    """Memberships of seeded Leiden runs, each on its own seeded vertex order.

    Leiden on one vertex order converges to the same partition whatever its RNG seed on small
    graphs; shuffling the order (first run: the original order) makes ``seed`` change the runs.
    """
    n = g.vcount()
    rng = random.Random(f"segments:{seed}")
    big = n > EXACT_LIMIT
    out = []
    # 10 runs up to 2,000 entities, then fewer so the total work stays flat; at least 2.
    for run in range(max(2, min(SEGMENT_RUNS, 20_000 // max(n, 1)))):
        perm = list(range(n))
        if run:
            rng.shuffle(perm)
        h = g.permute_vertices(perm)  # vertex j of h is vertex perm[j] of g
        with _igraph_rng(rng.randrange(2**31)):
            part = h.community_leiden(objective_function="modularity", resolution=resolution,
                                      n_iterations=2 if big else -1)
        membership = [0] * n
        for j, c in enumerate(part.membership):
            membership[perm[j]] = c
        out.append(membership)
    return out


def _best_partition(g, *, seed: int, resolution: float) -> tuple[list[int], float, str]:
    """``(membership, modularity, method)``: the best of the seeded Leiden runs and, on small
    graphs at resolution 1, the exact optimum (ties: the earlier candidate)."""
    n = g.vcount()
    if n == 0 or g.ecount() == 0:
        return list(range(n)), 0.0, "none (no rivalries)"
    runs = _leiden_runs(g, seed=seed, resolution=resolution)
    candidates = [(m, f"best of {len(runs)} seeded Leiden runs") for m in runs]
    active = sum(1 for d in g.degree() if d)
    if resolution == 1.0 and active <= EXACT_SEGMENTS_LIMIT[0] and g.ecount() <= EXACT_SEGMENTS_LIMIT[1]:
        exact = g.community_optimal_modularity().membership
        candidates.insert(0, (exact, f"exact modularity optimum; {len(runs)} seeded Leiden "
                                     f"runs checked"))
    best = None
    for membership, method in candidates:
        q = g.modularity(membership, resolution=resolution)
        if best is None or q > best[1] + 1e-12:
            best = (membership, q, method)
    return best


def _segments(G: nx.Graph, eng: Engine, pagerank: list[float], *, seed: int,
              resolution: float) -> dict:
    membership, modularity, method = _best_partition(eng.graph, seed=seed, resolution=resolution)
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
            ({"name": _label(G, t), "id": t, "members": c} for t, c in counts.items() if c >= 2),
            key=lambda r: (-r["members"], *_name_key(r["name"], r["id"])),
        )
        segs.append({
            "name": eng.labels[vs[0]],
            "id": eng.nodes[vs[0]],
            "size": len(vs),
            "companies": sum(1 for v in vs if eng.kinds[v] == "company"),
            "members": [_ref(eng, v) for v in vs],
            "shared_themes": shared,
        })
    segs.sort(key=lambda s: (-s["size"], *_name_key(s["name"], s["id"])))
    for i, s in enumerate(segs):
        s["segment"] = i
    unconnected.sort(key=lambda v: _name_key(eng.labels[v], eng.nodes[v]))
    return {
        "algorithm": "leiden",
        "method": method,
        "objective": "modularity",
        "resolution": resolution,
        "seed": seed,
        "modularity": rounded(modularity),
        "segments": [{"segment": s.pop("segment"), **s} for s in segs],
        "unconnected": [_ref(eng, v) for v in unconnected],
    }


def segments(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> dict:
    """Market segments: communities of the competition graph (modularity, seeded).

    The partition is the best (highest modularity at ``resolution``) of
    :data:`SEGMENT_RUNS` Leiden runs, each on a vertex order shuffled by ``seed``; on small
    graphs (:data:`EXACT_SEGMENTS_LIMIT`, resolution 1) the exact optimum is a candidate too.
    ``method`` says which won. Each segment is named after its most central member (highest PageRank, ties by name) and
    summarised by the themes at least two of its members share. Entities with no rivalry form
    no segment; they are listed as ``unconnected``.

    Returns
    -------
    dict
        ``algorithm``, ``method``, ``objective``, ``resolution``, ``seed``, ``modularity`` (of the whole
        partition, as :func:`networkx.community.modularity`), ``segments`` (largest first; each
        with ``segment`` number, ``name`` and ``id`` of its most central member, ``size``,
        ``companies``, ``members`` most central first and ``shared_themes`` as ``{name, id,
        members}``) and ``unconnected``; members and unconnected entities as ``{name, id,
        kind}``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abcdef":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"),
    ...                   ("d", "f"), ("c", "d")], kind="competes")
    >>> [[m["name"] for m in s["members"]] for s in segments(G)["segments"]]
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
            out.append({first: labels[x], f"{first}_id": x, second: labels[y],
                        f"{second}_id": y, "claims": claims})
        return out

    return {"mutual": rows(mutual, "a", "b"), "one_sided": rows(one_sided, "by", "against"),
            "mutual_count": len(mutual), "one_sided_count": len(one_sided)}


def _shared(G: nx.Graph, u: str, v: str) -> tuple[list[str], list[str]]:
    common = set(G.adj[u]) & set(G.adj[v])
    rivals = sorted((_label(G, w) for w in common if G.nodes[w]["kind"] != "theme"), key=_name_key)
    themes = sorted((_label(G, w) for w in common if G.nodes[w]["kind"] == "theme"), key=_name_key)
    return rivals, themes


HIDDEN_RIVALS_MAX = 1000
"""Pairs :func:`hidden_rivals` returns when no ``top`` is given (the count covers all)."""

_SPARSE_FROM = 20_000  # class pairs through shared rivals from which SciPy's product is used
_PRODUCT_CAP = 500_000  # upper bound on the entries of one row block of the class product


def _neighbourhood_classes(G: nx.Graph, cands: list) -> list[tuple[frozenset, list[int]]]:
    """Candidates grouped by identical neighbourhood (rivals and themes), in name order.

    Only neighbourhoods holding at least one rival are kept: a hidden rivalry needs a shared
    rival. Members are indices into ``cands`` (sorted by name), so index order is name order.
    Two members of one class never name each other, and two classes are either wholly joined
    by rivalries or not at all (if ``v`` is in ``N(u)``, every member of ``v``'s class is too).
    """
    classes: dict[frozenset, list[int]] = {}
    for i, u in enumerate(cands):
        nb = frozenset(G.adj[u])
        if any(G.nodes[w]["kind"] != "theme" for w in nb):
            classes.setdefault(nb, []).append(i)
    return list(classes.items())


def _class_matrices(G: nx.Graph, classes: list, cands: list):
    """Class x rival and class x theme incidence (CSR), neighbourhood sizes, joined class pairs."""
    import numpy as np
    from scipy import sparse

    cols: dict[bool, dict] = {False: {}, True: {}}
    entries: dict[bool, tuple[list, list]] = {False: ([], []), True: ([], [])}
    class_of = {cands[i]: c for c, (_, ms) in enumerate(classes) for i in ms}
    joined = []
    for c, (sig, _) in enumerate(classes):
        for w in sig:
            theme = G.nodes[w]["kind"] == "theme"
            rows, cs = entries[theme]
            rows.append(c)
            cs.append(cols[theme].setdefault(w, len(cols[theme])))
            if w in class_of:
                joined.append(c * len(classes) + class_of[w])
    m = len(classes)

    def csr(theme):
        rows, cs = entries[theme]
        return sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cs)),
                                 shape=(m, max(1, len(cols[theme]))))

    deg = np.array([len(sig) for sig, _ in classes], dtype=np.float64)
    return csr(False), csr(True), deg, np.unique(np.array(joined, dtype=np.int64))


def _class_blocks(Br, cap: int):
    """Row ranges of ``Br @ Br.T`` whose entries stay under ``cap`` (one row at least)."""
    import numpy as np

    cost = Br @ np.asarray(Br.sum(axis=0)).ravel()  # per row: classes sharing each of its rivals
    lo, m = 0, Br.shape[0]
    while lo < m:
        hi, acc = lo + 1, cost[lo]
        while hi < m and acc + cost[hi] <= cap:
            acc += cost[hi]
            hi += 1
        yield lo, hi
        lo = hi


def _scored_class_pairs(G: nx.Graph, classes: list, cands: list, threshold: float):
    """Per row block: class pairs ``(i, j)``, ``i <= j``, sharing a rival, not joined by a
    rivalry, scoring at least ``threshold``, as arrays ``(i, j, score)``."""
    import numpy as np

    Br, Bt, deg, joined = _class_matrices(G, classes, cands)
    m = len(classes)
    sizes = np.array([len(ms) for _, ms in classes])
    BrT = Br.T.tocsr()
    for lo, hi in _class_blocks(Br, _PRODUCT_CAP):
        S = (Br[lo:hi] @ BrT).tocoo()
        i, j = S.row.astype(np.int64) + lo, S.col.astype(np.int64)
        keep = (j > i) | ((j == i) & (sizes[i] > 1))
        i, j, inter = i[keep], j[keep], S.data[keep].astype(np.float64)
        if Bt.nnz and len(i):
            inter += np.asarray(Bt[i].multiply(Bt[j]).sum(axis=1)).ravel()
        score = inter / (deg[i] + deg[j] - inter)
        ok = (score >= threshold - 1e-12) & ~np.isin(i * m + j, joined)
        yield i[ok], j[ok], score[ok]


def _scored_class_pairs_python(G: nx.Graph, classes: list, cands: list, threshold: float):
    """:func:`_scored_class_pairs` in plain Python, for few classes (no SciPy import)."""
    import numpy as np

    by_rival: dict[str, list[int]] = {}
    for c, (sig, _) in enumerate(classes):
        for w in sig:
            if G.nodes[w]["kind"] != "theme":
                by_rival.setdefault(w, []).append(c)
    found: list[tuple[int, int, float]] = []
    for i, (sig, ms) in enumerate(classes):
        partners = {j for w in sig for j in by_rival.get(w, ()) if j >= i}
        for j in sorted(partners):
            sig_j, ms_j = classes[j]
            if (j == i and len(ms) < 2) or cands[ms_j[0]] in sig:  # joined: all or none
                continue
            inter = len(sig & sig_j)
            score = inter / (len(sig) + len(sig_j) - inter)
            if score >= threshold - 1e-12:
                found.append((i, j, score))
    i, j, score = zip(*found) if found else ((), (), ())
    yield (np.array(i, dtype=np.int64), np.array(j, dtype=np.int64),
           np.array(score, dtype=np.float64))


def _entry_pairs(A: list[int], B: list[int], limit: int):
    """The node pairs of one class pair in (first, second) index order, at most ``limit``."""
    if A is B:
        return ((A[x], A[y]) for x in range(min(len(A), limit)) for y in range(x + 1, len(A)))

    def gen():
        a_, b_ = A[:limit], B[:limit]
        for a, other in sorted([(a, b_) for a in a_] + [(b, a_) for b in b_]):
            start = bisect.bisect_right(other, a)
            for b in other[start:start + limit]:
                yield a, b
    return gen()


def _top_hidden_pairs(G: nx.Graph, cands: list, threshold: float, top: int) -> tuple[int, list]:
    """``(total, [(score, u, v), ...])``: the count of all qualifying node pairs and the first
    ``top`` by ``(-score, name of u, name of v)``, ``u`` before ``v`` by name.

    A class pair's smallest node pair is ``(first of i, first of j)`` (``(first, second)``
    within one class); the first ``top`` node pairs lie in the first ``top`` class pairs
    ordered by score, then that smallest pair, so only ``top`` class pairs are kept.
    """
    import numpy as np

    classes = _neighbourhood_classes(G, cands)
    if not classes:
        return 0, []
    members = [ms for _, ms in classes]
    first = np.array([ms[0] for ms in members])
    second = np.array([ms[1] if len(ms) > 1 else -1 for ms in members])
    sizes = np.array([len(ms) for ms in members], dtype=np.int64)
    total = 0
    kept: list[tuple] = []  # (-score, first node, second node, i, j)
    per_rival: dict[str, int] = {}
    for sig, _ in classes:
        for w in sig:
            per_rival[w] = per_rival.get(w, 0) + (G.nodes[w]["kind"] != "theme")
    cost = sum(c * c for c in per_rival.values())  # class pairs met through shared rivals, x2
    scored = _scored_class_pairs if cost >= _SPARSE_FROM else _scored_class_pairs_python
    for i, j, score in scored(G, classes, cands, threshold):
        si, sj = sizes[i], sizes[j]
        total += int(np.where(i == j, si * (si - 1) // 2, si * sj).sum())
        b = np.where(i == j, second[j], first[j])
        neg = -np.round(score, 12)
        best = np.lexsort((b, first[i], neg))[:top]
        kept = heapq.nsmallest(top, kept + [(float(neg[x]), int(first[i[x]]), int(b[x]),
                                             int(i[x]), int(j[x])) for x in best])
    def stream(neg, i, j):
        for a, b in _entry_pairs(members[i], members[j] if j != i else members[i], top):
            yield neg, a, b

    streams = [stream(neg, i, j) for neg, _, _, i, j in kept]
    pairs = list(itertools.islice(heapq.merge(*streams), top))
    return total, [(-neg + 0.0, cands[a], cands[b]) for neg, a, b in pairs]


def hidden_rivals(G: nx.Graph, *, threshold: float = HIDDEN_RIVAL_THRESHOLD,
                  kinds: Iterable[str] = ("company",), top: int | None = None) -> dict:
    """Pairs with no direct rivalry that share at least one rival: who competes unsaid.

    The score is the Jaccard similarity of the two entities' neighbourhoods in ``G`` (their
    rivals and their themes together), as :func:`networkx.jaccard_coefficient`; pairs that
    share at least one rival (a shared theme alone is not enough) and score at least
    ``threshold`` qualify. Only entities of the given ``kinds`` are paired (default companies:
    the ones whose own positioning the documents report).

    Time and memory follow the output, not the ties: entities with the same neighbourhood are
    handled as one class, the class product is computed in row blocks of bounded size, and
    only the ``top`` best class pairs are kept (at most :data:`HIDDEN_RIVALS_MAX` pairs when
    ``top`` is None). 20,000 companies naming one rival are one class.

    Returns
    -------
    dict
        ``measure``, ``threshold``, ``kinds``, ``total`` (all qualifying pairs) and ``pairs``
        (strictly the first ``top``, by ``(-score, a, b)``, ties broken by name), each with
        ``a``, ``a_id``, ``b``, ``b_id``, ``score``, ``shared_rivals`` and ``shared_themes``.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "ab":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_node("x", label="X", kind="competitor"); G.add_node("y", label="Y", kind="competitor")
    >>> G.add_edges_from([("a", "x"), ("b", "x"), ("b", "y")], kind="competes")
    >>> [(p["a"], p["b"], p["score"], p["shared_rivals"]) for p in hidden_rivals(G)["pairs"]]
    [('A', 'B', 0.5, ['X'])]
    """
    kinds = tuple(kinds)
    top = HIDDEN_RIVALS_MAX if top is None else int(top)
    cands = sorted((n for n, k in G.nodes(data="kind") if k in kinds),
                   key=lambda n: _name_key(_label(G, n), n))
    total, found = _top_hidden_pairs(G, cands, threshold, top) if top > 0 else (0, [])
    pairs = []
    for s, a, b in found:
        rivals, themes = _shared(G, a, b)
        pairs.append({"a": _label(G, a), "a_id": a, "b": _label(G, b), "b_id": b, "score": rounded(s),
                      "shared_rivals": rivals, "shared_themes": themes})
    return {"measure": "jaccard", "threshold": threshold, "kinds": list(kinds), "total": total,
            "pairs": pairs}


def similar(G: nx.Graph, node: str, *, threshold: float = HIDDEN_RIVAL_THRESHOLD,
            top: int | None = None) -> list[dict]:
    """Hidden rivals of one entity: others it does not name or get named by, sharing at least
    one of its rivals, by Jaccard similarity of rivals and themes as :func:`hidden_rivals`.

    A company is compared with companies; a competitor or alternative with competitors and
    alternatives. Rows: ``name``, ``id``, ``kind``, ``score``, ``shared_rivals``,
    ``shared_themes``, strictly the first ``top`` by ``(-score, name)``. Time is linear in
    the number of entities its rivals are joined to.

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
        if G.nodes[w]["kind"] != "theme":
            cands.update(x for x in G.adj[w] if G.nodes[x]["kind"] in group)
    cands -= mine | {node}
    scored = []
    for v in cands:
        theirs = G.adj[v]
        inter = sum(1 for w in mine if w in theirs)
        s = inter / (len(mine) + len(theirs) - inter)
        if s >= threshold - 1e-12:
            scored.append((-_score_key(s), *_name_key(_label(G, v), v), s))
    best = sorted(scored) if top is None else heapq.nsmallest(top, scored)
    rows = []
    for *_, v, s in best:
        rivals, themes = _shared(G, node, v)
        d = G.nodes[v]
        rows.append({"name": d["label"], "id": v, "kind": d["kind"], "score": rounded(s),
                     "shared_rivals": rivals, "shared_themes": themes})
    return rows



# --------------------------------------------------------------------------- claim dimensions

_WORD = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


@lru_cache(maxsize=8)
def _read_lexicon(path: str | None) -> dict:
    import yaml

    if path is None:
        text = resources.files("rivalscape.graph").joinpath("lexicon/claims.yaml").read_text("utf-8")
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
    >>> classify_claim("HIPAA-ready")
    ['enterprise']
    """
    lexicon = lexicon or load_lexicon()
    index = _compiled(lexicon)
    words = _WORD.findall(text.lower())
    for i, w in enumerate(words):
        if w in ("vs", "versus") and i > 0:
            words = words[:i]
            break
    # A hyphenated word also counts as its parts, after it: "HIPAA-ready" matches "hipaa".
    words = [x for w in words for x in ([w, *w.split("-")] if "-" in w else [w])]
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
        counts once, ``against`` listing every rival it names) and ``unclassified`` (claims matching no
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
    statements = _claim_statements(G)
    labels = dict(G.nodes(data="label"))
    per: dict[str, dict] = {}
    totals = {i: 0 for i in ids}
    claims, unclassified = [], []
    for st in statements:
        dims = classify_claim(st["text"], lexicon)
        if with_claims:
            claims.append({**_statement_row(st, labels), "dimensions": dims})
        if not dims:
            unclassified.append(_statement_row(st, labels))
        entry = per.setdefault(st["by"], {"claims": 0, "dims": {i: 0 for i in ids}})
        entry["claims"] += 1
        for x in dims:
            entry["dims"][x] += 1
            totals[x] += 1
    claims.sort(key=_claim_order)
    unclassified.sort(key=_claim_order)
    out = {
        "dimensions": [{"id": d["id"], "label": d["label"], "description": d["description"]}
                       for d in lexicon["dimensions"]],
        "totals": totals,
        "statements": len(statements),
        "table": _claimant_table(G, per),
        "claims": claims,
        "unclassified": unclassified,
    }
    if not with_claims:
        del out["claims"]
    return out


def _claim_statements(G: nx.Graph) -> list[dict]:
    """The claims as statements: ``by``, ``against`` (ids), ``text``, ``source`` (formatted).

    One statement naming several rivals ("vs. AWS/GCP: ...") is one claim edge per rival in
    the graph; here it is one statement, with every rival it was made against.
    """
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
    return list(statements.values())


def _statement_row(st: dict, labels: dict) -> dict:
    """A statement as shown: labels instead of ids, its rivals by name."""
    against = sorted((labels[a] for a in st["against"]), key=_name_key)
    return {"by": labels[st["by"]], "against": against, "text": st["text"], "source": st["source"]}


def _claim_order(r: dict) -> tuple:
    return (_name_key(r["by"]), [_name_key(a) for a in r["against"]], r["source"] or "", r["text"])


def _claimant_table(G: nx.Graph, per: dict[str, dict]) -> list[dict]:
    """One row per claimant with its claims per dimension, by ``(-claims, name)``."""
    table = [{"name": _label(G, n), "id": n, "claims": e["claims"], "dimensions": e["dims"]}
             for n, e in per.items()]
    table.sort(key=lambda r: (-r["claims"], *_name_key(r["name"], r["id"])))
    return table


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

    Returns one row per step: ``from``, ``from_id``, ``to``, ``to_id`` and ``claims`` (``by``,
    ``against``, ``text``, ``source``); an empty list when no chain joins them (or either is a
    theme: themes have members, not rivals).

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abcd":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> cl = lambda b, a: [{"by": b, "against": a, "text": b + " wins", "source": None}]
    >>> G.add_edge("a", "b", kind="competes", claims=cl("a", "b"))
    >>> G.add_edge("b", "c", kind="competes", claims=cl("c", "b"))
    >>> [(s["from"], s["to"], s["claims"][0]["text"]) for s in rivalry_path(G, "a", "c")]
    [('A', 'B', 'a wins'), ('B', 'C', 'c wins')]
    >>> rivalry_path(G, "a", "d")
    []
    """
    for n in (source, target):
        if n not in G:
            raise UsageError(f"no entity {n!r}")
    if "theme" in (G.nodes[source]["kind"], G.nodes[target]["kind"]):
        return []
    C = competition_graph(G)
    try:
        nodes = nx.bidirectional_shortest_path(C, source, target)
    except nx.NetworkXNoPath:
        return []
    return [
        {"from": _label(G, u), "from_id": u, "to": _label(G, v), "to_id": v,
         "claims": [_claim_row(G, c) for c in G.edges[u, v]["claims"]]}
        for u, v in zip(nodes, nodes[1:])
    ]
