"""Export formats and the atomic writer behind every output."""

from __future__ import annotations

import json
import os

import networkx as nx
import pytest

from rivalscape.graph.export import node_link_chunks
from rivalscape.graph.fileio import write_atomic


def test_node_link_chunks_are_networkx_node_link_json_with_provenance_renamed(shipped):
    G = shipped.graph.copy()
    G.add_node("ünï", label="Ünïcode \u2028 </script>", kind="competitor", aliases=[], facts=[], sources=[])
    text = "".join(node_link_chunks(G))
    expected = nx.node_link_data(G, edges="edges")
    for edge, (u, v, d) in zip(expected["edges"], G.edges(data=True)):
        if "source" in d:  # a theme membership's provenance, not an endpoint
            edge.clear()
            edge.update({("provenance" if k == "source" else k): x for k, x in d.items()},
                        source=u, target=v)
    expected = json.dumps(expected, ensure_ascii=False, separators=(",", ":"))
    # U+2028 is escaped (same value, safe on a terminal and in a <script>)
    assert text == expected.replace("\u2028", "\\u2028") + "\n"
    assert nx.node_link_graph(json.loads(text), edges="edges").number_of_edges() == G.number_of_edges()


def test_write_atomic_joins_chunks_and_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "out.json"
    write_atomic(target, (str(i) for i in range(100_000)))
    assert target.read_text() == "".join(str(i) for i in range(100_000))
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)

    def broken():
        yield "partial"
        raise RuntimeError("encoder failed")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken())
    assert target.read_text().startswith("0123")
    assert sorted(os.listdir(tmp_path)) == ["out.json"]  # no temporary file left behind
