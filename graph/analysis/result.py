"""The one entry point: :func:`analyze` computes every analysis of a graph once, as an
:class:`Analysis` result that the report, the page and the CLI read.

The competition graph is copied into igraph once, the sampling plan is made once, and every
randomised step is seeded from the one :class:`Settings` value, which the result carries so
that every output can say how it was computed.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Mapping, TypedDict

import networkx as nx

from rivalscape.graph.analysis.centrality import metric_values
from rivalscape.graph.analysis.claims import claim_dimensions
from rivalscape.graph.analysis.engine import (
    METRICS,
    Engine,
    SamplingPlan,
    Settings,
    name_key,
    ranking_key,
    sampling_plan,
    score_key,
)
from rivalscape.graph.analysis.rivals import (
    HiddenRivals,
    RivalryDirections,
    hidden_rivals,
    most_contested,
    one_sided_by,
    rivalry_directions,
)
from rivalscape.graph.analysis.segments import Segments, segments_of
from rivalscape.graph.analysis.themes import theme_coverage
from rivalscape.graph.memory import check_memory

__all__ = ["Analysis", "Entity", "Hub", "Bridge", "HUB_RANK", "analyze"]

HUB_RANK = 3
"""An entity is "top" on a measure when it scores at least the third best."""


class Entity(TypedDict):
    """An entity of the competition graph: ``rivals`` is its number of rivalries."""

    name: str
    id: str
    kind: str
    rivals: int


class Hub(TypedDict):
    """An entity at the top of most measures (:data:`HUB_RANK`), with the numbers behind it."""

    id: str
    name: str
    metrics: list[str]
    rivals: int
    betweenness: float
    pagerank: float


class Bridge(TypedDict):
    """An entity with rivals in other segments, by betweenness."""

    id: str
    name: str
    betweenness: float
    segment: int
    others: list[int]


@dataclass(frozen=True)
class Analysis:
    """Every analysis of one graph under one :class:`Settings`, computed once by :func:`analyze`.

    ``title`` is the graph's name; ``entities`` are the competition graph's entities in id order; ``centrality[metric][id]``
    their values (12 decimals); ``rankings[metric]`` their ids by ``(-score, name)``. List
    fields that rank (directions, one-sided, hidden rivals) keep the first ``settings.top``
    rows and count all; the others are whole. The fields are plain data: read them, do not
    change them.
    """

    title: str
    settings: Settings
    sampling: SamplingPlan
    entities: tuple[Entity, ...]
    centrality: Mapping[str, Mapping[str, float]]
    rankings: Mapping[str, tuple[str, ...]]
    segments: Segments
    segment_of: Mapping[str, int | None]
    contested: tuple[dict, ...]
    directions: RivalryDirections
    one_sided_by: tuple[dict, ...]
    hidden_rivals: HiddenRivals
    claim_dimensions: dict
    theme_coverage: dict
    hubs: tuple[Hub, ...]
    bridges: tuple[Bridge, ...]
    timings: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)

    def node_metrics(self) -> dict[str, dict[str, float]]:
        """``{node id: {metric: value}}`` for every entity (what the page sizes nodes by)."""
        return {e["id"]: {m: self.centrality[m][e["id"]] for m in METRICS} for e in self.entities}

    def node_segments(self) -> dict[str, int | None]:
        """``{node id: segment number}`` (``None`` for entities with no rivalry)."""
        return dict(self.segment_of)

    def segment_names(self) -> dict[int, str]:
        """``{segment number: name}``; a segment is named by its most central member."""
        return {s["segment"]: s["name"] for s in self.segments["segments"]}


def analyze(G: nx.Graph, settings: Settings | None = None, *,
            timings: dict | None = None, claim_classes: dict | None = None) -> Analysis:
    """Compute every analysis of ``G`` once: centrality, segments, rival structure, claim
    dimensions, theme coverage, hubs and bridges.

    ``timings``, if given, receives the seconds spent in ``metrics`` (but betweenness),
    ``segments`` and ``sections`` (the rest, at the same time as the other two), for
    benchmarks. ``claim_classes``, claim texts classified before (``known`` of
    :func:`claim_dimensions`), spares classifying them again and is left holding the texts
    of ``G``; the result is the same without it.

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_edges_from([("a", "b"), ("a", "c")], kind="competes", claims=[])
    >>> result = analyze(G, Settings(seed=3))
    >>> result.rankings["degree"], result.settings.seed, result.sampling["exact"]
    (('a', 'b', 'c'), 3, True)
    """
    settings = settings or Settings()
    check_memory("report", G.number_of_nodes(), G.number_of_edges())  # before any copy is made
    eng = Engine.from_graph(G)
    plan = sampling_plan(eng, sampling=settings.sampling, sample_size=settings.sample_size,
                         seed=settings.seed)
    laps: dict[str, float] = {}
    # igraph's C code lets go of the GIL (and keeps its error state per thread): betweenness,
    # the largest single cost, runs on one worker thread, the other metrics and the segments
    # on another (the only one that seeds igraph's generator meanwhile), while this thread
    # assembles the sections that need neither. The values are the same as one after the
    # other; only the wall time is shorter.
    with ThreadPoolExecutor(max_workers=2) as pool:
        between = pool.submit(metric_values, eng, ("betweenness",), plan)
        measures = pool.submit(_global_measures, G, eng, plan, settings, laps)
        clock = time.perf_counter()
        sections = _sections(G, settings, claim_classes)
        laps["sections"] = time.perf_counter() - clock
        values, seg = measures.result()
        values = {**values, **between.result()}
    values = {m: values[m] for m in METRICS}
    result = _assemble(G, eng, settings, plan, values, seg, sections)
    if timings is not None:
        timings.update(laps)
    return result


def _global_measures(G: nx.Graph, eng: Engine, plan: SamplingPlan, settings: Settings,
                     laps: dict) -> tuple[dict[str, list[float]], Segments]:
    """The centrality metrics but betweenness, and the segments: parts that change with any
    rivalry."""
    clock = time.perf_counter()
    values = metric_values(eng, [m for m in METRICS if m != "betweenness"], plan)
    laps["metrics"] = time.perf_counter() - clock
    clock = time.perf_counter()
    seg = segments_of(G, eng, values["pagerank"], seed=settings.seed, resolution=settings.resolution)
    laps["segments"] = time.perf_counter() - clock
    return values, seg


def _sections(G: nx.Graph, settings: Settings, claim_classes: dict | None = None) -> dict:
    """The sections that read the graph alone, not its centrality or segments."""
    top = settings.top
    return dict(
        contested=tuple(most_contested(G)),
        directions=rivalry_directions(G, top=top),
        one_sided_by=tuple(one_sided_by(G, top=top)),
        hidden_rivals=hidden_rivals(G, threshold=settings.threshold, top=top),
        claim_dimensions=claim_dimensions(G, with_claims=False, known=claim_classes),
        theme_coverage=theme_coverage(G),
    )


def _assemble(G: nx.Graph, eng: Engine, settings: Settings, plan: SamplingPlan,
              values: dict[str, list[float]], seg: Segments, sections: dict) -> Analysis:
    rivals = eng.graph.degree()
    entities = tuple({"name": eng.labels[i], "id": n, "kind": eng.kinds[i], "rivals": rivals[i]}
                     for i, n in enumerate(eng.nodes))
    centrality = {m: dict(zip(eng.nodes, values[m])) for m in METRICS}
    rankings = _rankings(eng, values)
    seg_of = {m["id"]: s["segment"] for s in seg["segments"] for m in s["members"]}
    by_id = {e["id"]: e for e in entities}
    return Analysis(
        title=str(G.graph.get("name") or "Landscape"), settings=settings, sampling=plan, entities=entities, centrality=centrality,
        rankings=rankings, segments=seg,
        segment_of={n: seg_of.get(n) for n in eng.nodes},
        **sections,
        hubs=tuple(_hubs(by_id, centrality, rankings)),
        bridges=tuple(_bridges(G, by_id, centrality, rankings["betweenness"], seg_of)),
    )


def _rankings(eng: Engine, values: dict[str, list[float]]) -> dict[str, tuple[str, ...]]:
    """Each metric's ids by :func:`ranking_key`: the entities put in name order once, then
    each metric a stable sort by score alone, which keeps that order among equal scores (the
    same order as sorting by the whole key, in half the time at 100,000 entities)."""
    by_name = sorted(range(eng.n), key=lambda i: name_key(eng.labels[i], eng.nodes[i]))
    out = {}
    for m in METRICS:
        vals = values[m]
        out[m] = tuple(eng.nodes[i] for i in sorted(by_name, key=lambda i: -score_key(vals[i])))
    return out


def _hubs(by_id: dict, centrality: dict, rankings: dict) -> list[Hub]:
    """Entities at or above the :data:`HUB_RANK`-th best score on most measures (ties
    included), at most three, by measures topped then PageRank; none on a handful of
    entities, where "top 3" says nothing."""
    if len(by_id) <= 2 * HUB_RANK:
        return []
    tops: dict[str, list[str]] = {}
    for m in METRICS:
        vals, ranked = centrality[m], rankings[m]
        bar = score_key(vals[ranked[HUB_RANK - 1]])
        for n in ranked:
            if score_key(vals[n]) < bar or vals[n] <= 0:
                break
            tops.setdefault(n, []).append(m)
    hubs = sorted((n for n, ms in tops.items() if len(ms) * 2 > len(METRICS)),
                  key=lambda n: (-len(tops[n]),
                                 *ranking_key(centrality["pagerank"][n], by_id[n]["name"], n)))[:3]
    return [{"id": n, "name": by_id[n]["name"], "metrics": tops[n], "rivals": by_id[n]["rivals"],
             "betweenness": centrality["betweenness"][n], "pagerank": centrality["pagerank"][n]}
            for n in hubs]


def _bridges(G: nx.Graph, by_id: dict, centrality: dict, ranked: tuple, seg_of: dict) -> list[Bridge]:
    """Entities with rivals in another segment, by ``(-betweenness, name)``, at most three.

    ``ranked`` is the betweenness ranking (that very order), so the walk stops at the third
    bridge, or at the first entity with no betweenness (every later one has none either).
    """
    rows: list[Bridge] = []
    for n in ranked:
        b = centrality["betweenness"][n]
        if not b > 0:
            break
        own = seg_of.get(n)
        if own is None:
            continue
        others = {seg_of[w] for w, d in G.adj[n].items() if w in seg_of and seg_of[w] != own
                  and d.get("kind") == "competes"}
        if others:
            rows.append({"id": n, "name": by_id[n]["name"], "betweenness": b, "segment": own,
                         "others": sorted(others)})
            if len(rows) == 3:
                break
    return rows
