"""Analysis commands through click's runner: stdout and stderr checked apart."""

from __future__ import annotations

import json

import pytest

from landscape_paths import DATA

D = ("--data", DATA)
COMMANDS = ["centrality", "report", "segments", "similar", "path"]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_ends_with_an_example(invoke, name):
    r = invoke(name, "--help")
    assert r.exit_code == 0
    assert f"landscape {name}" in r.stdout.split("Example:")[1]


def test_centrality_json_is_one_object(invoke):
    # issue 10.6: an object (how it was computed + rows), not a bare list
    r = invoke("centrality", *D, "--json", "--metric", "betweenness", "--top", "3")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert list(doc) == ["graph", "eigenvector", "sampling", "metric", "count", "shown", "rows"]
    rows = doc["rows"]
    assert [x["name"] for x in rows] == ["Replicate", "Modal Labs", "Cloud providers"]
    assert list(rows[0]) == ["name", "id", "kind", "rivals", "degree", "betweenness", "pagerank",
                             "eigenvector", "closeness"]
    assert doc["count"] == 20 and doc["shown"] == 3 and rows[0]["rivals"] == 4
    assert r.stderr == ""


def test_centrality_text_caption_on_stderr(invoke):
    # issue 10.9: the caption is not a result: stderr
    r = invoke("centrality", *D, "--top", "2", "--metric", "PageRank")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["name", "kind", "rivals", *["degree", "betweenness", "pagerank",
                                                            "eigenvector", "closeness"]]
    assert lines[1].startswith("Modal Labs") and len(lines) == 3
    assert "competition graph" in r.stderr and "per connected group" in r.stderr
    assert "Ranked by pagerank" in r.stderr and "the first 2 of 20 entities" in r.stderr


def test_centrality_bad_metric_is_misuse(invoke):
    r = invoke("centrality", *D, "--metric", "fame")
    assert r.exit_code == 2 and r.stdout == "" and "fame" in r.stderr


@pytest.mark.parametrize("fmt", ["md", "json", "html"])  # csv: a folder or zip, test_report_cli
def test_report_to_file_is_written_and_stdout_stays_clean(invoke, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    r = invoke("report", *D, "--format", fmt, "-o", out)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "" and str(out) in r.stderr
    text = out.read_text(encoding="utf-8")
    assert "Cloud providers" in text
    if fmt == "json":
        assert json.loads(text)["contested"]["rows"][0]["name"] == "Cloud providers"


def test_report_to_stdout_same_bytes_twice(invoke):
    a, b = invoke("report", *D), invoke("report", *D)
    assert a.exit_code == 0 and a.stdout == b.stdout
    assert a.stdout.startswith("# AI INFRASTRUCTURE")


def test_segments_json(invoke):
    r = invoke("segments", *D, "--json")
    assert r.exit_code == 0
    seg = json.loads(r.stdout)
    assert [u["name"] for u in seg["unconnected"]] == ["Anysphere", "Together AI"]
    assert 0 < seg["modularity"] < 1


def test_similar_by_acronym_json(invoke):
    r = invoke("similar", *D, "W&B", "--json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["name"] == "Weights & Biases"
    assert [(x["name"], x["shared_rivals"]) for x in out["similar"]] == [("Replicate", ["Cloud providers"])]


def test_path_text_and_json(invoke):
    r = invoke("path", *D, "Modal", "Cloud providers", "--json")
    assert r.exit_code == 0
    steps = json.loads(r.stdout)["steps"]
    assert [(s["from"], s["to"]) for s in steps] == [("Modal Labs", "Replicate"), ("Replicate", "Cloud providers")]
    t = invoke("path", *D, "Modal", "Cloud providers")
    assert "Specialized for AI vs. general infrastructure (ai_infrastructure_2025.md:" in t.stdout


def test_unknown_name_exits_2_with_suggestion(invoke):
    r = invoke("path", *D, "Modl", "AWS")
    assert r.exit_code == 2 and r.stdout == ""
    assert "did you mean 'Modal Labs'" in r.stderr


def test_no_path_is_an_empty_result_with_exit_0(invoke):
    # issue 10.9: like similar, "no result" is an empty result, exit 0, a note on stderr
    r = invoke("path", *D, "Cursor", "AWS", "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["steps"] == [] and doc["from"]["name"] == "Anysphere" and doc["to"]["id"] == "aws"
    assert "no chain of rivalries joins 'Anysphere' and 'AWS'" in r.stderr
    t = invoke("path", *D, "Cursor", "AWS")
    assert t.exit_code == 0 and t.stdout == ""
