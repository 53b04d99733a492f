"""The faster analysis gives the same answers as the plain definitions it replaced.

Each test computes a part the slow, obvious way (one step after the other, every entity,
every claim) on a generated landscape and on the shipped data, and compares it with
:func:`graph.analysis.analyze`'s result, value for value.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rivalscape.graph.analysis import METRICS, Settings, analyze, classify_claim, claim_dimensions
from rivalscape.graph.analysis import result as R
from rivalscape.graph.analysis.centrality import metric_values
from rivalscape.graph.analysis.engine import Engine, ranking_key, sampling_plan
from rivalscape.graph.analysis.segments import segments_of
from rivalscape.graph.pipeline import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--entities", "1500",
                    "--out", str(out), "--seed", "3"], check=True, capture_output=True)
    return load([out]).graph


@pytest.fixture(params=["generated", "shipped"])
def graph(request, generated, shipped):
    return generated if request.param == "generated" else shipped.graph


def _bridges_by_definition(G, result):
    """Every entity with betweenness and a rival in another segment, sorted, the first three."""
    seg_of = {n: s for n, s in result.segment_of.items() if s is not None}
    rows = []
    for e in result.entities:
        n, own = e["id"], seg_of.get(e["id"])
        b = result.centrality["betweenness"][n]
        others = {seg_of[w] for w in G.adj[n] if w in seg_of and seg_of[w] != own
                  and G.edges[n, w].get("kind") == "competes"}
        if own is not None and others and b > 0:
            rows.append((ranking_key(b, e["name"], n), {"id": n, "name": e["name"], "betweenness": b,
                                                         "segment": own, "others": sorted(others)}))
    return [r for _, r in sorted(rows, key=lambda x: x[0])[:3]]


@pytest.mark.parametrize("settings", [Settings(), Settings(sampling="sampled", sample_size=50, seed=4)])
def test_analysis_on_worker_threads_equals_one_step_after_the_other(graph, settings):
    result = analyze(graph, settings)
    eng = Engine.from_graph(graph)
    plan = sampling_plan(eng, sampling=settings.sampling, sample_size=settings.sample_size,
                         seed=settings.seed)
    values = metric_values(eng, METRICS, plan)
    seg = segments_of(graph, eng, values["pagerank"], seed=settings.seed, resolution=settings.resolution)
    assert result.sampling == plan
    assert list(result.centrality) == list(METRICS)
    assert result.centrality == {m: dict(zip(eng.nodes, values[m])) for m in METRICS}
    assert result.segments == seg
    assert {k: getattr(result, k) for k in R._sections(graph, settings, R.ALL_PARTS)} == R._sections(graph, settings, R.ALL_PARTS)
    assert list(result.bridges) == _bridges_by_definition(graph, result)
    for m in METRICS:  # each ranking sorted by the whole key
        assert list(result.rankings[m]) == sorted(
            eng.nodes, key=lambda n: ranking_key(result.centrality[m][n], graph.nodes[n]["label"], n))


def test_the_generated_landscape_has_bridges_and_claims_to_compare(generated):
    result = analyze(generated)
    assert len(result.bridges) == 3 and result.claim_dimensions["statements"] > 1000


def test_claim_dimensions_classify_each_statement_as_classify_claim_does(graph):
    dims = claim_dimensions(graph)
    assert dims["claims"]
    totals = {d["id"]: 0 for d in dims["dimensions"]}
    for row in dims["claims"]:
        assert row["dimensions"] == classify_claim(row["text"])
        for x in row["dimensions"]:
            totals[x] += 1
    assert dims["totals"] == totals
    assert [r["text"] for r in dims["unclassified"]] == [
        r["text"] for r in dims["claims"] if not classify_claim(r["text"])]
