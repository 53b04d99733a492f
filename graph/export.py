"""Graph -> interchange formats: node-link JSON, GraphML, GEXF (Gephi, Cytoscape)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import networkx as nx

FORMATS = ("node-link", "graphml", "gexf")


def node_link_chunks(G: nx.Graph) -> Iterator[str]:
    """``networkx.node_link_data(G, edges="edges")`` as compact JSON text, in chunks.

    Key order is the graph's own (stable for the same input). Each node and edge is encoded
    on its own by the C encoder (``JSONEncoder.iterencode`` would fall back to pure Python),
    so a 100,000-entity graph is written fast without holding all its text in memory.
    """
    data = nx.node_link_data(G, edges="edges")
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield "{"
    for i, (k, v) in enumerate(data.items()):
        yield ("," if i else "") + dumps(k) + ":"
        if isinstance(v, list):
            yield "["
            for j, item in enumerate(v):
                yield ("," if j else "") + dumps(item)
            yield "]"
        else:
            yield dumps(v)
    yield "}\n"


def _flat(value):
    """GraphML/GEXF hold scalars only: lists and dicts become JSON text, None is left out."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def flat_graph(G: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all scalars, for formats that hold nothing else."""
    H = nx.Graph()
    H.graph.update({k: _flat(v) for k, v in G.graph.items() if v is not None})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _flat(v) for k, v in d.items() if v is not None})
    for u, v, d in G.edges(data=True):
        H.add_edge(u, v, **{k: _flat(x) for k, x in d.items() if x is not None})
    return H


def export(G: nx.Graph, fmt: str) -> bytes:
    """The graph in ``fmt`` (one of :data:`FORMATS`) as bytes ready to write."""
    if fmt == "node-link":
        return "".join(node_link_chunks(G)).encode("utf-8")
    H = flat_graph(G)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(H, buf, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(H, buf, encoding="utf-8")
        # NetworkX stamps today's date into <meta>: drop it so the same input gives the same bytes.
        return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return buf.getvalue()
