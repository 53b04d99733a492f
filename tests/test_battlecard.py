"""landscape battlecard: the shipped data section by section, and as-of dates from front matter
and from git (a history built in the test, see history_repo.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from history_repo import make_history
from landscape_paths import DATA, FIXTURES

from rivalscape.graph.asof import as_of_dates, document_dates, front_matter_date, parse_age
from rivalscape.graph.errors import UsageError

BASE = ("--data", DATA, "--no-git", "--today", "2026-01-01")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def card_json(invoke, *args):
    r = invoke("battlecard", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    return json.loads(r.stdout)


def texts(lines):
    return [(x["text"], x["source"]) for x in lines]


# --------------------------------------------------------------------------- shipped data


def test_modal_vs_replicate_section_by_section(invoke):
    doc = card_json(invoke, "Modal", "--vs", "Replicate", *BASE)
    assert list(doc) == ["subject", "today", "stale_after_days", "strongest_rule", "contents", "cards"]
    assert doc["subject"] == "Modal Labs" and doc["today"] == "2026-01-01"
    assert [r["rival"] for r in doc["contents"]] == ["Replicate"]
    (c,) = doc["cards"]
    assert list(c) == ["title", "a", "b", "read", "we_win_when", "they_say", "differentiators",
                       "same_deal", "sources", "stale_lines"]
    # header: both snapshots
    assert c["a"]["name"] == "Modal Labs" and c["a"]["aliases"] == ["Modal"]
    assert [(f["label"], f["text"], f["source"]) for f in c["a"]["facts"]][:2] == [
        ("Founded", "2021", "ai_infrastructure_2025.md:55"),
        ("Founders", "Akshat Bubna, Erik Bernhardsson (former Spotify)", "ai_infrastructure_2025.md:56")]
    assert c["b"]["name"] == "Replicate" and c["b"]["facts"][0]["text"] == "2019"
    # the thirty-second read
    r = c["read"]
    assert (r["rivalry"], r["mutual"]) == (True, True)
    assert r["strongest_ours"]["text"] == "More flexible, better for custom use cases"
    assert r["strongest_theirs"]["text"] == "Model marketplace vs. general compute platform"
    assert r["shared_themes"] == ["Abstraction Layer Value", "Open Source Integration"]
    assert r["shared_rivals"] == []
    # claims each way, with path:line and dimensions
    assert texts(c["we_win_when"]) == [("More flexible, better for custom use cases", "ai_infrastructure_2025.md:91")]
    assert c["we_win_when"][0]["dimensions"] == ["flexibility"]
    assert texts(c["they_say"]) == [("Model marketplace vs. general compute platform", "ai_infrastructure_2025.md:203")]
    assert c["differentiators"] == {"a": [], "b": []}
    assert [(v["name"], v["why"]) for v in c["same_deal"]] == [
        ("Cloud providers", "same segment as Replicate (Replicate)"),
        ("Custom deployment", "same segment as Replicate (Replicate)"),
        ("Hugging Face", "same segment as Replicate (Replicate)")]
    assert [s["source"] for s in c["sources"]] == [f"ai_infrastructure_2025.md:{n}" for n in
                                                   (55, 56, 57, 58, 59, 91, 165, 166, 167, 168, 169, 203)]
    assert all(s["as_of"] is None and not s["stale"] for s in c["sources"])  # --no-git, no front matter


def test_no_rivalry_shared_rival_and_differentiators(invoke):
    (c,) = card_json(invoke, "Replicate", "--vs", "W&B", *BASE)["cards"]
    assert c["read"]["rivalry"] is False and c["read"]["mutual"] is False
    assert c["we_win_when"] == [] and c["they_say"] == [] and c["read"]["strongest_ours"] is None
    assert c["read"]["shared_rivals"] == ["Cloud providers"]
    assert c["read"]["shared_themes"] == ["Open Source Integration"]
    assert [(t["theme"], t["text"], t["source"]) for t in c["differentiators"]["a"]] == [
        ("Abstraction Layer Value", "Abstracts model packaging and deployment", "ai_infrastructure_2025.md:329")]
    assert c["differentiators"]["b"] == []
    assert c["same_deal"][0] == {"name": "Cloud providers", "id": "cloud-providers",
                                 "kind": "alternative", "why": "rival of both"}


def test_every_rival_most_central_first_with_contents(invoke):
    doc = card_json(invoke, "W&B", *BASE)
    names = [r["rival"] for r in doc["contents"]]
    assert names == ["Cloud providers", "Internal tools", "MLflow", "Neptune"]
    ranks = [r["pagerank"] for r in doc["contents"]]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > ranks[1]  # the tie is broken by name
    assert [c["b"]["name"] for c in doc["cards"]] == names
    assert [c["title"] for c in doc["cards"]][0] == "Weights & Biases vs Cloud providers"


def test_markdown_sections_in_order_and_stable(invoke):
    r = invoke("battlecard", "Modal", "--vs", "Replicate", *BASE)
    assert r.exit_code == 0 and r.stderr == ""
    heads = [line for line in r.stdout.splitlines() if line.startswith("#")]
    assert heads == ["# Battlecards: Modal Labs", "## Modal Labs vs Replicate", "### Snapshots",
                     "### The thirty-second read", "### We win when (Modal Labs against Replicate)",
                     "### They say (Replicate against Modal Labs)", "### Differentiators",
                     "### Also in the deal", "### Sources"]
    assert ("- More flexible, better for custom use cases (flexibility) "
            "[ai_infrastructure_2025.md:91, undated]") in r.stdout
    assert "- Rivalry: mutual: both make claims" in r.stdout
    assert "## Contents" not in r.stdout
    assert invoke("battlecard", "Modal", "--vs", "Replicate", *BASE).stdout == r.stdout
    many = invoke("battlecard", "Modal", *BASE).stdout
    assert "## Contents\n\n1. Replicate (company; PageRank 0.1093; 2 claim(s))" in many


def test_output_file_and_html(invoke, tmp_path):
    out = tmp_path / "card.html"
    r = invoke("battlecard", "Modal", "--vs", "Replicate", *BASE, "--format", "html", "-o", out)
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == f"wrote {out}\n"
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert "default-src 'none'" in html and "@media print" in html
    assert "More flexible, better for custom use cases" in html


def test_a_company_without_rivals_gets_a_sentence_not_an_error(invoke):
    r = invoke("battlecard", "Cursor", *BASE)
    assert r.exit_code == 0
    assert r.stdout.endswith("\n\nAnysphere has no rivals in this landscape.\n")
    assert card_json(invoke, "Cursor", *BASE)["cards"] == []
    html = invoke("battlecard", "Cursor", *BASE, "--format", "html").stdout
    assert "Anysphere has no rivals in this landscape." in html
    assert invoke("battlecard", "Cursor", *BASE, "--format", "html").stdout == html


def test_usage_errors_exit_2(invoke):
    r = invoke("battlecard", "Modl", "--vs", "Replicate", *BASE)
    assert r.exit_code == 2 and "did you mean 'Modal Labs'" in r.stderr and r.stdout == ""
    r = invoke("battlecard", "Modal", "--vs", "Modal Labs", *BASE)
    assert r.exit_code == 2 and "two different entities" in r.stderr
    r = invoke("battlecard", "Modal", *BASE, "--stale-after", "soon")
    assert r.exit_code == 2 and "is not an age" in r.stderr
    r = invoke("battlecard", "Abstraction Layer Value", *BASE)
    assert r.exit_code == 2  # a theme is not a rival


def test_payloads_stay_text_in_markdown(invoke):
    r = invoke("battlecard", "Acme", "--vs", "Globex", "--data", FIXTURES / "battlecard_payloads",
               "--no-git", "--today", "2026-01-01")
    assert r.exit_code == 0, r.stderr
    assert re.search(r"(?<!\\)[<>\[\]]", r.stdout.replace("[xss.md", "").replace(", undated]", "")) is None
    assert "\\<script\\>alert(1)\\</script\\> cheaper" in r.stdout


# --------------------------------------------------------------------------- as-of dates


def test_parse_age():
    assert parse_age("180d") == dt.timedelta(days=180)
    assert parse_age("6m") == dt.timedelta(days=180) and parse_age("1y") == dt.timedelta(days=365)
    assert parse_age("30") == dt.timedelta(days=30)
    with pytest.raises(UsageError):
        parse_age("-3d")


@pytest.mark.parametrize("text, want", [
    ("---\ndate: 2025-02-01\n---\n# x\n", dt.date(2025, 2, 1)),
    ("\ufeff---\ndate: '2025-02-01'\ntitle: x\n...\n# x\n", dt.date(2025, 2, 1)),
    ("---\ndate: 2025-02-01T10:00:00\n---\n", dt.date(2025, 2, 1)),
    ("---\ntitle: no date\n---\n", None),
    ("---\ndate: [unclosed\n---\n", None),       # bad YAML: no date, no failure
    ("---\ndate: someday\n---\n", None),
    ("# x\n\n---\ndate: 2025-02-01\n---\n", None),  # not leading: a rule and a heading
    ("---\ndate: 2025-02-01\n", None),            # never closed
])
def test_front_matter_date(text, want):
    assert front_matter_date(text) == want


@needs_git
def test_dates_from_front_matter_and_from_git(tmp_path):
    notes, commits = make_history(tmp_path)
    assert document_dates([notes]) == {"hooli.md": dt.date(2025, 2, 1)}
    asof = as_of_dates([notes])
    assert asof.of({"path": "hooli.md", "line": 14}) == (dt.date(2025, 2, 1), "front matter")
    assert asof.of({"path": "acme.md", "line": 6}) == (dt.date(2025, 1, 10), "git")   # Founded
    assert asof.of({"path": "acme.md", "line": 11}) == (dt.date(2025, 4, 10), "git")  # vs. Vandelay
    assert asof.of({"path": "acme.md", "line": 13}) == (dt.date(2025, 7, 10), "git")  # renamed heading
    # An edit not yet committed has no date; the rest of the file keeps its dates.
    acme = notes / "acme.md"
    acme.write_text(acme.read_text().replace("Better quality", "Much better quality"))
    asof = as_of_dates([notes])
    assert asof.of({"path": "acme.md", "line": 11}) == (None, None)
    assert asof.of({"path": "acme.md", "line": 6}) == (dt.date(2025, 1, 10), "git")


@needs_git
def test_cli_dates_and_stale_flags(invoke, tmp_path):
    notes, _ = make_history(tmp_path)
    doc = card_json(invoke, "Acme", "--vs", "Globex", "--data", notes, "--today", "2025-08-01")
    (c,) = doc["cards"]
    assert c["title"] == "Acme vs Global Export"
    founded = c["a"]["facts"][0]
    assert (founded["source"], founded["as_of"], founded["as_of_from"], founded["stale"]) == (
        "acme.md:6", "2025-01-10", "git", True)  # 203 days before --today
    ours = {x["text"]: x for x in c["we_win_when"]}
    assert ours["Cheaper widgets for small teams"]["stale"] is True
    theirs = c["they_say"][0]
    assert (theirs["text"], theirs["as_of"], theirs["stale"]) == (
        "Enterprise-grade support contracts", "2025-04-10", False)
    assert c["stale_lines"] == sum(1 for s in c["sources"] if s["stale"]) > 0
    (h,) = card_json(invoke, "Hooli", "--data", notes, "--today", "2025-08-01",
                     "--stale-after", "1y")["cards"]
    assert (h["we_win_when"][0]["as_of"], h["we_win_when"][0]["as_of_from"], h["stale_lines"]) == (
        "2025-02-01", "front matter", 0)
    md = invoke("battlecard", "Hooli", "--data", notes, "--today", "2025-08-01").stdout
    assert "- Runs on our own cloud [hooli.md:14, as of 2025-02-01 (front matter), STALE]" in md


def test_missing_git_never_fails_the_command(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git here
    doc = card_json(invoke, "Modal", "--vs", "Replicate", "--data", DATA, "--today", "2026-01-01")
    assert all(s["as_of"] is None for s in doc["cards"][0]["sources"])
