"""Every core command through click's runner: stdout and stderr checked apart."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from landscape_paths import DATA

D = ("--data", DATA)


def all_commands():
    from rivalscape.cli.main import cli

    return sorted(cli.commands)


@pytest.mark.parametrize("name", all_commands())
def test_every_command_has_help_with_an_example(invoke, name):
    r = invoke(name, "--help")
    assert r.exit_code == 0
    assert "Example:" in r.stdout
    assert f"landscape {name}" in r.stdout.split("Example:")[1]


def test_competitors_by_alias_text(invoke):
    r = invoke("competitors", "cursor", *D)
    assert r.exit_code == 0
    assert r.stdout == "Anysphere: no rivals in this landscape\n"
    r = invoke("competitors", "W&B", *D)
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Rivals of Weights & Biases (company):"
    assert "  MLflow (competitor)" in lines
    assert ("    Weights & Biases: Independent vs. vendor lock-in  "
            "[ai_infrastructure_2025.md:254]") in lines
    assert r.stderr == ""


def test_competitors_json_is_pure_json(invoke):
    r = invoke("competitors", "Modal", *D, "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["name"] == "Modal Labs"
    assert [c["name"] for c in doc["competitors"]] == [
        "AWS", "GCP", "Replicate", "RunPod", "Self-managed"]
    rep = next(c for c in doc["competitors"] if c["name"] == "Replicate")
    assert rep["kind"] == "company"
    assert rep["claims"] == [  # claims carry `against` everywhere (issue 10.6)
        {"by": "Modal Labs", "against": "Replicate",
         "text": "More flexible, better for custom use cases",
         "source": "ai_infrastructure_2025.md:91"},
        {"by": "Replicate", "against": "Modal Labs",
         "text": "Model marketplace vs. general compute platform",
         "source": "ai_infrastructure_2025.md:203"},
    ]


def test_competitors_depth_two_marks_distance(invoke):
    doc = json.loads(invoke("competitors", "Humanloop", *D, "--json", "--depth", "2").stdout)
    assert {c["distance"] for c in doc["competitors"]} == {1}
    doc = json.loads(invoke("competitors", "MLflow", *D, "--json", "--depth", "2").stdout)
    rows = [(c["name"], c["distance"], c["via"]) for c in doc["competitors"]]
    assert rows == [
        ("Weights & Biases", 1, None),
        ("Cloud providers", 2, "Weights & Biases"),
        ("Internal tools", 2, "Weights & Biases"),
        ("Neptune", 2, "Weights & Biases"),
    ]


def test_unknown_name_exits_2_with_suggestion(invoke):
    r = invoke("competitors", "Modl", *D)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "no entity 'Modl' (did you mean 'Modal Labs'?)" in r.stderr
    assert "Traceback" not in r.stderr


def test_show_profile(invoke):
    r = invoke("show", "together", *D)
    assert r.exit_code == 0
    out = r.stdout
    assert out.startswith("Together AI (company)\n  also known as: Together\n")
    assert "  Funding: $102.5M Series A at $1.25B valuation  [ai_infrastructure_2025.md:115]" in out
    assert "  Open Source Integration: Built entirely around open source models" in out
    p = json.loads(invoke("show", "Together AI", *D, "--json").stdout)
    assert p["parsed"] == {"founded": 2022, "funding_usd": 102.5e6, "funding_round": "Series A",
                           "valuation_usd": 1.25e9}
    assert [t["name"] for t in p["themes"]] == ["Abstraction Layer Value", "Open Source Integration"]
    assert p["sources"] == ["ai_infrastructure_2025.md:109"]


def test_show_theme(invoke):
    p = json.loads(invoke("show", "open source integration", *D, "--json").stdout)
    assert p["kind"] == "theme"
    assert [m["name"] for m in p["members"]] == [
        "Modal Labs", "Replicate", "Together AI", "Weights & Biases"]


def test_themes_list_and_one(invoke):
    r = invoke("themes", *D)
    assert r.exit_code == 0
    assert "Abstraction Layer Value  [ai_infrastructure_2025.md:326]\n" \
           "  members: Anysphere, Modal Labs, Replicate, Together AI\n" in r.stdout
    doc = json.loads(invoke("themes", "Open Source Integration", *D, "--json").stdout)
    assert len(doc["themes"]) == 1
    assert doc["themes"][0]["members"][3] == {
        "name": "Weights & Biases", "id": "weights-and-biases", "kind": "company",
        "description": "Integrates with all major open source ML tools",
        "source": "ai_infrastructure_2025.md:351"}
    # any entity by name (issue 10.8): a company gives the themes it belongs to
    r = invoke("themes", "Modal Labs", *D, "--json")
    assert r.exit_code == 0
    assert [t["name"] for t in json.loads(r.stdout)["themes"]] == [
        "Abstraction Layer Value", "Open Source Integration"]
    r = invoke("themes", "Humanloop", *D)
    assert r.exit_code == 0 and r.stdout == "" and "Humanloop: in no theme" in r.stderr
    assert invoke("themes", "Modl", *D).exit_code == 2


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_opens_in_graph_tools(invoke, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    r = invoke("export", "--format", fmt, *D, "-o", out)
    assert r.exit_code == 0
    assert r.stdout == ""
    H = reader(out)
    assert H.number_of_nodes() == 25 and H.number_of_edges() == 24
    labels = {d.get("label") for _, d in H.nodes(data=True)}
    assert {"Anysphere", "Weights & Biases", "Open Source Integration"} <= labels
    first = out.read_bytes()
    invoke("export", "--format", fmt, *D, "-o", out)
    assert out.read_bytes() == first


def test_export_node_link_to_stdout(invoke):
    r = invoke("export", *D)
    doc = json.loads(r.stdout)
    assert set(doc) >= {"nodes", "edges", "graph"}
    G = nx.node_link_graph(doc, edges="edges")
    assert G.nodes["anysphere"]["aliases"] == ["Cursor"]
    assert G.edges["modal-labs", "replicate"]["kind"] == "competes"


def test_validate_clean_data(invoke):
    r = invoke("validate", *D, "--strict")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert r.stderr.splitlines() == [
        "data/ai_infrastructure_2025.md: no subject; rivalries read: 16 (vs-item 16)",
        "0 error(s), 0 warning(s)"]


def test_build_writes_every_output_and_a_summary(invoke, tmp_path):
    out = tmp_path / "out"
    r = invoke("build", *D, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "6 companies, 8 competitors, 6 alternatives, 5 themes, 16 rivalries\n"
    names = ["landscape.html", "graph.json", "centrality.md", "report.md"]
    # "wrote ..." is progress, not a result: stderr, as export and report do (issue 10.9)
    assert r.stderr.splitlines() == [f"wrote {out / n}" for n in names] + [
        f"wrote {out / 'battlecards'} (16 battlecards)"]
    G = nx.node_link_graph(json.loads((out / "graph.json").read_text()), edges="edges")
    assert G.number_of_nodes() == 25
    centrality = (out / "centrality.md").read_text()
    assert "competition graph" in centrality
    assert "| 1 | Modal Labs | company |" in centrality
    assert "AI INFRASTRUCTURE CASE STUDIES (2025)" in (out / "landscape.html").read_text()


def test_build_same_input_same_bytes(invoke, tmp_path):
    for name in ("a", "b"):
        assert invoke("build", *D, "--out", tmp_path / name).exit_code == 0
    for f in ("landscape.html", "graph.json", "centrality.md", "report.md"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_build_focus_draws_a_neighbourhood(invoke, tmp_path):
    r = invoke("build", *D, "--out", tmp_path, "--focus", "W&B", "--depth", "1")
    assert r.exit_code == 0, r.stderr
    assert "landscape.html: showing" in r.stderr and "Weights & Biases" in r.stderr
    html = (tmp_path / "landscape.html").read_text()
    assert '"label":"MLflow"' in html and '"label":"LangChain"' not in html
    r = invoke("build", *D, "--out", tmp_path, "--focus", "Modl")
    assert r.exit_code == 2 and "no entity 'Modl'" in r.stderr


def test_unwritable_output_is_an_error_not_a_traceback(invoke, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = invoke("export", *D, "-o", blocker / "sub" / "graph.json")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "Error: " in r.stderr and "Traceback" not in r.stderr
    assert str(blocker) in r.stderr


def test_build_accepts_verbose_and_depth_needs_focus(invoke, tmp_path):
    # issue 10.13
    r = invoke("build", *D, "--out", tmp_path / "o", "-v")
    assert r.exit_code == 0, r.stderr
    r = invoke("build", *D, "-o", tmp_path / "o2")  # -o as in report, --out as in report too
    assert r.exit_code == 0 and (tmp_path / "o2" / "report.md").exists()
    r = invoke("build", *D, "--out", tmp_path / "p", "--depth", "2")
    assert r.exit_code == 2 and "--depth needs --focus" in r.stderr
    assert not (tmp_path / "p").exists()


def test_input_warnings_once_with_a_count_and_quiet(invoke, tmp_path):
    # issue 10.9: a count line, then each warning once; -q (on the command or on landscape) hides them
    doc = tmp_path / "w.md"
    doc.write_text("### 1. ACME: x\n**Company Snapshot**\n- Founded: 2020\n"
                   "**Competitive Positioning**\n- vs.\n- **vs. Globex**: cheaper\n", encoding="utf-8")
    r = invoke("competitors", "Acme", "--data", doc)
    assert r.exit_code == 0 and "Globex" in r.stdout
    err = r.stderr.splitlines()
    assert err[0] == "1 warning in the input (-q to hide):"
    assert len(err) == 2 and err[1].endswith("'vs.' item names no competitor")
    for args in (("competitors", "Acme", "--data", doc, "-q"), ("-q", "competitors", "Acme", "--data", doc)):
        q = invoke(*args)
        assert q.exit_code == 0 and q.stderr == "" and "Globex" in q.stdout


def test_show_finds_the_page_search_forms(invoke):
    """`landscape show wandb` found nothing while the page's search found W&B (issue 7/11)."""
    r = invoke("show", "wandb", "--json", *D)
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["id"] == "weights-and-biases"
