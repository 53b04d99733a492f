"""Issue 7: one Analysis result, computed once, with explicit settings shown in every output."""

from __future__ import annotations

import ast
import dataclasses
import json
import re

import pytest

from landscape_paths import DATA, ROOT
from rivalscape.graph import analysis as A
from rivalscape.graph import report as R
from rivalscape.graph.analysis import engine
from rivalscape.graph.errors import UsageError
from rivalscape.graph.render import render_html

D = ("--data", str(DATA))


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="landscape-data">(.*?)</script>', html, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


@pytest.fixture()
def counted(monkeypatch):
    """Counts the igraph copies made and the analyses run."""
    calls = {"engine": 0, "analyze": 0}
    real_from_graph = engine.Engine.from_graph.__func__

    def from_graph(cls, G):
        calls["engine"] += 1
        return real_from_graph(cls, G)

    monkeypatch.setattr(engine.Engine, "from_graph", classmethod(from_graph))
    import rivalscape.graph.build_outputs as bo

    real_analyze = bo.analyze

    def analyze(*args, **kw):
        calls["analyze"] += 1
        return real_analyze(*args, **kw)

    monkeypatch.setattr(bo, "analyze", analyze)
    return calls


def test_build_runs_the_analysis_once(invoke, tmp_path, counted):
    # without the cache, which would serve an earlier build's analysis and compute none
    r = invoke("build", *D, "--out", tmp_path / "out", "--no-cache")
    assert r.exit_code == 0, r.stderr
    # page, report.md, centrality.md and graph.json all come from one analysis, one igraph copy
    assert counted == {"engine": 1, "analyze": 1}


def test_build_shows_the_settings_in_every_output(invoke, tmp_path):
    out = tmp_path / "out"
    r = invoke("build", *D, "--out", out, "--sampling", "sampled", "--seed", "7")
    assert r.exit_code == 0, r.stderr
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert graph["analysis"]["settings"]["sampling"] == "sampled"
    assert graph["analysis"]["settings"]["seed"] == 7
    assert graph["analysis"]["sampling"]["seed"] == 7
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "Settings: sampling sampled" in report and "seed 7" in report
    assert "seed 7" in (out / "centrality.md").read_text(encoding="utf-8")
    data = page_data((out / "landscape.html").read_text(encoding="utf-8"))
    assert "sampling sampled" in data["settings"] and "Layout seed 7." in data["settings"]


def test_one_seed_moves_the_layout_and_the_same_seed_gives_the_same_bytes(invoke, tmp_path):
    pages = {}
    for name, seed in (("a", 0), ("b", 0), ("c", 3)):
        r = invoke("build", *D, "--out", tmp_path / name, "--seed", seed)
        assert r.exit_code == 0, r.stderr
        pages[name] = (tmp_path / name / "landscape.html").read_text(encoding="utf-8")
    assert pages["a"] == pages["b"]
    xy = lambda html: [(n["x"], n["y"]) for n in page_data(html)["nodes"]]
    assert xy(pages["a"]) != xy(pages["c"])


def test_report_formats_show_sampling_and_seed(shipped):
    rep = R.build_report(shipped.graph, sampling="exact", seed=5)
    assert rep["settings"] == {"sampling": "exact", "seed": 5, "sample_size": A.DEFAULT_SAMPLE,
                               "resolution": 1.0, "threshold": A.HIDDEN_RIVAL_THRESHOLD, "top": 10}
    assert rep["centrality"]["sampling"]["sampling"] == "exact"
    for fmt in ("md", "html"):
        text = R.render_report(rep, fmt)
        assert "Settings: sampling exact (exact values), seed 5" in text
    assert json.loads(R.render_report(rep, "json"))["settings"]["seed"] == 5


def test_sampled_setting_samples_a_small_graph_and_says_so(shipped):
    rep = R.build_report(shipped.graph, sampling="sampled", sample_size=5, seed=2)
    plan = rep["centrality"]["sampling"]
    assert plan == {"sampling": "sampled", "nodes": 20, "exact_limit": A.EXACT_LIMIT,
                    "exact": False, "sample_size": 5, "seed": 2}
    assert "estimated from a seeded sample of 5 source nodes (seed 2)" in R.render_report(rep, "md")


def test_settings_are_checked():
    with pytest.raises(UsageError, match="unknown sampling 'fast'"):
        A.Settings(sampling="fast")
    with pytest.raises(UsageError, match="sample size"):
        A.Settings(sample_size=0)
    with pytest.raises(UsageError, match="top"):
        A.Settings(top=0)


def test_cli_sampling_choice_and_deprecated_exact(invoke):
    bad = invoke("centrality", *D, "--sampling", "fast")
    assert bad.exit_code == 2 and "fast" in bad.stderr
    old = invoke("centrality", *D, "--exact", "--json")
    assert old.exit_code == 0, old.stderr
    assert json.loads(old.stdout)["sampling"]["sampling"] == "exact"
    assert "--exact is deprecated" in old.stderr
    new = invoke("centrality", *D, "--sampling", "sampled", "--seed", "4", "--json")
    assert json.loads(new.stdout)["sampling"] == {
        "sampling": "sampled", "nodes": 20, "exact_limit": A.EXACT_LIMIT, "exact": True,
        "sample_size": None, "seed": 4}  # the default sample (256) covers 20 entities


def test_analysis_is_frozen_and_read_by_page_and_report_alike(shipped):
    result = A.analyze(shipped.graph, A.Settings(seed=1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.settings = A.Settings()  # type: ignore[misc]
    rep = R.build_report(shipped.graph, result)
    assert rep["settings"]["seed"] == 1
    nodes = {r["id"]: r for r in rep["nodes"]}
    for n, metrics in result.node_metrics().items():
        assert metrics["pagerank"] == pytest.approx(nodes[n]["pagerank"], abs=1e-6)
        assert nodes[n]["segment"] == result.node_segments()[n]
    page = page_data(render_html(shipped.graph, analysis=result).html)
    by_id = {p["id"]: p for p in page["nodes"]}
    names = [m["key"] for m in page["metrics"]]
    for n, metrics in result.node_metrics().items():
        assert by_id[n]["m"][names.index("degree")] == pytest.approx(metrics["degree"], abs=1e-6)
        assert by_id[n].get("seg") == result.node_segments()[n]
    assert page["segmentNames"] == {str(k): v for k, v in sorted(result.segment_names().items())}
    with pytest.raises(UsageError, match="not both"):
        R.build_report(shipped.graph, result, seed=3)


def test_no_module_outside_the_analysis_package_reaches_into_its_privates():
    """report.py used A.Engine, A._metric_values and A._segments; outputs read the result."""
    found = []
    for folder in ("graph", "cli"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.parent.name == "analysis":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                        and node.value.id in ("A", "analysis") and node.attr.startswith("_")):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
                if (isinstance(node, ast.ImportFrom) and "analysis" in (node.module or "")
                        and any(a.name.startswith("_") for a in node.names)):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: from {node.module} import _")
                if (isinstance(node, ast.Attribute) and node.attr == "Engine"
                        and path.name in ("report.py", "render.py")):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .Engine")
    assert found == []


def test_one_igraph_conversion_and_one_rng_swap():
    """Only graph/analysis/engine.py builds igraph graphs or swaps igraph's generator."""
    found = []
    for path in sorted((ROOT / "graph").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in ("set_random_number_generator(", "ig.Graph(", "igraph.Graph(", "random.Random("):
            if pattern in text and path.name != "engine.py":
                found.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert found == []


def test_sampling_note_says_why_values_are_exact():
    plan = {"sampling": "sampled", "nodes": 20, "exact_limit": A.EXACT_LIMIT, "exact": True,
            "sample_size": None, "seed": 0}
    assert "the sample covers every entity" in R.sampling_note(plan)
    assert "sampling exact;" in R.sampling_note({**plan, "sampling": "exact"})


def test_segments_text_has_blank_lines_not_escaped_newlines(invoke):
    r = invoke("segments", *D)
    assert r.exit_code == 0, r.stderr
    assert "\\x0a" not in r.stdout and "\n\n0. " in r.stdout
