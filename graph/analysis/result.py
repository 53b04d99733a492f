"""The one entry point: :func:`analyze` computes every analysis of a graph once, as an
:class:`Analysis` result that the report, the page and the CLI read.

The competition graph is copied into igraph once, the sampling plan is made once, and every
randomised step is seeded from the one :class:`Settings` value, which the result carries so
that every output can say how it was computed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import Iterable, Mapping, TypedDict

import networkx as nx

from rivalscape.graph.analysis import forked
from rivalscape.graph.analysis.centrality import EIGENVECTOR_NOTE, metric_name, metric_values
from rivalscape.graph.analysis.claims import claim_dimensions
from rivalscape.graph.analysis.engine import (
    COMPETITION_GRAPH_NOTE,
    METRICS,
    Engine,
    SamplingPlan,
    Settings,
    label_of,
    name_key,
    ranking_key,
    rounded,
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
from rivalscape.graph.analysis.themes import theme_coverage, theme_members
from rivalscape.graph.cache import Cache, digest, source_digest
from rivalscape.graph.errors import UsageError
from rivalscape.graph.memory import check_memory

__all__ = ["Analysis", "ALL_PARTS", "Entity", "Hub", "Bridge", "HUB_RANK", "NotComputedError",
           "PARTS", "analyze"]

#: Competition graphs with at least this many rivalries compute their global measures in a
#: forked child (:mod:`.forked`), beside the sections; below, forking costs more than it gives.
FORK_FROM = 10_000

#: A forked child's own memory per rivalry (its arrays, the pages it copies): measured 405 MB
#: at 291,181 rivalries. No child is forked when this process's resident memory and the
#: child's would pass FORK_MEMORY_BUDGET (the 2 GB a whole build at 100,000 entities must
#: stay under): the measures are then computed here, one after the other.
FORK_BYTES_PER_RIVALRY = 1_500
FORK_MEMORY_BUDGET = 2_000_000_000


def _fork_pays(eng: Engine) -> bool:
    """Whether the global measures of ``eng`` go to a forked child: a large graph, and room
    for the child beside this process."""
    rivalries = eng.graph.ecount()
    if rivalries < FORK_FROM:
        return False
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            resident = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return False
    return resident + rivalries * FORK_BYTES_PER_RIVALRY <= FORK_MEMORY_BUDGET


HUB_RANK = 3
"""An entity is "top" on a measure when it scores at least the third best."""


PARTS: tuple[str, ...] = ("centrality", "pagerank", "segments", "rivals", "claims", "themes")
"""The parts :func:`analyze` can compute, each only when asked for (``parts=``):

- ``centrality``: every metric of :data:`METRICS` and its ranking (``centrality``,
  ``rankings``), and the ``hubs``;
- ``pagerank``: PageRank alone and its ranking (a part of ``centrality``, what segments and
  rank orders need);
- ``segments``: ``segments``, ``segment_of`` (computes PageRank on the way, so ``pagerank``
  comes with it); with ``centrality``, the ``bridges`` between segments;
- ``rivals``: ``contested``, ``directions``, ``one_sided_by``, ``hidden_rivals``;
- ``claims``: ``claim_dimensions``; ``themes``: ``theme_coverage``.

``title``, ``settings``, ``sampling`` and ``entities`` are always there.
"""

ALL_PARTS: frozenset[str] = frozenset(PARTS)

# field -> the parts it needs, all of them; fields not listed are always computed
_FIELD_PARTS: dict[str, tuple[str, ...]] = {
    "segments": ("segments",), "segment_of": ("segments",),
    "contested": ("rivals",), "directions": ("rivals",), "one_sided_by": ("rivals",),
    "hidden_rivals": ("rivals",), "claim_dimensions": ("claims",), "theme_coverage": ("themes",),
    "hubs": ("centrality",), "bridges": ("centrality", "segments"),
}


class NotComputedError(LookupError):
    """A part of an :class:`Analysis` that :func:`analyze` was not asked to compute: a
    mistake in the calling code, never an empty answer."""

    def __init__(self, what: str, needs: tuple[str, ...], parts: frozenset[str]):
        self.what, self.needs, self.parts = what, needs, parts
        super().__init__(
            f"the analysis did not compute {what} (it needs the part(s) {', '.join(needs)}; "
            f"computed: {', '.join(p for p in PARTS if p in parts) or 'none'})")


class MetricValues(dict):
    """``{metric: ...}`` of the metrics computed; a metric of :data:`METRICS` that was not
    computed raises :class:`NotComputedError`, not a bare ``KeyError``."""

    parts: frozenset[str] = frozenset()

    def __missing__(self, metric):
        if metric in METRICS:
            needs = ("pagerank",) if metric == "pagerank" else ("centrality",)
            raise NotComputedError(f"the {metric} metric", needs, self.parts)
        raise KeyError(metric)

    def __reduce__(self):
        return (_metric_values, (dict(self), self.parts))


def _metric_values(values: dict, parts: frozenset[str]) -> MetricValues:
    out = MetricValues(values)
    out.parts = frozenset(parts)
    return out


def check_parts(parts: str | Iterable[str]) -> frozenset[str]:
    """``parts`` as a frozenset, every name one of :data:`PARTS` (else a usage error).

    >>> sorted(check_parts(["segments"]))
    ['segments']
    >>> check_parts({"segment"})
    Traceback (most recent call last):
    ...
    rivalscape.graph.errors.UsageError: unknown analysis part 'segment'; choose from centrality, pagerank, segments, rivals, claims, themes
    """
    parts = frozenset([parts] if isinstance(parts, str) else parts)
    unknown = sorted(parts - ALL_PARTS)
    if unknown:
        raise UsageError(f"unknown analysis part {unknown[0]!r}; choose from {', '.join(PARTS)}")
    return parts


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


@dataclass(frozen=True, eq=False, repr=False)
class Analysis:
    """Every analysis of one graph under one :class:`Settings`, computed once by :func:`analyze`.

    ``title`` is the graph's name; ``entities`` are the competition graph's entities in id order; ``centrality[metric][id]``
    their values (12 decimals); ``rankings[metric]`` their ids by ``(-score, name)``. List
    fields that rank (directions, one-sided, hidden rivals) keep the first ``settings.top``
    rows and count all; the others are whole. The fields are plain data: read them, do not
    change them.

    ``parts`` are the parts computed (:data:`PARTS`); reading a field, or a metric, of a part
    that was not computed raises :class:`NotComputedError`.
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
    parts: frozenset[str] = ALL_PARTS

    def __post_init__(self):
        # The fields of parts not computed are taken out, so that reading one ends in
        # __getattr__ (the fields computed are read at full speed, without a check).
        for name, needs in _FIELD_PARTS.items():
            if not self.parts.issuperset(needs):
                self.__dict__.pop(name, None)

    def __getattr__(self, name: str):
        needs = _FIELD_PARTS.get(name)
        if needs is None:
            raise AttributeError(name)
        raise NotComputedError(name, needs, self.parts)

    def __repr__(self) -> str:
        return (f"Analysis(title={self.title!r}, settings={self.settings!r}, "
                f"parts={sorted(self.parts)!r})")

    def centrality_table(self, metric: str = "degree", *, top: int | None = None) -> dict:
        """The centrality part as one document: what was computed and how, and the rows.

        Returns ``graph`` and ``eigenvector`` (how to read the values), ``sampling`` (the
        plan), ``metric`` (the ranking), ``count`` (all entities), ``shown`` and ``rows`` (the
        first ``top`` by ``metric``): ``name``, ``id``, ``kind``, ``rivals`` (a count), then
        every metric, rounded to 6 significant digits (:func:`rounded`).

        Examples
        --------
        >>> G = nx.path_graph(["a", "b", "c", "d"])
        >>> nx.set_node_attributes(G, {n: {"label": n.upper(), "kind": "company"} for n in G})
        >>> nx.set_edge_attributes(G, "competes", "kind")
        >>> doc = analyze(G, parts={"centrality"}).centrality_table("betweenness", top=1)
        >>> doc["count"], doc["rows"]
        (4, [{'name': 'B', 'id': 'b', 'kind': 'company', 'rivals': 2, 'degree': 0.666667, 'betweenness': 0.666667, 'pagerank': 0.324561, 'eigenvector': 0.601501, 'closeness': 0.75}])
        """
        metric = metric_name(metric)
        ranked = self.rankings[metric]
        by_id = {e["id"]: e for e in self.entities}
        shown = ranked if top is None else ranked[:top]
        rows = [{**by_id[n], **{m: rounded(self.centrality[m][n]) for m in METRICS}} for n in shown]
        return {"graph": COMPETITION_GRAPH_NOTE, "eigenvector": EIGENVECTOR_NOTE,
                "sampling": self.sampling, "metric": metric,
                "count": len(ranked), "shown": len(rows), "rows": rows}

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
            parts: str | Iterable[str] = ALL_PARTS, timings: dict | None = None,
            claim_classes: dict | None = None, cache: Cache | None = None) -> Analysis:
    """Compute the analyses of ``G`` once: centrality, segments, rival structure, claim
    dimensions, theme coverage, hubs and bridges; or only the ``parts`` asked for.

    ``parts`` names the parts to compute (:data:`PARTS`; default all): a command that shows
    one part computes that part and no other. The result says which were computed
    (``Analysis.parts``, with ``pagerank`` added when ``centrality`` or ``segments`` computed
    it); reading one that was not raises :class:`NotComputedError`. There is one igraph copy
    of the graph whatever the parts.

    ``timings``, if given, receives the seconds spent in ``metrics``, ``segments`` and
    ``sections`` (the rest; on a large graph at the same time as the other two, which run in
    a forked child, :data:`FORK_FROM`), for benchmarks. ``claim_classes``, claim texts classified before (``known`` of
    :func:`claim_dimensions`), spares classifying them again and is left holding the texts
    of ``G``; the result is the same without it. With a ``cache``, the global measures (the
    metrics and segments) computed before for the same competition graph (entities, their
    names and kinds, rivalries, theme memberships) and settings are used again: an edit of
    claims alone does not compute them again (:func:`_measures_key`).

    Examples
    --------
    >>> G = nx.Graph(name="t")
    >>> for n in "abc":
    ...     G.add_node(n, label=n.upper(), kind="company")
    >>> G.add_edges_from([("a", "b"), ("a", "c")], kind="competes", claims=[])
    >>> result = analyze(G, Settings(seed=3))
    >>> result.rankings["degree"], result.settings.seed, result.sampling["exact"]
    (('a', 'b', 'c'), 3, True)
    >>> only = analyze(G, parts={"segments"})
    >>> sorted(only.parts), only.rankings["pagerank"]
    (['pagerank', 'segments'], ('a', 'b', 'c'))
    >>> only.hubs
    Traceback (most recent call last):
    ...
    rivalscape.graph.analysis.result.NotComputedError: the analysis did not compute hubs (it needs the part(s) centrality; computed: pagerank, segments)
    """
    settings = settings or Settings()
    parts = _with_prerequisites(check_parts(parts))
    check_memory("report", G.number_of_nodes(), G.number_of_edges())  # before any copy is made
    eng = Engine.from_graph(G)
    plan = sampling_plan(eng, sampling=settings.sampling, sample_size=settings.sample_size,
                         seed=settings.seed)
    metrics = METRICS if "centrality" in parts else ("pagerank",) if "pagerank" in parts else ()
    laps: dict[str, float] = {}
    # The global measures (every metric, the segments: igraph's C code, which keeps the GIL)
    # run in a forked child on large graphs while this process assembles the sections that
    # need neither; on small ones, here, one after the other. The values are the same.
    key = _measures_key(G, eng, plan, settings, metrics, "segments" in parts) \
        if cache is not None else None
    kept = cache.get("measures", key) if key else None
    job = forked.start(_global_measures, G, eng, plan, settings, metrics, "segments" in parts,
                       fork=_fork_pays(eng)) if kept is None else None
    try:
        clock = time.perf_counter()
        sections = _sections(G, settings, parts, claim_classes)
        laps["sections"] = time.perf_counter() - clock
    except BaseException:
        if job is not None:
            job.cancel()
        raise
    if job is not None:
        values, seg, measured = job.result()
        laps.update(measured)
        if key:
            cache.put("measures", key, (values, seg))
            cache.prune("measures", keep=MEASURES_KEPT)
    else:
        values, seg = kept
    values = {m: values[m] for m in METRICS if m in values}
    result = _assemble(G, eng, settings, plan, values, seg, sections, parts)
    if timings is not None:
        timings.update(laps)
    return result


# How many sets of global measures the cache keeps (the most recently used).
MEASURES_KEPT = 4


def _measures_key(G: nx.Graph, eng: Engine, plan: SamplingPlan, settings: Settings,
                  metrics: tuple[str, ...], with_segments: bool) -> str:
    """A key of exactly what :func:`_global_measures` reads: the competition graph as the
    engine holds it (ids, names, kinds, rivalries), the theme memberships and names the
    segments summarise, the sampling plan and settings, and the code that computes them."""
    import igraph

    index = eng.index
    themes = sorted((t, label_of(G, t), [m for m in ms if m in index])
                    for t, ms in theme_members(G).items())
    code = source_digest(tuple(sorted(str(f) for f in Path(__file__).parent.glob("*.py"))))
    return digest("global measures", code, igraph.__version__, repr(eng.nodes), repr(eng.labels),
                  repr(eng.kinds), repr(eng.graph.get_edgelist()), repr(themes), repr(plan),
                  settings.seed, repr(settings.resolution), metrics, with_segments)


def _with_prerequisites(parts: frozenset[str]) -> frozenset[str]:
    """``parts`` and what computing them computes too: PageRank, for centrality and segments."""
    return parts | {"pagerank"} if parts & {"centrality", "segments"} else parts


def _global_measures(G: nx.Graph, eng: Engine, plan: SamplingPlan, settings: Settings,
                     metrics: tuple[str, ...], with_segments: bool,
                     ) -> tuple[dict[str, list[float]], Segments | None, dict[str, float]]:
    """The ``metrics`` and, ``with_segments``, the segments: the parts that change with any
    rivalry; and the seconds each took (``metrics``, ``segments``)."""
    laps = {}
    clock = time.perf_counter()
    values = metric_values(eng, metrics, plan)
    laps["metrics"] = time.perf_counter() - clock
    clock = time.perf_counter()
    seg = segments_of(G, eng, values["pagerank"], seed=settings.seed,
                      resolution=settings.resolution) if with_segments else None
    laps["segments"] = time.perf_counter() - clock
    return values, seg, laps


def _sections(G: nx.Graph, settings: Settings, parts: frozenset[str],
              claim_classes: dict | None = None) -> dict:
    """The sections of ``parts`` that read the graph alone, not its centrality or segments."""
    fields: dict = {}
    if "rivals" in parts:
        top = settings.top
        fields.update(contested=tuple(most_contested(G)),
                      directions=rivalry_directions(G, top=top),
                      one_sided_by=tuple(one_sided_by(G, top=top)),
                      hidden_rivals=hidden_rivals(G, threshold=settings.threshold, top=top))
    if "claims" in parts:
        fields["claim_dimensions"] = claim_dimensions(G, with_claims=False, known=claim_classes)
    if "themes" in parts:
        fields["theme_coverage"] = theme_coverage(G)
    return fields


def _assemble(G: nx.Graph, eng: Engine, settings: Settings, plan: SamplingPlan,
              values: dict[str, list[float]], seg: Segments | None, sections: dict,
              parts: frozenset[str]) -> Analysis:
    rivals = eng.graph.degree()
    entities = tuple({"name": eng.labels[i], "id": n, "kind": eng.kinds[i], "rivals": rivals[i]}
                     for i, n in enumerate(eng.nodes))
    centrality = _metric_values({m: dict(zip(eng.nodes, v)) for m, v in values.items()}, parts)
    rankings = _metric_values(_rankings(eng, values), parts)
    fields = dict(sections)
    if seg is not None:
        seg_of = {m["id"]: s["segment"] for s in seg["segments"] for m in s["members"]}
        fields.update(segments=seg, segment_of={n: seg_of.get(n) for n in eng.nodes})
    if "centrality" in parts:
        by_id = {e["id"]: e for e in entities}
        fields["hubs"] = tuple(_hubs(by_id, centrality, rankings))
        if seg is not None:
            fields["bridges"] = tuple(_bridges(G, by_id, centrality, rankings["betweenness"], seg_of))
    return Analysis(title=str(G.graph.get("name") or "Landscape"), settings=settings,
                    sampling=plan, entities=entities, centrality=centrality, rankings=rankings,
                    parts=parts, **{f: fields.get(f) for f in _FIELD_PARTS})


def _rankings(eng: Engine, values: dict[str, list[float]]) -> dict[str, tuple[str, ...]]:
    """Each metric's ids by :func:`ranking_key`: the entities put in name order once, then
    each metric a stable sort by score alone, which keeps that order among equal scores (the
    same order as sorting by the whole key, in half the time at 100,000 entities)."""
    by_name = sorted(range(eng.n), key=lambda i: name_key(eng.labels[i], eng.nodes[i]))
    out = {}
    for m, vals in values.items():
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
