"""Landscape model -> NetworkX graph.

Graph class
-----------
The graph is an undirected simple :class:`networkx.Graph`. A rivalry is a relation between two
entities whoever names it, so analysis (centrality, communities, paths) works on undirected
edges. The direction of each statement is not lost: every ``competes`` edge carries its
``claims``, each with ``by`` (the entity that made the claim) and ``against`` (the one it is
made about), plus ``claimants`` (sorted ids of the entities that made claims) and ``mutual``
(both ends made a claim): who said what against whom is read from the claims. Theme membership
edges (``kind="theme"``) join a theme node to a member; they never join two non-theme nodes, so
the two edge kinds never collide.

Attributes
----------
The types below (:class:`NodeAttrs`, :class:`CompetesEdgeAttrs`, :class:`ThemeEdgeAttrs`, with
:class:`ClaimAttrs`, :class:`FactAttrs`, :class:`SourceAttrs`) spell out the same shape.

Graph: ``name`` (landscape title), ``documents`` (paths read).

Node: ``label``, ``kind`` (company, competitor, alternative, theme), ``aliases`` (list),
``facts`` (list of ``{key, label, text, source}``), ``founded``, ``funding_usd``,
``funding_round``, ``valuation_usd`` (None when unknown), ``sources`` (list of
``{path, line, section}``).

Edge, ``kind="competes"``: ``claims`` (list of ``{by, against, text, source, evidence}``),
``claimants``, ``mutual``, ``evidence`` (how the rivalry was read, every way: ``vs-item``,
``section``, ``heading``, ``lead``, ``table``, ``data``, ``prose``). Edge, ``kind="theme"``:
``theme`` (theme node id), ``member``, ``description``, ``source``. In node-link JSON
(``graph.json``, ``export``) an edge's ``source``/``target`` are its ends, so a theme edge's own
``source`` is written as ``provenance`` (:func:`graph.export.node_link_graph` reads it back as
``source``).
"""

from __future__ import annotations

from typing import Literal, TypedDict

import networkx as nx

from rivalscape.graph.errors import path_line
from rivalscape.graph.models import EVIDENCE, Landscape, Source


# --------------------------------------------------------------------------- the graph's shape
# The attributes every node and edge carries, as types: renderers and analyses read these
# keys. build_graph writes them as dict displays of exactly these keys, in this order
# (tests/test_build_graph.py compares with dicts made by these constructors).


class SourceAttrs(TypedDict):
    """Where a line was read: ``path``, ``line`` (1-based, None when unknown), ``section``."""

    path: str
    line: int | None
    section: str | None


class FactAttrs(TypedDict):
    key: str
    label: str
    text: str
    source: SourceAttrs


class NodeAttrs(TypedDict):
    """A node: an entity or a theme."""

    label: str
    kind: str  # one of graph.models.KINDS
    aliases: list[str]
    facts: list[FactAttrs]
    founded: int | None
    funding_usd: float | None
    funding_round: str | None
    valuation_usd: float | None
    sources: list[SourceAttrs]


class ClaimAttrs(TypedDict):
    """One statement on a rivalry: ``by`` said ``text`` against ``against`` (node ids)."""

    by: str
    against: str
    text: str
    source: SourceAttrs | None
    evidence: str  # one of graph.models.EVIDENCE


class CompetesEdgeAttrs(TypedDict):
    """A rivalry edge."""

    kind: Literal["competes"]
    claims: list[ClaimAttrs]
    claimants: list[str]
    mutual: bool
    evidence: list[str]


class ThemeEdgeAttrs(TypedDict):
    """A theme membership edge, from ``theme`` to ``member``."""

    kind: Literal["theme"]
    theme: str
    member: str
    description: str | None
    source: SourceAttrs


def format_source(s: SourceAttrs | dict | None) -> str | None:
    """A node's or edge's ``source`` dict as ``path:line`` (``path`` when the line is unknown)."""
    if not s:
        return None
    return path_line(s["path"], s.get("line"))


def _source(s: Source) -> SourceAttrs:
    # Dict displays, not the TypedDict constructors: the same dicts (same keys in the same
    # order), a third of the time of a keyword call each (see build_graph).
    return {"path": s.path, "line": s.line, "section": s.section}


def build_graph(landscape: Landscape) -> nx.Graph:
    """Build the landscape graph; nodes and edges are added in sorted order for stable output.

    Nodes and edges go in through ``add_nodes_from``/``add_edges_from`` with their attribute
    dicts made once: about a sixth less time than one ``add_node``/``add_edge`` call each
    (measured at 20,000 entities), for the same graph.
    """
    G = nx.Graph(name=landscape.title, documents=list(landscape.documents))
    G.add_nodes_from((e.id, _node(e)) for e in sorted(landscape.entities, key=lambda e: e.id))
    G.add_edges_from((r.a, r.b, _rivalry(r))
                     for r in sorted(landscape.rivalries, key=lambda r: (r.a, r.b)))
    G.add_edges_from(
        (m.theme, m.member, ThemeEdgeAttrs(kind="theme", theme=m.theme, member=m.member,
                                           description=m.description, source=_source(m.source)))
        for m in sorted(landscape.memberships, key=lambda m: (m.theme, m.member))
    )
    return G


def _node(e) -> NodeAttrs:  # a NodeAttrs, as a dict display (see _source)
    return {
        "label": e.label,
        "kind": e.kind,
        "aliases": list(e.aliases),
        "facts": [{"key": f.key, "label": f.label, "text": f.text, "source": _source(f.source)}
                  for f in e.facts],
        "founded": e.founded,
        "funding_usd": e.funding_usd,
        "funding_round": e.funding_round,
        "valuation_usd": e.valuation_usd,
        "sources": [_source(s) for s in e.sources],
    }


def _rivalry(r) -> CompetesEdgeAttrs:  # as a dict display (see _source)
    if len(r.claims) == 1:  # most rivalries: one claimant, one way of reading, nothing to sort
        claimants, evidence = [r.claims[0].by], [r.claims[0].evidence]
    else:
        claimants = sorted({c.by for c in r.claims})
        evidence = sorted({c.evidence for c in r.claims}, key=EVIDENCE.index)
    return {
        "kind": "competes",
        "claims": [{"by": c.by, "against": c.against, "text": c.text,
                    "source": {"path": (s := c.source).path, "line": s.line, "section": s.section},
                    "evidence": c.evidence} for c in r.claims],
        "claimants": claimants,
        "mutual": len(claimants) == 2,
        "evidence": evidence,
    }


def competition_graph(G: nx.Graph) -> nx.Graph:
    """The rivalry graph used for analysis: non-theme nodes joined by ``competes`` edges.

    A read-only view; isolated non-theme nodes (e.g. a company with no rivals) stay in it.
    """
    nodes = [n for n, k in G.nodes(data="kind") if k != "theme"]
    return nx.subgraph_view(
        G,
        filter_node=nx.filters.show_nodes(set(nodes)),
        filter_edge=lambda u, v: G.edges[u, v].get("kind") == "competes",
    )
