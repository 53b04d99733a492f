"""Centrality of every entity on the competition graph, rescaled to NetworkX's definitions.

The tests cross-check the values against NetworkX on small graphs:

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
With ``sampling="auto"``, up to :data:`EXACT_LIMIT` nodes in the competition graph betweenness
and closeness are exact; beyond, they are estimated from ``sample_size`` (default
:data:`DEFAULT_SAMPLE`) seeded source nodes: betweenness as
:func:`networkx.betweenness_centrality` does with ``k`` (dependencies from the sampled
sources, scaled by n/k); closeness from the mean distance to the sampled nodes of each
component larger than the sample (smaller components are exact). ``"exact"`` and
``"sampled"`` force one way. :func:`sampling_plan` says which applies; outputs print it.
"""

from __future__ import annotations

import math
import os
import warnings
from typing import Sequence

import networkx as nx

from rivalscape.graph.analysis.engine import (
    METRICS,
    PAGERANK_DAMPING,
    Engine,
    Sampling,
    SamplingPlan,
    make_rng,
    ranking_key,
    sampling_plan,
    seeded_rng,
)
from rivalscape.graph.errors import UsageError

__all__ = ["EIGENVECTOR_NOTE", "centrality", "metric_name", "metric_values", "check_metrics"]

_DIST_BATCH = 32  # sampled closeness: sources per distance batch (bounds memory)
def _component_sizes(g) -> tuple[list[int], list[int]]:
    cc = g.connected_components()
    return cc.membership, cc.sizes()


def check_metrics(metrics) -> list[str]:
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



def _betweenness(eng: Engine, plan: SamplingPlan) -> list[float]:
    g, n = eng.graph, eng.n
    if n <= 2:
        return [0.0] * n
    if plan["exact"]:
        raw = g.betweenness(directed=False)
        scale = 2.0 / ((n - 1) * (n - 2))
    else:
        k = plan["sample_size"]
        sources = sorted(make_rng(plan["seed"]).sample(range(n), k))
        # igraph halves the dependencies accumulated from the given sources on an undirected
        # graph; NetworkX's k-sampled estimate is (sum of dependencies) * n / k / ((n-1)(n-2)).
        raw = g.betweenness(directed=False, sources=sources)
        scale = 2.0 * n / (k * (n - 1) * (n - 2))
    return [b * scale for b in raw]


def _closeness(eng: Engine, plan: SamplingPlan) -> list[float]:
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

        rng = make_rng(f"{plan['seed']}:closeness")
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


def _eigenvector(eng: Engine, seed: int) -> list[float]:
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
            with warnings.catch_warnings(), seeded_rng(seed):
                warnings.simplefilter("ignore", RuntimeWarning)
                vals = g.induced_subgraph(comp).eigenvector_centrality()
            vals = [abs(x) if abs(x) > 1e-12 else 0.0 for x in vals]
        scale = math.sqrt(r / n) / (math.sqrt(sum(x * x for x in vals)) or 1.0)
        for v, x in zip(comp, vals):
            out[v] = x * scale
    return out


_prpack_pid: int | None = None  # the process that started PRPACK's OpenMP team, if any


def _pagerank(g) -> list[float]:
    """igraph's PageRank (PRPACK), safe in a child forked after the parent ran it.

    PRPACK runs on an OpenMP team that stays after the call; a forked child inherits the
    team's bookkeeping but not its threads, and its first PageRank would wait for them
    forever. Such a child runs PRPACK on one thread (values differ in the 17th digit at
    most, below the 12 decimals kept).
    """
    global _prpack_pid
    pid = os.getpid()
    if _prpack_pid is not None and _prpack_pid != pid:
        _openmp_single_thread()
    _prpack_pid = pid
    return g.pagerank(directed=False, damping=PAGERANK_DAMPING)


def _openmp_single_thread() -> None:
    """Tell the OpenMP runtime loaded with igraph to use one thread."""
    import ctypes

    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            libs = {line.split()[-1] for line in maps if "libgomp" in line or "libomp" in line}
    except OSError:
        return
    for lib in sorted(libs):
        try:
            ctypes.CDLL(lib).omp_set_num_threads(1)
        except (OSError, AttributeError):
            pass


def metric_values(eng: Engine, metrics: Sequence[str], plan: SamplingPlan) -> dict[str, list[float]]:
    g, n = eng.graph, eng.n
    out: dict[str, list[float]] = {}
    for m in metrics:
        if m == "degree":
            out[m] = [1.0] * n if n == 1 else [d / (n - 1) for d in g.degree()]
        elif m == "betweenness":
            out[m] = _betweenness(eng, plan)
        elif m == "pagerank":
            out[m] = _pagerank(g) if n else []
        elif m == "eigenvector":
            out[m] = _eigenvector(eng, plan["seed"])
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
    rows.sort(key=lambda r: ranking_key(r[sort_by], r["name"], r["id"]))
    return rows


# --------------------------------------------------------------------------- centrality


def centrality(G: nx.Graph, metrics: str | Sequence[str] | None = None, *, sampling: Sampling = "auto",
               seed: int = 0, sample_size: int | None = None) -> list[dict]:
    """Centrality of every entity on the competition graph, most central first.

    The competition graph holds companies, competitors and alternatives joined by rivalries
    (``competes`` edges); themes are left out (:func:`graph.build.competition_graph`).

    Parameters
    ----------
    G : networkx.Graph
        A landscape graph.
    metrics : str or sequence of str, optional
        Metrics to compute, from :data:`METRICS` (default all). Rows are sorted by the first one.
    sampling : {"auto", "exact", "sampled"}
        ``auto``: exact betweenness and closeness up to :data:`EXACT_LIMIT` nodes, sampled
        beyond; ``exact``: always exact; ``sampled``: sampled whenever ``sample_size`` < number
        of nodes.
    seed : int
        Seed of the sampling and of ARPACK's start vector.
    sample_size : int, optional
        Sampled source nodes (default :data:`DEFAULT_SAMPLE`).

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
    metrics = check_metrics(metrics)
    eng = Engine.from_graph(G)
    plan = sampling_plan(eng, sampling=sampling, sample_size=sample_size, seed=seed)
    return _rows(eng, metric_values(eng, metrics, plan), metrics[0])


def metric_name(metric: str) -> str:
    """A metric by name in any case (``PageRank`` -> ``pagerank``)."""
    m = str(metric).casefold()
    if m not in METRICS:
        raise UsageError(f"unknown metric {metric!r}; choose from {', '.join(METRICS)}")
    return m

