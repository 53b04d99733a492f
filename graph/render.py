"""Landscape graph -> one self-contained, offline HTML page.

The page is ours, not pyvis's: a Jinja2 template with autoescaping on
(``graph/templates/page.html.j2``) that inlines vis-network from the copy pyvis ships, plus our
own script and style sheet. Nothing is loaded from the network.

Document text is untrusted. Every name, alias, fact, claim and theme goes into the page once,
as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as
``\\u003c``, ``\\u003e`` and ``\\u0026``; the page reads it with ``JSON.parse(textContent)`` and
puts it on screen with ``textContent`` only (vis-network 9 shows string tooltips as text).

Positions are computed in Python (:mod:`graph.layout`), seeded and rounded, so the same graph
gives the same bytes. In the browser, physics is off above :data:`PHYSICS_MAX_NODES` entities
(a toggle turns it on); smaller pages stabilise once from those positions and freeze.

Large landscapes: :func:`select_nodes` decides what is drawn - the ``max_nodes`` most central
entities, or the neighbourhood of one entity (``focus``, ``depth``) - and returns a note saying
so, which the page shows in its header and the CLI prints to stderr.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections.abc import Hashable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, NotRequired, TypedDict

import networkx as nx
import orjson
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from rivalscape.graph.analysis import Analysis
from rivalscape.graph.errors import UnknownEntityError
from rivalscape.graph.hints import HintText, card_template
from rivalscape.graph.models import KINDS
from rivalscape.graph.layout import DECLUTTER_MAX_NODES, declutter, label_sizes, layout_positions, node_order
from rivalscape.graph.names import SEARCH_SUFFIXES, search_keys
from rivalscape.graph.query import suggest, walk
from rivalscape.graph.report import settings_sentence

#: Above this many drawn entities the page starts with physics off.
PHYSICS_MAX_NODES = 150
#: Default cap on drawn entities (the most central are kept). A 5,000-entity landscape with
#: 15,000 rivalries draws whole in under 2 s in headless Chromium (benchmarks/bench_html.py).
MAX_NODES = 6000

# Okabe-Ito, a colour-blind-safe palette; each kind also has its own shape.
KIND_STYLE = {
    "company": {"color": "#0072B2", "shape": "dot", "glyph": "\u25cf", "name": "Company", "plural": "Companies"},
    "competitor": {"color": "#E69F00", "shape": "square", "glyph": "\u25a0", "name": "Competitor", "plural": "Competitors"},
    "alternative": {"color": "#009E73", "shape": "triangle", "glyph": "\u25b2", "name": "Alternative", "plural": "Alternatives"},
    "theme": {"color": "#CC79A7", "shape": "diamond", "glyph": "\u25c6", "name": "Theme", "plural": "Themes"},
}
OTHER_KIND_STYLE = {"color": "#999999", "shape": "dot", "glyph": "\u25cf", "name": "Other", "plural": "Others"}
EDGE_STYLE = {
    "competes": {"color": "#5a5a5a", "width": 1, "dashes": False, "name": "Rivalry"},
    "mutual": {"color": "#D55E00", "width": 3, "dashes": False, "name": "Mutual rivalry (both sides made a claim)"},
    "theme": {"color": "#56B4E9", "width": 1, "dashes": True, "name": "Theme membership"},
    "prose": {"color": "#5a5a5a", "width": 0.6, "dashes": [2, 4], "name": "Rivalry read from prose only"},
}
# Segment colours: Kelly's colours of maximum contrast without the four close to the kind
# colours above, so "colour by segment" never reads as "colour by kind". Segments are given
# colours largest first; smaller segments beyond the palette share SEGMENT_OTHER.
SEGMENT_PALETTE = (
    "#F3C300", "#875692", "#A1CAF1", "#BE0032", "#C2B280", "#F99379", "#604E97", "#B3446C",
    "#DCD300", "#882D17", "#8DB600", "#654522", "#E25822", "#2B3D26", "#17BECF", "#1F3A93",
)
SEGMENT_OTHER = "#AAAAAA"
#: The page's script, in the order its files are joined (one job each, one closure; see
#: page-main.js for the one global, the test hook ``window.__landscape``).
PAGE_SCRIPTS = ("util", "data", "compare", "graph", "filters", "panel", "select", "search", "table", "state", "export",
                "overview", "main")
METRIC_NAMES = {"degree": "Degree", "betweenness": "Betweenness", "pagerank": "PageRank"}

_CONTRACT_NODE_KEYS = {
    "label", "kind", "aliases", "facts", "founded", "funding_usd", "funding_round",
    "valuation_usd", "sources",
}

_TEMPLATES = Path(__file__).resolve().parent / "templates"


class PageNode(TypedDict):
    """One drawn entity as the page's script reads it (optional keys only when known)."""

    id: str
    label: str
    kind: str
    x: int
    y: int
    m: list  # one value per metric in PageData.metrics
    keys: list[str]  # search keys, from graph.names
    aliases: NotRequired[list[str]]
    font: NotRequired[float]
    facts: NotRequired[list[dict]]
    sources: NotRequired[list]
    extra: NotRequired[dict]
    seg: NotRequired[int]
    off: NotRequired[list[dict]]
    offMore: NotRequired[int]


class PageData(TypedDict):
    """The JSON the page embeds (``<script id="landscape-data">``); page-data.js reads it."""

    title: str
    documents: list[str]
    note: str | None
    total: dict
    kinds: list[dict]
    edgeStyles: dict
    segmentColours: dict[str, str]
    segmentOther: str
    searchSuffixes: list[str]
    metrics: list[dict]
    physicsMaxNodes: int
    nodes: list[PageNode]
    edges: list[dict]
    strings: list[str]
    settings: NotRequired[str]  # the analysis settings and layout seed, in words
    segmentNames: NotRequired[dict[str, str]]
    overview: NotRequired[dict]
    catalogue: NotRequired[list[list]]
    compare: NotRequired[dict]  # build --compare: the earlier state's name, changes, sentences
    cardCommand: NotRequired[str]  # the make-card hint, {a} and {b} for the pair (graph.hints)


class RenderedPage(NamedTuple):
    """What :func:`render_html` returns; unpacks as ``html, notes = render_html(G)``."""

    html: str
    notes: list[str]


# --------------------------------------------------------------------------- selection


def _scores(G: nx.Graph, metrics: Mapping | None) -> dict:
    """Links of every node, entities and themes on one scale. (The metrics hold a normalised
    degree for entities only; mixing it with themes' raw counts let themes take the places
    of more central companies.)"""
    return dict(G.degree())


def select_nodes(
    G: nx.Graph,
    *,
    max_nodes: int | None = MAX_NODES,
    focus: Hashable | None = None,
    depth: int = 1,
    metrics: Mapping | None = None,
) -> tuple[list, str | None]:
    """Choose what the page draws; return ``(nodes, note)``, note None when everything is drawn.

    With ``focus`` (a node id), the entities at most ``depth`` links away from it; the walk
    does not continue through theme nodes (unless the focus is a theme), so a shared theme does
    not pull in every other member. Then, if more than ``max_nodes`` remain (``None`` or 0: no
    cap), the most central are kept: highest degree (``metrics[n]["degree"]`` when given, else
    the number of links), ties by id. The focus is always kept.

    Examples
    --------
    >>> G = nx.star_graph(4)
    >>> select_nodes(G, max_nodes=2)
    ([0, 1], 'showing the 2 most connected of 5 entities (by degree)')
    >>> select_nodes(G, focus=1, depth=1)
    ([0, 1], 'showing the neighbourhood of 1 (depth 1): 2 of 5 entities')
    """
    total = G.number_of_nodes()
    note = None
    if focus is not None:
        if focus not in G:
            raise UnknownEntityError(str(focus), suggest(G, str(focus)))
        chosen = set(walk(G, focus, depth, follow="links"))
        label = G.nodes[focus].get("label", focus)
        note = f"showing the neighbourhood of {label} (depth {depth}): {len(chosen)} of {total} entities"
    else:
        chosen = set(G.nodes)
    if max_nodes and len(chosen) > max_nodes:
        scores = _scores(G, metrics)
        ranked = sorted(chosen, key=lambda n: (n != focus, -scores.get(n, 0.0), str(n)))
        chosen = set(ranked[:max_nodes])
        if focus is None:
            note = f"showing the {max_nodes} most connected of {total} entities (by degree)"
        else:
            note += f"; the {max_nodes} most connected of them are drawn"
    return node_order(chosen), note


# --------------------------------------------------------------------------- page data


def _num(v):
    """Round floats to 6 significant digits so the page's bytes do not depend on float noise."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        return float(f"{v:.6g}")
    return v


def _jsonable(v):
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, (set, frozenset)):
        return sorted((_jsonable(x) for x in v), key=str)
    if isinstance(v, (str, int, float, bool)) or v is None:
        return _num(v)
    return str(v)


class _Sources:
    """Sources as ``[path, line, section]`` with path and section as indexes into one string
    table: at 15,000 claims, repeating each path and heading would add about a megabyte."""

    def __init__(self):
        self.strings: list[str] = []
        self._index: dict[str, int] = {}

    def _intern(self, text) -> int | None:
        if text is None or text == "":
            return None
        text = str(text)
        if text not in self._index:
            self._index[text] = len(self.strings)
            self.strings.append(text)
        return self._index[text]

    def __call__(self, s) -> list | None:
        if s is None:
            return None
        if not isinstance(s, Mapping):
            return [self._intern(s), None, None]
        line = s.get("line")
        return [self._intern(s.get("path", "")), line if isinstance(line, int) else None, self._intern(s.get("section"))]


def _metric_names(metrics: Mapping | None) -> list[str]:
    if not metrics:
        return ["degree"]
    keys: set[str] = set()
    for row in metrics.values():
        keys.update(k for k, v in (row or {}).items() if isinstance(v, (int, float)))
    known = [k for k in METRIC_NAMES if k in keys]
    return known + sorted(keys - set(known))


# Links to entities not drawn are listed in a node's panel, up to this many: a hub of a
# 100,000-entity landscape has thousands, which made a 2,000-node page 16 MB.
OFF_PAGE_LIMIT = 50
#: ... and at most about this many in all: 6,000 drawn entities of a 100,000-entity landscape
#: listing 50 each made the page 33 MB, 24 of them these lists.
OFF_PAGE_BUDGET = 40_000


def _segment_colours(nodes: list, segments: Mapping | None) -> dict[str, str]:
    """``{segment: colour}``: the largest segments (ties by number) get palette colours, counted
    over the whole landscape so that a capped page and its overview colour them alike."""
    sizes: dict[int, int] = {}
    for n in nodes:
        s = (segments or {}).get(n)
        if s is not None:
            sizes[int(s)] = sizes.get(int(s), 0) + 1
    ranked = sorted(sizes, key=lambda s: (-sizes[s], s))
    return {str(s): SEGMENT_PALETTE[k] if k < len(SEGMENT_PALETTE) else SEGMENT_OTHER for k, s in enumerate(ranked)}


class _Page:
    """What every record of one page needs: drawn-node indexes, positions, fonts, metrics,
    segments and the shared string table of sources."""

    def __init__(self, G: nx.Graph, drawn: list, *, metrics, segments, seed, cards=None):
        self.G, self.drawn, self.segments = G, drawn, segments or {}
        self.cards = {frozenset(pair): str(path) for pair, path in (cards or {}).items()}
        self.index = {n: i for i, n in enumerate(drawn)}
        self.source = _Sources()
        groups = {n: self.segments[n] for n in drawn if self.segments.get(n) is not None}
        self.pos = layout_positions(G, seed=seed, nodes=drawn, groups=groups)
        self.metric_names = _metric_names(metrics)
        self.metrics = metrics or {n: {"degree": G.degree(n)} for n in drawn}
        scores = {n: float((self.metrics.get(n) or {}).get(self.metric_names[0], 0) or 0) for n in drawn}
        labels = {n: str(G.nodes[n].get("label", n)) for n in drawn}
        self.fonts = label_sizes(self.pos, scores, labels)
        if len(drawn) <= DECLUTTER_MAX_NODES:  # a small map shows every label: make room for them
            self.pos = declutter(self.pos, labels, self.fonts)

    def ref(self, n):
        """A drawn node's index, or the label of one not drawn."""
        G = self.G
        return self.index[n] if n in self.index else str(G.nodes[n].get("label", n)) if n in G else str(n)

    def node(self, n) -> PageNode:
        d = self.G.nodes[n]
        rec: PageNode = {
            "id": str(n),
            "label": str(d.get("label", n)),
            "kind": str(d.get("kind", "")),
            "x": self.pos[n][0],
            "y": self.pos[n][1],
            "m": [_num(float((self.metrics.get(n) or {}).get(k, 0) or 0)) for k in self.metric_names],
        }
        if d.get("aliases"):
            rec["aliases"] = [str(a) for a in d["aliases"]]
        rec["keys"] = search_keys(rec["label"], rec.get("aliases", ()))
        if n in self.fonts:
            rec["font"] = self.fonts[n]
        if d.get("facts"):
            rec["facts"] = [
                {"label": str(f.get("label", f.get("key", ""))), "text": str(f.get("text", "")),
                 "source": self.source(f.get("source"))}
                for f in d["facts"]
            ]
        for k in ("founded", "funding_usd", "funding_round", "valuation_usd"):
            if d.get(k) is not None:
                rec[k] = _jsonable(d[k])
        if d.get("sources"):
            rec["sources"] = [self.source(s) for s in d["sources"]]
        extra = {k: _jsonable(v) for k, v in sorted(d.items()) if k not in _CONTRACT_NODE_KEYS and v not in (None, "", [], {})}
        if extra:
            rec["extra"] = extra
        if self.segments.get(n) is not None:
            rec["seg"] = int(self.segments[n])
        self._off_page(n, rec)
        return rec

    def _off_page(self, n, rec: PageNode) -> None:
        """Links to entities not drawn, listed in the panel up to OFF_PAGE_LIMIT (less on a page
        that draws thousands: OFF_PAGE_BUDGET), the rest counted."""
        hidden = [v for v in node_order(self.G[n]) if v not in self.index]
        limit = max(5, min(OFF_PAGE_LIMIT, OFF_PAGE_BUDGET // max(len(self.drawn), 1)))
        if len(hidden) > limit:
            rec["offMore"] = len(hidden) - limit
        off = []
        for v in hidden[:limit]:
            payload = _edge_payload(self.G, n, v, self.ref, self.source)
            payload.pop("theme", None)
            payload.pop("member", None)
            off.append({"other": self.ref(v), "otherKind": str(self.G.nodes[v].get("kind", "")), **payload})
        if off:
            rec["off"] = off

    def edges(self) -> list[dict]:
        index, drawn, out = self.index, self.drawn, []
        pairs = sorted((min(index[a], index[b]), max(index[a], index[b]))
                       for a, b in self.G.edges(drawn) if a in index and b in index and a != b)
        for u, v in pairs:
            rec = _edge_payload(self.G, drawn[u], drawn[v], self.ref, self.source)
            if rec["kind"] == "theme":
                rec["from"], rec["to"] = self.ref(rec.pop("theme")), self.ref(rec.pop("member"))
            else:
                rec["from"], rec["to"] = u, v
                card = self.cards.get(frozenset((drawn[u], drawn[v])))
                if card:
                    rec["card"] = card
            out.append(rec)
        return out


def _totals(G: nx.Graph) -> dict:
    counts = {k: 0 for k in KINDS}
    for _, k in G.nodes(data="kind"):
        counts[str(k)] = counts.get(str(k), 0) + 1
    edge_counts = {"competes": 0, "theme": 0}
    for *_, k in G.edges(data="kind"):
        edge_counts[str(k)] = edge_counts.get(str(k), 0) + 1
    return {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "kinds": counts, "edgeKinds": edge_counts}


def _page_data(G: nx.Graph, drawn: list, *, title: str, note: str | None, metrics, segments, seed,
               cards=None) -> PageData:
    page = _Page(G, drawn, metrics=metrics, segments=segments, seed=seed, cards=cards)
    nodes = [page.node(n) for n in drawn]
    edges = page.edges()
    kinds = [k for k in KINDS] + sorted({r["kind"] for r in nodes} - set(KINDS))
    return {
        "title": title,
        "documents": [str(p) for p in G.graph.get("documents", [])],
        "note": note,
        "total": _totals(G),
        "kinds": [{"kind": k, **KIND_STYLE.get(k, {**OTHER_KIND_STYLE, "name": k, "plural": k})} for k in kinds],
        "edgeStyles": EDGE_STYLE,
        "segmentColours": _segment_colours(list(G), segments),
        "segmentOther": SEGMENT_OTHER,
        "searchSuffixes": list(SEARCH_SUFFIXES),
        "metrics": [{"key": k, "name": METRIC_NAMES.get(k, k)} for k in page.metric_names],
        "physicsMaxNodes": PHYSICS_MAX_NODES,
        "nodes": nodes,
        "edges": edges,
        "strings": page.source.strings,
    }


def _edge_payload(G: nx.Graph, a, b, ref, _source) -> dict:
    d = G.edges[a, b]
    kind = str(d.get("kind", "competes"))
    if kind == "theme":
        theme = d.get("theme", a if G.nodes[a].get("kind") == "theme" else b)
        member = d.get("member", b if theme == a else a)
        return {"kind": "theme", "theme": theme, "member": member,
                "description": str(d.get("description") or ""), "source": _source(d.get("source"))}
    return {
        "kind": kind,
        "mutual": bool(d.get("mutual", False)),
        "claims": [_claim(c, ref, _source) for c in d.get("claims", [])],
    }


def _claim(c: Mapping, ref, _source) -> dict:
    out = {"by": ref(c.get("by")), "against": ref(c.get("against")), "text": str(c.get("text", "")),
           "source": _source(c.get("source"))}
    # How the reader found the claim ("vs-item", "section", "prose"...), when it says.
    if c.get("evidence"):
        out["evidence"] = str(c["evidence"])
    return out


def _compare_data(drawn: list, edges: list[dict], compare: Mapping) -> dict:
    """The page's record of what changed: sentences, and drawn nodes and edges by index."""
    index = {n: i for i, n in enumerate(drawn)}
    edge_index = {frozenset((drawn[e["from"]], drawn[e["to"]])): k for k, e in enumerate(edges)}

    def nodes(ids):
        return sorted(index[n] for n in ids if n in index)

    def links(pairs):
        return sorted(edge_index[frozenset(p)] for p in pairs if frozenset(p) in edge_index)

    return {
        "rev": str(compare["rev"]),
        "summary": [str(x) for x in compare.get("summary", ())],
        "totals": str(compare.get("totals", "")),
        "added": {"nodes": nodes(compare["added_nodes"]), "edges": links(compare["added_edges"])},
        "removed": {"nodes": nodes(compare["removed_nodes"]), "edges": links(compare["removed_edges"])},
    }


# --------------------------------------------------------------------------- overview
# Above the drawing cap the page opens on an overview of the whole landscape: its segments as
# nodes sized by membership, linked by the rivalries between them; a click opens a segment's
# drawn members. Every entity, drawn or not, is in the search (the catalogue).

#: Segments shown as overview nodes, largest first; the rest are counted in a note.
OVERVIEW_MAX_SEGMENTS = 150


def _overview(G: nx.Graph, drawn: list, segments: Mapping, names: Mapping, *, seed: int) -> dict:
    size: dict[int, int] = {}
    shown: dict[int, int] = {}
    drawn_set = set(drawn)
    for n in G:
        s = segments.get(n)
        if s is not None:
            size[int(s)] = size.get(int(s), 0) + 1
            shown[int(s)] = shown.get(int(s), 0) + (n in drawn_set)
    kept = sorted(size, key=lambda s: (-size[s], s))[:OVERVIEW_MAX_SEGMENTS]
    keep = set(kept)
    links: dict[tuple[int, int], int] = {}
    for u, v, k in G.edges(data="kind"):
        a, b = segments.get(u), segments.get(v)
        if k == "theme" or a is None or b is None or a == b or a not in keep or b not in keep:
            continue
        pair = (min(int(a), int(b)), max(int(a), int(b)))
        links[pair] = links.get(pair, 0) + 1
    SG = nx.Graph()
    SG.add_nodes_from(kept)
    SG.add_edges_from(links)
    pos = layout_positions(SG, seed=seed, spacing=160.0)
    # room for each label as the page writes it: "name (members)", at the overview's font size
    pos = declutter(pos, {s: f"{names.get(s) or f'Segment {s}'} ({size[s]})" for s in kept}, {s: 20.0 for s in kept})
    return {
        "segments": [{"seg": s, "name": str(names.get(s, "")), "size": size[s], "drawn": shown[s],
                      "x": pos[s][0], "y": pos[s][1]} for s in kept],
        "links": [[a, b, c] for (a, b), c in sorted(links.items())],
        "more": len(size) - len(kept),
        "unsegmented": sum(1 for n in G if segments.get(n) is None),
    }


def _catalogue(G: nx.Graph, drawn: list, segments: Mapping) -> list[list]:
    """Entities not drawn, for the search: ``[label, kind, segment or -1, search keys]``."""
    drawn_set = set(drawn)
    out = []
    for n in node_order(n for n in G if n not in drawn_set):
        d = G.nodes[n]
        label = str(d.get("label", n))
        seg = segments.get(n)
        out.append([label, str(d.get("kind", "")), -1 if seg is None else int(seg),
                    " ".join(search_keys(label, [str(a) for a in d.get("aliases") or ()]))])
    return out


# --------------------------------------------------------------------------- HTML
# vis-network's own style sheet (220 kB, mostly images for editing tools the page does not use)
# is left out; page.css styles the one vis element shown, the tooltip.


def _json_for_script(data) -> Markup:
    """JSON that cannot end its <script> element nor open a tag or entity."""
    try:  # orjson: several times faster on a large page; keys sorted by code point alike
        text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:  # a lone surrogate, an integer past 64 bits, a key that is not text
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          allow_nan=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _vis_dir() -> Path:
    # Located without importing pyvis: its import pulls in IPython/pandas-sized modules and
    # cost a third of a second of every `landscape build`.
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; it ships the vis-network copy the page inlines")
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "templates" / "lib" / "vis-9.1.2"


@lru_cache(maxsize=1)
def _assets() -> dict[str, Markup]:
    vis = _vis_dir()
    files = {
        "vis_js": ([vis / "vis-network.min.js"], "</script"),
        "page_js": ([_TEMPLATES / f"page-{name}.js" for name in PAGE_SCRIPTS], "</script"),
        "page_css": ([_TEMPLATES / "page.css"], "</style"),
    }
    out = {}
    for key, (paths, closer) in files.items():
        texts = []
        for path in paths:
            text = path.read_text(encoding="utf-8")
            # A source-map comment would make developer tools fetch a file that is not there.
            text = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)
            if closer in text.lower() or "<!--" in text:
                raise RuntimeError(f"{path} cannot be inlined: it contains {closer!r} or '<!--'")
            texts.append(text)
        # The page's files share one strict-mode closure: nothing they declare is global.
        out[key] = Markup(texts[0] if key != "page_js" else
                          '(function () {\n"use strict";\n' + "\n".join(texts) + "\n})();\n")
    return out


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(_TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def render_html(
    G: nx.Graph,
    *,
    analysis: Analysis | None = None,
    title: str | None = None,
    metrics: Mapping | None = None,
    segments: Mapping | None = None,
    segment_names: Mapping | None = None,
    seed: int | None = None,
    max_nodes: int | None = MAX_NODES,
    focus: Hashable | None = None,
    depth: int = 1,
    cards: Mapping | None = None,
    compare: Mapping | None = None,
    hints: HintText | None = None,
) -> RenderedPage:
    """Render the landscape as one offline HTML page.

    Parameters
    ----------
    G : networkx.Graph
        A landscape graph in the shape documented in :mod:`graph.build`.
    analysis : Analysis, optional
        :func:`graph.analysis.analyze` of ``G``: the page takes its metrics, segments,
        segment names and layout seed from it, and shows the settings it was computed with.
        (``metrics``, ``segments``, ``segment_names`` and ``seed`` are for callers without one.)
    title : str, optional
        Page title and heading; default ``G.graph["name"]``.
    metrics : mapping, optional
        ``{node: {"degree": x, "betweenness": y, "pagerank": z, ...}}``; the page offers each
        metric for node size. Default: the number of links, as "degree".
    segments : mapping, optional
        ``{node: int}``; adds a segment filter and colouring.
    segment_names : mapping, optional
        ``{segment: name}`` shown beside the segment's number (e.g. its most central member).
    seed : int, optional
        Layout seed; default the analysis's seed, else 0.
    max_nodes, focus, depth
        What to draw, see :func:`select_nodes`.
    cards : mapping, optional
        ``{(a, b): relative path}`` of the battlecards written beside the page; the panel of a
        rivalry links to its card, or says there is none and, with ``hints``, how to make one.
    hints : callable, optional
        Words for the page's hints (:mod:`graph.hints`): the ``make-card`` hint of a rivalry
        with no card (``{a}`` and ``{b}`` filled in by the page). The command line gives its
        command; without ``hints`` the panel only says that no card was written.
    compare : mapping, optional
        What changed since an earlier state, for a page that marks it: ``G`` is then the
        union of both states (:func:`graph.diff.overlay`) and ``compare`` holds its
        ``changes`` (``added_nodes``, ``removed_nodes``, ``added_edges``, ``removed_edges``)
        plus ``rev`` (the earlier state's name), ``summary`` (sentences) and ``totals`` (one
        sentence). Removed entities and links are drawn only when the page shows the old
        state; the header counts the current state.

    Returns
    -------
    RenderedPage
        ``(html, notes)``: the page, and notes for the person (what the page leaves out).
    """
    if analysis is not None:
        metrics, segments = analysis.node_metrics(), analysis.node_segments()
        segment_names = analysis.segment_names()
        seed = analysis.settings.seed if seed is None else seed
    seed = 0 if seed is None else seed
    drawn, note = select_nodes(G, max_nodes=max_nodes, focus=focus, depth=depth, metrics=metrics)
    title = title or str(G.graph.get("name") or "") or "Competitive landscape"
    data = _page_data(G, drawn, title=title, note=note, metrics=metrics, segments=segments, seed=seed,
                      cards=cards)
    data["settings"] = (settings_sentence(analysis.settings.as_dict(), analysis.sampling)
                        + f" Layout seed {seed}." if analysis is not None else f"Layout seed {seed}.")
    data["segmentNames"] = {str(int(k)): str(v) for k, v in sorted((segment_names or {}).items())}
    if hints is not None:
        data["cardCommand"] = card_template(hints)
    if compare is not None:
        data["compare"] = _compare_data(drawn, data["edges"], compare)
        gone = nx.restricted_view(G, compare["removed_nodes"], compare["removed_edges"])
        data["total"] = _totals(gone)
    if focus is None and len(drawn) < G.number_of_nodes():
        data["overview"] = _overview(G, drawn, segments or {}, segment_names or {}, seed=seed)
        data["catalogue"] = _catalogue(G, drawn, segments or {})
    html = _environment().get_template("page.html.j2").render(
        title=title, data=_json_for_script(data), **_assets()
    )
    return RenderedPage(html, [note] if note else [])
