"""Graph -> interchange formats: node-link JSON, GraphML, GEXF (Gephi, Cytoscape).

Every format keeps every attribute, and every output is valid for its readers whatever the
documents hold:

- **node-link JSON** is ``networkx.node_link_data(G, edges="edges")`` with one change: an
  edge attribute named ``source`` (the provenance ``{path, line, section}`` of a theme
  membership) would be overwritten by the endpoint key ``source``, so it is written as
  ``provenance`` (:data:`EDGE_KEY_RENAMES`). Endpoints stay ``source``/``target``.
  :func:`node_link_graph` reads the file back into a graph equal to the original.
- **GraphML/GEXF** hold scalars only: lists and dicts are JSON text. Characters XML 1.0
  forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) are replaced by
  visible escapes (:func:`graph.text.xml_text`), each replacement reported as a warning.
  GEXF has no graph attributes: they are kept as JSON in ``<meta><description>``.
- No output holds NaN or Infinity (written as ``null`` / left out; :func:`input_warnings`
  names them) nor a lone surrogate (written ``\\xNN``, :func:`graph.text.safe_text`).
"""

from __future__ import annotations

import io
import json
import math
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping

import networkx as nx
import orjson

from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.text import (
    dumps_json,
    json_raw_escaped,
    json_safe,
    safe_text,
    xml_has_forbidden,
    xml_references,
    xml_text,
)

FORMATS = ("node-link", "graphml", "gexf")
# File name extension -> format, for ``export -o FILE`` without ``--format``.
EXTENSIONS = {".json": "node-link", ".graphml": "graphml", ".gexf": "gexf"}
# Edge attribute -> node-link key, where the attribute name is an endpoint key.
EDGE_KEY_RENAMES = {"source": "provenance"}

def format_for_path(path: str) -> str | None:
    """The export format a file name's extension implies (``None`` when it implies none)."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


# Node attribute -> the fact it is parsed from, to place a warning on the fact's line.
_PARSED_FROM = {"funding_usd": "funding", "valuation_usd": "funding", "founded": "founded"}


def _where(G: nx.Graph, node, key: str | None = None) -> tuple[str, int | None]:
    """Where to look, as (path, line): the fact ``key`` was parsed from, else the node's
    first source."""
    d = G.nodes[node]
    fact = _PARSED_FROM.get(key)
    found = [f["source"] for f in d.get("facts") or () if fact and f.get("key") == fact]
    for src in [*found, *(d.get("sources") or ())]:
        if isinstance(src, dict) and src.get("path") is not None:
            return safe_text(str(src["path"])), src.get("line")
    return "<graph>", None


def input_warnings(G: nx.Graph) -> list[Diagnostic]:
    """What every output changes about the graph: numbers that are not finite (a 400-digit
    funding figure parses as Infinity) are written as null. One warning per node attribute,
    in graph order, placed at the fact the number was parsed from."""
    out = []
    for n, d in G.nodes(data=True):
        for key, value in d.items():
            if isinstance(value, float) and not math.isfinite(value):
                path, line = _where(G, n, key)
                out.append(Diagnostic("warning", path, line,
                                      f"{safe_text(str(n))}: {key} is too large to be a number "
                                      "(not finite); written as null"))
    return out


def _node_link_items(G: nx.Graph, extra: Mapping | None = None) -> Iterator[tuple[str, object]]:
    """The top-level (key, value) pairs of the node-link data; nodes and edges lazily, then
    ``extra`` (e.g. the analysis settings a build used)."""
    yield "directed", G.is_directed()
    yield "multigraph", G.is_multigraph()
    yield "graph", G.graph
    yield "nodes", ({**d, "id": n} for n, d in G.nodes(data=True))
    renames = EDGE_KEY_RENAMES
    yield "edges", ({**{renames.get(k, k): x for k, x in d.items()}, "source": u, "target": v}
                    for u, v, d in G.edges(data=True))
    yield from (extra or {}).items()


def node_link_data(G: nx.Graph) -> dict:
    """The node-link data written by :func:`node_link_chunks`, as one dict (for tests and
    callers that want the data, not the text). Values are as in ``G`` (not sanitised)."""
    return {k: list(v) if k in ("nodes", "edges") else v for k, v in _node_link_items(G)}


def node_link_graph(data: dict) -> nx.Graph:
    """Read node-link data written by :func:`node_link_chunks` back into a graph with the
    original attribute names (the inverse of :data:`EDGE_KEY_RENAMES`)."""
    G = nx.node_link_graph(data, edges="edges")
    back = {v: k for k, v in EDGE_KEY_RENAMES.items()}
    for u, v, d in G.edges(data=True):
        for new, old in back.items():
            if new in d:
                d[old] = d.pop(new)
    return G


# Nodes and edges are encoded this many at a time: one orjson call per batch, and the text
# of one batch at a time in memory.
_BATCH = 1000


def _encode_item(item) -> str:
    """One JSON value, sanitised: non-finite numbers as null, lone surrogates as visible
    escapes; the standard encoder where orjson refuses a value (an integer past 64 bits)."""
    safe = json_safe(item)
    try:
        return orjson.dumps(safe).decode()
    except TypeError:
        return json.dumps(safe, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _encode_batch(items: list) -> str:
    """The JSON texts of ``items``, comma-separated: orjson over the whole batch, item by
    item where it refuses one (a lone surrogate, an integer past 64 bits, a key that is not
    text). orjson writes NaN and Infinity as null, as the sanitised path does."""
    try:
        text = orjson.dumps(items).decode()[1:-1]
    except TypeError:
        text = ",".join(_encode_item(item) for item in items)
    return json_raw_escaped(text) if not text.isascii() else text


def _batches(items) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def node_link_chunks(G: nx.Graph, extra: Mapping | None = None) -> Iterator[str]:
    """Node-link JSON (see the module docstring) as compact text, in chunks.

    Key order is the graph's own (stable for the same input). Nodes and edges are encoded by
    orjson a batch at a time, so a 100,000-entity graph is written fast without holding all
    its text in memory; numbers are written as orjson writes them (``1e-5`` is ``0.00001``).
    Always valid JSON: no NaN/Infinity, no lone surrogate, no raw control character.
    """
    yield "{"
    for i, (k, v) in enumerate(_node_link_items(G, extra)):
        yield ("," if i else "") + orjson.dumps(k).decode() + ":"
        if k in ("nodes", "edges"):
            yield "["
            for j, batch in enumerate(_batches(v)):
                yield ("," if j else "") + _encode_batch(batch)
            yield "]"
        else:
            yield _encode_batch([v])
    yield "}\n"


def _flat(value):
    """GraphML/GEXF hold scalars only: lists and dicts become JSON text (valid, sorted keys);
    None and non-finite numbers are left out (returned as None)."""
    if isinstance(value, (list, tuple, dict)):
        return dumps_json(value, sort_keys=True)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class _XmlCleaner:
    """Makes attribute values and ids XML-safe, one warning per element and attribute."""

    def __init__(self, G: nx.Graph, fmt: str):
        self.G, self.fmt, self.warnings = G, fmt, []

    def value(self, value, what: str, key: str, where: tuple[str, int | None]):
        value = _flat(value)
        if isinstance(value, str):
            value = safe_text(value)
            if xml_has_forbidden(value):
                self.warnings.append(Diagnostic(
                    "warning", where[0], where[1],
                    f"{what}: {key} holds characters XML does not allow; written as "
                    f"\\xNN/\\uNNNN escapes in {self.fmt}"))
                value = xml_text(value)
        return value

    def attrs(self, d: dict, what: str, where) -> dict:
        out = {}
        for k, v in d.items():
            v = self.value(v, what, k, where)
            if v is not None:
                out[k] = v
        return out


def _edge_where(G: nx.Graph, u, v, d: dict) -> tuple[str, int | None]:
    src = d.get("source") or (d.get("claims") or [{}])[0].get("source")
    if isinstance(src, dict) and src.get("path") is not None:
        return safe_text(str(src["path"])), src.get("line")
    return _where(G, u)


def flat_graph(G: nx.Graph, fmt: str = "graphml") -> tuple[nx.Graph, list[Diagnostic]]:
    """A copy whose attributes are all XML-safe scalars, and a warning per replacement."""
    clean = _XmlCleaner(G, fmt)
    ids = {n: clean.value(str(n), f"node {safe_text(str(n))!r}", "id", _where(G, n)) for n in G}
    H = nx.Graph()
    H.graph.update(clean.attrs(G.graph, "graph", ("<graph>", None)))
    for n, d in G.nodes(data=True):
        H.add_node(ids[n], **clean.attrs(d, f"node {ids[n]!r}", _where(G, n)))
    for u, v, d in G.edges(data=True):
        what = f"edge {ids[u]!r} - {ids[v]!r}"
        H.add_edge(ids[u], ids[v], **clean.attrs(d, what, _edge_where(G, u, v, d)))
    return H, clean.warnings


def _gexf_bytes(H: nx.Graph, graph_attrs: dict) -> bytes:
    """GEXF of ``H``; ``graph_attrs`` (GEXF has no place for graph attributes but ``name``)
    go to ``<meta><description>`` as JSON, and no date is stamped (same input, same bytes)."""
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    if graph_attrs:
        desc = ET.SubElement(meta, "description")
        desc.text = xml_text(dumps_json(graph_attrs, sort_keys=True))
    writer.add_graph(H)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def gexf_graph_attributes(data: bytes) -> dict:
    """The graph attributes :func:`export` keeps in a GEXF file's ``<meta><description>``."""
    root = ET.fromstring(data)
    desc = root.find("{*}meta/{*}description")
    return json.loads(desc.text) if desc is not None and desc.text else {}


def export(G: nx.Graph, fmt: str) -> tuple[bytes, list[Diagnostic]]:
    """The graph in ``fmt`` (one of :data:`FORMATS`) as bytes ready to write, and warnings
    about text that had to be changed to make the output valid (see :func:`input_warnings`
    for what every format changes)."""
    if fmt == "node-link":
        return "".join(node_link_chunks(G)).encode("utf-8"), []
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    H, warnings = flat_graph(G, "GraphML" if fmt == "graphml" else "GEXF")
    if fmt == "gexf":
        data = _gexf_bytes(H, {k: v for k, v in G.graph.items() if k != "name"})
    else:
        buf = io.BytesIO()
        nx.write_graphml(H, buf, encoding="utf-8")
        data = buf.getvalue()
    return xml_references(data.decode("utf-8")).encode("utf-8"), warnings
