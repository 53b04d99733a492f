"""Issue 7: ``analyze(G, settings, parts=...)`` computes only the parts asked for; the commands
that show one part (centrality, segments, battlecard, diff) read an Analysis result computed
that way, from one igraph copy per graph."""

from __future__ import annotations

import json
import pickle

import pytest

from landscape_paths import DATA
from rivalscape.graph import analysis as A
from rivalscape.graph import battlecard as bc
from rivalscape.graph.analysis import engine, result as result_module
from rivalscape.graph.errors import UsageError

D = ("--data", str(DATA), "--no-cache")


@pytest.fixture()
def counted(monkeypatch):
    """Counts igraph copies, analyses (with the parts asked for), metrics and segmentations."""
    calls = {"engine": 0, "analyze": [], "metrics": [], "segments": 0}
    real_from_graph = engine.Engine.from_graph.__func__

    def from_graph(cls, G):
        calls["engine"] += 1
        return real_from_graph(cls, G)

    real_analyze, real_metrics, real_segments = (
        result_module.analyze, result_module.metric_values, result_module.segments_of)

    def analyze(*args, parts=A.ALL_PARTS, **kw):
        calls["analyze"].append(sorted(parts))
        return real_analyze(*args, parts=parts, **kw)

    def metric_values(eng, metrics, plan):
        calls["metrics"].append(tuple(metrics))
        return real_metrics(eng, metrics, plan)

    def segments_of(*args, **kw):
        calls["segments"] += 1
        return real_segments(*args, **kw)

    monkeypatch.setattr(engine.Engine, "from_graph", classmethod(from_graph))
    monkeypatch.setattr(A, "analyze", analyze)  # what the CLI and the outputs call
    monkeypatch.setattr(result_module, "metric_values", metric_values)
    monkeypatch.setattr(result_module, "segments_of", segments_of)
    return calls


# --------------------------------------------------------------------------- the result


def test_parts_not_computed_raise_a_clear_error(shipped):
    only = A.analyze(shipped.graph, parts={"segments"})
    assert only.parts == {"segments", "pagerank"}  # segments compute PageRank on the way
    assert only.segments == A.segments(shipped.graph)
    for name in ("hubs", "bridges", "contested", "directions", "one_sided_by", "hidden_rivals",
                 "claim_dimensions", "theme_coverage"):
        with pytest.raises(A.NotComputedError, match=f"did not compute {name} "):
            getattr(only, name)
        with pytest.raises(A.NotComputedError):  # not an empty default either
            getattr(only, name, None)
    with pytest.raises(A.NotComputedError, match="betweenness metric.*needs the part.*centrality"):
        only.centrality["betweenness"]
    with pytest.raises(A.NotComputedError, match="closeness"):
        only.rankings["closeness"]
    with pytest.raises(A.NotComputedError):
        only.node_metrics()
    with pytest.raises(KeyError):
        only.centrality["no such metric"]
    assert "segments" in repr(only)
    assert not hasattr(only, "no_such_field")


def test_a_part_alone_has_the_values_of_the_whole_analysis(shipped):
    whole = A.analyze(shipped.graph)
    assert whole.parts == A.ALL_PARTS
    cent = A.analyze(shipped.graph, parts={"centrality"})
    assert dict(cent.centrality) == dict(whole.centrality)
    assert dict(cent.rankings) == dict(whole.rankings)
    assert cent.hubs == whole.hubs and cent.entities == whole.entities
    with pytest.raises(A.NotComputedError, match="segments"):
        cent.segments
    pr = A.analyze(shipped.graph, parts="pagerank")
    assert list(pr.centrality) == ["pagerank"]
    assert pr.centrality["pagerank"] == whole.centrality["pagerank"]
    rivals = A.analyze(shipped.graph, parts={"rivals", "claims", "themes"})
    assert rivals.contested == whole.contested and rivals.hidden_rivals == whole.hidden_rivals
    assert rivals.theme_coverage == whole.theme_coverage
    with pytest.raises(A.NotComputedError, match="pagerank metric.*needs the part.*pagerank"):
        rivals.centrality["pagerank"]


def test_a_partial_result_survives_pickling_as_the_cache_keeps_it(shipped):
    only = pickle.loads(pickle.dumps(A.analyze(shipped.graph, parts={"pagerank"})))
    assert only.parts == {"pagerank"} and only.centrality["pagerank"]
    with pytest.raises(A.NotComputedError):
        only.segments
    with pytest.raises(A.NotComputedError):
        only.centrality["degree"]


def test_unknown_part_is_refused(shipped):
    with pytest.raises(UsageError, match="unknown analysis part 'segment'"):
        A.analyze(shipped.graph, parts={"segment"})


def test_only_the_parts_asked_for_are_computed(shipped, counted):
    A.analyze(shipped.graph, parts={"pagerank"})
    assert counted["metrics"] == [("pagerank",)] and counted["segments"] == 0
    A.analyze(shipped.graph, parts={"rivals"})
    assert counted["metrics"][-1] == () and counted["segments"] == 0
    assert counted["engine"] == 2


# --------------------------------------------------------------------------- the commands


def test_centrality_command_reads_an_analysis_of_centrality_alone(invoke, counted):
    r = invoke("centrality", *D, "--json", "--top", "3")
    assert r.exit_code == 0, r.stderr
    assert counted["analyze"] == [["centrality"]] and counted["engine"] == 1
    # every metric once
    assert sorted(m for call in counted["metrics"] for m in call) == sorted(A.METRICS)
    assert counted["segments"] == 0
    doc = json.loads(r.stdout)
    assert doc["count"] == 20 and doc["shown"] == 3
    assert doc["rows"][0]["name"] == "Modal Labs" and doc["rows"][0]["rivals"] > 0


def test_segments_command_reads_an_analysis_of_segments_alone(invoke, counted):
    r = invoke("segments", *D, "--json", "--seed", "2")
    assert r.exit_code == 0, r.stderr
    assert counted["analyze"] == [["segments"]] and counted["engine"] == 1
    # no betweenness, closeness, eigenvector: what segments do not show is not computed
    assert counted["metrics"] == [("pagerank",)] and counted["segments"] == 1
    assert json.loads(r.stdout)["seed"] == 2


@pytest.mark.parametrize("args", [("Modal", "--vs", "Replicate"), ("Modal",)])
def test_battlecard_makes_one_igraph_copy(invoke, counted, args):
    r = invoke("battlecard", *args, *D, "--no-git", "--today", "2026-01-01", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert counted["engine"] == 1 and counted["analyze"] == [["segments"]]
    assert counted["metrics"] == [("pagerank",)]


def test_pair_cards_compute_segments_once_for_every_card(shipped, counted):
    G = shipped.graph
    cards = list(bc.pair_cards(G, [("modal-labs", "replicate"), ("modal-labs", "runpod")]))
    assert len(cards) == 2 and counted["engine"] == 1


def test_diff_makes_one_igraph_copy_per_side(invoke, counted):
    r = invoke("diff", DATA, DATA, *D, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert counted["engine"] == 2 and counted["analyze"] == [["segments"], ["segments"]]
    assert json.loads(r.stdout)["counts"]  # the diff of a folder with itself: nothing changed
