"""graph.report: sections, formats, escaping, same bytes for the same input."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from markupsafe import escape

from rivalscape.cli.hints import hint_text
from rivalscape.graph import analysis as A
from rivalscape.graph import report as R
from rivalscape.graph.errors import UsageError

SECTIONS = ["centrality", "segments", "contested", "rivalries", "hidden_rivals",
            "claim_dimensions", "theme_coverage"]


@pytest.fixture(scope="module")
def rep(shipped):
    return R.build_report(shipped.graph)


def test_report_keys_in_stable_order(rep):
    assert list(rep) == ["title", "summary", "settings", "findings", *SECTIONS, "nodes"]
    assert rep["summary"] == {"companies": 6, "competitors": 8, "alternatives": 6, "themes": 5,
                              "rivalries": 16, "memberships": 8,
                              "rivalries_by_evidence": {"vs-item": 16}}


def test_every_section_says_what_it_means_in_every_format(rep):
    md, page = R.render_report(rep, "md"), R.render_report(rep, "html")
    for key in SECTIONS:
        meaning = rep[key]["meaning"]
        assert meaning.endswith(".") and meaning.count(". ") == 0  # one sentence
        assert meaning in md
        assert str(escape(meaning)) in page


def test_shipped_report_sections_exact(rep):
    assert [(r["name"], r["named_by"]) for r in rep["contested"]["rows"]] == [
        ("Cloud providers", ["Replicate", "Weights & Biases"])]
    assert [(m["a"], m["b"]) for m in rep["rivalries"]["mutual"]] == [("Modal Labs", "Replicate")]
    assert rep["rivalries"]["one_sided_count"] == 15
    # a shared rival is required (issue 10): theme-only pairs with Together AI are gone
    assert [(p["a"], p["b"]) for p in rep["hidden_rivals"]["pairs"]] == [
        ("Replicate", "Weights & Biases")]
    assert rep["centrality"]["sampling"]["exact"] is True
    degree = next(m for m in rep["centrality"]["metrics"] if m["metric"] == "degree")
    assert degree["top"][0] == {"name": "Modal Labs", "id": "modal-labs", "kind": "company",
                                "rivals": 5, "score": round(5 / 19, 6)}
    assert rep["claim_dimensions"]["unclassified_count"] == 1
    assert len(rep["nodes"]) == 20


def test_same_input_same_bytes(shipped):
    a = R.build_report(shipped.graph, seed=3)
    b = R.build_report(shipped.graph, seed=3)
    for fmt in R.FORMATS:
        assert R.render_report(a, fmt) == R.render_report(b, fmt)


def test_sampled_report_says_so():
    G = nx.Graph(name="big-ish")
    for u, v in nx.barabasi_albert_graph(60, 2, seed=1).edges():
        for n in (u, v):
            G.add_node(n, label=f"E{n:02d}", kind="company")
        G.add_edge(u, v, kind="competes", claims=[])
    rep = R.build_report(G, sampling="sampled", sample_size=10)
    assert rep["centrality"]["sampling"]["sample_size"] == 10
    assert "seeded sample of 10 source nodes" in R.render_report(rep, "md")


def test_json_csv_parse(rep):
    # report --format csv is one tidy CSV per table now (issue 10), not one long table
    assert json.loads(R.render_report(rep, "json")) == json.loads(json.dumps(rep))
    tables = R.render_csv_tables(rep)
    contested = list(csv.reader(io.StringIO(tables["contested.csv"])))
    assert contested == [["name", "kind", "companies", "named by"],
                         ["Cloud providers", "alternative", "2", "Replicate; Weights & Biases"]]
    assert {n.split("-")[0].split(".")[0] for n in tables} == {
        "findings", "centrality", "segments", "contested", "rivalries", "hidden", "claim",
        "theme", "nodes"}


def hostile():
    G = nx.Graph(name="<script>alert(1)</script>")
    G.add_node("a", label='<img src=x onerror="alert(1)">', kind="company")
    G.add_node("b", label="B | pipe", kind="competitor")
    G.add_edge("a", "b", kind="competes", claims=[
        {"by": "a", "against": "b", "text": "<b>bold</b> & cheap", "source": None}])
    return G


def test_html_is_escaped_standalone_and_offline():
    page = R.render_report(R.build_report(hostile()), "html")
    assert "<img" not in page and "<script" not in page and "<b>" not in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page  # Jinja's escape of the quote
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for needle in ("http://", "https://", "src=", "<link", "@import"):
        assert needle not in page.replace("src=x", "")


def test_markdown_table_cells_cannot_break_the_table():
    md = R.render_report(R.build_report(hostile()), "md")
    assert "B \\| pipe" in md


def test_unknown_format():
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        R.render_report({}, "pdf")


def test_centrality_md_from_graph_report_or_rows(shipped, rep):
    from rivalscape.graph.analysis import centrality

    from_graph = R.render_centrality_md(shipped.graph)
    from_report = R.render_centrality_md(rep)
    assert "competition graph" in from_graph and "themes are left out" in from_graph
    assert "| 1 | Modal Labs | company |" in from_report
    assert from_graph.splitlines()[:3] == from_report.splitlines()[:3]
    assert "Modal Labs" in R.render_centrality_md(centrality(shipped.graph), top=1)
    by_b = R.render_centrality_md(rep, metric="betweenness")
    assert "| 1 | Replicate | company |" in by_b


def test_node_metrics_and_segments_cover_every_entity(rep, shipped):
    result = A.analyze(shipped.graph)
    m, s = result.node_metrics(), result.node_segments()
    entities = {n for n, k in shipped.graph.nodes(data="kind") if k != "theme"}
    assert set(m) == set(s) == entities
    assert s["anysphere"] is None and isinstance(s["humanloop"], int)
    assert m["modal-labs"]["degree"] == pytest.approx(5 / 19, abs=1e-6)


def test_centrality_md_top_says_how_many_are_left_out(rep):
    md = R.render_centrality_md(rep, top=3)
    assert "The first 3 of 20 entities; the full centrality table lists every one." in md
    cli_md = R.render_centrality_md(rep, top=3, hints=hint_text)  # as build writes it
    assert "The first 3 of 20 entities; `landscape centrality --json` lists every one." in cli_md
    table = [line for line in md.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [line.split(" | ")[0] for line in table] == ["| 1", "| 2", "| 3"]
    assert "The first" not in R.render_centrality_md(rep)


def test_centrality_md_top_is_the_head_of_the_whole_table_from_every_source(shipped, rep):
    # Of an analysis only the rows shown are made: the same rows, the same count, as cutting
    # the whole table, and as the other sources give.
    result = A.analyze(shipped.graph)

    def rows(md):
        return [line for line in md.splitlines() if line.startswith("| ") and line[2].isdigit()]

    for metric in ("degree", "pagerank"):
        whole = R.render_centrality_md(result, metric=metric)
        assert len(rows(whole)) == 20
        for k in (1, 3, 20, 25):
            part = R.render_centrality_md(result, top=k, metric=metric)
            assert rows(part) == rows(whole)[:k]
            assert ("The first 3 of 20 entities" in part) == (k == 3)
            assert part == R.render_centrality_md(rep, top=k, metric=metric)
            assert part == R.render_centrality_md(shipped.graph, top=k, metric=metric)


def test_eigenvector_scaling_is_stated_in_report_and_centrality_md(rep):
    assert rep["centrality"]["eigenvector"].startswith("Eigenvector centrality is computed per connected group")
    for text in (R.render_report(rep, "md"), R.render_report(rep, "html"), R.render_centrality_md(rep)):
        assert "per connected group of rivals" in text
    ev = {r["name"]: r["eigenvector"] for r in rep["nodes"]}
    assert ev["Humanloop"] > ev["LangChain"] > 0  # its own group, no longer 0



def test_report_csv_quotes_a_carriage_return_inside_a_cell():
    # Found by tests/test_fuzz.py: with '\n' as line terminator, csv.writer does not quote a
    # cell holding a lone CR, and readers split the row there ('RunPod \r=1' gave '=1').
    import csv
    import io

    from rivalscape.graph.report import _csv_text

    text = _csv_text(["name", "score"], [["RunPod \r=1", 0.5]])
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["name", "score"],
                                                                ["RunPod \r=1", "0.5"]]
