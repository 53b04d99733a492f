"""The Spark job (graph/spark_report.py) against our own analysis, in Spark's local mode.

One SparkSession for the module (``local[2]``, two shuffle partitions, logs at ERROR). A small
hand-made landscape with answers worked out by hand, then a generated 10,000-entity landscape
(benchmarks/generate.py) compared table by table with graph.analysis.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time

import networkx as nx
import pyarrow.parquet as pq
import pytest

from landscape_paths import ROOT
from rivalscape.graph import analysis
from rivalscape.graph import spark_report as job
from rivalscape.graph.build import competition_graph
from rivalscape.graph.export_parquet import write_parquet

pytestmark = pytest.mark.spark

GENERATED = 10_000


@pytest.fixture(scope="module")
def spark():
    s = job.session("local[2]", shuffle_partitions=2, app="landscape-tests")
    yield s
    s.stop()


def _claim(by, against, text="better"):
    return {"by": by, "against": against, "text": text, "evidence": "vs-item",
            "source": {"path": "hand.md", "line": 1, "section": None}}


def _hand_graph() -> nx.Graph:
    """Companies a..f, competitors x, y, z, alternative s, theme t (members a, b).

    a names x, y, z; b names x; c and d name each other (mutual); e names d; c and e name s;
    f names nobody. Labels: c is "=Gamma" (a would-be formula, first by name), b is
    lower-case "beta" (case is folded when sorting).
    """
    G = nx.Graph(name="hand", documents=["hand.md"])
    kinds = {"a": "company", "b": "company", "c": "company", "d": "company", "e": "company",
             "f": "company", "x": "competitor", "y": "competitor", "z": "competitor",
             "s": "alternative", "t": "theme"}
    labels = {"a": "Alpha", "b": "beta", "c": "=Gamma", "d": "Delta", "e": "Epsilon",
              "f": "Zeta", "x": "Xeno", "y": "Yak", "z": "Zed", "s": "Self-managed",
              "t": "Theme"}
    for n, k in kinds.items():
        G.add_node(n, label=labels[n], kind=k, aliases=[], facts=[], sources=[])
    rivalries = {("a", "x"): ["a"], ("a", "y"): ["a"], ("a", "z"): ["a"], ("b", "x"): ["b"],
                 ("c", "d"): ["c", "d"], ("d", "e"): ["e"], ("c", "s"): ["c"], ("e", "s"): ["e"]}
    for (u, v), bys in rivalries.items():
        claims = [_claim(by, v if by == u else u) for by in bys]
        G.add_edge(u, v, kind="competes", claims=claims, claimants=sorted(bys),
                   mutual=len(bys) == 2, evidence=["vs-item"])
    for m in ("a", "b"):
        G.add_edge("t", m, kind="theme", theme="t", member=m, description="",
                   source={"path": "hand.md", "line": 9, "section": None})
    return G


def _run(spark, G, tmp_path) -> dict:
    write_parquet(G, tmp_path / "tables")
    tables = job.compute(spark, job.read_tables(spark, str(tmp_path / "tables")))
    return {name: [r.asDict(recursive=True) for r in df.collect()] for name, df in tables.items()}


@pytest.fixture(scope="module")
def hand(spark, tmp_path_factory):
    G = _hand_graph()
    return G, _run(spark, G, tmp_path_factory.mktemp("hand"))


def test_hand_made_degree_groups_and_directions(hand):
    G, out = hand
    deg = {r["id"]: (r["rivals"], r["degree"]) for r in out["degree"]}
    assert deg["a"] == (3, pytest.approx(3 / 9)) and deg["f"] == (0, 0.0) and "t" not in deg
    assert [r["id"] for r in out["degree"][:3]] == ["a", "c", "d"]  # 3, then 2s by name: =Gamma, Delta
    groups = {}
    for r in out["groups"]:
        groups.setdefault(r["group"], set()).add(r["id"])
        assert r["size"] == len([x for x in out["groups"] if x["group"] == r["group"]])
    assert sorted(map(sorted, groups.values())) == [["a", "b", "x", "y", "z"],
                                                    ["c", "d", "e", "s"], ["f"]]
    assert {r["group"] for r in out["groups"] if r["id"] == "s"} == {"c"}  # the smallest id
    assert [(r["a_id"], r["b_id"]) for r in out["mutual"]] == [("c", "d")]
    assert [(r["by_id"], r["against_id"]) for r in out["one_sided"]] == [
        ("c", "s"), ("a", "x"), ("a", "y"), ("a", "z"), ("b", "x"), ("e", "d"), ("e", "s")]
    assert out["one_sided"][0]["by"] == "=Gamma"
    assert out["most_contested"] == [
        {"id": "s", "label": "Self-managed", "kind": "alternative", "companies": 2,
         "named_by": ["=Gamma", "Epsilon"]},
        {"id": "x", "label": "Xeno", "kind": "competitor", "companies": 2,
         "named_by": ["Alpha", "beta"]}]
    assert [(r["id"], r["named_by"]) for r in analysis.most_contested(G)] == \
        [(r["id"], r["named_by"]) for r in out["most_contested"]]


def test_hand_made_pagerank_is_networkx(hand):
    G, out = hand
    expected = nx.pagerank(competition_graph(G), alpha=0.85, tol=1e-14, max_iter=1000)
    got = {r["id"]: r["pagerank"] for r in out["pagerank"]}
    assert got == pytest.approx(expected, abs=1e-10)
    assert sum(got.values()) == pytest.approx(1.0, abs=1e-10)
    summary = out["summary"][0]
    assert summary["competition_nodes"] == 10 and summary["rivalries"] == 8
    assert summary["pagerank_l1_change"] < job.PAGERANK_TOL


def test_hand_made_hidden_rivals(hand):
    G, out = hand
    # a: {x, y, z, t}, b: {x, t}: 2 shared of 4 -> 0.5; c: {d, s}, e: {d, s}: 2 of 2 -> 1.0,
    # but c and e are no rivals of each other while c-d and d-e are: both qualify.
    rows = [(r["a_id"], r["b_id"], r["score"], r["shared_rivals"], r["shared_themes"])
            for r in out["hidden_rivals"]]
    assert rows == [("c", "e", 1.0, 2, 0), ("a", "b", 0.5, 1, 1)]
    ours = analysis.hidden_rivals(G)
    assert [(p["a_id"], p["b_id"], p["score"]) for p in ours["pairs"]] == [r[:3] for r in rows]


def test_cli_writes_parquet_and_csv_and_keeps_formulas_out(spark, tmp_path, invoke):
    write_parquet(_hand_graph(), tmp_path / "tables")
    out = tmp_path / "out"
    r = invoke("spark-report", tmp_path / "tables", "-o", out, "--master", "local[2]")
    assert r.exit_code == 0, r.stderr
    assert "competition_nodes=10" in r.stdout
    for name in job.TABLES:
        assert pq.read_table(out / "parquet" / name).num_rows >= 1
    rows = []
    for f in sorted((out / "csv" / "one_sided").glob("part-*.csv")):
        with open(f, newline="", encoding="utf-8") as fh:
            rows += list(csv.DictReader(fh))
    assert [x["by"] for x in rows] == ["'=Gamma"] + ["Alpha"] * 3 + ["beta", "Epsilon", "Epsilon"]
    contested = list(csv.DictReader(open(next((out / "csv" / "most_contested").glob("part-*.csv")),
                                         newline="", encoding="utf-8")))
    assert contested[0]["named_by"] == "'=Gamma; Epsilon"
    # a second run replaces the tables whole; no staging folder is left behind
    r = invoke("spark-report", tmp_path / "tables", "-o", out, "--master", "local[2]")
    assert r.exit_code == 0, r.stderr
    assert sorted(os.listdir(out)) == ["csv", "parquet"]


def test_a_failed_write_keeps_the_earlier_tables(spark, tmp_path, monkeypatch):
    write_parquet(_hand_graph(), tmp_path / "tables")
    out = tmp_path / "out"
    tables = job.compute(spark, job.read_tables(spark, str(tmp_path / "tables")))
    job.write(spark, tables, str(out))
    before = sorted(str(p.relative_to(out)) for p in out.rglob("part-*"))  # names hold a uuid
    real, calls = job._csv_frame, []

    def broken(df):
        calls.append(df)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(df)

    monkeypatch.setattr(job, "_csv_frame", broken)
    with pytest.raises(OSError):
        job.write(spark, tables, str(out))
    assert sorted(str(p.relative_to(out)) for p in out.rglob("part-*")) == before
    assert sorted(os.listdir(out)) == ["csv", "parquet"]  # the staging folder is gone


def test_bad_input_is_a_message_not_a_traceback(spark, tmp_path, invoke):
    (tmp_path / "empty").mkdir()
    r = invoke("spark-report", tmp_path / "empty", "-o", tmp_path / "out", "--master", "local[2]")
    assert r.exit_code == 1
    assert "entities.parquet: cannot read the entities table" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "out" / "parquet").exists()


def test_without_pyspark_exit_2_names_the_extra(tmp_path, invoke, monkeypatch):
    monkeypatch.setattr(job, "F", None)
    r = invoke("spark-report", tmp_path, "-o", tmp_path / "out")
    assert r.exit_code == 2 and "pip install 'rivalscape[spark]'" in r.stderr


def test_spark_submit_runs_the_shipped_file(tmp_path):
    """The file runs as it is on a cluster: spark-submit with nothing of the package."""
    write_parquet(_hand_graph(), tmp_path / "tables")
    submit = os.path.join(os.path.dirname(sys.executable), "spark-submit")
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    conf = ["--conf", "spark.sql.shuffle.partitions=2", "--conf", "spark.ui.enabled=false"]
    p = subprocess.run([submit, "--master", "local[2]", *conf, job.__file__,
                        str(tmp_path / "tables"), str(tmp_path / "out")],
                       capture_output=True, text=True, env=env, timeout=900, cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "competition_nodes=10" in p.stdout
    assert pq.read_table(tmp_path / "out" / "parquet" / "mutual").num_rows == 1


# --------------------------------------------------------------------------- 10,000 entities


@pytest.fixture(scope="module")
def generated(spark, tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    from rivalscape.graph.pipeline import load

    folder = tmp_path_factory.mktemp("gen")
    for name, text in generate(GENERATED).items():
        (folder / name).write_text(text, encoding="utf-8")
    G = load([folder]).graph
    start = time.perf_counter()
    out = _run(spark, G, folder.parent / "tables10k")
    seconds = time.perf_counter() - start
    print(f"\nspark job on {G.number_of_nodes()} entities: {seconds:.1f} s", file=sys.stderr)
    return G, out


def test_generated_degree_and_pagerank_top_50(generated):
    G, out = generated
    ours = analysis.centrality(G, ["pagerank", "degree"])
    by_degree = analysis.centrality(G, ["degree"])
    assert [r["id"] for r in out["degree"][:50]] == [r["id"] for r in by_degree[:50]]
    assert [r["id"] for r in out["pagerank"][:50]] == [r["id"] for r in ours[:50]]
    pr = {r["id"]: r["pagerank"] for r in ours}
    assert len(out["pagerank"]) == len(pr) > 9000
    worst = max(abs(r["pagerank"] - pr[r["id"]]) / pr[r["id"]] for r in out["pagerank"])
    assert worst < 1e-4  # relative: far inside an absolute 1e-4 (values are ~1e-4 here)
    deg = {r["id"]: r["degree"] for r in by_degree}
    assert all(r["degree"] == pytest.approx(deg[r["id"]], abs=1e-12) for r in out["degree"])


def test_generated_groups_contested_and_directions(generated):
    G, out = generated
    comps = {frozenset(c) for c in nx.connected_components(competition_graph(G))}
    groups = {}
    for r in out["groups"]:
        groups.setdefault(r["group"], set()).add(r["id"])
    assert {frozenset(g) for g in groups.values()} == comps
    ours = analysis.most_contested(G)
    assert [(r["id"], r["companies"], r["named_by"]) for r in ours] == \
        [(r["id"], r["companies"], r["named_by"]) for r in out["most_contested"]]
    d = analysis.rivalry_directions(G)
    assert [(m["a_id"], m["b_id"]) for m in d["mutual"]] == \
        [(m["a_id"], m["b_id"]) for m in out["mutual"]]
    assert [(m["by_id"], m["against_id"]) for m in d["one_sided"]] == \
        [(m["by_id"], m["against_id"]) for m in out["one_sided"]]
    assert d["mutual_count"] > 100 and d["one_sided_count"] > 1000


def test_generated_hidden_rivals(generated):
    G, out = generated
    ours = analysis.hidden_rivals(G)
    assert ours["total"] == len(out["hidden_rivals"]) > 50
    mine = out["hidden_rivals"][:len(ours["pairs"])]
    assert [(p["a_id"], p["b_id"]) for p in ours["pairs"]] == [(p["a_id"], p["b_id"]) for p in mine]
    for p, q in zip(ours["pairs"], mine):
        assert analysis.rounded(q["score"]) == p["score"]
        assert (q["shared_rivals"], q["shared_themes"]) == (len(p["shared_rivals"]),
                                                            len(p["shared_themes"]))
