"""`landscape export --format parquet`: the tables the Spark job reads (graph/export_parquet.py)."""

from __future__ import annotations

import ast
import os
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from landscape_paths import DATA, package_folder
from rivalscape.graph.export_parquet import TABLES, export_parquet, parquet_tables

UNTRUSTED = "=HYPERLINK(\"http://x\")\x1b[2J <script>alert(1)</script> \u202e bidi"


def _read(folder) -> dict:
    return {name: pq.read_table(os.path.join(folder, f"{name}.parquet")) for name in TABLES}


def test_schema_and_row_counts_match_the_graph(shipped):
    G = shipped.graph
    t = parquet_tables(G)
    assert t["entities"].schema.names == ["id", "label", "kind", "aliases", "founded",
                                          "funding_usd", "valuation_usd", "funding_round", "facts"]
    assert t["rivalries"].schema.names == ["a", "b", "mutual", "claimants", "evidence", "claims"]
    assert t["memberships"].schema.names == ["theme", "member", "description", "path", "line"]
    claim = t["rivalries"].schema.field("claims").type.value_type
    assert [f.name for f in claim] == ["by", "against", "text", "evidence", "path", "line"]
    assert t["rivalries"].schema.field("mutual").type == pa.bool_()
    assert t["entities"].schema.field("founded").type == pa.int64()

    competes = [(u, v, d) for u, v, d in G.edges(data=True) if d["kind"] == "competes"]
    assert t["entities"].num_rows == G.number_of_nodes()
    assert t["rivalries"].num_rows == len(competes)
    assert t["memberships"].num_rows == G.number_of_edges() - len(competes)
    claims = t["rivalries"].column("claims").to_pylist()
    assert sum(map(len, claims)) == sum(len(d["claims"]) for *_, d in competes)
    assert sum(t["rivalries"].column("mutual").to_pylist()) == sum(d["mutual"] for *_, d in competes)
    # every row is an edge of the graph, with its claims in the graph's order
    for row in t["rivalries"].to_pylist():
        assert row["a"] < row["b"]
        d = G.edges[row["a"], row["b"]]
        assert [c["text"] for c in row["claims"]] == [c["text"] for c in d["claims"]]
        assert [f"{c['path']}:{c['line']}" for c in row["claims"]] == \
            [f"{c['source']['path']}:{c['source']['line']}" for c in d["claims"]]
    kinds = dict(zip(t["entities"].column("id").to_pylist(), t["entities"].column("kind").to_pylist()))
    assert kinds == dict(G.nodes(data="kind"))
    assert t["entities"].schema.metadata[b"landscape.table"] == b"entities"


def test_rows_are_sorted(shipped):
    t = parquet_tables(shipped.graph)
    ids = t["entities"].column("id").to_pylist()
    pairs = list(zip(t["rivalries"].column("a").to_pylist(), t["rivalries"].column("b").to_pylist()))
    members = list(zip(t["memberships"].column("theme").to_pylist(),
                       t["memberships"].column("member").to_pylist()))
    assert ids == sorted(ids) and pairs == sorted(pairs) and members == sorted(members)
    assert len(set(pairs)) == len(pairs) > 10


def test_same_graph_same_bytes_and_cli_reruns_are_byte_identical(shipped, invoke, tmp_path):
    assert export_parquet(shipped.graph) == export_parquet(shipped.graph)
    first = tmp_path / "one"
    second = tmp_path / "two"
    assert invoke("export", "--data", DATA, "--format", "parquet", "-o", first).exit_code == 0
    time.sleep(1.1)  # a timestamp in the file would now differ
    r = invoke("export", "--data", DATA, "--format", "parquet", "-o", second)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    for name in TABLES:
        a = (first / f"{name}.parquet").read_bytes()
        assert a == (second / f"{name}.parquet").read_bytes(), name
        assert a[:4] == b"PAR1"
    meta = pq.read_metadata(first / "entities.parquet")
    assert meta.created_by.startswith("parquet-cpp-arrow")
    assert set(meta.metadata) == {b"ARROW:schema", b"landscape.table", b"landscape.parquet_version"}


def test_untrusted_text_is_kept_as_data(tmp_path, invoke):
    doc = tmp_path / "data" / "evil.md"
    doc.parent.mkdir()
    doc.write_text(
        "### 1. ACME (Acme): Tools\n"
        "**Company Snapshot**\n"
        "- Founded: 2020\n"
        "**Competitive Positioning**\n"
        f"- **vs. Globex**: {UNTRUSTED}\n"
        "- **vs. Initech**: cheaper\n", encoding="utf-8")
    out = tmp_path / "tables"
    r = invoke("export", "--data", doc.parent, "--format", "parquet", "-o", out)
    assert r.exit_code == 0, r.stderr
    t = _read(out)
    texts = [c["text"] for row in t["rivalries"].to_pylist() for c in row["claims"]]
    assert UNTRUSTED in texts
    assert sorted(t["entities"].column("label").to_pylist()) == ["Acme", "Globex", "Initech"]


def test_lone_surrogates_are_written_as_escapes(shipped):
    G = shipped.graph.copy()
    G.add_node("x", label="caf\udce9", kind="competitor", aliases=["\ud800"], facts=[], sources=[])
    t = parquet_tables(G)
    row = [r for r in t["entities"].to_pylist() if r["id"] == "x"][0]
    assert row["label"] == "caf\\xe9" and row["aliases"] == ["\\ud800"]


def test_an_earlier_set_survives_bad_input(tmp_path, invoke):
    out = tmp_path / "tables"
    assert invoke("export", "--data", DATA, "--format", "parquet", "-o", out).exit_code == 0
    before = {n: (out / f"{n}.parquet").read_bytes() for n in TABLES}
    assert os.path.islink(out / "entities.parquet")  # published through .landscape/current
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities: [\n", encoding="utf-8")
    r = invoke("export", "--data", bad, "--format", "parquet", "-o", out)
    assert r.exit_code == 1
    assert {n: (out / f"{n}.parquet").read_bytes() for n in TABLES} == before


def test_parquet_needs_a_folder(tmp_path, invoke):
    r = invoke("export", "--data", DATA, "--format", "parquet")
    assert r.exit_code == 2 and "give a folder with -o" in r.stderr
    f = tmp_path / "file"
    f.write_text("x")
    r = invoke("export", "--data", DATA, "--format", "parquet", "-o", f)
    assert r.exit_code == 2 and "is a file" in r.stderr


def test_without_pyarrow_exit_2_names_the_extra(tmp_path, invoke, monkeypatch):
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    r = invoke("export", "--data", DATA, "--format", "parquet", "-o", tmp_path / "t")
    assert r.exit_code == 2
    assert "pip install 'rivalscape[parquet]'" in r.stderr
    assert not (tmp_path / "t").exists()


def test_the_spark_job_imports_only_the_standard_library_and_pyspark():
    """graph/spark_report.py is shipped to a cluster as one file (spark-submit)."""
    path = package_folder("graph") / "spark_report.py"
    tops = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            tops |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative import"
            tops.add(node.module.split(".")[0])
    assert tops - set(sys.stdlib_module_names) == {"pyspark"}
