"""The orjson writers of graph.json and the page's data give what the standard encoder gave.

graph.json: the same bytes as ``json`` (compact, ``ensure_ascii=False``, graph key order)
wherever both write a value the same way, which is every value but floats under 1e-4
(orjson writes ``0.00001`` for ``1e-05``: the same number); hostile values (NaN, lone
surrogates, integers past 64 bits, line separators) are still written as valid, safe JSON.
The page's data: keys sorted, and nothing in it can end its ``<script>`` element.
"""

from __future__ import annotations

import json

import networkx as nx

from rivalscape.graph.export import node_link_chunks, node_link_data
from rivalscape.graph.render import _json_for_script


def _standard(G: nx.Graph) -> str:
    """graph.json as the standard encoder wrote it before orjson."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
    data = node_link_data(G)
    parts = [dumps(k) + ":" + dumps(v) for k, v in data.items()]
    return "{" + ",".join(parts) + "}\n"


def _graph(n: int = 2500) -> nx.Graph:
    G = nx.Graph(name="Test <landscape> & co")
    for i in range(n):
        G.add_node(f"n{i}", label=f"Nom {i} é 名", kind="company", founded=2000 + i % 20,
                   funding_usd=1.5e6 * i, score=0.25 + i / 7, aliases=[f"A{i}", "x\"y\\z"],
                   facts=[{"key": "Focus", "value": "tab\there\nnewline", "ok": True, "n": None}])
    for i in range(1, n):
        G.add_edge(f"n{i}", f"n{i // 2}", claims=[{"by": f"n{i}", "text": "<b>better</b>",
                                                    "source": {"path": "a.md", "line": i}}],
                   weight=i / 3)
    return G


def test_graph_json_is_byte_for_byte_the_standard_encoding():
    G = _graph()  # more nodes than one orjson batch
    assert "".join(node_link_chunks(G)) == _standard(G)


def test_graph_json_same_input_same_bytes():
    assert "".join(node_link_chunks(_graph(300))) == "".join(node_link_chunks(_graph(300)))


def test_graph_json_hostile_values_stay_valid_and_safe():
    G = _graph(1200)
    G.nodes["n5"]["funding_usd"] = float("inf")
    G.nodes["n6"]["score"] = float("nan")
    G.nodes["n7"]["label"] = "caf\udce9"  # a byte that was not UTF-8, as surrogateescape gives it
    G.nodes["n8"]["employees"] = 10 ** 30  # past orjson's 64 bits
    G.nodes["n9"]["label"] = "line\u2028sep \u202eevil"
    text = "".join(node_link_chunks(G))
    data = json.loads(text)
    nodes = {d["id"]: d for d in data["nodes"]}
    assert nodes["n5"]["funding_usd"] is None and nodes["n6"]["score"] is None
    assert nodes["n7"]["label"] == "caf\\xe9"
    assert nodes["n8"]["employees"] == 10 ** 30
    assert nodes["n9"]["label"] == "line\u2028sep \u202eevil"
    assert "\u2028" not in text and "\u202e" not in text  # written as \uNNNN escapes
    assert nodes["n1000"] == {**G.nodes["n1000"], "id": "n1000"}  # its batch-mates unharmed


def test_page_data_is_sorted_and_cannot_end_its_script_element():
    data = {"b": ["</script><img src=x onerror=alert(1)>", "a & b", "\u2028\u2029"],
            "a": {"z": 1, "é": 0.5, "Z": 1e-05}, "c": [None, True, 2 ** 40]}
    text = str(_json_for_script(data))
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert "\\u003c/script\\u003e\\u003cimg" in text and "a \\u0026 b" in text
    assert json.loads(text) == data
    assert text.index('"a"') < text.index('"b"') < text.index('"c"')
    assert text.index('"Z"') < text.index('"z"') < text.index('"é"')  # code point order


def test_page_data_with_a_lone_surrogate_falls_back_to_the_standard_encoder():
    text = str(_json_for_script({"label": "caf\udce9 <x>"}))
    assert "\\u003cx\\u003e" in text
    assert json.loads(text) == {"label": "caf\udce9 <x>"}
