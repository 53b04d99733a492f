"""Market segments: communities of the competition graph (modularity, seeded Leiden)."""

from __future__ import annotations

from typing import TypedDict

import networkx as nx

from rivalscape.graph.analysis.centrality import metric_values
from rivalscape.graph.analysis.engine import (
    EXACT_LIMIT,
    Engine,
    EntityRef,
    entity_ref,
    label_of,
    make_rng,
    name_key,
    ranking_key,
    rounded,
    sampling_plan,
    seeded_rng,
)
from rivalscape.graph.analysis.themes import theme_members

__all__ = ["SEGMENT_RUNS", "EXACT_SEGMENTS_LIMIT", "Segment", "Segments", "segments", "segments_of"]


class SharedTheme(TypedDict):
    name: str
    id: str
    members: int


class Segment(TypedDict):
    """One segment, named by its most central member."""

    segment: int
    name: str
    id: str
    size: int
    companies: int
    members: list[EntityRef]
    shared_themes: list[SharedTheme]


class Segments(TypedDict):
    """A partition of the competition graph and how it was found (:func:`segments`)."""

    algorithm: str
    method: str
    objective: str
    resolution: float
    seed: int
    modularity: float
    segments: list[Segment]
    unconnected: list[EntityRef]

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
    rng = make_rng(f"segments:{seed}")
    big = n > EXACT_LIMIT
    out = []
    # 10 runs up to 2,000 entities, then fewer so the total work stays flat; at least 2.
    for run in range(max(2, min(SEGMENT_RUNS, 20_000 // max(n, 1)))):
        perm = list(range(n))
        if run:
            rng.shuffle(perm)
        h = g.permute_vertices(perm)  # vertex j of h is vertex perm[j] of g
        with seeded_rng(rng.randrange(2**31)):
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


def segments_of(G: nx.Graph, eng: Engine, pagerank: list[float], *, seed: int,
                resolution: float) -> Segments:
    """:func:`segments` on an engine copy whose PageRank is already computed."""
    membership, modularity, method = _best_partition(eng.graph, seed=seed, resolution=resolution)
    groups: dict[int, list[int]] = {}
    for v, c in enumerate(membership):
        groups.setdefault(c, []).append(v)
    themes_of: dict[int, list[str]] = {}
    for t, ms in theme_members(G).items():
        for m in ms:
            if m in eng.index:
                themes_of.setdefault(eng.index[m], []).append(t)
    segs = []
    unconnected = []
    for vs in groups.values():
        vs.sort(key=lambda v: ranking_key(pagerank[v], eng.labels[v], eng.nodes[v]))
        if len(vs) == 1:
            unconnected.append(vs[0])
            continue
        counts: dict[str, int] = {}
        for v in vs:
            for t in themes_of.get(v, ()):
                counts[t] = counts.get(t, 0) + 1
        shared = sorted(
            ({"name": label_of(G, t), "id": t, "members": c} for t, c in counts.items() if c >= 2),
            key=lambda r: (-r["members"], *name_key(r["name"], r["id"])),
        )
        segs.append({
            "name": eng.labels[vs[0]],
            "id": eng.nodes[vs[0]],
            "size": len(vs),
            "companies": sum(1 for v in vs if eng.kinds[v] == "company"),
            "members": [entity_ref(eng, v) for v in vs],
            "shared_themes": shared,
        })
    segs.sort(key=lambda s: (-s["size"], *name_key(s["name"], s["id"])))
    for i, s in enumerate(segs):
        s["segment"] = i
    unconnected.sort(key=lambda v: name_key(eng.labels[v], eng.nodes[v]))
    return {
        "algorithm": "leiden",
        "method": method,
        "objective": "modularity",
        "resolution": resolution,
        "seed": seed,
        "modularity": rounded(modularity),
        "segments": [{"segment": s.pop("segment"), **s} for s in segs],
        "unconnected": [entity_ref(eng, v) for v in unconnected],
    }


def segments(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> Segments:
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
    plan = sampling_plan(eng, sampling="exact", seed=seed)
    pr = metric_values(eng, ["pagerank"], plan)["pagerank"]
    return segments_of(G, eng, pr, seed=seed, resolution=resolution)

