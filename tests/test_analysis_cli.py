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


def test_centrality_json_is_pure_rows(invoke):
    r = invoke("centrality", *D, "--json", "--metric", "betweenness", "--top", "3")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [x["name"] for x in rows] == ["Replicate", "Modal Labs", "Cloud providers"]
    assert list(rows[0]) == ["name", "id", "kind", "degree", "betweenness", "pagerank",
                             "eigenvector", "closeness"]
    assert r.stderr == ""


def test_centrality_text_says_competition_graph(invoke):
    r = invoke("centrality", *D, "--top", "2")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert "competition graph" in lines[0]
    assert lines[2].startswith("Modal Labs")
    assert len(lines) == 4


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


def test_no_path_exits_1(invoke):
    r = invoke("path", *D, "Cursor", "AWS")
    assert r.exit_code == 1 and r.stdout == ""
    assert "no chain of rivalries joins 'Anysphere' and 'AWS'" in r.stderr


def test_segments_resolution_and_method(invoke):
    r = invoke("segments", *D, "--json", "--resolution", "0.5")
    assert r.exit_code == 0, r.stderr
    seg = json.loads(r.stdout)
    assert seg["resolution"] == 0.5 and seg["method"] == "best of 10 seeded Leiden runs"
    t = invoke("segments", *D)
    assert t.stdout.splitlines()[0].startswith("4 segments, modularity 0.6230 (exact modularity optimum")
    assert invoke("segments", *D, "--resolution", "0").exit_code == 2
