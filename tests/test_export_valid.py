"""Every export keeps every attribute and is valid for its readers, whatever the documents hold.

Node-link JSON is read back by ``json`` (strictly: no NaN/Infinity) and NetworkX; GraphML
and GEXF by NetworkX, igraph and ``xml.etree``.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from landscape_paths import DATA

from rivalscape.graph.export import (
    export,
    flat_graph,
    gexf_graph_attributes,
    node_link_chunks,
    node_link_graph,
)


def strict_json(text: str):
    """``json.loads`` that refuses NaN/Infinity, as JavaScript's JSON.parse does."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(text, parse_constant=refuse)


def node_link(G: nx.Graph) -> dict:
    return strict_json("".join(node_link_chunks(G)))


# --- node-link: no attribute lost (issue 10, item 1) -------------------------------------

def test_node_link_round_trip_keeps_every_attribute_of_the_shipped_graph(shipped):
    G = shipped.graph
    back = node_link_graph(node_link(G))
    assert back.graph == G.graph
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(back.edges(data=True)) == sorted(G.edges(data=True))
    assert any(d["kind"] == "theme" and d["source"]["line"] for _, _, d in back.edges(data=True))


def test_plain_networkx_reader_gets_theme_provenance_under_its_own_key(shipped):
    G = shipped.graph
    back = nx.node_link_graph(node_link(G), edges="edges")
    theme_edges = [(u, v, d) for u, v, d in G.edges(data=True) if d["kind"] == "theme"]
    assert theme_edges
    for u, v, d in theme_edges:
        assert back.edges[u, v]["provenance"] == d["source"]  # was overwritten by the endpoint


def test_node_link_keeps_the_shape_external_readers_use(shipped):
    data = node_link(shipped.graph)
    ids = {n["id"] for n in data["nodes"]}
    assert all({"id", "label", "aliases", "kind"} <= n.keys() for n in data["nodes"])
    assert {e["kind"] for e in data["edges"]} == {"competes", "theme"}
    for e in data["edges"]:
        assert e["source"] in ids and e["target"] in ids
        if e["kind"] == "competes":
            assert all(isinstance(c["source"]["line"], int) for c in e["claims"])


def test_export_command_writes_the_same_round_trippable_node_link(invoke):
    result = invoke("export", "--data", DATA)
    assert result.exit_code == 0
    G = node_link_graph(strict_json(result.stdout))
    theme = next(d for _, _, d in G.edges(data=True) if d["kind"] == "theme")
    assert set(theme["source"]) == {"path", "line", "section"}


# --- GraphML / GEXF read back with every attribute ---------------------------------------

def _xml_read_back(fmt: str, data: bytes) -> nx.Graph:
    ET.fromstring(data)  # well-formed
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    return read(io.BytesIO(data))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_read_back_with_every_attribute(shipped, fmt):
    G = shipped.graph
    data, warnings = export(G, fmt)
    assert warnings == []
    R = _xml_read_back(fmt, data)
    H, _ = flat_graph(G)
    assert set(R.nodes) == set(H.nodes)
    for n, d in H.nodes(data=True):
        assert {k: R.nodes[n].get(k) for k in d} == d, n
    assert R.number_of_edges() == H.number_of_edges()
    for u, v, d in H.edges(data=True):
        got = R.get_edge_data(u, v)
        assert {k: got.get(k) for k in d} == d, (u, v)
    assert json.loads(H.graph["documents"]) == list(G.graph["documents"])


def test_gexf_keeps_the_graph_attributes_in_meta_description(shipped):
    data, _ = export(shipped.graph, "gexf")
    desc = ET.fromstring(data).find("{*}meta/{*}description")
    expected = {"documents": ["ai_infrastructure_2025.md"]}
    assert desc is not None and json.loads(desc.text) == expected
    assert gexf_graph_attributes(data) == expected
    assert nx.read_gexf(io.BytesIO(data)).graph["name"] == shipped.graph.graph["name"]


def test_xml_exports_are_the_same_bytes_every_time(shipped):
    for fmt in ("graphml", "gexf", "node-link"):
        assert export(shipped.graph, fmt) == export(shipped.graph, fmt)


# --- hostile text: forbidden XML characters (issue 8, item 6) ------------------------------

HOSTILE = "bell\x07 esc\x1b[2J nul-ish\x01 \ufffe\uffff c1\x9b sep\u2028 bidi\u202e end"


def hostile_graph() -> nx.Graph:
    G = nx.Graph(name="T\x0c", documents=["caf\udce9.md"])
    src = {"path": "caf\udce9.md", "line": 3, "section": "S\x0b"}
    G.add_node("a\x1b", label="A " + HOSTILE, kind="company", aliases=["x\x02"], facts=[],
               sources=[src], funding_usd=float("inf"), valuation_usd=float("nan"))
    G.add_node("b", label="B", kind="competitor", aliases=[], facts=[], sources=[])
    G.add_edge("a\x1b", "b", kind="competes", claimants=["a\x1b"], mutual=False,
               claims=[{"by": "a\x1b", "against": "b", "text": HOSTILE, "source": src}])
    return G


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_forbidden_xml_characters_are_escaped_with_a_warning(fmt):
    data, warnings = export(hostile_graph(), fmt)
    R = _xml_read_back(fmt, data)
    assert set(R.nodes) == {"a\\x1b", "b"}
    label = R.nodes["a\\x1b"]["label"]
    assert "\\x07" in label and "\\x1b[2J" in label and "\\ufffe\\uffff" in label
    assert "\x9b" in label and "\u2028" in label  # allowed in XML: kept (as references)
    assert b"\xc2\x9b" not in data and "\u2028".encode() not in data
    assert "funding_usd" not in R.nodes["a\\x1b"]  # Infinity is left out, not written "inf"
    claims = json.loads(R.edges["a\\x1b", "b"]["claims"])
    assert claims[0]["text"] == HOSTILE  # in JSON text the escapes are JSON's: nothing lost
    assert claims[0]["source"]["path"] == "caf\\xe9.md"
    text = "\n".join(str(w) for w in warnings)
    assert "node 'a\\\\x1b'" in text and "label" in text and "edge" in text
    assert all(w.path == "caf\\xe9.md" for w in warnings if w.path != "<graph>")


def test_igraph_reads_the_hostile_graphml(tmp_path):
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "g.graphml"
    path.write_bytes(export(hostile_graph(), "graphml")[0])
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == 2 and g.ecount() == 1


# --- JSON: never NaN or Infinity, never a lone surrogate (issue 8, items 4 and 5) ----------

def test_node_link_of_the_hostile_graph_is_strict_json():
    G = hostile_graph()
    text = "".join(node_link_chunks(G))
    data = strict_json(text)
    node = next(n for n in data["nodes"] if n["id"] == "a\x1b")
    assert node["funding_usd"] is None and node["valuation_usd"] is None
    assert node["sources"][0]["path"] == "caf\\xe9.md"
    assert data["graph"]["documents"] == ["caf\\xe9.md"]
    assert "\u2028" not in text and "\x9b" not in text and "\u202e" not in text
    assert node["label"] == "A " + HOSTILE  # escapes, not losses: the same value reads back
    text.encode("utf-8")


def huge_funding_doc(folder) -> None:
    (folder / "huge.md").write_text(
        "# Huge\n\n### 1. Acme: Tagline\n\n- Founded: 2019\n"
        "- Funding: $" + "9" * 400 + "M Series A\n\n- vs. Rival: Cheaper\n", encoding="utf-8")


def test_a_400_digit_funding_is_null_with_a_warning_in_every_output(invoke, tmp_path):
    huge_funding_doc(tmp_path)
    out = tmp_path / "out"
    build = invoke("build", "--data", tmp_path / "huge.md", "--out", out)
    assert build.exit_code == 0, build.output
    assert "huge.md:6: warning: acme: funding_usd is too large" in build.stderr
    graph = strict_json((out / "graph.json").read_text(encoding="utf-8"))
    assert next(n for n in graph["nodes"] if n["id"] == "acme")["funding_usd"] is None
    exported = invoke("export", "--data", tmp_path / "huge.md")
    acme = next(n for n in strict_json(exported.stdout)["nodes"] if n["id"] == "acme")
    assert acme["funding_usd"] is None
    show = invoke("show", "acme", "--data", tmp_path / "huge.md", "--json")
    assert show.exit_code == 0 and "funding_usd is too large" in show.stderr
    strict_json(show.stdout)
    for fmt in ("graphml", "gexf"):
        r = invoke("export", "--data", tmp_path / "huge.md", "--format", fmt)
        assert r.exit_code == 0 and b"inf" not in r.stdout_bytes.lower().replace(b"info", b"")
        _xml_read_back(fmt, r.stdout_bytes)
    validate = invoke("validate", "--data", tmp_path / "huge.md")
    assert "funding_usd is too large" in validate.stdout


# --- non-UTF-8 file names (issue 8, item 4) ------------------------------------------------

@pytest.fixture
def latin1_named(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    try:
        fd = os.open(os.fsencode(folder) + b"/caf\xe9.md", os.O_WRONLY | os.O_CREAT, 0o644)
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    os.write(fd, b"# Cafe\n\n### 1. Acme: Tagline\n\n- Founded: 2019\n\n- vs. Rival: Cheaper\n")
    os.close(fd)
    return folder


def test_build_with_a_non_utf8_file_name(invoke, latin1_named, tmp_path):
    out = tmp_path / "out"
    result = invoke("build", "--data", latin1_named, "--out", out)
    assert result.exit_code == 0, result.output
    assert "caf\\xe9.md: warning: file name is not UTF-8" in result.stderr
    graph = strict_json((out / "graph.json").read_text(encoding="utf-8"))
    assert graph["graph"]["documents"] == ["caf\\xe9.md"]
    for name in ("landscape.html", "report.md", "centrality.md"):
        (out / name).read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", ["node-link", "graphml", "gexf"])
def test_export_with_a_non_utf8_file_name(invoke, latin1_named, fmt):
    result = invoke("export", "--data", latin1_named, "--format", fmt)
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")
    assert "&#5" not in text and "caf\\\\xe9.md" in text  # JSON text inside: one escaped backslash
    if fmt == "node-link":
        strict_json(text)
    else:
        _xml_read_back(fmt, result.stdout_bytes)


# --- export -o infers the format (issue 10, item 5) ----------------------------------------

@pytest.mark.parametrize("name, check", [
    ("g.graphml", lambda b: b"<graphml" in b),
    ("g.GEXF", lambda b: b"<gexf" in b),
    ("g.json", lambda b: strict_json(b.decode())["edges"]),
    ("g.txt", lambda b: strict_json(b.decode())["edges"]),  # no known extension: the default
])
def test_export_output_extension_picks_the_format(invoke, tmp_path, name, check):
    result = invoke("export", "--data", DATA, "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert check((tmp_path / name).read_bytes())


def test_export_refuses_a_format_that_contradicts_the_extension(invoke, tmp_path):
    result = invoke("export", "--data", DATA, "--format", "graphml", "-o", tmp_path / "g.json")
    assert result.exit_code == 2
    assert "contradicts" in result.stderr and not (tmp_path / "g.json").exists()
    ok = invoke("export", "--data", DATA, "--format", "gexf", "-o", tmp_path / "g.gexf")
    assert ok.exit_code == 0


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_command_on_a_document_with_forbidden_xml_characters(invoke, tmp_path, fmt):
    (tmp_path / "bad.md").write_text(
        "# Bad\n\n### 1. Acme\x01\ufffe: Tag\n\n- Founded: 2019\n- Focus: ring\x07\x1b[2J\n\n"
        "- vs. Rival\uffff: Cheaper\x0b\x1b]8;;http://x\x07\n", encoding="utf-8")
    result = invoke("export", "--data", tmp_path, "--format", fmt, "-o", tmp_path / f"g.{fmt}")
    assert result.exit_code == 0, result.output
    data = (tmp_path / f"g.{fmt}").read_bytes()
    R = _xml_read_back(fmt, data)
    assert any(d.get("label") == "Acme\\x01\\ufffe" for _, d in R.nodes(data=True))
    assert "bad.md:3: warning: node 'acme': label holds characters XML does not allow" in result.stderr
    assert "\x1b" not in result.stderr
