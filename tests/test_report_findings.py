"""Issue 10.4: the report opens with key findings, says what it left out, keeps who said what."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from landscape_paths import DATA
from rivalscape.graph import report as R


@pytest.fixture(scope="module")
def rep(shipped):
    return R.build_report(shipped.graph)


@pytest.fixture(scope="module")
def md(rep):
    return R.render_report(rep, "md")


def test_key_findings_on_the_shipped_data_by_hand(rep, md):
    # Checked by hand against the tables below them in the same report.
    f = {x["topic"]: x for x in rep["findings"]}
    assert list(f) == ["hubs", "contested", "bridges", "hidden_rivals", "one_sided"]
    assert f["hubs"]["entities"] == ["Modal Labs", "Replicate", "Humanloop"]
    assert f["hubs"]["text"].startswith(
        "The market revolves around Modal Labs (top 3 on all 5 measures; 5 rivals, "
        "betweenness 0.2222, PageRank 0.1405), Replicate (top 3 on 4 of 5: degree, betweenness, "
        "eigenvector, closeness; 4 rivals")
    assert f["contested"]["text"] == ("Most contested: Cloud providers (alternative), named by "
                                      "2 companies: Replicate and Weights & Biases.")
    assert f["bridges"]["entities"] == ["Replicate", "Modal Labs", "Cloud providers"]
    assert "Cloud providers (betweenness 0.1871; links the Replicate and Weights & Biases segments)" in f["bridges"]["text"]
    assert f["hidden_rivals"]["text"] == (
        "Strongest hidden rivals: Replicate and Weights & Biases (Jaccard 0.2222; both face "
        "Cloud providers, share Open Source Integration).")
    assert f["one_sided"]["text"] == (
        "Largest one-sided positioning: Humanloop, Modal Labs and Weights & Biases each claim an "
        "edge over 4 rivals that do not name them back.")
    head = md.split("## Centrality")[0]
    assert "## Key findings" in head and "1. The market revolves around Modal Labs" in head


def test_truncated_tables_say_how_many_and_how_to_see_them(rep, md, invoke):
    # the library says what shows the rest without naming a command (a more-rows hint) ...
    assert "… 5 more one-sided rivalries: a report of the top 15 lists them" in md
    assert "… 8 more entities: a report of the top 18 lists them" in md  # degree: 18 with a rival
    assert rep["rivalries"]["one_sided_count"] == 15 and len(rep["rivalries"]["one_sided"]) == 10
    # ... and the command line gives the command, in every format it writes
    for fmt in ("md", "html"):
        r = invoke("report", "--data", DATA, "--format", fmt)
        assert r.exit_code == 0, r.stderr
        assert "… 5 more one-sided rivalries: `landscape report --top 15`" in r.stdout
        assert "… 8 more entities: `landscape report --top 18`" in r.stdout


def test_top_large_enough_shows_everything(shipped):
    md = R.render_report(R.build_report(shipped.graph, top=50), "md")
    assert "more one-sided" not in md and "… " not in md


def test_plurals_pagerank_and_zero_rows(md, rep):
    assert "1 mutual rivalry, 15 one-sided rivalries" in md
    assert "1 competitor or alternative is named by at least 2 companies." in md
    assert "1 pair qualifies" in md
    assert "1 mutual rivalries" not in md and "1 companies" not in md
    assert "### PageRank" in md and "Pagerank" not in md
    assert "15 entities with betweenness 0 left out." in md
    btw = next(m for m in rep["centrality"]["metrics"] if m["metric"] == "betweenness")
    assert [r["name"] for r in btw["top"]] == ["Replicate", "Modal Labs", "Cloud providers",
                                                "Weights & Biases", "Humanloop"]
    assert "| 1 | Modal Labs | company | 5 | 0.2632 |" in md  # degree: rivals, then share


def test_mutual_rivalries_say_who_said_what(rep, md):
    assert ("| Modal Labs | Replicate | Replicate | Model marketplace vs. general compute platform "
            "| ai_infrastructure_2025.md:203 |") in md
    assert "More flexible, better for custom use cases, Model marketplace" not in md
    data = json.loads(R.render_report(rep, "json"))
    claims = data["rivalries"]["mutual"][0]["claims"]
    assert [(c["by"], c["against"]) for c in claims] == [("Modal Labs", "Replicate"),
                                                         ("Replicate", "Modal Labs")]
    assert all("by" in c for r in data["rivalries"]["one_sided"] for c in r["claims"])


def test_one_company_says_one_company():
    G = nx.Graph(name="One")
    G.add_node("a", label="A", kind="company")
    md = R.render_report(R.build_report(G), "md")
    assert "1 company, 0 competitors" in md
