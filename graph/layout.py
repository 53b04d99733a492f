"""Seeded node positions for the HTML page, computed once in Python.

The browser never runs a physics layout on load: positions are computed here with
python-igraph's Fruchterman-Reingold (grid variant), which takes well under a second at
5,000 nodes where NetworkX's ``spring_layout`` takes over a minute. NetworkX stays the graph
model; the graph is converted once through an explicit index map.

Determinism: the node order is sorted, the starting positions come from ``random.Random(seed)``
and igraph's random number generator is pointed at that same generator for the duration of
the call (then restored), and coordinates are rounded to whole pixels. Same graph and seed,
same positions.

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> pos = layout_positions(G, seed=1)
>>> sorted(pos)
['a', 'b', 'c']
>>> pos == layout_positions(G, seed=1)
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable

import igraph
import networkx as nx

#: Average distance between neighbouring nodes on screen, in vis-network pixels.
SPACING_PX = 110.0


def node_order(nodes: Iterable[Hashable]) -> list:
    """The canonical node order used for layouts and pages: sorted by ``str`` of the id."""
    return sorted(nodes, key=lambda n: (str(n), type(n).__name__))


def layout_positions(
    G: nx.Graph,
    *,
    seed: int = 42,
    nodes: Iterable[Hashable] | None = None,
    niter: int = 500,
    spacing: float = SPACING_PX,
) -> dict[Hashable, tuple[int, int]]:
    """Fruchterman-Reingold positions in whole pixels, centred on (0, 0).

    Parameters
    ----------
    G : networkx.Graph
        Any NetworkX graph; edge direction and attributes are ignored.
    seed : int
        Seed of the starting positions and of igraph's random choices.
    nodes : iterable, optional
        Lay out only the subgraph induced by these nodes (default: every node).
    niter : int
        Fruchterman-Reingold iterations.
    spacing : float
        Scale: the drawing's width and height are about ``spacing * sqrt(n)`` pixels.

    Returns
    -------
    dict
        ``{node: (x, y)}`` with integer coordinates.
    """
    order = node_order(G.nodes if nodes is None else nodes)
    n = len(order)
    if n == 0:
        return {}
    if n == 1:
        return {order[0]: (0, 0)}
    index = {node: i for i, node in enumerate(order)}
    edges = sorted(
        {
            (min(index[u], index[v]), max(index[u], index[v]))
            for u, v in G.edges(order)
            if u in index and v in index and u != v
        }
    )
    ig = igraph.Graph(n=n, edges=edges, directed=False)

    rng = random.Random(seed)
    # Spread the start like igraph's own random start (a square of side sqrt(n)): a tighter
    # start puts every node in one grid cell and makes the grid variant quadratic.
    half = math.sqrt(n) / 2
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(n)]
    igraph.set_random_number_generator(rng)
    try:
        coords = ig.layout_fruchterman_reingold(seed=start, niter=niter, grid="grid").coords
    finally:
        igraph.set_random_number_generator(random)

    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx = (max(xs) + min(xs)) / 2
    cy = (max(ys) + min(ys)) / 2
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = spacing * math.sqrt(n) / extent
    return {
        node: (round((x - cx) * scale), round((y - cy) * scale))
        for node, (x, y) in zip(order, coords)
    }
