"""Seeded node positions for the HTML page, computed once in Python.

The browser never runs a physics layout on load: positions are computed here with
python-igraph's Fruchterman-Reingold (its grid variant above 1,000 nodes), which takes well
under a second at 5,000 nodes where NetworkX's ``spring_layout`` takes over a minute. NetworkX
stays the graph model; the graph is converted through the analysis engine's one conversion
(:func:`graph.analysis.engine.index_edges`).

With market segments (``groups``), members of a segment are placed together and segments
that compete with each other sit near each other (:func:`grouped_positions`).
:func:`label_sizes` picks the labels that stay readable when the whole map is in view.

Determinism: the node order is sorted, the starting positions and igraph's random choices
come from the one seeded generator (:func:`graph.analysis.engine.seeded_rng`, restored after
the call), and coordinates are rounded to whole pixels. Same graph and seed,
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
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx
import numpy as np

from rivalscape.graph.analysis.engine import igraph_of, index_edges, seeded_rng

#: Average distance between neighbouring nodes on screen, in vis-network pixels.
SPACING_PX = 110.0


def node_order(nodes: Iterable[Hashable]) -> list:
    """The canonical node order used for layouts and pages: sorted by ``str`` of the id."""
    return sorted(nodes, key=lambda n: (str(n), type(n).__name__))


def _fr_coords(n: int, edges: list, seed: int, niter: int, weights=None) -> list[tuple[float, float]]:
    """Seeded Fruchterman-Reingold coordinates of ``n`` vertices, centred on (0, 0), extent 1."""
    if n == 1:
        return [(0.0, 0.0)]
    ig = igraph_of(n, edges)
    with seeded_rng(seed) as rng:
        # Spread the start like igraph's own random start (a square of side sqrt(n)): a tighter
        # start puts every node in one grid cell and makes the grid variant quadratic.
        half = math.sqrt(n) / 2
        start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(n)]
        coords = ig.layout_fruchterman_reingold(seed=start, niter=niter, grid="grid" if n > 200 else "nogrid",
                                                weights=weights).coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx = (max(xs) + min(xs)) / 2
    cy = (max(ys) + min(ys)) / 2
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return [((x - cx) / extent, (y - cy) / extent) for x, y in coords]


def layout_positions(
    G: nx.Graph,
    *,
    seed: int = 0,
    nodes: Iterable[Hashable] | None = None,
    niter: int = 500,
    spacing: float = SPACING_PX,
    groups: Mapping | None = None,
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
    groups : mapping, optional
        ``{node: group}`` (market segments): members of a group are placed together, see
        :func:`grouped_positions`. Nodes without a group form one more group.

    Returns
    -------
    dict
        ``{node: (x, y)}`` with integer coordinates.
    """
    order = node_order(G.nodes if nodes is None else nodes)
    if groups and any(groups.get(n) is not None for n in order):
        return grouped_positions(G, order, groups, seed=seed, niter=niter, spacing=spacing)
    if not order:
        return {}
    coords = _fr_coords(len(order), index_edges(G, order), seed, niter)
    scale = spacing * math.sqrt(len(order))
    return {node: (round(x * scale), round(y * scale)) for node, (x, y) in zip(order, coords)}


#: Maps up to this many nodes get :func:`declutter` (well under 1 s); larger ones show few labels
#: at a time (:func:`label_sizes`).
DECLUTTER_MAX_NODES = 200


def label_box(label: str, font: float = 14.0) -> tuple[float, float]:
    """Width and height (canvas units) of a node with its label underneath, roughly."""
    return max(3.0 * font, 0.55 * font * len(label) + 8.0), 4.0 * font


def declutter(pos: dict, labels: dict, fonts: Mapping | None = None, *, base: float = 14.0,
              rounds: int = 200) -> dict[Hashable, tuple[int, int]]:
    """Move nodes apart until no two node-and-label boxes (:func:`label_box`, font sizes from
    ``fonts``, else ``base``) overlap, each pair along the axis where they overlap least.
    Deterministic; meant for maps of at most :data:`DECLUTTER_MAX_NODES` nodes.

    Examples
    --------
    >>> declutter({"a": (0, 0), "b": (10, 0)}, {"a": "Alpha", "b": "Beta"})
    {'a': (-19, 0), 'b': (29, 0)}
    """
    order = list(pos)
    if len(order) < 2:
        return dict(pos)
    xy = np.array([pos[n] for n in order], dtype=float)
    size = np.array([label_box(labels.get(n, str(n)), (fonts or {}).get(n, base)) for n in order])
    need = (size[:, None, :] + size[None, :, :]) / 2
    tie = np.sign(np.arange(len(order))[:, None] - np.arange(len(order))[None, :]).astype(float)
    for _ in range(rounds):
        diff = xy[:, None, :] - xy[None, :, :]
        gap = need - np.abs(diff)
        hit = (gap > 0).all(-1)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        axis = np.argmin(gap, -1)  # push along the axis of least overlap
        direction = np.where(diff != 0, np.sign(diff), tie[..., None])
        push = np.zeros_like(diff)
        for a in (0, 1):
            sel = hit & (axis == a)
            push[..., a] = np.where(sel, direction[..., a] * (gap[..., a] / 2 + 2.0), 0.0)
        xy += push.sum(1) / np.maximum(1.0, hit.sum(1))[:, None]
    return {n: (round(x), round(y)) for n, (x, y) in zip(order, xy)}


def grouped_positions(G: nx.Graph, order: list, groups: Mapping, *, seed: int, niter: int,
                      spacing: float) -> dict[Hashable, tuple[int, int]]:
    """Segment-aware positions: the graph of groups is laid out first (groups linked by many
    edges sit near each other), discs sized by membership are pushed apart until none overlap,
    then each group's members are laid out inside their disc.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
    >>> pos = layout_positions(G, groups={1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1})
    >>> d = lambda a, b: math.dist(pos[a], pos[b])
    >>> inside = [d(1, 2), d(2, 3), d(1, 3), d(4, 5), d(5, 6), d(4, 6)]
    >>> across = [d(a, b) for a in (1, 2, 3) for b in (4, 5, 6)]
    >>> max(inside) < sum(across) / len(across)
    True
    """
    members: dict = {}
    for node in order:
        g = groups.get(node)
        members.setdefault(("", "") if g is None else (type(g).__name__, g), []).append(node)
    keys = sorted(members, key=lambda k: (-len(members[k]), str(k[1])))
    of = {node: gi for gi, k in enumerate(keys) for node in members[k]}
    weight: dict[tuple[int, int], int] = {}
    for u, v in G.edges(order):
        if u in of and v in of and of[u] != of[v]:
            pair = (min(of[u], of[v]), max(of[u], of[v]))
            weight[pair] = weight.get(pair, 0) + 1
    pairs = sorted(weight)
    # The entities without a group (themes, entities without rivals) carry long labels and no
    # links among themselves: their disc gets more room.
    room = [1.6 if k == ("", "") else 1.0 for k in keys]
    radius = [spacing * (math.sqrt(len(members[k])) * 0.55 + 0.35) * room[gi] for gi, k in enumerate(keys)]
    centres = _fr_coords(len(keys), pairs, seed, niter, weights=[weight[p] for p in pairs] or None)
    centres = _separate(centres, radius)
    pos: dict[Hashable, tuple[int, int]] = {}
    for gi, k in enumerate(keys):
        group = members[k]
        coords = _fr_coords(len(group), index_edges(G, group), seed + gi, niter)
        size = 0.8 * spacing * math.sqrt(len(group)) * room[gi]
        cx, cy = centres[gi]
        for node, (x, y) in zip(group, coords):
            pos[node] = (round(cx + x * size), round(cy + y * size))
    return pos


def _separate(centres: list[tuple[float, float]], radius: list[float], rounds: int = 300) -> list[tuple[float, float]]:
    """Scale unit-extent centres to the discs' total size, then push overlapping discs apart
    along the line between their centres (deterministic, vectorised)."""
    c = np.array(centres, dtype=float)
    r = np.array(radius, dtype=float)
    c *= math.sqrt(float((r ** 2).sum()))
    if len(r) < 2:
        return [tuple(p) for p in c]
    need = r[:, None] + r[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        diff = c[:, None, :] - c[None, :, :]
        dist = np.sqrt((diff ** 2).sum(-1))
        np.fill_diagonal(dist, np.inf)
        overlap = need - dist
        overlap[overlap < 0] = 0.0
        if not overlap.any():
            break
        # Coincident centres: separate along a fixed direction chosen by index.
        safe = np.where(np.isfinite(dist) & (dist > 1e-9), dist, 1.0)
        unit = diff / safe[..., None]
        stuck = dist <= 1e-9
        if stuck.any():
            unit[stuck] = np.array([1.0, 0.0])
            unit[np.tril(stuck)] *= -1.0
        c += 0.5 * (unit * overlap[..., None]).sum(1) / np.maximum(1.0, (overlap > 0).sum(1))[:, None]
    return [tuple(p) for p in c]


def label_sizes(
    pos: Mapping,
    scores: Mapping,
    labels: Mapping,
    *,
    view: tuple[float, float] = (640.0, 560.0),
    base: float = 14.0,
    min_px: float = 11.0,
    most: int = 60,
) -> dict[Hashable, int]:
    """Font sizes (canvas units) for the labels to show when the whole map fits a ``view``.

    At the zoom that fits the map into ``view`` pixels, a ``base``-size label smaller than
    ``min_px`` pixels is hard to read (and below 6 the page does not draw it). The
    ``most`` most central nodes (by ``scores``, ties by id) whose labels would not overlap an
    already chosen one get a font size that reads as ``min_px`` pixels at that zoom; everything
    else keeps ``base``. A map of at most ``most`` nodes gets every label at that size. Empty when
    every label reads at ``min_px`` at the fit zoom anyway.

    Examples
    --------
    >>> pos = {i: (i * 2000, 0) for i in range(5)}
    >>> label_sizes(pos, {i: i for i in pos}, {i: f"N{i}" for i in pos}, most=2)
    {4: 151, 3: 151}
    >>> len(label_sizes({**pos, 5: (8000, 10)}, {}, {}))  # 6 nodes, room for 60 labels: all
    6
    """
    if len(pos) < 2:
        return {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    rx, ry = (max(xs) - min(xs)) * 1.1 or 1.0, (max(ys) - min(ys)) * 1.1 or 1.0
    scale = min(1.0, view[0] / rx, view[1] / ry)
    if base * scale >= min_px:
        return {}
    size = min_px / scale
    chosen: dict[Hashable, int] = {}
    boxes: list[tuple[float, float, float, float]] = []
    for node in sorted(pos, key=lambda n: (-float(scores.get(n, 0.0) or 0.0), str(n))):
        x, y = pos[node]
        half = 0.32 * size * max(len(str(labels.get(node, node))), 1)
        box = (x - half, y, x + half, y + 1.8 * size)
        # A map with room for every label keeps them all the same size, overlapping or not.
        if len(pos) > most and any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        boxes.append(box)
        chosen[node] = round(size)
        if len(chosen) >= most:
            break
    return chosen
