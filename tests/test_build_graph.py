"""The graph build_graph makes is the one the attribute types spell out: every node and edge
dict has the keys of its TypedDict, in that order, with the values of the landscape. The
expected graph is made here the plain way (the TypedDict constructors, one ``add_node`` and
``add_edge`` call each), so a faster build_graph is checked against the obvious one."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from rivalscape.graph.build import (
    ClaimAttrs, CompetesEdgeAttrs, FactAttrs, NodeAttrs, SourceAttrs, ThemeEdgeAttrs, build_graph,
)
from rivalscape.graph.models import EVIDENCE
from rivalscape.graph.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _source(s) -> SourceAttrs:
    return SourceAttrs(path=s.path, line=s.line, section=s.section)


def plain_graph(landscape) -> nx.Graph:
    G = nx.Graph(name=landscape.title, documents=list(landscape.documents))
    for e in sorted(landscape.entities, key=lambda e: e.id):
        G.add_node(e.id, **NodeAttrs(
            label=e.label, kind=e.kind, aliases=list(e.aliases),
            facts=[FactAttrs(key=f.key, label=f.label, text=f.text, source=_source(f.source))
                   for f in e.facts],
            founded=e.founded, funding_usd=e.funding_usd, funding_round=e.funding_round,
            valuation_usd=e.valuation_usd, sources=[_source(s) for s in e.sources]))
    for r in sorted(landscape.rivalries, key=lambda r: (r.a, r.b)):
        claimants = sorted({c.by for c in r.claims})
        G.add_edge(r.a, r.b, **CompetesEdgeAttrs(
            kind="competes",
            claims=[ClaimAttrs(by=c.by, against=c.against, text=c.text, source=_source(c.source),
                               evidence=c.evidence) for c in r.claims],
            claimants=claimants, mutual=len(claimants) == 2,
            evidence=sorted({c.evidence for c in r.claims}, key=EVIDENCE.index)))
    for m in sorted(landscape.memberships, key=lambda m: (m.theme, m.member)):
        G.add_edge(m.theme, m.member, **ThemeEdgeAttrs(
            kind="theme", theme=m.theme, member=m.member, description=m.description,
            source=_source(m.source)))
    return G


def dump(G: nx.Graph) -> str:
    """The graph as text, order of nodes, edges and keys included."""
    return json.dumps([G.graph, list(G.nodes(data=True)), list(G.edges(data=True))])


@pytest.mark.parametrize("folder", [ROOT / "data", FIXTURES / "cross_document", FIXTURES / "mixed",
                                    FIXTURES / "key_themes", FIXTURES / "overrides",
                                    FIXTURES / "snapshot_facts", FIXTURES / "data_yaml"])
def test_build_graph_equals_the_plain_build(folder):
    landscape = load([folder]).landscape
    assert landscape.rivalries or landscape.memberships
    assert dump(build_graph(landscape)) == dump(plain_graph(landscape))


def test_node_and_edge_keys_are_those_of_the_types():
    G = build_graph(load([ROOT / "data"]).landscape)
    for _, data in G.nodes(data=True):
        assert list(data) == list(NodeAttrs.__annotations__)
        for f in data["facts"]:
            assert list(f) == list(FactAttrs.__annotations__)
            assert list(f["source"]) == list(SourceAttrs.__annotations__)
    for _, _, data in G.edges(data=True):
        if data["kind"] == "competes":
            assert list(data) == list(CompetesEdgeAttrs.__annotations__)
            for c in data["claims"]:
                assert list(c) == list(ClaimAttrs.__annotations__)
                assert list(c["source"]) == list(SourceAttrs.__annotations__)
