"""A large cached graph kept in slices, so a question about one entity loads only its part.

Unpickling a whole 100,000-entity graph takes seconds; ``landscape show NAME`` needs the names
of every entity (to find NAME, or suggest one) and the full data of NAME and of what lies
within ``depth`` rivalries of it. So, beside the whole graph, the cache keeps:

* an *index*: the graph's attributes, each exact spelling of a name and the node it finds,
  the warnings of the run that made it, and the number of slices;
* the *names*: every node's ``label``, ``kind`` and ``aliases`` (loaded only when needed);
* *slices*: the nodes split by a stable hash of their id, each node with all its attributes
  and all its edges (with theirs).

:func:`assemble` builds from them a graph holding the ball around one node: the node and
every node nearer than ``depth`` with all their attributes and edges, the nodes at ``depth``
with their names and kinds. Every question of :mod:`graph.query` about that node
(:func:`~graph.query.profile`, :func:`~graph.query.competitors` up to ``depth``,
:func:`~graph.query.theme_note`) answers on it exactly as on the whole graph
(tests/test_slices.py compares every entity of the shipped data).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import networkx as nx

from rivalscape.graph.names import norm
from rivalscape.graph.query import exact_names, find_entity

SLICE_NODES = 500
"""About this many nodes go in one slice."""

_NAME_ATTRS = ("label", "kind", "aliases")


def slice_of(node: str, count: int) -> int:
    """The slice ``node`` is kept in (a hash stable across runs and processes)."""
    return zlib.crc32(node.encode("utf-8", "surrogatepass")) % count


def split(G: nx.Graph, extra=None) -> tuple[dict, dict, list[dict]]:
    """``(index, names, slices)`` of ``G``; ``extra`` (anything picklable) is kept in the index.

    The index is small (the graph's attributes, :func:`graph.query.exact_names`, the number
    of slices); ``names`` (every node's label, kind, aliases) is only needed when a name is
    not found by the index."""
    count = max(1, G.number_of_nodes() // SLICE_NODES)
    names = {n: tuple(d.get(a) for a in _NAME_ATTRS) for n, d in G.nodes(data=True)}
    slices: list[dict] = [{} for _ in range(count)]
    for n, d in G.nodes(data=True):
        slices[slice_of(n, count)][n] = (d, dict(G.adj[n]))
    index = {"graph": dict(G.graph), "exact": exact_names(G), "slices": count, "extra": extra}
    return index, names, slices


def find(index: dict, get_names: Callable[[], dict | None], name: str) -> str | None:
    """:func:`graph.query.find_entity` of ``name`` in the whole graph, from the index (and
    the names when the index does not have it); None if the names cannot be had."""
    hit = index["exact"].get(norm(name))  # find_entity's first rule (see exact_names)
    if hit is not None:
        return hit
    names = get_names()
    if names is None:
        return None
    G = nx.Graph(**index["graph"])  # every node with its label, kind and aliases
    G.add_nodes_from((n, dict(zip(_NAME_ATTRS, v))) for n, v in names.items())
    return find_entity(G, name)


def assemble(index: dict, names: Callable[[], dict | None], get_slice: Callable[[int], dict | None],
             node: str, depth: int) -> nx.Graph | None:
    """The ball of radius ``depth`` around ``node`` (see the module's docstring), or None if
    a slice or the names it needs cannot be had (the caller then loads the whole graph).
    ``names()`` is only called for nodes at ``depth`` outside every slice loaded."""
    count = index["slices"]
    full: dict[str, tuple[dict, dict]] = {}
    loaded: set[int] = set()
    seen = {node}
    frontier = [node]
    for _ in range(depth):
        for s in sorted({slice_of(n, count) for n in frontier} - loaded):
            part = get_slice(s)
            if part is None:
                return None
            loaded.add(s)
            full.update(part)
        nxt = []
        for u in frontier:
            for v in full[u][1]:
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        frontier = nxt
    G = nx.Graph(**index["graph"])
    outer = [n for n in seen if n not in full]
    every = names() if outer else {}
    if every is None:
        return None
    for n in sorted(seen):
        attrs = full[n][0] if n in full else dict(zip(_NAME_ATTRS, every[n]))
        G.add_node(n, **attrs)
    inner = seen - set(frontier)  # nearer than depth: all their edges
    for u in sorted(inner):
        for v, d in full[u][1].items():
            G.add_edge(u, v, **d)
    return G
