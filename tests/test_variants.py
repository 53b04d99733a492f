"""The reader on documents written in other authors' styles.

One fixture folder per rule or style (``tests/fixtures/<case>/``), each read with
``graph.pipeline.load`` and checked exactly: which entities of which kind, which rivalries
with which claims, which themes and members, and the line each came from.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from rivalscape.graph.pipeline import load

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@lru_cache(maxsize=None)
def _load(case: str):
    return load([FIXTURES / case])


def graph(case: str):
    return _load(case).graph


def kinds(G) -> dict[str, str]:
    """Every node id with its kind: compared whole, so an extra or missing node fails."""
    return {n: k for n, k in G.nodes(data="kind")}


def labels(G, kind: str) -> dict[str, str]:
    return {n: d["label"] for n, d in G.nodes(data=True) if d["kind"] == kind}


def rivalries(G) -> set[tuple[str, str]]:
    return {tuple(sorted((u, v))) for u, v, k in G.edges(data="kind") if k == "competes"}


def claims(G, a: str, b: str) -> list[tuple[str, str, str, int]]:
    """``(by, text, path, line)`` of every claim on the a-b rivalry, in stored order."""
    return [(c["by"], c["text"], c["source"]["path"], c["source"]["line"])
            for c in G.edges[a, b]["claims"]]


def memberships(G) -> dict[tuple[str, str], tuple[str, int]]:
    """``{(theme label, member id): (description, line)}``."""
    out = {}
    for u, v, d in G.edges(data=True):
        if d["kind"] == "theme":
            out[(G.nodes[d["theme"]]["label"], d["member"])] = (d["description"], d["source"]["line"])
    return out


def facts(G, node: str) -> list[tuple[str, str, int]]:
    return [(f["label"], f["text"], f["source"]["line"]) for f in G.nodes[node]["facts"]]


def sources(G, node: str) -> list[tuple[str, int]]:
    return [(s["path"], s["line"]) for s in G.nodes[node]["sources"]]


def warnings(case: str) -> list[tuple[str, int | None, str]]:
    return [(Path(d.path).name, d.line, d.message) for d in _load(case).diagnostics]


# --- headings ------------------------------------------------------------------------------


def test_dash_tagline_numbered_level3_headings():
    """`### 1. Acme Robotics — Warehouse Automation` and an en dash: the name is before the dash."""
    G = graph("dash_tagline")
    assert kinds(G) == {
        "acme-robotics": "company", "botco": "company",
        "locus": "competitor", "fetch": "competitor", "manual-picking": "alternative",
    }
    assert labels(G, "company") == {"acme-robotics": "Acme Robotics", "botco": "Botco"}
    assert sources(G, "acme-robotics") == [("robotics.md", 5)]
    assert sources(G, "botco") == [("robotics.md", 16)]
    assert G.nodes["acme-robotics"]["sources"][0]["section"] == "1. Acme Robotics — Warehouse Automation"
    assert rivalries(G) == {
        ("acme-robotics", "botco"), ("acme-robotics", "fetch"),
        ("acme-robotics", "locus"), ("acme-robotics", "manual-picking"),
    }
    assert claims(G, "acme-robotics", "locus") == [
        ("acme-robotics", "Picks items, not just totes", "robotics.md", 13)]
    assert claims(G, "acme-robotics", "fetch") == [
        ("acme-robotics", "Picks items, not just totes", "robotics.md", 13)]
    assert claims(G, "acme-robotics", "botco") == [
        ("botco", "Software only, no hardware lock-in", "robotics.md", 22)]
    assert facts(G, "acme-robotics") == [
        ("Founded", "2016", 8), ("Focus", "Autonomous picking robots", 9), ("Funding", "$40M Series B", 10)]
    n = G.nodes["acme-robotics"]
    assert (n["founded"], n["funding_usd"], n["funding_round"], n["valuation_usd"]) == (
        2016, pytest.approx(40e6), "Series B", None)
    assert facts(G, "botco") == [("Founded", "2019", 18), ("Product", "Fleet management software", 19)]


def test_level2_headings_with_paren_alias_and_paren_numbering():
    """`## 3) GLOBEX CORP (Globex): Logistics Platform`: numbering `3)`, alias in parentheses."""
    G = graph("paren_alias_h2")
    assert kinds(G) == {
        "globex-corp": "company", "umbrella-freight": "company",
        "flexport": "competitor", "spreadsheets": "alternative",
    }
    assert G.nodes["globex-corp"]["label"] == "Globex Corp"
    assert G.nodes["globex-corp"]["aliases"] == ["Globex"]
    assert G.nodes["umbrella-freight"]["label"] == "Umbrella Freight"
    assert G.nodes["umbrella-freight"]["aliases"] == ["UF"]
    assert rivalries(G) == {
        ("flexport", "globex-corp"), ("globex-corp", "spreadsheets"), ("globex-corp", "umbrella-freight"),
    }
    # "vs. Globex" in Umbrella's section resolves through the heading alias.
    assert claims(G, "globex-corp", "umbrella-freight") == [
        ("umbrella-freight", "Cheaper for ocean freight", "logistics.md", 21)]
    assert facts(G, "globex-corp") == [
        ("Founded", "2009", 6), ("HQ", "Springfield", 7), ("Funding", "$1.2B total", 8)]
    assert G.nodes["globex-corp"]["funding_usd"] == pytest.approx(1.2e9)
    assert G.nodes["globex-corp"]["funding_round"] is None


def test_level4_company_headings_under_part_headings():
    G = graph("level4_headings")
    assert kinds(G) == {
        "keystone-id": "company", "gatekeep": "company",
        "okta": "competitor", "in-house-teams": "alternative",
    }
    assert sources(G, "keystone-id") == [("security.md", 7)]
    assert sources(G, "gatekeep") == [("security.md", 16)]
    assert rivalries(G) == {("keystone-id", "okta"), ("in-house-teams", "keystone-id"), ("gatekeep", "keystone-id")}
    assert claims(G, "gatekeep", "keystone-id") == [("gatekeep", "Reviews, not login", "security.md", 22)]
    assert facts(G, "keystone-id") == [
        ("Founded", "2020", 9), ("Focus", "Passkeys for workforce identity", 10)]


def test_unnumbered_profiles_with_snapshot_list():
    """`## Initech` with no number and no tagline is a company because it has facts; a
    structural heading (`## Market Overview`) is not, facts or not."""
    G = graph("unnumbered_profiles")
    assert kinds(G) == {"initech": "company", "intertrode": "company", "custom-solutions": "alternative"}
    assert sources(G, "initech") == [("vendors.md", 3)]
    assert sources(G, "intertrode") == [("vendors.md", 14)]
    assert rivalries(G) == {("initech", "intertrode"), ("custom-solutions", "initech")}
    assert claims(G, "initech", "intertrode") == [("initech", "Faster rollout", "vendors.md", 11)]
    assert facts(G, "initech") == [
        ("Founded", "1999", 5), ("Product", "TPS report automation", 6), ("Customers", "40 banks", 7)]
    n = G.nodes["intertrode"]
    assert (n["founded"], n["funding_usd"], n["funding_round"]) == (2004, pytest.approx(8e6), "Seed")


def test_rivalries_under_competition_subheading():
    """A profile's own `#### Competition` subheading belongs to the profile; its subheadings
    (`Product`, `Competition`, `Customers`) are not companies."""
    G = graph("competition_subheading")
    assert kinds(G) == {
        "hooli": "company", "pied-piper": "company", "sourcegraph": "competitor", "grep": "competitor",
    }
    assert rivalries(G) == {("hooli", "sourcegraph"), ("grep", "hooli"), ("hooli", "pied-piper")}
    assert claims(G, "hooli", "sourcegraph") == [("hooli", "Faster indexing", "devtools.md", 15)]
    assert claims(G, "grep", "hooli") == [("hooli", "Understands code structure", "devtools.md", 16)]
    # `1. Versus Hooli — claim`: numbered, not bold, em dash.
    assert claims(G, "hooli", "pied-piper") == [("pied-piper", "Better Weissman score", "devtools.md", 30)]
    assert facts(G, "hooli") == [("Founded", "2012", 6), ("Product", "Code search", 7)]


def test_section_ends_at_deeper_themes_heading():
    """Companies at level 2, `### Key Themes` at level 3: the last profile ends there, and
    the `vs.` items of the lessons and appendix after it belong to nobody."""
    G = graph("section_end")
    assert kinds(G) == {
        "dataloop": "company", "metricly": "company", "amplitude": "competitor", "looker": "competitor",
        "theme:warehouse-native-analytics": "theme",
    }
    assert rivalries(G) == {("amplitude", "dataloop"), ("looker", "metricly")}
    assert claims(G, "looker", "metricly") == [("metricly", "Open metrics layer", "analytics.md", 17)]
    assert memberships(G) == {
        ("Warehouse-native analytics", "dataloop"): ("Runs queries in the customer's warehouse", 22),
        ("Warehouse-native analytics", "metricly"): ("Definitions live next to the data", 23),
    }
    assert sources(G, "theme:warehouse-native-analytics") == [("analytics.md", 21)]


def test_section_ends_at_deeper_lessons_and_conclusion_headings():
    G = graph("section_end_lessons")
    assert kinds(G) == {
        "dataloop": "company", "metricly": "company", "amplitude": "competitor", "looker": "competitor",
    }
    assert rivalries(G) == {("amplitude", "dataloop"), ("looker", "metricly")}


# --- labels ----------------------------------------------------------------------------------


def test_all_caps_names_get_readable_labels():
    """Title case keeping `&` and `AI`; a mixed-case mention elsewhere (`OpenPipe`,
    `Hugging Face Hub`) wins over title case; an ALL-CAPS rival mention finds the company."""
    G = graph("all_caps_labels")
    assert labels(G, "company") == {
        "modal-labs": "Modal Labs",
        "deepgram-ai": "Deepgram AI",
        "weights-and-biases": "Weights & Biases",
        "hugging-face-hub": "Hugging Face Hub",
        "openpipe": "OpenPipe",
    }
    assert labels(G, "competitor") == {"runpod": "RunPod", "mlflow": "MLflow", "replicate": "Replicate"}
    assert rivalries(G) == {
        ("modal-labs", "runpod"), ("deepgram-ai", "modal-labs"), ("mlflow", "weights-and-biases"),
        ("hugging-face-hub", "replicate"), ("openpipe", "weights-and-biases"),
    }
    assert claims(G, "openpipe", "weights-and-biases") == [("openpipe", "Narrower scope", "infra.md", 43)]
    for n in labels(G, "company"):
        assert G.nodes[n]["aliases"] == [], n


def test_lowercase_mention_does_not_become_label():
    G = graph("cross_document")
    assert G.nodes["modal-labs"]["label"] == "Modal Labs"


# --- snapshot facts --------------------------------------------------------------------------


def test_snapshot_facts_parsed_values():
    G = graph("snapshot_facts")
    assert kinds(G) == {
        "ledgerly": "company", "paywise": "company", "tallyco": "company",
        "quickbooks": "competitor", "gusto": "competitor",
    }
    assert facts(G, "ledgerly") == [
        ("Founded", "2015", 6), ("Founders", "Ana Ruiz, Tom Berg", 7),
        ("Funding", "$25M Series B at $300M valuation", 8), ("Customers", "1,200 small businesses", 9),
    ]
    parsed = {n: (d["founded"], d["funding_usd"], d["funding_round"], d["valuation_usd"])
              for n, d in G.nodes(data=True) if d["kind"] == "company"}
    assert parsed == {
        "ledgerly": (2015, pytest.approx(25e6), "Series B", pytest.approx(300e6)),
        "paywise": (2011, pytest.approx(1.5e9), "Series D", pytest.approx(9e9)),
        "tallyco": (2020, None, "Bootstrapped", None),
    }
    # The first value is kept; the same value twice is not a conflict.
    assert facts(G, "paywise") == [
        ("Founded", "Founded in 2011 in Berlin", 16),
        ("Funding", "$1.5B raised, valued at $9B (Series D)", 17),
    ]
    assert facts(G, "tallyco") == [("Founded", "2020", 25), ("Funding", "Bootstrapped", 26)]


def test_fact_given_twice_with_different_values_warns_once():
    assert warnings("snapshot_facts") == [
        ("fintech.md", 18, "fact 'Funding' of 'Paywise' given twice with different values "
                           "('$1.5B raised, valued at $9B (Series D)' at fintech.md:17); keeping the first"),
    ]


def test_fact_conflict_across_documents_warns_at_the_later_document():
    G = graph("fact_conflict_across_docs")
    assert kinds(G) == {"modal-labs": "company", "runpod": "competitor"}
    assert sources(G, "modal-labs") == [("a.md", 3), ("b.md", 3)]
    assert G.nodes["modal-labs"]["founded"] == 2021
    assert [(f, ln, m.split(" given")[0]) for f, ln, m in warnings("fact_conflict_across_docs")] == [
        ("b.md", 5, "fact 'Founded' of 'Modal Labs'")]


def test_facts_and_rivals_in_one_list():
    G = graph("facts_and_rivals_one_list")
    assert kinds(G) == {
        "quillo": "company", "jotter": "company", "notion": "competitor", "evernote": "competitor",
    }
    assert rivalries(G) == {("notion", "quillo"), ("evernote", "quillo"), ("jotter", "quillo")}
    assert facts(G, "quillo") == [("Founded", "2018", 4), ("Focus", "Shared notes", 5)]
    assert facts(G, "jotter") == [("Founded", "2021", 11), ("Funding", "$3M Seed", 12)]
    assert G.nodes["jotter"]["funding_usd"] == pytest.approx(3e6)


def test_facts_and_rivals_in_one_list_rivals_still_read():
    """The part of the mixed-list case that works today: the rivalries and claims."""
    G = graph("facts_and_rivals_one_list")
    assert rivalries(G) == {("notion", "quillo"), ("evernote", "quillo"), ("jotter", "quillo")}
    assert claims(G, "notion", "quillo") == [("quillo", "Faster search", "notes.md", 6)]
    assert claims(G, "jotter", "quillo") == [("jotter", "Voice first", "notes.md", 14)]


def test_bold_fact_keys_without_snapshot_label():
    G = graph("bold_fact_keys")
    assert facts(G, "staffa") == [
        ("Founded", "2019", 5), ("Funding", "$5M Seed", 6), ("Customers", "80 agencies", 7)]
    assert facts(G, "rosterly") == [("Founded", "2016", 14), ("HQ", "Lisbon", 15)]
    assert G.nodes["staffa"]["funding_usd"] == pytest.approx(5e6)


# --- rivalries -------------------------------------------------------------------------------


RIVAL_FORMS = {
    # rival id: (claim text, line)
    "aws": ("Runs anywhere, no cloud lock-in", 9),          # - **vs. AWS/GCP**: claim
    "gcp": ("Runs anywhere, no cloud lock-in", 9),
    "snowflake": ("Compute stays in your lake", 10),        # * vs Snowflake / BigQuery - claim
    "bigquery": ("Compute stays in your lake", 10),
    "airflow": ("Declarative assets", 11),                  # 1. **Versus** Airflow, Dagster and Prefect — claim
    "dagster": ("Declarative assets", 11),
    "prefect": ("Declarative assets", 11),
    "dbt-cloud": ("Orchestrates more than SQL", 12),        # - VS. dbt Cloud: claim
    "weights-and-biases": ("Different problem, often confused", 13),  # '&' never splits
    "smith-and-jones": ("Open source core", 14),            # known company: 'and' does not split
    "looker": ("Not a BI tool", 15),                        # - **vs. Looker:** claim
    "fivetran": ("Ingestion is a plugin", 16),              # - versus Fivetran: claim
    "mode": ("Not a notebook", 17),                         # - **vs.** Mode -- claim
    "hex": ("Not a notebook either", 19),                   # nested item, 'Vs.'
    "kestra": ("Older and battle-tested", 20),              # 2) vs. A, B, or C: claim
    "mage": ("Older and battle-tested", 20),
    "windmill": ("Older and battle-tested", 20),
}


def test_rival_forms_one_edge_per_rival_claim_kept():
    G = graph("rival_forms")
    expected_kinds = {n: "competitor" for n in RIVAL_FORMS}
    expected_kinds.update({"dagflow": "company", "smith-and-jones": "company"})
    assert kinds(G) == expected_kinds
    assert rivalries(G) == {tuple(sorted(("dagflow", n))) for n in RIVAL_FORMS}
    for rival, (text, line) in RIVAL_FORMS.items():
        if rival == "smith-and-jones":
            continue
        assert claims(G, "dagflow", rival) == [("dagflow", text, "data.md", line)], rival
    # A rivalry named from both ends is one edge with both claims.
    assert claims(G, "dagflow", "smith-and-jones") == [
        ("dagflow", "Open source core", "data.md", 14),
        ("smith-and-jones", "Humans in the loop", "data.md", 28),
    ]
    e = G.edges["dagflow", "smith-and-jones"]
    assert (e["claimants"], e["mutual"]) == (["dagflow", "smith-and-jones"], True)
    assert G.nodes["dbt-cloud"]["label"] == "dbt Cloud"
    assert G.nodes["weights-and-biases"]["label"] == "Weights & Biases"


def test_vs_outside_list_items_is_not_a_rivalry():
    """'vs.' in prose, inside a claim, in a price, in a heading, in fenced and indented code."""
    G = graph("not_rivalries")
    assert kinds(G) == {"nimbus": "company", "lambda-labs": "competitor"}
    assert rivalries(G) == {("lambda-labs", "nimbus")}
    assert claims(G, "lambda-labs", "nimbus") == [
        ("nimbus", "Independent vs. vendor lock-in", "cloud.md", 15)]
    assert facts(G, "nimbus") == [("Founded", "2021", 5), ("Focus", "GPU rental", 6)]
    assert warnings("not_rivalries") == []


# --- themes ----------------------------------------------------------------------------------


def test_key_themes_members_only_when_lead_is_known():
    """`## Key Themes` at the companies' level; numbering stripped from a theme heading;
    `- **AWS**:` names a known rival and is a member, `- **Simple APIs**:` is not."""
    G = graph("key_themes")
    assert kinds(G) == {
        "modal-labs": "company", "replicate": "company", "aws": "competitor",
        "self-managed": "alternative",
        "theme:abstraction": "theme", "theme:developer-experience": "theme",
    }
    assert labels(G, "theme") == {
        "theme:abstraction": "Abstraction", "theme:developer-experience": "Developer Experience"}
    assert sources(G, "theme:abstraction") == [("ml.md", 22)]
    assert memberships(G) == {
        ("Abstraction", "modal-labs"): ("Abstracts GPUs", 23),
        ("Abstraction", "replicate"): ("Abstracts packaging", 24),
        ("Abstraction", "aws"): ("The thing being abstracted", 25),
        ("Developer Experience", "replicate"): ("Cog makes packaging easy", 30),
    }
    assert G.nodes["modal-labs"]["aliases"] == ["Modal"]
    assert rivalries(G) == {("aws", "modal-labs"), ("modal-labs", "self-managed"), ("modal-labs", "replicate")}


# --- resolution across documents ---------------------------------------------------------------


def test_cross_document_resolution():
    """Profiled in one document, named in another: one node. `Modal`, `modal labs`,
    `together`, `W&B`, `Neptune`/`Neptune.ai` all resolve, case-insensitively."""
    G = graph("cross_document")
    assert kinds(G) == {
        "modal-labs": "company", "together-ai": "company", "weights-and-biases": "company",
        "replicate": "company", "comet-ml": "company",
        "fireworks": "competitor", "neptune-ai": "competitor",
    }
    assert G.graph["documents"] == ["a_profiles.md", "b_rivals.md"]
    assert rivalries(G) == {
        ("modal-labs", "replicate"), ("fireworks", "together-ai"), ("neptune-ai", "weights-and-biases"),
        ("replicate", "together-ai"), ("comet-ml", "weights-and-biases"), ("comet-ml", "neptune-ai"),
        ("comet-ml", "modal-labs"),
    }
    assert claims(G, "modal-labs", "replicate") == [
        ("modal-labs", "More flexible", "a_profiles.md", 9),
        ("replicate", "Marketplace", "b_rivals.md", 9),
    ]
    assert claims(G, "comet-ml", "weights-and-biases") == [("comet-ml", "Cheaper", "b_rivals.md", 18)]
    assert G.nodes["weights-and-biases"]["label"] == "Weights & Biases"
    assert G.nodes["together-ai"]["label"] == "Together AI"
    assert G.nodes["neptune-ai"]["label"] == "Neptune.ai"
    assert G.nodes["neptune-ai"]["aliases"] == ["Neptune"]
    assert sources(G, "neptune-ai") == [("a_profiles.md", 25), ("b_rivals.md", 19)]
    assert sources(G, "replicate") == [("b_rivals.md", 3)]


def test_no_over_merge():
    """`AWS` is not `AWS Lambda`, `Google` is not `Google Cloud`, `Flow AI` is not `Metaflow`."""
    G = graph("over_merge")
    assert kinds(G) == {
        "skyline": "company", "flow-ai": "company",
        "aws": "competitor", "aws-lambda": "competitor", "google": "competitor",
        "google-cloud": "competitor", "metaflow": "competitor",
    }
    assert rivalries(G) == {
        ("aws", "skyline"), ("aws-lambda", "skyline"), ("google", "skyline"), ("google-cloud", "skyline"),
        ("flow-ai", "metaflow"), ("flow-ai", "skyline"),
    }
    assert claims(G, "flow-ai", "metaflow") == [("flow-ai", "Agents, not pipelines", "clouds.md", 20)]
    assert claims(G, "google", "skyline") == [("skyline", "Not an ad company", "clouds.md", 11)]
    for n in ("aws", "aws-lambda", "google", "google-cloud", "metaflow", "flow-ai"):
        assert G.nodes[n]["aliases"] == [], n


# --- kinds -------------------------------------------------------------------------------------


def test_generic_alternatives_vs_named_competitors():
    G = graph("alternatives")
    assert kinds(G) == {
        "opsly": "company",
        "self-managed": "alternative", "cloud-providers": "alternative",
        "custom-deployment": "alternative", "internal-tools": "alternative",
        "custom-solutions": "alternative", "general-mlops": "alternative",
        "in-house-teams": "alternative", "spreadsheets": "alternative",
        "ci-cd-tools": "alternative",  # a generic name with '/' is not split
        "backstage": "competitor",
    }
    assert G.nodes["ci-cd-tools"]["label"] == "CI/CD tools"
    assert claims(G, "opsly", "in-house-teams") == [("opsly", "No hiring", "generic.md", 15)]


# --- provenance --------------------------------------------------------------------------------


def test_provenance_path_relative_to_data_folder():
    G = graph("nested_provenance")
    assert G.graph["documents"] == ["2025/q1.md", "top.md"]
    assert sources(G, "alpha-one") == [("2025/q1.md", 3)]
    assert sources(G, "beta-two") == [("top.md", 3)]
    assert claims(G, "alpha-one", "beta-two") == [("alpha-one", "Faster", "2025/q1.md", 9)]


def test_provenance_of_a_file_given_directly_is_its_name():
    G = load([FIXTURES / "nested_provenance" / "2025" / "q1.md"]).graph
    assert G.graph["documents"] == ["q1.md"]
    assert sources(G, "alpha-one") == [("q1.md", 3)]


VALID_CASES = sorted(
    p.name for p in FIXTURES.iterdir()
    if p.is_dir() and not p.name.startswith(("bad_", "no_company"))
)


# Tables and data files point at rows and keys, checked in test_structured.py.
MARKDOWN_CASES = [c for c in VALID_CASES
                  if all(f.suffix == ".md" for f in (FIXTURES / c).rglob("*") if f.is_file())]


@pytest.mark.parametrize("case", MARKDOWN_CASES)
def test_every_node_and_edge_points_at_its_line(case):
    """Every source is a document of the folder and a line whose text holds what was read
    there: a company's heading name, a claim's text, a member's description, a fact."""
    G = graph(case)
    docs = G.graph["documents"]
    text = {d: (FIXTURES / case / d).read_text(encoding="utf-8").splitlines() for d in docs}

    def line(src):
        assert src["path"] in docs, src
        assert isinstance(src["line"], int) and 1 <= src["line"] <= len(text[src["path"]]), src
        return text[src["path"]][src["line"] - 1]

    def from_line(src, n=8):
        """The text from a source's line on (a claim may run over several lines)."""
        return " ".join(text[src["path"]][src["line"] - 1:src["line"] - 1 + n])

    assert G.number_of_nodes() > 0
    for n, d in G.nodes(data=True):
        assert d["sources"], n
        for s in d["sources"]:
            line(s)
        if d["kind"] == "company":
            s = d["sources"][0]
            # a profile heading, or the line that names a document's subject (front matter,
            # title, or the first sentence that names it)
            assert line(s).lstrip().startswith(("#", "---")) or d["label"] in line(s), (n, s)
        for f in d["facts"]:
            assert f["text"] in line(f["source"]), (n, f)
    for u, v, d in G.edges(data=True):
        if d["kind"] != "competes":
            assert d["description"] in line(d["source"]), (u, v, d)
            continue
        assert d["claims"]
        for c in d["claims"]:
            at, ev = line(c["source"]).strip(), c["evidence"]
            if ev == "vs-item":
                assert c["text"] in at, (u, v, c)
                assert at.lower().lstrip(" -*0123456789.)").lstrip("*").startswith(("vs", "versus"))
            elif ev == "heading":  # a heading, or a title given in front matter
                assert at.startswith(("#", "title:")) and " vs" in at.lower(), (u, v, c)
            elif ev == "table":
                assert at.startswith("|"), (u, v, c)
            elif ev == "section":
                assert at.startswith(("#", "-", "*", "|")) or at[:1].isdigit(), (u, v, c)
            else:  # lead, prose: the claim is the sentence or item read there
                flat = " ".join(from_line(c["source"]).replace("*", "").split())
                assert " ".join(c["text"].replace("*", "").split())[:30] in flat, (u, v, c)


@pytest.mark.parametrize("case", VALID_CASES)
def test_same_input_same_graph(case):
    import json

    import networkx as nx

    a = nx.node_link_data(load([FIXTURES / case]).graph, edges="edges")
    b = nx.node_link_data(load([FIXTURES / case]).graph, edges="edges")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_grouping_headings_are_not_companies():
    """'## Payment processors' holds profiles; it is no company, even with a single member."""
    G = graph("grouped_profiles")
    assert kinds(G) == {"stripe": "company", "adyen": "company", "klarna": "company",
                        "affirm": "competitor"}
    assert rivalries(G) == {("adyen", "stripe"), ("affirm", "klarna")}
    assert claims(G, "stripe", "adyen") == [
        ("stripe", "developer experience", "payments.md", 10),
        ("adyen", "unified commerce", "payments.md", 16),
    ]
    assert facts(G, "klarna") == [("Founded", "2005", 21), ("HQ", "Stockholm", 22)]
    assert warnings("grouped_profiles") == []


def test_profile_split_into_subsections_is_one_company():
    G = graph("profile_subsections")
    assert kinds(G) == {"initech": "company", "initrode": "competitor"}
    assert facts(G, "initech") == [("Founded", "1999", 6), ("HQ", "Austin", 7)]
    assert claims(G, "initech", "initrode") == [
        ("initech", "cheaper TPS reports", "initech.md", 10)]
