"""Issue 7: one neighbourhood walk, one suggestion engine, one ``path:line`` formatter."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from landscape_paths import ROOT
from rivalscape.graph.errors import UnknownEntityError, UsageError, path_line
from rivalscape.graph.query import neighbours_by_depth, suggest, walk
from rivalscape.graph.render import select_nodes


def sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
            for folder in ("graph", "cli") for p in sorted((ROOT / folder).rglob("*.py"))}


@pytest.fixture()
def G():
    G = nx.Graph(name="t")
    for n, kind in (("a", "company"), ("b", "company"), ("c", "competitor"), ("d", "competitor"),
                    ("t", "theme")):
        G.add_node(n, label=n.upper(), kind=kind, aliases=[])
    G.add_edge("a", "b", kind="competes", claims=[])
    G.add_edge("b", "c", kind="competes", claims=[])
    G.add_edge("a", "t", kind="theme")
    G.add_edge("t", "d", kind="theme")
    return G


def test_one_walk_two_ways_of_following(G):
    assert walk(G, "a", 2) == {"a": (0, None), "b": (1, "a"), "c": (2, "b")}
    # every link, but never onward through a theme
    assert set(walk(G, "a", 2, follow="links")) == {"a", "b", "c", "t"}
    assert set(walk(G, "t", 1, follow="links")) == {"t", "a", "d"}
    with pytest.raises(UsageError, match="unknown walk"):
        walk(G, "a", 1, follow="themes")


def test_competitors_and_the_page_walk_the_same_way(G):
    """`competitors --depth` follows rivalries, `build --focus --depth` every link: both are
    the one walk with a different `follow`."""
    assert {r["id"] for r in neighbours_by_depth(G, "a", 2)} == set(walk(G, "a", 2)) - {"a"}
    assert set(select_nodes(G, focus="a", depth=2, max_nodes=None)[0]) == set(
        walk(G, "a", 2, follow="links"))


def test_one_suggestion_engine(G):
    with pytest.raises(UnknownEntityError) as e:
        select_nodes(G, focus="Bb", max_nodes=None)
    assert e.value.suggestions == tuple(suggest(G, "Bb")) == ("B",)
    unlabelled = nx.star_graph(3)
    assert suggest(unlabelled, "1") == ["1"]  # a node without a label is named by its id
    found = [p for p, text in sources().items() if "difflib" in text and p != "graph/query.py"]
    assert found == []


def test_one_path_line_formatter():
    assert path_line("a.md", 3) == "a.md:3" and path_line("a.md", None) == "a.md"
    pattern = re.compile(r"""\}:\{[^}]*line""")
    found = [f"{p}:{i}" for p, text in sources().items()
             for i, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    # the one place: graph.errors.path_line (diagnostics, models.Source, build.format_source)
    assert len(found) == 1 and found[0].startswith("graph/errors.py:")
