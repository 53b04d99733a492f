"""Hidden rivals: bounded by the output asked for, not by ties; a shared rival is required."""

from __future__ import annotations

import math
import tracemalloc

import networkx as nx
import pytest

from rivalscape.graph import analysis as A


def star(n: int, *, extra_theme: bool = False) -> nx.Graph:
    """``n`` companies that all name one rival (and nothing else): every pair ties at 1.0."""
    G = nx.Graph(name="star")
    G.add_node("x", label="X", kind="competitor")
    for i in range(n):
        c = f"c{i:05d}"
        G.add_node(c, label=f"C{i:05d}", kind="company")
        G.add_edge(c, "x", kind="competes",
                   claims=[{"by": c, "against": "x", "text": "better", "source": None}])
    return G


def test_twenty_thousand_companies_naming_one_rival_is_bounded():
    G = star(20_000)
    tracemalloc.start()
    try:
        h = A.hidden_rivals(G, top=10)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert h["total"] == math.comb(20_000, 2)
    # strict top 10, ties broken by name: the first company with the next nine
    assert [(p["a"], p["b"]) for p in h["pairs"]] == [("C00000", f"C{i:05d}") for i in range(1, 11)]
    assert all(p["score"] == 1.0 and p["shared_rivals"] == ["X"] for p in h["pairs"])
    assert peak < 150 * 2**20, f"peak {peak / 2**20:.0f} MB"


def test_top_is_strict_per_entity_too():
    G = star(50)
    rows = A.similar(G, "c00007", top=3)
    assert [r["name"] for r in rows] == ["C00000", "C00001", "C00002"]
    assert A.hidden_rivals(G, top=None)["pairs"] == A.hidden_rivals(G, top=A.HIDDEN_RIVALS_MAX)["pairs"]
    assert len(A.hidden_rivals(G, top=None)["pairs"]) == A.HIDDEN_RIVALS_MAX


def test_a_shared_theme_alone_is_not_a_hidden_rivalry():
    G = nx.Graph(name="t")
    for n in "ab":
        G.add_node(n, label=n.upper(), kind="company")
    G.add_node("t", label="T", kind="theme")
    G.add_edges_from([("t", "a"), ("t", "b")], kind="theme")
    assert A.hidden_rivals(G, threshold=0.0)["pairs"] == []
    assert A.similar(G, "a", threshold=0.0) == []
    G.add_node("x", label="X", kind="competitor")
    G.add_edges_from([("a", "x"), ("b", "x")], kind="competes")
    assert [(p["a"], p["b"], p["score"]) for p in A.hidden_rivals(G)["pairs"]] == [("A", "B", 1.0)]


def test_all_distinct_neighbourhoods_stay_within_the_block_cap():
    # Each company also names a rival of its own: no two neighbourhoods alike, every pair
    # still shares X. Memory is bounded by the row blocks of the product, not by the pairs.
    G = star(2_000)
    for i in range(2_000):
        G.add_node(f"r{i}", label=f"R{i:05d}", kind="competitor")
        G.add_edge(f"c{i:05d}", f"r{i}", kind="competes", claims=[])
    tracemalloc.start()
    try:
        h = A.hidden_rivals(G, top=5)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert h["total"] == math.comb(2_000, 2)
    assert [(p["a"], p["b"], p["score"]) for p in h["pairs"]] == [
        ("C00000", f"C{i:05d}", pytest.approx(1 / 3)) for i in range(1, 6)]
    assert peak < 150 * 2**20, f"peak {peak / 2**20:.0f} MB"
