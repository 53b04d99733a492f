"""The engine every analysis runs on: settings, the igraph copy, the seeded RNG, the sampling plan.

NetworkX is the graph model. Its pure-Python betweenness, closeness and Louvain take minutes
to hours at 10^4-10^5 nodes, so the heavy metrics run in python-igraph (C), on a copy of the
competition graph made once per run (:class:`Engine`, built with :func:`index_edges`, the one
NetworkX-to-igraph conversion; the page layout uses it too). Every randomised step
(sampling, Leiden, the layout, ARPACK's start vector) draws from :func:`seeded_rng`, the one
place igraph's random number generator is swapped, seeded from :attr:`Settings.seed`.

NetworKit was measured as the alternative engine (2 cores, scale-free graph, 100,000 nodes,
300,000 edges): igraph's source-sampled betweenness took 7.4 s against NetworKit's
EstimateBetweenness 16.5 s, igraph's Leiden (2 iterations) 1.3 s against PLM 1.8 s; only
NetworKit's approximate closeness was faster (3.5 s against 5.7 s). igraph, already a
dependency, is used alone.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Literal, TypedDict, get_args

import networkx as nx

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

# --------------------------------------------------------------------------- helpers


def score_key(x: float) -> float:
    """Scores compared for ranking: rounded so that float noise cannot break a tie by name."""
    return round(x, 12)


def name_key(label: str, node: str = "") -> tuple:
    """Names compared for ordering: case-folded first, then as written, then by id."""
    return (label.casefold(), label, node)


def ranking_key(score: float, label: str, node: str = "") -> tuple:
    """The order of every ranking: ``(-score, name)``, so ties come out the same every time."""
    return (-score_key(score), *name_key(label, node))


def label_of(G: nx.Graph, n: str) -> str:
    return G.nodes[n]["label"]


class EntityRef(TypedDict):
    """An entity as every output shows it."""

    name: str
    id: str
    kind: str


def entity_ref(eng: "Engine", v: int) -> EntityRef:
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


# --------------------------------------------------------------------------- engine


Sampling = Literal["auto", "exact", "sampled"]
"""How betweenness and closeness are computed: ``auto`` (exact up to :data:`EXACT_LIMIT`
entities, sampled beyond), ``exact`` (always) or ``sampled`` (whenever the sample is smaller
than the graph)."""

SAMPLINGS: tuple[str, ...] = get_args(Sampling)


@dataclass(frozen=True)
class Settings:
    """Every choice an analysis (and the page layout) depends on, in one value.

    ``seed`` seeds everything random: the sampled sources, the Leiden runs, the page layout
    and ARPACK's start vector. The same graph and settings give the same bytes out.

    Examples
    --------
    >>> Settings()
    Settings(sampling='auto', seed=0, sample_size=256, resolution=1.0, threshold=0.2, top=10)
    >>> Settings(sampling="fast")
    Traceback (most recent call last):
    ...
    rivalscape.graph.errors.UsageError: unknown sampling 'fast'; choose from auto, exact, sampled
    """

    sampling: Sampling = "auto"
    seed: int = 0
    sample_size: int = DEFAULT_SAMPLE
    resolution: float = 1.0
    threshold: float = HIDDEN_RIVAL_THRESHOLD
    top: int = 10

    def __post_init__(self):
        if self.sampling not in SAMPLINGS:
            raise UsageError(f"unknown sampling {self.sampling!r}; choose from {', '.join(SAMPLINGS)}")
        if int(self.sample_size) < 1:
            raise UsageError("the sample size must be at least 1")
        if not self.resolution > 0:
            raise UsageError("the modularity resolution must be greater than 0")
        if not 0 <= self.threshold <= 1:
            raise UsageError("the hidden-rival threshold must be between 0 and 1")
        if int(self.top) < 1:
            raise UsageError("the number of rows shown (top) must be at least 1")

    def as_dict(self) -> dict:
        """The settings as shown in outputs, stable key order."""
        return {"sampling": self.sampling, "seed": self.seed, "sample_size": self.sample_size,
                "resolution": self.resolution, "threshold": self.threshold, "top": self.top}


class SamplingPlan(TypedDict):
    """What :func:`sampling_plan` decided: ``sampling`` is the setting asked for, ``exact``
    what applies; ``sample_size`` is None when the values are exact."""

    sampling: str
    nodes: int
    exact_limit: int
    exact: bool
    sample_size: int | None
    seed: int


def index_edges(G: nx.Graph, order: list, kind: str | None = None) -> list[tuple[int, int]]:
    """The edges of ``G`` among ``order`` as sorted, deduplicated vertex-index pairs (no loops):
    the one conversion of a NetworkX graph into igraph's terms. ``kind`` keeps only edges of
    that ``kind`` attribute.

    Examples
    --------
    >>> index_edges(nx.Graph([("b", "a"), ("a", "c"), ("c", "c")]), ["a", "b", "c"])
    [(0, 1), (0, 2)]
    """
    index = {node: i for i, node in enumerate(order)}
    edges = G.edges(order, data="kind") if kind is not None else ((u, v, None) for u, v in G.edges(order))
    return sorted({(min(index[u], index[v]), max(index[u], index[v]))
                   for u, v, k in edges
                   if (kind is None or k == kind) and u in index and v in index and u != v})


def igraph_of(n: int, edges: list[tuple[int, int]]):
    """An undirected igraph graph of ``n`` vertices and index ``edges`` (:func:`index_edges`)."""
    import igraph as ig

    return ig.Graph(n=n, edges=edges, directed=False)


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
        nodes = sorted(n for n, k in G.nodes(data="kind") if k != "theme")
        index = {n: i for i, n in enumerate(nodes)}
        g = igraph_of(len(nodes), index_edges(G, nodes, kind="competes"))
        labels = [G.nodes[n]["label"] for n in nodes]
        kinds = [G.nodes[n]["kind"] for n in nodes]
        return cls(nodes=nodes, index=index, graph=g, labels=labels, kinds=kinds)

    @property
    def n(self) -> int:
        return len(self.nodes)


def make_rng(seed: int | str) -> random.Random:
    """The one kind of random source every analysis step uses: ``random.Random(seed)``, where
    ``seed`` is :attr:`Settings.seed` or a string naming a stream of it (``"segments:0"``)."""
    return random.Random(seed)


@contextmanager
def seeded_rng(seed: int | str) -> Iterator[random.Random]:
    """Run igraph's randomised code on a private ``random.Random(seed)``, and yield it.

    The one place igraph's generator is swapped: afterwards it is python-igraph's default
    again, whatever happened inside.

    Examples
    --------
    >>> with seeded_rng(3) as rng:
    ...     a = rng.random()
    >>> with seeded_rng(3) as rng:
    ...     a == rng.random()
    True
    """
    import igraph as ig

    rng = make_rng(seed)
    ig.set_random_number_generator(rng)
    try:
        yield rng
    finally:
        ig.set_random_number_generator(random)  # python-igraph's default


def sampling_plan(G: nx.Graph | Engine, *, sampling: Sampling = "auto",
                  sample_size: int | None = None, seed: int = 0) -> SamplingPlan:
    """How betweenness and closeness will be computed on ``G``: exact or sampled, and how.

    ``sampling="auto"`` decides by size (sampled beyond :data:`EXACT_LIMIT` nodes), ``"exact"``
    forces exact values, ``"sampled"`` forces sampling (when the sample is smaller than the
    graph).

    Examples
    --------
    >>> G = nx.Graph([("a", "b")], name="t")
    >>> nx.set_node_attributes(G, {"a": {"label": "A", "kind": "company"},
    ...                             "b": {"label": "B", "kind": "competitor"}})
    >>> nx.set_edge_attributes(G, "competes", "kind")
    >>> sampling_plan(G)
    {'sampling': 'auto', 'nodes': 2, 'exact_limit': 20000, 'exact': True, 'sample_size': None, 'seed': 0}
    """
    settings = Settings(sampling=sampling, seed=seed,
                        sample_size=DEFAULT_SAMPLE if sample_size is None else int(sample_size))
    n = G.n if isinstance(G, Engine) else sum(1 for _, kd in G.nodes(data="kind") if kd != "theme")
    k = settings.sample_size
    sampled = (sampling == "sampled" or (sampling == "auto" and n > EXACT_LIMIT)) and k < n
    return {
        "sampling": sampling,
        "nodes": n,
        "exact_limit": EXACT_LIMIT,
        "exact": not sampled,
        "sample_size": k if sampled else None,
        "seed": seed,
    }
