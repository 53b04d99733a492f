"""Exact expectations on the real document shipped in data/."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from landscape_paths import DATA, ROOT

COMPANIES = {
    "Anysphere": ["Cursor"],
    "Modal Labs": ["Modal"],
    "Together AI": ["Together"],
    "Replicate": [],
    "Weights & Biases": ["W&B"],
    "Humanloop": [],
}
RIVALRIES = {
    ("Modal Labs", "AWS"), ("Modal Labs", "GCP"), ("Modal Labs", "Replicate"),
    ("Modal Labs", "RunPod"), ("Modal Labs", "Self-managed"),
    ("Replicate", "Hugging Face"), ("Replicate", "Cloud providers"),
    ("Replicate", "Custom deployment"),
    ("Weights & Biases", "MLflow"), ("Weights & Biases", "Neptune"),
    ("Weights & Biases", "Cloud providers"), ("Weights & Biases", "Internal tools"),
    ("Humanloop", "LangChain"), ("Humanloop", "OpenAI Fine-tuning"),
    ("Humanloop", "Custom solutions"), ("Humanloop", "General MLOps"),
}
THEMES = {
    "Abstraction Layer Value": {"Modal Labs", "Replicate", "Together AI", "Anysphere"},
    "Developer Experience Focus": set(),
    "Infrastructure vs. Application Strategy": set(),
    "Open Source Integration": {"Together AI", "Modal Labs", "Weights & Biases", "Replicate"},
    "Enterprise vs. Developer-First Go-to-Market": set(),
}
ALTERNATIVES = {"Self-managed", "Cloud providers", "Custom deployment", "Internal tools",
                "Custom solutions", "General MLOps"}
COMPETITORS = {"AWS", "GCP", "RunPod", "Hugging Face", "MLflow", "Neptune", "LangChain",
               "OpenAI Fine-tuning"}


def labels(G, kind):
    return {d["label"] for _, d in G.nodes(data=True) if d["kind"] == kind}


def test_companies_and_aliases(shipped):
    G = shipped.graph
    got = {d["label"]: d["aliases"] for _, d in G.nodes(data=True) if d["kind"] == "company"}
    assert got == COMPANIES


def test_kinds(shipped):
    G = shipped.graph
    assert labels(G, "alternative") == ALTERNATIVES
    assert labels(G, "competitor") == COMPETITORS
    assert labels(G, "theme") == set(THEMES)
    assert G.number_of_nodes() == 6 + len(ALTERNATIVES) + len(COMPETITORS) + len(THEMES)


def test_rivalries_exactly(shipped):
    G = shipped.graph
    got = {
        frozenset((G.nodes[u]["label"], G.nodes[v]["label"]))
        for u, v, k in G.edges(data="kind") if k == "competes"
    }
    assert got == {frozenset(p) for p in RIVALRIES}
    assert len(got) == 16


def test_mutual_rivalry_has_both_claims(shipped):
    G = shipped.graph
    e = G.edges["modal-labs", "replicate"]
    assert e["mutual"] is True
    assert e["claimants"] == ["modal-labs", "replicate"]
    assert [(c["by"], c["text"], c["source"]["line"]) for c in e["claims"]] == [
        ("modal-labs", "More flexible, better for custom use cases", 91),
        ("replicate", "Model marketplace vs. general compute platform", 203),
    ]
    one_sided = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "competes" and not d["mutual"]]
    assert len(one_sided) == 15


def test_claims_and_provenance(shipped):
    G = shipped.graph
    (claim,) = G.edges["modal-labs", "aws"]["claims"]
    assert claim == {
        "by": "modal-labs",
        "against": "aws",
        "text": "10x simpler deployment, better pricing transparency",
        "source": {"path": "ai_infrastructure_2025.md", "line": 90,
                   "section": "2. MODAL LABS: Serverless Computing for AI"},
        "evidence": "vs-item",
    }
    # "AWS/GCP" is one item naming two rivals: both edges carry the same claim and line.
    assert G.edges["modal-labs", "gcp"]["claims"][0]["source"]["line"] == 90
    for n, d in G.nodes(data=True):
        assert d["sources"], n
        assert all(s["path"] == "ai_infrastructure_2025.md" and s["line"] for s in d["sources"])


def test_theme_memberships_exactly(shipped):
    G = shipped.graph
    got = {}
    for n, d in G.nodes(data=True):
        if d["kind"] == "theme":
            got[d["label"]] = {G.nodes[m]["label"] for m in G.adj[n]}
    assert got == THEMES
    assert G.edges["theme:abstraction-layer-value", "anysphere"]["description"] == (
        "Abstracts AI integration into development workflows")
    assert G.edges["theme:abstraction-layer-value", "anysphere"]["source"]["line"] == 331


def test_snapshot_facts(shipped):
    d = shipped.graph.nodes["anysphere"]
    assert [(f["label"], f["text"], f["source"]["line"]) for f in d["facts"]] == [
        ("Founded", "2023", 14),
        ("Team", "Former OpenAI researchers and MIT grads", 15),
        ("Product", "AI-native code editor", 16),
        ("Funding", "$60M Series A at $400M valuation (2024)", 17),
        ("Users", "30,000+ paying developers", 18),
    ]
    assert (d["founded"], d["funding_usd"], d["funding_round"], d["valuation_usd"]) == (
        2023, 60e6, "Series A", 400e6)
    t = shipped.graph.nodes["together-ai"]
    assert (t["funding_usd"], t["valuation_usd"]) == (102.5e6, 1.25e9)
    assert shipped.graph.nodes["humanloop"]["funding_round"] == "Seed"


def test_no_warnings_on_shipped_data(shipped):
    assert shipped.diagnostics == ()


def test_no_trap_nodes(shipped):
    """Text that is not a name never becomes a node: prices, claims, halves of headings."""
    names = {d["label"] for _, d in shipped.graph.nodes(data=True)}
    for bad in ("Independent", "vendor lock-in", "$3-4/hour elsewhere", "Infrastructure",
                "Application Strategy", "Enterprise", "Developer-First Go-to-Market", "Simple APIs"):
        assert bad not in names


def test_shared_extraction_check_passes(tmp_path, invoke):
    """The workplace's scorer (../shared/checks) accepts our export of the shipped document."""
    check = ROOT.parent / "shared" / "checks" / "extract_check.py"
    if not check.exists():
        pytest.skip("shared/checks not beside this checkout")
    out = tmp_path / "graph.json"
    r = invoke("export", "--format", "node-link", "--data", DATA / "ai_infrastructure_2025.md", "-o", out)
    assert r.exit_code == 0, r.stderr
    p = subprocess.run([sys.executable, str(check), str(out), str(check.parent / "seed_expectations.json")],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "competes 16/16, themes 8/8, extra 0, unexplained 0, traps 0" in p.stdout
    json.loads(out.read_text())
